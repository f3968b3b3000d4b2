// Text constants get one slot each (compiler/number_texts.h), in declaration order, set members in
// consecutive slots: what the interpreter binds once per evaluation.
#include <catch2/catch.hpp>

#include "compiler/load_program.h"
#include "program/compile.h"

namespace collat {
namespace {

TEST_CASE("text constants and set members are numbered in declaration order", "[check]") {
  const CompiledPolicy compiled = program::CompileText(R"(policy texts "Texts" {
  version "1"
  effective 2026-01-01
  currency USD
}

position {
  issuer: text
  market_value: money
}

account {
  requirement: money
}

eligibility {
  accept a when issuer == "X"
  reject b when issuer in {"Y", "Z"} "barred"
}

haircut flat = 10%
)",
                                                       "texts.collat");
  REQUIRE(compiled.policy);
  const ir::Policy& p = *compiled.policy;
  CHECK(p.text_constants == std::vector<std::string>{"X", "Y", "Z"});
  const ir::Expr& eq = *p.rules[0].condition;
  REQUIRE(eq.op == ir::Op::Eq);
  CHECK(eq.args[1]->op == ir::Op::Const);
  CHECK(eq.args[1]->index == 0);
  const ir::Expr& in = *p.rules[1].condition;
  REQUIRE(in.op == ir::Op::InSet);
  CHECK(in.index == 1);  // "Y" at 1, "Z" at 2
}

}  // namespace
}  // namespace collat
