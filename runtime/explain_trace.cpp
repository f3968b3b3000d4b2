#include "runtime/explain_trace.h"

#include <algorithm>

#include "runtime/explain_values.h"
#include "runtime/unknown_causes.h"
#include "runtime/value_ops.h"

namespace collat::runtime {
namespace {

const char* TotalName(ir::Total total) {
  switch (total) {
    case ir::Total::GrossValue:
      return "gross_value";
    case ir::Total::EligibleValue:
      return "eligible_value";
    case ir::Total::HaircutValue:
      return "haircut_value";
    case ir::Total::ConcentrationExcess:
      return "concentration_excess";
    case ir::Total::CollateralValue:
      return "collateral_value";
  }
  return "?";
}

// Which rule of section 11 / 14 gave a transfer's or a rounding's result.
std::string Note(const Step& step) {
  for (const Read& a : step.arguments) {
    if (!a.value.value.known) return "an argument is unknown, so the result is unknown";
  }
  if (step.kind == StepKind::Round) {
    if (!step.result.value.known) return "no result: a negative increment, or overflow";
    return step.subject == "round" ? "rounded half away from zero to a multiple of the increment"
           : step.subject == "round_up" ? "rounded up to a multiple of the increment"
                                        : "rounded down to a multiple of the increment";
  }
  if (step.arguments.size() < 2) return "";
  const double amount = step.arguments[0].value.value.number;
  const double gate = step.arguments[1].value.value.number;
  if (!step.result.value.known) return "no result: a negative increment, or overflow";
  if (!(amount > 0)) return "the amount is not positive, so nothing is transferred";
  if (amount < gate) return "the amount is below the gate, so nothing is transferred";
  return step.taken == "round_up"
             ? "the amount reaches the gate, so it is rounded up to a multiple of the increment"
             : "the amount reaches the gate, so it is rounded down to a multiple of the increment";
}

class Tracer {
 public:
  Tracer(const ir::Policy& policy, ExprEval& eval, const Scope& scope, Traced& out)
      : policy_(policy), eval_(eval), scope_(scope), out_(out) {}

  // Walks `e` as ExprEval evaluates it; returns the literal the value came from, or null.
  const ir::Expr* Walk(const ir::Expr& e);

 private:
  ir::Value Eval(const ir::Expr& e) {
    const std::size_t causes = eval_.causes().size();
    const std::size_t trace = eval_.trace().size();
    ir::Value v = eval_.Eval(e, scope_);
    eval_.causes().resize(causes);  // only the top-level evaluation's causes are reported
    eval_.trace().resize(trace);
    return v;
  }
  Shown Show(const ir::Expr& e, const ir::Value& v) {
    return ShowValue(policy_, eval_.text(), e.type, v);
  }
  void AddRead(ReadKind kind, std::string name, const ir::Expr& e) {
    const auto same = [&](const Read& r) { return r.kind == kind && r.name == name; };
    if (std::any_of(out_.reads.begin(), out_.reads.end(), same)) return;
    out_.reads.push_back({kind, std::move(name), Show(e, Eval(e))});
  }
  void WalkArgs(const ir::Expr& e) {
    for (const ir::ExprPtr& arg : e.args)
      Walk(*arg);
  }
  const ir::Expr* Match(const ir::Expr& e);
  const ir::Expr* Schedule(const ir::Expr& e);
  const ir::Expr* Table(const ir::Expr& e);
  void Call(const ir::Expr& e);

