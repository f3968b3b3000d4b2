// Hand-written batch kernel of policies/us_uncleared_margin.collat (see handwritten_kernels.h):
// eight eligibility rules, the Table B match with its two maturity schedules, the FX add-on, and
// the issuer and equity limit memberships, in one loop over the columns.
#include <array>

#include "bench/handwritten_kernels.h"
#include "bench/kernel_logic.h"
#include "bench/kernel_setup.h"
#include "bench/years_table.h"

namespace collat::bench {
namespace {

// Position fields, rules, components and limits, in the policy's order (checked by Prepare).
enum Field : std::size_t {
  kAssetClass,
  kIssuer,
  kCurrency,
  kMaturity,
  kIndex,
  kInvestmentGrade,
  kAffiliate
};
enum Rule : std::size_t {
  kCash,
  kGovernment,
  kGse,
  kTraded,
  kIndexEquity,
  kGold,
  kOwnAffiliate,
  kMatured,
  kRules
};
enum Component : std::size_t { kAssetHaircut, kFxHaircut, kComponents };
enum Limit : std::size_t { kIssuerCap, kEquityCap, kLimits };
// AssetClass and EquityIndex ranks.
enum : std::int64_t {
  kClassCash,
  kSovereign,
  kMdb,
  kGseBacked,
  kGseOther,
  kPublicDebt,
  kEquity,
  kClassGold
};
enum : std::int64_t { kSp500, kSp1500 };
// Arms of the asset haircut's match, in order.
enum Arm : std::size_t {
  kCashArm,
  kGovernmentArm,
  kOtherDebtArm,
  kSp500Arm,
  kSp1500Arm,
  kGoldArm,
  kArms
};

struct Setup {
  std::array<std::int32_t, kArms> arm{};
  std::int32_t usd = 0;  // text index of "USD"
  std::size_t max_trace = 1;
};
Setup g_setup;

void Kernel(const jit::KernelArgs* args, std::uint64_t begin, std::uint64_t end) {
  const Setup s = g_setup;
  const jit::KernelColumn* f = args->position_fields;
  const std::int64_t* asset_class = f[kAssetClass].integers;
  const std::int64_t* issuer = f[kIssuer].integers;
  const std::int64_t* currency = f[kCurrency].integers;
  const std::int64_t* maturity = f[kMaturity].integers;
  const std::uint8_t* maturity_known = f[kMaturity].known;
  const std::int64_t* index = f[kIndex].integers;
  const std::uint8_t* index_known = f[kIndex].known;
  const std::int64_t* investment_grade = f[kInvestmentGrade].integers;
  const std::uint8_t* investment_grade_known = f[kInvestmentGrade].known;
  const std::int64_t* affiliate = f[kAffiliate].integers;
  const std::uint8_t* valid = args->position_valid;
  // Outputs, as restrict pointers: the byte stores cannot alias the inputs or each other.
  std::uint8_t* __restrict out_status = args->status;
  std::uint8_t* __restrict out_rule_state = args->rule_state;
  double* __restrict out_component_value = args->component_value;
  std::uint8_t* __restrict out_component_known = args->component_known;
  std::int32_t* __restrict out_trace = args->trace;
  std::uint8_t* __restrict out_trace_length = args->trace_length;
  std::uint8_t* __restrict out_limit_member = args->limit_member;
  jit::KernelValue* __restrict out_limit_key = args->limit_key;
  const std::int64_t usd = args->text_codes[s.usd];
  const std::int64_t valuation = args->valuation_date;
  std::array<bool, kRules> rule_on{};
  for (std::size_t r = 0; r < kRules; ++r)
    rule_on[r] = args->rule_in_force[r] != 0;
  const bool asset_on = args->component_in_force[kAssetHaircut] != 0;
  const bool fx_on = args->component_in_force[kFxHaircut] != 0;
  const bool issuer_on = args->limit_in_force[kIssuerCap] != 0;
  const bool equity_on = args->limit_in_force[kEquityCap] != 0;
  const YearsTable& years = YearsTableFor(valuation);

  for (std::uint64_t i = begin; i < end; ++i) {
    if (valid[i] == 0) {
      out_status[i] = jit::kStatusSkipped;
      continue;
    }
    const std::int64_t cls = asset_class[i];
    const bool government_like = (cls == kSovereign) | (cls == kMdb) | (cls == kGseBacked);
    std::array<std::uint8_t, kRules> state{};
    state[kCash] = Truth(cls == kClassCash);
    state[kGovernment] = Truth(government_like);
    state[kGse] = And(Truth(cls == kGseOther),
                      KnownTruth(investment_grade_known[i], investment_grade[i] != 0));
    state[kTraded] = And(Truth(cls == kPublicDebt),
                         KnownTruth(investment_grade_known[i], investment_grade[i] != 0));
    state[kIndexEquity] =
        And(Truth(cls == kEquity),
            KnownTruth(index_known[i], (index[i] == kSp500) | (index[i] == kSp1500)));
    state[kGold] = Truth(cls == kClassGold);
    state[kOwnAffiliate] = Truth(affiliate[i] != 0);
    state[kMatured] = Truth((maturity_known[i] != 0) & (maturity[i] <= valuation));
    Votes votes;
    std::uint8_t* rule_state = out_rule_state + i * kRules;
    for (std::size_t r = 0; r < kRules; ++r) {
      const std::uint8_t st = rule_on[r] ? state[r] : kFalse;
      rule_state[r] = st;
      if (r < kOwnAffiliate) {
        votes.Accept(st);
      } else {
        votes.Reject(st);
      }
    }
    std::uint8_t status = votes.Status();
    if (status != jit::kStatusEligible) {
      out_status[i] = status;
      continue;
    }

    // Haircut asset: Table B, first matching row.
    const std::uint64_t c0 = i * kComponents;
    bool known = true;
    if (asset_on) {
      double rate = 0;
      std::int32_t arm = -1;
      if (cls == kClassCash) {
        arm = s.arm[kCashArm];
      } else if (government_like || cls == kGseOther || cls == kPublicDebt) {
        arm = s.arm[government_like ? kGovernmentArm : kOtherDebtArm];
        if (maturity_known[i] == 0) {
          known = false;
        } else {
          const double residual = years.Between(maturity[i]);
          if (government_like) {
            rate = residual < 1 ? 0.005 : residual <= 5 ? 0.02 : 0.04;
          } else {
            rate = residual < 1 ? 0.01 : residual <= 5 ? 0.04 : 0.08;
          }
        }
      } else if (cls == kEquity && index_known[i] == 0) {
        known = false;  // `index == sp500` is unknown: so is the match
      } else if (cls == kEquity && index[i] == kSp500) {
        arm = s.arm[kSp500Arm];
        rate = 0.15;
      } else if (cls == kEquity && index[i] == kSp1500) {
        arm = s.arm[kSp1500Arm];
        rate = 0.25;
      } else if (cls == kClassGold) {
        arm = s.arm[kGoldArm];
        rate = 0.15;
      } else {
        known = false;  // no row holds
      }
      known = known && HaircutInRange(rate);
      out_component_value[c0 + kAssetHaircut] = known ? rate : 0.0;
      out_component_known[c0 + kAssetHaircut] = known ? 1 : 0;
      out_trace_length[c0 + kAssetHaircut] = arm >= 0 ? 1 : 0;
      if (arm >= 0) out_trace[(c0 + kAssetHaircut) * s.max_trace] = arm;
    }
    // Haircut fx: the currency mismatch add-on.
    if (fx_on) {
      out_component_value[c0 + kFxHaircut] = currency[i] != usd ? 0.08 : 0.0;
      out_component_known[c0 + kFxHaircut] = 1;
      out_trace_length[c0 + kFxHaircut] = 0;
    }
    if (!known) {
      out_status[i] = jit::kStatusUnknown;
      continue;
    }

    const std::uint64_t l0 = i * kLimits;
    const bool issuer_member = issuer_on && cls != kClassCash && cls != kSovereign;
    out_limit_member[l0 + kIssuerCap] = issuer_member ? 1 : 0;
    if (issuer_member) out_limit_key[l0 + kIssuerCap] = IntegerKey(issuer[i]);
    out_limit_member[l0 + kEquityCap] = equity_on && cls == kEquity ? 1 : 0;
    out_status[i] = status;
  }
}

}  // namespace

jit::KernelFn PrepareUsUnclearedMarginKernel(const ir::Policy& policy,
                                             const jit::KernelPlan& plan) {
  const bool shape =
      DeclaresExactly(policy,
                      {"asset_class", "issuer", "currency", "maturity", "index", "investment_grade",
                       "affiliate_of_poster", "quantity", "market_value", "funding_rate"},
                      {"cash_collateral", "government_debt", "gse_debt", "traded_debt",
                       "index_equity", "gold_bullion", "own_affiliate", "matured"},
                      {"asset", "fx"}, {}, {"issuer_cap", "equity_cap"}) &&
      EnumRanksAre(policy, "asset_class",
                   {"cash", "sovereign", "mdb", "gse_backed", "gse_other", "public_debt", "equity",
                    "gold"}) &&
      EnumRanksAre(policy, "index", {"sp500", "sp1500"});
  const std::vector<std::int32_t> arms = MatchArmIds(policy, plan, kAssetHaircut);
  const std::vector<std::int32_t> texts = TextIndices(plan, {"USD"});
  if (!shape || arms.size() != kArms || texts.size() != 1) return nullptr;
  for (std::size_t k = 0; k < kArms; ++k)
    g_setup.arm[k] = arms[k];
  g_setup.usd = texts[0];
  g_setup.max_trace = plan.max_trace;
  return &Kernel;
}

}  // namespace collat::bench
