// The collat grammar as PEGTL rules, one per line, named after docs/language.md (section
// "Grammar"). Convention: a rule never consumes whitespace before or after itself; sequences put
// `sp` between their parts. `expect<>` (a rewinding `must<>`) marks commit points; every rule that
// can raise has a message in errors.h. Expression recursion goes through `nested<>`, which bounds
// the nesting depth.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace collat::grammar {

namespace pegtl = tao::pegtl;

// Deepest expression nesting accepted (parentheses, unary operators, nested constructs).
inline constexpr std::size_t kMaxNesting = 256;

// Matches Rule with one more level of nesting; past kMaxNesting it raises instead of recursing,
// so 100,000 nested parentheses give a diagnostic, not a stack overflow.
template <typename Rule>
struct nested {
  using rule_t = nested;
  using subs_t = pegtl::type_list<Rule>;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    struct Guard {
      std::size_t& depth;
      explicit Guard(std::size_t& d) : depth(d) { ++depth; }
      Guard(const Guard&) = delete;
      Guard& operator=(const Guard&) = delete;
      ~Guard() { --depth; }
    } guard(in.private_depth);
    // The declaration's own expression enters here too, at depth 1: it is level 0 of
    // docs/language.md 16.3, so kMaxNesting levels inside it mean a depth of kMaxNesting + 1.
    if (in.private_depth > kMaxNesting + 1) {
      throw pegtl::parse_error(
          "nesting_too_deep\x1f"
          "expressions are nested too deeply (more than 256 levels)",
          in);
    }
    return Control<Rule>::template match<A, M, Action, Control>(in, st...);
  }
};

// Like must<Rule>, but a failing Rule first rewinds, so the error points at the start of what was
// there instead of somewhere inside a half-matched token (`2026/01/01` is reported at `2026`).
template <typename Rule>
struct expect {
  using rule_t = expect;
  using subs_t = pegtl::type_list<Rule>;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    if (Control<Rule>::template match<A, pegtl::rewind_mode::required, Action, Control>(in,
                                                                                        st...)) {
      return true;
    }
    Control<Rule>::raise(static_cast<const ParseInput&>(in), st...);
  }
};

// True for the reserved words of `rules::reserved` (kept in step by a unit test).
bool IsReservedWord(std::string_view word);

