#include "runtime/match_index.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "runtime/value_ops.h"

namespace collat::runtime {
namespace {

using ir::Op;

bool IsSubject(const ir::Expr& e) {
  return (e.op == Op::PositionField || e.op == Op::AccountField) && !e.type.is_set;
}

bool SameSubject(const ir::Expr& a, const ir::Expr& b) {
  return a.op == b.op && a.index == b.index;
}

// The subject and the constant of a comparison `subject op constant` or `constant op subject`
// (`flipped`), both of one type kind; nullopt otherwise.
struct Operands {
  const ir::Expr* subject = nullptr;
  const ir::Expr* constant = nullptr;
  bool flipped = false;
};
std::optional<Operands> SplitComparison(const ir::Expr& e) {
  if (e.args.size() != 2) return std::nullopt;
  const ir::Expr& a = *e.args[0];
  const ir::Expr& b = *e.args[1];
  Operands out;
  if (IsSubject(a) && b.op == Op::Const) {
    out = {&a, &b, false};
  } else if (IsSubject(b) && a.op == Op::Const) {
    out = {&b, &a, true};
  } else {
    return std::nullopt;
  }
  if (out.constant->type.is_set || out.constant->type.kind != out.subject->type.kind) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

bool MatchIndex::Interval::Empty() const {
  if (!has_lo || !has_hi) return false;
  return lo > hi || (lo == hi && !(lo_closed && hi_closed));
}

std::optional<MatchIndex::Classified> MatchIndex::Classify(
    const ir::Expr& condition, const std::function<ir::Value(const ir::Expr&)>& constant) {
  if (condition.op == Op::Eq) {
    const std::optional<Operands> o = SplitComparison(condition);
    if (!o || ReprOf(o->subject->type.kind) != Repr::Integer) return std::nullopt;
    const ir::Value v = constant(*o->constant);
    if (!v.known) return std::nullopt;
    Classified c;
    c.kind = Kind::Equal;
    c.subject = o->subject;
    c.key = v.integer;
    return c;
  }
  // A range: one comparison, or an `and` of comparisons on one subject.
  Classified c;
  c.kind = Kind::Range;
  Interval& in = c.interval;
  const auto add = [&](const ir::Expr& part) {
    if (part.op != Op::Lt && part.op != Op::Le && part.op != Op::Gt && part.op != Op::Ge) {
      return false;
    }
    const std::optional<Operands> o = SplitComparison(part);
    if (!o || ReprOf(o->subject->type.kind) != Repr::Number) return false;
    if (c.subject != nullptr && !SameSubject(*c.subject, *o->subject)) return false;
    c.subject = o->subject;
    const ir::Value v = constant(*o->constant);
    if (!v.known || std::isnan(v.number)) return false;
    // As `subject op constant`: `c < x` is `x > c`, and so on.
    Op op = part.op;
    if (o->flipped) {
      op = op == Op::Lt ? Op::Gt : op == Op::Le ? Op::Ge : op == Op::Gt ? Op::Lt : Op::Le;
    }
    const bool closed = op == Op::Le || op == Op::Ge;
    if (op == Op::Lt || op == Op::Le) {  // an upper end: keep the tighter one
      if (!in.has_hi || v.number < in.hi || (v.number == in.hi && !closed)) {
        in.has_hi = true;
        in.hi = v.number;
        in.hi_closed = closed;
      }
    } else if (!in.has_lo || v.number > in.lo || (v.number == in.lo && !closed)) {
      in.has_lo = true;
      in.lo = v.number;
      in.lo_closed = closed;
    }
    return true;
  };
  if (condition.op == Op::And) {
    for (const ir::ExprPtr& arg : condition.args) {
      if (!add(*arg)) return std::nullopt;
    }
  } else if (!add(condition)) {
    return std::nullopt;
  }
  return c;
}

bool MatchIndex::Disjoint(const std::vector<Interval>& sorted) {
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const Interval& a = sorted[i - 1];
    const Interval& b = sorted[i];
    if (!a.has_hi || !b.has_lo) return false;
    if (a.hi > b.lo || (a.hi == b.lo && a.hi_closed && b.lo_closed)) return false;
  }
  return true;
}

MatchIndex::MatchIndex(const ir::Expr& match,
                       const std::function<ir::Value(const ir::Expr&)>& constant) {
  // Group by (kind, subject); arms in written order within a group.
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t n = 0; n < match.arms.size(); ++n) {
    const ir::MatchArm& arm = match.arms[n];
    std::optional<Classified> c;
    if (arm.condition) c = Classify(*arm.condition, constant);
    if (!c || (c->kind == Kind::Range && c->interval.Empty())) {
      others_.push_back(n);
      continue;
    }
    std::size_t g = 0;
    while (g < groups_.size() &&
           (groups_[g].kind != c->kind || !SameSubject(*groups_[g].subject, *c->subject))) {
      ++g;
    }
    if (g == groups_.size()) {
      groups_.push_back({c->kind, c->subject, {}, {}});
      members.emplace_back();
    }
    members[g].push_back(n);
    if (c->kind == Kind::Equal) {
      groups_[g].first.emplace(c->key, n);  // a duplicate key keeps its first arm
    } else {
      c->interval.arm = n;
      groups_[g].intervals.push_back(c->interval);
    }
  }
  // Range groups: sorted by lower end (none first, then ascending, closed before open at one
  // value); a group whose intervals overlap is not indexed.
  std::vector<Group> kept;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    Group& group = groups_[g];
    if (group.kind == Kind::Range) {
      std::sort(group.intervals.begin(), group.intervals.end(),
                [](const Interval& a, const Interval& b) {
                  return std::make_tuple(a.has_lo, a.lo, !a.lo_closed) <
                         std::make_tuple(b.has_lo, b.lo, !b.lo_closed);
                });
      if (!Disjoint(group.intervals)) {
        others_.insert(others_.end(), members[g].begin(), members[g].end());
        continue;
      }
    }
    kept.push_back(std::move(group));
  }
  groups_ = std::move(kept);
  std::sort(others_.begin(), others_.end());
}

std::size_t MatchIndex::Find(std::size_t group, const ir::Value& v) const {
  const Group& g = groups_[group];
  if (g.kind == Kind::Equal) {
    const auto it = g.first.find(v.integer);
    return it == g.first.end() ? kNone : it->second;
  }
  // The lower ends that admit x are a prefix of the sorted intervals; at most one interval (the
  // prefix's last, being disjoint) can hold x. A NaN is admitted by no bound.
  const double x = v.number;
  const auto end = std::partition_point(g.intervals.begin(), g.intervals.end(),
                                        [x](const Interval& in) { return in.LowerAdmits(x); });
  if (end == g.intervals.begin()) return kNone;
  const Interval& in = *(end - 1);
  return in.UpperAdmits(x) ? in.arm : kNone;
}

}  // namespace collat::runtime
