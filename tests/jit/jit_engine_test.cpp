// The JIT engine's guarantees that reports cannot show: generated code reaches only the
// registered builtins, the object cache never loads a file it cannot verify, options are checked,
// and compiled policies can be released and compiled again.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/test_support.h"

namespace collat::jit {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<JitEngine> Engine() {
  static const std::shared_ptr<JitEngine> engine = *JitEngine::Create();
  return engine;
}

std::shared_ptr<const ir::Policy> Policy(const std::string& name) {
  const CompiledPolicy compiled =
      program::CompileFile(testing::RepoPath("policies/" + name + ".collat"));
  REQUIRE(compiled.policy);
  return compiled.policy;
}

// A fresh, empty directory under the system's temporary folder.
fs::path ScratchDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("collat-jit-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void Spit(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The report of the us_uncleared_margin example with `kernel`.
std::string ExampleReport(const Kernel& kernel) {
  const runtime::LoadResult loaded = runtime::LoadInput(
      kernel.policy(), testing::RepoPath("examples/inputs/us_uncleared_margin.yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  return runtime::RenderJson(
      EvaluateWithKernel(kernel.policy(), kernel.plan(), kernel.fn(),
                         std::make_shared<const collat::runtime::Input>(loaded.input))
          .value());
}

const char* kCallsSystem = R"(
declare i32 @system(ptr)
@command = private constant [3 x i8] c"id\00"
define i32 @escape() {
  %r = call i32 @system(ptr @command)
  ret i32 %r
}
)";

const char* kCallsBuiltin = R"(
declare double @collat_round(double, double, i32)
define double @rounds(double %x) {
  %r = call double @collat_round(double %x, double 1.0, i32 0)
  ret double %r
}
)";

TEST_CASE("generated code cannot reach the process's symbols", "[jit]") {
  const Result<std::uint64_t> linked = Engine()->LinkIrForTest(kCallsSystem, "escape");
  REQUIRE_FALSE(linked.ok());
  CHECK_THAT(linked.error(), Catch::Contains("Symbols not found") && Catch::Contains("system"));
}

TEST_CASE("generated code reaches the registered builtins", "[jit]") {
  const Result<std::uint64_t> linked = Engine()->LinkIrForTest(kCallsBuiltin, "rounds");
  REQUIRE(linked.ok());
  CHECK(*linked != 0);
}

TEST_CASE("malformed LLVM IR is an error value", "[jit]") {
  const Result<std::uint64_t> linked = Engine()->LinkIrForTest("define i32 @f( {", "f");
  REQUIRE_FALSE(linked.ok());
  CHECK_THAT(linked.error(), Catch::Contains("cannot parse"));
}

TEST_CASE("an optimisation level outside 0..3 is an error value", "[jit]") {
  for (const int level : {-1, 4, 99}) {
    const auto kernel = Engine()->Compile(Policy("crypto_tiered"), {level, ""});
    REQUIRE_FALSE(kernel.ok());
    CHECK_THAT(kernel.error(), Catch::Contains("not 0..3"));
  }
  CHECK_FALSE(Engine()->Compile(nullptr, {}).ok());
}

TEST_CASE("the object cache stores, reuses and verifies compiled kernels", "[jit][cache]") {
  const fs::path dir = ScratchDir("cache");
  const auto policy = Policy("us_uncleared_margin");
  const JitOptions options{2, dir.string()};

  auto cold = Engine()->Compile(policy, options);
  REQUIRE(cold.ok());
  CHECK_FALSE((*cold)->stats().cache_hit);
  CHECK((*cold)->stats().cache_note == "missing");
  const std::string expected = ExampleReport(**cold);

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".o") files.push_back(entry.path());
  REQUIRE(files.size() == 1);
  const fs::path file = files.front();
  const std::string good = Slurp(file);

  auto warm = Engine()->Compile(policy, options);
  REQUIRE(warm.ok());
  CHECK((*warm)->stats().cache_hit);
  CHECK((*warm)->stats().optimize_ms == 0);
  CHECK(ExampleReport(**warm) == expected);

  SECTION("another optimisation level is another key") {
    auto o0 = Engine()->Compile(policy, {0, dir.string()});
    REQUIRE(o0.ok());
    CHECK_FALSE((*o0)->stats().cache_hit);
    CHECK(ExampleReport(**o0) == expected);
  }