// The rule table stays one rule per line, however long: clang-format leaves it alone.
// clang-format off
namespace rules {
using namespace pegtl;  // NOLINT(google-build-using-namespace): rule tables read best unqualified

// ---- lexical -------------------------------------------------------------------------------
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct ws : sor<one<' ', '\t', '\r', '\n'>, comment> {};
struct sp : star<ws> {};
struct hsp : plus<one<' ', '\t'>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
template <typename Word>
struct word : seq<Word, not_at<ident_other>> {};

// Reserved words: never identifiers.
struct kw_and : word<TAO_PEGTL_STRING("and")> {};
struct kw_or : word<TAO_PEGTL_STRING("or")> {};
struct kw_not : word<TAO_PEGTL_STRING("not")> {};
struct kw_in : word<TAO_PEGTL_STRING("in")> {};
struct kw_is : word<TAO_PEGTL_STRING("is")> {};
struct kw_if : word<TAO_PEGTL_STRING("if")> {};
struct kw_then : word<TAO_PEGTL_STRING("then")> {};
struct kw_else : word<TAO_PEGTL_STRING("else")> {};
struct kw_match : word<TAO_PEGTL_STRING("match")> {};
struct kw_schedule : word<TAO_PEGTL_STRING("schedule")> {};
struct kw_when : word<TAO_PEGTL_STRING("when")> {};
struct kw_where : word<TAO_PEGTL_STRING("where")> {};
struct kw_true : word<TAO_PEGTL_STRING("true")> {};
struct kw_false : word<TAO_PEGTL_STRING("false")> {};
struct kw_known : word<TAO_PEGTL_STRING("known")> {};
struct kw_unknown : word<TAO_PEGTL_STRING("unknown")> {};
struct kw_effective : word<TAO_PEGTL_STRING("effective")> {};
struct kw_policy : word<TAO_PEGTL_STRING("policy")> {};
struct kw_import : word<TAO_PEGTL_STRING("import")> {};
struct kw_enum : word<TAO_PEGTL_STRING("enum")> {};
struct kw_let : word<TAO_PEGTL_STRING("let")> {};
struct kw_fn : word<TAO_PEGTL_STRING("fn")> {};
struct kw_table : word<TAO_PEGTL_STRING("table")> {};
struct kw_eligibility : word<TAO_PEGTL_STRING("eligibility")> {};
struct kw_accept : word<TAO_PEGTL_STRING("accept")> {};
struct kw_reject : word<TAO_PEGTL_STRING("reject")> {};
struct kw_haircut : word<TAO_PEGTL_STRING("haircut")> {};
struct kw_margin : word<TAO_PEGTL_STRING("margin")> {};
struct kw_tiers : word<TAO_PEGTL_STRING("tiers")> {};
struct kw_limit : word<TAO_PEGTL_STRING("limit")> {};
struct kw_output : word<TAO_PEGTL_STRING("output")> {};
struct kw_rebalance : word<TAO_PEGTL_STRING("rebalance")> {};
struct reserved
    : sor<kw_and, kw_or, kw_not, kw_in, kw_is, kw_if, kw_then, kw_else, kw_match, kw_schedule,
          kw_when, kw_where, kw_true, kw_false, kw_known, kw_unknown, kw_effective, kw_policy,
          kw_import, kw_enum, kw_let, kw_fn, kw_table, kw_eligibility, kw_accept, kw_reject,
          kw_haircut, kw_margin, kw_tiers, kw_limit, kw_output, kw_rebalance> {};

// Contextual words: keywords only where the grammar asks for them.
struct kw_position : word<TAO_PEGTL_STRING("position")> {};
struct kw_account : word<TAO_PEGTL_STRING("account")> {};
struct kw_market : word<TAO_PEGTL_STRING("market")> {};
struct kw_version : word<TAO_PEGTL_STRING("version")> {};
struct kw_currency : word<TAO_PEGTL_STRING("currency")> {};
struct kw_owner : word<TAO_PEGTL_STRING("owner")> {};
struct kw_precision : word<TAO_PEGTL_STRING("precision")> {};
struct kw_source : word<TAO_PEGTL_STRING("source")> {};
struct kw_as : word<TAO_PEGTL_STRING("as")> {};
struct kw_ordered : word<TAO_PEGTL_STRING("ordered")> {};
struct kw_group : word<TAO_PEGTL_STRING("group")> {};
struct kw_by : word<TAO_PEGTL_STRING("by")> {};
struct kw_on : word<TAO_PEGTL_STRING("on")> {};
struct kw_mode : word<TAO_PEGTL_STRING("mode")> {};
struct kw_keep : word<TAO_PEGTL_STRING("keep")> {};
struct kw_max : word<TAO_PEGTL_STRING("max")> {};
struct kw_min : word<TAO_PEGTL_STRING("min")> {};
struct kw_of : word<TAO_PEGTL_STRING("of")> {};
struct kw_from : word<TAO_PEGTL_STRING("from")> {};
struct kw_target : word<TAO_PEGTL_STRING("target")> {};
struct kw_top_up : word<TAO_PEGTL_STRING("top_up")> {};
struct kw_substitute : word<TAO_PEGTL_STRING("substitute")> {};
struct kw_release : word<TAO_PEGTL_STRING("release")> {};
struct kw_above : word<TAO_PEGTL_STRING("above")> {};
struct kw_liquidate : word<TAO_PEGTL_STRING("liquidate")> {};
struct kw_cost : word<TAO_PEGTL_STRING("cost")> {};
struct kw_lot : word<TAO_PEGTL_STRING("lot")> {};
struct kw_min_move : word<TAO_PEGTL_STRING("min_move")> {};
struct kw_max_moves : word<TAO_PEGTL_STRING("max_moves")> {};
struct kw_asc : word<TAO_PEGTL_STRING("asc")> {};
struct kw_desc : word<TAO_PEGTL_STRING("desc")> {};

// clang-format on
// An identifier, matched in one scan with one table lookup: far cheaper than trying every
// reserved word as a PEGTL rule at every name, which dominated parse time.
struct identifier {
  using rule_t = identifier;
  using subs_t = pegtl::empty_list;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
    const char* p = in.current();
    const std::size_t size = in.size(in.size(1));
    const auto first = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    const auto other = [&](char c) { return first(c) || (c >= '0' && c <= '9'); };
    if (size == 0 || !first(p[0])) return false;
    std::size_t n = 1;
    while (n < size && other(p[n]))
      ++n;
    if (IsReservedWord(std::string_view(p, n))) return false;
    in.bump_in_this_line(n);
    return true;
  }
};
// clang-format off
struct dotted_name : seq<identifier, star<one<'.'>, identifier>> {};

