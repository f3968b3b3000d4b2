#include "runtime/load_yaml_scan.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "runtime/load_value.h"

namespace collat::runtime::load {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

// Index of the last non-blank character before `i`, or npos.
std::size_t PreviousNonBlank(std::string_view line, std::size_t i) {
  while (i > 0) {
    --i;
    if (!IsBlank(line[i])) return i;
  }
  return std::string_view::npos;
}

// Start of the blank-delimited token that ends at line[last].
std::size_t TokenBegin(std::string_view line, std::size_t last) {
  while (last > 0 && !IsBlank(line[last - 1]))
    --last;
  return last;
}

// True when line[from...] is a block scalar header's tail: `[+-0-9]*`, blanks, maybe a comment.
bool IsBlockScalarHeaderTail(std::string_view line, std::size_t from) {
  std::size_t i = from;
  while (i < line.size() &&
         (line[i] == '+' || line[i] == '-' || (line[i] >= '0' && line[i] <= '9')))
    ++i;
  while (i < line.size() && IsBlank(line[i]))
    ++i;
  return i == line.size() || (line[i] == '#' && i > from);
}

class DepthScanner {
 public:
  std::optional<ScanProblem> Run(std::string_view text);

 private:
  std::optional<ScanProblem> ScanLine(std::string_view line);
  // Block structure at the start of a line outside flow and quotes; returns where its first node
  // starts and sets line_depth_.
  std::size_t ScanIndentation(std::string_view line);
  std::optional<ScanProblem> ScanTokens(std::string_view line, std::size_t from);
  bool IsTokenStart(std::string_view line, std::size_t i, std::size_t node_start) const;
  ScanProblem TooDeep() const {
    return {line_number_, fmt::format("nesting deeper than {} levels", kMaxYamlDepth)};
  }

