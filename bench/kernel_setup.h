// What a hand-written kernel checks and looks up before it runs: that the policy declares exactly
// the fields, rules, components, tiers and limits the kernel hard-codes (in that order), and the
// plan's arm ids and text indices it cannot know at compile time.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "compiler/ir.h"
#include "jit/kernel_plan.h"

namespace collat::bench {

using Names = std::initializer_list<std::string_view>;

// True when the policy's position fields, rules, components, tiers and limits carry these names and
// ids, in this order (versions of one declaration appear once each).
bool DeclaresExactly(const ir::Policy& policy, Names position_fields, Names rules, Names components,
                     Names tiers, Names limits);

// True when the enum of position field `field` has these labels with ranks 0, 1, ... in order.
bool EnumRanksAre(const ir::Policy& policy, std::string_view field, Names labels);

// The plan's arm ids of component `component`'s top-level match, in arm order; empty when its
// value is not a match or the plan does not know an arm.
std::vector<std::int32_t> MatchArmIds(const ir::Policy& policy, const jit::KernelPlan& plan,
                                      std::size_t component);

// The plan's text indices of `texts`, in order; empty when the plan lacks one.
std::vector<std::int32_t> TextIndices(const jit::KernelPlan& plan, Names texts);

}  // namespace collat::bench
