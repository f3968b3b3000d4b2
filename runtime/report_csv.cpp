#include "runtime/report_csv.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "runtime/json_scalar.h"
#include "runtime/report_build.h"
#include "runtime/report_json.h"

namespace collat::runtime {
namespace {

const char* KindName(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::Haircut:
      return "haircut";
    case ComponentKind::Margin:
      return "margin";
  }
  return "?";
}

void AppendNumber(std::string& out, double value) {
  if (std::isfinite(value)) AppendJsonNumber(out, value);
}

template <typename Texts>
void AppendJoined(std::string& out, const Texts& texts) {
  std::string joined;
  bool first = true;
  for (const std::string_view text : texts) {
    if (!first) joined += ';';
    first = false;
    joined += text;
  }
  AppendCsvField(out, joined);
}

void AppendOutput(std::string& out, const OutputResult& o) {
  if (!o.known) return;
  switch (o.type) {
    case ValueType::Number:
    case ValueType::Percent:
    case ValueType::Money:
      return AppendNumber(out, o.number);
    case ValueType::Bool:
      out += o.boolean ? "true" : "false";
      return;
    case ValueType::Text:
    case ValueType::Enum:
      return AppendCsvField(out, o.text);
    case ValueType::Date:
    case ValueType::Duration:
      out += o.value_text;
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
  const auto add = [&columns](ComponentKind kind, const std::string& id) {
    const std::pair<ComponentKind, std::string> column{kind, id};
    bool seen = false;
    for (const auto& existing : columns.components)
      seen = seen || existing == column;
    if (!seen) columns.components.push_back(column);
  };
  for (const ir::Component& c : policy.components)
    add(ToKind(c.kind), c.id);
  // A tiers declaration's rate is a haircut of the position (after the components, as in reports).
  for (const ir::Tiers& t : policy.tiers)
    add(ComponentKind::Haircut, t.id);
  for (const ir::Output& o : policy.outputs)
    columns.outputs.push_back(o.name);
  return columns;
}

PositionsCsvWriter::PositionsCsvWriter(const Report& report, CsvColumns columns)
    : report_(report), columns_(std::move(columns)) {
  const ReportColumns& c = report_.columns();
  for (std::size_t s = 0; s < c.component_ids.size(); ++s) {
    std::size_t column = std::string::npos;
    for (std::size_t k = 0; k < columns_.components.size() && column == std::string::npos; ++k) {
      if (columns_.components[k].first == c.component_kinds[s] &&
          columns_.components[k].second == c.component_ids[s])
        column = k;
    }
    column_of_slot_.push_back(column);
  }
}

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
  const ReportColumns& c = report_.columns();
  const AccountView a = report_.accounts()[index];
  const std::size_t slots = c.component_ids.size();
  std::vector<std::size_t> cells(columns_.components.size());
  for (const PositionView p : a.positions()) {
    AppendCsvField(out, a.id());
    out += ',';
    AppendCsvField(out, p.id());
    out += ',';
    out += StatusName(p.status());
    out += ',';
    AppendJoined(out, p.rules());
    out += ',';
    AppendCsvField(out, p.reason());
    out += ',';
    AppendJoined(out, p.missing());
    for (const double money :
         {p.market_value(), p.adjusted_value(), p.excess(), p.counted_value()}) {
      out += ',';
      AppendNumber(out, money);
    }
    // A component's cell is the last result with its kind and id, as in the JSON report.
    const std::size_t row = p.index() * slots;
    std::fill(cells.begin(), cells.end(), std::string::npos);
    for (std::size_t s = 0; s < slots; ++s) {
      if (c.component_state[row + s] != ComponentState::Absent &&
          column_of_slot_[s] != std::string::npos)
        cells[column_of_slot_[s]] = s;
    }
    for (const std::size_t s : cells) {
      out += ',';
      if (s != std::string::npos && c.component_state[row + s] == ComponentState::Known)
        AppendNumber(out, c.component_value[row + s]);
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
  const AccountView a = report_.accounts()[index];
  const Totals& t = a.totals();
  AppendCsvField(out, a.id());
  out += ',';
  AppendCsvField(out, a.rejection());
  for (const double money : {t.gross_value, t.eligible_value, t.haircut_value,
                             t.concentration_excess, t.collateral_value, t.eligible_market_value,
                             t.ineligible_value, t.unknown_value, t.rejected_value}) {
    out += ',';
    AppendNumber(out, money);
  }
  std::int64_t breached = 0;
  for (const LimitResult& l : a.limits())
    breached += l.breached ? 1 : 0;
  out += ',';
  AppendJsonInteger(out, breached);
  for (const std::string& name : columns_.outputs) {
    out += ',';
    // The output of that name; the last one when a name repeats, as in the JSON report.
    const OutputResult* found = nullptr;
    for (const OutputResult& o : a.outputs()) {
      if (o.name == name) found = &o;
    }
    if (found != nullptr) AppendOutput(out, *found);
  }
  out += '\n';
}

}  // namespace collat::runtime
