#include "base/money.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

namespace collat::money {
namespace {

double PowerOfTen(int places) {
  double f = 1;
  for (int i = 0; i < places; ++i)
    f *= 10;  // exact: 10^8 < 2^53
  return f;
}

// Half-even rounding of x * 10^places done on x's shortest decimal text, digit by digit. Used only
// when the binary product lies within a few ulps of a tie.
std::int64_t DecimalUnits(double x, int places) {
  std::array<char, 64> buffer{};
  const auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), x, std::chars_format::scientific);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  const bool negative = text.front() == '-';
  const std::size_t e = text.find('e');
  std::string digits;
  for (const char c : text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits.push_back(c);
  }
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  const long k = static_cast<long>(exponent) + 1 + places;  // digits before the point of units
  std::int64_t units = 0;
  std::string rest;
  if (k <= 0) {
    rest = std::string(static_cast<std::size_t>(-k), '0') + digits;
  } else {
    for (long i = 0; i < k; ++i) {
      const char d =
          i < static_cast<long>(digits.size()) ? digits[static_cast<std::size_t>(i)] : '0';
      units = units * 10 + (d - '0');
    }
    if (k < static_cast<long>(digits.size())) rest = digits.substr(static_cast<std::size_t>(k));
  }
  bool up = false;
  if (!rest.empty()) {
    const bool beyond_half = rest.find_first_not_of('0', 1) != std::string::npos;
    up = rest[0] > '5' || (rest[0] == '5' && (beyond_half || units % 2 != 0));
  }
  if (up) ++units;
  return negative ? -units : units;
}

}  // namespace

Scale::Scale(int places) : places_(places), factor_(PowerOfTen(places)) {}

int MinorUnit(std::string_view code) {
  static constexpr std::array<std::string_view, 17> kNone = {
      "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
      "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::array<std::string_view, 7> kThree = {"BHD", "IQD", "JOD", "KWD",
                                                             "LYD", "OMR", "TND"};
  static constexpr std::array<std::string_view, 2> kFour = {"CLF", "UYW"};
  for (const std::string_view c : kNone)
    if (c == code) return 0;
  for (const std::string_view c : kThree)
    if (c == code) return 3;
  for (const std::string_view c : kFour)
    if (c == code) return 4;
  return 2;
}

std::optional<double> Quantise(double x, const Scale& scale) {
  if (!std::isfinite(x)) return std::nullopt;
  const double y = x * scale.factor();
  if (!(std::fabs(y) < kMaxUnits)) return std::nullopt;
  double units = std::nearbyint(y);  // ties to even, the default rounding mode
  const double magnitude = std::fabs(y);
  const double fraction = magnitude - std::trunc(magnitude);  // exact
  const double ulp = std::nextafter(magnitude, INFINITY) - magnitude;
  if (std::fabs(fraction - 0.5) <= 8 * ulp) {
    units = static_cast<double>(DecimalUnits(x, scale.places()));
  }
  if (units == 0) return 0.0;  // never -0
  return units / scale.factor();
}

std::int64_t Units(double quantised, const Scale& scale) {
  return std::llround(quantised * scale.factor());
}

double FromUnits(std::int64_t units, const Scale& scale) {
  if (units == 0) return 0.0;
  return static_cast<double>(units) / scale.factor();
}

void Sum::AddUnits(std::int64_t units) {
  if (__builtin_add_overflow(units_, units, &units_)) {
    overflowed_ = true;
    units_ = units < 0 ? INT64_MIN : INT64_MAX;
  }
}

bool Sum::Fits() const {
  return !overflowed_ && units_ > -static_cast<std::int64_t>(kMaxUnits) &&
         units_ < static_cast<std::int64_t>(kMaxUnits);
}

double QuantiseRate(double rate) {
  static const Scale kRate(kRatePlaces);
  if (!std::isfinite(rate) || !(std::fabs(rate) < 1e3)) return rate;
  return Quantise(rate, kRate).value_or(rate);
}

std::string FixedText(double quantised, const Scale& scale) {
  const std::int64_t units = Units(quantised, scale);
  const std::uint64_t magnitude =
      units < 0 ? static_cast<std::uint64_t>(-units) : static_cast<std::uint64_t>(units);
  const auto factor = static_cast<std::uint64_t>(scale.factor());
  const char* sign = units < 0 ? "-" : "";
  if (scale.places() == 0) return fmt::format("{}{}", sign, magnitude);
  return fmt::format("{}{}.{:0{}}", sign, magnitude / factor, magnitude % factor, scale.places());
}

}  // namespace collat::money
