#include "runtime/expr_eval.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "runtime/builtins.h"
#include "runtime/value_ops.h"

namespace collat::runtime {

using ir::Op;
using ir::Value;

Value ExprEval::Eval(const ir::Expr& e, const Scope& scope) {
  const std::size_t mark = causes_.size();
  Value v = EvalNode(e, scope);
  if (v.known) causes_.resize(mark);  // a known value has no causes to report
  return v;
}

Value ExprEval::Unknown(std::string cause) {
  causes_.push_back({false, std::move(cause)});
  return Value::Unknown();
}

Value ExprEval::MissingField(std::string name) {
  causes_.push_back({true, std::move(name)});
  return Value::Unknown();
}

Value ExprEval::Checked(double result) {
  return std::isfinite(result) ? Value::Number(result) : Unknown("overflow");
}

std::int64_t ExprEval::TextCode(std::int32_t slot, const std::string& text) {
  if (slot < 0 || static_cast<std::size_t>(slot) >= text_codes_.size()) return text_.Code(text);
  std::int64_t& code = text_codes_[static_cast<std::size_t>(slot)];
  if (code == kUnbound) code = text_.Code(text);
  return code;
}

Value ExprEval::EvalNode(const ir::Expr& e, const Scope& scope) {
  switch (e.op) {
    case Op::Const:
      if (e.type.kind == ir::TypeKind::Text && !e.type.is_set) {
        return Value::Integer(TextCode(e.index, e.text));
      }
      return e.constant;
    case Op::PositionField:
      return PositionField(e, scope);
    case Op::AccountField: {
      const auto index = static_cast<std::size_t>(e.index);
      const Value& v = input_.accounts[scope.account->account].fields[index];
      return v.known ? v : MissingField("account." + policy_.account_fields[index].name);
    }
    case Op::MarketField: {
      const auto index = static_cast<std::size_t>(e.index);
      const Value& v = input_.market.fields[index];
      return v.known ? v : MissingField("market." + policy_.market_fields[index].name);
    }
    case Op::ValuationDate:
      return Value::Integer(input_.market.valuation_date);
    case Op::Let:
      return Let(e, scope);
    case Op::Neg: {
      const Value a = Eval(*e.args[0], scope);
      if (!a.known) return a;
      if (ReprOf(e.args[0]->type.kind) != Repr::Number) return Unknown("unsupported operand");
      return Value::Number(-a.number);
    }
    case Op::Not: {
      const Value a = Eval(*e.args[0], scope);
      return a.known ? Value::Bool(!a.truth()) : a;
    }
    case Op::IsKnown:
      return Value::Bool(Eval(*e.args[0], scope).known);
    case Op::IsUnknown:
      return Value::Bool(!Eval(*e.args[0], scope).known);
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
      return Arithmetic(e, scope);
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return Comparison(e, scope);
    case Op::InSet:
    case Op::NotInSet:
      return Membership(e, scope);
    case Op::And:
    case Op::Or:
      return Logic(e, scope);
    case Op::Default: {
      const Value a = Eval(*e.args[0], scope);
      return a.known ? a : Eval(*e.args[1], scope);
    }
    case Op::If: {
      const Value c = Eval(*e.args[0], scope);
      if (!c.known) return c;
      return Eval(*e.args[c.truth() ? 1 : 2], scope);
    }
    case Op::Match:
      return Match(e, scope);
    case Op::Schedule:
      return Schedule(e, scope);
    case Op::Call:
      return Call(e, scope);
    case Op::TableLookup:
      return TableLookup(e, scope);
    case Op::Aggregate:
      return Aggregate(e, scope);
    case Op::Total:
      return Total(e, scope);
    case Op::PositionMeasure:
      return PositionMeasure(e, scope);
    case Op::Output:
      return Output(e, scope);
    case Op::Breached:
      return Breached(e, scope);
    case Op::FnCall:
      return FnCall(e, scope);
    case Op::Param:
      return Param(e, scope);
  }
  return Unknown("unsupported expression");
}

void ExprEval::EnterCall(const ir::Expr& call) {
  Frame frame;
  frame.call = &call;
  frame.caller = current_;
  frame.args.resize(call.args.size());
  frames_.push_back(std::move(frame));
  current_ = static_cast<std::int32_t>(frames_.size() - 1);
}

void ExprEval::LeaveCall() {
  current_ = frames_.back().caller;
  frames_.pop_back();
}

std::int32_t ExprEval::EnterCaller() {
  const std::int32_t frame = current_;
  current_ = frames_[static_cast<std::size_t>(frame)].caller;
  return frame;
}

const ir::Expr& ExprEval::Argument(std::int32_t index) const {
  return *frames_[static_cast<std::size_t>(current_)].call->args[static_cast<std::size_t>(index)];
}

Value ExprEval::FnCall(const ir::Expr& e, const Scope& scope) {
  EnterCall(e);
  const Value v = Eval(*policy_.functions[static_cast<std::size_t>(e.index)].body, scope);
  LeaveCall();
  return v;
}

Value ExprEval::Param(const ir::Expr& e, const Scope& scope) {
  if (current_ < 0) return Unknown("a parameter outside a function");
  const auto frame = static_cast<std::size_t>(current_);
  const auto index = static_cast<std::size_t>(e.index);
  if (const ArgumentSlot& known = frames_[frame].args[index]; known.evaluated) {
    causes_.insert(causes_.end(), known.causes.begin(), known.causes.end());
    trace_.insert(trace_.end(), known.trace.begin(), known.trace.end());
    return known.value;
  }
  const std::size_t cause_mark = causes_.size();
  const std::size_t trace_mark = trace_.size();
  const std::int32_t saved = EnterCaller();
  const Value v = Eval(*frames_[frame].call->args[index], scope);
  Restore(saved);
  ArgumentSlot& slot = frames_[frame].args[index];  // frames_ may have grown meanwhile
  slot.evaluated = true;
  slot.value = v;
  slot.causes.assign(causes_.begin() + static_cast<std::ptrdiff_t>(cause_mark), causes_.end());
  slot.trace.assign(trace_.begin() + static_cast<std::ptrdiff_t>(trace_mark), trace_.end());
  return v;
}

Value ExprEval::Let(const ir::Expr& e, const Scope& scope) {
  const auto index = static_cast<std::size_t>(e.index);
  const ir::Expr& value = *policy_.lets[index].value;
  if (!lets_.Memoisable(index)) return Eval(value, scope);
  const std::uint32_t account = scope.account->account;
  if (const LetMemo::Entry* hit = lets_.Find(index, account, scope.position)) {
    causes_.insert(causes_.end(), hit->causes.begin(), hit->causes.end());
    trace_.insert(trace_.end(), hit->trace.begin(), hit->trace.end());
    return hit->value;
  }
  const std::size_t cause_mark = causes_.size();
  const std::size_t trace_mark = trace_.size();
  const Value v = Eval(value, scope);
  LetMemo::Entry& slot = lets_.Slot(index);
  slot.valid = true;
  slot.account = account;
  slot.position = scope.position;
  slot.value = v;
  slot.causes.assign(causes_.begin() + static_cast<std::ptrdiff_t>(cause_mark), causes_.end());
  slot.trace.assign(trace_.begin() + static_cast<std::ptrdiff_t>(trace_mark), trace_.end());
  return v;
}

Value ExprEval::PositionField(const ir::Expr& e, const Scope& scope) {
  if (scope.position < 0) return Unknown("a position field outside a position");
  const auto index = static_cast<std::size_t>(e.index);
  const auto i = static_cast<std::size_t>(scope.position);
  const Column& column = input_.positions.fields[index];
  const ir::Field& field = policy_.position_fields[index];
  if (column.known[i] == 0) return MissingField(field.name);
  switch (ReprOf(field.type.kind)) {
    case Repr::Number:
      return Value::Number(column.numbers[i]);
    case Repr::Integer:
      return Value::Integer(column.integers[i]);
    case Repr::Duration:
      return Value::OfDuration(column.durations[i]);
    case Repr::None:
      break;
  }
  return Unknown("unsupported field type");
}

Value ExprEval::Arithmetic(const ir::Expr& e, const Scope& scope) {
  const Value a = Eval(*e.args[0], scope);
  const Value b = Eval(*e.args[1], scope);
  if (!a.known || !b.known) return Value::Unknown();
  const ir::TypeKind ka = e.args[0]->type.kind;
  const ir::TypeKind kb = e.args[1]->type.kind;
  using ir::TypeKind;
  // Calendar arithmetic: date + duration, duration + date, date - duration.
  if (e.op == Op::Add && ka == TypeKind::Date && kb == TypeKind::Duration) {
    return Value::Integer(ir::AddDuration(a.integer, b.duration, +1));
  }
  if (e.op == Op::Add && ka == TypeKind::Duration && kb == TypeKind::Date) {
    return Value::Integer(ir::AddDuration(b.integer, a.duration, +1));
  }
  if (e.op == Op::Sub && ka == TypeKind::Date && kb == TypeKind::Duration) {
    return Value::Integer(ir::AddDuration(a.integer, b.duration, -1));
  }
  if (ReprOf(ka) != Repr::Number || ReprOf(kb) != Repr::Number) {
    return Unknown("unsupported operands");
  }
  if (e.op == Op::Add) return Checked(a.number + b.number);
  if (e.op == Op::Sub) return Checked(a.number - b.number);
  if (e.op == Op::Mul) return Checked(a.number * b.number);
  if (b.number == 0) return Unknown("division by zero");
  return Checked(a.number / b.number);  // Op::Div
}

Value ExprEval::Comparison(const ir::Expr& e, const Scope& scope) {
  const Value a = Eval(*e.args[0], scope);
  const Value b = Eval(*e.args[1], scope);
  if (!a.known || !b.known) return Value::Unknown();
  Repr repr = ReprOf(e.args[0]->type.kind);
  if (repr == Repr::None) repr = ReprOf(e.args[1]->type.kind);
  if (e.op == Op::Eq) return Value::Bool(SameValue(a, b, repr));
  if (e.op == Op::Ne) return Value::Bool(!SameValue(a, b, repr));
  if (e.op == Op::Lt) return Value::Bool(LessThan(a, b, repr));
  if (e.op == Op::Le) return Value::Bool(LessThan(a, b, repr) || SameValue(a, b, repr));
  if (e.op == Op::Gt) return Value::Bool(LessThan(b, a, repr));
  return Value::Bool(LessThan(b, a, repr) || SameValue(a, b, repr));  // Op::Ge
}

Value ExprEval::Membership(const ir::Expr& e, const Scope& scope) {
  const Value a = Eval(*e.args[0], scope);
  if (!a.known) return a;
  const Repr repr = ReprOf(e.args[0]->type.kind);
  bool found = false;
  for (const Value& member : e.set)
    found = found || SameValue(a, member, repr);
  for (std::size_t k = 0; k < e.set_text.size() && !found; ++k) {
    const std::int32_t slot = e.index < 0 ? -1 : e.index + static_cast<std::int32_t>(k);
    found = a.integer == TextCode(slot, e.set_text[k]);
  }
  return Value::Bool(e.op == Op::InSet ? found : !found);
}

Value ExprEval::Logic(const ir::Expr& e, const Scope& scope) {
  // `and`: false wins, then unknown, then true. `or`: true wins, then unknown, then false.
  const bool decisive = e.op == Op::Or;
  bool unknown = false;
  for (const ir::ExprPtr& arg : e.args) {
    const Value v = Eval(*arg, scope);
    if (!v.known) {
      unknown = true;
    } else if (v.truth() == decisive) {
      return Value::Bool(decisive);
    }
  }
  return unknown ? Value::Unknown() : Value::Bool(!decisive);
}

Value ExprEval::Match(const ir::Expr& e, const Scope& scope) {
  if (e.arms.size() >= MatchIndex::kMinArms) {
    auto it = match_indexes_.find(&e);
    if (it == match_indexes_.end()) {
      const auto constant = [&](const ir::Expr& c) { return EvalNode(c, scope); };
      it = match_indexes_.emplace(&e, std::make_unique<MatchIndex>(e, constant)).first;
    }
    if (!it->second->empty()) {
      if (const std::optional<Value> v = IndexedMatch(e, *it->second, scope)) return *v;
    }
  }
  for (std::size_t n = 0; n < e.arms.size(); ++n) {
    const ir::MatchArm& arm = e.arms[n];
    if (arm.condition) {
      const Value c = Eval(*arm.condition, scope);
      if (!c.known) return c;
      if (!c.truth()) continue;
    }
    return TakeArm(e, n, scope);
  }
  return Unknown("no match arm holds");
}

std::optional<Value> ExprEval::IndexedMatch(const ir::Expr& e, const MatchIndex& index,
                                            const Scope& scope) {
  std::size_t candidate = MatchIndex::kNone;
  for (std::size_t g = 0; g < index.groups(); ++g) {
    const std::size_t mark = causes_.size();
    const Value subject = EvalNode(index.subject(g), scope);
    if (!subject.known) {  // in order instead: the unknown condition and its causes as written
      causes_.resize(mark);
      return std::nullopt;
    }
    candidate = std::min(candidate, index.Find(g, subject));
  }
  for (const std::size_t n : index.others()) {
    if (n >= candidate) break;
    const ir::MatchArm& arm = e.arms[n];
    if (arm.condition) {
      const Value c = Eval(*arm.condition, scope);
      if (!c.known) return c;
      if (!c.truth()) continue;
    }
    return TakeArm(e, n, scope);
  }
  if (candidate == MatchIndex::kNone) return Unknown("no match arm holds");
  return TakeArm(e, candidate, scope);
}

Value ExprEval::TakeArm(const ir::Expr& e, std::size_t n, const Scope& scope) {
  const ir::MatchArm& arm = e.arms[n];
  trace_.push_back(arm.label.empty() ? "#" + std::to_string(n + 1) : arm.label);
  return Eval(*arm.value, scope);
}

Value ExprEval::Schedule(const ir::Expr& e, const Scope& scope) {
  const Value subject = Eval(*e.args[0], scope);
  if (!subject.known) return subject;
  const Repr repr = ReprOf(e.args[0]->type.kind);
  for (const ir::Band& band : e.bands) {
    bool holds = true;
    switch (band.op) {
      case ir::BandOp::Lt:
      case ir::BandOp::Le: {
        const Value bound = Eval(*band.bound, scope);
        if (!bound.known) return bound;
        holds = LessThan(subject, bound, repr) ||
                (band.op == ir::BandOp::Le && SameValue(subject, bound, repr));
        break;
      }
      case ir::BandOp::Else:
        break;
    }
    if (holds) return Eval(*band.value, scope);
  }
  return Unknown("no schedule band holds");
}

Value ExprEval::Call(const ir::Expr& e, const Scope& scope) {
  std::vector<Value> args;
  bool unknown = false;
  for (const ir::ExprPtr& arg : e.args) {
    args.push_back(Eval(*arg, scope));
    unknown = unknown || !args.back().known;
  }
  if (unknown) return Value::Unknown();
  const auto need = [&](std::size_t n) { return args.size() == n; };
  const auto rounded = [&](std::optional<double> r) {
    return r ? Checked(*r) : Unknown("negative rounding increment");
  };
  switch (e.builtin) {
    case ir::Builtin::Min:
    case ir::Builtin::Max: {
      if (args.empty()) return Unknown("no arguments");
      const Repr repr = ReprOf(e.args[0]->type.kind);
      Value best = args[0];
      for (std::size_t i = 1; i < args.size(); ++i) {  // ties keep the earlier argument
        const bool better = e.builtin == ir::Builtin::Min ? LessThan(args[i], best, repr)
                                                          : LessThan(best, args[i], repr);
        if (better) best = args[i];
      }
      return best;
    }
    case ir::Builtin::Abs:
      if (!need(1)) break;
      return Value::Number(std::fabs(args[0].number));
    case ir::Builtin::Floor:
      if (!need(1)) break;
      return Value::Number(std::floor(args[0].number));
    case ir::Builtin::Ceil:
      if (!need(1)) break;
      return Value::Number(std::ceil(args[0].number));
    case ir::Builtin::Sqrt:
      if (!need(1)) break;
      if (args[0].number < 0) return Unknown("square root of a negative number");
      return Value::Number(std::sqrt(args[0].number));
    case ir::Builtin::Round:
      if (!need(2)) break;
      return rounded(RoundToIncrement(args[0].number, args[1].number, Rounding::HalfAway));
    case ir::Builtin::RoundUp:
      if (!need(2)) break;
      return rounded(RoundToIncrement(args[0].number, args[1].number, Rounding::Up));
    case ir::Builtin::RoundDown:
      if (!need(2)) break;
      return rounded(RoundToIncrement(args[0].number, args[1].number, Rounding::Down));
    case ir::Builtin::YearsBetween:
      if (!need(2)) break;
      return Value::Number(YearsBetween(args[0].integer, args[1].integer));
    case ir::Builtin::DaysBetween:
      if (!need(2)) break;
      return Value::Number(DaysBetween(args[0].integer, args[1].integer));
    case ir::Builtin::TransferUp:
      if (!need(3)) break;
      return rounded(Transfer(args[0].number, args[1].number, args[2].number, Rounding::Up));
    case ir::Builtin::TransferDown:
      if (!need(3)) break;
      return rounded(Transfer(args[0].number, args[1].number, args[2].number, Rounding::Down));
  }
  return Unknown("wrong number of arguments");
}

Value ExprEval::TableLookup(const ir::Expr& e, const Scope& scope) {
  const Value key = Eval(*e.args[0], scope);
  if (!key.known) return key;
  const ir::Table& named = policy_.tables[static_cast<std::size_t>(e.index)];
  const std::int32_t version = in_force_.Table(named.name);
  if (version < 0) return Unknown("table " + named.name + " is not in force");
  const ir::Table& table = policy_.tables[static_cast<std::size_t>(version)];
  const Repr repr = ReprOf(table.key_type.kind);
  for (const ir::TableRow& row : table.rows) {
    const bool hit = table.key_type.kind == ir::TypeKind::Text
                         ? key.integer == text_.Code(row.key_text)
                         : SameValue(key, row.key, repr);
    if (hit) return Eval(*row.value, scope);
  }
  if (table.fallback) return Eval(*table.fallback, scope);
  return Unknown("no row for the key in table " + table.name);
}

}  // namespace collat::runtime
