// Parse and format a generated 1 MB policy. Target (issue 2): parse + format under 100 ms.
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/policy_generator.h"
#include "grammar/format.h"
#include "grammar/parse.h"

namespace {

constexpr std::size_t kBytes = 1024 * 1024;

collat::SourceFilePtr Source() {
  static const auto source = std::make_shared<const collat::SourceFile>(
      "generated.collat", collat::bench::GeneratePolicyText(kBytes));
  return source;
}

void BM_Parse(benchmark::State& state) {
  const auto source = Source();
  for (auto _ : state) {
    auto result = collat::grammar::Parse(source);
    if (!result.diagnostics.empty()) state.SkipWithError("generated policy has diagnostics");
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * source->size());
}

void BM_Format(benchmark::State& state) {
  const auto source = Source();
  const auto result = collat::grammar::Parse(source);
  for (auto _ : state) {
    std::string text = collat::grammar::Format(*source, result.file);
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * source->size());
}

void BM_ParseAndFormat(benchmark::State& state) {
  const auto source = Source();
  for (auto _ : state) {
    const auto result = collat::grammar::Parse(source);
    std::string text = collat::grammar::Format(*source, result.file);
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * source->size());
}

BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Format)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseAndFormat)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
