// A source text with its display name and a line table. Immutable after construction, so it can be
// shared between threads and outlive the phases that read it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace collat {

// A half-open byte range [begin, end) into one SourceFile's text.
struct SourceRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line and column. Columns count Unicode code points, so a caret lines up in a UTF-8
// terminal; a tab counts as one column here and is expanded only when a line is rendered.
struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string display_name, std::string text);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }

  // Location of a byte offset; offsets past the end clamp to the end.
  LineColumn Locate(std::uint32_t offset) const;
  // Byte offset of the first byte of a 1-based line.
  std::uint32_t LineStart(std::uint32_t line) const;
  // Text of a 1-based line without its line terminator ("\n" or "\r\n").
  std::string_view LineText(std::uint32_t line) const;
  std::uint32_t LineCount() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

}  // namespace collat
