// A greedy reducer for a failing case: removes top-level declarations, single lines (schema
// fields, rules, table rows, accounts' fields, positions) and fields inside a position's flow
// mapping, keeping each removal after which the case still fails the same way, until nothing more
// can go. The result is a starting point for a hand-minimised golden case.
#pragma once

#include <functional>

#include "difftest/generate_case.h"

namespace collat::difftest {

// `still_fails` must be true for `failing` itself, and should demand the same failure (the same
// Outcome::reason), not any failure: an empty policy fails too. The policy and the input are never
// reduced to blank text.
Case Reduce(const Case& failing, const std::function<bool(const Case&)>& still_fails);

}  // namespace collat::difftest
