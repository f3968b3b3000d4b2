// Haircut and margin components (docs/language.md section 8) and the adjusted value formula.
#pragma once

#include <string>
#include <vector>

#include "base/money.h"
#include "compiler/ir.h"
#include "runtime/expr_eval.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// Evaluates every component in force, in written order, for the ELIGIBLE position in `scope` and
// writes each to its slot of `out` (ReportFrame::component_slot); its arm is the labels of the
// match arms taken, outermost first, joined with "/". A component is unknown when its value is, and
// also (defensively: the checker proves the ranges) when a haircut leaves [0, 1] or a margin is
// below
// 1. Returns the names ("haircut asset", "margin eth") of the unknown components, and appends
// their causes to `causes`.
std::vector<std::string> EvaluateComponents(const ir::Policy& policy, const InForce& in_force,
                                            ExprEval& eval, const Scope& scope, PositionRow out,
                                            Causes& causes);

// Section 8.2: max(0, MV x (1 - (h1 + ... + hn + t1 + ... + tk))) / (m1 x ... x mj), the haircut
// rates (tiers included) summed and the margin ratios multiplied left to right in slot order, over
// the components of position `index` of `columns`. Every component must be known.
// The result is quantised to `scale` (15.4).
double AdjustedValue(double market_value, const ReportColumns& columns, std::size_t index,
                     const money::Scale& scale);

}  // namespace collat::runtime
