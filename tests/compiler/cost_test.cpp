// The static cost estimate and its limit (docs/language.md 16.5).
#include "compiler/cost.h"

#include <chrono>
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

std::string DoublingChain(int levels, const char* f0_body) {
  std::string text = R"(policy p { version "1" currency USD }
position { quantity: number  market_value: money }
)";
  text += std::string("fn f0(x: number): number = ") + f0_body + "\n";
  for (int i = 1; i <= levels; ++i) {
    text += "fn f" + std::to_string(i) + "(x: number): number = f" + std::to_string(i - 1) +
            "(x) + f" + std::to_string(i - 1) + "(x)\n";
  }
  text += "eligibility {\n  accept r when f" + std::to_string(levels) + "(quantity) > 0\n}\n";
  return text;
}

TEST_CASE("a doubling chain of functions is rejected fast, at the rule, with its cost",
          "[compiler][cost]") {
  const std::string text = DoublingChain(60, "x");
  const auto start = std::chrono::steady_clock::now();
  const CompiledPolicy c = Compile(text.c_str(), kDefaultMaxCost);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(c.policy);
  REQUIRE(c.diagnostics.size() == 1);
  const Diagnostic& d = c.diagnostics[0];
  CHECK(d.kind == DiagnosticKind::cost_limit_exceeded);
  REQUIRE(d.file);
  CHECK(d.file->Locate(d.range.begin).line == 65);
  // f0 = x costs its argument once; f(k) = f(k-1)(x) + f(k-1)(x) costs 1 (the `+`) and two calls
  // (1 each, plus the callee's body): c(k) = 3 + 2 c(k-1), so c(k) = 3 (2^k - 1), and it reads x
  // 2^k times. The rule: `>` (1), the constant (1), the call (1 + c(60)) and the argument
  // `quantity` read 2^60 times: 3 + 3 (2^60 - 1) + 2^60 = 2^62.
  CHECK(d.message.find("estimated cost per position is 4611686018427387904 IR nodes") !=
        std::string::npos);
  CHECK(d.message.find("rule `r` alone costs 4611686018427387904") != std::string::npos);
  // Checking shares each body: 61 bodies, not 2^61 copies (inlining took 4 s and 180 MB here).
  CHECK(elapsed < std::chrono::seconds(2));
}

TEST_CASE("a function's body counts at each call, its argument at each read", "[compiler][cost]") {
  // f2 = f1(x) + f1(x), f1 = f0(x) + f0(x), f0 = x + 1: c(0) = 2 (`+`, `1`) reading x once;
  // c(1) = 1 + 2 (1 + 2) = 7, reading x twice; c(2) = 1 + 2 (1 + 7) = 17, reading x 4 times.
  // The rule: `>` and `0` (2), the call (1 + 17) and 4 reads of `quantity`: 24.
  const CompiledPolicy c = Compile(DoublingChain(2, "x + 1").c_str(), kDefaultMaxCost);
  REQUIRE(c.policy);
  CHECK(c.policy->functions.size() == 3);
  CHECK(EstimateCost(*c.policy).per_position == 24);
  CHECK(Compile(DoublingChain(2, "x + 1").c_str(), 24).policy);
  CHECK_FALSE(Compile(DoublingChain(2, "x + 1").c_str(), 23).policy);
}

}  // namespace
}  // namespace collat
