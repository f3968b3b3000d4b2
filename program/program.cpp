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
  return Run(std::move(input), options);
}

}  // namespace collat::program
