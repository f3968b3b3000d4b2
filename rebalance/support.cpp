#include "rebalance/support.h"

#include <fmt/format.h>

namespace collat::rebalance {
namespace {

bool Reads(const ir::Policy& policy, const ir::Expr* e, int depth) {
  if (e == nullptr) return false;
  if (depth > 256) return true;  // deeper than any checked policy nests: assume the worst
  switch (e->op) {
    case ir::Op::Total:
    case ir::Op::Aggregate:
    case ir::Op::PositionMeasure:
    case ir::Op::Breached:
      return true;
    case ir::Op::Output:
      return Reads(policy, policy.outputs[static_cast<std::size_t>(e->index)].value.get(),
                   depth + 1);
    case ir::Op::Let:
      if (Reads(policy, policy.lets[static_cast<std::size_t>(e->index)].value.get(), depth + 1))
        return true;
      break;
    default:
      break;
  }
  for (const ir::ExprPtr& arg : e->args) {
    if (Reads(policy, arg.get(), depth + 1)) return true;
  }
  for (const ir::MatchArm& arm : e->arms) {
    if (Reads(policy, arm.condition.get(), depth + 1) || Reads(policy, arm.value.get(), depth + 1))
      return true;
  }
  for (const ir::Band& band : e->bands) {
    if (Reads(policy, band.bound.get(), depth + 1) || Reads(policy, band.value.get(), depth + 1))
      return true;
  }
  return Reads(policy, e->filter.get(), depth + 1);
}

}  // namespace

bool ReadsCollateral(const ir::Policy& policy, const ir::Expr& e) {
  return Reads(policy, &e, 0);
}

std::string Where(const ir::Rebalance& rebalance, SourceRange range) {
  if (!rebalance.file) return fmt::format("rebalance `{}`", rebalance.name);
  return fmt::format("{}:{}", rebalance.file->name(), rebalance.file->Locate(range.begin).line);
}

std::string Unsupported(const ir::Policy& policy, const runtime::InForce& in_force) {
  for (const ir::Rebalance& r : policy.rebalances) {
    for (const ir::Rebalance::Given& given : r.items) {
      switch (given.item) {
        case ir::RebalanceItem::Substitute:
        case ir::RebalanceItem::Release:
        case ir::RebalanceItem::Liquidate:
          return fmt::format("{}: rebalance item `{}` is not supported yet (rebalance `{}`)",
                             Where(r, given.range), ir::Spelling(given.item), r.name);
        case ir::RebalanceItem::Target:
          if (r.target_is_condition && r.target_amount_output < 0) {
            return fmt::format(
                "{}: a condition `target` other than `collateral_value >= amount` is not "
                "supported yet (rebalance `{}`)",
                Where(r, given.range), r.name);
          }
          if (r.target_is_condition
                  ? ReadsCollateral(
                        policy,
                        *policy.outputs[static_cast<std::size_t>(r.target_amount_output)].value)
                  : ReadsCollateral(policy, *r.target)) {
            return fmt::format(
                "{}: a `target` amount that depends on the collateral value (a total, an "
                "aggregate or an output that reads one) is not supported yet (rebalance `{}`)",
                Where(r, given.range), r.name);
          }
          break;
        case ir::RebalanceItem::TopUp:
        case ir::RebalanceItem::Cost:
        case ir::RebalanceItem::Lot:
        case ir::RebalanceItem::MinMove:
        case ir::RebalanceItem::MaxMoves:
          break;
      }
    }
  }
  if (policy.rebalances.empty()) return "";
  for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
    if (in_force.tiers[t]) {
      return fmt::format(
          "tiers `{}`: rebalancing a policy with tiered haircuts is not supported "
          "yet",
          policy.tiers[t].id);
    }
  }
  for (std::size_t l = 0; l < policy.limits.size(); ++l) {
    if (!in_force.limits[l]) continue;
    const ir::Limit& limit = policy.limits[l];
    if (!limit.is_max) {
      return fmt::format("limit `{}`: rebalancing with a `min` limit is not supported yet",
                         limit.id);
    }
    if (ReadsCollateral(policy, *limit.amount) ||
        (limit.base_expr && ReadsCollateral(policy, *limit.base_expr))) {
      return fmt::format(
          "limit `{}`: rebalancing with a cap that reads account totals is not "
          "supported yet (`eligible_value` and `collateral_value` as the `of` "
          "base are)",
          limit.id);
    }
  }
  return "";
}

}  // namespace collat::rebalance
