// The program seam (program/): every engine's program gives the same report for the same input,
// the tiered program picks its engine by input size, the policy hash comes from the checker, and
// the policy test runner evaluates through a factory.
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <filesystem>

#include "compiler/policy_hash.h"
#include "program/policy_test.h"
#include "program/program_factory.h"
#include "program/tiered_program.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/test_support.h"

namespace collat::program {
namespace {

namespace fs = std::filesystem;
using Kind = EngineChoice::Kind;

std::string Render(const Program& program, const runtime::Input& input, unsigned threads = 1) {
  Result<Report> report =
      program.Evaluate(std::make_shared<const runtime::Input>(input), {threads});
  REQUIRE(report.ok());
  CHECK(report->policy_sha256() == program.sha256());
  return runtime::RenderJson(*report);
}

TEST_CASE("every engine's program renders the same report", "[program]") {
  const ProgramFactory interp({Kind::Interp, {}, ""});
  const Compiled compiled = interp.CompileFile(testing::RepoPath("policies/crypto_tiered.collat"));
  REQUIRE(compiled.program);
  CHECK(compiled.program->engine() == Engine::Interp);
  const runtime::LoadResult loaded = runtime::LoadInput(
      compiled.program->policy(), testing::RepoPath("examples/inputs/crypto_tiered.yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const std::string expected = Render(*compiled.program, loaded.input);
  CHECK(expected.find(compiled.program->sha256()) != std::string::npos);

  const Compiled jit =
      interp.WithChoice({Kind::Jit, 0, ""}).Make(compiled.program->shared_policy());
  REQUIRE(jit.program);
  CHECK(jit.program->engine() == Engine::Jit);
  CHECK(Render(*jit.program, loaded.input, 3) == expected);

  const Compiled tiered = interp.WithChoice(EngineChoice{}).Make(compiled.program->shared_policy());
  REQUIRE(tiered.program);
  CHECK(tiered.program->engine() == Engine::Tiered);
  CHECK(Render(*tiered.program, loaded.input) == expected);  // below the tier: interpreted

  // Forced over the tier (every input is large): the -O2 kernel, compiled on first use, reused.
  auto host = std::make_shared<JitHost>();
  const TieredProgram native(compiled.program->shared_policy(), host, "", 0);
  CHECK(Render(native, loaded.input) == expected);
  CHECK(Render(native, loaded.input, 2) == expected);
}

TEST_CASE("an -O level alone forces the JIT; no -O and no engine is tiered", "[program]") {
  const std::string path = testing::RepoPath("policies/crypto_tiered.collat");
  CHECK(ProgramFactory({Kind::Auto, 1, ""}).CompileFile(path).program->engine() == Engine::Jit);
  CHECK(ProgramFactory({Kind::Jit, {}, ""}).CompileFile(path).program->engine() == Engine::Jit);
  CHECK(ProgramFactory(EngineChoice{}).CompileFile(path).program->engine() == Engine::Tiered);
}

TEST_CASE("the checker computes the policy hash once, of the canonical source", "[program]") {
  const ProgramFactory factory({Kind::Interp, {}, ""});
  const std::string text = testing::ReadFile(
      testing::RepoPath("tests/golden/eval/collateral_value_fixed_point/policy.collat"));
  std::string reformatted = text;
  reformatted.replace(reformatted.find("version \"1\""), 11, "version     \"1\"");
  std::string changed = text;
  changed.replace(changed.find("version \"1\""), 11, "version \"2\"");
  const Compiled a = factory.CompileText(text, "p.collat");
  const Compiled b = factory.CompileText(reformatted, "p.collat");
  const Compiled c = factory.CompileText(changed, "p.collat");
  REQUIRE(a.program);
  REQUIRE(b.program);
  REQUIRE(c.program);
  CHECK(a.program->sha256().size() == 64);
  CHECK(a.program->sha256() == Sha256Hex(a.program->policy().canonical_source));
  CHECK(a.program->sha256() == b.program->sha256());
  CHECK(a.program->sha256() != c.program->sha256());
}

TEST_CASE("a policy with errors has diagnostics and no program", "[program]") {
  const Compiled compiled =
      ProgramFactory(EngineChoice{}).CompileText("policy p { bogus }\n", "p.collat");
  CHECK_FALSE(compiled.program);
  CHECK(HasErrors(compiled.diagnostics));
  CHECK(compiled.engine_error.empty());
}

TEST_CASE("a tiered program reports a refused cache when it is made", "[program]") {
  const fs::path dir = fs::temp_directory_path() / "collat_program_open_cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0777);
  const Compiled compiled = ProgramFactory({Kind::Auto, {}, dir.string()})
                                .CompileFile(testing::RepoPath("policies/crypto_tiered.collat"));
  REQUIRE(compiled.program);
  REQUIRE(compiled.diagnostics.size() == 1);
  CHECK(compiled.diagnostics[0].kind == DiagnosticKind::object_cache_refused);
  CHECK(compiled.diagnostics[0].message.find("0777") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the policy test runner evaluates through the factory it is given", "[program]") {
  const std::string tests = testing::RepoPath("policies/crypto_tiered.test.yaml");
  for (const ProgramFactory& factory :
       {ProgramFactory({Kind::Interp, {}, ""}), ProgramFactory({Kind::Jit, 0, ""})}) {
    const TestFileResult result = RunPolicyTests(tests, factory, {}, {2});
    CHECK(result.diagnostics.empty());
    REQUIRE_FALSE(result.cases.empty());
    for (const CaseResult& c : result.cases)
      CHECK(c.passed());
  }
}

// The report's string tables and index columns, not only its renderings, are the same for any
// thread count and engine: arm labels are interned per range of accounts and merged in range order.
// In the example, CP-001 meets the arms in this order (p1 cash, p2-p3 sovereigns, p4 public debt,
// p5 S&P 500, p6 S&P 1500, p7 gold); CP-002 (q1 GNMA, q2 FHLB, q3 GBP cash, q4 S&P 500) meets no
// new one, in another order, so its range's codes are renumbered on two threads.
TEST_CASE("a report's columns do not depend on the thread count or the engine", "[program]") {
  const ProgramFactory interp({Kind::Interp, {}, ""});
  const Compiled compiled =
      interp.CompileFile(testing::RepoPath("policies/us_uncleared_margin.collat"));
  REQUIRE(compiled.program);
  runtime::LoadResult loaded = runtime::LoadInput(
      compiled.program->policy(), testing::RepoPath("examples/inputs/us_uncleared_margin.yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));
  const Compiled jit =
      interp.WithChoice({Kind::Jit, 0, ""}).Make(compiled.program->shared_policy());
  REQUIRE(jit.program);
  const std::vector<std::string> arms = {
      "",          "cash_same_currency", "government_row", "other_debt_row",
      "sp500_row", "sp1500_row",         "gold_row"};
  const Result<Report> one = compiled.program->Evaluate(input, {1});
  REQUIRE(one.ok());
  CHECK(one->columns().arms == arms);
  for (const Program* program : {compiled.program.get(), jit.program.get()}) {
    for (const unsigned threads : {1u, 2u}) {
      INFO(EngineName(program->engine()) << " threads " << threads);
      const Result<Report> r = program->Evaluate(input, {threads});
      REQUIRE(r.ok());
      CHECK(r->columns().arms == arms);
      CHECK(r->columns().component_arm == one->columns().component_arm);
      CHECK(r->columns().reason == one->columns().reason);
      CHECK(r->columns().rule_bits == one->columns().rule_bits);
      const AccountView cp2 = r->accounts()[1];
      REQUIRE(cp2.positions().size() == 4);
      CHECK(cp2.positions()[0].components().begin() != cp2.positions()[0].components().end());
      CHECK((*cp2.positions()[0].components().begin()).rule() == "government_row");
      CHECK((*cp2.positions()[2].components().begin()).rule() == "cash_same_currency");
    }
  }
}

}  // namespace
}  // namespace collat::program
