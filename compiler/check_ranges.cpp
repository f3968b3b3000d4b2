// Static checks over checked IR: interval bounds of haircut values, shadowed match arms,
// schedule bands out of order; plus IR cloning and a structural text used to compare conditions.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "compiler/checker.h"

namespace collat::check_internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Interval Join(Interval a, Interval b) {
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

Interval Mul(Interval a, Interval b) {
  const double c[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  Interval out{kInf, -kInf};
  for (double v : c) {
    if (std::isnan(v)) return {-kInf, kInf};
    out.lo = std::min(out.lo, v);
    out.hi = std::max(out.hi, v);
  }
  return out;
}

// Sort key of a constant bound: numbers, dates and ranks as doubles; durations in days.
std::optional<double> BoundKey(const ir::Expr& e) {
  if (e.op != ir::Op::Const || !e.constant.known) return std::nullopt;
  switch (e.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return e.constant.number;
    case ir::TypeKind::Date:
    case ir::TypeKind::Enum:
      return static_cast<double>(e.constant.integer);
    case ir::TypeKind::Duration:
      return e.constant.duration.months * 30.436875 + e.constant.duration.days;
    case ir::TypeKind::Bool:
    case ir::TypeKind::Text:
    case ir::TypeKind::Error:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

namespace {

using LetRanges = std::vector<std::optional<Interval>>;

Interval Div(Interval a, Interval b) {
  if (b.lo <= 0 && b.hi >= 0) return {-kInf, kInf};  // by zero: unknown, and near it unbounded
  // b keeps one sign, so a / b is monotone in each operand on the box, and rounding to nearest
  // is monotone: the corners bound every quotient the evaluator computes.
  const double c[] = {a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi};
  Interval out{kInf, -kInf};
  for (double v : c) {
    if (std::isnan(v)) return {-kInf, kInf};
    out.lo = std::min(out.lo, v);
    out.hi = std::max(out.hi, v);
  }
  return out;
}

// A function body's range for the ranges of its arguments, memoised per function and argument
// ranges (as bit patterns, so the map's order is total), and each let's range once.
struct Ranges {
  const ir::Policy& policy;
  LetRanges lets;
  std::map<std::pair<std::int32_t, std::vector<std::uint64_t>>, Interval> calls;
};

std::uint64_t Bits(double d) {
  std::uint64_t out = 0;
  std::memcpy(&out, &d, sizeof out);
  return out;
}

// `params`: the ranges of the arguments of the function body `e` is in (null: not in a body).
Interval RangeIn(const ir::Expr& e, Ranges& memo, const std::vector<Interval>* params) {
  const Interval all{-kInf, kInf};
  const ir::Policy& policy = memo.policy;
  switch (e.op) {
    case ir::Op::Const:
      if (e.constant.known && e.type.IsNumeric()) return {e.constant.number, e.constant.number};
      return all;
    case ir::Op::Let: {
      // Each let's range is computed once, so chains of lets cost linear time (16.5).
      auto& known = memo.lets[static_cast<std::size_t>(e.index)];
      if (!known) {
        known = RangeIn(*policy.lets[static_cast<std::size_t>(e.index)].value, memo, nullptr);
      }
      return *known;
    }
    case ir::Op::Param:
      return params != nullptr ? (*params)[static_cast<std::size_t>(e.index)] : all;
    case ir::Op::FnCall: {
      std::vector<Interval> args;
      std::pair<std::int32_t, std::vector<std::uint64_t>> key{e.index, {}};
      for (const ir::ExprPtr& arg : e.args) {
        args.push_back(RangeIn(*arg, memo, params));
        key.second.push_back(Bits(args.back().lo));
        key.second.push_back(Bits(args.back().hi));
      }
      if (const auto hit = memo.calls.find(key); hit != memo.calls.end()) {
        return hit->second;
      }
      const Interval out =
          RangeIn(*policy.functions[static_cast<std::size_t>(e.index)].body, memo, &args);
      memo.calls.emplace(std::move(key), out);
      return out;
    }
    case ir::Op::Div:
      return Div(RangeIn(*e.args[0], memo, params), RangeIn(*e.args[1], memo, params));
    case ir::Op::Neg: {
      const Interval a = RangeIn(*e.args[0], memo, params);
      return {-a.hi, -a.lo};
    }
    case ir::Op::Add:
    case ir::Op::Sub: {
      const Interval a = RangeIn(*e.args[0], memo, params);
      const Interval b = RangeIn(*e.args[1], memo, params);
      return e.op == ir::Op::Add ? Interval{a.lo + b.lo, a.hi + b.hi}
                                 : Interval{a.lo - b.hi, a.hi - b.lo};
    }
    case ir::Op::Mul:
      return Mul(RangeIn(*e.args[0], memo, params), RangeIn(*e.args[1], memo, params));
    case ir::Op::Default:
      return Join(RangeIn(*e.args[0], memo, params), RangeIn(*e.args[1], memo, params));
    case ir::Op::If:
      return Join(RangeIn(*e.args[1], memo, params), RangeIn(*e.args[2], memo, params));
    case ir::Op::Match: {
      Interval out{kInf, -kInf};
      for (const auto& arm : e.arms)
        out = Join(out, RangeIn(*arm.value, memo, params));
      return out;
    }
    case ir::Op::Schedule: {
      Interval out{kInf, -kInf};
      for (const auto& band : e.bands)
        out = Join(out, RangeIn(*band.value, memo, params));
      return out;
    }
    case ir::Op::TableLookup: {
      const ir::Table& t = policy.tables[static_cast<std::size_t>(e.index)];
      Interval out{kInf, -kInf};
      for (const auto& row : t.rows)
        out = Join(out, RangeIn(*row.value, memo, params));
      if (t.fallback) out = Join(out, RangeIn(*t.fallback, memo, params));
      return t.rows.empty() && !t.fallback ? all : out;
    }
    case ir::Op::Call: {
      if (e.builtin == ir::Builtin::Min || e.builtin == ir::Builtin::Max) {
        Interval out = RangeIn(*e.args[0], memo, params);
        for (std::size_t i = 1; i < e.args.size(); ++i) {
          const Interval b = RangeIn(*e.args[i], memo, params);
          out = e.builtin == ir::Builtin::Min
                    ? Interval{std::min(out.lo, b.lo), std::min(out.hi, b.hi)}
                    : Interval{std::max(out.lo, b.lo), std::max(out.hi, b.hi)};
        }
        return out;
      }
      if (e.builtin == ir::Builtin::Abs) {
        const Interval a = RangeIn(*e.args[0], memo, params);
        const double hi = std::max(std::fabs(a.lo), std::fabs(a.hi));
        return {a.lo <= 0 && a.hi >= 0 ? 0 : std::min(std::fabs(a.lo), std::fabs(a.hi)), hi};
      }
      if (e.builtin == ir::Builtin::Sqrt) {
        // Correctly rounded and monotone; a negative operand is unknown, not a value.
        const Interval a = RangeIn(*e.args[0], memo, params);
        if (!(a.hi >= 0)) return all;
        return {std::sqrt(std::max(a.lo, 0.0)), std::sqrt(a.hi)};
      }
      if (e.builtin == ir::Builtin::Floor || e.builtin == ir::Builtin::Ceil) {
        const Interval a = RangeIn(*e.args[0], memo, params);
        return e.builtin == ir::Builtin::Floor ? Interval{std::floor(a.lo), std::floor(a.hi)}
                                               : Interval{std::ceil(a.lo), std::ceil(a.hi)};
      }
      return all;
    }
    case ir::Op::PositionField:
    case ir::Op::AccountField:
    case ir::Op::MarketField:
    case ir::Op::ValuationDate:
    case ir::Op::Not:
    case ir::Op::IsKnown:
    case ir::Op::IsUnknown:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Aggregate:
    case ir::Op::Total:
    case ir::Op::PositionMeasure:
    case ir::Op::Output:
    case ir::Op::Breached:
      return all;
  }
  return all;
}

}  // namespace

Interval RangeOf(const ir::Expr& e, const ir::Policy& policy) {
  Ranges memo{policy, LetRanges(policy.lets.size()), {}};
  return RangeIn(e, memo, nullptr);
}

ir::ExprPtr CloneExpr(const ir::Expr& e) {
  auto out = std::make_unique<ir::Expr>();
  out->op = e.op;
  out->type = e.type;
  out->range = e.range;
  out->file = e.file;
  out->constant = e.constant;
  out->text = e.text;
  out->index = e.index;
  out->builtin = e.builtin;
  out->aggregate = e.aggregate;
  out->total = e.total;
  out->measure = e.measure;
  for (const auto& a : e.args)
    out->args.push_back(CloneExpr(*a));
  if (e.filter) out->filter = CloneExpr(*e.filter);
  out->set = e.set;
  out->set_text = e.set_text;
  for (const auto& arm : e.arms) {
    out->arms.push_back(
        {arm.label, arm.condition ? CloneExpr(*arm.condition) : nullptr, CloneExpr(*arm.value)});
  }
  for (const auto& band : e.bands) {
    out->bands.push_back(
        {band.op, band.bound ? CloneExpr(*band.bound) : nullptr, CloneExpr(*band.value)});
  }
  return out;
}

void Checker::CheckArms(const ir::Expr& e, const ast::Expr& src) {
  // A label is the arm's id in reports (`haircut_rules`), so two arms of one match cannot share it.
  std::set<std::string> labels;
  for (const ast::MatchArm& arm : src.arms) {
    if (arm.label && !labels.insert(arm.label->name).second) {
      Error(DiagnosticKind::duplicate_name, arm.label->range,
            fmt::format("this match already has an arm labelled `{}`", arm.label->name));
    }
  }
  // Structural texts of the earlier arms' conditions, hashed: linear in the arms (a match may
  // have thousands), where comparing each arm with every earlier one would be quadratic.
  std::unordered_set<std::string> seen;
  seen.reserve(e.arms.size());
  bool after_catch_all = false;
  for (std::size_t i = 0; i < e.arms.size(); ++i) {
    const ir::MatchArm& arm = e.arms[i];
    const SourceRange range = src.arms[i].range;
    if (after_catch_all) {
      Error(DiagnosticKind::unreachable_arm, range,
            "this arm is unreachable: an earlier arm matches everything");
      continue;
    }
    if (!arm.condition || (arm.condition->op == ir::Op::Const && arm.condition->constant.truth())) {
      after_catch_all = true;
      continue;
    }
    if (!seen.insert(ExprText(*arm.condition, policy_)).second) {
      Error(DiagnosticKind::unreachable_arm, range,
            "this arm is unreachable: an earlier arm has the same condition");
    }
  }
}

namespace {

// A schedule bound as `base + offset`, to order bounds: a constant has the empty base; an
// account-level bound such as `in_1y` (a `let` of `valuation_date + 1y`) has the base
// `valuation_date` and the offset 1y. Bounds with different bases are not ordered.
struct BoundPosition {
  std::string base;
  double offset = 0;
};

std::optional<BoundPosition> PositionOfBound(const ir::Expr& bound, const ir::Policy& policy) {
  const ir::Expr* e = &bound;
  while (e->op == ir::Op::Let && e->index >= 0 &&
         static_cast<std::size_t>(e->index) < policy.lets.size() &&
         policy.lets[static_cast<std::size_t>(e->index)].value) {
    e = policy.lets[static_cast<std::size_t>(e->index)].value.get();
  }
  if (const auto key = BoundKey(*e)) return BoundPosition{"", *key};
  if ((e->op == ir::Op::Add || e->op == ir::Op::Sub) && e->args.size() == 2) {
    if (const auto offset = BoundKey(*e->args[1])) {
      return BoundPosition{ExprText(*e->args[0], policy),
                           e->op == ir::Op::Add ? *offset : -*offset};
    }
  }
  return BoundPosition{ExprText(*e, policy), 0};
}

}  // namespace

void Checker::CheckSchedule(const ir::Expr& e, const ast::Expr& src) {
  std::optional<BoundPosition> previous;
  bool previous_le = false;
  for (std::size_t i = 0; i < e.bands.size(); ++i) {
    const ir::Band& band = e.bands[i];
    const SourceRange range = src.bands[i].range;
    if (band.op == ir::BandOp::Else) {
      if (i + 1 != e.bands.size()) {
        Error(DiagnosticKind::schedule_overlap, range,
              "`else` must be the last band: the bands after it are unreachable");
      }
      return;
    }
    // An account-level bound is known only at evaluation: it is ordered against the previous
    // bound only when both are offsets of the same base (`in_1y` and `in_5y` of `valuation_date`).
    const auto key = PositionOfBound(*band.bound, policy_);
    const bool le = band.op == ir::BandOp::Le;
    const bool comparable = previous && key && previous->base == key->base;
    // A band is reachable only if its bound lies above the previous one (`< x` after `<= x`
    // covers nothing new; `<= x` after `< x` covers exactly x).
    if (comparable && (key->offset < previous->offset ||
                       (key->offset == previous->offset && (previous_le || !le)))) {
      Error(DiagnosticKind::schedule_overlap, range,
            "this band overlaps an earlier one: bounds must ascend, so this band covers nothing");
    }
    previous = key;
    previous_le = le;
  }
  if (!e.bands.empty()) {
    Error(DiagnosticKind::schedule_gap, src.range,
          "the bands leave a gap above the last bound: add `else: ...` (without it the result is "
          "unknown there)");
  }
}

std::string ExprText(const ir::Expr& e, const ir::Policy& policy) {
  std::string out = fmt::format("({}", static_cast<int>(e.op));
  switch (e.op) {
    case ir::Op::Const:
      out +=
          fmt::format(" {} {} {} {}/{} {}", e.constant.known, e.constant.number, e.constant.integer,
                      e.constant.duration.months, e.constant.duration.days, e.text);
      break;
    case ir::Op::PositionField:
    case ir::Op::AccountField:
    case ir::Op::MarketField:
    case ir::Op::Let:
    case ir::Op::TableLookup:
    case ir::Op::Output:
    case ir::Op::Breached:
    case ir::Op::FnCall:
    case ir::Op::Param:
      out += fmt::format(" #{}", e.index);
      break;
    case ir::Op::Call:
      out += fmt::format(" b{}", static_cast<int>(e.builtin));
      break;
    case ir::Op::Aggregate:
      out += fmt::format(" a{}", static_cast<int>(e.aggregate));
      break;
    case ir::Op::Total:
      out += fmt::format(" t{}", static_cast<int>(e.total));
      break;
    case ir::Op::PositionMeasure:
      out += fmt::format(" m{}", static_cast<int>(e.measure));
      break;
    case ir::Op::InSet:
    case ir::Op::NotInSet:
      for (const auto& v : e.set)
        out += fmt::format(" {}:{}", v.number, v.integer);
      for (const auto& t : e.set_text)
        out += " \"" + t + "\"";
      break;
    case ir::Op::ValuationDate:
    case ir::Op::Neg:
    case ir::Op::Not:
    case ir::Op::IsKnown:
    case ir::Op::IsUnknown:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Default:
    case ir::Op::If:
    case ir::Op::Match:
    case ir::Op::Schedule:
      break;
  }
  for (const auto& a : e.args)
    out += " " + ExprText(*a, policy);
  if (e.filter) out += " where " + ExprText(*e.filter, policy);
  for (const auto& arm : e.arms) {
    out += " [" + (arm.condition ? ExprText(*arm.condition, policy) : std::string("else")) +
           " => " + ExprText(*arm.value, policy) + "]";
  }
  for (const auto& band : e.bands) {
    out += fmt::format(" [{} ", static_cast<int>(band.op)) +
           (band.bound ? ExprText(*band.bound, policy) : std::string()) + " : " +
           ExprText(*band.value, policy) + "]";
  }
  return out + ")";
}

}  // namespace collat::check_internal
