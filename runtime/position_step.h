// Step 2 of docs/language.md 15.2, per position: eligibility; then, for an eligible position, its
// haircut and margin components and the position-level parts of tiers (`when`, `group by`, the
// quantity) and limits (`where`, `by`, the quantity). If any of those is unknown the position is
// UNKNOWN, decided here, before any tiers or limit runs.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "compiler/ir.h"
#include "runtime/expr_eval.h"
#include "runtime/input.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// A position's part in one tiers or limit declaration.
struct Membership {
  bool member = false;  // eligible and `when` / `where` holds (true without a filter)
  ir::Value key;        // the group key when member and the declaration has a key
};

// What step 2 learns for the later steps, per position.
struct PositionWork {
  std::vector<Membership> tiers;   // per Policy::tiers index; non-members when not in force
  std::vector<Membership> limits;  // per Policy::limits index; likewise
};

// Fills `out` (status, rules, reason, missing, components) and `work` for the valid (not
// rejected) position in `scope`. An UNKNOWN position has no components and no memberships; its
// `missing` is the union of the fields its unknown parts miss, and its reason reads
// "unknown: <causes> (<parts>)", e.g. "unknown: rating (haircut asset, limit issuer_cap)".
// An unknown eligibility decision keeps section 7's reason ("unknown: <causes>").
void EvaluatePosition(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                      const Scope& scope, PositionRow out, PositionWork& work);

// EvaluatePosition once DecideEligibility (eligibility.h) filled `out`: the rest of step 2.
void EvaluateDecidedPosition(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                             const Scope& scope, PositionRow out, PositionWork& work);

// The tiers and limit declarations in force, numbered tiers first (Policy::tiers index t), then
// limits (tiers count + Policy::limits index), split as eligibility.h's RulePlan: `batched` ones
// read no let in their filter or key, `single` ones do. Built once per evaluation.
struct PartPlan {
  std::vector<std::uint32_t> batched;
  std::vector<std::uint32_t> single;
};
PartPlan PlanParts(const ir::Policy& policy, const InForce& in_force);

// EvaluateDecidedPosition for a block of positions of one account (`out[k]` and `work[k]` are
// the position in `scopes[k]`), with the same results, in two steps: Decided(k) once position k's
// eligibility is known (its components and the `single` parts, right after its let-reading rules,
// so its memoised lets are computed once: docs/language.md 16.5), then Finish(): the batched
// parts declaration by declaration over the block (so 50,000 limits' filters are read from memory
// once per block, not once per position), and each position's conclusion. All references must
// outlive the block.
class PositionBlock {
 public:
  PositionBlock(const ir::Policy& policy, const InForce& in_force, const PartPlan& plan,
                ExprEval& eval, const std::vector<Scope>& scopes,
                const std::vector<PositionRow>& out, const std::vector<PositionWork*>& work);
  void Decided(std::size_t k);
  void Finish();

 private:
  void Part(std::uint32_t declaration, std::size_t k);

  const ir::Policy& policy_;
  const InForce& in_force_;
  const PartPlan& plan_;
  ExprEval& eval_;
  const std::vector<Scope>& scopes_;
  const std::vector<PositionRow>& out_;
  const std::vector<PositionWork*>& work_;
  std::vector<std::size_t> eligible_;
  // Per position: the components' unknown names and causes, then each unknown part's
  // declaration (PartPlan numbering) with its causes.
  std::vector<std::vector<std::string>> unknown_;
  std::vector<Causes> causes_;
  std::vector<std::vector<std::pair<std::uint32_t, Causes>>> parts_;
};

// Decided(k) for every position in order, then Finish().
void EvaluateDecidedPositions(const ir::Policy& policy, const InForce& in_force,
                              const PartPlan& plan, ExprEval& eval,
                              const std::vector<Scope>& scopes, const std::vector<PositionRow>& out,
                              const std::vector<PositionWork*>& work);

// The position field named `quantity`, when the schema has one and the position knows it.
std::optional<double> QuantityOf(const ir::Policy& policy, const Input& input,
                                 std::size_t position);

}  // namespace collat::runtime
