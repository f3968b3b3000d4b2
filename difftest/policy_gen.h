// A random well-typed policy: enums (one ordered), position/account/market schemas with required,
// optional and defaulted fields, eligibility rules, haircut and margin components, tiers, limits
// and outputs, some in effective-dated versions; lets, functions and tables arise from the
// expressions that use them. The text must check without errors (a schedule without `else` may
// warn); anything else is a generator bug.
#pragma once

#include <string>

#include "difftest/model.h"
#include "difftest/rng.h"

namespace collat::difftest {

struct GeneratedPolicy {
  std::string text;
  Model model;
};

GeneratedPolicy GeneratePolicy(Rng& rng);

}  // namespace collat::difftest
