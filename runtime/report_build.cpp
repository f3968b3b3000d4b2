#include "runtime/report_build.h"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "runtime/report_json.h"

namespace collat::runtime {

ComponentKind ToKind(ir::ComponentKind kind) {
  switch (kind) {
    case ir::ComponentKind::Haircut:
      return ComponentKind::Haircut;
    case ir::ComponentKind::Margin:
      return ComponentKind::Margin;
  }
  return ComponentKind::Haircut;
}

std::uint32_t ArmTable::Intern(std::string_view label) {
  if (label.empty()) return 0;
  const auto it = codes_.find(label);
  if (it != codes_.end()) return it->second;
  const auto code = static_cast<std::uint32_t>(labels_.size());
  labels_.emplace_back(label);
  codes_.emplace(labels_.back(), code);
  return code;
}

void PositionRow::ClearRules() {
  std::fill_n(c_->rule_bits.begin() + static_cast<std::ptrdiff_t>(index_ * c_->rule_words),
              c_->rule_words, std::uint64_t{0});
}

void PositionRow::SetUnknown(std::string reason, std::vector<std::string> missing) {
  set_status(Status::Unknown);
  set_reason(kReasonUnknownDetail);
  std::vector<UnknownDetail>& unknowns = account_->unknowns;
  const auto position = static_cast<std::uint32_t>(index_);
  // Kept sorted by position (the views search it): positions are decided in blocks, and a
  // position's limit filters may make it UNKNOWN after later positions of its block were.
  const auto at =
      std::lower_bound(unknowns.begin(), unknowns.end(), position,
                       [](const UnknownDetail& d, std::uint32_t p) { return d.position < p; });
  if (at != unknowns.end() && at->position == position) {
    *at = {position, std::move(reason), std::move(missing)};
  } else {
    unknowns.insert(at, {position, std::move(reason), std::move(missing)});
  }
}

void PositionRow::SetComponent(std::size_t slot, bool known, double value, std::string_view arm) {
  const std::size_t entry = index_ * c_->component_ids.size() + slot;
  c_->component_state[entry] = known ? ComponentState::Known : ComponentState::Unknown;
  c_->component_value[entry] = value;
  c_->component_arm[entry] = arms_->Intern(arm);
}

void PositionRow::ClearComponents() {
  const std::size_t slots = c_->component_ids.size();
  for (std::size_t s = 0; s < slots; ++s) {
    c_->component_state[index_ * slots + s] = ComponentState::Absent;
    c_->component_value[index_ * slots + s] = 0;
    c_->component_arm[index_ * slots + s] = 0;
  }
}

bool PositionRow::HasComponents() const {
  const std::size_t slots = c_->component_ids.size();
  for (std::size_t s = 0; s < slots; ++s) {
    if (c_->component_state[index_ * slots + s] != ComponentState::Absent) return true;
  }
  return false;
}

Date ToDate(std::int64_t days) {
  Date date;
  ir::CivilFromDays(days, date.year, date.month, date.day);
  return date;
}

std::int64_t DaysOf(const Date& date) {
  return ir::DaysFromCivil(date.year, date.month, date.day);
}

namespace {

// Header, string tables and columns sized to `positions` (market values from the input at
// `first`), accounts not yet filled.
std::unique_ptr<ReportColumns> Columns(const ir::Policy& policy, const Input& input,
                                       const InForce& in_force, std::size_t first,
                                       std::size_t positions) {
  auto c = std::make_unique<ReportColumns>();
  c->policy_name = policy.header.name;
  c->policy_version = policy.header.version;
  c->currency = policy.header.currency;
  c->precision = policy.header.money.places();
  c->valuation_date = ToDate(input.market.valuation_date);
  if (policy.header.effective && input.market.valuation_date < *policy.header.effective) {
    c->warnings.push_back(fmt::format(
        "valuation date {} is before the policy's effective date {}: the policy is applied as "
        "written (back-testing)",
        FormatDate(input.market.valuation_date), FormatDate(*policy.header.effective)));
  }
  c->reasons = {"", "no accept rule holds"};
  for (const ir::Rule& rule : policy.rules) {
    c->rule_ids.push_back(rule.id);
    c->reasons.push_back(rule.reason);
    c->reasons.push_back("rejected by " + rule.id);
  }
  for (std::size_t i = 0; i < policy.components.size(); ++i) {
    if (!in_force.components[i]) continue;
    c->component_ids.push_back(policy.components[i].id);
    c->component_kinds.push_back(ToKind(policy.components[i].kind));
  }
  for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
    if (!in_force.tiers[t]) continue;
    c->component_ids.push_back(policy.tiers[t].id);
    c->component_kinds.push_back(ComponentKind::Haircut);
  }
  c->arms = {""};
  c->position_ids = std::span<const std::string>(input.positions.ids).subspan(first, positions);
  c->position_rejections =
      std::span<const std::string>(input.positions.rejection).subspan(first, positions);
  c->status.assign(positions, Status::Unknown);
  c->rule_words = (policy.rules.size() + 63) / 64;
  c->rule_bits.assign(positions * c->rule_words, 0);
  c->reason.assign(positions, kReasonNone);
  c->market_value.assign(
      input.positions.market_value.begin() + static_cast<std::ptrdiff_t>(first),
      input.positions.market_value.begin() + static_cast<std::ptrdiff_t>(first + positions));
  c->adjusted_value.assign(positions, 0.0);
  c->excess.assign(positions, 0.0);
  c->counted_value.assign(positions, 0.0);
  const std::size_t entries = positions * c->component_ids.size();
  c->component_state.assign(entries, ComponentState::Absent);
  c->component_value.assign(entries, 0.0);
  c->component_arm.assign(entries, 0);
  return c;
}

}  // namespace

