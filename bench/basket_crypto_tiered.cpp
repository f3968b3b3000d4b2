// The crypto_tiered basket: BTC on every venue (OKX and Bybit quantity tiers crossing several
// bands per account, Binance untiered), USDT and USDC stablecoins, BNX on Binance (value tiers and
// the altcoin cap), stETH on Deribit (the dated haircut), assets a venue does not accept, and
// locked positions.
#include "bench/basket.h"
#include "bench/basket_builder.h"

namespace collat::bench {

runtime::Input GenerateCryptoTieredBasket(const ir::Policy& policy, std::size_t positions,
                                          std::uint64_t seed) {
  const std::int64_t valuation = ir::DaysFromCivil(2026, 3, 31);
  BasketBuilder b(policy, positions, kBasketAccounts, valuation);
  Draw draw(seed);
  for (std::size_t a = 0; a < b.accounts(); ++a) {
    const double maintenance = 20'000'000.0 + static_cast<double>(a) * 100'000.0;
    b.AccountValue(a, "maintenance_requirement", ir::Value::Number(maintenance));
    b.AccountValue(a, "initial_requirement", ir::Value::Number(maintenance * 1.5));
    b.AccountValue(a, "unrealised_pnl", ir::Value::Number(a % 3 == 0 ? -250'000.0 : 125'000.0));
  }

  static constexpr const char* kVenues[] = {"okx", "bybit", "binance", "deribit"};
  static constexpr const char* kAssets[] = {"BTC", "USDT", "BNX", "stETH", "USDC", "ETH", "DOGE"};
  static constexpr double kAssetWeights[] = {30, 25, 10, 10, 10, 10, 5};
  // Index prices in USD, per asset above.
  static constexpr double kPrices[] = {60'000.0, 1.0, 0.8, 3'000.0, 1.0, 3'200.0, 0.15};
  for (std::size_t i = 0; i < positions; ++i) {
    if (draw.Chance(0.001)) {
      b.Reject(i, "quantity: must not be negative");
      continue;
    }
    const std::size_t asset = draw.Pick(kAssetWeights);
    // Mostly on the venue that accepts the asset, sometimes on another one.
    std::size_t venue = static_cast<std::size_t>(draw.Int(0, 3));
    if (asset == 2 && draw.Chance(0.8)) venue = 2;
    if ((asset == 3 || asset == 4) && draw.Chance(0.8)) venue = 3;
    b.Enum("venue", i, kVenues[venue]);
    b.Text("asset", i, kAssets[asset]);
    double quantity = 0;
    switch (asset) {
      case 0:  // BTC: an account holds about 100 BTC positions per venue, so tiers cross bands
        quantity = draw.Uniform(0.001, 0.6);
        break;
      case 1:
      case 4:
        quantity = draw.Uniform(1'000.0, 2'000'000.0);
        break;
      case 2:  // BNX: up to 30M USD per account crosses the 13M and 20M value bands
        quantity = draw.Uniform(10'000.0, 1'500'000.0);
        break;
      default:
        quantity = draw.Uniform(0.5, 400.0);
        break;
    }
    b.Number("quantity", i, quantity);
    b.MarketValue(i, quantity * kPrices[asset]);
    b.Integer("locked", i, draw.Chance(0.03) ? 1 : 0);
    b.Number("funding_rate", i, draw.Uniform(0.0, 0.08));
  }
  return b.Take();
}

}  // namespace collat::bench