// ---- literals ------------------------------------------------------------------------------
struct digits : seq<digit, star<opt<one<'_'>>, digit>> {};
struct fraction : seq<one<'.'>, digits> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};
struct number_body : seq<digits, opt<fraction>, opt<exponent>> {};
struct number_lit : seq<number_body, not_at<ident_other>> {};
struct percent_lit : seq<number_body, one<'%'>> {};
struct currency_code : seq<rep<3, range<'A', 'Z'>>, not_at<ident_other>> {};
struct money_lit : seq<number_body, hsp, currency_code> {};
struct date_lit : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};
struct duration_unit : one<'d', 'w', 'm', 'y'> {};
struct duration_lit : seq<plus<digit>, duration_unit, not_at<ident_other>> {};
struct escape_char : one<'"', '\\', 'n', 't'> {};
struct escape : seq<one<'\\'>, expect<escape_char>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_close : one<'"'> {};
struct string_lit : seq<one<'"'>, star<string_char>, expect<string_close>> {};
struct bool_lit : sor<kw_true, kw_false> {};

// ---- expressions (lowest precedence last) ----------------------------------------------------
struct expr;
struct sub_expr : nested<expr> {};
struct comma : one<','> {};
struct colon : one<':'> {};
struct close_paren : one<')'> {};
struct close_bracket : one<']'> {};
struct close_brace : one<'}'> {};
struct arrow : TAO_PEGTL_STRING("=>") {};

struct paren : seq<one<'('>, sp, expect<sub_expr>, sp, expect<close_paren>> {};
struct set_lit : seq<one<'{'>, sp, opt<list_tail<sub_expr, comma, ws>, sp>, expect<close_brace>> {};
struct arg_name : seq<identifier, sp, colon, not_at<one<':'>>> {};
struct call_arg : seq<opt<arg_name, sp>, sub_expr> {};
struct where_clause : seq<kw_where, sp, expect<sub_expr>> {};
struct call_args : sor<where_clause, seq<list<call_arg, comma, ws>, opt<sp, where_clause>>> {};
struct call : seq<dotted_name, one<'('>, sp, opt<call_args, sp>, expect<close_paren>> {};
struct index_expr : seq<dotted_name, one<'['>, sp, expect<sub_expr>, sp, expect<close_bracket>> {};
struct if_expr : seq<kw_if, sp, expect<sub_expr>, sp, expect<kw_then>, sp, expect<sub_expr>, sp, expect<kw_else>, sp, expect<sub_expr>> {};
struct arm_label : seq<identifier, sp, colon> {};
struct arm_else : kw_else {};
struct arm_value : sub_expr {};
struct match_arm : seq<opt<arm_label, sp>, sor<arm_else, sub_expr>, sp, expect<arrow>, sp, expect<arm_value>> {};
struct match_open : one<'{'> {};
struct match_close : one<'}'> {};
struct match_expr : seq<kw_match, sp, expect<match_open>, sp, star<match_arm, sp, opt<comma, sp>>, expect<match_close>> {};
struct band_le : TAO_PEGTL_STRING("<=") {};
struct band_lt : one<'<'> {};
struct band_else : kw_else {};
struct band_bound : sub_expr {};
struct band_key : sor<band_else, seq<sor<band_le, band_lt>, sp, expect<band_bound>>> {};
struct add_expr;
struct dflt_expr;
struct band_value : nested<dflt_expr> {};
struct sched_band : seq<band_key, sp, expect<colon>, sp, expect<band_value>> {};
struct sched_open : one<'{'> {};
struct sched_close : one<'}'> {};
struct schedule_subject : sub_expr {};
struct schedule_expr : seq<kw_schedule, sp, expect<schedule_subject>, sp, expect<sched_open>, sp, star<sched_band, sp, opt<comma, sp>>, expect<sched_close>> {};

