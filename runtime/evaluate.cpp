#include "runtime/evaluate.h"

#include "runtime/account_steps.h"
#include "runtime/parallel.h"
#include "runtime/report_json.h"

#include <optional>

#include <fmt/format.h>
#include <vector>

#include "runtime/account_state.h"
#include "runtime/components.h"
#include "runtime/eligibility.h"
#include "runtime/expr_eval.h"
#include "runtime/limits.h"
#include "runtime/position_step.h"
#include "runtime/text_binder.h"
#include "runtime/tiers.h"
#include "runtime/totals.h"
#include "runtime/value_ops.h"
#include "runtime/versions.h"

namespace collat::runtime {
namespace {

OutputResult MakeOutput(const ir::Output& output, const ir::Value& value, const ir::Policy& policy,
                        const TextBinder& text) {
  OutputResult r{output.name, output.type, value, ""};
  const bool textual =
      output.type.kind == ir::TypeKind::Text || output.type.kind == ir::TypeKind::Enum;
  if (value.known && textual) r.text = ValueText(value, output.type, policy, text);
  return r;
}

// An account that failed validation: every position REJECTED with the account's reason, only
// the by-status totals, no limits, every output unknown.
void RejectAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state) {
  for (PositionResult& p : state.result.positions) {
    p.status = Status::Rejected;
    p.reason = state.result.rejection;
  }
  if (!TotalsBeforeLimits(state.result, policy.header.money)) {
    // Not even the market values add up within the exact range: none is counted (15.4).
    for (PositionResult& p : state.result.positions)
      p.market_value = 0;
    TotalsBeforeLimits(state.result, policy.header.money);
  }
  TotalsAfterLimits(state.result, policy.header.money);
  for (const ir::Output& output : policy.outputs) {
    state.result.outputs.push_back(MakeOutput(output, ir::Value::Unknown(), policy, eval.text()));
  }
}

// Computes the outputs in written order; returns the name of a money output out of the exact
// range (15.4), which stops the computation, or "".
std::string ComputeOutputs(const ir::Policy& policy, ExprEval& eval, AccountState& state) {
  const Scope account{&state, -1};
  for (const ir::Output& output : policy.outputs) {
    ir::Value v = eval.Eval(*output.value, account);
    if (v.known && output.type.kind == ir::TypeKind::Money) {
      // 15.4: a money output is quantised; later outputs read the quantised figure.
      const std::optional<double> quantised = money::Quantise(v.number, policy.header.money);
      if (!quantised) return output.name;
      v = ir::Value::Number(*quantised);
    }
    eval.causes().clear();
    eval.trace().clear();
    state.outputs.push_back(v);
    state.result.outputs.push_back(MakeOutput(output, v, policy, eval.text()));
  }
  return "";
}

// An account whose money leaves the exact range of 15.4 is an account error: every position is
// REJECTED with `reason` and counts 0, so no figure of the report stands for an inexact sum.
AccountResult OutOfRange(const ir::Policy& policy, ExprEval& eval, AccountState& state,
                         std::string reason) {
  state.result.rejection = std::move(reason);
  state.result.limits.clear();
  state.result.outputs.clear();
  state.outputs.clear();
  for (PositionResult& p : state.result.positions) {
    p.rules.clear();
    p.missing.clear();
    p.components.clear();
    p.market_value = p.adjusted_value = p.excess = p.counted_value = 0;
  }
  RejectAccount(policy, eval, state);
  return std::move(state.result);
}

}  // namespace

Report StartReport(const ir::Policy& policy, const Input& input) {
  Report report;
  report.policy_name = policy.header.name;
  report.policy_version = policy.header.version;
  report.currency = policy.header.currency;
  report.money_places = policy.header.money.places();
  report.valuation_date = input.market.valuation_date;
  if (policy.header.effective && input.market.valuation_date < *policy.header.effective) {
    report.warnings.push_back(fmt::format(
        "valuation date {} is before the policy's effective date {}: the policy is applied as "
        "written (back-testing)",
        FormatDate(input.market.valuation_date), FormatDate(*policy.header.effective)));
  }
  return report;
}

AccountState StartAccount(const Input& input, std::uint32_t account, std::size_t limits) {
  const Account& record = input.accounts[account];
  AccountState state;
  state.account = account;
  state.first_position = record.first_position;
  state.result.id = record.id;
  state.result.rejection = record.rejection;
  state.breached.assign(limits, ir::Value::Bool(false));
  state.result.positions.reserve(record.position_count);
  for (std::uint32_t k = 0; k < record.position_count; ++k) {
    const std::size_t global = record.first_position + k;
    PositionResult p;
    p.id = input.positions.ids[global];
    p.market_value = input.positions.market_value[global];
    state.result.positions.push_back(std::move(p));
  }
  return state;
}

