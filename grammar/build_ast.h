// Turns one declaration's PEGTL parse tree into an ast::Decl. Literal checks that the grammar
// cannot express (calendar dates, finite numbers) are reported here as diagnostics.
#pragma once

#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "base/diagnostic.h"
#include "grammar/ast.h"

namespace collat::grammar {

using ParseNode = tao::pegtl::parse_tree::node;

// `node` is a `declaration` child of the parse tree root. Appends literal errors to `diagnostics`.
ast::Decl BuildDecl(const ParseNode& node, const SourceFilePtr& file,
                    std::vector<Diagnostic>& diagnostics);

}  // namespace collat::grammar
