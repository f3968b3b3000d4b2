// Renders a Report as the stable JSON contract (docs/language.md 15.7): keys in a fixed order, so
// equal reports give byte-identical text. Also the contract's spellings of statuses, dates and
// durations, which the text report shares.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/value.h"
#include "runtime/report.h"

namespace collat::runtime {

// The report as pretty-printed JSON (two-space indent) ending in a newline. Numbers are the
// shortest decimal that reads back as the same binary64 (integral values without a fraction, -0 as
// 0); a non-finite number, which the evaluator never produces, renders as null. Malformed UTF-8 in
// ids or texts renders as U+FFFD. Never throws except std::bad_alloc.
std::string RenderJson(const Report& report);

// The contract's version (docs/language.md 15.8): "2" since totals.by_status, warnings, currency,
// precision and limits' `on` (version "1" had flat ineligible_value, unknown_value,
// rejected_value).
inline constexpr const char* kReportVersion = "2";

// What a limit measures: "value", "quantity" or "market_value".
const char* LimitOnName(ir::LimitOn on);

// "eligible", "ineligible", "unknown" or "rejected".
const char* StatusName(Status status);
// Days since 1970-01-01 as "YYYY-MM-DD" (proleptic Gregorian).
std::string FormatDate(std::int64_t days);
// A duration as a literal: whole years, then months, then days ("1y6m", "6m", "30d"); zero is "0d".
std::string FormatDuration(ir::Duration duration);

}  // namespace collat::runtime
