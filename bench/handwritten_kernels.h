// Hand-written C++ batch kernels of three shipped policies (us_uncleared_margin, crypto_tiered,
// cme_performance_bond): the policy's logic hard-coded over the columnar kernel ABI
// (jit/kernel_abi.h), written the way a performance engineer would write it, as the baseline the
// JIT's generated code is measured against. Each must produce exactly what the JIT kernel produces
// (tests/bench/kernel_agreement_test.cpp checks it).
//
// A KernelFn has a fixed signature, so each kernel reads what it cannot know at compile time (the
// declarations' indices in the policy, the plan's text indices and arm ids) from a per-kernel
// static filled by its Prepare function. Prepare before running; do not Prepare the same kernel
// for two different policies or plans concurrently with runs.
#pragma once

#include "compiler/ir.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"

namespace collat::bench {

// The hand-written kernel of `policy` (by header name), prepared for `plan`; nullptr for a policy
// that has none. `policy` and `plan` are only read during the call.
jit::KernelFn PrepareHandwrittenKernel(const ir::Policy& policy, const jit::KernelPlan& plan);

jit::KernelFn PrepareUsUnclearedMarginKernel(const ir::Policy& policy, const jit::KernelPlan& plan);
jit::KernelFn PrepareCryptoTieredKernel(const ir::Policy& policy, const jit::KernelPlan& plan);
jit::KernelFn PrepareCmePerformanceBondKernel(const ir::Policy& policy,
                                              const jit::KernelPlan& plan);

}  // namespace collat::bench
