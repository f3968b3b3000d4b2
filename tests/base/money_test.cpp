#include "base/money.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

namespace collat::money {
namespace {

double Q(double x, int places = 2) {
  const std::optional<double> q = Quantise(x, Scale(places));
  REQUIRE(q.has_value());
  return *q;
}

TEST_CASE("quantising rounds half-even on the decimal a report would print", "[base][money]") {
  CHECK(Q(380249.9999999999) == 380250);  // the binary artefact the issue showed
  CHECK(Q(0.125) == 0.12);                // tie, 2 is even
  CHECK(Q(0.135) == 0.14);                // "0.135": tie, 3 is odd
  CHECK(Q(1.015) == 1.02);                // binary 1.01499999999999990230..., printed "1.015"
  CHECK(Q(2.675) == 2.68);                // binary 2.67499999999999982236..., printed "2.675"
  CHECK(Q(1.005) == 1.0);                 // "1.005": tie, 0 is even
  CHECK(Q(-1.015) == -1.02);
  CHECK(Q(0.005) == 0);
  CHECK(Q(0.0051) == 0.01);
  CHECK(Q(1234.5678) == 1234.57);
  CHECK(Q(2.5, 0) == 2);
  CHECK(Q(3.5, 0) == 4);
  CHECK(Q(0.123456785, 8) == 0.12345678);
  CHECK(Q(0.123456795, 8) == 0.1234568);
  CHECK(Q(1e-9, 8) == 0);
  CHECK(!std::signbit(Q(-0.001)));  // never -0
}

TEST_CASE("money out of the exact range or not finite does not quantise", "[base][money]") {
  const Scale cents(2);
  CHECK(Quantise(9999999999999.99, cents).has_value());  // 10^15 - 1 cents
  CHECK(!Quantise(1e13, cents).has_value());             // 10^15 cents
  CHECK(!Quantise(1.7e308 * 1.08, cents).has_value());
  CHECK(!Quantise(std::numeric_limits<double>::quiet_NaN(), cents).has_value());
  CHECK(!Quantise(-std::numeric_limits<double>::infinity(), cents).has_value());
  CHECK(Quantise(9999999.99999999, Scale(8)).has_value());
  CHECK(!Quantise(1e7, Scale(8)).has_value());
}

TEST_CASE("rates lose binary artefacts at 12 places", "[base][money]") {
  CHECK(QuantiseRate(1 - 0.93) == 0.07);  // 0.06999999999999995 before
  CHECK(QuantiseRate(1 - 0.8) == 0.2);    // 0.19999999999999996 before
  CHECK(QuantiseRate(0.025) == 0.025);
  CHECK(QuantiseRate(std::sqrt(0.5) * 0.005) == 0.003535533906);
}

TEST_CASE("sums of quantised figures are exact and print exactly", "[base][money]") {
  const Scale cents(2);
  Sum sum(cents);
  double naive = 0;
  for (int i = 0; i < 10; ++i) {
    sum.Add(0.1);
    naive += 0.1;
  }
  CHECK(naive != 1.0);        // binary64 addition drifts ...
  CHECK(sum.value() == 1.0);  // ... the sum of cents does not
  CHECK(sum.units() == 100);
  CHECK(FixedText(1234.5, cents) == "1234.50");
  CHECK(FixedText(-0.05, cents) == "-0.05");
  CHECK(FixedText(19513664.57, cents) == "19513664.57");
  CHECK(FixedText(42, Scale(0)) == "42");
  CHECK(FixedText(0.00000001, Scale(8)) == "0.00000001");
  Sum overflow(cents);
  overflow.AddUnits(std::numeric_limits<std::int64_t>::max());
  CHECK(!overflow.Fits());
  overflow.AddUnits(1);  // saturates instead of wrapping
  CHECK(!overflow.Fits());
  CHECK(overflow.units() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("quantised figures are fixed points and within half a unit", "[base][money]") {
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  for (int i = 0; i < 100000; ++i) {
    const int places = static_cast<int>(random() % 9);
    const Scale scale(places);
    const double x = mantissa(random) * std::pow(10.0, static_cast<double>(random() % 13));
    const std::optional<double> q = Quantise(x, scale);
    if (!q) continue;
    INFO(x << " at " << places);
    CHECK(Quantise(*q, scale) == q);
    // Within half a unit, up to the rounding of the two binary products.
    const double y = std::fabs(x * scale.factor());
    const double ulp = std::nextafter(y, INFINITY) - y;
    CHECK(std::fabs(*q * scale.factor() - x * scale.factor()) <= 0.5 + 4 * ulp);
    CHECK(Units(*q, scale) == std::llround(*q * scale.factor()));
  }
}

TEST_CASE("ISO 4217 minor units", "[base][money]") {
  CHECK(MinorUnit("USD") == 2);
  CHECK(MinorUnit("EUR") == 2);
  CHECK(MinorUnit("JPY") == 0);
  CHECK(MinorUnit("KWD") == 3);
  CHECK(MinorUnit("CLF") == 4);
  CHECK(MinorUnit("BTC") == 2);  // not ISO: a policy says `precision 8`
}

}  // namespace
}  // namespace collat::money
