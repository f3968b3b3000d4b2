// Account totals (docs/language.md 15.3). Every figure is a quantised money figure (15.4) and
// every total is the exact sum of the figures it adds, so displayed totals reconcile.
#pragma once

#include "base/money.h"
#include "runtime/report_build.h"

namespace collat::runtime {

// The totals that are final before the limits run: market value per status (rejected positions
// with the market value the loader could read, else 0), gross_value = ((eligible + ineligible) +
// unknown) + rejected, so conservation holds exactly; eligible_value (adjusted values of eligible
// positions) and haircut_value (market value - adjusted value, per eligible position).
// Returns false when gross_value is out of the exact money range (15.4); the figures are then not
// to be reported.
bool TotalsBeforeLimits(const AccountPositions& positions, Totals& totals,
                        const money::Scale& scale);

// concentration_excess (sum of excess) and collateral_value (sum of counted values), over every
// position, once the limits have run.
void TotalsAfterLimits(const AccountPositions& positions, Totals& totals,
                       const money::Scale& scale);

}  // namespace collat::runtime
