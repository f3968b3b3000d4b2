// The golden runner for tests/golden/check/: each `<case>.collat` is loaded with its imports and
// checked; `<case>.golden` holds the rendered diagnostics followed by the IR dump of a policy that
// checked. Prefixes: `fail_` must give an error, `warn_` a warning and no error, none must be
// clean. COLLAT_UPDATE_GOLDENS=1 rewrites the golden files; review the diff like code.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/render.h"
#include "compiler/ir_dump.h"
#include "compiler/load_program.h"
#include "program/compile.h"
#include "tests/test_support.h"

namespace collat {
namespace {

namespace fs = std::filesystem;

// Runs with the golden folder as the working directory, so file names in diagnostics are short
// and do not depend on where the repository is checked out.
class InGoldenDir {
 public:
  InGoldenDir() : saved_(fs::current_path()) {
    fs::current_path(testing::RepoPath("tests/golden/check"));
  }
  InGoldenDir(const InGoldenDir&) = delete;
  InGoldenDir& operator=(const InGoldenDir&) = delete;
  ~InGoldenDir() { fs::current_path(saved_); }

 private:
  fs::path saved_;
};

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(".")) {
    if (entry.path().extension() == ".collat") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("golden check cases", "[compiler][golden]") {
  const InGoldenDir in_dir;
  const auto cases = Cases();
  REQUIRE(cases.size() >= 25);
  for (const std::string& name : cases) {
    DYNAMIC_SECTION(name) {
      const CompiledPolicy compiled = program::CompileFile(name);
      std::string actual = RenderDiagnostics(compiled.diagnostics);
      if (compiled.policy) actual += "---- ir\n" + DumpIr(*compiled.policy);
      INFO(actual);
      const bool errors = HasErrors(compiled.diagnostics);
      const bool warnings =
          std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Warning; });
      if (name.rfind("fail_", 0) == 0) {
        CHECK(errors);
      } else if (name.rfind("warn_", 0) == 0) {
        CHECK_FALSE(errors);
        CHECK(warnings);
      } else {
        CHECK(compiled.diagnostics.empty());
      }
      fs::path golden = name;
      golden.replace_extension(".golden");
      testing::CompareWithGolden(golden, actual);
    }
  }
}

TEST_CASE("every check diagnostic kind has a golden case", "[compiler][golden]") {
  const InGoldenDir in_dir;
  std::set<std::string> seen;
  for (const std::string& name : Cases()) {
    for (const Diagnostic& d : program::CompileFile(name).diagnostics)
      seen.insert(std::string(KindName(d.kind)));
  }
  for (DiagnosticKind kind : AllDiagnosticKinds()) {
    if (KindPhase(kind) != Phase::Check) continue;
    INFO("check diagnostic kind without a golden case: " << KindName(kind));
    CHECK(seen.count(std::string(KindName(kind))) == 1);
  }
}

TEST_CASE("every shipped policy checks with no diagnostic, warnings included", "[compiler]") {
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("policies"))) {
    if (entry.path().extension() != ".collat") continue;
    const CompiledPolicy compiled = program::CompileFile(entry.path().string());
    INFO(entry.path().filename().string() << "\n" << RenderDiagnostics(compiled.diagnostics));
    CHECK(compiled.diagnostics.empty());
    CHECK(compiled.policy != nullptr);
  }
}

}  // namespace
}  // namespace collat
