// Eligibility (docs/language.md section 7): the decision `(A1 or A2 ...) and not (R1 or R2 ...)`
// over the accept rules A and reject rules R in force, in Kleene logic.
#pragma once

#include <functional>

#include "compiler/ir.h"
#include "runtime/expr_eval.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// Decides the position in `scope` (a valid, not rejected one) and fills `status`, `rules`,
// `reason` and `missing` of `out`:
//   - a reject rule holds (a veto, whatever the accepts and unknowns say): INELIGIBLE; rules =
//     every reject that holds; reason = the first of their non-empty reasons, else
//     "rejected by <first id>";
//   - else an accept holds and no reject is unknown: ELIGIBLE; rules = every accept that holds;
//     reason = the first of their non-empty reasons, else "";
//   - else no accept holds and none is unknown (also: no accept rule at all): INELIGIBLE; no
//     rules; reason "no accept rule holds";
//   - else UNKNOWN: rules = every rule whose condition is unknown; missing = the fields those
//     conditions miss (sorted, unique); reason = "unknown: " and the causes (unknown_causes.h).
// Rules are evaluated in written order; every rule in force is evaluated.
void DecideEligibility(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                       const Scope& scope, PositionRow out);

// The outcome of one rule for one position.
enum class RuleOutcome : std::uint8_t { False, True, Unknown };

// A rule whose outcome for a position is not False.
struct RuleHit {
  std::uint32_t rule = 0;  // Policy::rules index
  RuleOutcome outcome = RuleOutcome::True;
};

// The rules in force, split by how a block of positions evaluates them. Built once per evaluation:
// `batched` rules read no `let` (nor a table), so evaluating them rule by rule over a block of
// positions gives what evaluating them position by position does; the others (`single`) are
// evaluated position by position, so each position's memoised lets (let_memo.h) are computed once
// for all its rules. Both in written order.
struct RulePlan {
  std::vector<std::uint32_t> batched;
  std::vector<std::uint32_t> single;
};
RulePlan PlanRules(const ir::Policy& policy, const InForce& in_force);
// Whether `e` reads a let, or a table (whose rows may): what makes a rule `single`.
bool ReadsLet(const ir::Expr* e);

// DecideEligibility for a block of valid positions of one account (`out[k]` is the position in
// `scopes[k]`), with the same results. Rule-major: each batched rule is evaluated for every
// position of the block before the next rule, so a policy's rules are read from memory once per
// block, not once per position (50,000 rules are some 50 MB of expression nodes, far beyond the
// cache).
// `decided(k)`, when given, runs as soon as position k is concluded, right after its `single`
// rules (so what follows for the position finds its lets memoised).
void DecideEligibility(const ir::Policy& policy, const RulePlan& plan, ExprEval& eval,
                       const std::vector<Scope>& scopes, const std::vector<PositionRow>& out,
                       const std::function<void(std::size_t)>& decided = {});

// The decision above from each rule's outcome (per Policy::rules index; rules not in force are
// False) and the causes of the unknown ones: how DecideEligibility concludes, and how an engine
// that evaluated the rules itself (a batch kernel) builds the same status, rules and reason.
void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleOutcome>& outcomes,
                         const Causes& causes, PositionRow out);
// The same from the rules whose outcome is not False, in ascending rule order: a cost in the
// number of hits, not of rules.
void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleHit>& hits,
                         const Causes& causes, PositionRow out);

}  // namespace collat::runtime
