// Renders a Report as the stable JSON contract (docs/language.md 15.7): keys in a fixed order, so
// equal reports give byte-identical text. Also the contract's spellings of statuses, dates and
// durations, which the text report shares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/ir.h"
#include "compiler/value.h"
#include "runtime/report_writer.h"

namespace collat::runtime {

// The report as pretty-printed JSON (two-space indent) ending in a newline. Numbers are the
// shortest decimal that reads back as the same binary64 (integral values without a fraction, -0 as
// 0); a non-finite number, which the evaluator never produces, renders as null. Malformed UTF-8 in
// ids or texts renders as U+FFFD. Never throws except std::bad_alloc.
// Streamed from the report (report_writer.h), byte-identical for any `threads`.
std::string RenderJson(const Report& report, unsigned threads = 1);

// The same report as JSON Lines (docs/language.md 15.9): one compact JSON object per account and
// line, {"report_version", "policy", "currency", "precision", "valuation_date", "warnings",
// "account"}, where "account" is the account object of the JSON report; no line without accounts.
std::string RenderJsonl(const Report& report, unsigned threads = 1);

// The two JSON renderings as report writers, for StreamReport. They refer to `report`, which
// must outlive them.
class JsonReportWriter final : public ReportWriter {
 public:
  explicit JsonReportWriter(const Report& report) : report_(report) {}
  void Header(std::string& out) const override;
  void Account(std::size_t index, std::string& out) const override;
  void Footer(std::string& out) const override;

 private:
  const Report& report_;
};

class JsonlReportWriter final : public ReportWriter {
 public:
  explicit JsonlReportWriter(const Report& report) : report_(report) {}
  void Header(std::string&) const override {}
  void Account(std::size_t index, std::string& out) const override;
  void Footer(std::string&) const override {}

 private:
  const Report& report_;
};

// The contract's version (docs/language.md 15.8): "2" since totals.by_status, warnings, currency,
// precision and limits' `on` (version "1" had flat ineligible_value, unknown_value,
// rejected_value).
inline constexpr const char* kReportVersion = "2";

// What a limit measures: "value", "quantity" or "market_value".
const char* LimitOnName(ir::LimitOn on);

// Days since 1970-01-01 as "YYYY-MM-DD" (proleptic Gregorian).
std::string FormatDate(std::int64_t days);
std::string FormatDate(const Date& date);
// A duration as a literal: whole years, then months, then days ("1y6m", "6m", "30d"); zero is "0d".
std::string FormatDuration(ir::Duration duration);

}  // namespace collat::runtime
