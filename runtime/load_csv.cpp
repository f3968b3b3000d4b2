#include "runtime/load_csv.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include <csv.h>
#include <fmt/format.h>
#include <stdio.h>

#include "base/read_file.h"
#include "runtime/load_value.h"

namespace collat::runtime::load {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// libcsv buffers a cell until it ends; the parser is fed this much at a time so that an over-long
// cell is refused when it passes kMaxCsvCellBytes, with at most this much more buffered.
constexpr std::size_t kPieceBytes = std::size_t{64} << 10;

// What a CSV column holds.
struct CsvColumn {
  enum class Role : std::uint8_t { Account, Id, Field };
  Role role = Role::Field;
  std::size_t field = 0;  // Role::Field: index into Policy::position_fields
  std::string name;
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::size_t CountNewlines(const char* begin, std::size_t size) {
  return static_cast<std::size_t>(std::count(begin, begin + size, '\n'));
}

// Receives libcsv's callbacks: cells one at a time, then the end of each row. Rows are processed
// as they end, so memory stays at one row plus the positions.
class CsvReader {
 public:
  CsvReader(std::string display, const AccountIndex& accounts, PositionWriter& writer,
            ErrorSink& errors)
      : display_(std::move(display)),
        accounts_(accounts),
        writer_(writer),
        errors_(errors),
        raw_(writer.parser().schema().size()) {}

  // Reads the file to its end, or to the first syntax error or header error.
  void Read(std::FILE* file);

  static void OnCell(void* data, std::size_t size, void* self) {
    static_cast<CsvReader*>(self)->Cell(static_cast<const char*>(data), size);
  }
  static void OnRowEnd(int terminator, void* self) {
    static_cast<CsvReader*>(self)->RowEnd(terminator);
  }

 private:
  void Cell(const char* data, std::size_t size);
  void RowEnd(int terminator);
  void ReadHeader();
  void ReadRow();
  bool CheckCells();
  std::int32_t FindAccount(std::string_view id);
  std::string_view CellText(std::size_t i) const {
    return std::string_view(cells_).substr(cell_begin_[i], cell_begin_[i + 1] - cell_begin_[i]);
  }
  std::size_t CellCount() const { return cell_null_.size(); }
  // The name of the cell being parsed, for a syntax error.
  std::string CurrentField() const;
  void Error(DiagnosticKind kind, std::size_t line, std::string_view message);
  // The line before line_ ended with a CR not followed by LF: an error that ends the file.
  void BareCr();

  std::string display_;
  const AccountIndex& accounts_;
  PositionWriter& writer_;
  ErrorSink& errors_;

  bool have_header_ = false;
  bool stop_ = false;  // a header error or too many errors: ignore the rest
  std::vector<CsvColumn> columns_;

  // The current row: cell i is cells_[cell_begin_[i], cell_begin_[i + 1]).
  std::string cells_;
  std::vector<std::size_t> cell_begin_ = {0};
  std::vector<std::uint8_t> cell_null_;  // an empty unquoted cell: absent

