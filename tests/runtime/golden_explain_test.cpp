// Golden explanations (docs/language.md 18.3): each folder of tests/golden/explain has a
// policy.collat, an input.yaml whose comments give the hand computation the goldens were
// reviewed against, and a `targets` file of lines `position ID` or `account ID`; each target's
// text and JSON renderings are compared with <kind>_<id>.txt and <kind>_<id>.json.
// COLLAT_UPDATE_GOLDENS=1 rewrites them; review the diff.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/explain.h"
#include "runtime/explain_json.h"
#include "runtime/explain_text.h"
#include "runtime/load_input.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

namespace fs = std::filesystem;

void CheckCase(const fs::path& dir) {
  const CompiledPolicy compiled = program::CompileFile((dir / "policy.collat").string());
  REQUIRE(compiled.policy);
  REQUIRE_FALSE(HasErrors(compiled.diagnostics));
  const LoadResult loaded = LoadInput(*compiled.policy, (dir / "input.yaml").string());
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto input = std::make_shared<const Input>(loaded.input);
  const Report report = Evaluate(*compiled.policy, input);
  std::istringstream targets(testing::ReadFile(dir / "targets"));
  std::string kind;
  std::string id;
  std::size_t count = 0;
  while (targets >> kind >> id) {
    INFO(kind << " " << id);
    std::string error;
    std::string text;
    std::string json;
    if (kind == "position") {
      const auto e = ExplainPosition(*compiled.policy, *input, report, id, error);
      REQUIRE(e);
      text = RenderPositionText(*e);
      json = RenderPositionJson(*e);
    } else {
      REQUIRE(kind == "account");
      const auto e = ExplainAccount(*compiled.policy, *input, report, id, error);
      REQUIRE(e);
      text = RenderAccountText(*e);
      json = RenderAccountJson(*e);
    }
    // Goldens name the input relative to the case folder, wherever the repository is.
    for (std::string* rendered : {&text, &json}) {
      const std::string prefix = dir.string() + "/";
      for (std::size_t at = rendered->find(prefix); at != std::string::npos;
           at = rendered->find(prefix, at)) {
        rendered->erase(at, prefix.size());
      }
    }
    CHECK(nlohmann::json::accept(json));
    testing::CompareWithGolden(dir / (kind + "_" + id + ".txt"), text);
    testing::CompareWithGolden(dir / (kind + "_" + id + ".json"), json);
    ++count;
  }
  CHECK(count > 0);
}

TEST_CASE("golden explanations", "[runtime][golden][explain]") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("tests/golden/explain"))) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 2);
  for (const fs::path& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      CheckCase(dir);
    }
  }
}

TEST_CASE("explain names a missing position or account", "[runtime][explain]") {
  const fs::path dir = testing::RepoPath("tests/golden/explain/bonds");
  const CompiledPolicy compiled = program::CompileFile((dir / "policy.collat").string());
  REQUIRE(compiled.policy);
  const LoadResult loaded = LoadInput(*compiled.policy, (dir / "input.yaml").string());
  const auto input = std::make_shared<const Input>(loaded.input);
  const Report report = Evaluate(*compiled.policy, input);
  std::string error;
  CHECK_FALSE(ExplainPosition(*compiled.policy, *input, report, "nope", error));
  CHECK(error == "no position `nope` in the input");
  error.clear();
  CHECK_FALSE(ExplainAccount(*compiled.policy, *input, report, "nope", error));
  CHECK(error == "no account `nope` in the input");
}

}  // namespace
}  // namespace collat::runtime
