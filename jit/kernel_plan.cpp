#include "jit/kernel_plan.h"

#include <algorithm>
#include <optional>
#include <vector>

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
      // As lowered: the body in a new frame, each argument where (and each time) it is read.
      frames_.push_back({&e, current_});
      current_ = static_cast<std::int32_t>(frames_.size() - 1);
      const std::size_t picks = Walk(*policy_.functions[static_cast<std::size_t>(e.index)].body);
      current_ = frames_.back().second;
      frames_.pop_back();
      return picks;
    }
    if (e.op == ir::Op::Param) {
      const std::int32_t frame = current_;
      const auto& [call, caller] = frames_[static_cast<std::size_t>(frame)];
      current_ = caller;
      const std::size_t picks = Walk(*call->args[static_cast<std::size_t>(e.index)]);
      current_ = frame;
      return picks;
    }
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
    for (const ir::Band& band : e.bands) {
      if (band.bound) picks += Walk(*band.bound);
      picks += Walk(*band.value);
    }
    if (e.op == ir::Op::Let) picks += WalkLet(static_cast<std::size_t>(e.index));
    if (e.op == ir::Op::TableLookup) picks += WalkTable(e.index);
    return picks;
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
  std::vector<std::pair<const ir::Expr*, std::int32_t>> frames_;  // calls being walked, callers
  std::int32_t current_ = -1;
};

}  // namespace

std::int32_t KernelPlan::TextIndex(std::string_view text) const {
  const auto it = text_index.find(std::string(text));
  return it == text_index.end() ? -1 : it->second;
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
