#include "runtime/limits.h"

#include <algorithm>
#include <numeric>

#include "runtime/grouping.h"
#include "runtime/value_ops.h"

namespace collat::runtime {

double CollateralFixedPoint(double rest, const std::vector<double>& group_values, double p) {
  std::vector<std::size_t> order(group_values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return group_values[a] > group_values[b]; });
  const std::size_t n = order.size();
  double previous = 0;
  for (std::size_t k = 0; k <= n; ++k) {
    const double denominator = 1 - static_cast<double>(k) * p;
    if (!(denominator > 0)) return previous;  // k > 0 here: the denominator of k = 0 is 1
    double sum = rest;
    for (std::size_t j = k; j < n; ++j)
      sum = sum + group_values[order[j]];
    const double t = sum / denominator;
    const double next = k < n ? group_values[order[k]] : 0.0;
    if (k == n || next <= p * t) return t;
    previous = t;
  }
  return previous;
}

namespace {

struct Cap {
  bool known = false;
  double value = 0;
};

double Sum(const std::vector<std::size_t>& locals, const std::vector<PositionResult>& positions) {
  double sum = 0;
  for (const std::size_t local : locals)
    sum = sum + positions[local].counted_value;
  return sum;
}

Cap EvaluateCap(const ir::Limit& limit, ExprEval& eval, const AccountState& state,
                const std::vector<bool>& covered, const std::vector<double>& used) {
  const Scope account{&state, -1};
  const std::vector<PositionResult>& positions = state.result.positions;
  const ir::Value amount = eval.Eval(*limit.amount, account);
  Cap cap{amount.known, 0};
  switch (limit.base) {
    case ir::LimitBase::None:
      cap.value = amount.number;
      break;
    case ir::LimitBase::Expression: {
      const ir::Value base = eval.Eval(*limit.base_expr, account);
      cap.known = cap.known && base.known;
      cap.value = amount.number * base.number;
      break;
    }
    case ir::LimitBase::EligibleValue:
      cap.value = amount.number * state.result.totals.eligible_value;
      break;
    case ir::LimitBase::CollateralValue: {
      if (limit.on != ir::LimitOn::Value) {
        cap.known = false;
        break;
      }
      double t = 0;
      if (limit.is_max) {
        double rest = 0;
        for (std::size_t local = 0; local < positions.size(); ++local) {
          if (!covered[local]) rest = rest + positions[local].counted_value;
        }
        t = CollateralFixedPoint(rest, used, amount.number);
      } else {
        for (const PositionResult& p : positions)
          t = t + p.counted_value;
      }
      cap.value = amount.number * t;
      break;
    }
  }
  eval.causes().clear();
  if (!cap.known) cap.value = 0;
  return cap;
}

// Removes a max limit's excess from one group; returns E (0 when within the cap).
double RemoveExcess(const ir::Limit& limit, const Group& group, double used, double cap,
                    std::vector<PositionResult>& positions) {
  const double ceiling = cap > 0 ? cap : 0.0;
  if (!(used > ceiling)) return 0;
  const double v = Sum(group.members, positions);
  double excess = 0;
  switch (limit.on) {
    case ir::LimitOn::Value:
      excess = used - ceiling;
      break;
    case ir::LimitOn::Quantity:
    case ir::LimitOn::MarketValue:
      excess = ((used - ceiling) / used) * v;
      break;
  }
  if (!(v > 0)) return excess;
  for (const std::size_t local : group.members) {
    PositionResult& p = positions[local];
    const double share = (excess * p.counted_value) / v;
    p.excess = p.excess + share;
    p.counted_value = p.counted_value - share;
  }
  return excess;
}

void ApplyLimit(const ir::Policy& policy, std::size_t l, ExprEval& eval,
                const std::vector<PositionWork>& work, AccountState& state) {
  const ir::Limit& limit = policy.limits[l];
  std::vector<PositionResult>& positions = state.result.positions;
  Grouping grouping(limit.by ? ReprOf(limit.by->type.kind) : Repr::None);
  std::vector<bool> covered(positions.size(), false);
  for (std::size_t local = 0; local < positions.size(); ++local) {
    const Membership& m = work[local].limits[l];
    if (positions[local].status != Status::Eligible || !m.member) continue;
    grouping.Add(m.key, local);
    covered[local] = true;
  }
  std::vector<Group> groups = grouping.groups();
  if (!limit.by && groups.empty()) groups.push_back(Group{});

  std::vector<double> used;
  for (const Group& group : groups) {
    double u = 0;
    for (const std::size_t local : group.members) {
      switch (limit.on) {
        case ir::LimitOn::Value:
          u = u + positions[local].counted_value;
          break;
        case ir::LimitOn::Quantity:
          u = u + QuantityOf(policy, eval.input(), state.first_position + local).value_or(0);
          break;
        case ir::LimitOn::MarketValue:
          u = u + positions[local].market_value;
          break;
      }
    }
    used.push_back(u);
  }

  const Cap cap = EvaluateCap(limit, eval, state, covered, used);
  bool breached = false;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    LimitResult r;
    r.id = limit.id;
    if (limit.by) r.group = ValueText(groups[g].key, limit.by->type, policy, eval.text());
    r.is_max = limit.is_max;
    r.used = used[g];
    r.cap = cap.value;
    if (cap.known && limit.is_max)
      r.excess = RemoveExcess(limit, groups[g], used[g], cap.value, positions);
    if (cap.known && !limit.is_max && used[g] < cap.value) r.shortfall = cap.value - used[g];
    r.breached = r.excess > 0 || r.shortfall > 0;
    breached = breached || r.breached;
    state.result.limits.push_back(std::move(r));
  }
  state.breached[l] = cap.known ? ir::Value::Bool(breached) : ir::Value::Unknown();
}

}  // namespace

void ApplyLimits(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                 const std::vector<PositionWork>& work, AccountState& state) {
  for (std::size_t l = 0; l < policy.limits.size(); ++l) {
    if (in_force.limits[l]) ApplyLimit(policy, l, eval, work, state);
  }
}

}  // namespace collat::runtime