std::unique_ptr<ReportColumns> StartReport(const ir::Policy& policy, const Input& input,
                                           const InForce& in_force,
                                           std::shared_ptr<const void> input_owner) {
  std::unique_ptr<ReportColumns> c = Columns(policy, input, in_force, 0, input.positions.size());
  c->input_owner = std::move(input_owner);
  c->accounts.resize(input.accounts.size());
  return c;
}

std::unique_ptr<ReportColumns> StartAccountReport(const ir::Policy& policy, const Input& input,
                                                  const InForce& in_force, std::uint32_t account) {
  const Account& record = input.accounts[account];
  std::unique_ptr<ReportColumns> c =
      Columns(policy, input, in_force, record.first_position, record.position_count);
  c->accounts.resize(1);
  return c;
}

ReportFrame FrameOf(const ir::Policy& policy, const InForce& in_force, ReportColumns& columns,
                    std::size_t base) {
  ReportFrame frame;
  frame.columns = &columns;
  frame.base = base;
  std::int32_t slot = 0;
  for (std::size_t i = 0; i < policy.components.size(); ++i)
    frame.component_slot.push_back(in_force.components[i] ? slot++ : -1);
  for (std::size_t t = 0; t < policy.tiers.size(); ++t)
    frame.tiers_slot.push_back(in_force.tiers[t] ? slot++ : -1);
  return frame;
}

void MergeArms(ReportColumns& columns, std::vector<std::pair<std::size_t, ArmTable>>& ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  ArmTable merged;
  const std::size_t slots = columns.component_ids.size();
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    const std::vector<std::string>& labels = ranges[r].second.labels();
    std::vector<std::uint32_t> code(labels.size());
    bool identity = true;
    for (std::size_t k = 0; k < labels.size(); ++k) {
      code[k] = merged.Intern(labels[k]);
      identity = identity && code[k] == k;
    }
    if (identity) continue;
    const std::size_t first_account = ranges[r].first;
    const std::size_t end_account =
        r + 1 < ranges.size() ? ranges[r + 1].first : columns.accounts.size();
    if (first_account >= end_account) continue;
    const AccountRecord& last = columns.accounts[end_account - 1];
    const std::size_t begin = columns.accounts[first_account].first_position * slots;
    const std::size_t end = (std::size_t{last.first_position} + last.position_count) * slots;
    for (std::size_t e = begin; e < end; ++e)
      columns.component_arm[e] = code[columns.component_arm[e]];
  }
  columns.arms = merged.labels();
}

namespace {

std::string ShortestNumber(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace

ValueType ToValueType(ir::TypeKind kind) {
  switch (kind) {
    case ir::TypeKind::Number:
      return ValueType::Number;
    case ir::TypeKind::Percent:
      return ValueType::Percent;
    case ir::TypeKind::Money:
      return ValueType::Money;
    case ir::TypeKind::Bool:
      return ValueType::Bool;
    case ir::TypeKind::Text:
      return ValueType::Text;
    case ir::TypeKind::Enum:
      return ValueType::Enum;
    case ir::TypeKind::Date:
      return ValueType::Date;
    case ir::TypeKind::Duration:
      return ValueType::Duration;
    case ir::TypeKind::Error:
      break;
  }
  return ValueType::Number;
}

OutputResult MakeOutput(const ir::Output& output, const ir::Value& value, std::string text) {
  OutputResult out;
  out.name = output.name;
  out.type = ToValueType(output.type.kind);
  out.optional = output.type.optional;
  out.known = value.known && output.type.kind != ir::TypeKind::Error;
  out.number = value.number;
  out.boolean = value.integer != 0;
  if (output.type.kind == ir::TypeKind::Date) out.date = ToDate(value.integer);
  out.duration = {value.duration.months, value.duration.days};
  out.text = std::move(text);
  if (!out.known) {
    out.value_text = "unknown";
    return out;
  }
  switch (output.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      out.value_text = ShortestNumber(value.number);
      break;
    case ir::TypeKind::Bool:
      out.value_text = value.integer != 0 ? "true" : "false";
      break;
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
      out.value_text = out.text;
      break;
    case ir::TypeKind::Date:
      out.value_text = FormatDate(value.integer);
      break;
    case ir::TypeKind::Duration:
      out.value_text = FormatDuration(value.duration);
      break;
    case ir::TypeKind::Error:
      break;
  }
  return out;
}

}  // namespace collat::runtime
