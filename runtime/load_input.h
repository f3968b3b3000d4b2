// Loading an evaluation input (runtime/input.h) for a policy from a YAML file and the CSV file of
// positions it may name. Never throws, never prints; problems come back as values.
//
// YAML layout:
//
//   valuation_date: 2026-03-31        # required, YYYY-MM-DD
//   fx: { EUR: 1.08, GBP: 1.27 }      # base currency per unit; the base currency itself is 1
//   market: { funding_bump: 2% }      # the policy's market fields (optional when it has none)
//   accounts:                         # required, a list (may be empty)
//     - id: ACC-1                     # required, unique
//       requirement: 1_000_000        # the policy's account fields
//       positions:                    # optional: a list of position records
//         - { id: P1, asset_class: equity, quantity: 100, market_value: 25_000 }
//   positions_csv: big.csv            # optional: path relative to the YAML file, inside the roots
//   inventories: { inventory: [...] } # optional: read only to rebalance (load_inventory.h)
//
// CSV layout (positions_csv): UTF-8, LF or CRLF; a header row naming the columns `account`, `id`
// and any of the policy's position fields, in any order; then one row per position, whose
// `account` is an account id from `accounts`. Fields may be quoted with `"` (doubled inside). An
// empty unquoted cell is an absent value; `""` is the empty text. An account's CSV positions come
// after its YAML positions, in file order.
//
// Values, by field type (YAML scalars are taken as written: `NO` is the text `NO`):
//   number    1_000.5, -2e3           percent   15% or 0.15
//   money     25_000 (in the record's currency) or `25_000 EUR` (the code must equal the record's
//             `currency` field when its schema has one, defaulted or not)
//   bool      true, false              text      any scalar
//   enum      a label of the enum      date      2026-03-31
//   duration  30d, 2w, 6m, 1y
// An absent field (or a YAML null: `~`, nothing) takes the field's default, else is unknown when
// the field is optional (`T?`), else is missing.
//
// Money fields of a record (position, account or market) are in the record's `currency` field when
// its schema has one, else in the policy's base currency; the loader converts them to the base
// currency: amount x rate. `Positions::market_value` is the `market_value` field in the base
// currency (0 when unknown). Defaults are taken as they are in the policy (money defaults are in
// the base currency).
//
// Problems in one record are not file errors:
// - A position is REJECTED, with a reason naming the field, when: a required field is missing, a
//   value does not parse by its type, an enum label is unknown, a number is NaN or infinite,
//   `quantity` or `market_value` is negative, its currency has no FX rate, a money field's code
//   differs from its `currency` field (naming both), it has a field the
//   schema does not declare (a typo must not be ignored), or its id repeats an earlier position of
//   the same account. Rejected positions stay in Positions (nothing is dropped) with the values
//   that did parse; the values that did not are unknown.
// - An account with such a problem is kept with Account::rejection set.
// Everything else is a file error (an `input_syntax_error`, `input_error` or `io_error` Diagnostic
// with no SourceFile, whose message starts with "path:line: " and names the field): YAML syntax,
// bad bytes, nesting deeper than 64 levels, a missing or bad `valuation_date`, a bad FX rate or
// market field, an account without a unique id, anchors and aliases for records, a missing CSV,
// a CSV row with the wrong number of cells or an unknown account, bad quoting. After a file error,
// `input` may be partial: do not evaluate it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_roots.h"
#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::runtime {

// How to load. The loaded input is the same, byte for byte, for every option value.
struct LoadOptions {
  unsigned threads = 1;  // threads parsing the positions CSV in chunks (1: on the caller's thread)
};

struct LoadResult {
  Input input;
  std::vector<Diagnostic> diagnostics;  // any error: do not evaluate `input`
};

// Loads an evaluation input for `policy` from a YAML file (and the CSV file it may name). YAML
// files over kMaxSourceBytes are refused; the CSV file is streamed, at most kMaxCsvBytes with cells
// of at most kMaxCsvCellBytes (load_csv.h). The CSV file is read only inside the roots of `access`
// (base/file_roots.h; by default the YAML file's folder): elsewhere it is an `io_error` on the
// `positions_csv` line naming the path, and nothing of it is read.
LoadResult LoadInput(const ir::Policy& policy, const std::string& yaml_path,
                     const FileAccess& access = {}, const LoadOptions& options = {});

// The same from YAML text (for tests and embedders). `display_name` names the text in messages and
// sources; `base_dir` resolves a relative `positions_csv` path ("" is the current directory) and
// is the default root of `access`.
LoadResult LoadInputFromString(const ir::Policy& policy, std::string_view yaml_text,
                               const std::string& display_name, const std::string& base_dir,
                               const FileAccess& access = {}, const LoadOptions& options = {});

}  // namespace collat::runtime
