// The scaling benchmark's generated policies (bench/scaling_policy_generator.h) at 2,000 rules,
// match arms, schedule bands and limits: each checks clean, and the interpreter and the JIT at -O0
// and -O2 give every position the result the generator's construction says (status, deciding
// rule, haircut rate and arm, adjusted value, excess), with reports equal byte for byte. Speed is
// measured by bench/scaling, never here.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "bench/scaling_policy_generator.h"
#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/report_snapshot.h"

namespace collat::bench {
namespace {

constexpr std::size_t kItems = 2000;
constexpr std::size_t kPositions = 200;

void CheckPosition(const testing::PositionSnap& got, const ExpectedPosition& want) {
  INFO("position " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.status == (want.eligible ? Status::Eligible : Status::Ineligible));
  CHECK(got.rules == want.rules);
  CHECK(got.reason == want.reason);
  CHECK(got.market_value == 1000);
  if (!want.eligible) {
    CHECK(got.components.empty());
    CHECK(got.adjusted_value == 0);
    return;
  }
  REQUIRE(got.components.size() == 1);
  CHECK(got.components[0].known);
  CHECK(got.components[0].value == Approx(want.haircut).margin(1e-12));
  CHECK(got.components[0].rule == want.arm);
  CHECK(got.adjusted_value == Approx(want.adjusted_value).margin(0.001));
  CHECK(got.excess == Approx(want.excess).margin(0.001));
  CHECK(got.counted_value == Approx(want.adjusted_value - want.excess).margin(0.001));
}

void CheckReport(const testing::ReportSnap& report, const ScalingCase& c) {
  std::size_t k = 0;
  for (const testing::AccountSnap& account : report.accounts) {
    for (const testing::PositionSnap& p : account.positions) {
      REQUIRE(k < c.expected.size());
      CheckPosition(p, c.expected[k++]);
    }
  }
  CHECK(k == c.expected.size());
}

void CheckShape(ScalingShape shape) {
  const ScalingCase c = GenerateScalingCase(shape, kItems, kPositions);
  INFO(ScalingShapeName(shape));
  const CompiledPolicy compiled = program::CompileText(c.policy, "scaling.collat");
  REQUIRE(compiled.policy);
  CHECK(compiled.diagnostics.empty());
  const runtime::LoadResult loaded =
      runtime::LoadInputFromString(*compiled.policy, c.input, "input.yaml", "");
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  REQUIRE(loaded.input.positions.ids.size() == kPositions + 2);

  const auto input = std::make_shared<const runtime::Input>(loaded.input);
  const Report interpreted = runtime::Evaluate(*compiled.policy, input);
  CheckReport(testing::Snapshot(interpreted), c);
  const std::string reference = runtime::RenderJson(interpreted);

  auto engine = jit::JitEngine::Create();
  REQUIRE(engine.ok());
  for (const int level : {0, 2}) {
    INFO("JIT -O" << level);
    auto kernel = (*engine)->Compile(compiled.policy, jit::JitOptions{level, ""});
    REQUIRE(kernel.ok());
    const Report jitted =
        jit::EvaluateWithKernel(*compiled.policy, (*kernel)->plan(), (*kernel)->fn(), input)
            .value();
    CheckReport(testing::Snapshot(jitted), c);
    CHECK(runtime::RenderJson(jitted) == reference);
  }
}

TEST_CASE("2,000 generated eligibility rules decide as constructed on both engines", "[scaling]") {
  CheckShape(ScalingShape::Rules);
}

TEST_CASE("a generated match of 2,000 arms picks the constructed arm on both engines",
          "[scaling]") {
  CheckShape(ScalingShape::Arms);
}

TEST_CASE("a generated schedule of 2,000 bands picks the constructed band on both engines",
          "[scaling]") {
  CheckShape(ScalingShape::Bands);
}

TEST_CASE("2,000 generated limits remove the constructed excess on both engines", "[scaling]") {
  CheckShape(ScalingShape::Limits);
}

TEST_CASE("the scaling generator spreads positions over every kind of item", "[scaling]") {
  // With as many positions as items, every item is hit once: each rule kind, both arm kinds,
  // both band operators and every limit form occur.
  const ScalingCase rules = GenerateScalingCase(ScalingShape::Rules, 30, 30);
  REQUIRE(rules.expected.size() == 32);
  CHECK(rules.expected[0].rules == std::vector<std::string>{"a0"});
  CHECK(rules.expected[1].rules == std::vector<std::string>{"b1"});
  CHECK(rules.expected[2].rules == std::vector<std::string>{"c2"});
  CHECK_FALSE(rules.expected[2].eligible);
  CHECK(rules.expected[30].reason == "no accept rule holds");
  const ScalingCase limits = GenerateScalingCase(ScalingShape::Limits, 5, 5);
  CHECK(limits.expected[0].excess == 400);  // 900 adjusted, capped at 500
  CHECK(limits.expected[4].excess == 0);    // capped at 900
  const ScalingCase bands = GenerateScalingCase(ScalingShape::Bands, 10, 10);
  CHECK(bands.expected[10].haircut == 0.5);   // beyond the last bound: else
  CHECK(bands.expected[11].haircut == 0.02);  // quantity 2 on `<= 2`: band 1
}

}  // namespace
}  // namespace collat::bench
