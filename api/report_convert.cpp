#include "api/report_convert.h"

#include <array>
#include <charconv>
#include <utility>

#include "api/schema_key.h"
#include "compiler/value.h"
#include "runtime/report_json.h"

namespace collat::api {
namespace {

Status ToStatus(runtime::Status status) {
  switch (status) {
    case runtime::Status::Eligible:
      return Status::Eligible;
    case runtime::Status::Ineligible:
      return Status::Ineligible;
    case runtime::Status::Unknown:
      return Status::Unknown;
    case runtime::Status::Rejected:
      return Status::Rejected;
  }
  return Status::Unknown;
}

runtime::Status FromStatus(Status status) {
  switch (status) {
    case Status::Eligible:
      return runtime::Status::Eligible;
    case Status::Ineligible:
      return runtime::Status::Ineligible;
    case Status::Unknown:
      return runtime::Status::Unknown;
    case Status::Rejected:
      return runtime::Status::Rejected;
  }
  return runtime::Status::Unknown;
}

ir::TypeKind FromValueType(ValueType type) {
  switch (type) {
    case ValueType::Number:
      return ir::TypeKind::Number;
    case ValueType::Percent:
      return ir::TypeKind::Percent;
    case ValueType::Money:
      return ir::TypeKind::Money;
    case ValueType::Bool:
      return ir::TypeKind::Bool;
    case ValueType::Text:
      return ir::TypeKind::Text;
    case ValueType::Enum:
      return ir::TypeKind::Enum;
    case ValueType::Date:
      return ir::TypeKind::Date;
    case ValueType::Duration:
      return ir::TypeKind::Duration;
  }
  return ir::TypeKind::Number;
}

Date ToDate(std::int64_t days) {
  Date date;
  ir::CivilFromDays(days, date.year, date.month, date.day);
  return date;
}

std::int64_t FromDate(const Date& date) {
  return ir::DaysFromCivil(date.year, date.month, date.day);
}

std::string ShortestNumber(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

std::string ValueText(const runtime::OutputResult& o) {
  if (!o.value.known) return "unknown";
  switch (o.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return ShortestNumber(o.value.number);
    case ir::TypeKind::Bool:
      return o.value.integer != 0 ? "true" : "false";
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
      return o.text;
    case ir::TypeKind::Date:
      return runtime::FormatDate(o.value.integer);
    case ir::TypeKind::Duration:
      return runtime::FormatDuration(o.value.duration);
    case ir::TypeKind::Error:
      break;
  }
  return "unknown";
}

OutputResult ToOutput(runtime::OutputResult&& o) {
  OutputResult out;
  out.name = std::move(o.name);
  out.type = ToValueType(o.type.kind);
  out.optional = o.type.optional;
  out.known = o.value.known;
  out.number = o.value.number;
  out.boolean = o.value.integer != 0;
  if (o.type.kind == ir::TypeKind::Date) out.date = ToDate(o.value.integer);
  out.duration = {o.value.duration.months, o.value.duration.days};
  out.value_text = ValueText(o);
  out.text = std::move(o.text);
  return out;
}

runtime::OutputResult FromOutput(const OutputResult& o) {
  runtime::OutputResult out;
  out.name = o.name;
  out.type = ir::Type::Of(FromValueType(o.type), o.optional);
  out.value.known = o.known;
  out.value.number = o.number;
  if (o.type == ValueType::Bool) out.value.integer = o.boolean ? 1 : 0;
  if (o.type == ValueType::Date) out.value.integer = FromDate(o.date);
  out.value.duration = {o.duration.months, o.duration.days};
  out.text = o.text;
  return out;
}

ComponentResult ToComponent(runtime::ComponentResult&& c) {
  return {std::move(c.id),
          c.kind == ir::ComponentKind::Haircut ? ComponentKind::Haircut : ComponentKind::Margin,
          c.known, c.value, std::move(c.rule)};
}

runtime::ComponentResult FromComponent(const ComponentResult& c) {
  return {c.id,
          c.kind == ComponentKind::Haircut ? ir::ComponentKind::Haircut : ir::ComponentKind::Margin,
          c.known, c.value, c.rule};
}

PositionResult ToPosition(runtime::PositionResult&& p) {
  PositionResult out;
  out.id = std::move(p.id);
  out.status = ToStatus(p.status);
  out.rules = std::move(p.rules);
  out.reason = std::move(p.reason);
  out.missing = std::move(p.missing);
  out.components.reserve(p.components.size());
  for (auto& c : p.components)
    out.components.push_back(ToComponent(std::move(c)));
  out.market_value = p.market_value;
  out.adjusted_value = p.adjusted_value;
  out.excess = p.excess;
  out.counted_value = p.counted_value;
  return out;
}

runtime::PositionResult FromPosition(const PositionResult& p) {
  runtime::PositionResult out;
  out.id = p.id;
  out.status = FromStatus(p.status);
  out.rules = p.rules;
  out.reason = p.reason;
  out.missing = p.missing;
  for (const auto& c : p.components)
    out.components.push_back(FromComponent(c));
  out.market_value = p.market_value;
  out.adjusted_value = p.adjusted_value;
  out.excess = p.excess;
  out.counted_value = p.counted_value;
  return out;
}

std::string ConvertOn(ir::LimitOn on) {
  return runtime::LimitOnName(on);
}
ir::LimitOn ConvertOn(const std::string& on) {
  return on == "quantity"       ? ir::LimitOn::Quantity
         : on == "market_value" ? ir::LimitOn::MarketValue
                                : ir::LimitOn::Value;
}

template <typename To, typename From>
To CopyTotals(const From& t) {
  To out;
  out.gross_value = t.gross_value;
  out.eligible_value = t.eligible_value;
  out.haircut_value = t.haircut_value;
  out.concentration_excess = t.concentration_excess;
  out.collateral_value = t.collateral_value;
  out.eligible_market_value = t.eligible_market_value;
  out.ineligible_value = t.ineligible_value;
  out.unknown_value = t.unknown_value;
  out.rejected_value = t.rejected_value;
  return out;
}

// By value: moved from the runtime's report, copied from a public one.
template <typename To, typename From>
To ConvertLimit(From l) {
  To out;
  out.id = std::move(l.id);
  out.group = std::move(l.group);
  out.is_max = l.is_max;
  out.on = ConvertOn(l.on);
  out.cap = l.cap;
  out.used = l.used;
  out.excess = l.excess;
  out.shortfall = l.shortfall;
  out.breached = l.breached;
  return out;
}

}  // namespace

Report FromRuntime(runtime::Report&& report) {
  Report out;
  out.policy_name = std::move(report.policy_name);
  out.policy_version = std::move(report.policy_version);
  out.policy_sha256 = std::move(report.policy_sha256);
  out.currency = std::move(report.currency);
  out.precision = report.money_places;
  out.valuation_date = ToDate(report.valuation_date);
  out.warnings = std::move(report.warnings);
  out.accounts.reserve(report.accounts.size());
  for (runtime::AccountResult& a : report.accounts) {
    AccountResult& account = out.accounts.emplace_back();
    account.id = std::move(a.id);
    account.rejection = std::move(a.rejection);
    account.totals = CopyTotals<Totals>(a.totals);
    for (auto& o : a.outputs)
      account.outputs.push_back(ToOutput(std::move(o)));
    for (auto& l : a.limits)
      account.limits.push_back(ConvertLimit<LimitResult>(std::move(l)));
    account.positions.reserve(a.positions.size());
    for (auto& p : a.positions)
      account.positions.push_back(ToPosition(std::move(p)));
  }
  return out;
}

runtime::Report ToRuntime(const Report& report) {
  runtime::Report out;
  out.policy_name = report.policy_name;
  out.policy_version = report.policy_version;
  out.policy_sha256 = report.policy_sha256;
  out.currency = report.currency;
  out.money_places = report.precision;
  out.valuation_date = FromDate(report.valuation_date);
  out.warnings = report.warnings;
  out.accounts.reserve(report.accounts.size());
  for (const AccountResult& a : report.accounts) {
    runtime::AccountResult& account = out.accounts.emplace_back();
    account.id = a.id;
    account.rejection = a.rejection;
    account.totals = CopyTotals<runtime::Totals>(a.totals);
    for (const auto& o : a.outputs)
      account.outputs.push_back(FromOutput(o));
    for (const auto& l : a.limits)
      account.limits.push_back(ConvertLimit<runtime::LimitResult>(l));
    account.positions.reserve(a.positions.size());
    for (const auto& p : a.positions)
      account.positions.push_back(FromPosition(p));
  }
  return out;
}

}  // namespace collat::api
