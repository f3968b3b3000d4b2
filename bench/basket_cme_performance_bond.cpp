// The cme_performance_bond basket: every asset class and category, Treasury notes in every
// maturity bucket, published and FX haircuts (a few outside [0, 1], so the clamp matters), house
// and customer accounts (gold vetoed for customers), bilateral corporate bonds, requirements in USD
// and EUR (so USD assets are foreign too), matured debt, and a few positions missing a maturity, a
// published haircut or an FX haircut.
#include <fmt/format.h>

#include "bench/basket.h"
#include "bench/basket_builder.h"

namespace collat::bench {
namespace {

double Rate(Draw& draw, double lo, double hi) {
  if (draw.Chance(0.01)) return draw.Chance(0.5) ? -0.05 : 1.2;  // a bad feed: clamped
  return draw.Uniform(lo, hi);
}

}  // namespace

runtime::Input GenerateCmePerformanceBondBasket(const ir::Policy& policy, std::size_t positions,
                                                std::uint64_t seed) {
  const std::int64_t valuation = ir::DaysFromCivil(2026, 3, 31);
  BasketBuilder b(policy, positions, kBasketAccounts, valuation);
  Draw draw(seed);
  for (std::size_t a = 0; a < b.accounts(); ++a) {
    b.AccountValue(a, "requirement",
                   ir::Value::Number(2'000'000'000.0 + static_cast<double>(a) * 1'000'000.0));
    if (a % 10 == 3) b.AccountText(a, "currency", "EUR");
    b.AccountEnum(a, "origin", a % 4 == 1 ? "customer" : "house");
  }

  static constexpr const char* kClasses[] = {"cash",           "treasury_bill", "treasury_coupon",
                                             "tips",           "agency",        "agency_mbs",
                                             "corporate_bond", "stock",         "etf",
                                             "gold",           "mmf",           "letter_of_credit"};
  static constexpr double kClassWeights[] = {8, 8, 20, 6, 6, 6, 8, 12, 8, 6, 6, 6};
  static constexpr const char* kCategories[] = {"cat1", "cat2", "cat3"};
  static constexpr double kCategoryWeights[] = {50, 30, 20};
  static constexpr const char* kCurrencies[] = {"USD", "EUR", "GBP", "JPY"};
  static constexpr double kCurrencyWeights[] = {75, 12, 8, 5};
  for (std::size_t i = 0; i < positions; ++i) {
    if (draw.Chance(0.001)) {
      b.Reject(i, "currency: no FX rate for CHF");
      continue;
    }
    const std::size_t cls = draw.Pick(kClassWeights);
    b.Enum("asset_class", i, kClasses[cls]);
    b.Enum("category", i, kCategories[draw.Pick(kCategoryWeights)]);
    b.Text("issuer", i, fmt::format("ISS{}", draw.Int(0, 299)));
    b.Text("currency", i, kCurrencies[draw.Pick(kCurrencyWeights)]);
    const bool debt = cls >= 1 && cls <= 6;
    if (debt) {
      if (draw.Chance(0.02)) {
        b.Missing("maturity", i);
      } else {
        b.Integer("maturity", i, valuation + draw.Int(-200, 30 * 365));
      }
    }
    const bool published = cls == 3 || cls == 4 || cls == 5 || cls == 7 || cls == 8 || cls == 11;
    if (published && !draw.Chance(0.02)) b.Number("published_haircut", i, Rate(draw, 0.02, 0.35));
    if (!draw.Chance(0.03)) b.Number("fx_haircut", i, Rate(draw, 0.02, 0.12));
    b.Integer("tri_party", i, draw.Chance(0.7) ? 1 : 0);
    b.Number("quantity", i, static_cast<double>(draw.Int(1, 100'000)));
    b.MarketValue(i, draw.Uniform(10'000.0, 50'000'000.0));
    b.Number("funding_rate", i, draw.Uniform(0.0, 0.05));
  }
  return b.Take();
}

}  // namespace collat::bench
