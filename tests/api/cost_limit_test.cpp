// EngineOptions::max_cost (docs/embedding.md, docs/language.md 16.5).
#include <string>

#include <catch2/catch.hpp>

#include "collat/engine.h"

namespace collat {
namespace {

constexpr const char* kChain = R"(policy p { version "1" currency USD }
position { quantity: number  market_value: money }
let x0 = quantity
let x1 = x0 + x0
let x2 = x1 + x1
eligibility {
  accept r when x2 > 0
}
)";

Engine Interpreter(std::uint64_t max_cost) {
  EngineOptions options;
  options.engine = EngineKind::Interpreter;
  options.max_cost = max_cost;
  auto engine = Engine::Create(options);
  REQUIRE(engine.ok());
  return std::move(engine.value());
}

TEST_CASE("max_cost 0 is an InvalidArgument error", "[api][cost]") {
  EngineOptions options;
  options.engine = EngineKind::Interpreter;
  options.max_cost = 0;
  const auto engine = Engine::Create(options);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.error().code == ErrorCode::InvalidArgument);
  CHECK(engine.error().message.find("max_cost") != std::string::npos);
}

TEST_CASE("a policy over max_cost is a Compile error naming cost_limit_exceeded", "[api][cost]") {
  // The chain costs 10 nodes per position (tests/compiler/cost_test.cpp).
  CHECK(Interpreter(10).CompileSource(kChain, "chain.collat").ok());
  const auto over = Interpreter(9).CompileSource(kChain, "chain.collat");
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == ErrorCode::Compile);
  bool found = false;
  for (const DiagnosticInfo& d : over.error().diagnostics) {
    if (d.code != "cost_limit_exceeded") continue;
    found = true;
    CHECK(d.line == 7);
  }
  CHECK(found);
}

}  // namespace
}  // namespace collat
