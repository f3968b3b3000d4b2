// The scaling benchmark (issue 9, docs/performance.md "Scaling"): for policies with N eligibility
// rules, N match arms in one haircut, N schedule bands and N limits
// (bench/scaling_policy_generator.h) at N = 1,000, 10,000 and 50,000, times by phase: parse and
// check, interpreter evaluation, JIT compile and evaluation at -O0 and -O2, each on the same
// 102-position input. Prints per phase the cost per item (time / N) at each N and the growth of
// that cost from the smallest N to the largest, which issue 9 wants at most 2x; writes the figures
// as JSON for bench/results_table. Times are process CPU time, the fastest of up to three runs.
// Every evaluation's report must equal the interpreter's byte for byte, else the run fails.
//
// Usage: scaling [--sizes 1000,10000,50000] [--shapes rules,arms,bands,limits]
//                [--o2-max N] [--jit yes|no] [--positions P] [--json OUT] [--emit DIR]
// --o2-max skips JIT -O2 above N items (0: no cap); a skipped phase is reported as such.
// --jit no measures the check and the interpreter only.
// --emit writes each policy and input as DIR/<shape>_<N>.collat and .yaml and measures nothing,
// to time the `collat` command (e.g. an older build) on the same files.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <time.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/scaling_policy_generator.h"
#include "compiler/load_program.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "program/compile.h"
#include "runtime/evaluate.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"

