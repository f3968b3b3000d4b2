// The Program of a compiled batch kernel (jit/jit_engine.h), evaluated by jit::EvaluateWithKernel.
#pragma once

#include <memory>

#include "jit/jit_engine.h"
#include "program/program.h"

namespace collat::program {

class JitProgram final : public Program {
 public:
  // `kernel` was compiled from `policy`.
  JitProgram(std::shared_ptr<const ir::Policy> policy, std::shared_ptr<const jit::Kernel> kernel)
      : Program(std::move(policy)), kernel_(std::move(kernel)) {}
  Engine engine() const override { return Engine::Jit; }
  const jit::Kernel& kernel() const { return *kernel_; }

 private:
  Result<collat::Report> Run(std::shared_ptr<const runtime::Input> input,
                             const EvaluateOptions& options) const override;

  std::shared_ptr<const jit::Kernel> kernel_;
};

}  // namespace collat::program
