// The static cost estimate of a checked policy (docs/language.md 16.5): how many IR nodes one
// position and one account evaluate at most, as CEL's cost limits. A `let` without match arms is
// evaluated once per position or account by both engines, so it counts once however often it is
// read; a let with match arms (whose picks are traced at every read) counts at every read. An
// aggregate's value and filter count once (they are evaluated per position of the account). A call
// of a user function counts its body once (computed once per function, so a chain of functions is
// estimated in linear time) and each argument at every read of its parameter; all sums saturate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "compiler/ir.h"

namespace collat {

struct DeclarationCost {
  std::string what;  // "rule `r`", "haircut `h`", "output `o`", ...
  bool per_position = true;
  std::uint64_t cost = 0;  // alone, with its own lets
  SourceFilePtr file;      // where the declaration's expression is (may be null)
  SourceRange range;
};

struct CostEstimate {
  std::uint64_t per_position = 0;  // every per-position expression, shared lets once
  std::uint64_t per_account = 0;   // every account-level expression, shared lets once
  std::vector<DeclarationCost> declarations;
};

// `itemise`: also each declaration's own cost (costs a pass per declaration; for diagnostics).
CostEstimate EstimateCost(const ir::Policy& policy, bool itemise = false);

}  // namespace collat
