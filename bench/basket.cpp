#include "bench/basket.h"

namespace collat::bench {

std::optional<runtime::Input> GenerateBasket(const ir::Policy& policy, std::size_t positions,
                                             std::uint64_t seed) {
  const std::string& name = policy.header.name;
  if (name == "us_uncleared_margin")
    return GenerateUsUnclearedMarginBasket(policy, positions, seed);
  if (name == "crypto_tiered") return GenerateCryptoTieredBasket(policy, positions, seed);
  if (name == "cme_performance_bond") {
    return GenerateCmePerformanceBondBasket(policy, positions, seed);
  }
  return std::nullopt;
}

}  // namespace collat::bench
