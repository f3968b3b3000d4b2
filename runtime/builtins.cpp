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

namespace {
std::int64_t PlusYears(std::int64_t from, std::int64_t years) {
  return ir::AddDuration(from, ir::Duration{static_cast<std::int32_t>(12 * years), 0}, +1);
}
}  // namespace

double YearsBetween(std::int64_t from, std::int64_t to) {
  if (to < from) return -YearsBetween(to, from);
  // A calendar year has at most 366 days, so this many whole years always fit.
  std::int64_t n = (to - from) / 366;
  while (PlusYears(from, n + 1) <= to)
    ++n;
  const std::int64_t start = PlusYears(from, n);
  const std::int64_t next = PlusYears(from, n + 1);
  return static_cast<double>(n) +
         static_cast<double>(to - start) / static_cast<double>(next - start);
}

double DaysBetween(std::int64_t from, std::int64_t to) {
  return static_cast<double>(to - from);
}

}  // namespace collat::runtime