// Guards: cheap lookaheads over rules that build no parse tree node, so the alternatives of a
// primary are tried only where they can match (a node is allocated for every rule attempt).
struct name_ahead : seq<identifier, star<one<'.'>, identifier>> {};
struct numeric_lit : seq<at<digit>, sor<date_lit, duration_lit, percent_lit, money_lit, number_lit>> {};
struct keyword_lit : sor<seq<at<kw_if>, if_expr>, seq<at<kw_match>, match_expr>, seq<at<kw_schedule>, schedule_expr>, seq<at<sor<kw_true, kw_false>>, bool_lit>> {};
struct name_lit : sor<seq<at<name_ahead, one<'('>>, call>, seq<at<name_ahead, one<'['>>, index_expr>, dotted_name> {};
struct primary : sor<numeric_lit, seq<at<one<'"'>>, string_lit>, keyword_lit, name_lit, paren, set_lit> {};
struct unary;
struct neg_operand : nested<unary> {};
struct neg_expr : seq<one<'-'>, sp, expect<neg_operand>> {};
struct unary : sor<neg_expr, primary> {};
struct mul_op : one<'*', '/'> {};
struct mul_operand : unary {};
struct mul_expr : seq<unary, star<sp, at<one<'*', '/'>>, mul_op, sp, expect<mul_operand>>> {};
struct add_op : one<'+', '-'> {};
struct add_operand : mul_expr {};
struct add_expr : seq<mul_expr, star<sp, at<one<'+', '-'>>, add_op, sp, expect<add_operand>>> {};
struct dflt_op : TAO_PEGTL_STRING("??") {};
struct dflt_operand : add_expr {};
struct dflt_expr : seq<add_expr, star<sp, at<one<'?'>>, dflt_op, sp, expect<dflt_operand>>> {};
struct cmp_op : sor<TAO_PEGTL_STRING("=="), TAO_PEGTL_STRING("!="), TAO_PEGTL_STRING("<="), TAO_PEGTL_STRING(">="), one<'<'>, one<'>'>> {};
struct not_word : kw_not {};
struct in_op : seq<opt<not_word, sp>, kw_in> {};
struct cmp_operand : dflt_expr {};
struct known_word : sor<kw_known, kw_unknown> {};
struct is_test : seq<kw_is, sp, opt<not_word, sp>, expect<known_word>> {};
struct cmp_tail : sor<seq<at<one<'=', '!', '<', '>'>>, cmp_op, sp, expect<cmp_operand>>, seq<at<one<'n', 'i'>>, in_op, sp, expect<cmp_operand>>, seq<at<kw_is>, is_test>> {};
struct cmp_expr : seq<dflt_expr, opt<sp, cmp_tail>> {};
struct not_expr;
struct not_operand : nested<not_expr> {};
struct not_prefix : seq<kw_not, sp, expect<not_operand>> {};
struct not_expr : sor<seq<at<kw_not>, not_prefix>, cmp_expr> {};
struct and_op : kw_and {};
struct and_operand : not_expr {};
struct and_expr : seq<not_expr, star<sp, at<kw_and>, and_op, sp, expect<and_operand>>> {};
struct or_op : kw_or {};
struct or_operand : and_expr {};
struct or_expr : seq<and_expr, star<sp, at<kw_or>, or_op, sp, expect<or_operand>>> {};
struct expr : or_expr {};

// ---- shared pieces of declarations ---------------------------------------------------------
struct decl_name : identifier {};
struct type_name : dotted_name {};
struct type_optional : one<'?'> {};
struct type_ref : seq<type_name, opt<type_optional>> {};
struct equals : seq<one<'='>, not_at<one<'=', '>'>>> {};
struct value : sub_expr {};
struct reason : string_lit {};
struct title : string_lit {};
struct effective_clause : seq<kw_effective, sp, expect<date_lit>> {};

// ---- policy header -------------------------------------------------------------------------
struct header_version : seq<kw_version, sp, expect<string_lit>> {};
struct header_effective : seq<kw_effective, sp, expect<date_lit>> {};
struct header_currency : seq<kw_currency, sp, expect<currency_code>> {};
struct header_owner : seq<kw_owner, sp, expect<string_lit>> {};
struct header_source : seq<kw_source, sp, expect<string_lit>> {};
struct header_precision : seq<kw_precision, sp, expect<number_lit>> {};
struct header_item : sor<header_version, header_effective, header_currency, header_owner, header_source, header_precision> {};
struct policy_open : one<'{'> {};
struct policy_close : one<'}'> {};
struct policy_decl : seq<kw_policy, sp, expect<decl_name>, sp, opt<title, sp>, expect<policy_open>, sp, star<header_item, sp>, expect<policy_close>> {};