  std::size_t line_ = 1;       // where the next row starts
  std::size_t row_line_ = 1;   // where the current row started
  bool after_cr_ = false;      // the last row ended with CR: a LF right after is the same line end
  std::vector<RawValue> raw_;  // scratch, one per position field
  std::string last_account_;   // a one-entry cache: rows of one account usually come together
  std::int32_t last_account_index_ = -1;
};

void CsvReader::Error(DiagnosticKind kind, std::size_t line, std::string_view message) {
  errors_.Add(kind, display_, line, message);
  if (errors_.Full()) stop_ = true;
}

void CsvReader::BareCr() {
  after_cr_ = false;
  if (stop_) return;
  Error(DiagnosticKind::input_syntax_error, line_ - 1,
        "the line ends with a bare CR (carriage return): lines end with LF or CRLF");
  stop_ = true;
}

void CsvReader::Cell(const char* data, std::size_t size) {
  if (after_cr_) BareCr();
  if (CellCount() == 0) row_line_ = line_;
  after_cr_ = false;
  const std::string_view text = data == nullptr ? std::string_view() : std::string_view(data, size);
  line_ += CountNewlines(text.data(), text.size());
  if (stop_) return;
  if (size > kMaxCsvCellBytes) {  // a cell that ended within the piece that crossed the limit
    Error(DiagnosticKind::input_syntax_error, row_line_,
          fmt::format("a cell {} is longer than {} bytes", CurrentField(), kMaxCsvCellBytes));
    stop_ = true;
    return;
  }
  // A cell beyond the header's columns makes the row an error: it is counted, not kept, so a row
  // holds at most one kMaxCsvCellBytes cell per column.
  if (!have_header_ || CellCount() < columns_.size()) cells_.append(text);
  cell_begin_.push_back(cells_.size());
  cell_null_.push_back(data == nullptr ? 1 : 0);
}

void CsvReader::RowEnd(int terminator) {
  const bool blank = CellCount() == 0;
  if (after_cr_ && terminator != '\n') BareCr();
  if (!blank && !stop_) {
    if (have_header_) {
      ReadRow();
    } else {
      ReadHeader();
    }
  }
  cells_.clear();
  cell_begin_.resize(1);
  cell_null_.clear();
  if (terminator == '\n') {
    if (!(blank && after_cr_)) ++line_;
    after_cr_ = false;
  } else if (terminator == '\r') {
    ++line_;
    after_cr_ = true;
  }
}

std::string CsvReader::CurrentField() const {
  if (!have_header_) return "in the header";
  if (CellCount() < columns_.size())
    return fmt::format("in field `{}`", columns_[CellCount()].name);
  return "after the last field";
}

void CsvReader::ReadHeader() {
  have_header_ = true;
  std::vector<bool> seen(writer_.parser().schema().size(), false);
  bool has_account = false;
  bool has_id = false;
  for (std::size_t i = 0; i < CellCount(); ++i) {
    std::string_view name = CellText(i);
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);  // a UTF-8 BOM
    CsvColumn column;
    column.name = Excerpt(name);
    const std::int32_t field = writer_.parser().FieldIndex(name);
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
      Error(DiagnosticKind::input_error, row_line_,
            fmt::format("unknown field `{}` in the header: the position schema has no such field",
                        column.name));
      stop_ = true;
    }
    if (repeated) {
      Error(DiagnosticKind::input_error, row_line_,
            fmt::format("field `{}` appears twice in the header", column.name));
      stop_ = true;
    }
    columns_.push_back(std::move(column));
  }
  if (!has_account || !has_id) {
    Error(DiagnosticKind::input_error, row_line_,
          fmt::format("the header has no `{}` column", has_account ? "id" : "account"));
    stop_ = true;
  }
}

// True when every cell is clean UTF-8 text; else reports the first bad one.
bool CsvReader::CheckCells() {
  for (std::size_t i = 0; i < CellCount(); ++i) {
    if (IsCleanText(CellText(i))) continue;
    Error(DiagnosticKind::input_syntax_error, row_line_,
          fmt::format("field `{}` is not UTF-8 text without control characters", columns_[i].name));
    return false;
  }
  return true;
}

std::int32_t CsvReader::FindAccount(std::string_view id) {
  if (last_account_index_ >= 0 && id == last_account_) return last_account_index_;
  const auto it = accounts_.find(id);
  if (it == accounts_.end()) return -1;
  last_account_.assign(id);
  last_account_index_ = it->second;
  return it->second;
}

void CsvReader::ReadRow() {
  if (CellCount() != columns_.size()) {
    Error(DiagnosticKind::input_syntax_error, row_line_,
          fmt::format("the row has {} field{}; the header has {}", CellCount(),
                      CellCount() == 1 ? "" : "s", columns_.size()));
    return;
  }
  if (!CheckCells()) return;
  std::fill(raw_.begin(), raw_.end(), RawValue{});
  std::string_view id;
  std::int32_t account = -1;
  for (std::size_t i = 0; i < CellCount(); ++i) {
    const CsvColumn& column = columns_[i];
    const std::string_view text = CellText(i);
    switch (column.role) {
      case CsvColumn::Role::Account:
        account = FindAccount(text);
        if (account < 0) {
          Error(DiagnosticKind::input_error, row_line_,
                fmt::format("field `account`: unknown account `{}`", Excerpt(text)));
          return;
        }
        break;
      case CsvColumn::Role::Id:
        id = text;
        break;
      case CsvColumn::Role::Field:
        if (cell_null_[i] == 0) raw_[column.field] = {RawValue::State::Text, text};
        break;
    }
  }
  writer_.Append(id, account, raw_, {}, fmt::format("{}:{}", display_, row_line_));
}

