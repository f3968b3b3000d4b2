// The `collat` subcommands. Each returns the process exit code: 0 success, 1 a problem in a user's
// policy (error diagnostics, a file that needs formatting), 2 a usage or I/O error.
#pragma once

#include <string>
#include <vector>

#include "cli/engine_choice.h"

namespace collat::cli {

// Parses, resolves imports and type-checks each file. `strict`: warnings count as errors.
int RunCheck(const std::vector<std::string>& files, bool strict);
int RunFormat(const std::vector<std::string>& files, bool check_only);
int RunDumpAst(const std::string& file);
int RunDumpIr(const std::string& file);
// Prints the policy's batch kernel as LLVM IR after the pipeline of `opt_level`.
int RunDumpLlvm(const std::string& file, int opt_level);

struct EvalOptions {
  std::string policy;
  std::string input;
  bool json = false;  // else the text report
  EngineChoice engine;
};
// Evaluates a policy on an input file. Exit 0 on success (even with rejected positions), 1 on
// policy errors, 2 on usage, I/O or input file errors.
int RunEval(const EvalOptions& options);

struct ExplainOptions {
  std::string policy;
  std::string input;
  std::string position;  // exactly one of position and account
  std::string account;
  bool json = false;  // else text
};
// Explains how one position of an input was decided, or how one account's outputs and limit
// excesses follow (docs/language.md 18.3). Exit 2 when the position or account is not found.
int RunExplain(const ExplainOptions& options);

// Runs the `*.test.yaml` files in `paths` (files or folders). Exit 0 when every case passes.
int RunTests(const std::vector<std::string>& paths, const EngineChoice& engine);

}  // namespace collat::cli
