#include "runtime/explain_limits.h"

#include "runtime/account_steps.h"
#include "runtime/position_step.h"
#include "runtime/value_ops.h"

namespace collat::runtime {
namespace {

// Per limit entry of `full` (in its order): the positions whose excess grew when that limit
// ran. Limits run one at a time in written order, each on what the earlier ones left (10.2), so
// running the account with the limits up to L in force and comparing each position's excess
// with the run up to the limit before gives exactly L's share of it.
std::vector<std::vector<Attribution>> Attribute(const ir::Policy& policy, const InForce& in_force,
                                                ExprEval& eval, std::uint32_t account,
                                                const AccountRun& full) {
  std::vector<std::vector<Attribution>> out(full.record().limits.size());
  InForce prefix = in_force;
  prefix.limits.assign(policy.limits.size(), false);
  std::vector<double> before(full.size(), 0.0);
  std::size_t entry = 0;
  for (std::size_t l = 0; l < policy.limits.size(); ++l) {
    if (!in_force.limits[l]) continue;
    prefix.limits[l] = true;
    const std::unique_ptr<AccountRun> run = RunAccount(policy, prefix, eval, account);
    const AccountState& state = run->state;
    // The entries of this limit: one per group, in the run's order.
    std::size_t groups = 0;
    for (const LimitResult& r : run->record().limits)
      groups += r.id == policy.limits[l].id ? std::size_t{1} : std::size_t{0};
    for (std::size_t g = 0; g < groups && entry + g < out.size(); ++g) {
      const LimitResult& r = full.record().limits[entry + g];
      if (!(r.excess > 0)) continue;
      for (std::size_t i = 0; i < run->size(); ++i) {
        const double share = state.excess(i) - before[i];
        if (!(share > 0)) continue;
        // Which group the position is in: the limit's `by` for this position.
        if (policy.limits[l].by) {
          const Scope scope{&state, static_cast<std::int64_t>(state.first_position + i)};
          eval.causes().clear();
          const ir::Value key = eval.Eval(*policy.limits[l].by, scope);
          eval.causes().clear();
          if (!key.known ||
              ValueText(key, policy.limits[l].by->type, policy, eval.text()) != r.group)
            continue;
        }
        out[entry + g].push_back({std::string(run->position(i).id()), share});
      }
    }
    for (std::size_t i = 0; i < run->size(); ++i)
      before[i] = state.excess(i);
    entry += groups;
  }
  return out;
}

}  // namespace

std::unique_ptr<AccountRun> RunAccount(const ir::Policy& policy, const InForce& in_force,
                                       ExprEval& eval, std::uint32_t account) {
  const Input& input = eval.input();
  auto run = std::make_unique<AccountRun>();
  run->columns = StartAccountReport(policy, input, in_force, account);
  run->frame = FrameOf(policy, in_force, *run->columns, input.accounts[account].first_position);
  run->state = StartAccount(input, account, policy.limits.size(), run->frame,
                            run->columns->accounts[0], run->arms);
  EvaluateAccount(policy, in_force, eval, run->state);
  run->columns->arms = run->arms.labels();
  return run;
}

std::vector<LimitExplanation> ExplainLimits(const ir::Policy& policy, const InForce& in_force,
                                            ExprEval& eval, std::uint32_t account,
                                            const AccountRun& full) {
  const std::vector<std::vector<Attribution>> attributed =
      Attribute(policy, in_force, eval, account, full);
  std::vector<LimitExplanation> out;
  for (std::size_t i = 0; i < full.record().limits.size(); ++i) {
    LimitExplanation limit{full.record().limits[i], ir::LimitOn::Value, {}};
    const std::int32_t l = in_force.Limit(limit.result.id);
    if (l >= 0) limit.on = policy.limits[static_cast<std::size_t>(l)].on;
    if (i < attributed.size()) limit.attributed = attributed[i];
    out.push_back(std::move(limit));
  }
  return out;
}

}  // namespace collat::runtime
