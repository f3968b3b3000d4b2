// Golden evaluation, two kinds: each shipped policy on its example input
// (examples/inputs/<name>.yaml -> tests/golden/eval/<name>.json), and focused feature cases
// (tests/golden/eval/<case>/ with policy.collat, input.yaml and expected.json; each input's
// comments give the hand computation the golden was reviewed against). The hand-computed cases of
// policies/*.test.yaml are the independent oracle; these files lock the whole report (every key,
// every digit) against regressions. COLLAT_UPDATE_GOLDENS=1 rewrites them; review the diff.
// Every case also runs on the JIT at -O0 and -O2, on 1 and 3 threads, and must render the
// interpreter's bytes exactly.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "program/program_factory.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

namespace fs = std::filesystem;

// Evaluates `policy` on `input` twice (the renderings must be equal) and compares the JSON with
// `golden`, or rewrites it when updating.
void CheckGolden(const fs::path& policy, const fs::path& input, const fs::path& golden) {
  using Kind = program::EngineChoice::Kind;
  static const program::ProgramFactory interp({Kind::Interp, {}, ""});
  const program::Compiled compiled = interp.CompileFile(policy.string());
  REQUIRE(compiled.program);
  const program::Program& reference = *compiled.program;
  const LoadResult loaded = LoadInput(reference.policy(), input.string());
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto render = [&](const program::Program& program, unsigned threads) {
    Result<Report> report =
        program.Evaluate(std::make_shared<const collat::runtime::Input>(loaded.input), {threads});
    REQUIRE(report.ok());
    return RenderJson(*report);
  };
  const std::string actual = render(reference, 1);
  CHECK(render(reference, 1) == actual);
  testing::CompareWithGolden(golden, actual);

  for (const int opt_level : {0, 2}) {
    const program::Compiled jitted =
        interp.WithChoice({Kind::Jit, opt_level, ""}).Make(reference.shared_policy());
    REQUIRE(jitted.program);
    for (const unsigned threads : {1U, 3U}) {
      INFO("jit -O" << opt_level << ", " << threads << " threads");
      CHECK(render(*jitted.program, threads) == actual);
    }
  }
  CHECK(render(reference, 3) == actual);
}

TEST_CASE("golden evaluation of focused feature cases", "[runtime][golden]") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("tests/golden/eval"))) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 4);
  for (const fs::path& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      CheckGolden(dir / "policy.collat", dir / "input.yaml", dir / "expected.json");
    }
  }
}

TEST_CASE("golden evaluation of every example input", "[runtime][golden]") {
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("examples/inputs"))) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().stem().string();
    // `NAME.inventory.yaml` is an inventory for `collat rebalance`, not an evaluation input.
    if (name.ends_with(".inventory")) continue;
    ++cases;
    DYNAMIC_SECTION(name) {
      CheckGolden(testing::RepoPath("policies/" + name + ".collat"), entry.path(),
                  testing::RepoPath("tests/golden/eval/" + name + ".json"));
    }
  }
  CHECK(cases >= 5);
}

}  // namespace
}  // namespace collat::runtime
