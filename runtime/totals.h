// Account totals (docs/language.md 15.3). Every sum starts from 0 and runs over the account's
// positions in input order.
#pragma once

#include "runtime/report.h"

namespace collat::runtime {

// The totals that are final before the limits run: market value per status (rejected positions
// with the market value the loader could read, else 0), gross_value = ((eligible + ineligible) +
// unknown) + rejected, so conservation holds exactly; eligible_value (adjusted values of eligible
// positions) and haircut_value (market value - adjusted value, per eligible position).
void TotalsBeforeLimits(AccountResult& account);

// concentration_excess (sum of excess) and collateral_value (sum of counted values), over every
// position, once the limits have run.
void TotalsAfterLimits(AccountResult& account);

}  // namespace collat::runtime