bool RejectPosition(const ir::Policy& policy, const Input& input, std::size_t global,
                    PositionResult& p, PositionWork& work) {
  if (input.positions.rejection[global].empty()) return false;
  p.status = Status::Rejected;
  p.reason = input.positions.rejection[global];
  work.tiers.assign(policy.tiers.size(), Membership{});
  work.limits.assign(policy.limits.size(), Membership{});
  return true;
}

AccountResult FinishAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                            const std::vector<PositionWork>& work, AccountState& state) {
  // Step 3: tiers, then the adjusted value of every eligible position.
  ApplyTiers(policy, in_force, eval.input(), work, state);
  for (PositionResult& p : state.result.positions) {
    if (p.status != Status::Eligible) continue;
    p.adjusted_value = AdjustedValue(p.market_value, p.components, policy.header.money);
    p.counted_value = p.adjusted_value;
  }

  // Step 4: limits, on the totals that are final before them.
  if (!TotalsBeforeLimits(state.result, policy.header.money)) {
    return OutOfRange(policy, eval, state,
                      fmt::format("money out of range: the account's market values add up to 10^15 "
                                  "units of {} decimal places of {} or more",
                                  policy.header.money.places(), policy.header.currency));
  }
  state.phase = Phase::Limits;
  ApplyLimits(policy, in_force, eval, work, state);

  // Step 5: the remaining totals, then outputs in written order.
  TotalsAfterLimits(state.result, policy.header.money);
  state.phase = Phase::Outputs;
  const std::string out_of_range = ComputeOutputs(policy, eval, state);
  if (!out_of_range.empty()) {
    return OutOfRange(
        policy, eval, state,
        fmt::format("money out of range: output `{}` is 10^15 units of {} decimal "
                    "places of {} or more",
                    out_of_range, policy.header.money.places(), policy.header.currency));
  }
  return std::move(state.result);
}

AccountResult RejectedAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state) {
  RejectAccount(policy, eval, state);
  return std::move(state.result);
}

namespace {

// Positions decided together by the rule-major eligibility pass (eligibility.h): large enough
// that a rule's nodes are read from memory once for many positions, small enough that the
// block's per-position bookkeeping stays in the cache.
constexpr std::size_t kEligibilityBlock = 64;

AccountResult EvaluateAccount(const ir::Policy& policy, const InForce& in_force,
                              const RulePlan& rules, const PartPlan& parts, ExprEval& eval,
                              std::uint32_t account) {
  const Input& input = eval.input();
  AccountState state = StartAccount(input, account, policy.limits.size());
  if (!state.result.rejection.empty()) return RejectedAccount(policy, eval, state);

  // Step 1 and 2: rejected positions; eligibility by blocks of valid positions, then
  // components and keys per position.
  std::vector<PositionWork> work(state.result.positions.size());
  std::vector<Scope> scopes;
  std::vector<PositionResult*> block;
  std::vector<PositionWork*> block_work;
  const auto decide = [&] {
    PositionBlock decided(policy, in_force, parts, eval, scopes, block, block_work);
    DecideEligibility(policy, rules, eval, scopes, block,
                      [&](std::size_t k) { decided.Decided(k); });
    decided.Finish();
    scopes.clear();
    block.clear();
    block_work.clear();
  };
  for (std::size_t local = 0; local < work.size(); ++local) {
    const std::size_t global = state.first_position + local;
    PositionResult& p = state.result.positions[local];
    if (RejectPosition(policy, input, global, p, work[local])) continue;
    scopes.push_back(Scope{&state, static_cast<std::int64_t>(global)});
    block.push_back(&p);
    block_work.push_back(&work[local]);
    if (scopes.size() == kEligibilityBlock) decide();
  }
  if (!scopes.empty()) decide();
  return FinishAccount(policy, in_force, eval, work, state);
}

}  // namespace

Report Evaluate(const ir::Policy& policy, const Input& input, unsigned threads) {
  Report report = StartReport(policy, input);
  const InForce in_force = SelectVersions(policy, input.market.valuation_date);
  const RulePlan rules = PlanRules(policy, in_force);
  const PartPlan parts = PlanParts(policy, in_force);
  report.accounts.resize(input.accounts.size());
  ForEachAccountRange(input.accounts.size(), threads, [&](std::size_t begin, std::size_t end) {
    TextBinder text(input.text);
    ExprEval eval(policy, input, in_force, text);
    for (std::size_t a = begin; a < end; ++a) {
      report.accounts[a] =
          EvaluateAccount(policy, in_force, rules, parts, eval, static_cast<std::uint32_t>(a));
    }
  });
  return report;
}

}  // namespace collat::runtime
