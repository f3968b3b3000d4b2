#include "bench/handwritten_kernels.h"

namespace collat::bench {

jit::KernelFn PrepareHandwrittenKernel(const ir::Policy& policy, const jit::KernelPlan& plan) {
  const std::string& name = policy.header.name;
  if (name == "us_uncleared_margin") return PrepareUsUnclearedMarginKernel(policy, plan);
  if (name == "crypto_tiered") return PrepareCryptoTieredKernel(policy, plan);
  if (name == "cme_performance_bond") return PrepareCmePerformanceBondKernel(policy, plan);
  return nullptr;
}

}  // namespace collat::bench
