// Concentration limits (docs/language.md section 10), applied one at a time in written order,
// each on the counted values the earlier ones left.
#pragma once

#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/expr_eval.h"
#include "runtime/position_step.h"
#include "runtime/versions.h"

namespace collat::runtime {

// Section 10.3: the greatest T with T = rest + sum over groups g of min(v_g, p x T). The groups
// (`group_values`, in order of first appearance) are sorted by value, largest first, ties keeping
// that order; for k = 0, 1, ..., n:
//   T_k = (rest + v_(k+1) + ... + v_(n)) / (1 - k x p)   (the sum from `rest`, left to right)
// and the scan stops at the first k with v_(k+1) <= p x T_k (v_(n+1) = 0), giving T = T_k.
// Guards for inputs the exact mathematics never reaches: should rounding bring the scan to a k
// whose denominator is not positive, T is the previous T_(k-1); the scan always stops at k = n
// (only a negative p gets that far).
double CollateralFixedPoint(double rest, const std::vector<double>& group_values, double p);

// Step 4: applies every limit in force, in written order, to the account (its tiers already
// applied, adjusted and counted values set, totals before limits computed, phase Limits). Per
// limit:
//   - members: the ELIGIBLE positions whose `where` holds (work[i].limits), grouped by `by` in
//     order of first appearance; a limit without `by` has exactly one group, possibly empty;
//   - used: the sum, in input order, of the members' counted values (on value), quantities (on
//     quantity) or market values (on market_value);
//   - cap: `amount` alone, amount x base (an account expression, or eligible_value), or for
//     `collateral_value` p x T with T from CollateralFixedPoint (rest: the counted value of every
//     position not covered, in input order); a floor of collateral_value uses T = the current
//     collateral value (a floor changes nothing, so that is the value "after this limit");
//   - max: when used > max(cap, 0), E = used - max(cap, 0) on value, else E = e x V with
//     e = (used - max(cap, 0)) / used and V the group's counted value; each member loses
//     (E x v_i) / V from its counted value, added to its excess (nothing when V is 0);
//   - min: shortfall = cap - used when used < cap; nothing changes;
//   - breached = excess > 0 or shortfall > 0; breached(id) is true when some group is.
// An unknown cap (amount or base unknown, or a collateral_value base on quantity/market value)
// changes nothing: the groups are reported with cap, excess and shortfall 0 and not breached,
// and breached(id) is unknown.
void ApplyLimits(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                 const std::vector<PositionWork>& work, AccountState& state);

}  // namespace collat::runtime
