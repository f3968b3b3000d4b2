#include "grammar/comments.h"

namespace collat::grammar {

std::vector<Comment> ScanComments(const SourceFile& source) {
  std::vector<Comment> out;
  const std::string_view text = source.text();
  bool code_on_line = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      code_on_line = false;
    } else if (c == '"') {
      // A string runs to its closing quote or the end of the line (an unterminated string does
      // not parse, so the formatter never sees one).
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (i < text.size() && text[i] == '\n') code_on_line = false;
      code_on_line = code_on_line || (i < text.size() && text[i] == '"');
    } else if (c == '#') {
      const std::size_t begin = i;
      while (i < text.size() && text[i] != '\n')
        ++i;
      std::size_t end = i;
      while (end > begin &&
             (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t')) {
        --end;
      }
      out.push_back({{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)},
                     std::string(text.substr(begin, end - begin)),
                     code_on_line});
      code_on_line = false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      code_on_line = true;
    }
  }
  return out;
}

}  // namespace collat::grammar
