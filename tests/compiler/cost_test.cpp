// The static cost estimate and its limit (docs/language.md 16.5).
#include "compiler/cost.h"

#include <string>

#include <catch2/catch.hpp>

#include "compiler/load_program.h"
#include "program/compile.h"

namespace collat {
namespace {

// x2 reads x1 twice and x1 reads x0 twice; a shared let counts once.
constexpr const char* kChain = R"(policy p { version "1" currency USD }
position { quantity: number  market_value: money }
let x0 = quantity
let x1 = x0 + x0
let x2 = x1 + x1
eligibility {
  accept r when x2 > 0
}
)";

CompiledPolicy Compile(const char* text, std::uint64_t max_cost) {
  CheckerOptions options;
  options.max_cost = max_cost;
  return program::CompileText(text, "chain.collat", {}, options);
}

bool HasKind(const CompiledPolicy& c, DiagnosticKind kind) {
  for (const Diagnostic& d : c.diagnostics)
    if (d.kind == kind) return true;
  return false;
}

TEST_CASE("shared lets count once in the cost estimate", "[compiler][cost]") {
  const CompiledPolicy c = Compile(kChain, kDefaultMaxCost);
  REQUIRE(c.policy);
  // `x2 > 0`: the comparison, the constant and the read of x2 (3); x2's value: `+` and two reads
  // of x1 (3); x1's value: `+` and two reads of x0 (3); x0's value: the field (1). A tree would be
  // 3 + 3 + 2 * (3 + 2 * 1) = 16.
  const CostEstimate estimate = EstimateCost(*c.policy);
  CHECK(estimate.per_position == 10);
  CHECK(estimate.per_account == 0);
}

TEST_CASE("a policy over the cost limit is rejected at its costliest declaration",
          "[compiler][cost]") {
  CHECK(Compile(kChain, 10).policy);
  const CompiledPolicy over = Compile(kChain, 9);
  CHECK_FALSE(over.policy);
  REQUIRE(HasKind(over, DiagnosticKind::cost_limit_exceeded));
  for (const Diagnostic& d : over.diagnostics) {
    if (d.kind != DiagnosticKind::cost_limit_exceeded) continue;
    REQUIRE(d.file);
    CHECK(d.file->Locate(d.range.begin).line == 7);
    CHECK(d.message.find("rule `r` alone costs 10") != std::string::npos);
  }
}

TEST_CASE("inlining a doubling chain of functions stops at the limit", "[compiler][cost]") {
  std::string text = R"(policy p { version "1" currency USD }
position { quantity: number  market_value: money }
fn f0(x: number): number = x
)";
  for (int i = 1; i <= 60; ++i) {
    text += "fn f" + std::to_string(i) + "(x: number): number = f" + std::to_string(i - 1) +
            "(x) + f" + std::to_string(i - 1) + "(x)\n";
  }
  text += "eligibility {\n  accept r when f60(quantity) > 0\n}\n";
  const CompiledPolicy c = Compile(text.c_str(), 10'000);
  CHECK_FALSE(c.policy);
  CHECK(HasKind(c, DiagnosticKind::cost_limit_exceeded));
}

}  // namespace
}  // namespace collat
