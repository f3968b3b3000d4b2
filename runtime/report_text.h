// Renders a Report as readable text for a terminal or a log: the policy, then per account an
// aligned table of positions, the totals, the limits and the outputs. Deterministic: equal reports
// give equal text. Not a contract for tools; they read the JSON (report_json.h).
#pragma once

#include <cstddef>
#include <string>

#include "runtime/report_writer.h"

namespace collat::runtime {

// Money shows two decimals and thousands separators (1,234,567.89); rates show as percents with up
// to four decimals (15%, 0.5%); margins as ratios (1.05x); unknown values as "unknown". Columns are
// aligned by code points; malformed UTF-8 shows as U+FFFD and control characters as spaces. Lines
// have no trailing spaces and the text ends in a newline.
// Streamed account by account (report_writer.h), byte-identical for any `threads`.
std::string RenderText(const Report& report, unsigned threads = 1);

// The text report as a report writer, for StreamReport; `report` must outlive it.
class TextReportWriter final : public ReportWriter {
 public:
  explicit TextReportWriter(const Report& report) : report_(report) {}
  void Header(std::string& out) const override;
  void Account(std::size_t index, std::string& out) const override;
  void Footer(std::string&) const override {}

 private:
  const Report& report_;
};

// The cell formats above, shared with other text renderings (explanations) so that money and
// rates look the same everywhere: FormatMoney(1234567.891, 2) is "1,234,567.89", FormatRate(0.005)
// is "0.5%". `places` is the policy's money precision (docs/language.md 15.4).
std::string FormatMoney(double value, int places);
std::string FormatRate(double rate);

}  // namespace collat::runtime
