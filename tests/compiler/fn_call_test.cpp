// User functions (docs/language.md 3.7): each body is checked once per argument types and context
// and shared by its calls; calls of constant arguments fold; range analysis sees through calls.
#include <string>

#include <catch2/catch.hpp>

#include "compiler/load_program.h"
#include "program/compile.h"

namespace collat {
namespace {

CompiledPolicy Compile(const std::string& body) {
  const std::string text = R"(policy p { version "1" currency USD }
position { quantity: number  market_value: money  extra: percent  maybe: number? }
)" + body;
  return program::CompileText(text, "fn.collat");
}

std::vector<DiagnosticKind> Kinds(const CompiledPolicy& c) {
  std::vector<DiagnosticKind> out;
  for (const Diagnostic& d : c.diagnostics)
    out.push_back(d.kind);
  return out;
}

TEST_CASE("a function's body is shared by its calls", "[compiler][fn]") {
  const CompiledPolicy c = Compile(R"(fn inc(x: number): number = x + 1
eligibility {
  accept a when inc(quantity) > 2
  accept b when inc(quantity * 2) > 4
}
)");
  REQUIRE(c.policy);
  REQUIRE(c.policy->functions.size() == 1);
  const ir::Function& inc = c.policy->functions[0];
  CHECK(inc.name == "inc");
  CHECK(inc.body->op == ir::Op::Add);
  CHECK(inc.body->args[0]->op == ir::Op::Param);
  for (const ir::Rule& rule : c.policy->rules) {
    const ir::Expr& call = *rule.condition->args[0];
    CHECK(call.op == ir::Op::FnCall);
    CHECK(call.index == 0);
    REQUIRE(call.args.size() == 1);
  }
  CHECK(c.policy->rules[1].condition->args[0]->args[0]->op == ir::Op::Mul);
}

TEST_CASE("an optional argument gets a body of its own, typed by it", "[compiler][fn]") {
  const CompiledPolicy c = Compile(R"(fn inc(x: number): number = x + 1
eligibility {
  accept a when inc(quantity) > 2
  accept b when inc(maybe) > 2
}
)");
  REQUIRE(c.policy);
  REQUIRE(c.policy->functions.size() == 2);
  CHECK_FALSE(c.policy->functions[0].type.optional);
  CHECK(c.policy->functions[1].type.optional);  // `maybe` may be unknown, so may the sum
  CHECK(c.policy->rules[1].condition->args[0]->index == 1);
}

TEST_CASE("a call of constant arguments folds to its constant", "[compiler][fn]") {
  const CompiledPolicy c =
      Compile(R"(fn scaled(h: percent, days: number): percent = h * sqrt(days / 10)
haircut folded = scaled(2%, 40)
haircut kept = scaled(min(max(extra, 0%), 50%), 40)
)");
  REQUIRE(c.policy);
  // 0.02 * sqrt(40 / 10) = 0.02 * 2, computed as the evaluator would: 0.04.
  const ir::Expr& folded = *c.policy->components[0].value;
  REQUIRE(folded.op == ir::Op::Const);
  CHECK(folded.type.kind == ir::TypeKind::Percent);
  CHECK(folded.constant.number == 0.04);
  CHECK(c.policy->components[1].value->op == ir::Op::FnCall);
  CHECK(c.policy->functions.size() == 1);  // the folded call's body is not kept
}

TEST_CASE("a haircut's range is seen through function calls", "[compiler][fn]") {
  // clamp bounds any argument to [0, 1]; half of a clamped rate lies in [0, 0.5]; the square root
  // of a rate in [0, 1] lies in [0, 1].
  const CompiledPolicy ok = Compile(R"(fn clamp(x: percent): percent = min(max(x, 0%), 100%)
fn half(x: percent): percent = clamp(x) / 2
fn root(x: percent): percent = sqrt(clamp(x))
haircut a = clamp(extra)
haircut b = half(extra)
haircut c = root(extra)
)");
  CHECK(ok.policy);
  CHECK(ok.diagnostics.empty());
  // Unclamped, the same bodies can leave [0, 1]: 2 * extra is unbounded, and extra / 50% too.
  const CompiledPolicy over = Compile(R"(fn twice(x: percent): percent = 2 * x
fn ratio(x: percent): percent = x / 50%
haircut a = twice(10%)
haircut b = ratio(extra)
haircut c = twice(min(max(extra, 0%), 60%))
)");
  CHECK_FALSE(over.policy);
  // a folds to 20% (in range); b is unbounded; c lies in [0, 1.2].
  CHECK(Kinds(over) == std::vector<DiagnosticKind>{DiagnosticKind::haircut_out_of_range,
                                                   DiagnosticKind::haircut_out_of_range});
  REQUIRE(over.diagnostics.size() == 2);
  CHECK(over.diagnostics[0].message.find("`b`") != std::string::npos);
  CHECK(over.diagnostics[1].message.find("[0, 1.2]") != std::string::npos);
}

TEST_CASE("recursion through functions is still rejected", "[compiler][fn]") {
  const CompiledPolicy c = Compile(R"(fn f(x: number): number = g(x) + 1
fn g(x: number): number = f(x)
eligibility {
  accept a when f(quantity) > 0
}
)");
  CHECK_FALSE(c.policy);
  CHECK(Kinds(c) == std::vector<DiagnosticKind>{DiagnosticKind::recursive_function,
                                                DiagnosticKind::recursive_function});
}

}  // namespace
}  // namespace collat
