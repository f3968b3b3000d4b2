// What the optimiser's model covers so far (docs/language.md 12, "What is supported"), checked
// before anything is solved, so that an item it cannot honour is an error naming where it is
// written, never silently ignored. Internal to rebalance/.
#pragma once

#include <string>

#include "compiler/ir.h"
#include "runtime/versions.h"

namespace collat::rebalance {

// The first feature of `policy` (its rebalance blocks, and the tiers and limits in force) that the
// model does not support yet, as a message naming file:line where it can; "" when none.
std::string Unsupported(const ir::Policy& policy, const runtime::InForce& in_force);

// True when `e` (account level) may read a value the moves change: a total, an aggregate over
// positions, a breach, or an output or let that does.
bool ReadsCollateral(const ir::Policy& policy, const ir::Expr& e);

// "file:line" of `range` in `rebalance`'s file.
std::string Where(const ir::Rebalance& rebalance, SourceRange range);

}  // namespace collat::rebalance
