#include "runtime/load_csv_fast.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "runtime/load_csv_rows.h"
#include "runtime/parallel.h"

namespace collat::runtime::load {
namespace {

// Chunks smaller than this are not worth a thread.
constexpr std::size_t kMinChunkBytes = std::size_t{1} << 20;

std::size_t CountByte(const char* begin, const char* end, char byte) {
  std::size_t count = 0;
  while (begin < end) {
    const void* hit = std::memchr(begin, byte, static_cast<std::size_t>(end - begin));
    if (hit == nullptr) break;
    ++count;
    begin = static_cast<const char*>(hit) + 1;
  }
  return count;
}

// Splits [begin, end) into rows of cells. Accepts only what libcsv (CSV_STRICT, as load_csv.cpp
// configures it) reads the same way and without any error; anything else is an anomaly.
class Scanner {
 public:
  enum class Step : std::uint8_t { Row, End, Anomaly };

  Scanner(const char* begin, const char* end, std::size_t line)
      : p_(begin), end_(end), line_(line) {}

  // The next non-blank row into cells(), starting at row_line().
  Step Next();
  const std::vector<CsvCell>& cells() const { return cells_; }
  std::size_t row_line() const { return row_line_; }
  const char* position() const { return p_; }
  std::size_t line() const { return line_; }

 private:
  // One cell at p_; then p_ is past its delimiter. `row_end` is set when the row ended.
  bool Cell(bool& row_end);
  // After a cell: `,` (another cell), LF or CRLF (row end), or the end of the data (row end).
  bool Delimiter(bool& row_end);

  const char* p_;
  const char* end_;
  std::size_t line_;
  std::size_t row_line_ = 0;
  std::vector<CsvCell> cells_;
  // Quoted cells with doubled quotes, undoubled: cells_[i].text is patched to point here once the
  // row is complete (the buffer may move while it grows).
  std::string undoubled_;
  std::vector<std::pair<std::size_t, std::size_t>> patches_;  // cell index, offset in undoubled_
};

bool Scanner::Delimiter(bool& row_end) {
  if (p_ == end_) {
    row_end = true;
    return true;
  }
  const char c = *p_;
  if (c == ',') {
    ++p_;
    return true;
  }
  if (c == '\n') {
    ++p_;
    ++line_;
    row_end = true;
    return true;
  }
  if (c == '\r' && p_ + 1 < end_ && p_[1] == '\n') {
    p_ += 2;
    ++line_;
    row_end = true;
    return true;
  }
  return false;
}

bool Scanner::Cell(bool& row_end) {
  if (p_ < end_ && *p_ == '"') {
    const char* q = p_ + 1;
    const std::size_t start = undoubled_.size();
    bool doubled = false;
    const char* close = nullptr;
    while (true) {
      const auto* hit =
          static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end_ - q)));
      if (hit == nullptr) return false;  // unterminated quote
      if (hit + 1 < end_ && hit[1] == '"') {
        if (!doubled) undoubled_.append(p_ + 1, q);  // the text before the first doubled quote
        doubled = true;
        undoubled_.append(q, hit + 1);
        q = hit + 2;
        continue;
      }
      if (doubled) undoubled_.append(q, hit);
      close = hit;
      break;
    }
    line_ += CountByte(p_ + 1, close, '\n');
    const std::size_t size =
        doubled ? undoubled_.size() - start : static_cast<std::size_t>(close - (p_ + 1));
    if (size > kMaxCsvCellBytes) return false;
    if (doubled) {
      patches_.emplace_back(cells_.size(), start);
      cells_.push_back({std::string_view(nullptr, 0), false});
      cells_.back().text = std::string_view(undoubled_).substr(start, size);
    } else {
      cells_.push_back({std::string_view(p_ + 1, size), false});
    }
    p_ = close + 1;
    return Delimiter(row_end);
  }
  const char* s = p_;
  while (s < end_) {
    const char c = *s;
    if (c == ',' || c == '\n' || c == '\r') break;
    if (c == '"') return false;  // a quote inside an unquoted cell
    ++s;
  }
  const auto size = static_cast<std::size_t>(s - p_);
  if (size > kMaxCsvCellBytes) return false;
  if (size > 0) {
    const char first = *p_;
    const char last = s[-1];
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') return false;  // trimmed
  }
  cells_.push_back({std::string_view(p_, size), size == 0});
  p_ = s;
  return Delimiter(row_end);
}

