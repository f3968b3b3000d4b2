// Engine creation and compiling through the embedding API: options are checked, policy mistakes
// come back as located diagnostics, never as a crash.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/api/api_test_support.h"

namespace collat::testing {
namespace {

constexpr const char* kPolicy = R"(policy tiny "A tiny policy" {
  version "1"
  currency USD
}

position {
  kind: text
  market_value: money
}

account {
  requirement: money
}

eligibility {
  accept cash when kind == "cash" "cash"
}

haircut flat = 2%
output shortfall: money = max(0 USD, requirement - collateral_value)
)";

TEST_CASE("engine options out of range are InvalidArgument errors", "[api]") {
  for (const int level : {-1, 4, 7}) {
    EngineOptions options;
    options.engine = EngineKind::Interpreter;
    options.opt_level = level;
    const auto engine = Engine::Create(options);
    REQUIRE_FALSE(engine.ok());
    CHECK(engine.error().code == ErrorCode::InvalidArgument);
    CHECK(engine.error().message.find("opt_level") != std::string::npos);
  }
  for (const unsigned threads : {0U, 257U}) {
    EngineOptions options;
    options.engine = EngineKind::Jit;
    options.threads = threads;
    const auto engine = Engine::Create(options);
    REQUIRE_FALSE(engine.ok());
    CHECK(engine.error().code == ErrorCode::InvalidArgument);
    CHECK(engine.error().message.find("threads") != std::string::npos);
  }
  EngineOptions good;
  good.opt_level = 0;
  good.threads = 4;
  const auto engine = Engine::Create(good);
  REQUIRE(engine.ok());
  CHECK(engine->options().threads == 4);
}

TEST_CASE("a syntax error comes back as a located diagnostic", "[api]") {
  for (const auto kind : {EngineKind::Interpreter, EngineKind::Jit}) {
    const Engine engine = MakeEngine(kind);
    const auto policy = engine.CompileSource("let a = 1\nlet b = (2\n", "broken.collat");
    REQUIRE_FALSE(policy.ok());
    const ErrorInfo& error = policy.error();
    CHECK(error.code == ErrorCode::Compile);
    REQUIRE_FALSE(error.diagnostics.empty());
    const DiagnosticInfo& d = error.diagnostics.front();
    CHECK(d.file == "broken.collat");
    CHECK(d.line == 2);
    CHECK(d.column == 11);
    CHECK(d.severity == DiagnosticSeverity::Error);
    CHECK(d.code == "syntax_error");
    CHECK(d.message == "expected `)`");
    CHECK(d.rendered.rfind("broken.collat:2:11: error: expected `)` [syntax_error]\n", 0) == 0);
  }
}

TEST_CASE("a type error comes back with its kind, line and column", "[api]") {
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  std::string source = kPolicy;
  source += "output oops: money = requirement + no_such_field\n";
  const auto policy = engine.CompileSource(source, "typo.collat");
  REQUIRE_FALSE(policy.ok());
  CHECK(policy.error().code == ErrorCode::Compile);
  bool found = false;
  for (const DiagnosticInfo& d : policy.error().diagnostics) {
    if (d.message.find("no_such_field") == std::string::npos) continue;
    found = true;
    CHECK(d.line == 21);
    CHECK(d.column == 36);
    CHECK_FALSE(d.code.empty());
  }
  CHECK(found);
}

TEST_CASE("a missing policy file is an Io error", "[api]") {
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  const auto policy = engine.CompileFile(RepoPath("policies/no_such_policy.collat"));
  REQUIRE_FALSE(policy.ok());
  CHECK(policy.error().code == ErrorCode::Io);
  REQUIRE(policy.error().diagnostics.size() == 1);
  CHECK(policy.error().diagnostics[0].code == "io_error");
}

TEST_CASE("a compiled policy shows its identity and schema", "[api]") {
  for (const auto kind : {EngineKind::Interpreter, EngineKind::Jit}) {
    const Engine engine = MakeEngine(kind);
    const Policy policy = Unwrap(engine.CompileSource(kPolicy, "tiny.collat"));
    CHECK(policy.name() == "tiny");
    CHECK(policy.version() == "1");
    CHECK(policy.sha256().size() == 64);
    const Schema& schema = policy.schema();
    CHECK(schema.base_currency == "USD");
    REQUIRE(schema.position_fields.size() == 2);
    CHECK(schema.position_fields[0].name == "kind");
    CHECK(schema.position_fields[0].type == ValueType::Text);
    CHECK(schema.position_fields[1].type == ValueType::Money);
    REQUIRE(schema.account_fields.size() == 1);
    CHECK(schema.account_fields[0].name == "requirement");
    CHECK(schema.market_fields.empty());
  }
}

TEST_CASE("CompileSource and CompileFile of the same text agree", "[api]") {
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  const std::string path = RepoPath("policies/us_uncleared_margin.collat");
  const Policy from_file = Unwrap(engine.CompileFile(path));
  const Policy from_text = Unwrap(engine.CompileSource(ReadFile(path), path));
  CHECK(from_file.sha256() == from_text.sha256());
  CHECK(from_file.schema().position_fields.size() == from_text.schema().position_fields.size());
  const Schema& schema = from_file.schema();
  CHECK(schema.position_fields[0].name == "asset_class");
  CHECK(schema.position_fields[0].type == ValueType::Enum);
  CHECK(schema.position_fields[0].enum_name == "AssetClass");
  CHECK(schema.position_fields[0].enum_labels.size() == 8);
}

TEST_CASE("a JIT engine with an object cache gives the same reports", "[api]") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("collat-api-cache-" + std::to_string(::getpid()));
  EngineOptions options;
  options.cache_dir = dir.string();
  options.opt_level = 1;
  const std::string path = RepoPath("policies/crypto_tiered.collat");
  const std::string input_path = RepoPath("examples/inputs/crypto_tiered.yaml");
  std::string first;
  for (int run = 0; run < 2; ++run) {  // the second compile loads the cached object
    const Engine engine = Unwrap(Engine::Create(options));
    const Policy policy = Unwrap(engine.CompileFile(path));
    const std::string json =
        Unwrap(policy.Evaluate(Unwrap(LoadInputFile(policy, input_path)))).ToJson();
    if (run == 0) first = json;
    CHECK(json == first);
  }
  CHECK_FALSE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a cache directory others can write to is refused with a warning, not an error",
          "[api]") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("collat-api-loose-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::all);
  EngineOptions options;
  options.cache_dir = dir.string();
  const Engine engine = Unwrap(Engine::Create(options));
  const Policy policy = Unwrap(engine.CompileFile(RepoPath("policies/crypto_tiered.collat")));
  const auto& warnings = policy.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].code == "object_cache_refused");
  CHECK(warnings[0].severity == DiagnosticSeverity::Warning);
  CHECK_THAT(warnings[0].message, Catch::Contains(dir.string()) && Catch::Contains("mode 0777"));
  CHECK(std::filesystem::is_empty(dir));  // neither a key nor an object was written
  CHECK(Unwrap(policy.Evaluate(
                   Unwrap(LoadInputFile(policy, RepoPath("examples/inputs/crypto_tiered.yaml")))))
            .ToJson()
            .find("\"accounts\"") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace collat::testing
