// The numeric and calendar builtins of docs/language.md section 14, as pure functions on known
// values. Each is evaluated exactly as its formula is written, in binary64 (no FMA). The caller
// turns a non-finite result into unknown.
#pragma once

#include <cstdint>
#include <optional>

namespace collat::runtime {

enum class Rounding : std::uint8_t {
  HalfAway,  // round(x, inc): round_half_away(x / inc) x inc
  Up,        // round_up(x, inc): ceil(x / inc) x inc
  Down,      // round_down(x, inc): floor(x / inc) x inc
};

// `x` rounded to a multiple of `increment`. An increment of 0 means no rounding (x itself); a
// negative increment has no result (unknown).
std::optional<double> RoundToIncrement(double x, double increment, Rounding rounding);

// The CSA transfer rule (section 11): 0 when amount <= 0 or amount < gate, otherwise the amount
// rounded (Up or Down) to the increment. The gate is tested on the unrounded amount. A negative
// increment has no result (unknown), whatever the amount.
std::optional<double> Transfer(double amount, double gate, double increment, Rounding rounding);

// years_between (section 5.5): n + r / L, where n is the largest whole number of years with
// from + n years <= to, r the days from `from + n years` to `to` and L the days from
// `from + n years` to `from + (n + 1) years`; -years_between(to, from) when to < from. Dates are
// days since 1970-01-01; "+ n years" is calendar arithmetic (ir::AddDuration, 12n months).
double YearsBetween(std::int64_t from, std::int64_t to);

// days_between: to - from, in days.
double DaysBetween(std::int64_t from, std::int64_t to);

}  // namespace collat::runtime
