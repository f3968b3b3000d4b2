// The report as CSV for big books and spreadsheet tools (docs/language.md 15.9): one row per
// position (`collat eval --format csv`), or one row per account with its totals and outputs
// (`--accounts-csv FILE`). RFC 4180 quoting, rows end in "\n", numbers as the JSON report spells
// them (money exact to the policy's precision, rates shortest round-trip).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir.h"
#include "runtime/report_writer.h"

namespace collat::runtime {

// The policy-dependent columns: one per distinct (kind, id) component in written order, then one
// per tiers declaration (a haircut), one per output. Taken from the policy so that a report without
// positions still has its header.
struct CsvColumns {
  std::vector<std::pair<ComponentKind, std::string>> components;
  std::vector<std::string> outputs;
};
CsvColumns CsvColumnsOf(const ir::Policy& policy);

// Positions: account, position, status, rules (";"-separated), reason, missing (";"-separated),
// market_value, adjusted_value, excess, counted_value, then `haircut.ID` / `margin.ID` per
// component: the rate or ratio, empty when the component does not apply or is unknown.
class PositionsCsvWriter final : public ReportWriter {
 public:
  PositionsCsvWriter(const Report& report, CsvColumns columns);
  void Header(std::string& out) const override;
  void Account(std::size_t index, std::string& out) const override;
  void Footer(std::string&) const override {}

 private:
  const Report& report_;
  CsvColumns columns_;
  std::vector<std::size_t> column_of_slot_;  // per component slot: its CSV column, or npos
};

// Accounts: account, rejection, gross_value, eligible_value, haircut_value, concentration_excess,
// collateral_value, by_status.eligible, by_status.ineligible, by_status.unknown,
// by_status.rejected, breached_limits (how many limits are breached), then `output.NAME` per output
// (empty when unknown; dates and durations as in the JSON report).
class AccountsCsvWriter final : public ReportWriter {
 public:
  AccountsCsvWriter(const Report& report, CsvColumns columns);
  void Header(std::string& out) const override;
  void Account(std::size_t index, std::string& out) const override;
  void Footer(std::string&) const override {}

 private:
  const Report& report_;
  CsvColumns columns_;
};

// `text` as one CSV field: quoted (and `"` doubled) when it holds a comma, quote, CR or LF.
void AppendCsvField(std::string& out, std::string_view text);

}  // namespace collat::runtime