// ---- import, enum, schema, let, fn, table --------------------------------------------------
struct import_path : string_lit {};
struct import_alias : seq<kw_as, sp, expect<decl_name>> {};
struct import_decl : seq<kw_import, sp, expect<import_path>, opt<sp, import_alias>> {};

struct enum_ordered : kw_ordered {};
struct enum_label : identifier {};
struct enum_labels : list_tail<enum_label, comma, ws> {};
struct enum_open : one<'{'> {};
struct enum_close : one<'}'> {};
struct enum_decl : seq<kw_enum, sp, expect<decl_name>, sp, opt<enum_ordered, sp>, expect<enum_open>, sp, expect<enum_labels>, sp, expect<enum_close>> {};

struct field_default : seq<equals, sp, expect<value>> {};
struct field_decl : seq<decl_name, sp, expect<colon>, sp, expect<type_ref>, opt<sp, field_default>, opt<sp, reason>> {};
struct schema_kind : sor<kw_position, kw_account, kw_market> {};
struct schema_open : one<'{'> {};
struct schema_close : one<'}'> {};
struct schema_decl : seq<schema_kind, sp, expect<schema_open>, sp, star<field_decl, sp>, expect<schema_close>> {};

struct declared_type : seq<colon, sp, expect<type_ref>> {};
struct let_decl : seq<kw_let, sp, expect<decl_name>, sp, opt<declared_type, sp>, expect<equals>, sp, expect<value>> {};

struct param : seq<decl_name, sp, expect<colon>, sp, expect<type_ref>> {};
struct param_open : one<'('> {};
struct param_close : one<')'> {};
struct fn_decl : seq<kw_fn, sp, expect<decl_name>, sp, expect<param_open>, sp, opt<list<param, comma, ws>, sp>, expect<param_close>, sp, opt<declared_type, sp>, expect<equals>, sp, expect<value>> {};

struct key_arrow : TAO_PEGTL_STRING("->") {};
struct table_key : sor<band_else, string_lit, enum_label> {};
struct table_row : seq<table_key, sp, expect<colon>, sp, expect<value>> {};
struct table_open : one<'{'> {};
struct table_close : one<'}'> {};
struct table_rows : seq<table_open, sp, star<table_row, sp, opt<comma, sp>>, expect<table_close>> {};
struct data_file : string_lit {};
struct table_from : seq<kw_from, sp, expect<data_file>> {};
struct table_body : sor<table_from, table_rows> {};
struct table_decl : seq<kw_table, sp, expect<decl_name>, sp, opt<effective_clause, sp>, expect<colon>, sp, expect<type_ref>, sp, expect<key_arrow>, sp, expect<type_ref>, sp, expect<table_body>> {};

// ---- eligibility, haircuts, tiers ----------------------------------------------------------
struct rule_verb : sor<kw_accept, kw_reject> {};
struct rule_condition : seq<kw_when, sp, expect<value>> {};
struct elig_rule : seq<rule_verb, sp, expect<decl_name>, sp, opt<effective_clause, sp>, expect<rule_condition>, opt<sp, reason>> {};
struct elig_open : one<'{'> {};
struct elig_close : one<'}'> {};
struct eligibility_decl : seq<kw_eligibility, sp, expect<elig_open>, sp, star<elig_rule, sp>, expect<elig_close>> {};

struct component_kind : sor<kw_haircut, kw_margin> {};
struct haircut_decl : seq<component_kind, sp, expect<decl_name>, sp, opt<effective_clause, sp>, expect<equals>, sp, expect<value>, opt<sp, reason>> {};

struct tiers_when : seq<kw_when, sp, expect<value>> {};
struct tiers_group : seq<kw_group, sp, expect<kw_by>, sp, expect<value>> {};
struct tiers_measure : sor<word<TAO_PEGTL_STRING("quantity")>, word<TAO_PEGTL_STRING("value")>> {};
struct tiers_on : seq<kw_on, sp, expect<tiers_measure>> {};
struct tiers_mode_word : sor<word<TAO_PEGTL_STRING("progressive")>, word<TAO_PEGTL_STRING("whole")>> {};
struct tiers_mode : seq<kw_mode, sp, expect<tiers_mode_word>> {};
struct band_keep : kw_keep {};
struct tier_band : seq<band_key, sp, expect<colon>, sp, opt<band_keep, sp>, expect<band_value>> {};
struct tiers_item : sor<tiers_when, tiers_group, tiers_on, tiers_mode, tier_band> {};
struct tiers_open : one<'{'> {};
struct tiers_close : one<'}'> {};
struct tiers_decl : seq<kw_tiers, sp, expect<decl_name>, sp, opt<effective_clause, sp>, opt<title, sp>, expect<tiers_open>, sp, star<tiers_item, sp, opt<comma, sp>>, expect<tiers_close>> {};

