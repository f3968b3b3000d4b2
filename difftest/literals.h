// Literal spellings shared by the policy and the input generators: decimals from scaled integers
// (exact, no floating-point formatting), percents, USD money, dates and durations.
#pragma once

#include <cstdint>
#include <string>

#include "difftest/model.h"
#include "difftest/rng.h"

namespace collat::difftest {

// `scaled` / 10^decimals as a decimal literal, with `_` digit groups now and then: (12345, 2)
// gives "123.45"; a negative value gets a leading '-' (the policy wraps it as a unary minus).
std::string Decimal(std::int64_t scaled, int decimals, bool groups = false);

// A non-negative number literal (recorded in model.numbers), of a random magnitude.
std::string NumberLiteral(Rng& rng, Model& model);
// A percent literal in [0%, 100%] ("2.5%", "100%") or, now and then, the same as a decimal.
std::string RateLiteral(Rng& rng);
// A money literal in the base currency: "1_500 USD", "0 USD".
std::string MoneyLiteral(Rng& rng, Model& model);
// A date near the valuation date (recorded in model.dates), as YYYY-MM-DD.
std::string DateLiteral(Rng& rng, Model& model);
std::string DateText(std::int64_t days);
// A duration literal: "30d", "2w", "6m", "1y".
std::string DurationLiteral(Rng& rng);
// A text constant from a small pool (recorded in model.texts), unquoted.
std::string TextConstant(Rng& rng, Model& model);

}  // namespace collat::difftest
