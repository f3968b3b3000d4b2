// The benchmark baselines compute what the JIT computes: on a generated 20,000-position basket of
// each policy with a hand-written kernel (bench/handwritten_*.cpp), its outputs equal the JIT
// kernel's byte for byte, its statuses equal the interpreter's, the LuaJIT kernel's outputs equal
// it, and the full report through jit::EvaluateWithKernel equals runtime::Evaluate's JSON. Also
// checks that each basket exercises every rule, match arm and status the policy has.
#include <catch2/catch.hpp>
#include <cstring>
#include <functional>
#include <set>
#include <string>

#include "bench/basket.h"
#include "bench/handwritten_kernels.h"
#include "bench/interpreter_step2.h"
#include "bench/kernel_outputs.h"
#include "bench/luajit_kernel.h"
#include "bench/years_table.h"
#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "jit/kernel_input.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/report_json.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"
#include "tests/test_support.h"

namespace collat::bench {
namespace {

constexpr std::size_t kPositions = 20'000;

std::shared_ptr<const ir::Policy> Policy(const std::string& name) {
  const CompiledPolicy compiled =
      program::CompileFile(testing::RepoPath("policies/" + name + ".collat"));
  REQUIRE(compiled.policy);
  return compiled.policy;
}

std::uint8_t KernelStatus(runtime::Status status) {
  switch (status) {
    case runtime::Status::Eligible:
      return jit::kStatusEligible;
    case runtime::Status::Ineligible:
      return jit::kStatusIneligible;
    case runtime::Status::Unknown:
      return jit::kStatusUnknown;
    case runtime::Status::Rejected:
      return jit::kStatusSkipped;
  }
  return jit::kStatusSkipped;
}

// A kernel's outputs over the whole input, laid out by its own KernelInput.
struct Run {
  Run(const ir::Policy& policy, const jit::KernelPlan& plan, const runtime::Input& input,
      const runtime::InForce& in_force)
      : text(input.text), in(policy, plan, input, in_force, text) {}
  runtime::TextBinder text;
  jit::KernelInput in;
};

// Every rule holds for some position, every arm of the plan is picked by some eligible position,
// and every status the policy can produce occurs.
void CheckCoverage(const ir::Policy& policy, const jit::KernelPlan& plan, const Run& run,
                   const std::set<std::uint8_t>& statuses,
                   const std::set<std::string>& never_true) {
  const jit::KernelArgs& a = run.in.args();
  const std::size_t rules = policy.rules.size();
  const std::size_t components = policy.components.size();
  std::vector<bool> rule_true(rules, false);
  std::vector<bool> arm_picked(plan.arm_labels.size(), false);
  std::set<std::uint8_t> seen;
  for (std::size_t i = 0; i < run.in.positions(); ++i) {
    seen.insert(a.status[i]);
    if (a.status[i] != jit::kStatusEligible && a.status[i] != jit::kStatusIneligible) continue;
    for (std::size_t r = 0; r < rules; ++r) {
      if (a.rule_state[i * rules + r] == jit::kRuleTrue) rule_true[r] = true;
    }
    if (a.status[i] != jit::kStatusEligible) continue;
    for (std::size_t c = 0; c < components; ++c) {
      const std::size_t slot = i * components + c;
      for (std::size_t k = 0; k < a.trace_length[slot]; ++k)
        arm_picked[static_cast<std::size_t>(a.trace[slot * plan.max_trace + k])] = true;
    }
  }
  for (std::size_t r = 0; r < rules; ++r) {
    INFO("rule " << policy.rules[r].id);
    CHECK((rule_true[r] || a.rule_in_force[r] == 0 || never_true.contains(policy.rules[r].id)));
  }
  for (std::size_t arm = 0; arm < arm_picked.size(); ++arm) {
    INFO("arm " << plan.arm_labels[arm]);
    CHECK(arm_picked[arm]);
  }
  CHECK(seen == statuses);
}

// `market` changes the generated market fields; rules in `never_true` may hold for no position.
void CheckPolicy(const std::string& name, const std::set<std::uint8_t>& statuses,
                 const std::set<std::string>& never_true = {},
                 const std::function<void(const ir::Policy&, runtime::Market&)>& market = {}) {
  const auto policy = Policy(name);
  runtime::Input input = *GenerateBasket(*policy, kPositions, 7);
  if (market) market(*policy, input.market);
  const runtime::InForce in_force = runtime::SelectVersions(*policy, input.market.valuation_date);

  const auto engine = jit::JitEngine::Create();
  REQUIRE(engine.ok());
  const auto compiled = (*engine)->Compile(policy, jit::JitOptions{2, ""});
  REQUIRE(compiled.ok());
  const jit::KernelPlan& plan = (*compiled)->plan();
  const jit::KernelFn handwritten = PrepareHandwrittenKernel(*policy, plan);
  REQUIRE(handwritten != nullptr);

  Run hand(*policy, plan, input, in_force);
  hand.in.Run(handwritten, 0, input.positions.size());
  CheckCoverage(*policy, plan, hand, statuses, never_true);

  // The JIT kernel writes the same bytes.
  Run jitted(*policy, plan, input, in_force);
  jitted.in.Run((*compiled)->fn(), 0, input.positions.size());
  CHECK(FirstKernelDifference(*policy, jitted.in, hand.in) == "");

  // The interpreter decides the same statuses.
  const std::vector<runtime::Status> interpreted = InterpretPositions(*policy, input);
  std::size_t status_mismatches = 0;
  for (std::size_t i = 0; i < interpreted.size(); ++i) {
    if (KernelStatus(interpreted[i]) != hand.in.args().status[i]) ++status_mismatches;
  }
  CHECK(status_mismatches == 0);

  // The LuaJIT kernel writes the same bytes.
  auto lua = LuaKernel::Load(*policy, plan, COLLAT_BENCH_LUA_DIR);
  INFO((lua.ok() ? "" : lua.error()));
  REQUIRE(lua.ok());
  Run scripted(*policy, plan, input, in_force);
  CHECK((*lua)->Run(scripted.in.args(), 0, input.positions.size()) == "");
  CHECK(FirstKernelDifference(*policy, hand.in, scripted.in) == "");

  // The whole report through the hand-written kernel, on one thread and on three. The reports
  // refer to `input`, which outlives them (a non-owning pointer).
  const std::shared_ptr<const runtime::Input> shared(std::shared_ptr<void>{}, &input);
  const std::string expected = runtime::RenderJson(runtime::Evaluate(*policy, shared));
  CHECK(runtime::RenderJson(jit::EvaluateWithKernel(*policy, plan, handwritten, shared).value()) ==
        expected);
  CHECK(runtime::RenderJson(
            jit::EvaluateWithKernel(*policy, plan, handwritten, shared, 3).value()) == expected);
}

TEST_CASE("us_uncleared_margin: hand-written, JIT, LuaJIT and interpreter agree", "[bench]") {
  CheckPolicy("us_uncleared_margin", {jit::kStatusEligible, jit::kStatusIneligible,
                                      jit::kStatusUnknown, jit::kStatusSkipped});
}

TEST_CASE("crypto_tiered: hand-written, JIT, LuaJIT and interpreter agree", "[bench]") {
  // USDT is suspended only while the market flag is set: the next case sets it.
  CheckPolicy("crypto_tiered", {jit::kStatusEligible, jit::kStatusIneligible, jit::kStatusSkipped},
              {"usdt_suspended"});
}

TEST_CASE("crypto_tiered with USDT de-pegged: the kernels agree", "[bench]") {
  CheckPolicy("crypto_tiered", {jit::kStatusEligible, jit::kStatusIneligible, jit::kStatusSkipped},
              {}, [](const ir::Policy& policy, runtime::Market& market) {
                const auto field =
                    static_cast<std::size_t>(policy.FindMarketField("usdt_depegged"));
                market.fields[field] = ir::Value::Bool(true);
              });
}

TEST_CASE("cme_performance_bond: hand-written, JIT, LuaJIT and interpreter agree", "[bench]") {
  CheckPolicy("cme_performance_bond", {jit::kStatusEligible, jit::kStatusIneligible,
                                       jit::kStatusUnknown, jit::kStatusSkipped});
}

TEST_CASE("YearsTable computes runtime::YearsBetween to the bit", "[bench]") {
  const std::int64_t from = ir::DaysFromCivil(2024, 2, 29);
  const YearsTable table(from);
  for (std::int64_t to = from - 800; to < from + 120 * 366; to += 1) {
    const double expected = runtime::YearsBetween(from, to);
    const double actual = table.Between(to);
    INFO("to " << to);
    REQUIRE(std::memcmp(&expected, &actual, sizeof(double)) == 0);
  }
}

}  // namespace
}  // namespace collat::bench
