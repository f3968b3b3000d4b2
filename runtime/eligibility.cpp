#include "runtime/eligibility.h"

#include <vector>

namespace collat::runtime {
namespace {

std::vector<std::string> Ids(const std::vector<const ir::Rule*>& rules) {
  std::vector<std::string> ids;
  for (const ir::Rule* r : rules)
    ids.push_back(r->id);
  return ids;
}

std::string FirstReason(const std::vector<const ir::Rule*>& rules) {
  for (const ir::Rule* r : rules) {
    if (!r->reason.empty()) return r->reason;
  }
  return "";
}

}  // namespace

void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleOutcome>& outcomes,
                         const Causes& causes, PositionResult& out) {
  std::vector<const ir::Rule*> true_accepts;
  std::vector<const ir::Rule*> true_rejects;
  std::vector<const ir::Rule*> unknown_rules;
  bool accept_unknown = false;
  bool reject_unknown = false;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const ir::Rule& rule = policy.rules[i];
    const bool accept = rule.verb == ir::Verb::Accept;
    switch (outcomes[i]) {
      case RuleOutcome::False:
        break;
      case RuleOutcome::True:
        (accept ? true_accepts : true_rejects).push_back(&rule);
        break;
      case RuleOutcome::Unknown:
        unknown_rules.push_back(&rule);
        (accept ? accept_unknown : reject_unknown) = true;
        break;
    }
  }

  if (!true_rejects.empty()) {
    out.status = Status::Ineligible;
    out.rules = Ids(true_rejects);
    out.reason = FirstReason(true_rejects);
    if (out.reason.empty()) out.reason = "rejected by " + true_rejects.front()->id;
  } else if (!true_accepts.empty() && !reject_unknown) {
    out.status = Status::Eligible;
    out.rules = Ids(true_accepts);
    out.reason = FirstReason(true_accepts);
  } else if (true_accepts.empty() && !accept_unknown) {
    out.status = Status::Ineligible;
    out.reason = "no accept rule holds";
  } else {
    out.status = Status::Unknown;
    out.rules = Ids(unknown_rules);
    out.missing = MissingFields(causes);
    const std::string why = DescribeCauses(causes);
    out.reason = why.empty() ? "unknown" : "unknown: " + why;
  }
}

void DecideEligibility(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                       const Scope& scope, PositionResult& out) {
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
