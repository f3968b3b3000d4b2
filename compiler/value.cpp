#include "compiler/value.h"

namespace collat::ir {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t DaysFromCivil(std::int32_t year, std::int32_t month, std::int32_t day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(std::int64_t days, std::int32_t& year, std::int32_t& month, std::int32_t& day) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<std::int32_t>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<std::int32_t>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<std::int32_t>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

namespace {
bool IsLeap(std::int32_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
}  // namespace

std::int32_t DaysInMonth(std::int32_t y, std::int32_t m) {
  static constexpr std::int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

std::int64_t AddDuration(std::int64_t days, Duration d, int sign) {
  std::int32_t y = 0;
  std::int32_t m = 0;
  std::int32_t day = 0;
  CivilFromDays(days, y, m, day);
  const std::int64_t total_months =
      static_cast<std::int64_t>(y) * 12 + (m - 1) + static_cast<std::int64_t>(sign) * d.months;
  y = static_cast<std::int32_t>(total_months >= 0 ? total_months / 12 : (total_months - 11) / 12);
  m = static_cast<std::int32_t>(total_months - static_cast<std::int64_t>(y) * 12 + 1);
  day = day > DaysInMonth(y, m) ? DaysInMonth(y, m) : day;
  return DaysFromCivil(y, m, day) + static_cast<std::int64_t>(sign) * d.days;
}

}  // namespace collat::ir
