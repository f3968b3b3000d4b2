// Throughput of a policy's per-position work (step 2 of docs/language.md 15.2) on a generated
// 1,000,000-position basket, for us_uncleared_margin, crypto_tiered and cme_performance_bond, by
// four engines in one run: the hand-written C++ kernel, the JIT kernel (-O2), the reference
// interpreter (runtime::EvaluatePosition per position) and the LuaJIT kernel; plus the full report
// (steps 1-5) by the interpreter (runtime::Evaluate) and through the JIT and hand-written kernels
// (jit::EvaluateWithKernel). One thread each. Names are <row>/<policy>/<engine>; items are
// positions, so items_per_second is positions per second per core. bench/run turns the JSON output
// into the tables of docs/performance.md. Run from the repository root.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "bench/basket.h"
#include "bench/handwritten_kernels.h"
#include "bench/interpreter_step2.h"
#include "bench/luajit_kernel.h"
#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "jit/kernel_input.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/text_binder.h"
#include "runtime/versions.h"

namespace collat::bench {
namespace {

constexpr std::size_t kPositions = 1'000'000;
constexpr std::uint64_t kSeed = 42;
constexpr const char* kPolicies[] = {"us_uncleared_margin", "crypto_tiered",
                                     "cme_performance_bond"};

// One policy's basket, compiled kernels and kernel input. Only one is alive at a time (a
// 1,000,000-position kernel input holds several hundred MB of outputs).
struct Fixture {
  std::string name;
  std::shared_ptr<const ir::Policy> policy;
  std::optional<runtime::Input> input;
  std::shared_ptr<const jit::Kernel> jit;
  jit::KernelFn handwritten = nullptr;
  std::unique_ptr<LuaKernel> lua;
  std::optional<runtime::InForce> in_force;
  std::optional<runtime::TextBinder> text;
  std::optional<jit::KernelInput> in;
  std::string error;  // why the fixture is unusable
};

std::shared_ptr<jit::JitEngine> Engine() {
  static const std::shared_ptr<jit::JitEngine> engine = [] {
    auto created = jit::JitEngine::Create();
    return created.ok() ? *created : nullptr;
  }();
  return engine;
}

Fixture& Get(const std::string& name) {
  static std::unique_ptr<Fixture> current;
  if (current && current->name == name) return *current;
  current.reset();  // free the previous policy's arrays first
  current = std::make_unique<Fixture>();
  Fixture& f = *current;
  f.name = name;
  f.policy = program::CompileFile("policies/" + name + ".collat").policy;
  if (!f.policy) {
    f.error = "run from the repository root: policies/" + name + ".collat";
    return f;
  }
  f.input = GenerateBasket(*f.policy, kPositions, kSeed);
  if (!Engine()) {
    f.error = "cannot create the JIT engine";
    return f;
  }
  auto compiled = Engine()->Compile(f.policy, jit::JitOptions{2, ""});
  if (!compiled.ok()) {
    f.error = "jit: " + compiled.error();
    return f;
  }
  f.jit = *compiled;
  f.handwritten = PrepareHandwrittenKernel(*f.policy, f.jit->plan());
  auto lua = LuaKernel::Load(*f.policy, f.jit->plan(), COLLAT_BENCH_LUA_DIR);
  if (!lua.ok()) {
    f.error = lua.error();
    return f;
  }
  f.lua = std::move(*lua);
  f.in_force = runtime::SelectVersions(*f.policy, f.input->market.valuation_date);
  f.text.emplace(f.input->text);
  f.in.emplace(*f.policy, f.jit->plan(), *f.input, *f.in_force, *f.text);
  return f;
}

// Runs `body(fixture)` once per iteration and counts the basket's positions as items.
template <typename Body>
void Measure(benchmark::State& state, const std::string& policy, Body body) {
  Fixture& f = Get(policy);
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  for (auto _ : state)
    body(f);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPositions));
}

// The fixture's input for a report, which refers to it: the fixture outlives every report.
std::shared_ptr<const runtime::Input> Shared(const Fixture& f) {
  return {std::shared_ptr<void>{}, &*f.input};
}

void Register(const std::string& policy) {
  const auto add = [&](const std::string& row, const std::string& engine, auto body) {
    benchmark::RegisterBenchmark(
        (row + "/" + policy + "/" + engine).c_str(),
        [policy, body](benchmark::State& state) { Measure(state, policy, body); })
        ->Unit(benchmark::kMillisecond);
  };
  add("kernel", "handwritten", [](Fixture& f) {
    f.in->Run(f.handwritten, 0, kPositions);
    benchmark::ClobberMemory();
  });
  add("kernel", "jit", [](Fixture& f) {
    f.in->Run(f.jit->fn(), 0, kPositions);
    benchmark::ClobberMemory();
  });
  add("kernel", "luajit", [](Fixture& f) {
    const std::string failed = f.lua->Run(f.in->args(), 0, kPositions);
    if (!failed.empty()) std::fprintf(stderr, "luajit: %s\n", failed.c_str());
    benchmark::ClobberMemory();
  });
  add("kernel", "interpreter", [](Fixture& f) {
    auto status = InterpretPositions(*f.policy, *f.input);
    benchmark::DoNotOptimize(status.data());
  });
  add("report", "interpreter", [](Fixture& f) {
    auto report = runtime::Evaluate(*f.policy, Shared(f));
    benchmark::DoNotOptimize(report);
  });
  add("report", "jit", [](Fixture& f) {
    auto report = jit::EvaluateWithKernel(*f.policy, f.jit->plan(), f.jit->fn(), Shared(f));
    benchmark::DoNotOptimize(report);
  });
  add("report", "handwritten", [](Fixture& f) {
    auto report = jit::EvaluateWithKernel(*f.policy, f.jit->plan(), f.handwritten, Shared(f));
    benchmark::DoNotOptimize(report);
  });
}

}  // namespace
}  // namespace collat::bench

int main(int argc, char** argv) {
  for (const char* policy : collat::bench::kPolicies)
    collat::bench::Register(policy);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
