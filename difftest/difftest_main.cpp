// collat_difftest: generates cases for a range of seeds and checks that the interpreter and the
// JIT (-O0, -O2; 1 and 3 threads) render identical JSON reports. A failing case is printed (seed,
// engines, first differing line) and written to OUT/seed-N/ (policy.collat, input.yaml, the
// interpreter's expected.json), reduced with --reduce. Exit status 0 when every case agrees, 1
// when a case fails (a mismatch, or a generator bug: a policy that does not check), 2 on usage.
//
//   collat_difftest --seed 1 --count 300 --out build/difftest [--interp-only] [--reduce] [--print]
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "difftest/diff_runner.h"
#include "difftest/generate_case.h"
#include "difftest/reduce.h"

namespace {

using namespace collat::difftest;
namespace fs = std::filesystem;

struct Options {
  std::uint64_t seed = 1;
  std::uint64_t count = 1;
  std::string out = "difftest-failures";
  std::string reports;  // when set, every reference report is written there as seed-N.json
  bool jit = true;
  bool reduce = false;
  bool print = false;  // print the case of the first seed and stop
  bool stats = false;  // count position statuses and unknown outputs over the references
};

std::size_t Count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

bool Parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--seed" && has_value) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--count" && has_value) {
      o.count = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--out" && has_value) {
      o.out = argv[++i];
    } else if (a == "--reports" && has_value) {
      o.reports = argv[++i];
    } else if (a == "--interp-only") {
      o.jit = false;
    } else if (a == "--reduce") {
      o.reduce = true;
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a == "--print") {
      o.print = true;
    } else {
      return false;
    }
  }
  return true;
}

void Write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!Parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: collat_difftest [--seed N] [--count M] [--out DIR] [--interp-only] "
                 "[--reduce] [--print] [--stats] [--reports DIR]\n");
    return 2;
  }
  if (o.print) {
    const Case c = GenerateCase(o.seed);
    std::printf("%s\n---\n%s", c.policy.c_str(), c.input.c_str());
    return 0;
  }
  auto runner = DiffRunner::Create(o.jit);
  if (!runner) {
    std::fprintf(stderr, "collat_difftest: %s\n", runner.error().c_str());
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t agree = 0, bugs = 0, mismatches = 0;
  static constexpr std::array<std::string_view, 5> kCounted = {
      "\"status\": \"eligible\"", "\"status\": \"ineligible\"", "\"status\": \"unknown\"",
      "\"status\": \"rejected\"", ": null"};
  std::array<std::size_t, kCounted.size()> counts{};
  for (std::uint64_t seed = o.seed; seed < o.seed + o.count; ++seed) {
    Case c = GenerateCase(seed);
    Outcome outcome = (*runner)->Run(c.policy, c.input);
    for (std::size_t k = 0; k < kCounted.size(); ++k)
      counts[k] += Count(outcome.reference, kCounted[k]);
    if (!o.reports.empty() && !outcome.reference.empty()) {
      fs::create_directories(o.reports);
      Write(fs::path(o.reports) / ("seed-" + std::to_string(seed) + ".json"), outcome.reference);
    }
    if (outcome.verdict == Verdict::Agree) {
      ++agree;
      continue;
    }
    (outcome.verdict == Verdict::Mismatch ? mismatches : bugs) += 1;
    std::printf("seed %llu: %s: %s\n", static_cast<unsigned long long>(seed),
                outcome.verdict == Verdict::Mismatch ? "MISMATCH" : "GENERATOR BUG",
                outcome.message.c_str());
    if (o.reduce) {
      const std::string want = outcome.reason;  // the same failure, not just any failure
      c = Reduce(c, [&](const Case& trial) {
        return (*runner)->Run(trial.policy, trial.input).reason == want;
      });
      outcome = (*runner)->Run(c.policy, c.input);
      std::printf("  reduced: %s\n", outcome.message.c_str());
    }
    const fs::path dir = fs::path(o.out) / ("seed-" + std::to_string(seed));
    fs::create_directories(dir);
    Write(dir / "policy.collat", c.policy);
    Write(dir / "input.yaml", c.input);
    if (!outcome.reference.empty()) Write(dir / "expected.json", outcome.reference);
    std::printf("  case written to %s\n", dir.string().c_str());
    std::fflush(stdout);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%llu cases (seeds %llu..%llu, %s): %llu agree, %llu mismatches, %llu generator "
      "bugs, %.1f s\n",
      static_cast<unsigned long long>(o.count), static_cast<unsigned long long>(o.seed),
      static_cast<unsigned long long>(o.seed + o.count - 1),
      o.jit ? "interp vs jit -O0/-O2, 1 and 3 threads" : "interp, 1 and 3 threads",
      static_cast<unsigned long long>(agree), static_cast<unsigned long long>(mismatches),
      static_cast<unsigned long long>(bugs), seconds);
  if (o.stats) {
    std::printf("positions: %zu eligible, %zu ineligible, %zu unknown, %zu rejected; %zu nulls\n",
                counts[0], counts[1], counts[2], counts[3], counts[4]);
  }
  return mismatches + bugs == 0 ? 0 : 1;
}
