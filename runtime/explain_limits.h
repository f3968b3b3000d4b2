// The limit part of explanations: which positions each limit's excess was taken from, found by
// evaluating the account again with the limits in force one more at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "compiler/ir.h"
#include "runtime/account_state.h"
#include "runtime/explanation.h"
#include "runtime/expr_eval.h"
#include "runtime/versions.h"

namespace collat::runtime {

// One account evaluated again on its own: a one-account report (columns of its positions only)
// and the state its evaluation left (the outputs' values and the limits' breaches, for later
// reads). Not movable: the state points into the rest.
struct AccountRun {
  AccountRun() = default;
  AccountRun(const AccountRun&) = delete;
  AccountRun& operator=(const AccountRun&) = delete;
  std::unique_ptr<ReportColumns> columns;
  ReportFrame frame;
  ArmTable arms;
  AccountState state;
  const AccountRecord& record() const { return columns->accounts[0]; }
  std::size_t size() const { return state.size(); }
  PositionView position(std::size_t local) const {
    return {columns.get(), &columns->accounts[0], local};
  }
};

// Runs steps 1-5 of the account (docs/language.md 15.2) with `in_force`.
std::unique_ptr<AccountRun> RunAccount(const ir::Policy& policy, const InForce& in_force,
                                       ExprEval& eval, std::uint32_t account);

// The limit entries of `full` (RunAccount with `in_force`), in its order, each with the positions
// its excess was taken from. Limits run one at a time in written order, each on what the earlier
// ones left (10.2), so running the account with the limits up to L in force and comparing each
// position's excess with the run up to the limit before gives exactly L's share of it. Costs one
// account evaluation per limit in force.
std::vector<LimitExplanation> ExplainLimits(const ir::Policy& policy, const InForce& in_force,
                                            ExprEval& eval, std::uint32_t account,
                                            const AccountRun& full);

}  // namespace collat::runtime
