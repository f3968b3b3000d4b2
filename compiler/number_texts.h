// Numbers the text constants of a checked policy (ir::Policy::text_constants): every Const of
// Text type and every text member of an `in` set gets a slot in Expr::index, one slot per
// occurrence, in a deterministic walk of the declarations. An evaluator binds the slots to an
// input's text codes once per evaluation and reads a code by index, so a reference costs the same
// whatever the number of texts in the policy (a hash lookup in a table of every text of 50,000
// rules missed the cache at each reference, docs/performance.md "Scaling").
//
// Idempotent: an expression that already has a slot keeps it, so a node reachable twice is
// numbered once.
#pragma once

#include "compiler/ir.h"

namespace collat {

void NumberTextConstants(ir::Policy& policy);

}  // namespace collat
