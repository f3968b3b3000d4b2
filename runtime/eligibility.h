// Eligibility (docs/language.md section 7): the decision `(A1 or A2 ...) and not (R1 or R2 ...)`
// over the accept rules A and reject rules R in force, in Kleene logic.
#pragma once

#include "compiler/ir.h"
#include "runtime/expr_eval.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// Decides the position in `scope` (a valid, not rejected one) and writes its status, rules,
// reason and (when UNKNOWN) missing fields to `out`:
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

// The decision above from each rule's outcome (per Policy::rules index; rules not in force are
// False) and the causes of the unknown ones: how DecideEligibility concludes, and how an engine
// that evaluated the rules itself (a batch kernel) builds the same status, rules and reason.
void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleOutcome>& outcomes,
                         const Causes& causes, PositionRow out);

}  // namespace collat::runtime
