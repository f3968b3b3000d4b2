// The golden runner for tests/golden/parse/: each `<case>.collat` has `<case>.golden` beside it,
// holding the AST dump (no `fail_` prefix: the case must parse without diagnostics) or the rendered
// diagnostics (`fail_` prefix: the case must produce an error). COLLAT_UPDATE_GOLDENS=1 rewrites
// the golden files instead of comparing; review the diff like code.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/read_file.h"
#include "base/render.h"
#include "grammar/ast_dump.h"
#include "grammar/parse.h"
#include "tests/test_support.h"

namespace collat::grammar {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("tests/golden/parse"))) {
    if (entry.path().extension() == ".collat") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("golden parse cases", "[grammar][golden]") {
  const auto cases = Cases();
  REQUIRE(cases.size() >= 40);
  for (const fs::path& path : cases) {
    const std::string name = path.filename().string();
    DYNAMIC_SECTION(name) {
      const bool expect_failure = name.rfind("fail_", 0) == 0;
      // The display name is the file name alone, so goldens do not depend on the checkout path.
      const auto source = std::make_shared<const SourceFile>(name, testing::ReadFile(path));
      auto result = Parse(source);
      SortDiagnostics(result.diagnostics);
      const std::string actual = result.diagnostics.empty() ? DumpAst(*source, result.file)
                                                            : RenderDiagnostics(result.diagnostics);
      INFO(actual);
      CHECK(HasErrors(result.diagnostics) == expect_failure);
      fs::path golden = path;
      golden.replace_extension(".golden");
      testing::CompareWithGolden(golden, actual);
    }
  }
}

TEST_CASE("every lexical and parse diagnostic kind has a golden case", "[grammar][golden]") {
  std::set<std::string> seen;
  for (const fs::path& path : Cases()) {
    const std::string name = path.filename().string();
    if (name.rfind("fail_", 0) != 0) continue;
    const auto source = std::make_shared<const SourceFile>(name, testing::ReadFile(path));
    for (const Diagnostic& d : Parse(source).diagnostics)
      seen.insert(std::string(KindName(d.kind)));
  }
  for (DiagnosticKind kind : AllDiagnosticKinds()) {
    if (KindPhase(kind) != Phase::Lex && KindPhase(kind) != Phase::Parse) continue;
    INFO("diagnostic kind without a golden case: " << KindName(kind));
    CHECK(seen.count(std::string(KindName(kind))) == 1);
  }
}

TEST_CASE("golden files have no orphans", "[grammar][golden]") {
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("tests/golden/parse"))) {
    if (entry.path().extension() != ".golden") continue;
    fs::path input = entry.path();
    input.replace_extension(".collat");
    INFO("golden without an input: " << entry.path().filename().string());
    CHECK(fs::exists(input));
  }
}

}  // namespace
}  // namespace collat::grammar
