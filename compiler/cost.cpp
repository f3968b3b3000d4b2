#include "compiler/cost.h"

#include <optional>

#include <fmt/format.h>

namespace collat {
namespace {

// Counts nodes; `shared` marks lets already counted in this estimate.
class Counter {
 public:
  Counter(const ir::Policy& policy, std::vector<bool>& shared) : policy_(policy), shared_(shared) {}

  std::uint64_t Count(const ir::Expr* e) {
    if (e == nullptr) return 0;
    std::uint64_t n = 1;
    if (e->op == ir::Op::Let) {
      const auto index = static_cast<std::size_t>(e->index);
      const ir::Expr* value = policy_.lets[index].value.get();
      if (!HasArms(index)) {
        if (shared_[index]) return n;
        shared_[index] = true;
        return Saturate(n, Count(value));
      }
      // Counted at every read, at the cost of its first read (an upper bound: the lets it shares
      // are included), so counting stays linear.
      if (per_read_.empty()) per_read_.assign(policy_.lets.size(), std::nullopt);
      if (!per_read_[index]) per_read_[index] = Count(value);
      return Saturate(n, *per_read_[index]);
    }
    for (const ir::ExprPtr& arg : e->args)
      n = Saturate(n, Count(arg.get()));
    n = Saturate(n, Count(e->filter.get()));
    for (const ir::MatchArm& arm : e->arms)
      n = Saturate(n, Saturate(Count(arm.condition.get()), Count(arm.value.get())));
    for (const ir::Band& band : e->bands)
      n = Saturate(n, Saturate(Count(band.bound.get()), Count(band.value.get())));
    return n;
  }

 private:
  static std::uint64_t Saturate(std::uint64_t a, std::uint64_t b) {
    return a + b < a ? UINT64_MAX : a + b;
  }

  // Whether a let's value picks match arms (directly or through the lets it reads).
  bool HasArms(std::size_t index) {
    if (arms_.empty()) arms_.assign(policy_.lets.size(), -1);
    if (arms_[index] < 0) {
      arms_[index] = 0;
      arms_[index] = Picks(policy_.lets[index].value.get()) ? 1 : 0;
    }
    return arms_[index] == 1;
  }
  bool Picks(const ir::Expr* e) {
    if (e == nullptr) return false;
    if (!e->arms.empty()) return true;
    if (e->op == ir::Op::Let) return HasArms(static_cast<std::size_t>(e->index));
    for (const ir::ExprPtr& arg : e->args)
      if (Picks(arg.get())) return true;
    for (const ir::Band& band : e->bands)
      if (Picks(band.bound.get()) || Picks(band.value.get())) return true;
    return Picks(e->filter.get());
  }

  const ir::Policy& policy_;
  std::vector<bool>& shared_;
  std::vector<std::int8_t> arms_;
  std::vector<std::optional<std::uint64_t>> per_read_;
};

}  // namespace

std::uint64_t TreeSize(const ir::Expr& e) {
  std::uint64_t n = 1;
  const auto add = [&](const ir::Expr* x) {
    if (x != nullptr) n += TreeSize(*x);
  };
  for (const ir::ExprPtr& arg : e.args)
    add(arg.get());
  add(e.filter.get());
  for (const ir::MatchArm& arm : e.arms) {
    add(arm.condition.get());
    add(arm.value.get());
  }
  for (const ir::Band& band : e.bands) {
    add(band.bound.get());
    add(band.value.get());
  }
  return n;
}

CostEstimate EstimateCost(const ir::Policy& policy, bool itemise) {
  CostEstimate out;
  std::vector<bool> position_shared(policy.lets.size(), false);
  std::vector<bool> account_shared(policy.lets.size(), false);
  Counter position(policy, position_shared);
  Counter account(policy, account_shared);
  const auto add = [&](std::string what, bool per_position,
                       std::initializer_list<const ir::Expr*> exprs) {
    DeclarationCost d;
    d.what = std::move(what);
    d.per_position = per_position;
    std::vector<bool> own(policy.lets.size(), false);
    Counter alone(policy, own);
    for (const ir::Expr* e : exprs) {
      if (e == nullptr) continue;
      if (!d.file) {
        d.file = e->file;
        d.range = e->range;
      }
      if (itemise) d.cost += alone.Count(e);
      std::uint64_t& total = per_position ? out.per_position : out.per_account;
      const std::uint64_t n = (per_position ? position : account).Count(e);
      total = total + n < total ? UINT64_MAX : total + n;
    }
    if (itemise) out.declarations.push_back(std::move(d));
  };
  for (const ir::Rule& r : policy.rules)
    add(fmt::format("rule `{}`", r.id), true, {r.condition.get()});
  for (const ir::Component& c : policy.components) {
    const char* kind = c.kind == ir::ComponentKind::Haircut ? "haircut" : "margin";
    add(fmt::format("{} `{}`", kind, c.id), true, {c.value.get()});
  }
  for (const ir::Tiers& t : policy.tiers)
    add(fmt::format("tiers `{}`", t.id), true, {t.when.get(), t.group_by.get()});
  for (const ir::Limit& l : policy.limits) {
    add(fmt::format("limit `{}`", l.id), true, {l.where.get(), l.by.get()});
    add(fmt::format("limit `{}`", l.id), false, {l.amount.get(), l.base_expr.get()});
  }
  for (const ir::Output& o : policy.outputs)
    add(fmt::format("output `{}`", o.name), false, {o.value.get()});
  return out;
}

}  // namespace collat
