#include "program/interpreted_program.h"

#include "runtime/evaluate.h"

namespace collat::program {

Result<collat::Report> InterpretedProgram::Run(std::shared_ptr<const runtime::Input> input,
                                               const EvaluateOptions& options) const {
  return runtime::Evaluate(policy(), input, options.threads, sha256());
}

}  // namespace collat::program
