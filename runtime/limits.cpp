#include "runtime/limits.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "base/money.h"

#include "runtime/grouping.h"
#include "runtime/report_json.h"
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

// Products of two money figures in units (each below 10^15) need 128 bits to stay exact.
__extension__ using Wide = __int128;

// A limit on value or market value is measured in money; one on quantity is not (15.4).
bool OnMoney(const ir::Limit& limit) {
  return limit.on != ir::LimitOn::Quantity;
}

std::int64_t CountedUnits(const std::vector<std::size_t>& locals, const AccountPositions& positions,
                          const money::Scale& scale) {
  money::Sum sum(scale);
  for (const std::size_t local : locals)
    sum.Add(positions[local].counted_value);
  return sum.units();
}

// Splits `excess` units over the group's members in proportion to their counted values, by the
// largest remainder (ties to the earlier position), so the shares add up to `excess` exactly.
void Attribute(std::int64_t excess, std::int64_t total, const Group& group,
               const AccountPositions& positions, const money::Scale& scale) {
  std::vector<std::int64_t> shares;
  std::vector<Wide> remainders;
  std::int64_t given = 0;
  for (const std::size_t local : group.members) {
    const Wide product =
        static_cast<Wide>(excess) * money::Units(positions[local].counted_value, scale);
    shares.push_back(static_cast<std::int64_t>(product / total));
    remainders.push_back(product % total);
    given += shares.back();
  }
  std::vector<std::size_t> order(shares.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < excess && k < order.size(); ++k, ++given)
    ++shares[order[k]];
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const PositionCells p = positions[group.members[k]];
    const std::int64_t counted = money::Units(p.counted_value, scale) - shares[k];
    p.excess = money::FromUnits(money::Units(p.excess, scale) + shares[k], scale);
    p.counted_value = money::FromUnits(counted, scale);
  }
}

Cap EvaluateCap(const ir::Limit& limit, ExprEval& eval, const AccountState& state,
                const std::vector<bool>& covered, const std::vector<double>& used,
                const money::Scale& scale) {
  const Scope account{&state, -1};
  const AccountPositions positions = state.positions();
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
      cap.value = amount.number * state.record->totals.eligible_value;
      break;
    case ir::LimitBase::CollateralValue: {
      if (limit.on != ir::LimitOn::Value) {
        cap.known = false;
        break;
      }
      double t = 0;
      if (limit.is_max) {
        money::Sum rest(scale);
        for (std::size_t local = 0; local < positions.size(); ++local) {
          if (!covered[local]) rest.Add(positions[local].counted_value);
        }
        t = CollateralFixedPoint(rest.value(), used, amount.number);
      } else {
        money::Sum all(scale);
        for (const PositionCells p : positions)
          all.Add(p.counted_value);
        t = all.value();
      }
      cap.value = amount.number * t;
      break;
    }
  }
  eval.causes().clear();
  if (cap.known && OnMoney(limit)) {
    const std::optional<double> quantised = money::Quantise(cap.value, scale);
    cap.known = quantised.has_value();
    cap.value = quantised.value_or(0);
  }
  if (!cap.known) cap.value = 0;
  return cap;
}

// Removes a max limit's excess from one group; returns E (0 when within the cap), a quantised
// money figure that the members' shares add up to exactly.
double RemoveExcess(const ir::Limit& limit, const Group& group, double used, double cap,
                    const AccountPositions& positions, const money::Scale& scale) {
  const double ceiling = cap > 0 ? cap : 0.0;
  if (!(used > ceiling)) return 0;
  const std::int64_t v = CountedUnits(group.members, positions, scale);
  std::int64_t excess = 0;
  switch (limit.on) {
    case ir::LimitOn::Value:
      excess = money::Units(used, scale) - money::Units(ceiling, scale);
      break;
    case ir::LimitOn::Quantity:
    case ir::LimitOn::MarketValue:
      // At most v: the group's counted value.
      excess = money::Units(
          money::Quantise(((used - ceiling) / used) * money::FromUnits(v, scale), scale)
              .value_or(0),
          scale);
      break;
  }
  if (v > 0) Attribute(excess, v, group, positions, scale);
  return money::FromUnits(excess, scale);
}

void ApplyLimit(const ir::Policy& policy, std::size_t l, ExprEval& eval,
                const std::vector<PositionWork>& work, AccountState& state) {
  const ir::Limit& limit = policy.limits[l];
  const AccountPositions positions = state.positions();
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

  const money::Scale& scale = policy.header.money;
  std::vector<double> used;
  for (const Group& group : groups) {
    double u = 0;
    money::Sum value(scale);  // exact for the money measures
    for (const std::size_t local : group.members) {
      switch (limit.on) {
        case ir::LimitOn::Value:
          value.Add(positions[local].counted_value);
          break;
        case ir::LimitOn::Quantity:
          u = u + QuantityOf(policy, eval.input(), state.first_position + local).value_or(0);
          break;
        case ir::LimitOn::MarketValue:
          value.Add(positions[local].market_value);
          break;
      }
    }
    used.push_back(OnMoney(limit) ? value.value() : u);
  }

  const Cap cap = EvaluateCap(limit, eval, state, covered, used, scale);
  bool breached = false;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    LimitResult r;
    r.id = limit.id;
    if (limit.by) r.group = ValueText(groups[g].key, limit.by->type, policy, eval.text());
    r.is_max = limit.is_max;
    r.on = LimitOnName(limit.on);
    r.used = used[g];
    r.cap = cap.value;
    if (cap.known && limit.is_max)
      r.excess = RemoveExcess(limit, groups[g], used[g], cap.value, positions, scale);
    if (cap.known && !limit.is_max && used[g] < cap.value) {
      r.shortfall = OnMoney(limit)
                        ? money::FromUnits(
                              money::Units(cap.value, scale) - money::Units(used[g], scale), scale)
                        : cap.value - used[g];
    }
    r.breached = r.excess > 0 || r.shortfall > 0;
    breached = breached || r.breached;
    state.record->limits.push_back(std::move(r));
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
