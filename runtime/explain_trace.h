// Explains the evaluation of one expression: its value (from ExprEval, the evaluator the report
// uses), the named values it read, the decisions it took (match arms, schedule bands, if
// branches, table rows) and the builtins that shape money (transfer, rounding). The walk follows
// ExprEval's order and short-circuits exactly (an `and` stops at its first false operand, a
// `match` at the first arm that holds), so only what the value depended on is listed.
#pragma once

#include "compiler/ir.h"
#include "runtime/explanation.h"
#include "runtime/expr_eval.h"

namespace collat::runtime {

// Evaluates `e` in `scope` and explains it. `value.shown` is the literal as written when the
// value came from one (through match arms, schedule bands, if branches, table rows, `??` and
// lets); otherwise ShowValue's form, with haircut rates and margin ratios (`rate` true) as
// percents. Clears eval's causes and trace first.
Traced TraceExpr(const ir::Policy& policy, ExprEval& eval, const ir::Expr& e, const Scope& scope,
                 bool rate);

}  // namespace collat::runtime
