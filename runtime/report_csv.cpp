#include "runtime/report_csv.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "runtime/json_scalar.h"
#include "runtime/report_json.h"

namespace collat::runtime {
namespace {

const char* KindName(ir::ComponentKind kind) {
  switch (kind) {
    case ir::ComponentKind::Haircut:
      return "haircut";
    case ir::ComponentKind::Margin:
      return "margin";
  }
  return "?";
}

void AppendNumber(std::string& out, double value) {
  if (std::isfinite(value)) AppendJsonNumber(out, value);
}

void AppendJoined(std::string& out, const std::vector<std::string>& texts) {
  std::string joined;
  for (const std::string& text : texts) {
    if (!joined.empty()) joined += ';';
    joined += text;
  }
  AppendCsvField(out, joined);
}

void AppendOutput(std::string& out, const OutputResult& o) {
  if (!o.value.known) return;
  switch (o.type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return AppendNumber(out, o.value.number);
    case ir::TypeKind::Bool:
      out += o.value.integer != 0 ? "true" : "false";
      return;
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
      return AppendCsvField(out, o.text);
    case ir::TypeKind::Date:
      out += FormatDate(o.value.integer);
      return;
    case ir::TypeKind::Duration:
      out += FormatDuration(o.value.duration);
      return;
    case ir::TypeKind::Error:
      return;
  }
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

CsvColumns CsvColumnsOf(const ir::Policy& policy) {
  CsvColumns columns;
  const auto add = [&columns](ir::ComponentKind kind, const std::string& id) {
    const std::pair<ir::ComponentKind, std::string> column{kind, id};
    bool seen = false;
    for (const auto& existing : columns.components)
      seen = seen || existing == column;
    if (!seen) columns.components.push_back(column);
  };
  for (const ir::Component& c : policy.components)
    add(c.kind, c.id);
  // A tiers declaration's rate is a haircut of the position (after the components, as in reports).
  for (const ir::Tiers& t : policy.tiers)
    add(ir::ComponentKind::Haircut, t.id);
  for (const ir::Output& o : policy.outputs)
    columns.outputs.push_back(o.name);
  return columns;
}

PositionsCsvWriter::PositionsCsvWriter(const Report& report, CsvColumns columns)
    : report_(report), columns_(std::move(columns)) {}

void PositionsCsvWriter::Header(std::string& out) const {
  out +=
      "account,position,status,rules,reason,missing,market_value,adjusted_value,excess,"
      "counted_value";
  for (const auto& [kind, id] : columns_.components) {
    out += ',';
    AppendCsvField(out, std::string(KindName(kind)) + "." + id);
  }
  out += '\n';
}

void PositionsCsvWriter::Account(std::size_t index, std::string& out) const {
  const AccountResult& a = report_.accounts[index];
  std::vector<const ComponentResult*> cells(columns_.components.size());
  for (const PositionResult& p : a.positions) {
    AppendCsvField(out, a.id);
    out += ',';
    AppendCsvField(out, p.id);
    out += ',';
    out += StatusName(p.status);
    out += ',';
    AppendJoined(out, p.rules);
    out += ',';
    AppendCsvField(out, p.reason);
    out += ',';
    AppendJoined(out, p.missing);
    for (const double money : {p.market_value, p.adjusted_value, p.excess, p.counted_value}) {
      out += ',';
      AppendNumber(out, money);
    }
    // A component's cell is the last result with its kind and id, as in the JSON report.
    std::fill(cells.begin(), cells.end(), nullptr);
    for (const ComponentResult& c : p.components) {
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (columns_.components[k].first == c.kind && columns_.components[k].second == c.id) {
          cells[k] = &c;
          break;
        }
      }
    }
    for (const ComponentResult* c : cells) {
      out += ',';
      if (c != nullptr && c->known) AppendNumber(out, c->value);
    }
    out += '\n';
  }
}

AccountsCsvWriter::AccountsCsvWriter(const Report& report, CsvColumns columns)
    : report_(report), columns_(std::move(columns)) {}

void AccountsCsvWriter::Header(std::string& out) const {
  out +=
      "account,rejection,gross_value,eligible_value,haircut_value,concentration_excess,"
      "collateral_value,by_status.eligible,by_status.ineligible,by_status.unknown,"
      "by_status.rejected,breached_limits";
  for (const std::string& name : columns_.outputs) {
    out += ',';
    AppendCsvField(out, "output." + name);
  }
  out += '\n';
}

void AccountsCsvWriter::Account(std::size_t index, std::string& out) const {
  const AccountResult& a = report_.accounts[index];
  const Totals& t = a.totals;
  AppendCsvField(out, a.id);
  out += ',';
  AppendCsvField(out, a.rejection);
  for (const double money : {t.gross_value, t.eligible_value, t.haircut_value,
                             t.concentration_excess, t.collateral_value, t.eligible_market_value,
                             t.ineligible_value, t.unknown_value, t.rejected_value}) {
    out += ',';
    AppendNumber(out, money);
  }
  std::int64_t breached = 0;
  for (const LimitResult& l : a.limits)
    breached += l.breached ? 1 : 0;
  out += ',';
  AppendJsonInteger(out, breached);
  for (const std::string& name : columns_.outputs) {
    out += ',';
    // The output of that name; the last one when a name repeats, as in the JSON report.
    const OutputResult* found = nullptr;
    for (const OutputResult& o : a.outputs) {
      if (o.name == name) found = &o;
    }
    if (found != nullptr) AppendOutput(out, *found);
  }
  out += '\n';
}

}  // namespace collat::runtime
