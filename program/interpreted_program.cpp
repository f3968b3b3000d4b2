#include "program/interpreted_program.h"

#include "runtime/evaluate.h"

namespace collat::program {

Result<runtime::Report> InterpretedProgram::Run(const runtime::Input& input,
                                                const EvaluateOptions& options) const {
  return runtime::Evaluate(policy(), input, options.threads);
}

}  // namespace collat::program
