#include "runtime/totals.h"

namespace collat::runtime {

void TotalsBeforeLimits(AccountResult& account) {
  Totals& t = account.totals;
  double eligible_market_value = 0;
  t.ineligible_value = 0;
  t.unknown_value = 0;
  t.rejected_value = 0;
  t.eligible_value = 0;
  t.haircut_value = 0;
  for (const PositionResult& p : account.positions) {
    switch (p.status) {
      case Status::Eligible:
        eligible_market_value = eligible_market_value + p.market_value;
        t.eligible_value = t.eligible_value + p.adjusted_value;
        t.haircut_value = t.haircut_value + (p.market_value - p.adjusted_value);
        break;
      case Status::Ineligible:
        t.ineligible_value = t.ineligible_value + p.market_value;
        break;
      case Status::Unknown:
        t.unknown_value = t.unknown_value + p.market_value;
        break;
      case Status::Rejected:
        t.rejected_value = t.rejected_value + p.market_value;
        break;
    }
  }
  t.gross_value =
      ((eligible_market_value + t.ineligible_value) + t.unknown_value) + t.rejected_value;
}

void TotalsAfterLimits(AccountResult& account) {
  Totals& t = account.totals;
  t.concentration_excess = 0;
  t.collateral_value = 0;
  for (const PositionResult& p : account.positions) {
    t.concentration_excess = t.concentration_excess + p.excess;
    t.collateral_value = t.collateral_value + p.counted_value;
  }
}

}  // namespace collat::runtime
