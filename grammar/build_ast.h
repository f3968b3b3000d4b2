// Turns one declaration's PEGTL parse tree into an ast::Decl. Literal checks that the grammar
// cannot express (calendar dates, finite numbers) are reported here as diagnostics.
#pragma once

#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "base/diagnostic.h"
#include "grammar/ast.h"

namespace collat::grammar {

using ParseNode = tao::pegtl::parse_tree::node;

// Deepest expression tree the builder accepts. Parentheses are bounded by the grammar; this also
// bounds long operator chains (`1 + 1 + ... + 1` folds into a tree as deep as the chain).
inline constexpr std::size_t kMaxExprDepth = 1000;

// Thrown by BuildDecl when an expression is deeper than kMaxExprDepth; the parser turns it into a
// `nesting_too_deep` diagnostic and skips the declaration.
struct ExprTooDeep {
  SourceRange range;
};

// `node` is a `declaration` child of the parse tree root. Appends literal errors to `diagnostics`.
ast::Decl BuildDecl(const ParseNode& node, const SourceFilePtr& file,
                    std::vector<Diagnostic>& diagnostics);

}  // namespace collat::grammar
