#include "jit/kernel_plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "runtime/match_index.h"

namespace collat::jit {
namespace {

class Planner {
 public:
  explicit Planner(const ir::Policy& policy, KernelPlan& plan)
      : policy_(policy), plan_(plan), let_picks_(policy.lets.size()) {}

  // Numbers the texts and arms of `e` and returns how many arms one evaluation can pick (every
  // match node on any path, a let or table counted each time it is reached, as it is evaluated
  // each time). Aggregates are unknown in a position context and pick nothing.
  std::size_t Walk(const ir::Expr& e) {
    if (e.op == ir::Op::Aggregate) return 0;
    if (e.op == ir::Op::FnCall) {
      // As lowered: the body, each argument where (and each time) it is read, so a parameter
      // picks what its argument picks. Memoised per function and argument picks, so a chain of
      // functions is planned in linear time.
      std::pair<std::int32_t, std::vector<std::size_t>> key{e.index, {}};
      for (const ir::ExprPtr& arg : e.args)
        key.second.push_back(Walk(*arg));
      if (const auto hit = call_picks_.find(key); hit != call_picks_.end()) return hit->second;
      const std::vector<std::size_t>* saved = params_;
      params_ = &key.second;
      const std::size_t picks = Walk(*policy_.functions[static_cast<std::size_t>(e.index)].body);
      params_ = saved;
      call_picks_.emplace(std::move(key), picks);
      return picks;
    }
    if (e.op == ir::Op::Param) return (*params_)[static_cast<std::size_t>(e.index)];
    if (e.op == ir::Op::Const && e.type.kind == ir::TypeKind::Text && !e.type.is_set) {
      AddText(e.text);
    }
    for (const std::string& member : e.set_text)
      AddText(member);
    std::size_t picks = 0;
    for (const ir::ExprPtr& arg : e.args)
      picks += Walk(*arg);
    if (e.filter) picks += Walk(*e.filter);
    std::size_t widest_arm = 0;
    for (std::size_t n = 0; n < e.arms.size(); ++n) {
      const ir::MatchArm& arm = e.arms[n];
      if (!plan_.arm_ids.contains(&arm)) {
        plan_.arm_ids.emplace(&arm, static_cast<std::int32_t>(plan_.arm_labels.size()));
        plan_.arm_labels.push_back(arm.label.empty() ? "#" + std::to_string(n + 1) : arm.label);
      }
      if (arm.condition) picks += Walk(*arm.condition);
      widest_arm = std::max(widest_arm, Walk(*arm.value));
    }
    if (!e.arms.empty()) picks += 1 + widest_arm;
    if (e.arms.size() > KernelPlan::kIndexedArms) AddIndexedMatch(e);
    for (const ir::Band& band : e.bands) {
      if (band.bound) picks += Walk(*band.bound);
      picks += Walk(*band.value);
    }
    if (e.op == ir::Op::Let) picks += WalkLet(static_cast<std::size_t>(e.index));
    if (e.op == ir::Op::TableLookup) picks += WalkTable(e.index);
    return picks;
  }

  // The index's shape depends on the policy alone (a text constant's code only changes its key),
  // so a stand-in code gives the groups and the arms not indexed that every input will have.
  void AddIndexedMatch(const ir::Expr& e) {
    if (plan_.indexed_match_ids.contains(&e)) return;
    const runtime::MatchIndex shape(e, [](const ir::Expr& c) {
      return c.type.kind == ir::TypeKind::Text ? ir::Value::Integer(0) : c.constant;
    });
    if (shape.empty()) return;
    KernelPlan::IndexedMatch m;
    m.match = &e;
    for (std::size_t g = 0; g < shape.groups(); ++g)
      m.subjects.push_back(&shape.subject(g));
    m.others = shape.others();
    plan_.indexed_match_ids.emplace(&e, static_cast<std::int32_t>(plan_.indexed_matches.size()));
    plan_.indexed_matches.push_back(std::move(m));
  }

  void AddText(const std::string& text) {
    if (plan_.text_index.contains(text)) return;
    plan_.text_index.emplace(text, static_cast<std::int32_t>(plan_.texts.size()));
    plan_.texts.push_back(text);
  }

 private:
  // A let's value is walked once (its texts and arms are numbered then) and its count reused, so
  // a chain of lets that read each other twice costs linear time (docs/language.md 16.5).
  std::size_t WalkLet(std::size_t index) {
    if (!let_picks_[index]) let_picks_[index] = Walk(*policy_.lets[index].value);
    return *let_picks_[index];
  }

  // Every version of the named table: the one in force is chosen per input.
  std::size_t WalkTable(std::int32_t index) {
    const std::string& name = policy_.tables[static_cast<std::size_t>(index)].name;
    std::size_t widest = 0;
    for (const ir::Table& table : policy_.tables) {
      if (table.name != name) continue;
      for (const ir::TableRow& row : table.rows) {
        if (table.key_type.kind == ir::TypeKind::Text) AddText(row.key_text);
        widest = std::max(widest, Walk(*row.value));
      }
      if (table.fallback) widest = std::max(widest, Walk(*table.fallback));
    }
    return widest;
  }

  const ir::Policy& policy_;
  KernelPlan& plan_;
  std::vector<std::optional<std::size_t>> let_picks_;
  const std::vector<std::size_t>* params_ = nullptr;  // the picks of the arguments of the body
  std::map<std::pair<std::int32_t, std::vector<std::size_t>>, std::size_t> call_picks_;
};

}  // namespace

std::int32_t KernelPlan::TextIndex(std::string_view text) const {
  const auto it = text_index.find(std::string(text));
  return it == text_index.end() ? -1 : it->second;
}

std::int32_t KernelPlan::IndexedMatchId(const ir::Expr& match) const {
  const auto it = indexed_match_ids.find(&match);
  return it == indexed_match_ids.end() ? -1 : it->second;
}

std::int32_t KernelPlan::ArmId(const ir::MatchArm& arm) const {
  const auto it = arm_ids.find(&arm);
  return it == arm_ids.end() ? -1 : it->second;
}

KernelPlan PlanKernel(const ir::Policy& policy) {
  KernelPlan plan;
  Planner planner(policy, plan);
  for (const ir::Rule& rule : policy.rules)
    planner.Walk(*rule.condition);
  for (const ir::Component& component : policy.components)
    plan.max_trace = std::max(plan.max_trace, planner.Walk(*component.value));
  for (const ir::Tiers& tiers : policy.tiers) {
    if (tiers.when) planner.Walk(*tiers.when);
    if (tiers.group_by) planner.Walk(*tiers.group_by);
  }
  for (const ir::Limit& limit : policy.limits) {
    if (limit.where) planner.Walk(*limit.where);
    if (limit.by) planner.Walk(*limit.by);
  }
  return plan;
}

}  // namespace collat::jit