namespace collat::bench {
namespace {

// Process CPU time, not wall time: the benchmark is single-threaded (the JIT compiles on the
// calling thread), and CPU time does not count the time other processes of a shared machine take.
struct Clock {
  using time_point = double;  // ms
  static time_point now() {
    timespec t{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
  }
};

struct Options {
  std::vector<std::size_t> sizes{1000, 10000, 50000};
  std::vector<ScalingShape> shapes{ScalingShape::Rules, ScalingShape::Arms, ScalingShape::Bands,
                                   ScalingShape::Limits};
  std::size_t o2_max = 0;
  bool jit = true;  // false: check and interpreter only
  std::size_t positions = 100;
  std::string json_path;
  std::string emit_dir;
};

constexpr const char* kPhases[] = {"check",       "interp_eval",    "jit_O0_compile",
                                   "jit_O0_eval", "jit_O2_compile", "jit_O2_eval"};

double Ms(Clock::time_point since) {
  return Clock::now() - since;
}

// The fastest of up to three runs of `run`, stopping early once the runs took a second.
template <typename Fn>
double Fastest(Fn run) {
  double best = 0;
  double spent = 0;
  for (int i = 0; i < 3 && spent < 1000; ++i) {
    const double ms = run();
    best = i == 0 ? ms : std::min(best, ms);
    spent += ms;
  }
  return best;
}

// A run that cannot go on: main reports it and exits 1.
struct Failure {
  std::string what;
};
[[noreturn]] void Fail(const std::string& what) {
  throw Failure{what};
}

// Times every phase of one shape at one size; phase name -> ms (absent: skipped).
std::map<std::string, double> Measure(ScalingShape shape, std::size_t n, const Options& options,
                                      jit::JitEngine& engine) {
  const ScalingCase c = GenerateScalingCase(shape, n, options.positions);
  std::map<std::string, double> ms;
  std::shared_ptr<const ir::Policy> policy;
  ms["check"] = Fastest([&] {
    const auto start = Clock::now();
    CompiledPolicy compiled = program::CompileText(c.policy, "scaling.collat");
    const double t = Ms(start);
    if (!compiled.policy)
      Fail(fmt::format("the {}-item {} policy does not check", n, ScalingShapeName(shape)));
    policy = compiled.policy;
    return t;
  });
  runtime::LoadResult loaded = runtime::LoadInputFromString(*policy, c.input, "input", "");
  if (HasErrors(loaded.diagnostics)) Fail("the generated input does not load");
  const auto input = std::make_shared<const runtime::Input>(std::move(loaded.input));

  std::string reference;
  ms["interp_eval"] = Fastest([&] {
    const auto start = Clock::now();
    const Report report(runtime::Evaluate(*policy, input));
    const double t = Ms(start);
    reference = runtime::RenderJson(report);
    return t;
  });
  for (const int level : {0, 2}) {
    if (!options.jit) break;
    if (level == 2 && options.o2_max != 0 && n > options.o2_max) continue;
    const std::string prefix = fmt::format("jit_O{}_", level);
    std::shared_ptr<const jit::Kernel> kernel;
    ms[prefix + "compile"] = Fastest([&] {
      const auto start = Clock::now();
      auto compiled = engine.Compile(policy, jit::JitOptions{level, ""});
      const double t = Ms(start);
      if (!compiled.ok()) Fail(compiled.error());
      kernel = *compiled;
      return t;
    });
    ms[prefix + "eval"] = Fastest([&] {
      const auto start = Clock::now();
      const Report report(
          std::move(jit::EvaluateWithKernel(*policy, kernel->plan(), kernel->fn(), input).value()));
      const double t = Ms(start);
      if (runtime::RenderJson(report) != reference) {
        Fail(fmt::format("JIT -O{} disagrees with the interpreter on the {}-item {} policy", level,
                         n, ScalingShapeName(shape)));
      }
      return t;
    });
  }
  return ms;
}

std::vector<std::size_t> ParseSizes(const std::string& text) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(std::stoul(text.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

std::vector<ScalingShape> ParseShapes(const std::string& text) {
  std::vector<ScalingShape> out;
  for (const ScalingShape s :
       {ScalingShape::Rules, ScalingShape::Arms, ScalingShape::Bands, ScalingShape::Limits}) {
    if (text.find(ScalingShapeName(s)) != std::string::npos) out.push_back(s);
  }
  return out;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) Fail("missing value after " + arg);
    const std::string value = argv[++i];
    if (arg == "--sizes") {
      o.sizes = ParseSizes(value);
    } else if (arg == "--shapes") {
      o.shapes = ParseShapes(value);
    } else if (arg == "--jit") {
      o.jit = value != "no";
    } else if (arg == "--o2-max") {
      o.o2_max = std::stoul(value);
    } else if (arg == "--positions") {
      o.positions = std::stoul(value);
    } else if (arg == "--json") {
      o.json_path = value;
    } else if (arg == "--emit") {
      o.emit_dir = value;
    } else {
      Fail("unknown option " + arg);
    }
  }
  std::sort(o.sizes.begin(), o.sizes.end());
  if (o.sizes.empty() || o.sizes.front() == 0 || o.shapes.empty()) Fail("nothing to measure");
  return o;
}

void Emit(const Options& options) {
  for (const ScalingShape shape : options.shapes) {
    for (const std::size_t n : options.sizes) {
      const ScalingCase c = GenerateScalingCase(shape, n, options.positions);
      const std::string stem =
          fmt::format("{}/{}_{}", options.emit_dir, ScalingShapeName(shape), n);
      std::ofstream(stem + ".collat") << c.policy;
      std::ofstream(stem + ".yaml") << c.input;
    }
  }
}

int Run(int argc, char** argv) {
  using nlohmann::json;
  const Options options = Parse(argc, argv);
  if (!options.emit_dir.empty()) {
    Emit(options);
    return 0;
  }
  auto engine = collat::jit::JitEngine::Create();
  if (!engine.ok()) Fail(engine.error());

  json out;
  out["sizes"] = options.sizes;
  out["positions"] = options.positions + 2;
  out["o2_max"] = options.o2_max;
  std::string header = "| shape | phase |";
  std::string rule = "|---|---|";
  for (const std::size_t n : options.sizes) {
    header += fmt::format(" N={} ms | us/item |", n);
    rule += "---|---|";
  }
  std::vector<std::string> rows;
  bool all_met = true;
  for (const ScalingShape shape : options.shapes) {
    std::map<std::size_t, std::map<std::string, double>> by_size;
    for (const std::size_t n : options.sizes) {
      std::cerr << fmt::format("scaling: {} N={}\n", ScalingShapeName(shape), n);
      by_size[n] = Measure(shape, n, options, **engine);
    }
    for (const char* phase : kPhases) {
      std::string row = fmt::format("| {} | {} |", ScalingShapeName(shape), phase);
      json& entry = out["shapes"][ScalingShapeName(shape)][phase];
      std::optional<double> first;
      std::optional<double> last;
      std::size_t last_n = 0;
      for (const std::size_t n : options.sizes) {
        const auto it = by_size[n].find(phase);
        if (it == by_size[n].end()) {
          row += " skipped | |";
          continue;
        }
        const double per_item_us = it->second * 1000 / static_cast<double>(n);
        row += fmt::format(" {:.3f} | {:.3f} |", it->second, per_item_us);  // 1,000 arms: 0.2 ms
        entry["ms"][std::to_string(n)] = it->second;
        entry["us_per_item"][std::to_string(n)] = per_item_us;
        if (!first) first = per_item_us;
        last = per_item_us;
        last_n = n;
      }
      const double growth = first && last && *first > 0 ? *last / *first : 0;
      const bool met = growth > 0 && growth <= 2;
      all_met = all_met && met;
      entry["growth"] = growth;
      entry["largest_n"] = last_n;
      entry["met"] = met;
      rows.push_back(
          row + fmt::format(" {:.2f}x (to N={}) | {} |", growth, last_n, met ? "met" : "MISSED"));
    }
  }
  std::cout << "\n## Scaling: cost per item at N items, " << options.positions + 2
            << " positions\n\n"
            << header << " growth | <= 2x |\n"
            << rule << "---|---|\n";
  for (const std::string& row : rows)
    std::cout << row << "\n";
  out["met"] = all_met;
  if (!options.json_path.empty()) std::ofstream(options.json_path) << out.dump(2) << "\n";
  return 0;
}

}  // namespace
}  // namespace collat::bench

int main(int argc, char** argv) {
  try {
    return collat::bench::Run(argc, argv);
  } catch (const collat::bench::Failure& failure) {
    std::cerr << "scaling: " << failure.what << "\n";
    return 1;
  } catch (const std::exception& e) {  // std::stoul on a bad number, std::bad_alloc
    std::cerr << "scaling: " << e.what() << "\n";
    return 1;
  }
}
