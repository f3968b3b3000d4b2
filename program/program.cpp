#include "program/program.h"

namespace collat::program {

std::string_view EngineName(Engine engine) {
  switch (engine) {
    case Engine::Interp:
      return "interp";
    case Engine::Jit:
      return "jit";
    case Engine::Tiered:
      return "tiered";
  }
  return "?";
}

Result<collat::Report> Program::Evaluate(std::shared_ptr<const runtime::Input> input,
                                         const EvaluateOptions& options) const {
  Result<std::unique_ptr<collat::ReportColumns>> columns = Run(std::move(input), options);
  if (!columns) return Error{columns.error()};
  (*columns)->policy_sha256 = sha256();
  return collat::Report(std::shared_ptr<const collat::ReportColumns>(std::move(*columns)));
}

}  // namespace collat::program
