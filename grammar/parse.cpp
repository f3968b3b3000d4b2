#include "grammar/parse.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/build_ast.h"
#include "grammar/errors.h"
#include "grammar/grammar.h"
#include "grammar/validate_source.h"

namespace collat::grammar {
namespace {

namespace pt = tao::pegtl::parse_tree;
using namespace rules;  // NOLINT(google-build-using-namespace): the selector lists rule names

// The rules that become parse tree nodes; build_ast.cpp reads exactly these.
template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        // literals and names
        number_lit, percent_lit, money_lit, date_lit, duration_lit, string_lit, bool_lit,
        currency_code, dotted_name,
        // expressions
        paren, set_lit, call, call_arg, arg_name, where_clause, index_expr, if_expr, match_expr,
        match_arm, arm_label, arm_else, schedule_expr, sched_band, band_le, band_lt, band_else,
        band_keep, neg_expr, not_prefix, mul_op, add_op, dflt_op, cmp_op, in_op, not_word, is_test,
        known_word, and_op, or_op,
        // declarations
        decl_name, title, reason, type_ref, type_name, type_optional, header_version,
        header_effective, header_currency, header_owner, header_source, header_precision,
        policy_decl, import_decl, import_path, import_alias, enum_decl, enum_ordered, enum_label,
        schema_decl, schema_kind, field_decl, field_default, let_decl, declared_type, fn_decl,
        param, table_decl, effective_clause, table_from, data_file, table_rows, table_row,
        eligibility_decl, elig_rule, rule_verb, rule_condition, haircut_decl, component_kind,
        tiers_decl, tiers_when, tiers_group, tiers_on, tiers_measure, tiers_mode, tiers_mode_word,
        tier_band, limit_decl, limit_by, limit_where, limit_on, limit_direction, limit_of,
        limit_bound, output_decl, rebalance_decl, rb_target, rb_top_up, rb_substitute, rb_release,
        rb_liquidate, order_key, order_direction, rb_cost, rb_lot, rb_min_move, rb_max_moves>,
    // Operator chains build no nodes of their own: their operands and operators stay flat in the
    // parent and build_ast.cpp groups them by precedence (far fewer allocations).
    pt::fold_one::on<>>;

constexpr std::array<std::string_view, 16> kDeclarationKeywords = {
    "policy", "import",      "enum",    "position", "account", "market", "let",    "fn",
    "table",  "eligibility", "haircut", "margin",   "tiers",   "limit",  "output", "rebalance"};

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool StartsDeclaration(std::string_view rest) {
  return std::any_of(kDeclarationKeywords.begin(), kDeclarationKeywords.end(), [&](auto kw) {
    return rest.substr(0, kw.size()) == kw &&
           (rest.size() == kw.size() || !IsIdentChar(rest[kw.size()]));
  });
}

// Where to resume after a syntax error: the first line after the error's line (and after the
// failed declaration's first line) that starts in column 1 with a declaration keyword.
std::uint32_t RecoveryPoint(const SourceFile& file, std::uint32_t decl_begin,
                            std::uint32_t error_at) {
  const std::string_view text = file.text();
  std::uint32_t line = std::max(file.Locate(decl_begin).line, file.Locate(error_at).line) + 1;
  for (; line <= file.LineCount(); ++line) {
    const std::uint32_t start = file.LineStart(line);
    if (StartsDeclaration(text.substr(start))) return start;
  }
  return file.size();
}

// Skips whitespace and comments from `at`.
std::uint32_t SkipSpace(std::string_view text, std::uint32_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
    } else if (c == '#') {
      while (at < text.size() && text[at] != '\n')
        ++at;
    } else {
      break;
    }
  }
  return at;
}