  std::size_t line_number_ = 0;
  std::size_t flow_ = 0;                 // open `[` and `{`
  std::size_t flow_base_ = 0;            // block depth of the line where the outermost flow opened
  std::size_t line_depth_ = 0;           // block depth of the current line
  std::size_t line_indent_ = 0;          // indentation of the current line
  char quote_ = 0;                       // '"' or '\'' inside a quoted scalar, else 0
  bool in_block_scalar_ = false;         // skipping the lines of a `|` or `>` scalar
  std::size_t block_scalar_parent_ = 0;  // indentation of the line that opened it
  std::size_t block_scalar_indent_ = 0;  // indentation of its text; 0 before its first line
  std::vector<std::size_t> indents_;     // open block indentation levels
};

std::optional<ScanProblem> DepthScanner::Run(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number_;
    if (auto problem = ScanLine(line)) return problem;
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<ScanProblem> DepthScanner::ScanLine(std::string_view line) {
  if (quote_ != 0 || flow_ > 0) return ScanTokens(line, 0);
  std::size_t indent = 0;
  while (indent < line.size() && line[indent] == ' ')
    ++indent;
  std::size_t content = indent;
  while (content < line.size() && IsBlank(line[content]))
    ++content;
  if (content == line.size() || line[content] == '#') return std::nullopt;  // blank or comment
  if (in_block_scalar_) {
    // The first text line sets the scalar's indentation; a line indented less ends it.
    if (block_scalar_indent_ == 0 && indent > block_scalar_parent_) block_scalar_indent_ = indent;
    if (block_scalar_indent_ != 0 && indent >= block_scalar_indent_) return std::nullopt;
    in_block_scalar_ = false;
  }
  line_indent_ = indent;
  const std::size_t node_start = ScanIndentation(line);
  if (line_depth_ > kMaxYamlDepth) return TooDeep();
  return ScanTokens(line, node_start);
}

std::size_t DepthScanner::ScanIndentation(std::string_view line) {
  while (!indents_.empty() && indents_.back() >= line_indent_)
    indents_.pop_back();
  indents_.push_back(line_indent_);
  std::size_t i = line_indent_;
  std::size_t chain = 0;  // `- - x` nests a sequence in a sequence on one line
  while (i < line.size()) {
    const char c = line[i];
    if ((c == '-' || c == '?' || c == ':') && (i + 1 == line.size() || IsBlank(line[i + 1]))) {
      ++chain;
      ++i;
    } else if (c == '&' || c == '!') {  // an anchor or a tag before the node
      while (i < line.size() && !IsBlank(line[i]))
        ++i;
    } else if (IsBlank(c)) {
      ++i;
    } else {
      break;
    }
    if (chain > kMaxYamlDepth) break;
  }
  line_depth_ = indents_.size() + chain;
  return i;
}

bool DepthScanner::IsTokenStart(std::string_view line, std::size_t i,
                                std::size_t node_start) const {
  if (i == node_start) return true;
  if (flow_ > 0) {
    const char previous = i == 0 ? ' ' : line[i - 1];
    return IsBlank(previous) || previous == '[' || previous == '{' || previous == ',' ||
           previous == ':';
  }
  // Block context: a node starts after the line's indicators or after `key: `, maybe behind
  // anchors and tags (`key: !t &a [`), but not inside a plain scalar such as `a "b`. It always
  // follows a blank, which keeps this check O(1) for the characters inside tokens.
  if (i > 0 && !IsBlank(line[i - 1])) return false;
  std::size_t end = i;
  // At most this many anchors and tags are looked through, so the walk back is bounded even
  // on a hostile line of a million `!t` tokens.
  for (int tokens = 0; tokens < 16; ++tokens) {
    const std::size_t previous = PreviousNonBlank(line, end);
    if (previous == std::string_view::npos) return false;
    if (line[previous] == ':' && previous + 1 < end) return true;
    const std::size_t begin = TokenBegin(line, previous);
    if (begin == node_start) return true;
    if (line[begin] != '!' && line[begin] != '&') return false;
    end = begin;
  }
  return false;
}

std::optional<ScanProblem> DepthScanner::ScanTokens(std::string_view line, std::size_t from) {
  for (std::size_t i = from; i < line.size(); ++i) {
    const char c = line[i];
    if (quote_ == '"') {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quote_ = 0;
      }
      continue;
    }
    if (quote_ == '\'') {
      if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        ++i;
      } else if (c == '\'') {
        quote_ = 0;
      }
      continue;
    }
    if (c == '#' && (i == 0 || IsBlank(line[i - 1]))) return std::nullopt;  // a comment
    if ((c == ']' || c == '}') && flow_ > 0) {
      --flow_;
      continue;
    }
    // Only these characters open something; skip the others before the (costlier) token test.
    const bool opener = c == '"' || c == '\'' || c == '[' || c == '{' || c == '|' || c == '>';
    if (!opener) continue;
    if (!IsTokenStart(line, i, from) && !(flow_ > 0 && (c == '[' || c == '{'))) continue;
    if (c == '"' || c == '\'') {
      quote_ = c;
    } else if (c == '[' || c == '{') {
      if (flow_ == 0) flow_base_ = line_depth_;
      ++flow_;
      if (flow_base_ + flow_ > kMaxYamlDepth) return TooDeep();
    } else if ((c == '|' || c == '>') && flow_ == 0 && IsBlockScalarHeaderTail(line, i + 1)) {
      in_block_scalar_ = true;
      block_scalar_parent_ = line_indent_;
      block_scalar_indent_ = 0;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Line of byte `offset` (1-based).
std::size_t LineOf(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

std::optional<ScanProblem> ScanYaml(std::string_view text) {
  const std::size_t bad = FindUncleanByte(text);
  if (bad < text.size()) {
    const auto byte = static_cast<unsigned char>(text[bad]);
    return ScanProblem{
        LineOf(text, bad),
        byte >= 0x80 ? fmt::format("invalid UTF-8 byte 0x{:02X}: input files must be UTF-8", byte)
                     : fmt::format("control character 0x{:02X} is not allowed", byte)};
  }
  DepthScanner scanner;
  return scanner.Run(text);
}

}  // namespace collat::runtime::load
