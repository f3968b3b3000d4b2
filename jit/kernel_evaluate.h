// Evaluation with a batch kernel: the kernel decides step 2 for every position of the input (in
// ranges of whole accounts, one per thread), then each account is finished with the
// interpreter's own steps (runtime/account_steps.h). The report is byte-identical to
// runtime::Evaluate's when the kernel computes what the policy says: for an UNKNOWN position the
// kernel decides the status and the reference evaluator supplies its causes (the missing fields
// and the reason text), which are diagnostics, not arithmetic.
#pragma once

#include <memory>
#include <string_view>
#include "base/result.h"
#include "compiler/ir.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_plan.h"
#include "runtime/input.h"

#include "collat/report.h"

namespace collat::jit {

// Same contract as runtime::Evaluate (runtime/evaluate.h), including `threads`. An engine failure
// (the kernel's results disagree with the policy's rule outcomes, or with the interpreter on an
// UNKNOWN position) is an error value naming the first such position, never an exception.
Result<Report> EvaluateWithKernel(const ir::Policy& policy, const KernelPlan& plan, KernelFn kernel,
                                  std::shared_ptr<const runtime::Input> input, unsigned threads = 1,
                                  std::string_view sha256 = {});

}  // namespace collat::jit
