// The steps of docs/language.md 15.2 that every engine shares. An engine decides step 2 (each
// position's eligibility, components and tiers/limit memberships) its own way: the interpreter
// with EvaluatePosition, the JIT with a compiled batch kernel. Steps 1 and 3-5 (rejections,
// tiers, limits, totals, outputs) then run here, the same code for both, so reports agree.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/expr_eval.h"
#include "runtime/input.h"
#include "runtime/position_step.h"
#include "runtime/report.h"
#include "runtime/versions.h"

namespace collat::runtime {

// A report with the policy's and the input's header fields and warnings (3.2), no accounts yet.
Report StartReport(const ir::Policy& policy, const Input& input);

// The state of `account` before step 1: its positions' ids and market values, in input order.
AccountState StartAccount(const Input& input, std::uint32_t account, std::size_t limits);

// Step 1 for one position: when the input rejected it, marks `p` REJECTED with the reason, gives
// it no memberships and returns true.
bool RejectPosition(const ir::Policy& policy, const Input& input, std::size_t global,
                    PositionResult& p, PositionWork& work);

// Steps 3-5, once step 2 filled every position of `state` and `work`.
AccountResult FinishAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                            const std::vector<PositionWork>& work, AccountState& state);

// An account the input rejected: every position REJECTED, no limits, outputs unknown.
AccountResult RejectedAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state);

}  // namespace collat::runtime
