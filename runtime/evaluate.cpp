#include "runtime/evaluate.h"

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "runtime/account_state.h"
#include "runtime/account_steps.h"
#include "runtime/components.h"
#include "runtime/eligibility.h"
#include "runtime/expr_eval.h"
#include "runtime/limits.h"
#include "runtime/parallel.h"
#include "runtime/position_step.h"
#include "runtime/report_json.h"
#include "runtime/text_binder.h"
#include "runtime/tiers.h"
#include "runtime/totals.h"
#include "runtime/value_ops.h"
#include "runtime/versions.h"

namespace collat::runtime {
namespace {

OutputResult OutputOf(const ir::Output& output, const ir::Value& value, const ir::Policy& policy,
                      const TextBinder& text) {
  const bool textual =
      output.type.kind == ir::TypeKind::Text || output.type.kind == ir::TypeKind::Enum;
  return MakeOutput(output, value,
                    value.known && textual ? ValueText(value, output.type, policy, text) : "");
}

// An account that failed validation: every position REJECTED with the account's reason, only
// the by-status totals, no limits, every output unknown.
void RejectAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state) {
  const AccountPositions positions = state.positions();
  for (std::size_t local = 0; local < state.size(); ++local) {
    PositionRow row = state.Row(local);
    row.set_status(Status::Rejected);
    row.set_reason(kReasonAccountRejection);
  }
  state.record->unknowns.clear();
  if (!TotalsBeforeLimits(positions, state.record->totals, policy.header.money)) {
    // Not even the market values add up within the exact range: none is counted (15.4).
    for (const PositionCells p : positions)
      p.market_value = 0;
    TotalsBeforeLimits(positions, state.record->totals, policy.header.money);
  }
  TotalsAfterLimits(positions, state.record->totals, policy.header.money);
  for (const ir::Output& output : policy.outputs) {
    state.record->outputs.push_back(OutputOf(output, ir::Value::Unknown(), policy, eval.text()));
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
    state.record->outputs.push_back(OutputOf(output, v, policy, eval.text()));
  }
  return "";
}

// An account whose money leaves the exact range of 15.4 is an account error: every position is
// REJECTED with `reason` and counts 0, so no figure of the report stands for an inexact sum.
void OutOfRange(const ir::Policy& policy, ExprEval& eval, AccountState& state, std::string reason) {
  state.record->rejection = std::move(reason);
  state.record->limits.clear();
  state.record->outputs.clear();
  state.outputs.clear();
  for (std::size_t local = 0; local < state.size(); ++local) {
    PositionRow row = state.Row(local);
    row.ClearRules();
    row.ClearComponents();
    row.market_value() = row.adjusted_value() = row.excess() = row.counted_value() = 0;
  }
  RejectAccount(policy, eval, state);
}

}  // namespace

AccountState StartAccount(const Input& input, std::uint32_t account, std::size_t limits,
                          const ReportFrame& frame, AccountRecord& record, ArmTable& arms) {
  const Account& in = input.accounts[account];
  AccountState state;
  state.account = account;
  state.first_position = in.first_position;
  state.position_count = in.position_count;
  state.frame = &frame;
  state.record = &record;
  state.arms = &arms;
  record = AccountRecord{};
  record.id = in.id;
  record.rejection = in.rejection;
  record.first_position = static_cast<std::uint32_t>(state.Index(0));
  record.position_count = in.position_count;
  state.breached.assign(limits, ir::Value::Bool(false));
  for (std::uint32_t k = 0; k < in.position_count; ++k) {
    PositionRow row = state.Row(k);
    row.set_status(Status::Unknown);
    row.set_reason(kReasonNone);
    row.ClearRules();
    row.ClearComponents();
    row.market_value() = input.positions.market_value[in.first_position + k];
    row.adjusted_value() = row.excess() = row.counted_value() = 0;
  }
  return state;
}

bool RejectPosition(const ir::Policy& policy, const Input& input, std::size_t global, PositionRow p,
                    PositionWork& work) {
  if (input.positions.rejection[global].empty()) return false;
  p.set_status(Status::Rejected);
  p.set_reason(kReasonPositionRejection);
  work.tiers.assign(policy.tiers.size(), Membership{});
  work.limits.assign(policy.limits.size(), Membership{});
  return true;
}

void FinishAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                   const std::vector<PositionWork>& work, AccountState& state) {
  // Step 3: tiers, then the adjusted value of every eligible position.
  ApplyTiers(policy, in_force, eval.input(), work, state);
  const ReportColumns& columns = state.columns();
  for (std::size_t local = 0; local < state.size(); ++local) {
    if (state.status(local) != Status::Eligible) continue;
    PositionRow row = state.Row(local);
    row.adjusted_value() =
        AdjustedValue(row.market_value(), columns, row.index(), policy.header.money);
    row.counted_value() = row.adjusted_value();
  }

  // Step 4: limits, on the totals that are final before them.
  const AccountPositions positions = state.positions();
  if (!TotalsBeforeLimits(positions, state.record->totals, policy.header.money)) {
    return OutOfRange(policy, eval, state,
                      fmt::format("money out of range: the account's market values add up to 10^15 "
                                  "units of {} decimal places of {} or more",
                                  policy.header.money.places(), policy.header.currency));
  }
  state.phase = Phase::Limits;
  ApplyLimits(policy, in_force, eval, work, state);

  // Step 5: the remaining totals, then outputs in written order.
  TotalsAfterLimits(positions, state.record->totals, policy.header.money);
  state.phase = Phase::Outputs;
  const std::string out_of_range = ComputeOutputs(policy, eval, state);
  if (!out_of_range.empty()) {
    OutOfRange(policy, eval, state,
               fmt::format("money out of range: output `{}` is 10^15 units of {} decimal "
                           "places of {} or more",
                           out_of_range, policy.header.money.places(), policy.header.currency));
  }
}

void RejectedAccount(const ir::Policy& policy, ExprEval& eval, AccountState& state) {
  RejectAccount(policy, eval, state);
}

// Positions decided together by the rule-major eligibility pass (eligibility.h): large enough
// that a rule's nodes are read from memory once for many positions, small enough that the
// block's per-position bookkeeping stays in the cache.
constexpr std::size_t kEligibilityBlock = 64;

void EvaluateAccount(const ir::Policy& policy, const InForce& in_force, const RulePlan& rules,
                     const PartPlan& parts, ExprEval& eval, AccountState& state) {
  if (!state.record->rejection.empty()) return RejectedAccount(policy, eval, state);
  const Input& input = eval.input();
  // Step 1 and 2: rejected positions; eligibility by blocks of valid positions, then
  // components and keys per position.
  std::vector<PositionWork> work(state.size());
  std::vector<Scope> scopes;
  std::vector<PositionRow> block;
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
    if (RejectPosition(policy, input, global, state.Row(local), work[local])) continue;
    scopes.push_back(Scope{&state, static_cast<std::int64_t>(global)});
    block.push_back(state.Row(local));
    block_work.push_back(&work[local]);
    if (scopes.size() == kEligibilityBlock) decide();
  }
  if (!scopes.empty()) decide();
  FinishAccount(policy, in_force, eval, work, state);
}

void EvaluateAccount(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                     AccountState& state) {
  EvaluateAccount(policy, in_force, PlanRules(policy, in_force), PlanParts(policy, in_force), eval,
                  state);
}

Report Evaluate(const ir::Policy& policy, std::shared_ptr<const Input> shared, unsigned threads,
                std::string_view sha256) {
  const Input& input = *shared;
  const InForce in_force = SelectVersions(policy, input.market.valuation_date);
  std::unique_ptr<ReportColumns> report = StartReport(policy, input, in_force, shared);
  const ReportFrame frame = FrameOf(policy, in_force, *report, 0);
  const RulePlan rules = PlanRules(policy, in_force);
  const PartPlan parts = PlanParts(policy, in_force);
  std::mutex arms_mutex;
  std::vector<std::pair<std::size_t, ArmTable>> arms;
  ForEachAccountRange(input.accounts.size(), threads, [&](std::size_t begin, std::size_t end) {
    TextBinder text(input.text);
    ExprEval eval(policy, input, in_force, text);
    ArmTable range_arms;
    for (std::size_t a = begin; a < end; ++a) {
      AccountState state = StartAccount(input, static_cast<std::uint32_t>(a), policy.limits.size(),
                                        frame, report->accounts[a], range_arms);
      EvaluateAccount(policy, in_force, rules, parts, eval, state);
    }
    const std::lock_guard lock(arms_mutex);
    arms.emplace_back(begin, std::move(range_arms));
  });
  MergeArms(*report, arms);
  report->policy_sha256 = sha256;
  return Report(std::move(report));
}

}  // namespace collat::runtime
