#include "grammar/validate_source.h"

#include <fmt/format.h>

#include "base/utf8.h"

namespace collat::grammar {

std::uint32_t ByteOrderMarkLength(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::vector<Diagnostic> ValidateSource(const SourceFilePtr& source) {
  std::vector<Diagnostic> out;
  const std::string_view text = source->text();
  constexpr std::size_t kMaxReported = 10;
  for (std::size_t i = ByteOrderMarkLength(text); i < text.size() && out.size() < kMaxReported;) {
    const auto b = static_cast<unsigned char>(text[i]);
    const auto at = static_cast<std::uint32_t>(i);
    if (b >= 0x80) {
      const std::size_t len = Utf8SequenceLength(text, i);
      if (len == 0) {
        out.push_back(MakeDiagnostic(DiagnosticKind::invalid_utf8, source, {at, at + 1},
                                     fmt::format("invalid UTF-8 byte 0x{:02X}: policy files must "
                                                 "be UTF-8 text",
                                                 b)));
        // Skip the continuation bytes of the broken sequence: one error per sequence.
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U)
          ++i;
        continue;
      }
      i += len;
      continue;
    }
    const bool crlf = b == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((b < 0x20 && b != '\t' && b != '\n' && !crlf) || b == 0x7F) {
      out.push_back(MakeDiagnostic(
          DiagnosticKind::invalid_character, source, {at, at + 1},
          b == '\r'
              ? std::string("carriage return without a line feed: use LF or CRLF line ends")
              : fmt::format("control character 0x{:02X} is not allowed in a policy file", b)));
    }
    ++i;
  }
  return out;
}

}  // namespace collat::grammar
