#include "runtime/explain.h"

#include <fmt/format.h>

#include "runtime/account_state.h"
#include "runtime/expr_eval.h"
#include "runtime/report_json.h"
#include "runtime/text_binder.h"
#include "runtime/unknown_causes.h"
#include "runtime/versions.h"

namespace collat::runtime {
namespace {

std::string ShowValue(const ir::Policy& policy, const Input& input, const ir::Type& type,
                      const ir::Value& v) {
  if (!v.known) return "unknown";
  switch (type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Money:
      return fmt::format("{}", v.number);
    case ir::TypeKind::Percent:
      return fmt::format("{}%", v.number * 100);
    case ir::TypeKind::Bool:
      return v.integer != 0 ? "true" : "false";
    case ir::TypeKind::Text:
      return v.integer >= 0 && static_cast<std::size_t>(v.integer) < input.text.size()
                 ? fmt::format("\"{}\"", input.text.Text(v.integer))
                 : std::string("\"\"");
    case ir::TypeKind::Enum: {
      const ir::EnumInfo& e = policy.enums[static_cast<std::size_t>(type.enum_id)];
      for (std::size_t i = 0; i < e.labels.size(); ++i) {
        if (e.Rank(i) == v.integer) return e.labels[i];
      }
      return "?";
    }
    case ir::TypeKind::Date:
      return FormatDate(v.integer);
    case ir::TypeKind::Duration:
      return FormatDuration(v.duration);
    case ir::TypeKind::Error:
      return "?";
  }
  return "?";
}

ir::Value FieldValue(const Input& input, const ir::Type& type, std::size_t field,
                     std::size_t position) {
  const Column& c = input.positions.fields[field];
  if (position >= c.known.size() || c.known[position] == 0) return ir::Value::Unknown();
  switch (type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return ir::Value::Number(c.numbers[position]);
    case ir::TypeKind::Duration:
      return ir::Value::OfDuration(c.durations[position]);
    case ir::TypeKind::Bool:
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
    case ir::TypeKind::Date:
    case ir::TypeKind::Error:
      return ir::Value::Integer(c.integers[position]);
  }
  return ir::Value::Unknown();
}

std::string Outcome(const ir::Value& v, ExprEval& eval, const std::string& shown) {
  if (v.known) return shown;
  const std::string why = DescribeCauses(eval.causes());
  return why.empty() ? "unknown" : "unknown (" + why + ")";
}

}  // namespace

std::optional<std::string> Explain(const ir::Policy& policy, const Input& input,
                                   const Report& report, const std::string& position,
                                   std::string& error) {
  const auto slash = position.find('/');
  const std::string account_id = slash == std::string::npos ? "" : position.substr(0, slash);
  const std::string id = slash == std::string::npos ? position : position.substr(slash + 1);
  std::optional<std::size_t> global;
  std::size_t account = 0;
  for (std::size_t a = 0; a < input.accounts.size(); ++a) {
    const Account& acc = input.accounts[a];
    if (!account_id.empty() && acc.id != account_id) continue;
    for (std::uint32_t k = 0; k < acc.position_count; ++k) {
      if (input.positions.ids[acc.first_position + k] != id) continue;
      if (global) {
        error = fmt::format("position `{}` is in several accounts: write `ACCOUNT/{}`", id, id);
        return std::nullopt;
      }
      global = acc.first_position + k;
      account = a;
    }
  }
  if (!global) {
    error = fmt::format("no position `{}` in the input", position);
    return std::nullopt;
  }
  const Account& acc = input.accounts[account];
  const PositionResult& result = report.accounts[account].positions[*global - acc.first_position];
  std::string out =
      fmt::format("Position {} of account {} ({})\n", id, acc.id, input.positions.source[*global]);
  if (!acc.rejection.empty()) out += fmt::format("  the account is rejected: {}\n", acc.rejection);
  if (!input.positions.rejection[*global].empty()) {
    out += fmt::format("  REJECTED: {}\n", input.positions.rejection[*global]);
  }
  out += "Fields\n";
  for (std::size_t f = 0; f < policy.position_fields.size(); ++f) {
    const ir::Field& field = policy.position_fields[f];
    out += fmt::format(
        "  {} = {}\n", field.name,
        ShowValue(policy, input, field.type, FieldValue(input, field.type, f, *global)));
  }
  const InForce in_force = SelectVersions(policy, input.market.valuation_date);
  TextBinder text(input.text);
  ExprEval eval(policy, input, in_force, text);
  AccountState state;
  state.account = static_cast<std::uint32_t>(account);
  state.first_position = acc.first_position;
  state.phase = Phase::Positions;
  state.result = report.accounts[account];
  const Scope scope{&state, static_cast<std::int64_t>(*global)};
  if (input.positions.rejection[*global].empty() && acc.rejection.empty()) {
    out += "Eligibility (rules in force, in written order)\n";
    for (std::size_t i = 0; i < policy.rules.size(); ++i) {
      if (!in_force.rules[i]) continue;
      const ir::Rule& rule = policy.rules[i];
      eval.causes().clear();
      const ir::Value v = eval.Eval(*rule.condition, scope);
      out += fmt::format("  {} {} when {}\n    -> {}\n",
                         rule.verb == ir::Verb::Accept ? "accept" : "reject", rule.id, rule.source,
                         Outcome(v, eval, v.truth() ? "true" : "false"));
    }
    out += "Haircut components (in force)\n";
    for (std::size_t i = 0; i < policy.components.size(); ++i) {
      if (!in_force.components[i]) continue;
      const ir::Component& c = policy.components[i];
      eval.causes().clear();
      eval.trace().clear();
      const ir::Value v = eval.Eval(*c.value, scope);
      std::string arms;
      for (const std::string& arm : eval.trace())
        arms += (arms.empty() ? "" : " / ") + arm;
      out += fmt::format("  {} {} = {}\n    -> {}{}\n",
                         c.kind == ir::ComponentKind::Haircut ? "haircut" : "margin", c.id,
                         c.source, Outcome(v, eval, ShowValue(policy, input, c.value->type, v)),
                         arms.empty() ? "" : " by arm " + arms);
    }
  }
  out += "Result\n";
  out += fmt::format("  status: {}\n", StatusName(result.status));
  std::string rules;
  for (const std::string& r : result.rules)
    rules += (rules.empty() ? "" : ", ") + r;
  if (!rules.empty()) out += fmt::format("  deciding rules: {}\n", rules);
  if (!result.reason.empty()) out += fmt::format("  reason: {}\n", result.reason);
  for (const ComponentResult& c : result.components) {
    out +=
        fmt::format("  {} {}: {}{}\n", c.kind == ir::ComponentKind::Haircut ? "haircut" : "margin",
                    c.id, c.known ? fmt::format("{}", c.value) : "unknown",
                    c.rule.empty() ? "" : " (" + c.rule + ")");
  }
  out +=
      fmt::format("  market value {}, adjusted value {}, excess over limits {}, counted value {}\n",
                  result.market_value, result.adjusted_value, result.excess, result.counted_value);
  return out;
}

}  // namespace collat::runtime
