#include "compiler/cost.h"

#include <optional>

#include <fmt/format.h>

namespace collat {
namespace {

std::uint64_t Add(std::uint64_t a, std::uint64_t b) {
  return a + b < a ? UINT64_MAX : a + b;
}
std::uint64_t Times(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

// The cost of an expression inside a function body, as a function of the costs of the call's
// arguments: `constant + sum(per_param[i] * cost of argument i)`, because an argument counts at
// each read of its parameter (an upper bound: the JIT evaluates it there; the interpreter at most
// once per call).
struct Linear {
  std::uint64_t constant = 0;
  std::vector<std::uint64_t> per_param;

  void Plus(const Linear& other) {
    constant = Add(constant, other.constant);
    if (per_param.size() < other.per_param.size()) per_param.resize(other.per_param.size(), 0);
    for (std::size_t i = 0; i < other.per_param.size(); ++i)
      per_param[i] = Add(per_param[i], other.per_param[i]);
  }
  void PlusTimes(const Linear& other, std::uint64_t factor) {
    Linear scaled = other;
    scaled.constant = Times(scaled.constant, factor);
    for (std::uint64_t& k : scaled.per_param)
      k = Times(k, factor);
    Plus(scaled);
  }
};

// Facts about functions and lets shared by every counter of one estimate, each computed once.
class Shared {
 public:
  explicit Shared(const ir::Policy& policy)
      : policy_(policy),
        arms_(policy.lets.size(), -1),
        fn_arms_(policy.functions.size(), -1),
        fn_cost_(policy.functions.size()),
        let_cost_(policy.lets.size()) {}

  const ir::Policy& policy() const { return policy_; }

  // Whether a let's value picks match arms (directly or through the lets and functions it reads).
  bool HasArms(std::size_t index) {
    if (arms_[index] < 0) {
      arms_[index] = 0;
      arms_[index] = Picks(policy_.lets[index].value.get()) ? 1 : 0;
    }
    return arms_[index] == 1;
  }

  // One evaluation of function `index`'s body (the checker rejects recursion).
  const Linear& FunctionCost(std::size_t index) {
    if (!fn_cost_[index]) {
      fn_cost_[index] = InBody(policy_.functions[index].body.get());
    }
    return *fn_cost_[index];
  }

  // A let read inside a function body counts its value at every call (an upper bound: the
  // function's cost is computed once for every call), the lets it reads shared.
  std::uint64_t LetCost(std::size_t index);

  Linear InBody(const ir::Expr* e) {
    Linear out;
    if (e == nullptr) return out;
    if (e->op == ir::Op::Param) {
      out.per_param.assign(static_cast<std::size_t>(e->index) + 1, 0);
      out.per_param[static_cast<std::size_t>(e->index)] = 1;
      return out;
    }
    out.constant = 1;
    if (e->op == ir::Op::Let) {
      out.constant = Add(1, LetCost(static_cast<std::size_t>(e->index)));
      return out;
    }
    if (e->op == ir::Op::FnCall) {
      const Linear& callee = FunctionCost(static_cast<std::size_t>(e->index));
      out.constant = Add(out.constant, callee.constant);
      for (std::size_t i = 0; i < e->args.size() && i < callee.per_param.size(); ++i) {
        if (callee.per_param[i] != 0) out.PlusTimes(InBody(e->args[i].get()), callee.per_param[i]);
      }
      return out;
    }
    for (const ir::ExprPtr& arg : e->args)
      out.Plus(InBody(arg.get()));
    out.Plus(InBody(e->filter.get()));
    for (const ir::MatchArm& arm : e->arms) {
      out.Plus(InBody(arm.condition.get()));
      out.Plus(InBody(arm.value.get()));
    }
    for (const ir::Band& band : e->bands) {
      out.Plus(InBody(band.bound.get()));
      out.Plus(InBody(band.value.get()));
    }
    return out;
  }

 private:
  bool Picks(const ir::Expr* e) {
    if (e == nullptr) return false;
    if (!e->arms.empty()) return true;
    if (e->op == ir::Op::Let) return HasArms(static_cast<std::size_t>(e->index));
    if (e->op == ir::Op::FnCall) {
      const auto index = static_cast<std::size_t>(e->index);
      if (fn_arms_[index] < 0) {
        fn_arms_[index] = 0;
        fn_arms_[index] = Picks(policy_.functions[index].body.get()) ? 1 : 0;
      }
      if (fn_arms_[index] == 1) return true;
    }
    for (const ir::ExprPtr& arg : e->args)
      if (Picks(arg.get())) return true;
    for (const ir::Band& band : e->bands)
      if (Picks(band.bound.get()) || Picks(band.value.get())) return true;
    return Picks(e->filter.get());
  }

  const ir::Policy& policy_;
  std::vector<std::int8_t> arms_;
  std::vector<std::int8_t> fn_arms_;
  std::vector<std::optional<Linear>> fn_cost_;
  std::vector<std::optional<std::uint64_t>> let_cost_;
};

// Counts nodes; `shared` marks lets already counted in this estimate.
class Counter {
 public:
  Counter(Shared& facts, std::vector<bool>& shared) : facts_(facts), shared_(shared) {}

  std::uint64_t Count(const ir::Expr* e) {
    if (e == nullptr) return 0;
    std::uint64_t n = 1;
    if (e->op == ir::Op::Let) {
      const auto index = static_cast<std::size_t>(e->index);
      const ir::Expr* value = facts_.policy().lets[index].value.get();
      if (!facts_.HasArms(index)) {
        if (shared_[index]) return n;
        shared_[index] = true;
        return Add(n, Count(value));
      }
      // Counted at every read, at the cost of its first read (an upper bound: the lets it shares
      // are included), so counting stays linear.
      if (per_read_.empty()) per_read_.assign(facts_.policy().lets.size(), std::nullopt);
      if (!per_read_[index]) per_read_[index] = Count(value);
      return Add(n, *per_read_[index]);
    }
    if (e->op == ir::Op::FnCall) {
      // The callee's body once, and each argument at each read of its parameter.
      const Linear& callee = facts_.FunctionCost(static_cast<std::size_t>(e->index));
      n = Add(n, callee.constant);
      for (std::size_t i = 0; i < e->args.size() && i < callee.per_param.size(); ++i) {
        if (callee.per_param[i] != 0)
          n = Add(n, Times(Count(e->args[i].get()), callee.per_param[i]));
      }
      return n;
    }
    for (const ir::ExprPtr& arg : e->args)
      n = Add(n, Count(arg.get()));
    n = Add(n, Count(e->filter.get()));
    for (const ir::MatchArm& arm : e->arms)
      n = Add(n, Add(Count(arm.condition.get()), Count(arm.value.get())));
    for (const ir::Band& band : e->bands)
      n = Add(n, Add(Count(band.bound.get()), Count(band.value.get())));
    return n;
  }

 private:
  Shared& facts_;
  std::vector<bool>& shared_;
  std::vector<std::optional<std::uint64_t>> per_read_;
};

std::uint64_t Shared::LetCost(std::size_t index) {
  if (!let_cost_[index]) {
    std::vector<bool> own(policy_.lets.size(), false);
    Counter alone(*this, own);
    let_cost_[index] = alone.Count(policy_.lets[index].value.get());
  }
  return *let_cost_[index];
}

}  // namespace

CostEstimate EstimateCost(const ir::Policy& policy, bool itemise) {
  CostEstimate out;
  Shared facts(policy);
  std::vector<bool> position_shared(policy.lets.size(), false);
  std::vector<bool> account_shared(policy.lets.size(), false);
  Counter position(facts, position_shared);
  Counter account(facts, account_shared);
  const auto add = [&](std::string what, bool per_position,
                       std::initializer_list<const ir::Expr*> exprs) {
    DeclarationCost d;
    d.what = std::move(what);
    d.per_position = per_position;
    std::vector<bool> own(policy.lets.size(), false);
    Counter alone(facts, own);
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
