// Step 2 of docs/language.md 15.2, per position: eligibility; then, for an eligible position, its
// haircut and margin components and the position-level parts of tiers (`when`, `group by`, the
// quantity) and limits (`where`, `by`, the quantity). If any of those is unknown the position is
// UNKNOWN, decided here, before any tiers or limit runs.
#pragma once

#include <optional>
#include <vector>

#include "compiler/ir.h"
#include "runtime/expr_eval.h"
#include "runtime/input.h"
#include "runtime/report_build.h"
#include "runtime/versions.h"

namespace collat::runtime {

// A position's part in one tiers or limit declaration.
struct Membership {
  bool member = false;  // eligible and `when` / `where` holds (true without a filter)
  ir::Value key;        // the group key when member and the declaration has a key
};

// What step 2 learns for the later steps, per position.
struct PositionWork {
  std::vector<Membership> tiers;   // per Policy::tiers index; non-members when not in force
  std::vector<Membership> limits;  // per Policy::limits index; likewise
};

// Writes the status, rules, reason, missing fields and components of the valid (not rejected)
// position in `scope` to `out`, and fills `work`. An UNKNOWN position has no components and no
// memberships; its `missing` is the union of the fields its unknown parts miss, and its reason
// reads "unknown: <causes> (<parts>)", e.g. "unknown: rating (haircut asset, limit issuer_cap)". An
// unknown eligibility decision keeps section 7's reason ("unknown: <causes>").
void EvaluatePosition(const ir::Policy& policy, const InForce& in_force, ExprEval& eval,
                      const Scope& scope, PositionRow out, PositionWork& work);

// The position field named `quantity`, when the schema has one and the position knows it.
std::optional<double> QuantityOf(const ir::Policy& policy, const Input& input,
                                 std::size_t position);

}  // namespace collat::runtime
