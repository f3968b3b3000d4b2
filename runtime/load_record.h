// The part of loading shared by the YAML and CSV readers: turning one record's raw field texts into
// typed values (defaults, enum ranks, interned text, money in the base currency), appending
// positions column by column, and the final grouping of positions by account. Internal to the
// loaders (load_input.h is the entry point).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/money.h"
#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::runtime::load {

// At most this many file-level errors are reported per input; one more closes the list.
inline constexpr std::size_t kMaxInputErrors = 100;

// Collects file-level errors as Diagnostics with no SourceFile: the message starts with
// "path:line: ". Once kMaxInputErrors are in, adds a closing error and turns Full(), so a reader
// can stop early.
class ErrorSink {
 public:
  explicit ErrorSink(std::vector<Diagnostic>& out) : out_(out) {}
  // `line` is 1-based; 0 leaves it out.
  void Add(DiagnosticKind kind, std::string_view path, std::size_t line, std::string_view message);
  bool Full() const { return count_ > kMaxInputErrors; }
  bool Empty() const { return count_ == 0; }

 private:
  std::vector<Diagnostic>& out_;
  std::size_t count_ = 0;
};

// The input of one field of one record, before parsing. `text` points into the reader's buffers
// and is only read during RecordParser::Parse.
struct RawValue {
  enum class State : std::uint8_t { Absent, Text, Nested };
  State state = State::Absent;
  std::string_view text;  // State::Text only
};

enum class RecordKind : std::uint8_t { Position, Account, Market };

// Parses records of one schema. Not thread-safe (it keeps scratch space); cheap to construct.
class RecordParser {
 public:
  RecordParser(const ir::Policy& policy, const std::vector<ir::Field>& schema, RecordKind kind);

  const std::vector<ir::Field>& schema() const { return *schema_; }
  // Index of the schema field called `name`, or -1.
  std::int32_t FieldIndex(std::string_view name) const;

  // Parses `raw` (one per schema field) into `out` (one per schema field): each present field by
  // its type, absent ones from their default, else unknown; money is converted to the base
  // currency with `market.fx`. Returns the first problem, naming the field, or "" when the record
  // is valid. A field that fails is unknown; the other fields keep their values.
  std::string Parse(std::span<const RawValue> raw, const Market& market, TextPool& text,
                    std::span<ir::Value> out);

 private:
  ir::Value ParseField(std::size_t index, const RawValue& raw, TextPool& text,
                       std::string& problem);
  ir::Value ParseText(std::size_t index, std::string_view raw, TextPool& text,
                      std::string& problem);
  ir::Value Missing(const ir::Field& field, TextPool& text, std::string& problem) const;
  void ConvertMoney(const Market& market, const TextPool& text, std::span<ir::Value> out,
                    std::string& problem);
  void CheckNotNegative(std::span<const RawValue> raw, std::span<ir::Value> out,
                        std::string& problem) const;
  // Base currency per unit of `code`; false when there is no rate.
  bool Rate(std::string_view code, const Market& market, double& rate) const;

  const ir::Policy* policy_;
  const std::vector<ir::Field>* schema_;
  std::int32_t currency_ = -1;                       // the schema's `currency` text field, or -1
  std::vector<std::size_t> money_;                   // indexes of money fields
  std::vector<std::size_t> non_negative_;            // positions: `quantity` and `market_value`
  std::vector<std::string_view> explicit_currency_;  // scratch: `500 EUR` names EUR
  std::int64_t cached_code_ = TextPool::kAbsent;     // the last record currency looked up
  bool cached_found_ = false;
  double cached_rate_ = 0;
};

// Appends positions to Input::positions, one column per position field; or, made with
// ForRows, writes them into rows that already exist, so that several threads can each fill a
// disjoint range of rows of one Positions.
class PositionWriter {
 public:
  PositionWriter(const ir::Policy& policy, Input& input);
  // A writer of rows [first, first + count) of `positions` (already that long), in order, whose
  // texts are interned into `text` (the caller remaps their codes) and whose source file is
  // `source_file` (an index into positions.source_prefix). A row beyond the range is not written
  // and makes Overflowed() true.
  static PositionWriter ForRows(const ir::Policy& policy, const Market& market, TextPool& text,
                                Positions& positions, std::size_t first, std::size_t count,
                                std::uint32_t source_file);

  RecordParser& parser() { return parser_; }
  // Reserves room for `count` more positions in every column (a hint; no effect on the values).
  void Reserve(std::size_t count);
  const ir::Policy& policy() const { return *policy_; }
  Input& input() { return *input_; }
  // Appends one position of account `account`, read at `source_prefix` (such as "book.csv:") and
  // `line`. A non-empty `rejection` (a problem the reader found, such as an unknown field) is kept
  // in preference to problems of the values; an empty `id` is "missing required field `id`".
  // Never drops the position. A ForRows writer writes the next row of its range instead (its
  // source file is fixed; `source_prefix` is not read).
  void Append(std::string_view id, std::int32_t account, std::span<const RawValue> raw,
              std::string rejection, std::string_view source_prefix, std::size_t line);
  // ForRows writers: rows written so far, and whether a row did not fit.
  std::size_t Written() const { return next_ - first_; }
  bool Overflowed() const { return overflowed_; }

 private:
  PositionWriter(const ir::Policy& policy, const Market& market, TextPool& text,
                 Positions& positions);

  const ir::Policy* policy_;
  Input* input_ = nullptr;  // null for a ForRows writer
  const Market* market_;
  TextPool* text_;
  Positions* positions_;
  RecordParser parser_;
  std::vector<ir::Value> values_;  // scratch, one per position field
  std::int32_t market_value_ = -1;
  std::string last_prefix_;  // a one-entry cache of Positions::SourcePrefix
  std::uint32_t last_prefix_index_ = 0;
  // ForRows: the range, the next row, the fixed source file.
  bool fill_ = false;
  bool overflowed_ = false;
  std::size_t first_ = 0;
  std::size_t next_ = 0;
  std::size_t end_ = 0;
  std::uint32_t fill_file_ = 0;
};

// Grows every column of `positions` (those its fields' types use) by `count` default rows, for
// PositionWriter::ForRows writers to fill; big columns are backed by transparent huge pages
// where the system allows (a 4 KiB page fault per 4 KiB of columns costs more than parsing). The
// columns are grown on `threads` threads.
void GrowRows(const ir::Policy& policy, Positions& positions, std::size_t count,
              unsigned threads = 1);
// Shrinks every column back to `size` rows (after a reader gave up).
void TruncateRows(Positions& positions, std::size_t size);

// Finishes Input::positions after every reader ran: orders positions by account (stably, so each
// account keeps its input order), sets each account's first_position and position_count, and
// rejects every repeat of a position id within an account ("duplicate position id `P1`"), on
// `threads` threads by account ranges (the result does not depend on their number).
void FinishPositions(Input& input, unsigned threads = 1);

}  // namespace collat::runtime::load
