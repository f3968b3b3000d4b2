// Hand-written batch kernel of policies/cme_performance_bond.collat (see handwritten_kernels.h):
// seven accepts and three vetoes (one on the account's origin), the CME haircut match with its
// maturity buckets and clamped published rates, the clamped FX haircut for a currency mismatch
// with the account, and thirteen limit memberships.
#include <array>

#include "bench/handwritten_kernels.h"
#include "bench/kernel_logic.h"
#include "bench/kernel_setup.h"
#include "bench/years_table.h"

namespace collat::bench {
namespace {

enum Field : std::size_t {
  kAssetClass,
  kCategory,
  kIssuer,
  kCurrency,
  kMaturity,
  kPublishedHaircut,
  kFxHaircut,
  kTriParty
};
enum Rule : std::size_t {
  kCashAndTreasuries,
  kAgencyDebt,
  kCorporateDebt,
  kListedEquity,
  kMoneyMarket,
  kBankLetter,
  kPhysicalGold,
  kGoldCustomer,
  kCorporateBilateral,
  kMatured,
  kRules
};
enum Component : std::size_t { kAssetHaircut, kFxHaircutComponent, kComponents };
enum Limit : std::size_t {
  kStocksCap,
  kEtfCap,
  kCorporateCap,
  kAgencyCap,
  kAgencyMbsCap,
  kTipsCap,
  kGoldCap,
  kMmfCap,
  kLocCap,
  kLocShare,
  kForeignCap,
  kCategory2Cap,
  kCategory3Cap,
  kLimits
};
// AssetClass, Category and Origin ranks.
enum : std::int64_t {
  kCash,
  kBill,
  kCoupon,
  kTips,
  kAgency,
  kAgencyMbs,
  kCorporate,
  kStock,
  kEtf,
  kGold,
  kMmf,
  kLetterOfCredit
};
enum : std::int64_t { kCat1, kCat2, kCat3 };
enum : std::int64_t { kHouse, kCustomer };
enum Arm : std::size_t {
  kCashArm,
  kBillArm,
  kNoteBondArm,
  kGoldArm,
  kMmfArm,
  kCorporateArm,
  kPublishedArm,
  kArms
};

struct Setup {
  std::array<std::int32_t, kArms> arm{};
  std::size_t account_currency = 0;  // account field indices
  std::size_t origin = 0;
  std::size_t max_trace = 1;
};
Setup g_setup;

// clamp01(rate) = min(max(rate, 0%), 100%), ties keeping the earlier argument.
inline double Clamp01(double rate) {
  const double low = rate < 0 ? 0.0 : rate;
  return 1 < low ? 1.0 : low;
}

inline double NoteBondRate(double residual) {
  if (residual <= 1) return 0.01;
  if (residual <= 3) return 0.02;
  if (residual <= 5) return 0.03;
  if (residual <= 10) return 0.045;
  return 0.06;
}

void Kernel(const jit::KernelArgs* args, std::uint64_t begin, std::uint64_t end) {
  const Setup s = g_setup;
  const jit::KernelColumn* f = args->position_fields;
  const std::int64_t* asset_class = f[kAssetClass].integers;
  const std::int64_t* category = f[kCategory].integers;
  const std::int64_t* currency = f[kCurrency].integers;
  const std::int64_t* maturity = f[kMaturity].integers;
  const std::uint8_t* maturity_known = f[kMaturity].known;
  const double* published = f[kPublishedHaircut].numbers;
  const std::uint8_t* published_known = f[kPublishedHaircut].known;
  const double* fx = f[kFxHaircut].numbers;
  const std::uint8_t* fx_known = f[kFxHaircut].known;
  const std::int64_t* tri_party = f[kTriParty].integers;
  const std::uint8_t* valid = args->position_valid;
  // Outputs, as restrict pointers: the byte stores cannot alias the inputs or each other.
  std::uint8_t* __restrict out_status = args->status;
  std::uint8_t* __restrict out_rule_state = args->rule_state;
  double* __restrict out_component_value = args->component_value;
  std::uint8_t* __restrict out_component_known = args->component_known;
  std::int32_t* __restrict out_trace = args->trace;
  std::uint8_t* __restrict out_trace_length = args->trace_length;
  std::uint8_t* __restrict out_limit_member = args->limit_member;
  const std::int32_t* account = args->position_account;
  const jit::KernelValue* account_fields = args->account_fields;
  const auto account_stride = static_cast<std::size_t>(args->account_field_count);
  const std::int64_t valuation = args->valuation_date;
  std::array<bool, kRules> rule_on{};
  for (std::size_t r = 0; r < kRules; ++r)
    rule_on[r] = args->rule_in_force[r] != 0;
  const bool asset_on = args->component_in_force[kAssetHaircut] != 0;
  const bool fx_on = args->component_in_force[kFxHaircutComponent] != 0;
  std::array<bool, kLimits> limit_on{};
  for (std::size_t l = 0; l < kLimits; ++l)
    limit_on[l] = args->limit_in_force[l] != 0;
  const YearsTable& years = YearsTableFor(valuation);

  for (std::uint64_t i = begin; i < end; ++i) {
    if (valid[i] == 0) {
      out_status[i] = jit::kStatusSkipped;
      continue;
    }
    const std::int64_t cls = asset_class[i];
    const jit::KernelValue* acct =
        account_fields + static_cast<std::size_t>(account[i]) * account_stride;
    const jit::KernelValue origin = acct[s.origin];
    const jit::KernelValue account_currency = acct[s.account_currency];
    std::array<std::uint8_t, kRules> state{};
    state[kCashAndTreasuries] =
        Truth(cls == kCash || cls == kBill || cls == kCoupon || cls == kTips);
    state[kAgencyDebt] = Truth(cls == kAgency || cls == kAgencyMbs);
    state[kCorporateDebt] = Truth(cls == kCorporate);
    state[kListedEquity] = Truth(cls == kStock || cls == kEtf);
    state[kMoneyMarket] = Truth(cls == kMmf);
    state[kBankLetter] = Truth(cls == kLetterOfCredit);
    state[kPhysicalGold] = Truth(cls == kGold);
    state[kGoldCustomer] =
        And(Truth(cls == kGold),
            KnownTruth(static_cast<std::uint8_t>(origin.known), origin.integer == kCustomer));
    state[kCorporateBilateral] = Truth((cls == kCorporate) & (tri_party[i] == 0));
    state[kMatured] = Truth((maturity_known[i] != 0) & (maturity[i] <= valuation));
    Votes votes;
    std::uint8_t* rule_state = out_rule_state + i * kRules;
    for (std::size_t r = 0; r < kRules; ++r) {
      const std::uint8_t st = rule_on[r] ? state[r] : kFalse;
      rule_state[r] = st;
      if (r < kGoldCustomer) {
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

    // `foreign`: the position's currency against the account's (unknown without the latter).
    const std::uint8_t foreign = KnownTruth(static_cast<std::uint8_t>(account_currency.known),
                                            currency[i] != account_currency.integer);
    const std::uint64_t c0 = i * kComponents;
    bool known = true;
    if (asset_on) {
      double rate = 0;
      std::int32_t arm = -1;
      bool asset_known = true;
      switch (cls) {
        case kCash:
          arm = s.arm[kCashArm];
          break;
        case kBill:
          arm = s.arm[kBillArm];
          rate = 0.005;
          break;
        case kCoupon:
          arm = s.arm[kNoteBondArm];
          asset_known = maturity_known[i] != 0;
          if (asset_known) rate = NoteBondRate(years.Between(maturity[i]));
          break;
        case kGold:
          arm = s.arm[kGoldArm];
          rate = 0.15;
          break;
        case kMmf:
          arm = s.arm[kMmfArm];
          rate = 0.03;
          break;
        case kCorporate:
          arm = s.arm[kCorporateArm];
          rate = 0.2;
          break;
        case kTips:
        case kAgency:
        case kAgencyMbs:
        case kStock:
        case kEtf:
        case kLetterOfCredit:
          arm = s.arm[kPublishedArm];
          asset_known = published_known[i] != 0;
          if (asset_known) rate = Clamp01(published[i]);
          break;
        default:
          asset_known = false;  // no arm holds
          break;
      }
      asset_known = asset_known && HaircutInRange(rate);
      known = asset_known;
      out_component_value[c0 + kAssetHaircut] = asset_known ? rate : 0.0;
      out_component_known[c0 + kAssetHaircut] = asset_known ? 1 : 0;
      out_trace_length[c0 + kAssetHaircut] = arm >= 0 ? 1 : 0;
      if (arm >= 0) out_trace[(c0 + kAssetHaircut) * s.max_trace] = arm;
    }
    if (fx_on) {
      double rate = 0;
      bool fx_rate_known = foreign != kUnknown;
      if (foreign == kTrue) {
        fx_rate_known = fx_known[i] != 0;
        if (fx_rate_known) rate = Clamp01(fx[i]);
      }
      fx_rate_known = fx_rate_known && HaircutInRange(rate);
      known = known && fx_rate_known;
      out_component_value[c0 + kFxHaircutComponent] = fx_rate_known ? rate : 0.0;
      out_component_known[c0 + kFxHaircutComponent] = fx_rate_known ? 1 : 0;
      out_trace_length[c0 + kFxHaircutComponent] = 0;
    }
    if (!known || (limit_on[kForeignCap] && foreign == kUnknown)) {
      out_status[i] = jit::kStatusUnknown;
      continue;
    }

    const std::array<bool, kLimits> where = {
        cls == kStock,          cls == kEtf,       cls == kCorporate,
        cls == kAgency,         cls == kAgencyMbs, cls == kTips,
        cls == kGold,           cls == kMmf,       cls == kLetterOfCredit,
        cls == kLetterOfCredit, foreign == kTrue,  category[i] == kCat2,
        category[i] == kCat3};
    std::uint8_t* member = out_limit_member + i * kLimits;
    for (std::size_t l = 0; l < kLimits; ++l)
      member[l] = limit_on[l] && where[l] ? 1 : 0;
    out_status[i] = status;
  }
}

}  // namespace

jit::KernelFn PrepareCmePerformanceBondKernel(const ir::Policy& policy,
                                              const jit::KernelPlan& plan) {
  const bool shape =
      DeclaresExactly(
          policy,
          {"asset_class", "category", "issuer", "currency", "maturity", "published_haircut",
           "fx_haircut", "tri_party", "quantity", "market_value", "funding_rate"},
          {"cash_and_treasuries", "agency_debt", "corporate_debt", "listed_equity", "money_market",
           "bank_letter", "physical_gold", "gold_customer", "corporate_bilateral", "matured"},
          {"asset", "fx"}, {},
          {"stocks_cap", "etf_cap", "corporate_cap", "agency_cap", "agency_mbs_cap", "tips_cap",
           "gold_cap", "mmf_cap", "loc_cap", "loc_share", "foreign_cap", "category2_cap",
           "category3_cap"}) &&
      EnumRanksAre(policy, "asset_class",
                   {"cash", "treasury_bill", "treasury_coupon", "tips", "agency", "agency_mbs",
                    "corporate_bond", "stock", "etf", "gold", "mmf", "letter_of_credit"}) &&
      EnumRanksAre(policy, "category", {"cat1", "cat2", "cat3"});
  const std::vector<std::int32_t> arms = MatchArmIds(policy, plan, kAssetHaircut);
  const std::int32_t account_currency = policy.FindAccountField("currency");
  const std::int32_t origin = policy.FindAccountField("origin");
  if (!shape || arms.size() != kArms || account_currency < 0 || origin < 0) return nullptr;
  for (std::size_t k = 0; k < kArms; ++k)
    g_setup.arm[k] = arms[k];
  g_setup.account_currency = static_cast<std::size_t>(account_currency);
  g_setup.origin = static_cast<std::size_t>(origin);
  g_setup.max_trace = plan.max_trace;
  return &Kernel;
}

}  // namespace collat::bench