Diagnostic FromParseError(const tao::pegtl::parse_error& e, const SourceFilePtr& file) {
  const std::string_view raw = e.message();
  DiagnosticKind kind = DiagnosticKind::syntax_error;
  std::string_view message = raw;
  if (const auto sep = raw.find('\x1f'); sep != std::string_view::npos) {
    const std::string_view name = raw.substr(0, sep);
    for (DiagnosticKind k : AllDiagnosticKinds()) {
      if (KindName(k) == name) kind = k;
    }
    message = raw.substr(sep + 1);
  }
  auto at = static_cast<std::uint32_t>(e.positions().front().byte);
  // An error found on a later line than the last token (`x +` then a blank line) points just
  // after that token, where the author has to add something.
  const std::string_view text = file->text();
  std::uint32_t back = at;
  bool crossed_line = false;
  while (back > 0 && (text[back - 1] == ' ' || text[back - 1] == '\t' || text[back - 1] == '\r' ||
                      text[back - 1] == '\n')) {
    crossed_line = crossed_line || text[back - 1] == '\n';
    --back;
  }
  // Only when the offending text is the end of the file or the next declaration: a stray token on
  // its own line is reported where it stands.
  const bool at_next_declaration =
      at == text.size() || (file->Locate(at).column == 1 && StartsDeclaration(text.substr(at)));
  if (crossed_line && back > 0 && at_next_declaration) {
    const std::uint32_t line_start = file->LineStart(file->Locate(back).line);
    if (text.substr(line_start, back - line_start).find('#') == std::string_view::npos) at = back;
  }
  // Leftover text after a complete declaration: say what the author most likely meant.
  std::string hint(message);
  if (kind == DiagnosticKind::syntax_error && message.rfind("expected a declaration", 0) == 0 &&
      at < text.size()) {
    const std::string_view rest = text.substr(at);
    const char before = at > 0 ? text[at - 1] : '\n';
    if (rest.substr(0, 1) == "<" || rest.substr(0, 1) == ">" || rest.substr(0, 2) == "==" ||
        rest.substr(0, 2) == "!=") {
      hint = "comparisons do not chain: write `a < x and x < b`";
    } else if ((rest[0] == '(' || rest[0] == '[') && (before == ' ' || before == '\t') && at >= 2 &&
               IsIdentChar(text[at - 2])) {
      hint = "a call or table lookup has no space before its `(` or `[`: write `name(...)`";
    }
  }
  // Point at one character (or the line's end) rather than an empty range.
  const std::uint32_t end = at < file->size() ? at + 1 : at;
  return MakeDiagnostic(kind, file, {at, end}, std::move(hint));
}

}  // namespace

ParseResult Parse(const SourceFilePtr& source) {
  ParseResult result;
  result.diagnostics = ValidateSource(source);
  if (!result.diagnostics.empty()) return result;

  const std::string_view text = source->text();
  std::uint32_t at = SkipSpace(text, ByteOrderMarkLength(text));
  std::size_t errors = 0;
  while (at < text.size()) {
    const LineColumn lc = source->Locate(at);
    tao::pegtl::memory_input<> in(text.data() + at, text.data() + text.size(), source->name(), at,
                                  lc.line, lc.column);
    try {
      auto root = pt::parse<one_declaration, ParseNode, selector, tao::pegtl::nothing, control>(in);
      result.file.decls.push_back(BuildDecl(*root->children.front(), source, result.diagnostics));
      at = SkipSpace(text, static_cast<std::uint32_t>(in.byte()));
    } catch (const ExprTooDeep& e) {
      result.diagnostics.push_back(MakeDiagnostic(
          DiagnosticKind::nesting_too_deep, source, {e.range.begin, e.range.begin + 1},
          fmt::format("expression is nested too deeply (more than {} levels; a long chain of "
                      "operators counts as nesting)",
                      kMaxExprDepth)));
      ++errors;
      at = SkipSpace(text, static_cast<std::uint32_t>(in.byte()));
    } catch (const tao::pegtl::parse_error& e) {
      result.diagnostics.push_back(FromParseError(e, source));
      if (++errors >= kMaxParseErrors) {
        result.diagnostics.push_back(
            MakeDiagnostic(DiagnosticKind::too_many_errors, source, result.diagnostics.back().range,
                           fmt::format("too many errors; stopped after {}", kMaxParseErrors)));
        return result;
      }
      at = SkipSpace(text, RecoveryPoint(*source, at, result.diagnostics.back().range.begin));
    }
  }
  if (result.file.decls.empty() && errors == 0) {
    result.diagnostics.push_back(MakeDiagnostic(DiagnosticKind::empty_file, source,
                                                {source->size(), source->size()},
                                                "the file has no declarations"));
  }
  return result;
}

}  // namespace collat::grammar
