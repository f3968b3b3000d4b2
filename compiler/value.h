// A runtime value of the reference semantics: unknown, or a known value of one type. Numbers,
// percents and money are binary64; booleans, text codes, enum ranks and dates are integers.
#pragma once

#include <cstdint>

namespace collat::ir {

struct Duration {
  std::int32_t months = 0;  // `1y` is 12 months, `6m` 6
  std::int32_t days = 0;    // `30d` is 30 days, `2w` 14
  friend bool operator==(const Duration&, const Duration&) = default;
};

struct Value {
  bool known = false;
  double number = 0;         // Number, Percent, Money
  std::int64_t integer = 0;  // Bool (0/1), Text (code), Enum (rank), Date (days since 1970-01-01)
  Duration duration;         // Duration

  static Value Unknown() { return {}; }
  static Value Number(double v) { return {true, v, 0, {}}; }
  static Value Integer(std::int64_t v) { return {true, 0, v, {}}; }
  static Value Bool(bool v) { return Integer(v ? 1 : 0); }
  static Value OfDuration(Duration d) { return {true, 0, 0, d}; }
  bool truth() const { return known && integer != 0; }
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t DaysFromCivil(std::int32_t year, std::int32_t month, std::int32_t day);
void CivilFromDays(std::int64_t days, std::int32_t& year, std::int32_t& month, std::int32_t& day);
// Days in month `m` (1-12) of year `y`, leap years included.
std::int32_t DaysInMonth(std::int32_t y, std::int32_t m);
// `date + duration`: months first (the day clamps to the month's end), then days.
std::int64_t AddDuration(std::int64_t days, Duration d, int sign);

}  // namespace collat::ir
