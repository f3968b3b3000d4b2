#include "runtime/load_csv.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <system_error>
#include <utility>
#include <vector>

#include <csv.h>
#include <fmt/format.h>

#include "base/mapped_file.h"
#include "base/read_file.h"
#include "runtime/load_csv_fast.h"
#include "runtime/load_csv_rows.h"
#include "runtime/load_value.h"

namespace collat::runtime::load {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// libcsv buffers a cell until it ends; the parser is fed this much at a time so that an over-long
// cell is refused when it passes kMaxCsvCellBytes, with at most this much more buffered.
constexpr std::size_t kPieceBytes = std::size_t{64} << 10;

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
        writer_(writer),
        errors_(errors),
        rows_(columns_, accounts, writer, display_,
              [this](DiagnosticKind kind, std::size_t line, std::string_view message) {
                Error(kind, line, message);
              }) {}

  // Reads the file's bytes to their end, or to the first syntax error or header error.
  void Read(std::string_view data);

  static void OnCell(void* data, std::size_t size, void* self) {
    static_cast<CsvReader*>(self)->Cell(static_cast<const char*>(data), size);
  }
  static void OnRowEnd(int terminator, void* self) {
    static_cast<CsvReader*>(self)->RowEnd(terminator);
  }

 private:
  void Cell(const char* data, std::size_t size);
  void RowEnd(int terminator);
  std::string_view CellText(std::size_t i) const {
    return std::string_view(cells_).substr(cell_begin_[i], cell_begin_[i + 1] - cell_begin_[i]);
  }
  std::size_t CellCount() const { return cell_null_.size(); }
  // The name of the cell being parsed, for a syntax error.
  std::string CurrentField() const;
  void Error(DiagnosticKind kind, std::size_t line, std::string_view message);
  // The line before line_ ended with a CR not followed by LF: an error that ends the file.
  void BareCr();

  // The current row's cells, as views into cells_.
  std::vector<CsvCell> RowCells() const;

  std::string display_;
  PositionWriter& writer_;
  ErrorSink& errors_;

  bool have_header_ = false;
  bool stop_ = false;  // a header error or too many errors: ignore the rest
  std::vector<CsvColumn> columns_;
  CsvRows rows_;

  // The current row: cell i is cells_[cell_begin_[i], cell_begin_[i + 1]).
  std::string cells_;
  std::vector<std::size_t> cell_begin_ = {0};
  std::vector<std::uint8_t> cell_null_;  // an empty unquoted cell: absent

  std::size_t line_ = 1;      // where the next row starts
  std::size_t row_line_ = 1;  // where the current row started
  bool after_cr_ = false;     // the last row ended with CR: a LF right after is the same line end
};

std::vector<CsvCell> CsvReader::RowCells() const {
  std::vector<CsvCell> cells(CellCount());
  for (std::size_t i = 0; i < cells.size(); ++i)
    cells[i] = {CellText(i), cell_null_[i] != 0};
  return cells;
}

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
      rows_.Row(RowCells(), row_line_);
    } else {
      have_header_ = true;
      const auto error = [this](DiagnosticKind kind, std::size_t line, std::string_view message) {
        Error(kind, line, message);
      };
      if (!ReadCsvHeader(RowCells(), row_line_, writer_.parser(), columns_, error)) stop_ = true;
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

void CsvReader::Read(std::string_view data) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL |
                            CSV_EMPTY_IS_NULL) != 0) {
    Error(DiagnosticKind::input_error, 0, "cannot initialise the CSV parser");
    return;
  }
  std::size_t chunk_line = 1;  // line of the chunk's first byte
  bool parse_error = false;
  for (std::size_t offset = 0; offset < data.size() && !stop_ && !parse_error;) {
    const std::size_t size = std::min(kChunkBytes, data.size() - offset);
    const std::span<const char> chunk(data.data() + offset, size);
    offset += size;
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
  if (!parse_error && !stop_ && csv_fini(&parser, OnCell, OnRowEnd, this) != 0) {
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
                             ErrorSink& errors, unsigned threads) {
  auto opened = OpenRegularFile(path, display, kMaxCsvBytes, /*no_follow=*/true);
  if (auto* d = std::get_if<Diagnostic>(&opened)) return std::move(d->message);
  auto mapped = MappedFile::Map(std::get<FileDescriptor>(opened), display);
  if (auto* problem = std::get_if<std::string>(&mapped)) return std::move(*problem);
  const std::string_view data = std::get<MappedFile>(mapped).bytes();
  if (!LoadPositionsCsvFast(data, display, accounts, writer, threads)) {
    CsvReader reader(display, accounts, writer, errors);
    reader.Read(data);
  }
  return {};
}

}  // namespace collat::runtime::load
