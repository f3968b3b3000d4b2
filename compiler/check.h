// The checker's entry point: parsed files in, a typed ir::Policy or diagnostics out. Resolves
// names, types every expression (three-valued optionals included), checks each user function's
// body once and shares it between its calls (ir::Policy::functions), folds constants and enforces
// the rules of docs/language.md that the grammar cannot see. Never prints, never throws for any
// input.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "compiler/ir.h"
#include "grammar/ast.h"

namespace collat {

// A parsed file: the policy first, then its imports (each once, in load order).
struct ParsedFile {
  SourceFilePtr source;
  ast::File ast;
  std::string import_alias;  // `import "x" as alias`: names are also reachable as alias.name
};

struct CheckResult {
  std::shared_ptr<const ir::Policy> policy;  // null when there are errors
  std::vector<Diagnostic> diagnostics;       // errors and warnings, in source order
};

// The rows of a data-file table (`table t: K -> V from "file"`): the loader (load_program.h) reads
// the file, the runtime's loaders, which own CSV and YAML, parse it (runtime/load_data_table.h).
// Keys and values are raw text; the checker types them.
struct DataRow {
  std::string key;
  std::string value;
  std::uint32_t line = 0;  // 1-based line of the record in the data file
};
struct DataTable {
  std::vector<DataRow> rows;
  std::string error;  // non-empty: the file could not be read; names the file, line and field
  std::string raw;    // the file's bytes: part of the policy, so part of its hash
};
// The parsed data files of a program's tables, by the name LoadedProgram::data_files gives them
// (the declaring file's folder joined with the path the table wrote).
using DataTables = std::map<std::string, DataTable>;

// Cost bounds (docs/language.md 16.5). The default is far above every shipped policy.
inline constexpr std::uint64_t kDefaultMaxCost = 1'000'000;
struct CheckerOptions {
  // The most IR nodes one position, and one account, may evaluate (compiler/cost.h: a function
  // call counts its body's cost, computed once per function). Beyond it the policy is rejected
  // (`cost_limit_exceeded`) naming the declaration.
  std::uint64_t max_cost = kDefaultMaxCost;
  // For the optimiser (rebalance/): append hidden outputs holding each rebalance block's
  // account-level items and each limit's amount and base (ir::Rebalance::trigger_output, ...,
  // ir::Policy::limit_amount_outputs). The policy's own outputs and results are unchanged; its
  // sha256 differs from the plain policy's, so a JIT object cache never mixes the two.
  bool rebalance_outputs = false;
};

// `data` holds the data files of the policy's tables; a table whose file is not in it is an error.
CheckResult Check(const std::vector<ParsedFile>& files, const DataTables& data = {},
                  const CheckerOptions& options = {});

}  // namespace collat
