#include "bench/policy_generator.h"

#include <fmt/format.h>

namespace collat::bench {

std::string GeneratePolicyText(std::size_t min_bytes) {
  std::string out =
      "policy generated \"Generated benchmark policy\" {\n"
      "  version \"1\"\n  effective 2026-01-01\n  currency USD\n"
      "  source \"generated\"\n}\n\n";
  for (int i = 0; out.size() < min_bytes; ++i) {
    out += fmt::format(
        "# Block {0}: one of every declaration kind.\n"
        "enum Class{0} {{ cash, government, corporate, equity, gold }}\n"
        "enum Rating{0} ordered {{ AAA, AA, A, BBB, BB, B, CCC }}\n\n"
        "let residual_{0} = years_between(valuation_date, maturity)\n"
        "fn scaled_{0}(h: percent, days: number): percent = h * sqrt(days / 10)\n\n"
        "table index_haircut_{0}: text -> percent {{\n"
        "  \"SP500\": 15%\n  \"SP1500\": 25%\n  else: 30%\n}}\n\n"
        "eligibility {{\n"
        "  accept cash_{0}       when asset_class == cash \"cash\"\n"
        "  accept sovereign_{0}  when asset_class == government and rating >= BBB\n"
        "  accept equity_{0}     when asset_class == equity and index in {{\"SP500\", "
        "\"SP1500\"}}\n"
        "  reject junk_{0}       when rating is known and rating < BBB \"below investment grade\"\n"
        "}}\n\n"
        "haircut asset_{0} = match {{\n"
        "  cash_{0}: asset_class == cash => 0%\n"
        "  gov_{0}: asset_class == government => schedule residual_{0} {{ < 1: 0.5%, <= 5: 2%, "
        "else: 4% }}\n"
        "  corp_{0}: asset_class == corporate => schedule residual_{0} {{ < 1: 1%, <= 5: 4%, else: "
        "8% }}\n"
        "  eq_{0}: asset_class == equity => index_haircut_{0}[index ?? \"none\"]\n"
        "  else => 15%\n"
        "}}\n"
        "haircut fx_{0} = if currency != base_currency then 8% else 0%  # Table B add-on\n\n"
        "tiers btc_{0} \"OKX BTC tiers\" {{\n"
        "  when asset == \"BTC\"\n  group by asset\n  on quantity\n  mode progressive\n"
        "  < 20: keep 98%\n  < 25: keep 97.75%\n  else: keep 0%\n}}\n\n"
        "limit issuer_{0} by issuer where asset_class != government max 25% of requirement\n"
        "limit equity_{0} where asset_class == equity max 500_000_000 USD \"hard cap\"\n\n"
        "output credit_support_{0} = max(0 USD, requirement + independent_amount - threshold)\n"
        "output delivery_{0} = transfer(credit_support_{0} - collateral_value, gate: mta, "
        "round_up: rounding)\n\n",
        i);
  }
  return out;
}

}  // namespace collat::bench
