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
#include "runtime/versions.h"

namespace collat::jit {
namespace {

using runtime::Membership;
using runtime::PositionResult;
using runtime::PositionWork;

// Reads one position's kernel results into the interpreter's shapes. Only for positions the
// kernel decided (eligible or ineligible).
class Reader {
 public:
  Reader(const ir::Policy& policy, const KernelPlan& plan, const runtime::InForce& in_force,
         const KernelInput& in)
      : policy_(policy), plan_(plan), in_force_(in_force), in_(in) {}

  // An error message when the kernel's status disagrees with its own rule outcomes, else "".
  std::string Decided(std::size_t i, PositionResult& p, PositionWork& work) const {
    const KernelArgs& a = in_.args();
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
    if ((p.status == runtime::Status::Eligible) != eligible) {
      return "batch kernel: position " + p.id + ": status disagrees with its rule outcomes";
    }
    if (!eligible) return {};
    Components(i, p);
    Memberships(a.tier_member, a.tier_key, policy_.tiers.size(), i, work.tiers,
                [&](std::size_t t) { return policy_.tiers[t].group_by != nullptr; });
    Memberships(a.limit_member, a.limit_key, policy_.limits.size(), i, work.limits,
                [&](std::size_t l) { return policy_.limits[l].by != nullptr; });
    return {};
  }

 private:
  void Components(std::size_t i, PositionResult& p) const {
    const KernelArgs& a = in_.args();
    const std::size_t count = policy_.components.size();
    for (std::size_t c = 0; c < count; ++c) {
      if (!in_force_.components[c]) continue;
      const std::size_t slot = i * count + c;
      runtime::ComponentResult r;
      r.id = policy_.components[c].id;
      r.kind = policy_.components[c].kind;
      r.known = a.component_known[slot] != 0;
      r.value = money::QuantiseRate(a.component_value[slot]);  // 15.4, as the interpreter
      for (std::size_t k = 0; k < a.trace_length[slot]; ++k) {
        const std::int32_t arm = a.trace[slot * plan_.max_trace + k];
        if (!r.rule.empty()) r.rule += "/";
        r.rule += plan_.arm_labels.at(static_cast<std::size_t>(arm));
      }
      p.components.push_back(std::move(r));
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
  const KernelInput& in_;
};

}  // namespace

Result<runtime::Report> EvaluateWithKernel(const ir::Policy& policy, const KernelPlan& plan,
                                           KernelFn kernel, const runtime::Input& input,
                                           unsigned threads) {
  runtime::Report report = runtime::StartReport(policy, input);
  const runtime::InForce in_force = runtime::SelectVersions(policy, input.market.valuation_date);
  runtime::TextBinder bound(input.text);
  const KernelInput in(policy, plan, input, in_force, bound);
  const Reader reader(policy, plan, in_force, in);
  report.accounts.resize(input.accounts.size());
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
  runtime::ForEachAccountRange(
      input.accounts.size(), threads, [&](std::size_t begin, std::size_t end) {
        runtime::TextBinder text = bound;
        runtime::ExprEval eval(policy, input, in_force, text);
        for (std::size_t account = begin; account < end; ++account) {
          runtime::AccountState state = runtime::StartAccount(
              input, static_cast<std::uint32_t>(account), policy.limits.size());
          if (!state.result.rejection.empty()) {
            report.accounts[account] = runtime::RejectedAccount(policy, eval, state);
            continue;
          }
          const std::size_t first = state.first_position;
          const std::size_t count = state.result.positions.size();
          in.Run(kernel, first, first + count);
          std::vector<PositionWork> work(count);
          std::string error;
          for (std::size_t local = 0; local < count && error.empty(); ++local) {
            const std::size_t global = first + local;
            PositionResult& p = state.result.positions[local];
            if (runtime::RejectPosition(policy, input, global, p, work[local])) continue;
            if (in.args().status[global] != kStatusUnknown) {
              error = reader.Decided(global, p, work[local]);
              continue;
            }
            // The kernel found an unknown: the reference evaluator names its causes.
            const runtime::Scope scope{&state, static_cast<std::int64_t>(global)};
            runtime::EvaluatePosition(policy, in_force, eval, scope, p, work[local]);
            if (p.status != runtime::Status::Unknown) {
              error = "batch kernel: position " + p.id +
                      " is unknown to the kernel but not to the interpreter";
            }
          }
          if (!error.empty()) {
            fail(account, std::move(error));
            return;  // the rest of this range is not needed: the evaluation failed
          }
          report.accounts[account] = runtime::FinishAccount(policy, in_force, eval, work, state);
        }
      });
  if (!failure.empty()) return Error{std::move(failure)};
  return report;
}

}  // namespace collat::jit
