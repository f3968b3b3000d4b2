#include "runtime/report_json.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace collat::runtime {
namespace {

// ordered_json keeps keys in insertion order: the order below is the contract's.
using Json = nlohmann::ordered_json;

// A number of the contract. Integral values below 2^53 become integers so they print without a
// fraction ("2500000", not "2500000.0"; -0 as 0); other finite values print as nlohmann's shortest
// round-trip decimal; non-finite values are null.
Json Number(double value) {
  if (!std::isfinite(value)) return nullptr;
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::trunc(value) == value && std::fabs(value) < kExactIntegers) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json Strings(const std::vector<std::string>& texts) {
  Json array = Json::array();
  for (const std::string& text : texts)
    array.push_back(text);
  return array;
}

// An output's value by its declared type; unknown is null.
Json OutputValue(const OutputResult& output) {
  if (!output.value.known) return nullptr;
  switch (output.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return Number(output.value.number);
    case ir::TypeKind::Bool:
      return output.value.integer != 0;
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
      return output.text;
    case ir::TypeKind::Date:
      return FormatDate(output.value.integer);
    case ir::TypeKind::Duration:
      return FormatDuration(output.value.duration);
    case ir::TypeKind::Error:
      return nullptr;
  }
  return nullptr;
}

// {component id: rate or ratio} over the components of one kind, in the report's order.
Json Components(const std::vector<ComponentResult>& components, ir::ComponentKind kind) {
  Json object = Json::object();
  for (const ComponentResult& c : components) {
    if (c.kind == kind) object[c.id] = c.known ? Number(c.value) : Json(nullptr);
  }
  return object;
}

// {component id: arm label} over the components a match arm chose, of any kind.
Json ComponentRules(const std::vector<ComponentResult>& components) {
  Json object = Json::object();
  for (const ComponentResult& c : components) {
    if (!c.rule.empty()) object[c.id] = c.rule;
  }
  return object;
}

Json PositionJson(const PositionResult& p) {
  Json j = Json::object();
  j["id"] = p.id;
  j["status"] = StatusName(p.status);
  j["rules"] = Strings(p.rules);
  j["reason"] = p.reason;
  j["missing"] = Strings(p.missing);
  j["haircuts"] = Components(p.components, ir::ComponentKind::Haircut);
  j["margins"] = Components(p.components, ir::ComponentKind::Margin);
  j["haircut_rules"] = ComponentRules(p.components);
  j["market_value"] = Number(p.market_value);
  j["adjusted_value"] = Number(p.adjusted_value);
  j["excess"] = Number(p.excess);
  j["counted_value"] = Number(p.counted_value);
  return j;
}

// `group` is null for a limit without `by` (report.h spells that as the empty text).
Json LimitJson(const LimitResult& l) {
  Json j = Json::object();
  j["id"] = l.id;
  j["group"] = l.group.empty() ? Json(nullptr) : Json(l.group);
  j["kind"] = l.is_max ? "max" : "min";
  j["on"] = LimitOnName(l.on);
  j["cap"] = Number(l.cap);
  j["used"] = Number(l.used);
  j["excess"] = Number(l.excess);
  j["shortfall"] = Number(l.shortfall);
  j["breached"] = l.breached;
  return j;
}

Json TotalsJson(const Totals& t) {
  Json j = Json::object();
  j["gross_value"] = Number(t.gross_value);
  j["eligible_value"] = Number(t.eligible_value);
  j["haircut_value"] = Number(t.haircut_value);
  j["concentration_excess"] = Number(t.concentration_excess);
  j["collateral_value"] = Number(t.collateral_value);
  Json by_status = Json::object();
  by_status["eligible"] = Number(t.eligible_market_value);
  by_status["ineligible"] = Number(t.ineligible_value);
  by_status["unknown"] = Number(t.unknown_value);
  by_status["rejected"] = Number(t.rejected_value);
  j["by_status"] = std::move(by_status);
  return j;
}

// `rejection` appears only for a rejected account.
Json AccountJson(const AccountResult& a) {
  Json j = Json::object();
  j["id"] = a.id;
  if (!a.rejection.empty()) j["rejection"] = a.rejection;
  j["totals"] = TotalsJson(a.totals);
  Json outputs = Json::object();
  for (const OutputResult& o : a.outputs)
    outputs[o.name] = OutputValue(o);
  j["outputs"] = std::move(outputs);
  Json limits = Json::array();
  for (const LimitResult& l : a.limits)
    limits.push_back(LimitJson(l));
  j["limits"] = std::move(limits);
  Json positions = Json::array();
  for (const PositionResult& p : a.positions)
    positions.push_back(PositionJson(p));
  j["positions"] = std::move(positions);
  return j;
}

}  // namespace

const char* StatusName(Status status) {
  switch (status) {
    case Status::Eligible:
      return "eligible";
    case Status::Ineligible:
      return "ineligible";
    case Status::Unknown:
      return "unknown";
    case Status::Rejected:
      return "rejected";
  }
  return "?";
}

const char* LimitOnName(ir::LimitOn on) {
  switch (on) {
    case ir::LimitOn::Value:
      return "value";
    case ir::LimitOn::Quantity:
      return "quantity";
    case ir::LimitOn::MarketValue:
      return "market_value";
  }
  return "?";
}

std::string FormatDate(std::int64_t days) {
  std::int32_t year = 0;
  std::int32_t month = 0;
  std::int32_t day = 0;
  ir::CivilFromDays(days, year, month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string FormatDuration(ir::Duration duration) {
  const std::int32_t years = duration.months / 12;
  const std::int32_t months = duration.months % 12;
  std::string text;
  if (years != 0) text += fmt::format("{}y", years);
  if (months != 0) text += fmt::format("{}m", months);
  if (duration.days != 0 || text.empty()) text += fmt::format("{}d", duration.days);
  return text;
}

std::string RenderJson(const Report& report) {
  Json j = Json::object();
  j["report_version"] = kReportVersion;
  Json policy = Json::object();
  policy["name"] = report.policy_name;
  policy["version"] = report.policy_version;
  policy["sha256"] = report.policy_sha256;
  j["policy"] = std::move(policy);
  j["currency"] = report.currency;
  j["precision"] = report.money_places;
  j["valuation_date"] = FormatDate(report.valuation_date);
  j["warnings"] = Strings(report.warnings);
  Json accounts = Json::array();
  for (const AccountResult& a : report.accounts)
    accounts.push_back(AccountJson(a));
  j["accounts"] = std::move(accounts);
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace collat::runtime
