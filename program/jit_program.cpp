#include "program/jit_program.h"

#include "jit/kernel_evaluate.h"

namespace collat::program {

Result<runtime::Report> JitProgram::Run(const runtime::Input& input,
                                        const EvaluateOptions& options) const {
  return jit::EvaluateWithKernel(policy(), kernel_->plan(), kernel_->fn(), input, options.threads);
}

}  // namespace collat::program