// ---- limits, outputs, rebalance ------------------------------------------------------------
struct limit_by : seq<kw_by, sp, expect<value>> {};
struct limit_where : seq<kw_where, sp, expect<value>> {};
struct limit_on : seq<kw_on, sp, expect<decl_name>> {};
struct limit_direction : sor<kw_max, kw_min> {};
struct limit_of : seq<kw_of, sp, expect<value>> {};
struct limit_bound : seq<limit_direction, sp, expect<value>, opt<sp, limit_of>> {};
struct limit_decl : seq<kw_limit, sp, expect<decl_name>, sp, opt<effective_clause, sp>, opt<limit_by, sp>, opt<limit_where, sp>, opt<limit_on, sp>, expect<limit_bound>, opt<sp, reason>> {};

struct output_decl : seq<kw_output, sp, expect<decl_name>, sp, opt<declared_type, sp>, expect<equals>, sp, expect<value>, opt<sp, reason>> {};

struct rb_target : seq<kw_target, sp, expect<value>> {};
struct rb_top_up : seq<kw_top_up, sp, expect<kw_from>, sp, expect<decl_name>> {};
struct substitute_list : list<decl_name, comma, ws> {};
struct rb_substitute : seq<kw_substitute, sp, expect<substitute_list>> {};
struct rb_release : seq<kw_release, opt<sp, kw_above, sp, expect<value>>> {};
struct order_direction : sor<kw_asc, kw_desc> {};
struct order_key : seq<sub_expr, opt<sp, order_direction>> {};
struct order_list : list<order_key, comma, ws> {};
struct rb_liquidate : seq<kw_liquidate, sp, expect<kw_by>, sp, expect<order_list>> {};
struct rb_cost : seq<kw_cost, sp, expect<value>> {};
struct rb_lot : seq<kw_lot, sp, expect<value>> {};
struct rb_min_move : seq<kw_min_move, sp, expect<value>> {};
struct rb_max_moves : seq<kw_max_moves, sp, expect<value>> {};
struct rebalance_item : sor<rb_target, rb_top_up, rb_substitute, rb_release, rb_liquidate, rb_cost, rb_lot, rb_min_move, rb_max_moves> {};
struct rebalance_open : one<'{'> {};
struct rebalance_close : one<'}'> {};
struct rebalance_decl : seq<kw_rebalance, sp, expect<decl_name>, sp, expect<rule_condition>, sp, expect<rebalance_open>, sp, star<rebalance_item, sp>, expect<rebalance_close>> {};

// ---- files ---------------------------------------------------------------------------------
struct declaration : sor<policy_decl, import_decl, enum_decl, schema_decl, let_decl, fn_decl, table_decl, eligibility_decl, haircut_decl, tiers_decl, limit_decl, output_decl, rebalance_decl> {};
// One declaration: what the parser matches at each step of its recovery loop.
struct one_declaration : expect<declaration> {};
// A whole file, for analysis (the parser itself steps declaration by declaration).
struct file : seq<sp, star<declaration, sp>, eof> {};

}  // namespace rules
// clang-format on

}  // namespace collat::grammar

namespace tao::pegtl {
// `nested<R>` behaves like R for the grammar analysis.
template <typename Name, typename Rule>
struct analyze_traits<Name, collat::grammar::nested<Rule>> : analyze_seq_traits<Rule> {};
// `expect<R>` is `must<R>`: it either matches R or raises.
template <typename Name, typename Rule>
struct analyze_traits<Name, collat::grammar::expect<Rule>> : analyze_seq_traits<Rule> {};
// An identifier consumes at least one character when it matches.
template <typename Name>
struct analyze_traits<Name, collat::grammar::rules::identifier> : analyze_any_traits<> {};
}  // namespace tao::pegtl
