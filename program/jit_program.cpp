#include "program/jit_program.h"

#include "jit/kernel_evaluate.h"

namespace collat::program {

Result<collat::Report> JitProgram::Run(std::shared_ptr<const runtime::Input> input,
                                       const EvaluateOptions& options) const {
  return jit::EvaluateWithKernel(policy(), kernel_->plan(), kernel_->fn(), input, options.threads,
                                 sha256());
}

}  // namespace collat::program
