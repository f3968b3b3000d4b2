// The Program of the reference interpreter: no compile step.
#pragma once

#include "program/program.h"

namespace collat::program {

class InterpretedProgram final : public Program {
 public:
  explicit InterpretedProgram(std::shared_ptr<const ir::Policy> policy)
      : Program(std::move(policy)) {}
  Engine engine() const override { return Engine::Interp; }

 private:
  Result<collat::Report> Run(std::shared_ptr<const runtime::Input> input,
                             const EvaluateOptions& options) const override;
};

}  // namespace collat::program
