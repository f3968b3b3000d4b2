// years_between(from, to) for one fixed `from` (a kernel's valuation date), as a hand-written
// kernel computes it: the anniversaries from + k years are computed once with the calendar
// arithmetic of runtime::YearsBetween, so each call is a short search and one division, with the
// same operations in the same order (bit-identical results). Dates beyond the table, or before
// `from`, go to runtime::YearsBetween itself.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "compiler/value.h"
#include "runtime/builtins.h"

namespace collat::bench {

class YearsTable {
 public:
  explicit YearsTable(std::int64_t from) : from_(from) {
    for (std::size_t k = 0; k < anniversary_.size(); ++k) {
      anniversary_[k] =
          ir::AddDuration(from, ir::Duration{static_cast<std::int32_t>(12 * k), 0}, +1);
    }
  }

  std::int64_t from() const { return from_; }

  double Between(std::int64_t to) const {
    if (to < from_ || to >= anniversary_.back()) return runtime::YearsBetween(from_, to);
    auto n = static_cast<std::size_t>((to - from_) / 366);
    while (anniversary_[n + 1] <= to)
      ++n;
    const std::int64_t start = anniversary_[n];
    const std::int64_t next = anniversary_[n + 1];
    return static_cast<double>(n) +
           static_cast<double>(to - start) / static_cast<double>(next - start);
  }

 private:
  static constexpr std::size_t kYears = 100;
  std::int64_t from_;
  std::array<std::int64_t, kYears + 1> anniversary_{};
};

// The table of `from`, built on first use and kept per thread while `from` stays the same (a
// kernel runs once per account range, always on the same valuation date).
inline const YearsTable& YearsTableFor(std::int64_t from) {
  thread_local std::optional<YearsTable> table;
  if (!table || table->from() != from) table.emplace(from);
  return *table;
}

}  // namespace collat::bench
