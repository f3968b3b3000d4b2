// Golden evaluation: each shipped policy on its example input (examples/inputs/<name>.yaml) must
// give exactly the JSON report in tests/golden/eval/<name>.json. The hand-computed cases of
// policies/*.test.yaml are the independent oracle; these files lock the whole report (every key,
// every digit) against regressions. COLLAT_UPDATE_GOLDENS=1 rewrites them; review the diff.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/load_program.h"
#include "compiler/policy_hash.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("golden evaluation of every example input", "[runtime][golden]") {
  const char* update = std::getenv("COLLAT_UPDATE_GOLDENS");
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("examples/inputs"))) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().stem().string();
    ++cases;
    DYNAMIC_SECTION(name) {
      const CompiledPolicy compiled =
          CompileFile(testing::RepoPath("policies/" + name + ".collat"));
      REQUIRE(compiled.policy);
      const LoadResult loaded = LoadInput(*compiled.policy, entry.path().string());
      REQUIRE_FALSE(HasErrors(loaded.diagnostics));
      Report report = Evaluate(*compiled.policy, loaded.input);
      report.policy_sha256 = Sha256Hex(compiled.policy->canonical_source);
      const std::string actual = RenderJson(report);
      // Determinism: a second evaluation renders the same bytes.
      Report again = Evaluate(*compiled.policy, loaded.input);
      again.policy_sha256 = report.policy_sha256;
      CHECK(RenderJson(again) == actual);
      const fs::path golden = testing::RepoPath("tests/golden/eval/" + name + ".json");
      if (update != nullptr && std::string(update) == "1") {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << actual;
      } else {
        REQUIRE(fs::exists(golden));
        CHECK(ReadAll(golden) == actual);
      }
    }
  }
  CHECK(cases >= 5);
}

}  // namespace
}  // namespace collat::runtime
