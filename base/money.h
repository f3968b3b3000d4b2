// The money model (docs/language.md 15.4): money is binary64, quantised half-even to a number of
// decimal places (the base currency's minor unit unless the policy header says `precision N`) at
// the documented points, and summed exactly as integers of that unit. A quantised figure q is the
// binary64 nearest to units / 10^places; while |units| < kMaxUnits its shortest decimal text is
// exactly that decimal, so every money figure in a report is exactly what it displays.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace collat::money {

// Decimal places a policy may ask for with `precision N`.
constexpr int kMaxPlaces = 8;
// Figures are exact while |units| < 10^15 (10 trillion at 2 places, 10 million at 8).
constexpr double kMaxUnits = 1e15;

class Scale {
 public:
  explicit Scale(int places = 2);
  int places() const { return places_; }
  double factor() const { return factor_; }

 private:
  int places_;
  double factor_;  // 10^places, exact
};

// The ISO 4217 minor unit of `code` (JPY 0, KWD 3, CLF 4, ...); 2 for codes ISO does not list.
int MinorUnit(std::string_view code);

// `x` rounded to a multiple of 10^-places, ties to even. Ties are judged on the shortest decimal
// text of `x` (what a report would print), so 0.125 -> 0.12 and 1.015 -> 1.02 at 2 places, and
// 380249.9999999999 -> 380250. Returns nullopt when x is not finite or |units| >= kMaxUnits.
std::optional<double> Quantise(double x, const Scale& scale);

// The integer number of units of a quantised figure.
std::int64_t Units(double quantised, const Scale& scale);
double FromUnits(std::int64_t units, const Scale& scale);

// Exact sums of quantised figures: add figures, read the total as a quantised figure. The total
// stays exact up to 2^63 units; Fits() says whether it is still within kMaxUnits.
class Sum {
 public:
  explicit Sum(const Scale& scale) : scale_(&scale) {}
  void Add(double quantised) { AddUnits(Units(quantised, *scale_)); }
  void AddUnits(std::int64_t units);
  std::int64_t units() const { return units_; }
  double value() const { return FromUnits(units_, *scale_); }
  bool Fits() const;

 private:
  const Scale* scale_;
  std::int64_t units_ = 0;
  bool overflowed_ = false;  // an addition left int64; units_ then saturates
};

// Rates (haircut and tier rates, margin ratios) are quantised half-even to this many decimal
// places before they are applied: 100% - 93% is exactly the binary64 of 0.07 and prints "0.07".
constexpr int kRatePlaces = 12;
double QuantiseRate(double rate);

// The decimal text of a quantised figure with exactly `places` decimals ("1234.50"), for reports
// that align money; JSON uses the shortest text, which is the same decimal without trailing zeros.
std::string FixedText(double quantised, const Scale& scale);

}  // namespace collat::money
