// A deterministic text dump of the AST (`collat dump ast`), one node per line, children indented.
// With `ranges`, declarations and their items show `@line:col` of where they start; without, the
// dump compares two parses of differently laid-out text (the formatter's round-trip tests).
#pragma once

#include <string>

#include "base/source_file.h"
#include "grammar/ast.h"

namespace collat::grammar {

struct DumpOptions {
  bool ranges = true;
};

std::string DumpAst(const SourceFile& source, const ast::File& file, DumpOptions options = {});

}  // namespace collat::grammar
