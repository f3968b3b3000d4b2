// EngineOptions::allow_paths and allow_named_folder (docs/embedding.md, "Security model"): an
// engine with no allowed folders compiles and loads from memory and reads no file; extra folders
// admit imports, data tables and positions_csv files outside the named file's folder.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "tests/api/api_test_support.h"

namespace collat::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = R"(policy p { version "1" currency USD }
position { market_value: money  asset: text }
haircut flat = 2%
)";

struct Folders {
  fs::path root, policy, shared;
  Folders() {
    root = fs::temp_directory_path() / ("collat_api_access_" + std::to_string(::getpid()));
    fs::remove_all(root);
    policy = root / "policy";
    shared = root / "shared";
    fs::create_directories(policy);
    fs::create_directories(shared);
    std::ofstream(shared / "module.collat") << "let m = 1\n";
    std::ofstream(shared / "rates.csv") << "key,value\nBTC,98%\n";
    std::ofstream(policy / "module.collat") << "let m = 1\n";
    std::ofstream(policy / "positions.csv") << "account,id,asset,market_value\nA,P1,x,100\n";
  }
  ~Folders() { fs::remove_all(root); }
};

Engine MakeEngine(const EngineOptions& options) {
  return Unwrap(Engine::Create(options));
}

// The single diagnostic of a failed compile.
std::string OnlyMessage(const Expected<Policy>& compiled) {
  REQUIRE_FALSE(compiled.ok());
  INFO(Describe(compiled.error()));
  REQUIRE(compiled.error().code == ErrorCode::Compile);
  REQUIRE(compiled.error().diagnostics.size() == 1);
  CHECK(compiled.error().diagnostics[0].code == "import_error");
  CHECK(compiled.error().diagnostics[0].line == 4);
  return compiled.error().diagnostics[0].message;
}

TEST_CASE("an engine with no allowed folders reads no file", "[api][sandbox]") {
  const Folders f;
  EngineOptions options;
  options.engine = EngineKind::Interpreter;
  options.allow_named_folder = false;
  const Engine engine = MakeEngine(options);
  const std::string name = (f.policy / "memory.collat").string();
  CHECK(OnlyMessage(
            engine.CompileSource(std::string(kHeader) + "import \"module.collat\"\n", name)) ==
        "cannot read `module.collat`: file access is disabled (no allowed folders)");
  CHECK(OnlyMessage(engine.CompileSource(
            std::string(kHeader) + "table t: text -> percent from \"../shared/rates.csv\"\n",
            name)) ==
        "cannot read `../shared/rates.csv`: file access is disabled (no allowed folders)");

  // A policy without file references compiles, and its inputs cannot name a CSV either.
  const Policy policy = Unwrap(engine.CompileSource(kHeader, name));
  const auto input =
      LoadInputText(policy,
                    "valuation_date: 2026-03-31\naccounts: [{ id: A }]\npositions_csv: " +
                        (f.policy / "positions.csv").string() + "\n",
                    "input.yaml");
  REQUIRE_FALSE(input.ok());
  REQUIRE(input.error().diagnostics.size() == 1);
  CHECK(input.error().diagnostics[0].message ==
        "input.yaml:3: field `positions_csv`: cannot read `" +
            (f.policy / "positions.csv").string() +
            "`: file access is disabled (no allowed folders)");
}

TEST_CASE("allow_paths admit imports and data tables from another folder", "[api][sandbox]") {
  const Folders f;
  const std::string body = std::string(kHeader) +
                           "import \"../shared/module.collat\"\n"
                           "table t: text -> percent from \"../shared/rates.csv\"\n";
  EngineOptions options;
  options.engine = EngineKind::Interpreter;
  std::ofstream(f.policy / "main.collat") << body;
  const std::string path = (f.policy / "main.collat").string();
  const auto refused = MakeEngine(options).CompileFile(path);
  REQUIRE_FALSE(refused.ok());
  // Both are refused while loading, each on its own line.
  REQUIRE(refused.error().diagnostics.size() == 2);
  CHECK(refused.error().diagnostics[0].message.find(
            "cannot read `../shared/module.collat`: it is outside the allowed folders (`") == 0);
  CHECK(refused.error().diagnostics[0].line == 4);
  CHECK(refused.error().diagnostics[1].message.find(
            "cannot read `../shared/rates.csv`: it is outside the allowed folders (`") == 0);
  CHECK(refused.error().diagnostics[1].line == 5);

  options.allow_paths = {f.shared.string()};
  const Policy policy = Unwrap(MakeEngine(options).CompileFile(path));
  CHECK(policy.name() == "p");
}

TEST_CASE("a policy and its modules compile from memory with no file access", "[api][sandbox]") {
  const Folders f;  // policy/module.collat exists on disk: it must not be read
  EngineOptions options;
  options.engine = EngineKind::Interpreter;
  options.allow_named_folder = false;
  const Engine engine = MakeEngine(options);
  const std::string name = (f.policy / "memory.collat").string();
  const std::string body = std::string(kHeader) +
                           "import \"module.collat\" as mod\n"
                           "table t: text -> percent from \"data/rates.csv\"\n"
                           "output imported: number = mod.m\n";
  const std::map<std::string, std::string> files = {
      {(f.policy / "module.collat").string(), "let m = 7\n"},
      {(f.policy / "data" / "rates.csv").string(), "key,value\nBTC,98%\n"},
  };
  const Policy policy = Unwrap(engine.CompileSource(body, name, files));
  CHECK(policy.name() == "p");
  // The module in memory was used, not the one on disk (which says 1).
  const auto input = LoadInputText(
      policy, "valuation_date: 2026-03-31\naccounts: [{ id: A, positions: [] }]\n", "in.yaml");
  const Report report = Unwrap(policy.Evaluate(Unwrap(input)));
  REQUIRE(report.accounts().size() == 1);
  const AccountView account = *report.accounts().begin();
  REQUIRE(account.outputs().size() == 1);
  CHECK(account.outputs()[0].value_text == "7");

  // A file missing from the map is looked for on disk, where no folder is allowed.
  const auto missing = engine.CompileSource(body, name, {});
  REQUIRE_FALSE(missing.ok());
  REQUIRE(missing.error().diagnostics.size() == 2);
  CHECK(missing.error().diagnostics[0].message ==
        "cannot read `module.collat`: file access is disabled (no allowed folders)");
  CHECK(missing.error().diagnostics[1].message ==
        "cannot read `data/rates.csv`: file access is disabled (no allowed folders)");
}

}  // namespace
}  // namespace collat::testing
