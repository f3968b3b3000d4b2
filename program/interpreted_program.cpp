#include "program/interpreted_program.h"

#include "runtime/evaluate.h"

namespace collat::program {

Result<std::unique_ptr<collat::ReportColumns>> InterpretedProgram::Run(std::shared_ptr<const runtime::Input> input,
                                                         const EvaluateOptions& options) const {
  return runtime::Evaluate(policy(), input, options.threads);
}

}  // namespace collat::program
