// The limit part of explanations: which positions each limit's excess was taken from, found by
// evaluating the account again with the limits in force one more at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/explanation.h"
#include "runtime/expr_eval.h"
#include "runtime/versions.h"

namespace collat::runtime {

// Runs steps 1-5 of the account (docs/language.md 15.2) with `in_force`; `state` keeps the
// outputs' values and the limits' breaches for later reads, the result is the report entry.
AccountResult RunAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                         std::uint32_t account, AccountState& state);

// The limit entries of `full` (RunAccount with `in_force`), in its order, each with the positions
// its excess was taken from. Limits run one at a time in written order, each on what the earlier
// ones left (10.2), so running the account with the limits up to L in force and comparing each
// position's excess with the run up to the limit before gives exactly L's share of it. Costs one
// account evaluation per limit in force.
std::vector<LimitExplanation> ExplainLimits(const ir::Policy& policy, const InForce& in_force,
                                            ExprEval& eval, std::uint32_t account,
                                            const AccountResult& full);

}  // namespace collat::runtime
