// Generates a well-typed policy with a given number of eligibility rules (the compile-latency
// benchmark's 1,000-rule policy): rules of several shapes (enum tests, ordered ratings, text
// equality and sets, optional dates under `is known`, a position-level let) over one schema, plus a
// labelled haircut match with schedules, an FX haircut, two limits and outputs. Passes the checker.
#pragma once

#include <cstddef>
#include <string>

namespace collat::bench {

std::string GenerateRulePolicyText(std::size_t rules);

}  // namespace collat::bench
