// EngineKind::Tiered: the same report as the interpreter's (the example inputs are below the tier,
// so no kernel is compiled), a policy whose sha256 is the checker's, and a refused cache directory
// reported when the policy is compiled even though no kernel is.
#include <sys/stat.h>
#include <filesystem>
#include <string>

#include "tests/api/api_test_support.h"

namespace collat::testing {
namespace {

TEST_CASE("a tiered engine reports what the interpreter reports", "[api]") {
  const Engine interp = MakeEngine(EngineKind::Interpreter);
  const Engine tiered = MakeEngine(EngineKind::Tiered, 2);
  for (const std::string name : {"us_uncleared_margin", "crypto_tiered"}) {
    INFO(name);
    const std::string path = RepoPath("policies/" + name + ".collat");
    const std::string input = RepoPath("examples/inputs/" + name + ".yaml");
    const Policy a = Unwrap(interp.CompileFile(path));
    const Policy b = Unwrap(tiered.CompileFile(path));
    CHECK(a.sha256() == b.sha256());
    const Report expected = Unwrap(a.Evaluate(Unwrap(LoadInputFile(a, input))));
    const Report actual = Unwrap(b.Evaluate(Unwrap(LoadInputFile(b, input))));
    CHECK(actual.policy_sha256() == b.sha256());
    CHECK(actual.ToJson() == expected.ToJson());
  }
}

TEST_CASE("a tiered engine reports a refused cache when it compiles a policy", "[api]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "collat_api_tiered_open_cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0777);
  EngineOptions options;
  options.engine = EngineKind::Tiered;
  options.cache_dir = dir.string();
  const Engine engine = Unwrap(Engine::Create(options));
  const Policy policy = Unwrap(engine.CompileFile(RepoPath("policies/crypto_tiered.collat")));
  REQUIRE(policy.warnings().size() == 1);
  CHECK(policy.warnings()[0].code == "object_cache_refused");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace collat::testing
