#include "runtime/totals.h"

#include "base/money.h"

namespace collat::runtime {

bool TotalsBeforeLimits(const AccountPositions& positions, Totals& totals,
                        const money::Scale& scale) {
  money::Sum eligible(scale);
  money::Sum ineligible(scale);
  money::Sum unknown(scale);
  money::Sum rejected(scale);
  money::Sum adjusted(scale);
  money::Sum haircut(scale);
  for (const PositionCells p : positions) {
    switch (p.status) {
      case Status::Eligible:
        eligible.Add(p.market_value);
        adjusted.Add(p.adjusted_value);
        haircut.AddUnits(money::Units(p.market_value, scale) -
                         money::Units(p.adjusted_value, scale));
        break;
      case Status::Ineligible:
        ineligible.Add(p.market_value);
        break;
      case Status::Unknown:
        unknown.Add(p.market_value);
        break;
      case Status::Rejected:
        rejected.Add(p.market_value);
        break;
    }
  }
  Totals& t = totals;
  t.eligible_market_value = eligible.value();
  t.ineligible_value = ineligible.value();
  t.unknown_value = unknown.value();
  t.rejected_value = rejected.value();
  t.eligible_value = adjusted.value();
  t.haircut_value = haircut.value();
  money::Sum gross(scale);
  for (const money::Sum* part : {&eligible, &ineligible, &unknown, &rejected})
    gross.AddUnits(part->units());
  t.gross_value = gross.value();
  return gross.Fits();  // the other sums are parts of it: market values are not negative
}

void TotalsAfterLimits(const AccountPositions& positions, Totals& totals,
                       const money::Scale& scale) {
  money::Sum excess(scale);
  money::Sum counted(scale);
  for (const PositionCells p : positions) {
    excess.Add(p.excess);
    counted.Add(p.counted_value);
  }
  totals.concentration_excess = excess.value();
  totals.collateral_value = counted.value();
}

}  // namespace collat::runtime
