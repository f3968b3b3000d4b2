// Large matches and schedules (issue 9): the interpreter looks arms up by an index
// (runtime/match_index.h) from 16 arms, and the JIT skips a range of constant ascending schedule
// bands whose last band does not hold (jit/lower_outlined.cpp, BandsMiss). Both must give what
// the arms say in written order. Expected results worked out by hand from the policies below, on
// the interpreter and on the JIT at -O0 and -O2, with reports equal byte for byte.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

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

constexpr const char* kHeader = R"(policy large "Large matches" {
  version "1"
  effective 2026-01-01
  currency USD
  source "tests/jit/large_match_test.cpp"
}

position {
  issuer: text
  quantity: number
  score: number?
  sector: text?
  market_value: money
}

account {
  requirement: money
  cap: number
}

eligibility {
  accept all when quantity >= -1000000
}

)";

// 76 arms (more than the JIT's 64 per function). Indexed: equality on issuer (1, 2, the even
// fillers, late), ranges on quantity (3, the odd fillers [20+i, 21+i), big `> 500`), equality on
// the optional sector (sec). Not indexed: 0 (an `or`), s1 and s2 (ranges on score that overlap)
// and the `else`.
std::string MatchPolicy() {
  std::string out = kHeader;
  out += R"(haircut h = match {
  wide: quantity > 1000 or issuer == "W" => 2%
  a1: issuer == "A" => 3%
  a1dup: issuer == "A" => 4%
  q1: quantity >= 10 and quantity < 20 => 5%
  s1: score < 0 => 6%
)";
  for (int i = 5; i < 70; ++i) {
    if (i % 2 == 0) {
      out += fmt::format("  f{0}: issuer == \"F{0}\" => {1}%\n", i, i % 40 + 1);
    } else {
      out += fmt::format("  r{0}: {1} <= quantity and quantity < {2} => {3}%\n", i, 20 + i, 21 + i,
                         i % 40 + 1);
    }
  }
  out += R"(  sec: sector == "S" => 9%
  s2: score >= -10 and score < 3 => 10%
  late: issuer == "W" => 7%
  big: quantity > 500 => 8%
  other: else => 50%
}
)";
  return out;
}

struct Case {
  const char* issuer;
  const char* quantity;
  const char* score;   // "" for none
  const char* sector;  // "" for none
  const char* arm;     // "" when the haircut is unknown: then the missing field
  double haircut;
};

// By hand, from the arms in written order:
const std::vector<Case> kMatchCases = {
    {"A", "5", "1", "N", "a1", 0.03},          // a duplicate key: the first arm
    {"W", "5", "1", "N", "wide", 0.02},        // `late` is the issuer's; `wide` is earlier
    {"Z", "15", "1", "N", "q1", 0.05},         // range [10, 20)
    {"Z", "5", "-1", "N", "s1", 0.06},         // range on score
    {"Z", "5", "", "N", "", 0},                // s1 unknown (no score): the match is unknown
    {"F6", "5", "1", "N", "f6", 0.07},         // an equality filler: 6 % 40 + 1
    {"Z", "27", "1", "N", "r7", 0.08},         // a range filler: [27, 28)
    {"Z", "600", "5", "N", "big", 0.08},       // `> 500`, no upper end
    {"nobody", "5", "5", "N", "other", 0.5},   // a value no arm has: else
    {"Z", "20", "5", "N", "other", 0.5},       // 20 is outside [10, 20) and below [25, 26)
    {"A", "2000", "", "", "wide", 0.02},       // score and sector unknown: `wide` holds first
    {"Z", "28", "5", "N", "other", 0.5},       // [27, 28) excludes 28; 28 is f8's, by issuer
    {"F68", "89", "1", "N", "f68", 0.29},      // f68 (issuer) and r69 [89, 90) hold: the first
    {"Z", "0.5", "5", "N", "other", 0.5},      // below every range, score not below 3
    {"Z", "1000.5", "-1", "N", "wide", 0.02},  // `> 1000` before s1 and big
    {"Z", "5", "5", "S", "sec", 0.09},         // sector S
    {"Z", "5", "5", "", "", 0},                // sec unknown (no sector): the match is unknown
    {"F6", "5", "5", "", "f6", 0.07},          // f6 before sec: the sector is not needed
    {"Z", "5", "2", "N", "s2", 0.10},          // s2 [-10, 3), after s1
    {"W", "600", "2", "S", "wide", 0.02},      // wide, sec, s2, late and big hold: the first
};

