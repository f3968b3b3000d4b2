#include "runtime/position_step.h"

#include <algorithm>
#include <string>
#include <utility>

#include "runtime/components.h"
#include "runtime/eligibility.h"

namespace collat::runtime {

std::optional<double> QuantityOf(const ir::Policy& policy, const Input& input,
                                 std::size_t position) {
  const std::int32_t field = policy.FindPositionField("quantity");
  if (field < 0) return std::nullopt;
  const Column& column = input.positions.fields[static_cast<std::size_t>(field)];
  if (column.known[position] == 0) return std::nullopt;
  return column.numbers[position];
}

namespace {

// Evaluates one declaration's filter, key and quantity need. Returns false when one is unknown
// (its causes appended to `causes`).
bool Part(ExprEval& eval, const Scope& scope, const ir::Expr* filter, const ir::Expr* key,
          bool needs_quantity, const ir::Policy& policy, const Input& input, Membership& out,
          Causes& causes) {
  eval.causes().clear();
  if (filter != nullptr) {
    const ir::Value keep = eval.Eval(*filter, scope);
    if (!keep.known) {
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
      return false;
    }
    if (!keep.truth()) return true;  // not a member: its key and quantity do not matter
  }
  if (key != nullptr) {
    out.key = eval.Eval(*key, scope);
    if (!out.key.known) {
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
      return false;
    }
  }
  if (needs_quantity && !QuantityOf(policy, input, static_cast<std::size_t>(scope.position))) {
    causes.push_back({true, "quantity"});
    return false;
  }
  out.member = true;
  return true;
}

}  // namespace

void EvaluatePosition(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                      const Scope& scope, PositionRow out, PositionWork& work) {
  DecideEligibility(policy, in_force, eval, scope, out);
  EvaluateDecidedPosition(policy, in_force, eval, scope, out, work);
}

PartPlan PlanParts(const ir::Policy& policy, const InForce& in_force) {
  PartPlan plan;
  for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
    if (!in_force.tiers[t]) continue;
    const ir::Tiers& tiers = policy.tiers[t];
    const bool single = ReadsLet(tiers.when.get()) || ReadsLet(tiers.group_by.get());
    (single ? plan.single : plan.batched).push_back(static_cast<std::uint32_t>(t));
  }
  for (std::size_t l = 0; l < policy.limits.size(); ++l) {
    if (!in_force.limits[l]) continue;
    const ir::Limit& limit = policy.limits[l];
    const bool single = ReadsLet(limit.where.get()) || ReadsLet(limit.by.get());
    (single ? plan.single : plan.batched)
        .push_back(static_cast<std::uint32_t>(policy.tiers.size() + l));
  }
  return plan;
}

void EvaluateDecidedPosition(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                             const Scope& scope, PositionRow out, PositionWork& work) {
  PartPlan plan;  // one position: declarations in order, with no walk of their expressions
  for (std::size_t t = 0; t < policy.tiers.size(); ++t)
    if (in_force.tiers[t]) plan.single.push_back(static_cast<std::uint32_t>(t));
  for (std::size_t l = 0; l < policy.limits.size(); ++l)
    if (in_force.limits[l])
      plan.single.push_back(static_cast<std::uint32_t>(policy.tiers.size() + l));
  EvaluateDecidedPositions(policy, in_force, plan, eval, {scope}, {out}, {&work});
}

void EvaluateDecidedPositions(const ir::Policy& policy, const InForce& in_force,
                              const PartPlan& plan, ExprEval& eval,
                              const std::vector<Scope>& scopes, const std::vector<PositionRow>& out,
                              const std::vector<PositionWork*>& work) {
  PositionBlock block(policy, in_force, plan, eval, scopes, out, work);
  for (std::size_t k = 0; k < scopes.size(); ++k)
    block.Decided(k);
  block.Finish();
}

PositionBlock::PositionBlock(const ir::Policy& policy, const InForce& in_force,
                             const PartPlan& plan, ExprEval& eval, const std::vector<Scope>& scopes,
                             const std::vector<PositionRow>& out,
                             const std::vector<PositionWork*>& work)
    : policy_(policy),
      in_force_(in_force),
      plan_(plan),
      eval_(eval),
      scopes_(scopes),
      out_(out),
      work_(work),
      unknown_(scopes.size()),
      causes_(scopes.size()),
      parts_(scopes.size()) {}

void PositionBlock::Part(std::uint32_t d, std::size_t k) {
  const std::size_t tiers_count = policy_.tiers.size();
  const Input& input = eval_.input();
  Causes part_causes;
  bool known = true;
  if (d < tiers_count) {
    const ir::Tiers& tiers = policy_.tiers[d];
    known = runtime::Part(eval_, scopes_[k], tiers.when.get(), tiers.group_by.get(),
                          tiers.measure == ir::TierMeasure::Quantity, policy_, input,
                          work_[k]->tiers[d], part_causes);
  } else {
    const ir::Limit& limit = policy_.limits[d - tiers_count];
    known = runtime::Part(eval_, scopes_[k], limit.where.get(), limit.by.get(),
                          limit.on == ir::LimitOn::Quantity, policy_, input,
                          work_[k]->limits[d - tiers_count], part_causes);
  }
  if (!known) parts_[k].emplace_back(d, std::move(part_causes));
}

void PositionBlock::Decided(std::size_t k) {
  work_[k]->tiers.assign(policy_.tiers.size(), Membership{});
  work_[k]->limits.assign(policy_.limits.size(), Membership{});
  if (out_[k].status() != Status::Eligible) return;
  eligible_.push_back(k);
  unknown_[k] = EvaluateComponents(policy_, in_force_, eval_, scopes_[k], out_[k], causes_[k]);
  for (const std::uint32_t d : plan_.single)
    Part(d, k);
}

void PositionBlock::Finish() {
  for (const std::uint32_t d : plan_.batched) {
    for (const std::size_t k : eligible_)
      Part(d, k);
  }
  eval_.causes().clear();

  const std::size_t tiers_count = policy_.tiers.size();
  for (const std::size_t k : eligible_) {
    if (!plan_.single.empty()) {  // two passes, each in declaration order: merge them
      std::sort(parts_[k].begin(), parts_[k].end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    for (const auto& [d, part_causes] : parts_[k]) {
      unknown_[k].push_back(d < tiers_count ? "tiers " + policy_.tiers[d].id
                                            : "limit " + policy_.limits[d - tiers_count].id);
      causes_[k].insert(causes_[k].end(), part_causes.begin(), part_causes.end());
    }
    if (unknown_[k].empty()) continue;
    PositionRow p = out_[k];
    p.ClearComponents();
    work_[k]->tiers.assign(tiers_count, Membership{});
    work_[k]->limits.assign(policy_.limits.size(), Membership{});
    std::string names;
    for (const std::string& u : unknown_[k])
      names += (names.empty() ? "" : ", ") + u;
    const std::string why = DescribeCauses(causes_[k]);
    p.SetUnknown(why.empty() ? "unknown (" + names + ")" : "unknown: " + why + " (" + names + ")",
                 MissingFields(causes_[k]));
  }
}

}  // namespace collat::runtime
