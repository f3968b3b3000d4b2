#include "runtime/eligibility.h"

#include <vector>

namespace collat::runtime {
namespace {

// The reason of the first rule in `rules` (policy indices) that has one, else kReasonNone.
std::uint32_t FirstReason(const ir::Policy& policy, const std::vector<std::size_t>& rules) {
  for (const std::size_t r : rules) {
    if (!policy.rules[r].reason.empty()) return RuleReason(r);
  }
  return kReasonNone;
}

void SetRules(PositionRow& out, const std::vector<std::size_t>& rules) {
  out.ClearRules();
  for (const std::size_t r : rules)
    out.AddRule(r);
}

}  // namespace

void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleOutcome>& outcomes,
                         const Causes& causes, PositionRow out) {
  std::vector<std::size_t> true_accepts;
  std::vector<std::size_t> true_rejects;
  std::vector<std::size_t> unknown_rules;
  bool accept_unknown = false;
  bool reject_unknown = false;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const ir::Rule& rule = policy.rules[i];
    const bool accept = rule.verb == ir::Verb::Accept;
    switch (outcomes[i]) {
      case RuleOutcome::False:
        break;
      case RuleOutcome::True:
        (accept ? true_accepts : true_rejects).push_back(i);
        break;
      case RuleOutcome::Unknown:
        unknown_rules.push_back(i);
        (accept ? accept_unknown : reject_unknown) = true;
        break;
    }
  }

  if (!true_rejects.empty()) {
    out.set_status(Status::Ineligible);
    SetRules(out, true_rejects);
    const std::uint32_t reason = FirstReason(policy, true_rejects);
    out.set_reason(reason != kReasonNone ? reason : RejectedBy(true_rejects.front()));
  } else if (!true_accepts.empty() && !reject_unknown) {
    out.set_status(Status::Eligible);
    SetRules(out, true_accepts);
    out.set_reason(FirstReason(policy, true_accepts));
  } else if (true_accepts.empty() && !accept_unknown) {
    out.set_status(Status::Ineligible);
    out.ClearRules();
    out.set_reason(kReasonNoAccept);
  } else {
    SetRules(out, unknown_rules);
    const std::string why = DescribeCauses(causes);
    out.SetUnknown(why.empty() ? "unknown" : "unknown: " + why, MissingFields(causes));
  }
}

void DecideEligibility(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                       const Scope& scope, PositionRow out) {
  std::vector<RuleOutcome> outcomes(policy.rules.size(), RuleOutcome::False);
  Causes causes;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    if (!in_force.rules[i]) continue;
    eval.causes().clear();
    const ir::Value v = eval.Eval(*policy.rules[i].condition, scope);
    if (!v.known) {
      outcomes[i] = RuleOutcome::Unknown;
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
    } else if (v.truth()) {
      outcomes[i] = RuleOutcome::True;
    }
  }
  eval.causes().clear();
  ConcludeEligibility(policy, outcomes, causes, out);
}

}  // namespace collat::runtime
