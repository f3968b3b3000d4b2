#include "runtime/eligibility.h"

#include <algorithm>
#include <utility>
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
  std::vector<RuleHit> hits;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i] != RuleOutcome::False)
      hits.push_back({static_cast<std::uint32_t>(i), outcomes[i]});
  }
  ConcludeEligibility(policy, hits, causes, out);
}

void ConcludeEligibility(const ir::Policy& policy, const std::vector<RuleHit>& hits,
                         const Causes& causes, PositionRow out) {
  std::vector<std::size_t> true_accepts;
  std::vector<std::size_t> true_rejects;
  std::vector<std::size_t> unknown_rules;
  bool accept_unknown = false;
  bool reject_unknown = false;
  for (const RuleHit& hit : hits) {
    const std::size_t i = hit.rule;
    const ir::Rule& rule = policy.rules[i];
    const bool accept = rule.verb == ir::Verb::Accept;
    switch (hit.outcome) {
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
  std::vector<RuleHit> hits;
  Causes causes;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    if (!in_force.rules[i]) continue;
    eval.causes().clear();
    const ir::Value v = eval.Eval(*policy.rules[i].condition, scope);
    if (!v.known) {
      hits.push_back({static_cast<std::uint32_t>(i), RuleOutcome::Unknown});
      causes.insert(causes.end(), eval.causes().begin(), eval.causes().end());
    } else if (v.truth()) {
      hits.push_back({static_cast<std::uint32_t>(i), RuleOutcome::True});
    }
  }
  eval.causes().clear();
  ConcludeEligibility(policy, hits, causes, out);
}

bool ReadsLet(const ir::Expr* e) {
  if (e == nullptr) return false;
  if (e->op == ir::Op::Let || e->op == ir::Op::TableLookup) return true;
  // A function's body may read a let: its calls are evaluated position by position.
  if (e->op == ir::Op::FnCall) return true;
  if (ReadsLet(e->filter.get())) return true;
  for (const ir::ExprPtr& arg : e->args)
    if (ReadsLet(arg.get())) return true;
  for (const ir::MatchArm& arm : e->arms)
    if (ReadsLet(arm.condition.get()) || ReadsLet(arm.value.get())) return true;
  for (const ir::Band& band : e->bands)
    if (ReadsLet(band.bound.get()) || ReadsLet(band.value.get())) return true;
  return false;
}

RulePlan PlanRules(const ir::Policy& policy, const InForce& in_force) {
  RulePlan plan;
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    if (!in_force.rules[i]) continue;
    const bool single = ReadsLet(policy.rules[i].condition.get());
    (single ? plan.single : plan.batched).push_back(static_cast<std::uint32_t>(i));
  }
  return plan;
}

void DecideEligibility(const ir::Policy& policy, const RulePlan& plan, ExprEval& eval,
                       const std::vector<Scope>& scopes, const std::vector<PositionRow>& out,
                       const std::function<void(std::size_t)>& decided) {
  const std::size_t n = scopes.size();
  std::vector<std::vector<RuleHit>> hits(n);
  std::vector<std::vector<std::pair<std::uint32_t, Causes>>> unknown(n);  // per unknown rule
  const auto decide = [&](std::uint32_t rule, std::size_t k) {
    eval.causes().clear();
    const ir::Value v = eval.Eval(*policy.rules[rule].condition, scopes[k]);
    if (!v.known) {
      hits[k].push_back({rule, RuleOutcome::Unknown});
      unknown[k].emplace_back(rule, eval.causes());
    } else if (v.truth()) {
      hits[k].push_back({rule, RuleOutcome::True});
    }
  };
  for (const std::uint32_t rule : plan.batched) {
    for (std::size_t k = 0; k < n; ++k)
      decide(rule, k);
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (const std::uint32_t rule : plan.single)
      decide(rule, k);
    eval.causes().clear();
    if (!plan.single.empty()) {  // the two passes each found rules in written order: merge them
      const auto by_rule = [](const auto& a, const auto& b) { return a.rule < b.rule; };
      std::sort(hits[k].begin(), hits[k].end(), by_rule);
      std::sort(unknown[k].begin(), unknown[k].end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    Causes causes;
    for (const auto& [rule, rule_causes] : unknown[k])
      causes.insert(causes.end(), rule_causes.begin(), rule_causes.end());
    ConcludeEligibility(policy, hits[k], causes, out[k]);
    if (decided) decided(k);
  }
}

}  // namespace collat::runtime
