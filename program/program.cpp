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

Result<runtime::Report> Program::Evaluate(const runtime::Input& input,
                                          const EvaluateOptions& options) const {
  Result<runtime::Report> report = Run(input, options);
  if (report) report->policy_sha256 = sha256();
  return report;
}

}  // namespace collat::program
