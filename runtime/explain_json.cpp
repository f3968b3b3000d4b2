#include "runtime/explain_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "runtime/report_json.h"

namespace collat::runtime {
namespace {

using Json = nlohmann::ordered_json;

// Numbers as the report writes them: integral values without a fraction, else the shortest
// decimal that reads back; non-finite values are null.
Json Number(double value) {
  if (!std::isfinite(value)) return nullptr;
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::trunc(value) == value && std::fabs(value) < kExactIntegers)
    return static_cast<std::int64_t>(value);
  return value;
}

// A value by its type: number, bool or string; null when unknown.
Json Value(const Shown& s) {
  if (!s.value.known) return nullptr;
  switch (s.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return Number(s.value.number);
    case ir::TypeKind::Bool:
      return s.value.integer != 0;
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
    case ir::TypeKind::Date:
    case ir::TypeKind::Duration:
      return s.text;
    case ir::TypeKind::Error:
      return nullptr;
  }
  return nullptr;
}

Json Strings(const std::vector<std::string>& texts) {
  Json a = Json::array();
  for (const std::string& t : texts)
    a.push_back(t);
  return a;
}

const char* ReadKindName(ReadKind kind) {
  switch (kind) {
    case ReadKind::Let:
      return "let";
    case ReadKind::PositionField:
      return "position_field";
    case ReadKind::AccountField:
      return "account_field";
    case ReadKind::MarketField:
      return "market_field";
    case ReadKind::ValuationDate:
      return "valuation_date";
    case ReadKind::Total:
      return "total";
    case ReadKind::Output:
      return "output";
    case ReadKind::Aggregate:
      return "aggregate";
    case ReadKind::Breached:
      return "breached";
  }
  return "?";
}

Json ReadJson(const Read& r, bool with_kind) {
  Json j;
  if (with_kind) j["kind"] = ReadKindName(r.kind);
  j["name"] = r.name;
  j["value"] = Value(r.value);
  j["shown"] = r.value.shown;
  return j;
}

Json Reads(const std::vector<Read>& reads, bool with_kind = true) {
  Json a = Json::array();
  for (const Read& r : reads)
    a.push_back(ReadJson(r, with_kind));
  return a;
}

const char* StepKindName(StepKind kind) {
  switch (kind) {
    case StepKind::Match:
      return "match";
    case StepKind::Schedule:
      return "schedule";
    case StepKind::If:
      return "if";
    case StepKind::Table:
      return "table";
    case StepKind::Transfer:
      return "transfer";
    case StepKind::Round:
      return "round";
  }
  return "?";
}

Json Taken(const std::string& taken) {
  return taken.empty() ? Json(nullptr) : Json(taken);
}

Json StepJson(const Step& s) {
  Json j;
  j["kind"] = StepKindName(s.kind);
  switch (s.kind) {
    case StepKind::Match:
      j["arm"] = Taken(s.taken);
      j["unknown_at"] = Taken(s.subject);
      break;
    case StepKind::Schedule:
      j["subject"] = s.subject;
      j["subject_value"] = Value(s.subject_value);
      j["band"] = Taken(s.taken);
      break;
    case StepKind::If:
      j["condition"] = s.subject;
      j["condition_value"] = Value(s.subject_value);
      j["branch"] = Taken(s.taken);
      break;
    case StepKind::Table:
      j["table"] = s.subject;
      j["key"] = Value(s.subject_value);
      j["row"] = Taken(s.taken);
      break;
    case StepKind::Transfer:
    case StepKind::Round:
      j["builtin"] = s.subject;
      if (s.kind == StepKind::Transfer) j["rounding"] = s.taken;
      j["arguments"] = Reads(s.arguments, false);
      j["result"] = Value(s.result);
      j["shown"] = s.result.shown;
      j["note"] = s.note;
      break;
  }
  return j;
}

// The common members of a traced expression.
void AddTraced(const Traced& t, Json& j) {
  j["source"] = t.source;
  j["value"] = Value(t.value);
  j["shown"] = t.value.shown;
  j["arms"] = Strings(t.arms);
  j["missing"] = Strings(t.missing);
  j["causes"] = t.causes;
  j["reads"] = Reads(t.reads);
  Json steps = Json::array();
  for (const Step& s : t.steps)
    steps.push_back(StepJson(s));
  j["steps"] = std::move(steps);
}

Json Outcome(const Shown& s) {
  if (!s.value.known) return "unknown";
  return s.value.truth() ? "true" : "false";
}

const char* ComponentWord(ir::ComponentKind kind) {
  return kind == ir::ComponentKind::Haircut ? "haircut" : "margin";
}
const char* ComponentWord(ComponentKind kind) {
  return kind == ComponentKind::Haircut ? "haircut" : "margin";
}

Json Header(const std::string& kind, const std::string& name, const std::string& version,
            const std::string& currency, std::int64_t date) {
  Json j;
  j["explain_version"] = 1;
  j["kind"] = kind;
  j["policy"] = {{"name", name}, {"version", version}};
  j["currency"] = currency;
  j["valuation_date"] = FormatDate(date);
  return j;
}

}  // namespace

