// The reference interpreter on a generated 1,000,000-position basket of us_uncleared_margin,
// loaded from CSV (issue: checker and interpreter). Reports the CSV load time and evaluation
// throughput; docs/performance.md records the figures. Run from the repository root.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include <fmt/format.h>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"

namespace {

namespace fs = std::filesystem;
constexpr int kPositions = 1'000'000;
constexpr int kAccounts = 100;

// Writes input.yaml (100 accounts) and positions.csv (1,000,000 positions) once per process.
fs::path Basket() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / "collat_eval_bench";
    fs::create_directories(d);
    std::ofstream yaml(d / "input.yaml");
    yaml << "valuation_date: 2026-03-31\nfx: { EUR: 1.08, GBP: 1.27 }\npositions_csv: "
            "positions.csv\naccounts:\n";
    for (int a = 0; a < kAccounts; ++a) {
      yaml << fmt::format("  - {{ id: A{}, requirement: {} }}\n", a, 50'000'000 + a * 1000);
    }
    std::ofstream csv(d / "positions.csv");
    csv << "account,id,asset_class,issuer,currency,maturity,index,investment_grade,quantity,"
           "market_value\n";
    std::mt19937 rng(42);
    const char* classes[] = {"cash", "sovereign", "gse_backed", "public_debt", "equity", "gold"};
    const char* currencies[] = {"USD", "USD", "USD", "EUR", "GBP"};
    for (int i = 0; i < kPositions; ++i) {
      const char* cls = classes[rng() % 6];
      const bool debt = cls[0] == 's' || (cls[0] == 'g' && cls[1] == 's') || cls[0] == 'p';
      const bool equity = cls[0] == 'e';
      csv << fmt::format("A{},P{},{},issuer{},{},{},{},{},{},{}\n", i % kAccounts, i, cls,
                         rng() % 500, currencies[rng() % 5],
                         debt ? fmt::format("20{}-0{}-15", 27 + rng() % 12, 1 + rng() % 9) : "",
                         equity ? (rng() % 2 ? "sp500" : "sp1500") : "",
                         cls[0] == 'p' ? (rng() % 4 ? "true" : "false") : "", 1 + rng() % 1000,
                         1000 + rng() % 1'000'000);
    }
    return d;
  }();
  return dir;
}

std::shared_ptr<const collat::ir::Policy> Policy() {
  static const auto policy =
      collat::program::CompileFile("policies/us_uncleared_margin.collat").policy;
  return policy;
}

void BM_LoadCsv1M(benchmark::State& state) {
  const auto policy = Policy();
  if (!policy) {
    state.SkipWithError("run from the repository root: policies/us_uncleared_margin.collat");
    return;
  }
  const std::string path = (Basket() / "input.yaml").string();
  for (auto _ : state) {
    auto loaded = collat::runtime::LoadInput(*policy, path);
    if (collat::HasErrors(loaded.diagnostics)) state.SkipWithError("input has errors");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kPositions);
}

void BM_Evaluate1M(benchmark::State& state) {
  const auto policy = Policy();
  if (!policy) {
    state.SkipWithError("run from the repository root: policies/us_uncleared_margin.collat");
    return;
  }
  auto loaded = collat::runtime::LoadInput(*policy, (Basket() / "input.yaml").string());
  const auto input = std::make_shared<const collat::runtime::Input>(std::move(loaded.input));
  for (auto _ : state) {
    auto report = collat::runtime::Evaluate(*policy, input);
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kPositions);
}

BENCHMARK(BM_LoadCsv1M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_Evaluate1M)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
