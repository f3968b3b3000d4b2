#include "runtime/position_step.h"

#include <string>

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
  work.tiers.assign(policy.tiers.size(), Membership{});
  work.limits.assign(policy.limits.size(), Membership{});
  DecideEligibility(policy, in_force, eval, scope, out);
  if (out.status() != Status::Eligible) return;

  Causes causes;
  std::vector<std::string> unknown = EvaluateComponents(policy, in_force, eval, scope, out, causes);
  const Input& input = eval.input();
  for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
    if (!in_force.tiers[t]) continue;
    const ir::Tiers& tiers = policy.tiers[t];
    if (!Part(eval, scope, tiers.when.get(), tiers.group_by.get(),
              tiers.measure == ir::TierMeasure::Quantity, policy, input, work.tiers[t], causes)) {
      unknown.push_back("tiers " + tiers.id);
    }
  }
  for (std::size_t l = 0; l < policy.limits.size(); ++l) {
    if (!in_force.limits[l]) continue;
    const ir::Limit& limit = policy.limits[l];
    if (!Part(eval, scope, limit.where.get(), limit.by.get(), limit.on == ir::LimitOn::Quantity,
              policy, input, work.limits[l], causes)) {
      unknown.push_back("limit " + limit.id);
    }
  }
  eval.causes().clear();
  if (unknown.empty()) return;

  out.ClearComponents();
  work.tiers.assign(policy.tiers.size(), Membership{});
  work.limits.assign(policy.limits.size(), Membership{});
  std::string parts;
  for (const std::string& u : unknown)
    parts += (parts.empty() ? "" : ", ") + u;
  const std::string why = DescribeCauses(causes);
  out.SetUnknown(why.empty() ? "unknown (" + parts + ")" : "unknown: " + why + " (" + parts + ")",
                 MissingFields(causes));
}

}  // namespace collat::runtime
