#include "runtime/builtins.h"

#include <cmath>

#include "compiler/value.h"

namespace collat::runtime {

std::optional<double> RoundToIncrement(double x, double increment, Rounding rounding) {
  if (increment < 0) return std::nullopt;
  if (increment == 0) return x;
  const double steps = x / increment;
  switch (rounding) {
    case Rounding::HalfAway:
      return std::round(steps) * increment;  // std::round sends halves away from zero
    case Rounding::Up:
      return std::ceil(steps) * increment;
    case Rounding::Down:
      return std::floor(steps) * increment;
  }
  return std::nullopt;
}

std::optional<double> Transfer(double amount, double gate, double increment, Rounding rounding) {
  if (increment < 0) return std::nullopt;
  if (amount <= 0 || amount < gate) return 0.0;
  return RoundToIncrement(amount, increment, rounding);
}

double YearsBetween(std::int64_t from, std::int64_t to) {
  if (to < from) return -YearsBetween(to, from);
  // from + n years is (y1 + n)-m1-min(d1, days in that month) (ir::AddDuration with 12n months),
  // which grows with n and lies in year y1 + n; so the largest n with from + n years <= to is
  // y2 - y1 or one less. O(1), and the same integers as stepping n up one year at a time.
  std::int32_t y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
  ir::CivilFromDays(from, y1, m1, d1);
  ir::CivilFromDays(to, y2, m2, d2);
  const auto plus_years = [&](std::int64_t n) {
    const auto y = static_cast<std::int32_t>(y1 + n);
    const std::int32_t last = ir::DaysInMonth(y, m1);
    return ir::DaysFromCivil(y, m1, d1 > last ? last : d1);
  };
  std::int64_t n = y2 - y1;
  std::int64_t start = plus_years(n);
  if (start > to) {
    --n;
    start = plus_years(n);
  }
  const std::int64_t next = plus_years(n + 1);
  return static_cast<double>(n) +
         static_cast<double>(to - start) / static_cast<double>(next - start);
}

double DaysBetween(std::int64_t from, std::int64_t to) {
  return static_cast<double>(to - from);
}

}  // namespace collat::runtime
