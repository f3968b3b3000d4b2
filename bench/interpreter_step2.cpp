#include "bench/interpreter_step2.h"

#include "runtime/account_state.h"
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
  runtime::PositionResult result;
  runtime::PositionWork work;
  for (std::uint32_t a = 0; a < input.accounts.size(); ++a) {
    const runtime::Account& account = input.accounts[a];
    if (!account.rejection.empty()) continue;
    // Step 2 reads only the account and the phase: the report entries are not needed.
    runtime::AccountState state;
    state.account = a;
    state.first_position = account.first_position;
    for (std::uint32_t k = 0; k < account.position_count; ++k) {
      const std::size_t global = account.first_position + k;
      if (!input.positions.rejection[global].empty()) continue;
      result = runtime::PositionResult{};
      const runtime::Scope scope{&state, static_cast<std::int64_t>(global)};
      runtime::EvaluatePosition(policy, in_force, eval, scope, result, work);
      status[global] = result.status;
    }
  }
  return status;
}

}  // namespace collat::bench
