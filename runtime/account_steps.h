// The steps of docs/language.md 15.2 that every engine shares. An engine decides step 2 (each
// position's eligibility, components and tiers/limit memberships) its own way: the interpreter
// with EvaluatePosition, the JIT with a compiled batch kernel. Steps 1 and 3-5 (rejections,
// tiers, limits, totals, outputs) then run here, the same code for both, so reports agree.
// Every step writes to the report being built (report_build.h).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/eligibility.h"
#include "runtime/expr_eval.h"
#include "runtime/input.h"
#include "runtime/position_step.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// The state of `account` before step 1, writing to `frame`'s report (its record `record`): the
// account's id and rejection, its positions' rows reset (market values from the input).
AccountState StartAccount(const Input& input, std::uint32_t account, std::size_t limits,
                          const ReportFrame& frame, AccountRecord& record, ArmTable& arms);

// Step 1 for one position: when the input rejected it, marks the row REJECTED with the reason,
// gives it no memberships and returns true.
bool RejectPosition(const ir::Policy& policy, const Input& input, std::size_t global, PositionRow p,
                    PositionWork& work);

// Steps 3-5, once step 2 filled every position of `state` and `work`.
void FinishAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                   const std::vector<PositionWork>& work, AccountState& state);

// An account the input rejected: every position REJECTED, no limits, outputs unknown.
void RejectedAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state);

// Steps 1-5 for one account with the interpreter, with the evaluation's plans of rules and of
// tiers/limit filters (eligibility.h, position_step.h).
void EvaluateAccount(const ir::Policy& policy, const InForce& in_force, const RulePlan& rules,
                     const PartPlan& parts, ExprEval& eval, AccountState& state);
// The same, planning for this account alone (explain).
void EvaluateAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                     AccountState& state);

}  // namespace collat::runtime
