// The us_uncleared_margin basket: every Table B row (cash, sovereign/MDB/GSE-backed debt, other GSE
// and public debt in every maturity band, S&P 500 and S&P 1500 equity, gold), foreign currencies
// for the FX add-on, matured debt and affiliate securities for the vetoes, non-investment-grade
// debt, and a few positions missing their maturity, index or credit assessment.
#include <fmt/format.h>

#include "bench/basket.h"
#include "bench/basket_builder.h"

namespace collat::bench {

runtime::Input GenerateUsUnclearedMarginBasket(const ir::Policy& policy, std::size_t positions,
                                               std::uint64_t seed) {
  const std::int64_t valuation = ir::DaysFromCivil(2026, 3, 31);
  BasketBuilder b(policy, positions, kBasketAccounts, valuation);
  Draw draw(seed);
  b.Fx("EUR", 1.08);
  b.Fx("GBP", 1.27);
  b.Fx("JPY", 0.0067);
  for (std::size_t a = 0; a < b.accounts(); ++a) {
    const double requirement = 50'000'000.0 + static_cast<double>(a) * 1000.0;
    b.AccountValue(a, "requirement", ir::Value::Number(requirement));
    b.AccountValue(a, "threshold", ir::Value::Number(a % 4 == 0 ? 1'000'000.0 : 0.0));
  }

  static constexpr const char* kClasses[] = {"cash",      "sovereign",   "mdb",    "gse_backed",
                                             "gse_other", "public_debt", "equity", "gold"};
  static constexpr double kClassWeights[] = {15, 15, 5, 5, 10, 20, 20, 10};
  static constexpr const char* kCurrencies[] = {"USD", "EUR", "GBP", "JPY"};
  static constexpr double kCurrencyWeights[] = {70, 15, 10, 5};
  for (std::size_t i = 0; i < positions; ++i) {
    if (draw.Chance(0.001)) {
      b.Reject(i, "market_value: must not be negative");
      continue;
    }
    const std::size_t cls = draw.Pick(kClassWeights);
    b.Enum("asset_class", i, kClasses[cls]);
    const bool debt = cls >= 1 && cls <= 5;
    b.Text("issuer", i, cls == 0 ? "CASH" : fmt::format("ISS{}", draw.Int(0, 499)));
    b.Text("currency", i, kCurrencies[draw.Pick(kCurrencyWeights)]);
    if (debt) {
      if (draw.Chance(0.02)) {
        b.Missing("maturity", i);
      } else {
        // Up to 30 years out; about 3% at or past maturity (the `matured` veto).
        b.Integer("maturity", i, valuation + draw.Int(-300, 30 * 365));
      }
    }
    if (cls == 6 && !draw.Chance(0.03)) b.Enum("index", i, draw.Chance(0.6) ? "sp500" : "sp1500");
    if ((cls == 4 || cls == 5) && !draw.Chance(0.03)) {
      b.Integer("investment_grade", i, draw.Chance(0.8) ? 1 : 0);
    }
    b.Integer("affiliate_of_poster", i, draw.Chance(0.02) ? 1 : 0);
    b.Number("quantity", i, static_cast<double>(draw.Int(1, 10'000)));
    b.MarketValue(i, draw.Uniform(1'000.0, 2'000'000.0));
    b.Number("funding_rate", i, draw.Uniform(0.0, 0.05));
  }
  return b.Take();
}

}  // namespace collat::bench
