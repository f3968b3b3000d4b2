// The policy test runner behind `collat test`: runs the cases of a `<policy>.test.yaml` file
// (an input and the expected results, computed by hand) and reports which expectations failed and
// which rules no case exercised. The file layout is documented in docs/language.md ("Testing
// policies"). Never throws; problems with the test file come back as diagnostics. It lives above
// the program factory: the policy a test file names is compiled into a Program by the factory the
// caller passes, so the runner evaluates exactly as `collat eval` with the same engine choice.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_roots.h"
#include "program/program.h"
#include "program/program_factory.h"

namespace collat::program {

struct Mismatch {
  std::string where;  // e.g. "position O1 haircuts.okx_btc"
  std::string expected;
  std::string actual;
};

struct CaseResult {
  std::string name;
  std::vector<Mismatch> mismatches;     // empty: passed
  std::vector<Diagnostic> diagnostics;  // the case's input did not load
  bool passed() const { return mismatches.empty() && diagnostics.empty(); }
};

struct TestFileResult {
  std::string path;
  std::string policy_path;
  std::vector<Diagnostic> diagnostics;  // the test file or its policy has errors
  // The engine's warnings about the compile (object_cache_refused), shown apart from the file's.
  std::vector<Diagnostic> engine_warnings;
  std::vector<CaseResult> cases;
  // Declarations no case exercised: eligibility rules that never decided a position, match arms
  // that never chose a haircut, tiers that never applied, limits that never saw a position.
  std::vector<std::string> uncovered;
};

// The policy is compiled once by `factory` and each case evaluated by its program with `options`;
// an engine failure fails the case with the message. The policy's imports and data tables are
// read only inside the roots of `access` (by default the policy's folder), the cases'
// `positions_csv` files only inside them with the test file's folder as the default root. The
// policy a test file names is trusted like a command-line argument.
TestFileResult RunPolicyTests(const std::string& test_file, const ProgramFactory& factory,
                              const FileAccess& access = {}, const EvaluateOptions& options = {});

}  // namespace collat::program