std::string RenderPositionJson(const PositionExplanation& e) {
  Json j = Header("position", e.policy_name, e.policy_version, e.currency, e.valuation_date);
  j["position"] = {{"id", e.id}, {"account", e.account}, {"source", e.source}};
  j["account_rejection"] = e.account_rejection.empty() ? Json(nullptr) : Json(e.account_rejection);
  j["rejection"] = e.rejection.empty() ? Json(nullptr) : Json(e.rejection);
  j["fields"] = Reads(e.fields, false);
  if (e.fx.empty()) {
    j["fx"] = nullptr;
  } else {
    const FxNote& fx = e.fx.front();
    j["fx"] = {{"currency", fx.currency},
               {"rate", Number(fx.rate)},
               {"amount", Number(fx.amount)},
               {"market_value", Number(fx.market_value)}};
  }
  Json lets = Json::array();
  for (const LetValue& l : e.lets)
    lets.push_back({{"name", l.name},
                    {"source", l.source},
                    {"value", Value(l.value)},
                    {"shown", l.value.shown}});
  j["lets"] = std::move(lets);
  Json rules = Json::array();
  for (const RuleExplanation& r : e.rules) {
    Json rule;
    rule["id"] = r.id;
    rule["verb"] = r.verb == ir::Verb::Accept ? "accept" : "reject";
    rule["outcome"] = Outcome(r.condition.value);
    AddTraced(r.condition, rule);
    rule.erase("value");  // the outcome says it
    rule.erase("shown");
    rules.push_back(std::move(rule));
  }
  j["rules"] = std::move(rules);
  Json components = Json::array();
  for (const ComponentExplanation& c : e.components) {
    Json component;
    component["id"] = c.id;
    component["kind"] = ComponentWord(c.kind);
    AddTraced(c.value, component);
    components.push_back(std::move(component));
  }
  j["components"] = std::move(components);
  Json tiers = Json::array();
  for (const TiersExplanation& t : e.tiers) {
    Json x;
    x["id"] = t.id;
    x["when"] = nullptr;
    for (const Traced& w : t.when) {
      x["when"] = Json::object();
      AddTraced(w, x["when"]);
    }
    x["group_by"] = nullptr;
    for (const Traced& g : t.group_by) {
      x["group_by"] = Json::object();
      AddTraced(g, x["group_by"]);
    }
    x["member"] = t.member;
    tiers.push_back(std::move(x));
  }
  j["tiers"] = std::move(tiers);
  const ReportedPosition& r = e.result;
  Json result;
  result["status"] = StatusName(r.status);
  result["rules"] = Strings(r.rules);
  result["rules_held"] = Strings(e.decision.held);
  result["rules_failed"] = Strings(e.decision.failed);
  result["rules_unknown"] = Strings(e.decision.unknown);
  result["reason"] = r.reason;
  result["missing"] = Strings(r.missing);
  Json shown = Json::array();
  for (std::size_t i = 0; i < r.components.size(); ++i) {
    const ReportedComponent& c = r.components[i];
    shown.push_back({{"id", c.id},
                     {"kind", e.result_is_tiers[i] ? "tiers" : ComponentWord(c.kind)},
                     {"value", c.known ? Number(c.value) : Json(nullptr)},
                     {"shown", e.result_shown[i]},
                     {"rule", c.rule}});
  }
  result["components"] = std::move(shown);
  result["market_value"] = Number(r.market_value);
  result["adjusted_value"] = Number(r.adjusted_value);
  result["excess"] = Number(r.excess);
  result["counted_value"] = Number(r.counted_value);
  Json shares = Json::array();
  for (const LimitShare& share : e.excess_by_limit) {
    shares.push_back({{"limit", share.limit},
                      {"group", share.group.empty() ? Json(nullptr) : Json(share.group)},
                      {"excess", Number(share.excess)}});
  }
  result["excess_by_limit"] = std::move(shares);
  j["result"] = std::move(result);
  return j.dump(2) + "\n";
}

std::string RenderAccountJson(const AccountExplanation& e) {
  Json j = Header("account", e.policy_name, e.policy_version, e.currency, e.valuation_date);
  j["account"] = {{"id", e.id},
                  {"rejection", e.rejection.empty() ? Json(nullptr) : Json(e.rejection)}};
  const Totals& t = e.totals;
  j["totals"] = {{"gross_value", Number(t.gross_value)},
                 {"eligible_value", Number(t.eligible_value)},
                 {"haircut_value", Number(t.haircut_value)},
                 {"concentration_excess", Number(t.concentration_excess)},
                 {"collateral_value", Number(t.collateral_value)}};
  Json outputs = Json::array();
  for (const OutputExplanation& o : e.outputs) {
    Json output;
    output["name"] = o.name;
    output["type"] = o.type;
    AddTraced(o.value, output);
    output["reason"] = o.reason;
    outputs.push_back(std::move(output));
  }
  j["outputs"] = std::move(outputs);
  Json limits = Json::array();
  for (const LimitExplanation& l : e.limits) {
    const LimitResult& r = l.result;
    Json limit;
    limit["id"] = r.id;
    limit["group"] = r.group.empty() ? Json(nullptr) : Json(r.group);
    limit["kind"] = r.is_max ? "max" : "min";
    limit["on"] = LimitOnName(l.on);
    limit["cap"] = Number(r.cap);
    limit["used"] = Number(r.used);
    limit["excess"] = Number(r.excess);
    limit["shortfall"] = Number(r.shortfall);
    limit["breached"] = r.breached;
    Json attributed = Json::array();
    for (const Attribution& a : l.attributed)
      attributed.push_back({{"position", a.position}, {"excess", Number(a.share)}});
    limit["attributed"] = std::move(attributed);
    limits.push_back(std::move(limit));
  }
  j["limits"] = std::move(limits);
  return j.dump(2) + "\n";
}

}  // namespace collat::runtime
