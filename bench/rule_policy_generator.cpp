#include "bench/rule_policy_generator.h"

#include <fmt/format.h>

namespace collat::bench {
namespace {

constexpr const char* kHeader =
    R"(policy generated_rules "Generated policy with many eligibility rules" {
  version "1"
  effective 2026-01-01
  currency USD
  source "bench/rule_policy_generator.cpp"
}

enum AssetClass { cash, government, agency, corporate, equity, gold }
enum Rating ordered { AAA, AA, A, BBB, BB, B, CCC }

position {
  asset_class: AssetClass
  rating: Rating?
  issuer: text
  currency: text
  maturity: date?
  quantity: number
  market_value: money
}

account {
  requirement: money
}

let residual = years_between(valuation_date, maturity)
let investment_grade = rating is known and rating >= BBB

)";

constexpr const char* kTail = R"(
haircut asset = match {
  cash_row: asset_class == cash => 0%
  government_row: asset_class == government => schedule residual { < 1: 0.5%, <= 5: 2%, else: 4% }
  agency_row: asset_class == agency => schedule residual { < 1: 1%, <= 5: 3%, else: 6% }
  corporate_row: asset_class == corporate and rating >= A => 8%
  corporate_low_row: asset_class == corporate => 12%
  equity_row: asset_class == equity => 25%
  gold_row: asset_class == gold => 15%
}
haircut fx = if currency != "USD" then 8% else 0%

limit issuer_cap by issuer where asset_class not in {cash, government} max 25% of requirement
limit equity_cap where asset_class == equity max 40% of requirement

output shortfall: money = max(0 USD, requirement - collateral_value)
output covered: bool = collateral_value >= requirement
)";

std::string Rule(std::size_t i) {
  static constexpr const char* kClasses[] = {"cash",      "government", "agency",
                                             "corporate", "equity",     "gold"};
  static constexpr const char* kRatings[] = {"AAA", "AA", "A", "BBB", "BB", "B", "CCC"};
  const char* cls = kClasses[i % 6];
  switch (i % 6) {
    case 0:
      return fmt::format("  accept class_{0} when asset_class == {1} and currency == \"C{2}\"\n", i,
                         cls, i % 40);
    case 1:
      return fmt::format("  accept rated_{0} when asset_class == {1} and rating >= {2}\n", i, cls,
                         kRatings[i % 7]);
    case 2:
      return fmt::format(
          "  accept dated_{0} when investment_grade and residual < {1} and asset_class != {2}\n", i,
          1 + i % 30, cls);
    case 3:
      return fmt::format("  accept listed_{0} when issuer in {{\"E{0}\", \"E{1}\", \"E{2}\"}}\n", i,
                         i + 1, i + 2);
    case 4:
      return fmt::format("  reject issuer_{0} when issuer == \"BANNED{0}\" \"issuer {0} banned\"\n",
                         i);
    default:
      return fmt::format(
          "  reject short_{0} when maturity is known and maturity <= valuation_date and "
          "quantity > {1}\n",
          i, i * 10);
  }
}

}  // namespace

std::string GenerateRulePolicyText(std::size_t rules) {
  std::string out = kHeader;
  out += "eligibility {\n";
  for (std::size_t i = 0; i < rules; ++i)
    out += Rule(i);
  out += "}\n";
  out += kTail;
  return out;
}

}  // namespace collat::bench
