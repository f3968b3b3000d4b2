// The parser's entry point: source text in, an AST and diagnostics out. Never throws for any input
// text; never prints. Validates the text first (UTF-8, control characters), then parses one
// declaration at a time, recovering after a syntax error at the next line that starts in column 1
// with a declaration keyword, so one run reports several errors.
#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "grammar/ast.h"

namespace collat::grammar {

struct ParseResult {
  ast::File file;  // the declarations that parsed; with errors, a partial file
  std::vector<Diagnostic> diagnostics;
};

ParseResult Parse(const SourceFilePtr& source);

// At most this many errors are reported per file; past it, one `too_many_errors` closes the list.
inline constexpr std::size_t kMaxParseErrors = 50;

}  // namespace collat::grammar
