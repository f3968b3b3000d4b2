// The `collat` subcommands. Each returns the process exit code: 0 success, 1 a problem in a user's
// policy (error diagnostics, a file that needs formatting), 2 a usage or I/O error.
#pragma once

#include <string>
#include <vector>

#include "cli/engine_choice.h"
#include "compiler/check.h"

namespace collat::cli {

// Parses, resolves imports and type-checks each file (`-`: standard input). `strict`: warnings
// count as errors. `json`: the diagnostics as one JSON document on stdout instead of rendered on
// stderr.
// `options.max_cost`: `--max-cost`, the cost bound of docs/language.md 16.5.
int RunCheck(const std::vector<std::string>& files, bool strict, bool json,
             const CheckerOptions& options);

struct FormatOptions {
  std::vector<std::string> files;  // `-`: standard input, formatted to stdout
  bool check_only = false;         // do not write; exit 1 when a file would change
  bool diff = false;               // with check_only: print a unified diff per file
};
int RunFormat(const FormatOptions& options);
int RunDumpAst(const std::string& file);
int RunDumpIr(const std::string& file);
// Prints the policy's batch kernel as LLVM IR after the pipeline of `opt_level`.
int RunDumpLlvm(const std::string& file, int opt_level);

struct EvalOptions {
  std::string policy;  // `-`: standard input (imports relative to the current directory)
  std::string input;   // `-`: standard input (`positions_csv` relative to the current directory)
  std::string format = "text";       // "text", "json", "jsonl" or "csv" (docs/language.md 15.9)
  std::string accounts_csv;          // non-empty: also write the accounts as CSV to this file
  std::vector<std::string> fail_on;  // gates (fail_on.h)
  EngineChoice engine;
  CheckerOptions check;  // `--max-cost`
};
// Evaluates a policy on an input file. Exit 0 on success (even with rejected positions) unless a
// `fail_on` gate fails (1, the report still printed), 1 on policy errors, 2 on usage, I/O or
// input file errors.
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

// Runs the `*.test.yaml` files in `paths`: test files, folders (every `*.test.yaml` in them) or
// policy files (`x.collat` runs `x.test.yaml` beside it). Exit 0 when every case passes, 1 when a
// case fails or no case was found, 2 on a missing path. `json`: results as one JSON document.
int RunTests(const std::vector<std::string>& paths, const EngineChoice& engine, bool json);

}  // namespace collat::cli
