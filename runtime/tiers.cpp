#include "runtime/tiers.h"

#include "base/money.h"

#include "runtime/grouping.h"

namespace collat::runtime {
namespace {

double Min(double a, double b) {
  return b < a ? b : a;
}

// What a band keeps of an amount: `keep r` keeps amount x r, a plain rate r keeps
// amount - amount x r (ir::TierBand).
double Kept(const ir::TierBand& band, double amount) {
  return band.keep ? band.rate * amount : amount - amount * band.rate;
}

double KeptProgressive(const std::vector<ir::TierBand>& bands, double m) {
  double kept = 0;
  double previous = 0;  // b0
  for (const ir::TierBand& band : bands) {
    switch (band.op) {
      case ir::BandOp::Lt:
      case ir::BandOp::Le:
        kept = kept + Kept(band, Min(m, band.bound) - Min(m, previous));
        previous = band.bound;
        break;
      case ir::BandOp::Else:
        return kept + Kept(band, m - Min(m, previous));
    }
  }
  return kept;  // no `else` band (the checker requires one): nothing beyond the last bound kept
}

double KeptWhole(const std::vector<ir::TierBand>& bands, double m) {
  for (const ir::TierBand& band : bands) {
    bool holds = true;
    switch (band.op) {
      case ir::BandOp::Lt:
        holds = m < band.bound;
        break;
      case ir::BandOp::Le:
        holds = m <= band.bound;
        break;
      case ir::BandOp::Else:
        break;
    }
    if (holds) return Kept(band, m);
  }
  return 0;  // no band holds (no `else`, which the checker requires): nothing kept
}

}  // namespace

double TierRate(const ir::Tiers& tiers, double measure) {
  if (tiers.bands.empty()) return 0;
  if (measure == 0) {
    const ir::TierBand& first = tiers.bands.front();
    return first.keep ? 1 - first.rate : first.rate;
  }
  double kept = 0;
  switch (tiers.mode) {
    case ir::TierMode::Progressive:
      kept = KeptProgressive(tiers.bands, measure);
      break;
    case ir::TierMode::Whole:
      kept = KeptWhole(tiers.bands, measure);
      break;
  }
  return 1 - kept / measure;
}

void ApplyTiers(const ir::Policy& policy, const InForce& in_force, const Input& input,
                const std::vector<PositionWork>& work, AccountState& state) {
  const AccountPositions positions = state.positions();
  for (std::size_t t = 0; t < policy.tiers.size(); ++t) {
    if (!in_force.tiers[t]) continue;
    const ir::Tiers& tiers = policy.tiers[t];
    Grouping grouping(tiers.group_by ? ReprOf(tiers.group_by->type.kind) : Repr::None);
    for (std::size_t local = 0; local < positions.size(); ++local) {
      const Membership& m = work[local].tiers[t];
      if (positions[local].status == Status::Eligible && m.member) grouping.Add(m.key, local);
    }
    for (const Group& group : grouping.groups()) {
      double measure = 0;
      money::Sum value(policy.header.money);  // market values add exactly (15.4)
      for (const std::size_t local : group.members) {
        const std::size_t global = state.first_position + local;
        switch (tiers.measure) {
          case ir::TierMeasure::Quantity:
            measure = measure + QuantityOf(policy, input, global).value_or(0);
            break;
          case ir::TierMeasure::Value:
            value.Add(positions[local].market_value);
            measure = value.value();
            break;
        }
      }
      const double rate = money::QuantiseRate(TierRate(tiers, measure));
      for (const std::size_t local : group.members) {
        state.Row(local).SetComponent(static_cast<std::size_t>(state.frame->tiers_slot[t]), true,
                                      rate, "");
      }
    }
  }
}

}  // namespace collat::runtime
