#include "runtime/builtins.h"

#include <array>
#include <cmath>
#include <limits>

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

// The anniversaries from + n years, n = 0 .. kYears, of a `from` date this thread met twice in a
// row (in practice the valuation date): years_between then costs a lookup. Another date in
// between (a matured bond's reversed call) does not evict it; a table is only built for a date
// seen twice running, so dates that keep changing never pay for one.
struct Anniversaries {
  static constexpr std::int64_t kYears = 200;
  std::int64_t table_from = std::numeric_limits<std::int64_t>::min();  // at[] is for this date
  std::int64_t last_from = std::numeric_limits<std::int64_t>::min();   // the previous call's
  std::array<std::int64_t, kYears + 1> at{};
};

thread_local Anniversaries anniversaries;

// from + n years (ir::AddDuration with 12n months), for a date `from` = y-m-d.
std::int64_t PlusYears(std::int32_t y, std::int32_t m, std::int32_t d, std::int64_t n) {
  const auto year = static_cast<std::int32_t>(y + n);
  const std::int32_t last = ir::DaysInMonth(year, m);
  return ir::DaysFromCivil(year, m, d > last ? last : d);
}

double Fraction(std::int64_t n, std::int64_t to, std::int64_t start, std::int64_t next) {
  return static_cast<double>(n) +
         static_cast<double>(to - start) / static_cast<double>(next - start);
}

}  // namespace

double YearsBetween(std::int64_t from, std::int64_t to) {
  if (to < from) return -YearsBetween(to, from);
  std::int32_t y1 = 0, m1 = 0, d1 = 0;
  Anniversaries& table = anniversaries;
  if (from != table.table_from && from == table.last_from) {
    ir::CivilFromDays(from, y1, m1, d1);
    for (std::int64_t n = 0; n <= Anniversaries::kYears; ++n)
      table.at[static_cast<std::size_t>(n)] = PlusYears(y1, m1, d1, n);
    table.table_from = from;
  }
  table.last_from = from;
  if (from == table.table_from && to < table.at[Anniversaries::kYears]) {
    // The largest n with at[n] <= to. A year has at most 366 days, so n is at least
    // (to - from) / 366 and at most one or two more: no search.
    std::int64_t n = (to - from) / 366;
    while (table.at[static_cast<std::size_t>(n + 1)] <= to)
      ++n;
    return Fraction(n, to, table.at[static_cast<std::size_t>(n)],
                    table.at[static_cast<std::size_t>(n + 1)]);
  }
  // from + n years grows with n and lies in year y1 + n, so the largest n with
  // from + n years <= to is y2 - y1 or one less: the same integers as stepping n up a year at a
  // time, in O(1).
  std::int32_t y2 = 0, m2 = 0, d2 = 0;
  ir::CivilFromDays(from, y1, m1, d1);
  ir::CivilFromDays(to, y2, m2, d2);
  std::int64_t n = y2 - y1;
  std::int64_t start = PlusYears(y1, m1, d1, n);
  if (start > to) {
    --n;
    start = PlusYears(y1, m1, d1, n);
  }
  return Fraction(n, to, start, PlusYears(y1, m1, d1, n + 1));
}

double DaysBetween(std::int64_t from, std::int64_t to) {
  return static_cast<double>(to - from);
}

}  // namespace collat::runtime