  const ir::Policy& policy_;
  ExprEval& eval_;
  const Scope& scope_;
  Traced& out_;
};

const ir::Expr* Tracer::Walk(const ir::Expr& e) {
  using ir::Op;
  switch (e.op) {
    case Op::Const:
      return &e;
    case Op::PositionField:
      AddRead(ReadKind::PositionField,
              policy_.position_fields[static_cast<std::size_t>(e.index)].name, e);
      return nullptr;
    case Op::AccountField:
      AddRead(ReadKind::AccountField,
              policy_.account_fields[static_cast<std::size_t>(e.index)].name, e);
      return nullptr;
    case Op::MarketField:
      AddRead(ReadKind::MarketField, policy_.market_fields[static_cast<std::size_t>(e.index)].name,
              e);
      return nullptr;
    case Op::ValuationDate:
      AddRead(ReadKind::ValuationDate, "valuation_date", e);
      return nullptr;
    case Op::Let: {
      const ir::Let& let = policy_.lets[static_cast<std::size_t>(e.index)];
      const auto seen = [&](const Read& r) {
        return r.kind == ReadKind::Let && r.name == let.name;
      };
      if (std::any_of(out_.reads.begin(), out_.reads.end(), seen)) return nullptr;  // walked once
      const ir::Expr* literal = Walk(*let.value);  // what the let read comes first
      AddRead(ReadKind::Let, let.name, e);
      return literal;
    }
    case Op::Total:
      AddRead(ReadKind::Total, TotalName(e.total), e);
      return nullptr;
    case Op::Output:
      AddRead(ReadKind::Output, policy_.outputs[static_cast<std::size_t>(e.index)].name, e);
      return nullptr;
    case Op::Aggregate:
      AddRead(ReadKind::Aggregate, SourceText(e), e);
      return nullptr;
    case Op::Breached:
      AddRead(ReadKind::Breached, policy_.limits[static_cast<std::size_t>(e.index)].id, e);
      return nullptr;
    case Op::PositionMeasure:  // only inside aggregates, which are not walked
      return nullptr;
    case Op::And:
    case Op::Or:
      for (const ir::ExprPtr& arg : e.args) {
        Walk(*arg);
        const ir::Value v = Eval(*arg);
        if (v.known && v.truth() == (e.op == Op::Or)) break;
      }
      return nullptr;
    case Op::Default: {
      const ir::Expr* literal = Walk(*e.args[0]);
      if (Eval(*e.args[0]).known) return literal;
      return Walk(*e.args[1]);
    }
    case Op::If: {
      Walk(*e.args[0]);
      const ir::Value c = Eval(*e.args[0]);
      Step step;
      step.kind = StepKind::If;
      step.subject = SourceText(*e.args[0]);
      step.subject_value = Show(*e.args[0], c);
      if (c.known) step.taken = c.truth() ? "then" : "else";
      out_.steps.push_back(std::move(step));
      if (!c.known) return nullptr;
      return Walk(*e.args[c.truth() ? 1 : 2]);
    }
    case Op::Match:
      return Match(e);
    case Op::Schedule:
      return Schedule(e);
    case Op::TableLookup:
      return Table(e);
    case Op::Call:
      Call(e);
      return nullptr;
    case Op::FnCall: {
      // The body, walked as if written at the call; its parameters walk their arguments.
      eval_.EnterCall(e);
      const ir::Expr* literal = Walk(*policy_.functions[static_cast<std::size_t>(e.index)].body);
      eval_.LeaveCall();
      return literal;
    }
    case Op::Param: {
      const ir::Expr& argument = eval_.Argument(e.index);
      const std::int32_t frame = eval_.EnterCaller();
      const ir::Expr* literal = Walk(argument);
      eval_.Restore(frame);
      return literal;
    }
    case Op::Neg:
    case Op::Not:
    case Op::IsKnown:
    case Op::IsUnknown:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::InSet:
    case Op::NotInSet:
      WalkArgs(e);
      return nullptr;
  }
  return nullptr;
}

const ir::Expr* Tracer::Match(const ir::Expr& e) {
  Step step;
  step.kind = StepKind::Match;
  for (std::size_t n = 0; n < e.arms.size(); ++n) {
    const ir::MatchArm& arm = e.arms[n];
    if (arm.condition) {
      Walk(*arm.condition);
      const ir::Value c = Eval(*arm.condition);
      if (!c.known) {
        step.subject = arm.label.empty() ? "#" + std::to_string(n + 1) : arm.label;
        break;
      }
      if (!c.truth()) continue;
    }
    step.taken = arm.label.empty() ? "#" + std::to_string(n + 1) : arm.label;
    out_.arms.push_back(step.taken);
    out_.steps.push_back(std::move(step));
    return Walk(*arm.value);
  }
  out_.steps.push_back(std::move(step));
  return nullptr;
}

const ir::Expr* Tracer::Schedule(const ir::Expr& e) {
  const ir::Expr& subject = *e.args[0];
  Walk(subject);
  const ir::Value s = Eval(subject);
  Step step;
  step.kind = StepKind::Schedule;
  step.subject = SourceText(subject);
  step.subject_value = Show(subject, s);
  const ir::Expr* taken = nullptr;
  if (s.known) {
    const Repr repr = ReprOf(subject.type.kind);
    for (const ir::Band& band : e.bands) {
      if (band.op == ir::BandOp::Else) {
        step.taken = "else";
        taken = band.value.get();
        break;
      }
      Walk(*band.bound);
      const ir::Value bound = Eval(*band.bound);
      if (!bound.known) break;
      const bool holds =
          LessThan(s, bound, repr) || (band.op == ir::BandOp::Le && SameValue(s, bound, repr));
      if (holds) {
        step.taken = (band.op == ir::BandOp::Lt ? "< " : "<= ") + SourceText(*band.bound);
        taken = band.value.get();
        break;
      }
    }
  }
  out_.steps.push_back(std::move(step));
  return taken ? Walk(*taken) : nullptr;
}

const ir::Expr* Tracer::Table(const ir::Expr& e) {
  Walk(*e.args[0]);
  const ir::Value key = Eval(*e.args[0]);
  const ir::Table& named = policy_.tables[static_cast<std::size_t>(e.index)];
  Step step;
  step.kind = StepKind::Table;
  step.subject = named.name;
  step.subject_value = Show(*e.args[0], key);
  const ir::Expr* row_value = nullptr;
  const ir::Value value = Eval(e);
  if (key.known && value.known) {
    // The row the evaluator took is the one whose key equals the key; else the fallback.
    step.taken =
        step.subject_value.text.empty() ? step.subject_value.shown : step.subject_value.text;
    for (std::size_t t = 0; t < policy_.tables.size(); ++t) {
      const ir::Table& table = policy_.tables[t];
      if (table.name != named.name) continue;
      for (const ir::TableRow& row : table.rows) {
        const bool hit = table.key_type.kind == ir::TypeKind::Text
                             ? step.subject_value.text == row.key_text
                             : SameValue(key, row.key, ReprOf(table.key_type.kind));
        if (hit && SameValue(Eval(*row.value), value, ReprOf(table.value_type.kind))) {
          row_value = row.value.get();
          break;
        }
      }
      if (!row_value && table.fallback &&
          SameValue(Eval(*table.fallback), value, ReprOf(table.value_type.kind))) {
        step.taken = "else";
        row_value = table.fallback.get();
      }
      if (row_value) break;
    }
  }
  out_.steps.push_back(std::move(step));
  return row_value ? Walk(*row_value) : nullptr;
}

void Tracer::Call(const ir::Expr& e) {
  WalkArgs(e);
  Step step;
  switch (e.builtin) {
    case ir::Builtin::TransferUp:
    case ir::Builtin::TransferDown:
      step.kind = StepKind::Transfer;
      step.subject = "transfer";
      step.taken = e.builtin == ir::Builtin::TransferUp ? "round_up" : "round_down";
      for (std::size_t i = 0; i < e.args.size() && i < 3; ++i) {
        static const char* const kNames[] = {"amount", "gate", "increment"};
        step.arguments.push_back({ReadKind::Let, kNames[i], Show(*e.args[i], Eval(*e.args[i]))});
      }
      break;
    case ir::Builtin::Round:
    case ir::Builtin::RoundUp:
    case ir::Builtin::RoundDown:
      step.kind = StepKind::Round;
      step.subject = e.builtin == ir::Builtin::Round     ? "round"
                     : e.builtin == ir::Builtin::RoundUp ? "round_up"
                                                         : "round_down";
      for (std::size_t i = 0; i < e.args.size() && i < 2; ++i) {
        static const char* const kNames[] = {"value", "increment"};
        step.arguments.push_back({ReadKind::Let, kNames[i], Show(*e.args[i], Eval(*e.args[i]))});
      }
      break;
    case ir::Builtin::Min:
    case ir::Builtin::Max:
    case ir::Builtin::Abs:
    case ir::Builtin::Floor:
    case ir::Builtin::Ceil:
    case ir::Builtin::Sqrt:
    case ir::Builtin::YearsBetween:
    case ir::Builtin::DaysBetween:
      return;
  }
  step.result = Show(e, Eval(e));
  step.note = Note(step);
  out_.steps.push_back(std::move(step));
}

}  // namespace

Traced TraceExpr(const ir::Policy& policy, ExprEval& eval, const ir::Expr& e, const Scope& scope,
                 bool rate) {
  Traced out;
  out.source = SourceText(e);
  eval.causes().clear();
  eval.trace().clear();
  const ir::Value v = eval.Eval(e, scope);
  out.missing = MissingFields(eval.causes());
  out.causes = DescribeCauses(eval.causes());
  eval.causes().clear();
  eval.trace().clear();
  Tracer tracer(policy, eval, scope, out);
  const ir::Expr* literal = tracer.Walk(e);
  out.value = ShowValue(policy, eval.text(), e.type, v);
  if (v.known) {
    const std::string written = literal ? LiteralText(*literal) : "";
    if (!written.empty()) {
      out.value.shown = written;
    } else if (rate) {
      out.value.shown = ShowRate(v.number);
    }
  }
  return out;
}

}  // namespace collat::runtime
