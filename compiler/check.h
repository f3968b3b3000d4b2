// The checker's entry point: parsed files in, a typed ir::Policy or diagnostics out. Resolves
// names, types every expression (three-valued optionals included), inlines user functions, folds
// constants and enforces the rules of docs/language.md that the grammar cannot see. Never prints,
// never throws for any input.
#pragma once

#include <memory>
#include <vector>

#include "base/diagnostic.h"
#include "compiler/ir.h"
#include "grammar/ast.h"

namespace collat {

// A parsed file: the policy first, then its imports (each once, in load order).
struct ParsedFile {
  SourceFilePtr source;
  ast::File ast;
  std::string import_alias;  // `import "x" as alias`: names are also reachable as alias.name
};

struct CheckResult {
  std::shared_ptr<const ir::Policy> policy;  // null when there are errors
  std::vector<Diagnostic> diagnostics;       // errors and warnings, in source order
};

CheckResult Check(const std::vector<ParsedFile>& files);

}  // namespace collat
