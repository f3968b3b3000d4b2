#include "program/tiered_program.h"

#include "jit/kernel_evaluate.h"
#include "runtime/evaluate.h"

namespace collat::program {

Result<std::shared_ptr<const jit::Kernel>> TieredProgram::Kernel() const {
  const std::lock_guard lock(mutex_);
  if (!kernel_ && error_.empty()) {
    auto compiled = jit_->Compile(shared_policy(), {2, cache_dir_});
    if (compiled) {
      kernel_ = std::move(*compiled);
    } else {
      error_ = compiled.error();
    }
  }
  if (!kernel_) return Error{error_};
  return kernel_;
}

Result<collat::Report> TieredProgram::Run(std::shared_ptr<const runtime::Input> input,
                                          const EvaluateOptions& options) const {
  if (input->positions.size() < tier_positions_) {
    return runtime::Evaluate(policy(), input, options.threads, sha256());
  }
  auto kernel = Kernel();
  if (!kernel) return Error{kernel.error()};
  return jit::EvaluateWithKernel(policy(), (*kernel)->plan(), (*kernel)->fn(), input,
                                 options.threads, sha256());
}

}  // namespace collat::program