  struct Damage {
    const char* name;
    std::string bytes;
    const char* note;
  };
  std::string flipped = good;
  flipped[flipped.size() - 10] = static_cast<char>(flipped[flipped.size() - 10] ^ 0x40);
  const std::vector<Damage> damages = {
      {"a flipped byte in the object", flipped, "not authentic"},
      {"a truncated object", good.substr(0, good.size() - 100), "bytes, the header says"},
      {"a truncated header", good.substr(0, 30), "corrupt"},
      {"an empty file", "", "not a collat object cache file"},
      {"a foreign file",
       "\x7f"
       "ELF not ours at all\n",
       "not a collat object cache file"},
      {"another key's file",
       "collat-object-cache 2\n" + std::string(64, 'a') + good.substr(good.find('\n', 22)),
       "key does not match"},
  };
  for (const Damage& damage : damages) {
    DYNAMIC_SECTION(damage.name) {
      Spit(file, damage.bytes);
      auto again = Engine()->Compile(policy, options);
      REQUIRE(again.ok());
      CHECK_FALSE((*again)->stats().cache_hit);
      CHECK_THAT((*again)->stats().cache_note, Catch::Contains(damage.note));
      CHECK(ExampleReport(**again) == expected);
      CHECK(Slurp(file) == good);  // rewritten with the recompiled object
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("without a cache directory nothing is written", "[jit][cache]") {
  const fs::path dir = ScratchDir("nocache");
  auto kernel = Engine()->Compile(Policy("crypto_tiered"), {2, ""});
  REQUIRE(kernel.ok());
  CHECK_FALSE((*kernel)->stats().cache_hit);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST_CASE("an unwritable cache directory costs speed, not correctness", "[jit][cache]") {
  const fs::path dir = ScratchDir("blocked");
  const fs::path blocked = dir / "file-not-dir";
  Spit(blocked, "x");
  auto kernel = Engine()->Compile(Policy("us_uncleared_margin"), {2, (blocked / "sub").string()});
  REQUIRE(kernel.ok());
  CHECK_THAT((*kernel)->stats().cache_note, Catch::Contains("cannot create"));
  CHECK_FALSE(ExampleReport(**kernel).empty());
  fs::remove_all(dir);
}

TEST_CASE("compiled policies are released and recompiled without limit", "[jit]") {
  const auto policy = Policy("cme_performance_bond");
  std::string first;
  for (int round = 0; round < 50; ++round) {
    auto kernel = Engine()->Compile(policy, {0, ""});
    REQUIRE(kernel.ok());
    const std::string report = ExampleReport(**kernel);
    if (round == 0) first = report;
    CHECK(report == first);
  }  // each kernel's JITDylib is removed as it goes out of scope
}

}  // namespace
}  // namespace collat::jit

namespace collat::jit {
namespace {

// A policy with `rules` rules, more than the 64 above which each rule gets its own function:
// accepts and vetoes on a rating, a sector, a maturity (optional, so some rules are unknown) and
// the quantity, with some rules dated so that not all are in force.
std::string ManyRulesPolicy(int rules) {
  std::string text =
      "policy many_rules {\n  version \"1\"\n  currency USD\n}\n"
      "enum Rating ordered { AAA, AA, A, BBB, BB }\n"
      "position {\n  rating: Rating\n  sector: text\n  maturity: date?\n  quantity: number\n"
      "  market_value: money\n}\n"
      "eligibility {\n";
  for (int r = 0; r < rules; ++r) {
    const std::string id = "r" + std::to_string(r);
    switch (r % 5) {
      case 0:
        text += "  accept " + id + " when rating >= " + (r % 2 == 0 ? "A" : "BBB") + "\n";
        break;
      case 1:
        text += "  accept " + id + " when sector == \"s" + std::to_string(r % 7) + "\"\n";
        break;
      case 2:
        text += "  reject " + id + " when maturity <= valuation_date + " + std::to_string(r) +
                "d and quantity > " + std::to_string(r * 10) + "\n";
        break;
      case 3:
        // Versions: r3 in force from 2026 (dated after the valuation date for odd r: absent).
        text += "  accept " + id + " effective " + (r % 2 == 0 ? "2026-01-01" : "2030-01-01") +
                " when quantity > " + std::to_string(r * 7) + " and sector != \"s1\"\n";
        break;
      default:
        text +=
            "  reject " + id + " when sector == \"banned" + std::to_string(r) + "\" \"banned\"\n";
        break;
    }
  }
  return text + "}\nhaircut flat = 5%\n";
}

TEST_CASE("policies with many rules (outlined rule functions) agree with the interpreter",
          "[jit]") {
  const fs::path dir = ScratchDir("many-rules");
  {
    std::ofstream policy(dir / "policy.collat");
    policy << ManyRulesPolicy(150);
    std::ofstream input(dir / "input.yaml");
    input << "valuation_date: 2026-03-31\nfx: {}\naccounts:\n  - id: A1\n    positions:\n";
    const char* ratings[] = {"AAA", "AA", "A", "BBB", "BB"};
    for (int p = 0; p < 60; ++p) {
      input << "      - { id: P" << p << ", rating: " << ratings[p % 5] << ", sector: s" << (p % 9)
            << ", quantity: " << (p * 37 % 1500) << ", market_value: 1000";
      if (p % 4 != 0) input << ", maturity: 2026-0" << (4 + p % 6) << "-1" << (p % 10);
      if (p == 13) input << ", sector: banned4";
      input << " }\n";
    }
  }
  const CompiledPolicy compiled = program::CompileFile((dir / "policy.collat").string());
  REQUIRE(compiled.policy);
  const runtime::LoadResult loaded =
      runtime::LoadInput(*compiled.policy, (dir / "input.yaml").string());
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const std::string expected = runtime::RenderJson(runtime::Evaluate(
      *compiled.policy, std::make_shared<const collat::runtime::Input>(loaded.input)));
  CHECK_THAT(expected, Catch::Contains("\"eligible\"") && Catch::Contains("\"ineligible\"") &&
                           Catch::Contains("\"unknown\""));
  for (const int level : {0, 2}) {
    auto kernel = Engine()->Compile(compiled.policy, {level, ""});
    REQUIRE(kernel.ok());
    INFO("-O" << level);
    CHECK(runtime::RenderJson(
              EvaluateWithKernel(*compiled.policy, (*kernel)->plan(), (*kernel)->fn(),
                                 std::make_shared<const collat::runtime::Input>(loaded.input))
                  .value()) == expected);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace collat::jit
