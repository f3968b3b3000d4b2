#include "jit/kernel_input.h"

#include <cstring>

namespace collat::jit {

KernelValue ToKernelValue(const ir::Value& v) {
  KernelValue k{};
  k.known = v.known ? 1 : 0;
  k.number = v.number;
  k.integer = v.integer;
  const auto months = static_cast<std::uint32_t>(v.duration.months);
  const auto days = static_cast<std::uint32_t>(v.duration.days);
  k.duration = static_cast<std::int64_t>(static_cast<std::uint64_t>(months) |
                                         (static_cast<std::uint64_t>(days) << 32U));
  return k;
}

ir::Value FromKernelValue(const KernelValue& k) {
  ir::Value v;
  v.known = k.known != 0;
  v.number = k.number;
  v.integer = k.integer;
  const auto bits = static_cast<std::uint64_t>(k.duration);
  v.duration.months = static_cast<std::int32_t>(static_cast<std::uint32_t>(bits & 0xffffffffU));
  v.duration.days = static_cast<std::int32_t>(static_cast<std::uint32_t>(bits >> 32U));
  return v;
}

namespace {

std::vector<std::uint8_t> Flags(const std::vector<bool>& flags) {
  std::vector<std::uint8_t> out(flags.size());
  for (std::size_t i = 0; i < flags.size(); ++i)
    out[i] = flags[i] ? 1 : 0;
  out.push_back(0);  // never empty, so data() is a valid pointer
  return out;
}

static_assert(sizeof(ir::Duration) == 2 * sizeof(std::int32_t));

}  // namespace

KernelInput::KernelInput(const ir::Policy& policy, const KernelPlan& plan,
                         const runtime::Input& input, const runtime::InForce& in_force,
                         runtime::TextBinder& text, bool whole_outputs) {
  const runtime::Positions& positions = input.positions;
  positions_ = positions.size();
  rules_ = policy.rules.size();
  components_ = policy.components.size();
  max_trace_ = plan.max_trace;
  const std::size_t n = positions_;

  columns_.resize(policy.position_fields.size());
  for (std::size_t f = 0; f < columns_.size(); ++f) {
    const runtime::Column& column = positions.fields[f];
    columns_[f].numbers = column.numbers.data();
    columns_[f].integers = column.integers.data();
    columns_[f].durations = reinterpret_cast<const std::int32_t*>(column.durations.data());
    columns_[f].known = column.known.data();
  }
  valid_.resize(n + 1);
  for (std::size_t i = 0; i < n; ++i)
    valid_[i] = positions.rejection[i].empty() ? 1 : 0;

  const std::size_t account_fields = policy.account_fields.size();
  account_fields_.reserve(input.accounts.size() * account_fields + 1);
  for (const runtime::Account& account : input.accounts) {
    for (std::size_t f = 0; f < account_fields; ++f) {
      account_fields_.push_back(f < account.fields.size() ? ToKernelValue(account.fields[f])
                                                          : KernelValue{});
    }
  }
  account_fields_.push_back(KernelValue{});
  for (const ir::Value& v : input.market.fields)
    market_fields_.push_back(ToKernelValue(v));
  market_fields_.push_back(KernelValue{});
  for (const std::string& t : plan.texts)
    text_codes_.push_back(text.Code(t));
  text_codes_.push_back(0);
  // Keyed by the codes the kernel compares: a text the plan did not number is ~0 (lower_expr.cpp).
  const auto constant = [&](const ir::Expr& c) {
    if (c.type.kind != ir::TypeKind::Text || c.type.is_set) return c.constant;
    const std::int32_t index = plan.TextIndex(c.text);
    return ir::Value::Integer(index < 0 ? -1 : text_codes_[static_cast<std::size_t>(index)]);
  };
  for (const KernelPlan::IndexedMatch& m : plan.indexed_matches) {
    match_indexes_.push_back(std::make_unique<runtime::MatchIndex>(*m.match, constant));
    match_index_pointers_.push_back(match_indexes_.back().get());
  }
  match_index_pointers_.push_back(nullptr);

  rule_in_force_ = Flags(in_force.rules);
  component_in_force_ = Flags(in_force.components);
  tiers_in_force_ = Flags(in_force.tiers);
  limit_in_force_ = Flags(in_force.limits);
  for (const ir::Table& table : policy.tables)
    table_version_.push_back(in_force.Table(table.name));
  table_version_.push_back(-1);

  const std::size_t tiers = policy.tiers.size();
  const std::size_t limits = policy.limits.size();
  tiers_ = tiers;
  limits_ = limits;
  if (whole_outputs) AllocateOutputs(n);
  args_.position_fields = columns_.data();
  args_.position_valid = valid_.data();
  args_.position_account = positions.account.data();
  args_.account_fields = account_fields_.data();
  args_.account_field_count = static_cast<std::int64_t>(account_fields);
  args_.market_fields = market_fields_.data();
  args_.valuation_date = input.market.valuation_date;
  args_.text_codes = text_codes_.data();
  args_.rule_in_force = rule_in_force_.data();
  args_.component_in_force = component_in_force_.data();
  args_.tiers_in_force = tiers_in_force_.data();
  args_.limit_in_force = limit_in_force_.data();
  args_.table_version = table_version_.data();
  args_.match_indexes = match_index_pointers_.data();
  if (whole_outputs) {
    args_.status = status_.data();
    args_.rule_state = rule_state_.data();
    args_.component_value = component_value_.data();
    args_.component_known = component_known_.data();
    args_.trace = trace_.data();
    args_.trace_length = trace_length_.data();
    args_.tier_member = tier_member_.data();
    args_.tier_key = tier_key_.data();
    args_.limit_member = limit_member_.data();
    args_.limit_key = limit_key_.data();
  }
}

void KernelInput::AllocateOutputs(std::size_t n) {
  status_.assign(n + 1, kStatusSkipped);
  rule_state_.assign(n * rules_ + 1, kRuleFalse);
  component_value_.assign(n * components_ + 1, 0.0);
  component_known_.assign(n * components_ + 1, 0);
  trace_.assign(n * components_ * max_trace_ + 1, -1);
  trace_length_.assign(n * components_ + 1, 0);
  tier_member_.assign(n * tiers_ + 1, 0);
  tier_key_.assign(n * tiers_ + 1, KernelValue{});
  limit_member_.assign(n * limits_ + 1, 0);
  limit_key_.assign(n * limits_ + 1, KernelValue{});
}

namespace {

template <typename T>
const T* Offset(const T* p, std::size_t by) {
  return p == nullptr ? nullptr : p + by;
}

}  // namespace

void KernelInput::RunWindow(KernelFn kernel, std::size_t begin, std::size_t end,
                            KernelWindow& w) const {
  const std::size_t n = end - begin;
  w.status_.assign(n + 1, kStatusSkipped);
  w.rule_state_.assign(n * rules_ + 1, kRuleFalse);
  w.component_value_.assign(n * components_ + 1, 0.0);
  w.component_known_.assign(n * components_ + 1, 0);
  w.trace_.assign(n * components_ * max_trace_ + 1, -1);
  w.trace_length_.assign(n * components_ + 1, 0);
  w.tier_member_.assign(n * tiers_ + 1, 0);
  w.tier_key_.assign(n * tiers_ + 1, KernelValue{});
  w.limit_member_.assign(n * limits_ + 1, 0);
  w.limit_key_.assign(n * limits_ + 1, KernelValue{});
  // The inputs from `begin` on, so that the kernel's position 0 is `begin`.
  w.columns_ = columns_;
  for (KernelColumn& c : w.columns_) {
    c.numbers = Offset(c.numbers, begin);
    c.integers = Offset(c.integers, begin);
    c.durations = Offset(c.durations, 2 * begin);
    c.known = Offset(c.known, begin);
  }
  KernelArgs& a = w.args_;
  a = args_;
  a.position_fields = w.columns_.data();
  a.position_valid = valid_.data() + begin;
  a.position_account = Offset(args_.position_account, begin);
  a.status = w.status_.data();
  a.rule_state = w.rule_state_.data();
  a.component_value = w.component_value_.data();
  a.component_known = w.component_known_.data();
  a.trace = w.trace_.data();
  a.trace_length = w.trace_length_.data();
  a.tier_member = w.tier_member_.data();
  a.tier_key = w.tier_key_.data();
  a.limit_member = w.limit_member_.data();
  a.limit_key = w.limit_key_.data();
  kernel(&a, 0, n);
}

}  // namespace collat::jit
