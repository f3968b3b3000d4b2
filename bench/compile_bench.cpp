// Compile latency of the JIT (issue 4): for every shipped policy (policies/*.collat) and a
// generated 1,000-rule policy, a cold compile at -O0 and at -O2 (no object cache) and an
// object-cache hit (the cache filled by a first compile, every measured compile loading it). A
// compile is jit::JitEngine::Compile from a checked policy to a callable kernel; the engine is
// created once. Names are compile/<policy>/<cold_O0|cold_O2|cache_hit>; counters give the policy's
// source size and the engine's own split (lower, optimize, link) of the last compile. Run from the
// repository root.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "bench/rule_policy_generator.h"
#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "program/compile.h"

namespace collat::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kGeneratedRules = 1000;

struct Subject {
  std::string name;
  std::string path;
  std::shared_ptr<const ir::Policy> policy;
  double source_bytes = 0;
};

std::shared_ptr<jit::JitEngine> Engine() {
  static const std::shared_ptr<jit::JitEngine> engine = [] {
    auto created = jit::JitEngine::Create();
    return created.ok() ? *created : nullptr;
  }();
  return engine;
}

fs::path Scratch() {
  static const fs::path dir = [] {
    const fs::path d =
        fs::temp_directory_path() / ("collat-compile-bench-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// The shipped policies in name order, then the generated one (written to the scratch folder).
std::vector<Subject> Subjects() {
  std::vector<Subject> subjects;
  std::vector<fs::path> files;
  if (fs::is_directory("policies")) {
    for (const auto& entry : fs::directory_iterator("policies")) {
      if (entry.path().extension() == ".collat") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files)
    subjects.push_back({file.stem().string(), file.string(), nullptr, 0});
  const fs::path generated = Scratch() / "generated_1000_rules.collat";
  std::ofstream(generated) << GenerateRulePolicyText(kGeneratedRules);
  subjects.push_back({"generated_1000_rules", generated.string(), nullptr, 0});
  for (Subject& s : subjects) {
    s.policy = program::CompileFile(s.path).policy;
    s.source_bytes = static_cast<double>(fs::file_size(s.path));
  }
  return subjects;
}

void Compile(benchmark::State& state, const Subject& subject, int opt_level, bool cached) {
  if (!subject.policy || !Engine()) {
    state.SkipWithError(("cannot check " + subject.path + " or create the engine").c_str());
    return;
  }
  jit::JitOptions options{opt_level, ""};
  if (cached) {
    options.cache_dir = (Scratch() / ("cache-" + subject.name)).string();
    auto fill = Engine()->Compile(subject.policy, options);  // fills the cache
    if (!fill.ok()) {
      state.SkipWithError(fill.error().c_str());
      return;
    }
  }
  jit::CompileStats last;
  for (auto _ : state) {
    auto kernel = Engine()->Compile(subject.policy, options);
    if (!kernel.ok()) {
      state.SkipWithError(kernel.error().c_str());
      return;
    }
    if ((*kernel)->stats().cache_hit != cached) {
      state.SkipWithError("the object cache did not behave as expected");
      return;
    }
    last = (*kernel)->stats();
    benchmark::DoNotOptimize((*kernel)->fn());
  }
  state.counters["source_bytes"] = subject.source_bytes;
  state.counters["rules"] = static_cast<double>(subject.policy->rules.size());
  state.counters["lower_ms"] = last.lower_ms;
  state.counters["optimize_ms"] = last.optimize_ms;
  state.counters["link_ms"] = last.link_ms;
}

}  // namespace
}  // namespace collat::bench

int main(int argc, char** argv) {
  static const std::vector<collat::bench::Subject> subjects = collat::bench::Subjects();
  for (const collat::bench::Subject& s : subjects) {
    const auto add = [&](const char* kind, int opt_level, bool cached) {
      benchmark::RegisterBenchmark(("compile/" + s.name + "/" + kind).c_str(),
                                   [&s, opt_level, cached](benchmark::State& state) {
                                     collat::bench::Compile(state, s, opt_level, cached);
                                   })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    };
    add("cold_O0", 0, false);
    add("cold_O2", 2, false);
    add("cache_hit", 2, true);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove_all(collat::bench::Scratch());
  return 0;
}
