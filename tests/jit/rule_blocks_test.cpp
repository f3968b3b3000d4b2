// Eligibility decided by blocks of positions (interpreter: rule-major over up to 64 positions,
// rules that read a let position by position; JIT: outlined rule functions over the kernel's
// whole range) gives each position what the rules say, in written order: rules, reasons and the
// order of unknown causes. 70 positions in one account (a block of 64, then 6) and 72 rules (more
// than the JIT's 64 per function), 72 limits likewise. Expected results worked out by hand from the
// rules below.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <fmt/format.h>

#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/report_snapshot.h"

namespace collat {
namespace {

std::string Policy() {
  std::string out = R"(policy blocks "Rule blocks" {
  version "1"
  effective 2026-01-01
  currency USD
  source "tests/jit/rule_blocks_test.cpp"
}

position {
  issuer: text
  quantity: number
  score: number?
  market_value: money
}

account {
  requirement: money
}

let ratio = 10 / quantity

eligibility {
  accept r0 when issuer == "A"
  accept r1 when ratio < 1
  reject r2 when score < -5 "low score"
  accept r3 when issuer in {"B", "C"}
  accept r4 when sqrt(score) > 100
  accept r5 when ratio < 1 and issuer == "A"
)";
  for (int i = 6; i < 72; ++i)
    out += fmt::format("  reject f{0} when issuer == \"F{0}\"\n", i);
  out += R"(}

haircut flat = 10%

limit l1 where ratio < 1 max 50000 USD
limit l2 where sqrt(score) > 0 max 50000 USD
)";
  for (int i = 0; i < 70; ++i)  // more than the JIT's 64 limits per function; no position in any
    out += fmt::format("limit g{0} where issuer == \"G{0}\" max 1 USD\n", i);
  return out;
}

// Position k (0-69) is of kind k % 6:
//   0: A, quantity 5, score 5    -> r0 holds (ratio 2): ELIGIBLE [r0]
//   1: Z, quantity 500, score 5  -> r1 holds (ratio 0.02), r4 false (sqrt 5): ELIGIBLE [r1]
//   2: A, quantity 500, no score -> r0, r1, r5 hold; r2 and r4 unknown (score): UNKNOWN [r2, r4],
//      missing [score]
//   3: Z, quantity 0, score -1   -> r1 unknown (division by zero), r4 unknown (square root of
//      -1), r5 false (its `issuer == "A"` is false, Kleene), r2 false: UNKNOWN [r1, r4], causes
//      in rule order although r1 reads a let (evaluated after the block's let-free rules)
//   4: F9, quantity 5, score -9  -> r2 and f9 hold: INELIGIBLE [r2, f9], "low score"
//   5: A, quantity 0, score -1   -> r0 holds, no reject holds or is unknown: eligible; then the
//      filters of l1 (reads a let: division by zero) and l2 (square root of -1) are unknown:
//      UNKNOWN, rules [r0], causes and parts in declaration order
std::string Input() {
  std::string out =
      "valuation_date: 2026-06-30\naccounts:\n  - id: A0\n    requirement: 1000\n"
      "    positions:\n";
  for (int k = 0; k < 70; ++k) {
    switch (k % 6) {
      case 0:
        out += fmt::format("      - {{ id: P{}, issuer: A, quantity: 5, score: 5", k);
        break;
      case 1:
        out += fmt::format("      - {{ id: P{}, issuer: Z, quantity: 500, score: 5", k);
        break;
      case 2:
        out += fmt::format("      - {{ id: P{}, issuer: A, quantity: 500", k);
        break;
      case 3:
        out += fmt::format("      - {{ id: P{}, issuer: Z, quantity: 0, score: -1", k);
        break;
      case 4:
        out += fmt::format("      - {{ id: P{}, issuer: F9, quantity: 5, score: -9", k);
        break;
      default:
        out += fmt::format("      - {{ id: P{}, issuer: A, quantity: 0, score: -1", k);
        break;
    }
    out += ", market_value: 100 }\n";
  }
  return out;
}

void CheckReport(const Report& report) {
  const testing::ReportSnap snap = testing::Snapshot(report);
  REQUIRE(snap.accounts.size() == 1);
  const auto& positions = snap.accounts[0].positions;
  REQUIRE(positions.size() == 70);
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const testing::PositionSnap& p = positions[k];
    INFO("position " << p.id);
    switch (k % 6) {
      case 0:
        CHECK(p.status == Status::Eligible);
        CHECK(p.rules == std::vector<std::string>{"r0"});
        break;
      case 1:
        CHECK(p.status == Status::Eligible);
        CHECK(p.rules == std::vector<std::string>{"r1"});
        break;
      case 2:
        CHECK(p.status == Status::Unknown);
        CHECK(p.rules == std::vector<std::string>{"r2", "r4"});
        CHECK(p.missing == std::vector<std::string>{"score"});
        CHECK(p.reason == "unknown: score");
        break;
      case 3:
        CHECK(p.status == Status::Unknown);
        CHECK(p.rules == std::vector<std::string>{"r1", "r4"});
        CHECK(p.missing.empty());
        CHECK(p.reason == "unknown: division by zero, square root of a negative number");
        break;
      case 4:
        CHECK(p.status == Status::Ineligible);
        CHECK(p.rules == std::vector<std::string>{"r2", "f9"});
        CHECK(p.reason == "low score");
        break;
      default:
        CHECK(p.status == Status::Unknown);
        CHECK(p.rules == std::vector<std::string>{"r0"});
        CHECK(p.missing.empty());
        CHECK(p.reason ==
              "unknown: division by zero, square root of a negative number (limit l1, limit l2)");
        break;
    }
  }
}

TEST_CASE("eligibility by blocks of positions keeps written order on both engines",
          "[interp][jit]") {
  const CompiledPolicy compiled = program::CompileText(Policy(), "blocks.collat");
  REQUIRE(compiled.policy);
  runtime::LoadResult loaded =
      runtime::LoadInputFromString(*compiled.policy, Input(), "input.yaml", "");
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));

  const Report interp = runtime::Evaluate(*compiled.policy, input);
  CheckReport(interp);
  const std::string reference = runtime::RenderJson(interp);
  CHECK(runtime::RenderJson(runtime::Evaluate(*compiled.policy, input, 2)) == reference);

  auto engine = jit::JitEngine::Create();
  REQUIRE(engine.ok());
  for (const int level : {0, 2}) {
    INFO("JIT -O" << level);
    auto kernel = (*engine)->Compile(compiled.policy, jit::JitOptions{level, ""});
    REQUIRE(kernel.ok());
    const auto report =
        jit::EvaluateWithKernel(*compiled.policy, (*kernel)->plan(), (*kernel)->fn(), input);
    REQUIRE(report.ok());
    CheckReport(*report);
    CHECK(runtime::RenderJson(*report) == reference);
  }
}

}  // namespace
}  // namespace collat
