// The comments of a source text, found by a scan that skips string literals. The parser drops
// comments; the formatter puts them back by position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/source_file.h"

namespace collat::grammar {

struct Comment {
  SourceRange range;      // from `#` to the end of the line, without the line terminator
  std::string text;       // the comment as written, starting with `#`, trailing whitespace removed
  bool trailing = false;  // code precedes it on its line
};

std::vector<Comment> ScanComments(const SourceFile& source);

}  // namespace collat::grammar
