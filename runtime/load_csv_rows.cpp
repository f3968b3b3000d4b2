#include "runtime/load_csv_rows.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "runtime/load_value.h"

namespace collat::runtime::load {

bool ReadCsvHeader(std::span<const CsvCell> cells, std::size_t line, const RecordParser& parser,
                   std::vector<CsvColumn>& columns, const CsvErrorFn& error) {
  bool ok = true;
  std::vector<bool> seen(parser.schema().size(), false);
  bool has_account = false;
  bool has_id = false;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string_view name = cells[i].text;
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);  // a UTF-8 BOM
    CsvColumn column;
    column.name = Excerpt(name);
    const std::int32_t field = parser.FieldIndex(name);
    bool repeated = false;
    if (name == "account") {
      column.role = CsvColumn::Role::Account;
      repeated = std::exchange(has_account, true);
    } else if (name == "id") {
      column.role = CsvColumn::Role::Id;
      repeated = std::exchange(has_id, true);
    } else if (field >= 0) {
      column.field = static_cast<std::size_t>(field);
      repeated = seen[column.field];
      seen[column.field] = true;
    } else {
      error(DiagnosticKind::input_error, line,
            fmt::format("unknown field `{}` in the header: the position schema has no such field",
                        column.name));
      ok = false;
    }
    if (repeated) {
      error(DiagnosticKind::input_error, line,
            fmt::format("field `{}` appears twice in the header", column.name));
      ok = false;
    }
    columns.push_back(std::move(column));
  }
  if (!has_account || !has_id) {
    error(DiagnosticKind::input_error, line,
          fmt::format("the header has no `{}` column", has_account ? "id" : "account"));
    ok = false;
  }
  return ok;
}

std::int32_t CsvRows::FindAccount(std::string_view id) {
  if (last_account_index_ >= 0 && id == last_account_) return last_account_index_;
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return -1;
  last_account_.assign(id);
  last_account_index_ = it->second;
  return it->second;
}

void CsvRows::Row(std::span<const CsvCell> cells, std::size_t line) {
  if (cells.size() != columns_.size()) {
    error_(DiagnosticKind::input_syntax_error, line,
           fmt::format("the row has {} field{}; the header has {}", cells.size(),
                       cells.size() == 1 ? "" : "s", columns_.size()));
    return;
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (IsCleanText(cells[i].text)) continue;
    error_(
        DiagnosticKind::input_syntax_error, line,
        fmt::format("field `{}` is not UTF-8 text without control characters", columns_[i].name));
    return;
  }
  std::fill(raw_.begin(), raw_.end(), RawValue{});
  std::string_view id;
  std::int32_t account = -1;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const CsvColumn& column = columns_[i];
    const std::string_view text = cells[i].text;
    switch (column.role) {
      case CsvColumn::Role::Account:
        account = FindAccount(text);
        if (account < 0) {
          error_(DiagnosticKind::input_error, line,
                 fmt::format("field `account`: unknown account `{}`", Excerpt(text)));
          return;
        }
        break;
      case CsvColumn::Role::Id:
        id = text;
        break;
      case CsvColumn::Role::Field:
        if (!cells[i].null) raw_[column.field] = {RawValue::State::Text, text};
        break;
    }
  }
  writer_.Append(id, account, raw_, {}, prefix_, line);
}

}  // namespace collat::runtime::load
