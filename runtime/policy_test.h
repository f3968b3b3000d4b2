// The policy test runner behind `collat test`: runs the cases of a `<policy>.test.yaml` file
// (an input and the expected results, computed by hand) and reports which expectations failed and
// which rules no case exercised. The file layout is documented in docs/language.md ("Testing
// policies"). Never throws; problems with the test file come back as diagnostics.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>
#include "base/file_roots.h"

#include "base/diagnostic.h"
#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/report.h"

namespace collat::runtime {

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
  std::vector<CaseResult> cases;
  // Declarations no case exercised: eligibility rules that never decided a position, match arms
  // that never chose a haircut, tiers that never applied, limits that never saw a position.
  std::vector<std::string> uncovered;
};

// How a case's input is evaluated: the interpreter (runtime::Evaluate) when empty; an engine may
// throw std::exception to report that it could not evaluate (the case then fails with the
// message).
using PolicyEvaluator =
    std::function<Report(const std::shared_ptr<const ir::Policy>& policy, const Input& input)>;

// The policy's imports and data tables are read only inside the roots of `access` (by default the
// policy's folder), the cases' `positions_csv` files only inside them with the test file's folder
// as the default root. The policy a test file names is trusted like a command-line argument.
TestFileResult RunPolicyTests(const std::string& test_file, const PolicyEvaluator& evaluate = {},
                              const FileAccess& access = {});

}  // namespace collat::runtime
