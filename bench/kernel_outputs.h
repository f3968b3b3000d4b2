// Comparing two batch kernels' outputs (jit/kernel_abi.h) over the same input, byte for byte, as
// far as the ABI defines them: every position's status; rule states of decided (eligible or
// ineligible) positions; for eligible positions every component in force (value bits, known,
// trace length and arms picked) and every tiers and limit membership in force (with the key's
// bytes when a member of a keyed declaration).
#pragma once

#include <string>

#include "compiler/ir.h"
#include "jit/kernel_input.h"

namespace collat::bench {

// "" when `actual` wrote what `expected` wrote for every position; else the first difference,
// naming the position and the output.
std::string FirstKernelDifference(const ir::Policy& policy, const jit::KernelInput& expected,
                                  const jit::KernelInput& actual);

}  // namespace collat::bench
