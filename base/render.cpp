#include "base/render.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.h"

namespace collat {
namespace {

constexpr std::uint32_t kTabStop = 4;
// A source line longer than this many code points around the range is cut to a window.
constexpr std::size_t kContextBefore = 60;
constexpr std::size_t kContextAfter = 60;

bool IsLeadByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
}

// Terminal columns of the code point at line[i] (`len` bytes): 2 for East Asian wide and
// fullwidth characters and emoji, else 1.
std::uint32_t DisplayWidth(std::string_view line, std::size_t i, std::size_t len) {
  if (len < 3) return 1;
  const auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(line[i + k]));
  };
  const std::uint32_t cp =
      len == 3 ? ((byte(0) & 0x0FU) << 12) | ((byte(1) & 0x3FU) << 6) | (byte(2) & 0x3FU)
               : ((byte(0) & 0x07U) << 18) | ((byte(1) & 0x3FU) << 12) | ((byte(2) & 0x3FU) << 6) |
                     (byte(3) & 0x3FU);
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Renders `line` for a terminal: tabs expanded to kTabStop, malformed UTF-8 and control characters
// shown as U+FFFD. Records the display column (wide characters take two) of every byte offset in
// `columns` (size line.size() + 1, the last entry for the end of the line).
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
    for (std::size_t k = 1; k < len; ++k)
      columns[i + k] = col;
    col += DisplayWidth(line, i, len);
    i += len;
  }
  columns[line.size()] = col;
  return out;
}

// Steps `n` code points back (or forward) from byte `at`, staying inside `line`.
std::size_t StepBack(std::string_view line, std::size_t at, std::size_t n) {
  while (at > 0 && n > 0) {
    --at;
    if (IsLeadByte(line[at])) --n;
  }
  return at;
}
std::size_t StepForward(std::string_view line, std::size_t at, std::size_t n) {
  while (at < line.size() && n > 0) {
    ++at;
    while (at < line.size() && !IsLeadByte(line[at]))
      ++at;
    --n;
  }
  return at;
}

void RenderLocated(std::string& out, const SourceFile& file, SourceRange range,
                   std::string_view severity, std::string_view message, std::string_view kind) {
  const LineColumn at = file.Locate(range.begin);
  out += fmt::format("{}:{}:{}: {}: {}", file.name(), at.line, at.column, severity, message);
  if (!kind.empty()) out += fmt::format(" [{}]", kind);
  out += '\n';
  const std::string_view full_line = file.LineText(at.line);
  const std::uint32_t line_begin = file.LineStart(at.line);
  const std::size_t begin = std::min<std::size_t>(range.begin - line_begin, full_line.size());
  const std::size_t end =
      std::min<std::size_t>(std::max(range.end, range.begin) - line_begin, full_line.size());
  // Long lines show a window around the range, with `…` where text is cut.
  const std::size_t window_begin = StepBack(full_line, begin, kContextBefore);
  const std::size_t window_end = StepForward(full_line, begin, kContextAfter);
  const std::string_view line = full_line.substr(window_begin, window_end - window_begin);
  const std::string_view ellipsis = "\xE2\x80\xA6";
  const std::uint32_t shift = window_begin > 0 ? 1 : 0;
  std::vector<std::uint32_t> columns;
  const std::string shown = ExpandLine(line, columns);
  const std::string gutter = fmt::format("{:>5}", at.line);
  out += fmt::format("{} | {}{}{}\n", gutter, shift ? ellipsis : "", shown,
                     window_end < full_line.size() ? ellipsis : "");
  const std::uint32_t caret_col = shift + columns[begin - window_begin];
  const std::uint32_t end_col =
      std::max(shift + columns[std::min(end, window_end) - window_begin], caret_col + 1);
  out += fmt::format("{} | {}^{}\n", std::string(gutter.size(), ' '), std::string(caret_col, ' '),
                     std::string(end_col - caret_col - 1, '~'));
}

}  // namespace

std::string RenderDiagnostic(const Diagnostic& d) {
  std::string out;
  if (d.file) {
    RenderLocated(out, *d.file, d.range, SeverityName(d.severity), d.message, KindName(d.kind));
  } else {
    out +=
        fmt::format("collat: {}: {} [{}]\n", SeverityName(d.severity), d.message, KindName(d.kind));
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
  for (const Diagnostic& d : diagnostics)
    out += RenderDiagnostic(d);
  return out;
}

}  // namespace collat
