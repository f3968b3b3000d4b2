#include "cli/engine_choice.h"

#include <CLI/CLI.hpp>

namespace collat::cli {

void AddEngineOptions(CLI::App& command, EngineChoice& choice) {
  command
      .add_option("--engine", choice.engine,
                  "Evaluation engine (default: by input size, the interpreter below 20000 "
                  "positions, else the JIT at -O2)")
      ->check(CLI::IsMember({"jit", "interp"}));
  command
      .add_option("-O", choice.opt_level,
                  "JIT optimisation level, -O0 to -O3 (forces the JIT; default -O2)")
      ->check(CLI::Range(0, 3));
  command
      .add_option("--threads", choice.threads,
                  "Threads loading the positions CSV, evaluating and rendering (default 1)")
      ->check(CLI::Range(1U, 256U));
  command.add_option("--cache-dir", choice.cache_dir,
                     "Directory of the JIT's object cache (default: no cache)");
}

program::ProgramFactory MakeProgramFactory(const EngineChoice& choice) {
  program::EngineChoice out;
  using Kind = program::EngineChoice::Kind;
  out.kind = choice.engine == "interp" ? Kind::Interp
             : choice.engine == "jit"  ? Kind::Jit
                                       : Kind::Auto;
  if (choice.opt_level >= 0) out.opt_level = choice.opt_level;
  out.cache_dir = choice.cache_dir;
  return program::ProgramFactory(std::move(out));
}

program::EvaluateOptions EvaluateOptionsOf(const EngineChoice& choice) {
  return {choice.threads};
}

}  // namespace collat::cli