void CsvReader::Read(std::FILE* file) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL |
                            CSV_EMPTY_IS_NULL) != 0) {
    Error(DiagnosticKind::input_error, 0, "cannot initialise the CSV parser");
    return;
  }
  std::vector<char> chunk(kChunkBytes);
  std::size_t chunk_line = 1;  // line of the chunk's first byte
  std::uintmax_t total = 0;
  bool parse_error = false;
  while (!stop_ && !parse_error) {
    const std::size_t size = std::fread(chunk.data(), 1, chunk.size(), file);
    if (size == 0) break;
    total += size;
    if (total > kMaxCsvBytes) {  // the file grew after it was opened
      Error(DiagnosticKind::file_too_large, 0,
            fmt::format("the file is larger than {} bytes", kMaxCsvBytes));
      parse_error = true;
      break;
    }
    std::size_t parsed = 0;
    while (parsed < size && !stop_) {
      const std::size_t piece = std::min(kPieceBytes, size - parsed);
      const std::size_t done =
          csv_parse(&parser, chunk.data() + parsed, piece, OnCell, OnRowEnd, this);
      parsed += done;
      if (done != piece) break;
      if (parser.entry_pos > kMaxCsvCellBytes) {
        Error(DiagnosticKind::input_syntax_error, CellCount() == 0 ? line_ : row_line_,
              fmt::format("a cell {} is longer than {} bytes", CurrentField(), kMaxCsvCellBytes));
        parse_error = true;
        break;
      }
    }
    if (parse_error) break;
    if (parsed != size && !stop_) {
      const std::size_t line = chunk_line + CountNewlines(chunk.data(), parsed);
      Error(DiagnosticKind::input_syntax_error, line,
            csv_error(&parser) == CSV_EPARSE
                ? fmt::format("malformed quoting {}: a quote inside an unquoted field or "
                              "text after a closing quote",
                              CurrentField())
                : fmt::format("cannot parse {}: {}", CurrentField(),
                              csv_strerror(csv_error(&parser))));
      parse_error = true;
      break;
    }
    chunk_line += CountNewlines(chunk.data(), size);
  }
  if (std::ferror(file) != 0) {
    Error(DiagnosticKind::io_error, 0, "read error");
  } else if (!parse_error && !stop_ && csv_fini(&parser, OnCell, OnRowEnd, this) != 0) {
    Error(DiagnosticKind::input_syntax_error, CellCount() == 0 ? line_ : row_line_,
          fmt::format("unterminated quote {}", CurrentField()));
  }
  csv_free(&parser);
  if (after_cr_) BareCr();  // the file's last line ends with a bare CR
  if (!have_header_ && !parse_error && !stop_) {
    Error(DiagnosticKind::input_error, 1,
          "the file is empty: expected a header row `account,id,...`");
  }
}

}  // namespace

std::string LoadPositionsCsv(const std::string& path, const std::string& display,
                             const AccountIndex& accounts, PositionWriter& writer,
                             ErrorSink& errors) {
  auto opened = OpenRegularFile(path, display, kMaxCsvBytes, /*no_follow=*/true);
  if (auto* d = std::get_if<Diagnostic>(&opened)) return std::move(d->message);
  FileDescriptor fd = std::get<FileDescriptor>(std::move(opened));
  const FilePtr file(::fdopen(fd.get(), "rb"));
  if (file == nullptr) {
    return fmt::format("cannot read `{}`: {}", display, std::strerror(errno));
  }
  fd.Release();  // the FILE owns it now
  CsvReader reader(display, accounts, writer, errors);
  reader.Read(file.get());
  return {};
}

}  // namespace collat::runtime::load