Scanner::Step Scanner::Next() {
  while (p_ < end_) {  // blank lines
    if (*p_ == '\n') {
      ++p_;
      ++line_;
    } else if (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n') {
      p_ += 2;
      ++line_;
    } else {
      break;
    }
  }
  if (p_ == end_) return Step::End;
  row_line_ = line_;
  cells_.clear();
  undoubled_.clear();
  patches_.clear();
  bool row_end = false;
  while (!row_end) {
    if (!Cell(row_end)) return Step::Anomaly;
  }
  for (const auto& [cell, offset] : patches_) {
    cells_[cell].text = std::string_view(undoubled_).substr(offset, cells_[cell].text.size());
  }
  return Step::Row;
}

// One chunk of the body: its bytes, its rows (counted first), where they go in Positions, and the
// texts it interned (its own pool; codes remapped once every chunk is parsed).
struct Chunk {
  const char* begin = nullptr;
  const char* end = nullptr;
  std::size_t line = 0;  // of `begin`
  std::size_t rows = 0;  // non-blank records
  std::size_t first_row = 0;
  TextPool text;
  bool failed = false;
};

// The records of [begin, end) that the scanner will return: record ends (LF outside quotes, or
// the end of the data) after a record that is not blank (nothing, or a lone CR before the LF). A
// file it miscounts is one the scanner stops on, and a count that differs from the rows parsed
// makes the chunk fail, so the count is never trusted beyond that.
std::size_t CountRows(const char* begin, const char* end) {
  const bool quoted = std::memchr(begin, '"', static_cast<std::size_t>(end - begin)) != nullptr;
  std::size_t rows = 0;
  const char* record = begin;  // where the current record starts
  const char* p = begin;
  bool inside = false;
  while (p < end) {
    const auto* newline =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* stop = newline == nullptr ? end : newline;
    if (quoted) inside = (CountByte(p, stop, '"') % 2 != 0) != inside;
    if (newline == nullptr) break;
    p = newline + 1;
    if (inside) continue;
    const auto size = static_cast<std::size_t>(newline - record);
    if (size > 1 || (size == 1 && *record != '\r')) ++rows;
    record = p;
  }
  if (record < end) ++rows;  // the last record has no LF
  return rows;
}

void ParseChunk(Chunk& chunk, const ir::Policy& policy, const Market& market, Positions& positions,
                std::uint32_t source_file, const std::vector<CsvColumn>& columns,
                const AccountIndex& accounts, const std::string& display) {
  PositionWriter writer = PositionWriter::ForRows(policy, market, chunk.text, positions,
                                                  chunk.first_row, chunk.rows, source_file);
  bool failed = false;
  CsvRows rows(columns, accounts, writer, display,
               [&failed](DiagnosticKind, std::size_t, std::string_view) { failed = true; });
  Scanner scanner(chunk.begin, chunk.end, chunk.line);
  while (!failed) {
    const Scanner::Step step = scanner.Next();
    if (step == Scanner::Step::End) break;
    if (step == Scanner::Step::Anomaly) {
      failed = true;
      break;
    }
    rows.Row(scanner.cells(), scanner.row_line());
  }
  chunk.failed = failed || writer.Overflowed() || writer.Written() != chunk.rows;
}

// The code in `pool` of each text of each chunk, interned in chunk order and, within a chunk, in
// order of first appearance (the order in which one sequential pass would have interned them).
std::vector<std::vector<std::int64_t>> InternChunks(const std::vector<Chunk>& chunks,
                                                    TextPool& pool) {
  std::vector<std::vector<std::int64_t>> codes(chunks.size());
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const TextPool& local = chunks[k].text;
    codes[k].resize(local.size());
    bool identity = true;
    for (std::size_t t = 0; t < local.size(); ++t) {
      codes[k][t] = pool.Intern(local.Text(static_cast<std::int64_t>(t)));
      identity = identity && codes[k][t] == static_cast<std::int64_t>(t);
    }
    if (identity) codes[k].clear();  // nothing to remap
  }
  return codes;
}

// Rewrites the text codes of a chunk's rows from its own pool's to the input's.
void RemapTexts(const Chunk& chunk, const std::vector<std::int64_t>& code, const ir::Policy& policy,
                Positions& positions) {
  if (code.empty()) return;
  for (std::size_t f = 0; f < positions.fields.size(); ++f) {
    if (policy.position_fields[f].type.kind != ir::TypeKind::Text) continue;
    Column& column = positions.fields[f];
    for (std::size_t i = chunk.first_row; i < chunk.first_row + chunk.rows; ++i) {
      if (column.known[i] != 0)
        column.integers[i] = code[static_cast<std::size_t>(column.integers[i])];
    }
  }
}

