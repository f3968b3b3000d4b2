// The error message of every rule that can raise (every rule under `must<>`). A message may start
// with a diagnostic kind name and '\x1f'; without one the kind is `syntax_error`. Hooked into PEGTL
// through must_if<>, which refuses to compile when a raising rule has no message here.
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/grammar.h"

namespace collat::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define COLLAT_ERROR(rule, text) \
  template <>                    \
  inline constexpr const char* error_message<rules::rule> = text

COLLAT_ERROR(escape_char,
             "invalid_escape\x1f"
             "invalid escape in string: use `\\\"`, `\\\\`, `\\n` or `\\t`");
COLLAT_ERROR(string_close,
             "unterminated_string\x1f"
             "unterminated string: add the closing `\"` on the same line");
COLLAT_ERROR(sub_expr, "expected an expression");
COLLAT_ERROR(value, "expected an expression");
COLLAT_ERROR(arm_value, "expected the arm's value after `=>`");
COLLAT_ERROR(band_bound, "expected the band's bound after `<` or `<=`");
COLLAT_ERROR(band_value, "expected the band's value after `:`");
COLLAT_ERROR(schedule_subject, "expected the value to schedule on after `schedule`");
COLLAT_ERROR(neg_operand, "expected an operand after `-`");
COLLAT_ERROR(mul_operand, "expected an operand after `*` or `/`");
COLLAT_ERROR(add_operand, "expected an operand after `+` or `-`");
COLLAT_ERROR(dflt_operand, "expected a default value after `??`");
COLLAT_ERROR(cmp_operand, "expected an operand after the comparison");
COLLAT_ERROR(not_operand, "expected an operand after `not`");
COLLAT_ERROR(and_operand, "expected an operand after `and`");
COLLAT_ERROR(or_operand, "expected an operand after `or`");
COLLAT_ERROR(known_word, "expected `known` or `unknown` after `is`");
COLLAT_ERROR(close_paren, "expected `)`");
COLLAT_ERROR(close_bracket, "expected `]` to close the table lookup");
COLLAT_ERROR(close_brace, "expected `,` or `}` in the set");
COLLAT_ERROR(kw_then, "expected `then` after the condition of `if`");
COLLAT_ERROR(kw_else, "expected `else`: an `if` needs both branches");
COLLAT_ERROR(arrow, "expected `=>` between the arm's condition and its value");
COLLAT_ERROR(match_open, "expected `{` after `match`");
COLLAT_ERROR(match_close, "expected a match arm (`condition => value` or `else => value`) or `}`");
COLLAT_ERROR(colon, "expected `:`");
COLLAT_ERROR(sched_open, "expected `{` to start the schedule's bands");
COLLAT_ERROR(sched_close,
             "expected a band (`< bound: value`, `<= bound: value`, `else: value`) or `}`");
COLLAT_ERROR(type_ref,
             "expected a type (`number`, `percent`, `money`, `bool`, `text`, `date`, `duration` or "
             "an enum name)");
COLLAT_ERROR(date_lit, "expected a date `YYYY-MM-DD`");
COLLAT_ERROR(string_lit, "expected a string in double quotes");
COLLAT_ERROR(number_lit, "expected a number");
COLLAT_ERROR(currency_code, "expected a three-letter currency code such as `USD`");
COLLAT_ERROR(decl_name, "expected a name (letters, digits and `_`, not a reserved word)");
COLLAT_ERROR(policy_open, "expected `{` to start the policy header");
COLLAT_ERROR(
    policy_close,
    "expected a header item (`version`, `effective`, `currency`, `owner`, `source`) or `}`");
COLLAT_ERROR(import_path, "expected the imported file's path as a string");
COLLAT_ERROR(enum_open, "expected `{` to start the enum's labels");
COLLAT_ERROR(enum_labels, "expected at least one enum label");
COLLAT_ERROR(enum_close, "expected `,` or `}` after an enum label");
COLLAT_ERROR(schema_open, "expected `{` to start the field list");
COLLAT_ERROR(schema_close, "expected a field (`name: type`) or `}`");
COLLAT_ERROR(equals, "expected `=`");
COLLAT_ERROR(param_open, "expected `(` to start the parameter list");
COLLAT_ERROR(param_close, "expected `,` or `)` in the parameter list");
COLLAT_ERROR(key_arrow, "expected `->` between the key type and the value type");
COLLAT_ERROR(table_body, "expected `{` with rows, or `from \"file\"`");
COLLAT_ERROR(table_close, "expected a table row (`key: value`) or `}`");
COLLAT_ERROR(data_file, "expected the data file's path as a string");
COLLAT_ERROR(rule_condition, "expected `when` and the rule's condition");
COLLAT_ERROR(elig_open, "expected `{` after `eligibility`");
COLLAT_ERROR(elig_close, "expected an `accept` or `reject` rule, or `}`");
COLLAT_ERROR(kw_by, "expected `by`");
COLLAT_ERROR(tiers_measure, "expected `quantity` or `value` after `on`");
COLLAT_ERROR(tiers_mode_word, "expected `progressive` or `whole` after `mode`");
COLLAT_ERROR(tiers_open, "expected `{` to start the tiers");
COLLAT_ERROR(tiers_close,
             "expected a tiers item (`when`, `group by`, `on`, `mode`, a band) or `}`");
COLLAT_ERROR(limit_bound, "expected `max` or `min` and the limit's amount");
COLLAT_ERROR(kw_from, "expected `from` and the inventory's name");
COLLAT_ERROR(substitute_list, "expected what to substitute (`ineligible`, `over_limit`)");
COLLAT_ERROR(order_list, "expected the liquidation order (`expression [asc|desc], ...`)");
COLLAT_ERROR(rebalance_open, "expected `{` to start the rebalance rule");
COLLAT_ERROR(rebalance_close,
             "expected a rebalance item (`target`, `top_up`, `substitute`, `release`, `liquidate`, "
             "`cost`, `lot`, `min_move`, `max_moves`) or `}`");
COLLAT_ERROR(declaration,
             "expected a declaration (`policy`, `import`, `enum`, `position`, `account`, `market`, "
             "`let`, `fn`, `table`, `eligibility`, `haircut`, `margin`, `tiers`, `limit`, `output` "
             "or `rebalance`)");

#undef COLLAT_ERROR

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  // Raise only where the grammar says `must<>`: a rule with a message may also be tried
  // speculatively elsewhere (`then` inside a reserved-word check), where failing is normal.
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

template <typename Rule>
using control = tao::pegtl::must_if<errors>::control<Rule>;

}  // namespace collat::grammar
