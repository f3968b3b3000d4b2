#include "runtime/explain.h"

#include <cmath>

#include <fmt/format.h>

#include "runtime/account_state.h"
#include "runtime/explain_limits.h"
#include "runtime/explain_trace.h"
#include "runtime/explain_values.h"
#include "runtime/expr_eval.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::runtime {
namespace {

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

// The conversion of the position's market value, when its `currency` field names another
// currency than the base one and the input has a rate for it.
std::vector<FxNote> Fx(const ir::Policy& policy, const Input& input, std::size_t global) {
  const std::int32_t currency = policy.FindPositionField("currency");
  if (currency < 0 || policy.FindPositionField("market_value") < 0) return {};
  const ir::Field& field = policy.position_fields[static_cast<std::size_t>(currency)];
  if (field.type.kind != ir::TypeKind::Text) return {};
  const Column& c = input.positions.fields[static_cast<std::size_t>(currency)];
  if (c.known[global] == 0) return {};
  const std::string& code = input.text.Text(c.integers[global]);
  if (code == policy.header.currency) return {};
  const auto rate = input.market.fx.find(code);
  if (rate == input.market.fx.end() || !(rate->second > 0)) return {};
  const double market_value = input.positions.market_value[global];
  // The loader keeps only the converted value, so the amount as written is recovered as
  // value / rate, rounded to cents (exact for amounts written in cents at rates >= 0.01).
  const double amount = std::round(market_value / rate->second * 100) / 100;
  return {FxNote{code, rate->second, amount, market_value}};
}

void AddLets(const ir::Policy& policy, const std::vector<Read>& reads,
             std::vector<LetValue>& lets) {
  for (const Read& r : reads) {
    if (r.kind != ReadKind::Let) continue;
    bool seen = false;
    for (const LetValue& l : lets)
      seen = seen || l.name == r.name;
    if (seen) continue;
    std::string source;
    for (const ir::Let& let : policy.lets) {
      if (let.name == r.name) source = SourceText(*let.value);
    }
    lets.push_back({r.name, source, r.value});
  }
}

}  // namespace

ReportedPosition ReportedOf(const PositionView& p) {
  ReportedPosition r;
  r.status = p.status();
  for (const std::string_view rule : p.rules())
    r.rules.emplace_back(rule);
  r.reason = p.reason();
  r.missing.assign(p.missing().begin(), p.missing().end());
  for (const ComponentView c : p.components())
    r.components.push_back(
        {std::string(c.id()), c.kind(), c.known(), c.value(), std::string(c.rule())});
  r.market_value = p.market_value();
  r.adjusted_value = p.adjusted_value();
  r.excess = p.excess();
  r.counted_value = p.counted_value();
  return r;
}

std::optional<PositionExplanation> ExplainPosition(const ir::Policy& policy, const Input& input,
                                                   const Report& report,
                                                   const std::string& position,
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
  PositionExplanation out;
  out.policy_name = policy.header.name;
  out.policy_version = policy.header.version;
  out.currency = policy.header.currency;
  out.places = policy.header.money.places();
  out.valuation_date = input.market.valuation_date;
  out.id = id;
  out.account = acc.id;
  out.source = input.positions.Source(*global);
  out.account_rejection = acc.rejection;
  out.rejection = input.positions.rejection[*global];
  out.result = ReportedOf(report.position(*global));

  const InForce in_force = SelectVersions(policy, input.market.valuation_date);
  TextBinder text(input.text);
  ExprEval eval(policy, input, in_force, text);
  for (std::size_t f = 0; f < policy.position_fields.size(); ++f) {
    const ir::Field& field = policy.position_fields[f];
    out.fields.push_back(
        {ReadKind::PositionField, field.name,
         ShowValue(policy, text, field.type, FieldValue(input, field.type, f, *global))});
  }
  out.fx = Fx(policy, input, *global);

  // Step 2 reads only the position and its account's fields: a fresh run of the account gives the
  // state its expressions are traced in.
  const std::unique_ptr<AccountRun> run =
      RunAccount(policy, in_force, eval, static_cast<std::uint32_t>(account));
  AccountState& state = run->state;
  state.phase = Phase::Positions;
  const Scope scope{&state, static_cast<std::int64_t>(*global)};
  if (out.rejection.empty() && out.account_rejection.empty()) {
    for (std::size_t i = 0; i < policy.rules.size(); ++i) {
      if (!in_force.rules[i]) continue;
      const ir::Rule& rule = policy.rules[i];
      RuleExplanation r{rule.id, rule.verb, TraceExpr(policy, eval, *rule.condition, scope, false)};
      const ir::Value& v = r.condition.value.value;
      (!v.known    ? out.decision.unknown
       : v.truth() ? out.decision.held
                   : out.decision.failed)
          .push_back(rule.id);
      AddLets(policy, r.condition.reads, out.lets);
      out.rules.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < policy.components.size(); ++i) {
      if (!in_force.components[i]) continue;
      const ir::Component& c = policy.components[i];
      ComponentExplanation e{c.id, c.kind, TraceExpr(policy, eval, *c.value, scope, true)};
      AddLets(policy, e.value.reads, out.lets);
      out.components.push_back(std::move(e));
    }
    for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
      if (!in_force.tiers[t]) continue;
      const ir::Tiers& tiers = policy.tiers[t];
      TiersExplanation x;
      x.id = tiers.id;
      bool member = true;
      if (tiers.when) {
        x.when.push_back(TraceExpr(policy, eval, *tiers.when, scope, false));
        const ir::Value& v = x.when.back().value.value;
        member = v.known && v.truth();
      }
      if (tiers.group_by && member) {
        x.group_by.push_back(TraceExpr(policy, eval, *tiers.group_by, scope, false));
      }
      x.member = member && out.result.status == Status::Eligible;
      out.tiers.push_back(std::move(x));
    }
  }
  // The report's component values, shown as the explanation shows them: as written when the
  // same component's value came from a literal of that value (to 1e-12, should the report round
  // its rates), else as a computed rate.
  for (const ReportedComponent& c : out.result.components) {
    std::string shown = ShowRate(c.value);
    for (const ComponentExplanation& e : out.components) {
      if (e.id == c.id && e.value.value.value.known &&
          std::fabs(e.value.value.value.number - c.value) <= 1e-12)
        shown = e.value.value.shown;
    }
    out.result_shown.push_back(c.known ? shown : "unknown");
    bool tiers = false;
    for (const ir::Tiers& t : policy.tiers)
      tiers = tiers || t.id == c.id;
    out.result_is_tiers.push_back(tiers);
  }
  if (out.result.excess > 0) {
    for (const LimitExplanation& limit :
         ExplainLimits(policy, in_force, eval, static_cast<std::uint32_t>(account), *run)) {
      for (const Attribution& a : limit.attributed) {
        if (a.position == id)
          out.excess_by_limit.push_back({limit.result.id, limit.result.group, a.share});
      }
    }
  }
  return out;
}

}  // namespace collat::runtime
