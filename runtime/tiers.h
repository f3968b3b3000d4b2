// Tiered haircuts (docs/language.md section 9): size-dependent rates per group of an account,
// attributed back to the group's positions as one more haircut component.
#pragma once

#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/input.h"
#include "runtime/position_step.h"
#include "runtime/versions.h"

namespace collat::runtime {

// The tier rate of a group whose measure is `measure` (M >= 0): t = 1 - K / M with K the kept
// amount. A band keeps `rate x slice` when it is written `keep rate`, else `slice - slice x rate`
// (ir::TierBand). With b0 = 0:
//   progressive: K = sum over bands k, in order, of what band k keeps of
//                min(M, b_k) - min(M, b_(k-1)), the `else` band keeping from M - min(M, b_n);
//   whole:       K = what the first band whose test holds (M < b_k, M <= b_k, else) keeps of M.
// M == 0 gives the first band's haircut rate (1 - rate for a `keep` band). Sums start from 0 and
// run left to right.
double TierRate(const ir::Tiers& tiers, double measure);

// Step 3: for each tiers declaration in force, in written order, groups the account's ELIGIBLE
// members (work[i].tiers) by key, measures each group (the sum of its members' quantities or
// market values, in input order) and appends the component {tiers id, Haircut, rate} to each
// member's components. Adjusted values are not computed here.
void ApplyTiers(const ir::Policy& policy, const InForce& in_force, const Input& input,
                const std::vector<PositionWork>& work, AccountState& state);

}  // namespace collat::runtime