// 80 bands `< 1`, `<= 1`, `< 2`, `<= 2`, ..., `< 40`, `<= 40` (band i: (i % 50 + 1)%), except
// band 70, `< cap: 60%`, not a constant (the account's cap is 1000): its range of
// bands is always tried, and bands 71 to 79 can never hold.
std::string BandsPolicy() {
  std::string out = kHeader;
  out += "haircut h = schedule quantity {\n";
  for (int i = 0; i < 80; ++i) {
    if (i == 70) {
      out += "  < cap: 60%\n";
      continue;
    }
    out += fmt::format("  {} {}: {}%\n", i % 2 == 0 ? "<" : "<=", i / 2 + 1, i % 50 + 1);
  }
  out += "  else: 70%\n}\n";
  return out;
}

// Quantity k (a whole number) takes band 2k - 1 (`<= k`), k + 0.5 band 2k (`< k + 1`).
const std::vector<Case> kBandCases = {
    {"Z", "0.5", "1", "N", "", 0.01},    // band 0
    {"Z", "1", "1", "N", "", 0.02},      // band 1: `< 1` fails, `<= 1` holds
    {"Z", "1.5", "1", "N", "", 0.03},    // band 2
    {"Z", "0.25", "1", "N", "", 0.01},   // band 0
    {"Z", "20", "1", "N", "", 0.40},     // band 39
    {"Z", "20.5", "1", "N", "", 0.41},   // band 40
    {"Z", "35", "1", "N", "", 0.20},     // band 69 (`<= 35`)
    {"Z", "35.5", "1", "N", "", 0.60},   // band 70 (`< 1000`)
    {"Z", "40", "1", "N", "", 0.60},     // band 70, not band 79
    {"Z", "999", "1", "N", "", 0.60},    // band 70
    {"Z", "1000", "1", "N", "", 0.70},   // else
    {"Z", "32.25", "1", "N", "", 0.15},  // band 64 (`< 33`): 64 % 50 + 1
};

std::string Input(const std::vector<Case>& cases) {
  std::string out =
      "valuation_date: 2026-06-30\naccounts:\n  - id: A0\n    requirement: 1000\n    cap: 1000\n"
      "    positions:\n";
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    out += fmt::format("      - {{ id: P{}, issuer: {}, quantity: {}", k, c.issuer, c.quantity);
    if (*c.score != '\0') out += fmt::format(", score: {}", c.score);
    if (*c.sector != '\0') out += fmt::format(", sector: {}", c.sector);
    out += ", market_value: 100 }\n";
  }
  return out;
}

void CheckReport(const Report& report, const std::vector<Case>& cases, bool arms) {
  const testing::ReportSnap snap = testing::Snapshot(report);
  REQUIRE(snap.accounts.size() == 1);
  const auto& positions = snap.accounts[0].positions;
  REQUIRE(positions.size() == cases.size());
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const testing::PositionSnap& p = positions[k];
    const Case& c = cases[k];
    INFO("position " << p.id << ": " << c.issuer << ", " << c.quantity);
    if (arms && *c.arm == '\0') {
      CHECK(p.status == Status::Unknown);
      CHECK(p.missing == std::vector<std::string>{*c.score == '\0' ? "score" : "sector"});
      continue;
    }
    CHECK(p.status == Status::Eligible);
    REQUIRE(p.components.size() == 1);
    CHECK(p.components[0].value == Approx(c.haircut).margin(1e-12));
    if (arms) CHECK(p.components[0].rule == c.arm);
    CHECK(p.adjusted_value == Approx(100 * (1 - c.haircut)).margin(1e-9));
  }
}

void CheckEngines(const std::string& policy, const std::vector<Case>& cases, bool arms) {
  const CompiledPolicy compiled = program::CompileText(policy, "large.collat");
  for (const Diagnostic& d : compiled.diagnostics)
    UNSCOPED_INFO(d.message);
  REQUIRE(compiled.policy);
  CHECK_FALSE(HasErrors(compiled.diagnostics));
  runtime::LoadResult loaded =
      runtime::LoadInputFromString(*compiled.policy, Input(cases), "input.yaml", "");
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));

  const Report interp = runtime::Evaluate(*compiled.policy, input);
  CheckReport(interp, cases, arms);
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
    CheckReport(*report, cases, arms);
    CHECK(runtime::RenderJson(*report) == reference);
  }
}

TEST_CASE("a large match picks the first arm that holds, indexed or not, on both engines",
          "[interp][jit]") {
  CheckEngines(MatchPolicy(), kMatchCases, true);
}

TEST_CASE("a large schedule skips ranges of bands that cannot hold, on both engines",
          "[interp][jit]") {
  CheckEngines(BandsPolicy(), kBandCases, false);
}

}  // namespace
}  // namespace collat
