// Hand-written batch kernel of policies/crypto_tiered.collat (see handwritten_kernels.h): seven
// eligibility rules on asset tickers and venues (one dated), the dated stETH haircut (whichever
// version is in force), four tiers memberships keyed by asset and two limit memberships.
#include <array>

#include "bench/handwritten_kernels.h"
#include "bench/kernel_logic.h"
#include "bench/kernel_setup.h"

namespace collat::bench {
namespace {

enum Field : std::size_t { kVenue, kAsset, kQuantity, kMarketValue, kLocked };
enum Rule : std::size_t {
  kBtc,
  kUsdt,
  kBnx,
  kSteth,
  kUsdc,
  kLockedOnChain,
  kUsdtSuspended,
  kRules
};
enum Component : std::size_t { kComponents = 2 };  // two versions of haircut steth
enum Tiers : std::size_t { kOkxBtc, kBybitBtc, kBinanceBnx, kUsdtFlat, kTiers };
enum Limit : std::size_t { kAltcoinShare, kStablecoinFloor, kLimits };
enum Text : std::size_t { kTextBtc, kTextUsdt, kTextBnx, kTextSteth, kTextUsdc, kTexts };
// Venue ranks.
enum : std::int64_t { kOkx, kBybit, kBinance, kDeribit };
// The stETH rate of each version of haircut steth, in written order.
constexpr std::array<double, kComponents> kStethRate = {0.15, 0.075};
// Tiers on quantity need a known quantity.
constexpr std::array<bool, kTiers> kOnQuantity = {true, true, false, false};

struct Setup {
  std::array<std::int32_t, kTexts> text{};
  std::size_t usdt_depegged = 0;  // market field index
};
Setup g_setup;

void Kernel(const jit::KernelArgs* args, std::uint64_t begin, std::uint64_t end) {
  const Setup s = g_setup;
  const jit::KernelColumn* f = args->position_fields;
  const std::int64_t* venue = f[kVenue].integers;
  const std::int64_t* asset = f[kAsset].integers;
  const std::uint8_t* quantity_known = f[kQuantity].known;
  const std::int64_t* locked = f[kLocked].integers;
  const std::uint8_t* valid = args->position_valid;
  // Outputs, as restrict pointers: the byte stores cannot alias the inputs or each other.
  std::uint8_t* __restrict out_status = args->status;
  std::uint8_t* __restrict out_rule_state = args->rule_state;
  double* __restrict out_component_value = args->component_value;
  std::uint8_t* __restrict out_component_known = args->component_known;
  std::uint8_t* __restrict out_trace_length = args->trace_length;
  std::uint8_t* __restrict out_tier_member = args->tier_member;
  jit::KernelValue* __restrict out_tier_key = args->tier_key;
  std::uint8_t* __restrict out_limit_member = args->limit_member;
  const std::int64_t btc = args->text_codes[s.text[kTextBtc]];
  const std::int64_t usdt = args->text_codes[s.text[kTextUsdt]];
  const std::int64_t bnx = args->text_codes[s.text[kTextBnx]];
  const std::int64_t steth = args->text_codes[s.text[kTextSteth]];
  const std::int64_t usdc = args->text_codes[s.text[kTextUsdc]];
  const jit::KernelValue depegged = args->market_fields[s.usdt_depegged];
  const std::uint8_t depegged_state =
      KnownTruth(static_cast<std::uint8_t>(depegged.known), depegged.integer != 0);
  std::array<bool, kRules> rule_on{};
  for (std::size_t r = 0; r < kRules; ++r)
    rule_on[r] = args->rule_in_force[r] != 0;
  std::array<bool, kComponents> component_on{};
  for (std::size_t c = 0; c < kComponents; ++c)
    component_on[c] = args->component_in_force[c] != 0;
  std::array<bool, kTiers> tiers_on{};
  for (std::size_t t = 0; t < kTiers; ++t)
    tiers_on[t] = args->tiers_in_force[t] != 0;
  const bool altcoin_on = args->limit_in_force[kAltcoinShare] != 0;
  const bool floor_on = args->limit_in_force[kStablecoinFloor] != 0;

  for (std::uint64_t i = begin; i < end; ++i) {
    if (valid[i] == 0) {
      out_status[i] = jit::kStatusSkipped;
      continue;
    }
    const std::int64_t a = asset[i];
    const std::int64_t v = venue[i];
    std::array<std::uint8_t, kRules> state{};
    state[kBtc] = Truth((a == btc) & ((v == kOkx) | (v == kBybit) | (v == kBinance)));
    state[kUsdt] = Truth(a == usdt);
    state[kBnx] = Truth((a == bnx) & (v == kBinance));
    state[kSteth] = Truth((a == steth) & (v == kDeribit));
    state[kUsdc] = Truth((a == usdc) & (v == kDeribit));
    state[kLockedOnChain] = Truth(locked[i] != 0);
    state[kUsdtSuspended] = And(Truth(a == usdt), depegged_state);
    Votes votes;
    std::uint8_t* rule_state = out_rule_state + i * kRules;
    for (std::size_t r = 0; r < kRules; ++r) {
      const std::uint8_t st = rule_on[r] ? state[r] : kFalse;
      rule_state[r] = st;
      if (r < kLockedOnChain) {
        votes.Accept(st);
      } else {
        votes.Reject(st);
      }
    }
    const std::uint8_t status = votes.Status();
    if (status != jit::kStatusEligible) {
      out_status[i] = status;
      continue;
    }

    const std::uint64_t c0 = i * kComponents;
    for (std::size_t c = 0; c < kComponents; ++c) {
      if (!component_on[c]) continue;
      out_component_value[c0 + c] = a == steth ? kStethRate[c] : 0.0;
      out_component_known[c0 + c] = 1;
      out_trace_length[c0 + c] = 0;
    }

    const std::array<bool, kTiers> when = {
        static_cast<bool>((a == btc) & (v == kOkx)), static_cast<bool>((a == btc) & (v == kBybit)),
        static_cast<bool>((a == bnx) & (v == kBinance)), a == usdt};
    const std::uint64_t t0 = i * kTiers;
    bool unknown = false;
    for (std::size_t t = 0; t < kTiers; ++t) {
      const bool member = tiers_on[t] && when[t];
      if (member && kOnQuantity[t] && quantity_known[i] == 0) {
        unknown = true;
        continue;
      }
      out_tier_member[t0 + t] = member ? 1 : 0;
      if (member) out_tier_key[t0 + t] = IntegerKey(a);
    }
    if (unknown) {
      out_status[i] = jit::kStatusUnknown;
      continue;
    }
    const std::uint64_t l0 = i * kLimits;
    out_limit_member[l0 + kAltcoinShare] = altcoin_on && a == bnx ? 1 : 0;
    out_limit_member[l0 + kStablecoinFloor] = floor_on && (a == usdt || a == usdc) ? 1 : 0;
    out_status[i] = status;
  }
}

}  // namespace

jit::KernelFn PrepareCryptoTieredKernel(const ir::Policy& policy, const jit::KernelPlan& plan) {
  const bool shape =
      DeclaresExactly(policy,
                      {"venue", "asset", "quantity", "market_value", "locked", "funding_rate"},
                      {"btc_collateral", "usdt_collateral", "bnx_collateral", "steth_collateral",
                       "usdc_collateral", "locked_on_chain", "usdt_suspended"},
                      {"steth", "steth"}, {"okx_btc", "bybit_btc", "binance_bnx", "usdt_flat"},
                      {"altcoin_share", "stablecoin_floor"}) &&
      EnumRanksAre(policy, "venue", {"okx", "bybit", "binance", "deribit"});
  const std::vector<std::int32_t> texts =
      TextIndices(plan, {"BTC", "USDT", "BNX", "stETH", "USDC"});
  const std::int32_t depegged = policy.FindMarketField("usdt_depegged");
  if (!shape || texts.size() != kTexts || depegged < 0) return nullptr;
  for (std::size_t k = 0; k < kTexts; ++k)
    g_setup.text[k] = texts[k];
  g_setup.usdt_depegged = static_cast<std::size_t>(depegged);
  return &Kernel;
}

}  // namespace collat::bench
