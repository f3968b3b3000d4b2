// The account-level reads of the expression evaluator: aggregates over the account's positions,
// totals, per-position measures, earlier outputs and limit breaches. Each is readable only from
// the phase in which it is final (account_state.h).
#include <cmath>

#include "runtime/expr_eval.h"
#include "runtime/value_ops.h"

namespace collat::runtime {

using ir::Value;

// Aggregates (section 11): the account's positions in input order, REJECTED ones left out. A
// position whose filter is unknown, or whose term is unknown while its filter holds, makes the
// aggregate unknown. Over no positions: sum and count are 0, min and max unknown.
Value ExprEval::Aggregate(const ir::Expr& e, const Scope& scope) {
  const AccountState& state = *scope.account;
  if (state.phase == Phase::Positions) return Unknown("an aggregate outside an account context");
  const bool counting = e.aggregate == ir::AggregateKind::Count;
  if (!counting && e.args.empty()) return Unknown("an aggregate without a term");
  const Repr repr = counting ? Repr::Number : ReprOf(e.args[0]->type.kind);
  double sum = 0;
  std::int64_t count = 0;
  Value best = Value::Unknown();
  for (std::size_t local = 0; local < state.size(); ++local) {
    if (state.status(local) == Status::Rejected) continue;
    const Scope position{&state, static_cast<std::int64_t>(state.first_position + local)};
    if (e.filter) {
      const Value keep = Eval(*e.filter, position);
      if (!keep.known) return keep;
      if (!keep.truth()) continue;
    }
    ++count;
    if (counting) continue;
    const Value term = Eval(*e.args[0], position);
    if (!term.known) return term;
    switch (e.aggregate) {
      case ir::AggregateKind::Sum:
        sum = sum + term.number;
        break;
      case ir::AggregateKind::Min:  // ties keep the earlier position
        if (!best.known || LessThan(term, best, repr)) best = term;
        break;
      case ir::AggregateKind::Max:
        if (!best.known || LessThan(best, term, repr)) best = term;
        break;
      case ir::AggregateKind::Count:
        break;
    }
  }
  switch (e.aggregate) {
    case ir::AggregateKind::Sum:
      return Checked(sum);
    case ir::AggregateKind::Count:
      return Value::Number(static_cast<double>(count));
    case ir::AggregateKind::Min:
    case ir::AggregateKind::Max:
      return best.known ? best : Unknown("min or max over no positions");
  }
  return Unknown("unsupported aggregate");
}

Value ExprEval::Total(const ir::Expr& e, const Scope& scope) {
  const AccountState& state = *scope.account;
  const Totals& t = state.record->totals;
  const bool before_limits_final = state.phase != Phase::Positions;
  const bool all_final = state.phase == Phase::Outputs;
  switch (e.total) {
    case ir::Total::GrossValue:
      if (before_limits_final) return Value::Number(t.gross_value);
      break;
    case ir::Total::EligibleValue:
      if (before_limits_final) return Value::Number(t.eligible_value);
      break;
    case ir::Total::HaircutValue:
      if (before_limits_final) return Value::Number(t.haircut_value);
      break;
    case ir::Total::ConcentrationExcess:
      if (all_final) return Value::Number(t.concentration_excess);
      break;
    case ir::Total::CollateralValue:
      if (all_final) return Value::Number(t.collateral_value);
      break;
  }
  return Unknown("a total that is not final yet");
}

Value ExprEval::PositionMeasure(const ir::Expr& e, const Scope& scope) {
  const AccountState& state = *scope.account;
  if (scope.position < 0 || state.phase == Phase::Positions) {
    return Unknown("a position measure outside an aggregate");
  }
  const auto local = static_cast<std::size_t>(scope.position - state.first_position);
  const PositionCells p = state.positions()[local];
  const bool all_final = state.phase == Phase::Outputs;
  switch (e.measure) {
    case ir::Measure::Eligible:
      return Value::Bool(p.status == Status::Eligible);
    case ir::Measure::MarketValue:
      return Value::Number(p.market_value);
    case ir::Measure::AdjustedValue:
      return Value::Number(p.adjusted_value);
    case ir::Measure::Excess:
      if (all_final) return Value::Number(p.excess);
      break;
    case ir::Measure::CountedValue:
      if (all_final) return Value::Number(p.counted_value);
      break;
  }
  return Unknown("a position measure that is not final yet");
}

Value ExprEval::Output(const ir::Expr& e, const Scope& scope) {
  const AccountState& state = *scope.account;
  const auto index = static_cast<std::size_t>(e.index);
  if (state.phase != Phase::Outputs || e.index < 0 || index >= state.outputs.size()) {
    return Unknown("an output that is not computed yet");
  }
  return state.outputs[index];  // an unknown output carries no causes of its own
}

// breached(id) reads the version of the limit in force (the IR may name any version of the id);
// a limit with no version in force is not breached.
Value ExprEval::Breached(const ir::Expr& e, const Scope& scope) {
  const AccountState& state = *scope.account;
  if (state.phase != Phase::Outputs) return Unknown("breached() before the limits are applied");
  const std::int32_t version =
      in_force_.Limit(policy_.limits[static_cast<std::size_t>(e.index)].id);
  if (version < 0) return Value::Bool(false);
  return state.breached[static_cast<std::size_t>(version)];
}

}  // namespace collat::runtime