// Moves each chunk start from its nominal offset to the next record boundary: just past a LF
// preceded by an even number of quotes from the start of the body; sets each chunk's first line.
void FindBoundaries(std::vector<Chunk>& chunks, const char* body_end, std::size_t body_line,
                    unsigned threads) {
  const std::size_t n = chunks.size();
  std::vector<std::size_t> quotes(n, 0);
  std::vector<std::size_t> newlines(n, 0);
  ForEachAccountRange(n, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k) {
      quotes[k] = CountByte(chunks[k].begin, chunks[k].end, '"');
      newlines[k] = CountByte(chunks[k].begin, chunks[k].end, '\n');
    }
  });
  std::size_t quotes_before = quotes[0];
  std::size_t line = body_line + newlines[0];
  for (std::size_t k = 1; k < n; ++k) {
    const char* nominal = chunks[k].begin;
    const char* p = nominal;  // the first boundary at or after it, never before chunk k-1's
    bool inside = quotes_before % 2 != 0;
    std::size_t extra_lines = 0;
    while (p < body_end) {
      const char c = *p++;
      if (c == '"') inside = !inside;
      if (c == '\n') {
        ++extra_lines;
        if (!inside) break;
      }
    }
    chunks[k].begin = p;
    chunks[k].line = line + extra_lines;
    chunks[k - 1].end = p;
    quotes_before += quotes[k];
    line += newlines[k];
  }
}

}  // namespace

bool LoadPositionsCsvFast(std::string_view data, const std::string& display,
                          const AccountIndex& accounts, PositionWriter& writer, unsigned threads) {
  const char* const begin = data.data();
  const char* const end = begin + data.size();
  Scanner header(begin, end, 1);
  if (header.Next() != Scanner::Step::Row) return false;
  std::vector<CsvColumn> columns;
  bool header_ok = true;
  const auto flag = [&header_ok](DiagnosticKind, std::size_t, std::string_view) {
    header_ok = false;
  };
  if (!ReadCsvHeader(header.cells(), header.row_line(), writer.parser(), columns, flag) ||
      !header_ok) {
    return false;
  }
  const char* const body = header.position();
  const auto body_bytes = static_cast<std::size_t>(end - body);
  const std::size_t n =
      std::max<std::size_t>(1, std::min<std::size_t>(threads, body_bytes / kMinChunkBytes));
  std::vector<Chunk> chunks(n);
  for (std::size_t k = 0; k < n; ++k) {
    chunks[k].begin = body + body_bytes * k / n;
    chunks[k].end = body + body_bytes * (k + 1) / n;
  }
  chunks[0].line = header.line();
  if (n > 1) FindBoundaries(chunks, end, header.line(), threads);

  // Count each chunk's rows, grow the columns once, then parse each chunk straight into its rows:
  // no chunk is copied, and no column grows while it is written.
  ForEachAccountRange(n, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k)
      chunks[k].rows = CountRows(chunks[k].begin, chunks[k].end);
  });
  Input& input = writer.input();
  const ir::Policy& policy = writer.policy();
  Positions& positions = input.positions;
  const std::size_t base = positions.size();
  std::size_t total = 0;
  for (Chunk& chunk : chunks) {
    chunk.first_row = base + total;
    total += chunk.rows;
  }
  const std::size_t prefixes = positions.source_prefix.size();
  const std::uint32_t source_file = positions.SourcePrefix(display + ":");
  GrowRows(policy, positions, total, threads);
  ForEachAccountRange(n, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k) {
      ParseChunk(chunks[k], policy, input.market, positions, source_file, columns, accounts,
                 display);
    }
  });
  for (const Chunk& chunk : chunks) {
    if (!chunk.failed) continue;
    TruncateRows(positions, base);
    positions.source_prefix.resize(prefixes);
    return false;
  }
  const std::vector<std::vector<std::int64_t>> codes = InternChunks(chunks, input.text);
  ForEachAccountRange(n, threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k)
      RemapTexts(chunks[k], codes[k], policy, positions);
  });
  return true;
}

}  // namespace collat::runtime::load
