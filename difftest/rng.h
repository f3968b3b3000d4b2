// The generator's source of choices: splitmix64, fixed across platforms and compilers (no
// std::*_distribution, whose output is implementation-defined). Optionally driven by bytes (a
// fuzzer's input): each choice first consumes bytes of `data`, then falls back to the seeded
// stream, so a short input still yields a whole case and libFuzzer's mutations steer choices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace collat::difftest {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  Rng(std::uint64_t seed, std::span<const std::uint8_t> data) : state_(seed), data_(data) {}

  // Uniform in [0, n) for n >= 1 (n == 0 gives 0). Modulo bias is irrelevant here.
  std::uint64_t Below(std::uint64_t n) {
    if (n <= 1) return 0;
    if (used_ < data_.size()) {
      std::uint64_t v = data_[used_++];
      if (n > 256 && used_ < data_.size()) v = (v << 8) | data_[used_++];
      return v % n;
    }
    return Next() % n;
  }
  int Int(int lo, int hi) {  // inclusive bounds, lo <= hi
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  bool Chance(int percent) { return Below(100) < static_cast<std::uint64_t>(percent); }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Below(items.size()))];
  }

 private:
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_;
  std::span<const std::uint8_t> data_;
  std::size_t used_ = 0;
};

}  // namespace collat::difftest
