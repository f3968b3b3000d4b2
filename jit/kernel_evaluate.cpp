#include "jit/kernel_evaluate.h"

#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "base/money.h"
#include "jit/kernel_input.h"
#include "runtime/account_steps.h"
#include "runtime/eligibility.h"
#include "runtime/parallel.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::jit {
namespace {

using runtime::Membership;
using runtime::PositionRow;
using runtime::PositionWork;

// Reads one position's kernel results into the interpreter's shapes. Only for positions the
// kernel decided (eligible or ineligible).
class Reader {
 public:
  Reader(const ir::Policy& policy, const KernelPlan& plan, const runtime::InForce& in_force,
         const runtime::ReportFrame& frame, const runtime::Input& input)
      : policy_(policy), plan_(plan), in_force_(in_force), frame_(frame), input_(input) {}

  // An error message when the kernel's status disagrees with its own rule outcomes, else "".
  // `a` holds the outputs of a window whose entry `i` is position `global`.
  std::string Decided(const KernelArgs& a, std::size_t i, std::size_t global, PositionRow p,
                      PositionWork& work) const {
    const std::size_t rules = policy_.rules.size();
    std::vector<runtime::RuleHit> hits;  // the rules not False: no vector of every rule
    for (std::size_t r = 0; r < rules; ++r) {
      const std::uint8_t state = a.rule_state[i * rules + r];
      if (state != kRuleTrue && state != kRuleUnknown) continue;
      hits.push_back({static_cast<std::uint32_t>(r), state == kRuleTrue
                                                         ? runtime::RuleOutcome::True
                                                         : runtime::RuleOutcome::Unknown});
    }
    runtime::ConcludeEligibility(policy_, hits, {}, p);
    work.tiers.assign(policy_.tiers.size(), Membership{});
    work.limits.assign(policy_.limits.size(), Membership{});
    const bool eligible = a.status[i] == kStatusEligible;
    if ((p.status() == runtime::Status::Eligible) != eligible) {
      return "batch kernel: position " + input_.positions.ids[global] +
             ": status disagrees with its rule outcomes";
    }
    if (!eligible) return {};
    Components(a, i, p);
    Memberships(a.tier_member, a.tier_key, policy_.tiers.size(), i, work.tiers,
                [&](std::size_t t) { return policy_.tiers[t].group_by != nullptr; });
    Memberships(a.limit_member, a.limit_key, policy_.limits.size(), i, work.limits,
                [&](std::size_t l) { return policy_.limits[l].by != nullptr; });
    return {};
  }

 private:
  void Components(const KernelArgs& a, std::size_t i, PositionRow& p) const {
    const std::size_t count = policy_.components.size();
    for (std::size_t c = 0; c < count; ++c) {
      if (!in_force_.components[c]) continue;
      const std::size_t slot = i * count + c;
      std::string rule;
      for (std::size_t k = 0; k < a.trace_length[slot]; ++k) {
        const std::int32_t arm = a.trace[slot * plan_.max_trace + k];
        if (!rule.empty()) rule += "/";
        rule += plan_.arm_labels.at(static_cast<std::size_t>(arm));
      }
      // 15.4: the rate quantised as the interpreter does.
      p.SetComponent(static_cast<std::size_t>(frame_.component_slot[c]),
                     a.component_known[slot] != 0, money::QuantiseRate(a.component_value[slot]),
                     rule);
    }
  }

  template <typename HasKey>
  static void Memberships(const std::uint8_t* member, const KernelValue* key, std::size_t count,
                          std::size_t i, std::vector<Membership>& out, HasKey has_key) {
    for (std::size_t d = 0; d < count; ++d) {
      if (member[i * count + d] == 0) continue;
      out[d].member = true;
      if (has_key(d)) out[d].key = FromKernelValue(key[i * count + d]);
    }
  }

  const ir::Policy& policy_;
  const KernelPlan& plan_;
  const runtime::InForce& in_force_;
  const runtime::ReportFrame& frame_;
  const runtime::Input& input_;
};

}  // namespace

Result<Report> EvaluateWithKernel(const ir::Policy& policy, const KernelPlan& plan, KernelFn kernel,
                                  std::shared_ptr<const runtime::Input> shared, unsigned threads,
                                  std::string_view sha256) {
  const runtime::Input& input = *shared;
  const runtime::InForce in_force = runtime::SelectVersions(policy, input.market.valuation_date);
  std::unique_ptr<ReportColumns> report = runtime::StartReport(policy, input, in_force, shared);
  const runtime::ReportFrame frame = runtime::FrameOf(policy, in_force, *report, 0);
  runtime::TextBinder bound(input.text);
  // Outputs per window of one account's positions only (KernelWindow), not per input position.
  const KernelInput in(policy, plan, input, in_force, bound, false);
  const Reader reader(policy, plan, in_force, frame, input);
  // The engine failure of the first account (in input order) that has one: the same message for
  // any thread count.
  std::mutex failure_mutex;
  std::size_t failed_account = std::numeric_limits<std::size_t>::max();
  std::string failure;
  const auto fail = [&](std::size_t account, std::string message) {
    const std::lock_guard lock(failure_mutex);
    if (account < failed_account) {
      failed_account = account;
      failure = std::move(message);
    }
  };
  std::mutex arms_mutex;
  std::vector<std::pair<std::size_t, runtime::ArmTable>> arms;
  runtime::ForEachAccountRange(
      input.accounts.size(), threads, [&](std::size_t begin, std::size_t end) {
        runtime::TextBinder text = bound;
        runtime::ExprEval eval(policy, input, in_force, text);
        runtime::ArmTable range_arms;
        KernelWindow window;
        const auto done = [&] {
          const std::lock_guard lock(arms_mutex);
          arms.emplace_back(begin, std::move(range_arms));
        };
        for (std::size_t account = begin; account < end; ++account) {
          runtime::AccountState state = runtime::StartAccount(
              input, static_cast<std::uint32_t>(account), policy.limits.size(), frame,
              report->accounts[account], range_arms);
          if (!state.record->rejection.empty()) {
            runtime::RejectedAccount(policy, eval, state);
            continue;
          }
          const std::size_t first = state.first_position;
          const std::size_t count = state.size();
          in.RunWindow(kernel, first, first + count, window);
          const KernelArgs& out = window.args();
          std::vector<PositionWork> work(count);
          std::string error;
          for (std::size_t local = 0; local < count && error.empty(); ++local) {
            const std::size_t global = first + local;
            PositionRow p = state.Row(local);
            if (runtime::RejectPosition(policy, input, global, p, work[local])) continue;
            if (out.status[local] != kStatusUnknown) {
              error = reader.Decided(out, local, global, p, work[local]);
              continue;
            }
            // The kernel found an unknown: the reference evaluator names its causes.
            const runtime::Scope scope{&state, static_cast<std::int64_t>(global)};
            runtime::EvaluatePosition(policy, in_force, eval, scope, p, work[local]);
            if (p.status() != runtime::Status::Unknown) {
              error = "batch kernel: position " + input.positions.ids[global] +
                      " is unknown to the kernel but not to the interpreter";
            }
          }
          if (!error.empty()) {
            fail(account, std::move(error));
            return done();  // the rest of this range is not needed: the evaluation failed
          }
          runtime::FinishAccount(policy, in_force, eval, work, state);
        }
        done();
      });
  if (!failure.empty()) return Error{std::move(failure)};
  runtime::MergeArms(*report, arms);
  report->policy_sha256 = sha256;
  return Report(std::move(report));
}

}  // namespace collat::jit
