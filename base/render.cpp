#include "base/render.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.h"

namespace collat {
namespace {

constexpr std::uint32_t kTabStop = 4;

// Renders `line` for a terminal: tabs expanded to kTabStop, malformed UTF-8 and control characters
// shown as U+FFFD. Records the display column of every byte offset in `columns` (size
// line.size() + 1, the last entry for the end of the line).
std::string ExpandLine(std::string_view line, std::vector<std::uint32_t>& columns) {
  std::string out;
  columns.assign(line.size() + 1, 0);
  std::uint32_t col = 0;
  for (std::size_t i = 0; i < line.size();) {
    columns[i] = col;
    const auto b = static_cast<unsigned char>(line[i]);
    if (b == '\t') {
      const std::uint32_t next = (col / kTabStop + 1) * kTabStop;
      out.append(next - col, ' ');
      col = next;
      ++i;
      continue;
    }
    std::size_t len = Utf8SequenceLength(line, i);
    if (len == 0 || b < 0x20 || b == 0x7F) {
      out += "\xEF\xBF\xBD";
      len = 1;
    } else {
      out.append(line.substr(i, len));
    }
    for (std::size_t k = 1; k < len; ++k) columns[i + k] = col;
    ++col;
    i += len;
  }
  columns[line.size()] = col;
  return out;
}

void RenderLocated(std::string& out, const SourceFile& file, SourceRange range,
                   std::string_view severity, std::string_view message, std::string_view kind) {
  const LineColumn at = file.Locate(range.begin);
  out += fmt::format("{}:{}:{}: {}: {}", file.name(), at.line, at.column, severity, message);
  if (!kind.empty()) out += fmt::format(" [{}]", kind);
  out += '\n';
  const std::string_view line = file.LineText(at.line);
  std::vector<std::uint32_t> columns;
  const std::string shown = ExpandLine(line, columns);
  const std::string gutter = fmt::format("{:>5}", at.line);
  out += fmt::format("{} | {}\n", gutter, shown);
  const std::uint32_t line_begin = file.LineStart(at.line);
  const auto local_begin = std::min<std::uint32_t>(range.begin - line_begin,
                                                   static_cast<std::uint32_t>(line.size()));
  const std::uint32_t range_end = std::max(range.end, range.begin);
  const auto local_end = std::min<std::uint32_t>(range_end - line_begin,
                                                 static_cast<std::uint32_t>(line.size()));
  const std::uint32_t caret_col = columns[local_begin];
  const std::uint32_t end_col = std::max(columns[local_end], caret_col + 1);
  out += fmt::format("{} | {}^{}\n", std::string(gutter.size(), ' '), std::string(caret_col, ' '),
                     std::string(end_col - caret_col - 1, '~'));
}

}  // namespace

std::string RenderDiagnostic(const Diagnostic& d) {
  std::string out;
  if (d.file) {
    RenderLocated(out, *d.file, d.range, SeverityName(d.severity), d.message, KindName(d.kind));
  } else {
    out += fmt::format("collat: {}: {} [{}]\n", SeverityName(d.severity), d.message,
                       KindName(d.kind));
  }
  for (const DiagnosticNote& note : d.notes) {
    if (note.file) {
      RenderLocated(out, *note.file, note.range, "note", note.message, "");
    } else {
      out += fmt::format("note: {}\n", note.message);
    }
  }
  return out;
}

std::string RenderDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += RenderDiagnostic(d);
  return out;
}

}  // namespace collat
