// Generated columnar baskets for the kernel benchmarks and agreement tests: a deterministic, seeded
// runtime::Input for a shipped policy, with a realistic spread of asset types, ratings, currencies
// and maturities so that every eligibility rule, match arm, schedule band, tier and limit is
// exercised, plus a small fraction of positions with missing optional fields (UNKNOWN) and of
// positions the input rejected.
#pragma once

#include <cstdint>
#include <optional>

#include "compiler/ir.h"
#include "runtime/input.h"

namespace collat::bench {

// Accounts per generated basket; positions are spread evenly over them.
inline constexpr std::size_t kBasketAccounts = 100;

// The basket for `policy` (us_uncleared_margin, crypto_tiered or cme_performance_bond, by header
// name); nullopt for any other policy.
std::optional<runtime::Input> GenerateBasket(const ir::Policy& policy, std::size_t positions,
                                             std::uint64_t seed);

runtime::Input GenerateUsUnclearedMarginBasket(const ir::Policy& policy, std::size_t positions,
                                               std::uint64_t seed);
runtime::Input GenerateCryptoTieredBasket(const ir::Policy& policy, std::size_t positions,
                                          std::uint64_t seed);
runtime::Input GenerateCmePerformanceBondBasket(const ir::Policy& policy, std::size_t positions,
                                                std::uint64_t seed);

}  // namespace collat::bench
