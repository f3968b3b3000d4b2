#include "cli/unified_diff.h"

#include <vector>

#include <fmt/format.h>
#include <dtl/dtl.hpp>

namespace collat::cli {
namespace {

// Lines with their "\n"; a last line without one stays without, so it differs from the same
// text with a newline, as in diff(1).
std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(start, next - start));
    start = next;
  }
  return lines;
}

void AppendLine(std::string& out, char mark, const std::string& line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string UnifiedDiff(const std::string& name, std::string_view before, std::string_view after) {
  if (before == after) return {};
  dtl::Diff<std::string> diff(Lines(before), Lines(after));
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  std::string out = fmt::format("--- {}\n+++ {}\n", name, name);
  for (const auto& hunk : diff.getUniHunks()) {
    out += fmt::format("@@ -{},{} +{},{} @@\n", hunk.a, hunk.b, hunk.c, hunk.d);
    for (const auto& common : hunk.common[0])
      AppendLine(out, ' ', common.first);
    for (const auto& change : hunk.change) {
      switch (change.second.type) {
        case dtl::SES_ADD:
          AppendLine(out, '+', change.first);
          break;
        case dtl::SES_DELETE:
          AppendLine(out, '-', change.first);
          break;
        case dtl::SES_COMMON:
          AppendLine(out, ' ', change.first);
          break;
      }
    }
    for (const auto& common : hunk.common[1])
      AppendLine(out, ' ', common.first);
  }
  return out;
}

}  // namespace collat::cli
