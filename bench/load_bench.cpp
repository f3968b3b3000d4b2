// The load phase alone (issue 10 item 4): loads an input file (YAML and the positions CSV it
// names) for a policy, prints the best wall time of N loads and the bytes per position that the
// loaded runtime::Input holds (vector capacities and string heap blocks, counted by walking it).
//
//   load_bench POLICY INPUT [REPEATS] [THREADS]
//
// bench/e2e/run.sh and docs/performance.md ("Loading") use it on the generated 1,000,000-position
// book.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/load_input.h"

namespace {

using collat::runtime::Input;

std::size_t StringBytes(const std::string& s) {
  constexpr std::size_t kInline = 15;  // libstdc++'s short-string buffer
  return sizeof(std::string) + (s.capacity() > kInline ? s.capacity() + 1 : 0);
}

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t StringsBytes(const std::vector<std::string>& v) {
  std::size_t bytes = (v.capacity() - v.size()) * sizeof(std::string);
  for (const std::string& s : v)
    bytes += StringBytes(s);
  return bytes;
}

// The positions' share of an Input, in bytes (accounts, market and text pool excluded).
std::size_t PositionBytes(const Input& input) {
  const auto& p = input.positions;
  std::size_t bytes = StringsBytes(p.ids) + VectorBytes(p.account) + VectorBytes(p.market_value);
  bytes += StringsBytes(p.rejection) + VectorBytes(p.source_file) + VectorBytes(p.source_line);
  for (const auto& column : p.fields) {
    bytes += VectorBytes(column.numbers) + VectorBytes(column.integers) +
             VectorBytes(column.durations) + VectorBytes(column.known);
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: load_bench POLICY INPUT [REPEATS] [THREADS]\n", stderr);
    return 2;
  }
  const int repeats = argc > 3 ? std::max(1, std::stoi(argv[3])) : 3;
  const unsigned threads = argc > 4 ? static_cast<unsigned>(std::max(1, std::stoi(argv[4]))) : 1;
  const auto compiled = collat::program::CompileFile(argv[1]);
  if (!compiled.policy) {
    std::fputs("load_bench: the policy does not compile\n", stderr);
    return 2;
  }
  double best = 1e300;
  std::size_t positions = 0;
  std::size_t bytes = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    collat::runtime::LoadOptions options;
    options.threads = threads;
    collat::runtime::LoadResult loaded =
        collat::runtime::LoadInput(*compiled.policy, argv[2], {}, options);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    if (collat::HasErrors(loaded.diagnostics)) {
      std::fputs("load_bench: the input has errors\n", stderr);
      return 1;
    }
    best = std::min(best, took.count());
    positions = loaded.input.positions.size();
    bytes = PositionBytes(loaded.input);
  }
  fmt::print(
      "load: {} positions, {} thread(s): best of {}: {:.1f} ms; positions hold {:.0f} "
      "bytes/position\n",
      positions, threads, repeats, best,
      positions == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(positions));
  return 0;
}
