#include "bench/interpreter_step2.h"

#include "runtime/account_state.h"
#include "runtime/account_steps.h"
#include "runtime/expr_eval.h"
#include "runtime/position_step.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::bench {

std::vector<runtime::Status> InterpretPositions(const ir::Policy& policy,
                                                const runtime::Input& input) {
  std::vector<runtime::Status> status(input.positions.size(), runtime::Status::Rejected);
  const runtime::InForce in_force = runtime::SelectVersions(policy, input.market.valuation_date);
  runtime::TextBinder text(input.text);
  runtime::ExprEval eval(policy, input, in_force, text);
  // Step 2 writes each position's entries to a report's columns, as Evaluate does.
  const std::unique_ptr<ReportColumns> report =
      runtime::StartReport(policy, input, in_force, nullptr);
  const runtime::ReportFrame frame = runtime::FrameOf(policy, in_force, *report, 0);
  runtime::ArmTable arms;
  runtime::PositionWork work;
  for (std::uint32_t a = 0; a < input.accounts.size(); ++a) {
    const runtime::Account& account = input.accounts[a];
    if (!account.rejection.empty()) continue;
    runtime::AccountState state =
        runtime::StartAccount(input, a, policy.limits.size(), frame, report->accounts[a], arms);
    for (std::uint32_t k = 0; k < account.position_count; ++k) {
      const std::size_t global = account.first_position + k;
      if (!input.positions.rejection[global].empty()) continue;
      const runtime::Scope scope{&state, static_cast<std::int64_t>(global)};
      runtime::EvaluatePosition(policy, in_force, eval, scope, state.Row(k), work);
      status[global] = state.status(k);
    }
  }
  return status;
}

}  // namespace collat::bench
