// Turns one declaration's PEGTL parse tree into an ast::Decl. Literal checks that the grammar
// cannot express (calendar dates, finite numbers) are reported here as diagnostics.
#pragma once

#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "base/diagnostic.h"
#include "grammar/ast.h"

namespace collat::grammar {

// One object per rule type, merged across translation units, whose address identifies the rule.
template <typename Rule>
inline constexpr char kRuleId = 0;

// A parse tree node. The parser allocates one for every attempt of a selected rule and frees most
// of them again on backtracking, so nodes come from a per-thread free list instead of malloc. A
// node records its rule's identity as a pointer, so testing the type is one comparison instead of
// comparing demangled names.
struct ParseNode : tao::pegtl::parse_tree::basic_node<ParseNode> {
  const char* rule = nullptr;

  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput& in, States&&... st) {
    basic_node::template start<Rule>(in, st...);
    rule = &kRuleId<Rule>;
  }
  template <typename Rule>
  [[nodiscard]] bool Is() const noexcept {
    return rule == &kRuleId<Rule>;
  }

  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size) noexcept;
};

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
