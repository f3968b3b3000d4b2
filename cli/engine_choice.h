// The evaluation engine the command line asked for (`--engine jit|interp`, `-O0..3`,
// `--threads`, `--cache-dir`) and the program factory it selects. Neither `--engine` nor `-O`:
// tiered by input size (program/tiered_program.h); `-O N` or `--engine jit`: the JIT (-O2 unless
// given); `--engine interp`: the interpreter.
#pragma once

#include <string>

#include "program/program.h"
#include "program/program_factory.h"

namespace CLI {
class App;
}

namespace collat::cli {

struct EngineChoice {
  std::string engine;  // "jit", "interp", or empty: not given
  int opt_level = -1;  // 0..3, or -1: not given
  unsigned threads = 1;
  std::string cache_dir;  // empty: no object cache
};

// Adds the engine options to a subcommand.
void AddEngineOptions(CLI::App& command, EngineChoice& choice);

// The factory of the chosen engine, and the evaluation options (threads).
program::ProgramFactory MakeProgramFactory(const EngineChoice& choice);
program::EvaluateOptions EvaluateOptionsOf(const EngineChoice& choice);

}  // namespace collat::cli
