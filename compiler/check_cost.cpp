// The static cost bound (docs/language.md 16.5): a checked policy whose estimated cost per
// position or per account is over CheckerOptions::max_cost is rejected, at its costliest
// declaration.
#include <fmt/format.h>

#include "compiler/checker.h"
#include "compiler/cost.h"

namespace collat::check_internal {

void Checker::CheckCost() {
  const CostEstimate totals = EstimateCost(policy_);
  if (totals.per_position <= options_.max_cost && totals.per_account <= options_.max_cost) return;
  const CostEstimate estimate = EstimateCost(policy_, /*itemise=*/true);
  for (const bool per_position : {true, false}) {
    const std::uint64_t total = per_position ? estimate.per_position : estimate.per_account;
    if (total <= options_.max_cost) continue;
    const DeclarationCost* costliest = nullptr;
    for (const DeclarationCost& d : estimate.declarations) {
      if (d.per_position != per_position) continue;
      if (costliest == nullptr || d.cost > costliest->cost) costliest = &d;
    }
    if (costliest == nullptr) continue;
    diagnostics_.push_back(MakeDiagnostic(
        DiagnosticKind::cost_limit_exceeded, costliest->file ? costliest->file : file(),
        costliest->range,
        fmt::format("the policy's estimated cost per {} is {} IR nodes, over the limit of {} "
                    "(`--max-cost`); {} alone costs {}",
                    per_position ? "position" : "account", total, options_.max_cost,
                    costliest->what, costliest->cost)));
  }
}

}  // namespace collat::check_internal
