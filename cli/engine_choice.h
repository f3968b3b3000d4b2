// The evaluation engine the command line asked for (`--engine jit|interp`, `-O0..3`,
// `--threads`, `--cache-dir`), and evaluation with it. The JIT is the default.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/policy_test.h"
#include "runtime/report.h"

namespace CLI {
class App;
}

namespace collat::cli {

struct EngineChoice {
  std::string engine = "jit";  // "jit" or "interp"
  int opt_level = 2;
  unsigned threads = 1;
  std::string cache_dir;  // empty: no object cache
};

// Adds the engine options to a subcommand.
void AddEngineOptions(CLI::App& command, EngineChoice& choice);

// Evaluates with the chosen engine; a JIT that cannot compile is an error value.
Result<runtime::Report> EvaluateWith(const EngineChoice& choice,
                                     const std::shared_ptr<const ir::Policy>& policy,
                                     const runtime::Input& input);

// A PolicyEvaluator for `collat test` that compiles each policy once with the chosen engine and
// throws std::runtime_error when it cannot.
runtime::PolicyEvaluator TestEvaluator(const EngineChoice& choice);

}  // namespace collat::cli
