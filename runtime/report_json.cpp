#include "runtime/report_json.h"

#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "runtime/json_writer.h"
#include "runtime/report_writer.h"

namespace collat::runtime {
namespace {

// An output's value by its declared type; unknown is null.
void OutputValue(JsonWriter& w, const OutputResult& output) {
  if (!output.known) return w.Null();
  switch (output.type) {
    case ValueType::Number:
    case ValueType::Percent:
    case ValueType::Money:
      return w.Number(output.number);
    case ValueType::Bool:
      return w.Bool(output.boolean);
    case ValueType::Text:
    case ValueType::Enum:
    case ValueType::Date:
    case ValueType::Duration:
      return w.String(output.value_text);
  }
  w.Null();
}

// The members of an object keyed by `key(i)` over items 0..n-1 that `keep(i)`: a repeated key
// keeps its first place and takes the last value (as assigning into an ordered JSON object does).
template <typename Key, typename Keep, typename Value>
void KeyedObject(JsonWriter& w, std::size_t n, Key key, Keep keep, Value value) {
  w.BeginObject();
  for (std::size_t i = 0; i < n; ++i) {
    if (!keep(i)) continue;
    const std::string_view k = key(i);
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j)
      seen = keep(j) && key(j) == k;
    if (seen) continue;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (keep(j) && key(j) == k) last = j;
    }
    w.Key(k);
    value(last);
  }
  w.EndObject();
}

// {component id: rate or ratio} over the position's components of one kind, in slot order.
void Components(JsonWriter& w, const ReportColumns& c, std::size_t row, ComponentKind kind) {
  KeyedObject(
      w, c.component_ids.size(),
      [&](std::size_t s) -> std::string_view { return c.component_ids[s]; },
      [&](std::size_t s) {
        return c.component_state[row + s] != ComponentState::Absent && c.component_kinds[s] == kind;
      },
      [&](std::size_t s) {
        c.component_state[row + s] == ComponentState::Known ? w.Number(c.component_value[row + s])
                                                            : w.Null();
      });
}

void PositionJson(JsonWriter& w, const ReportColumns& c, const PositionView& p) {
  const std::size_t row = p.index() * c.component_ids.size();
  w.BeginObject();
  w.Key("id");
  w.String(p.id());
  w.Key("status");
  w.String(StatusName(p.status()));
  w.Key("rules");
  w.BeginArray();
  for (const std::string_view rule : p.rules())
    w.String(rule);
  w.EndArray();
  w.Key("reason");
  w.String(p.reason());
  w.Key("missing");
  w.Strings(p.missing());
  w.Key("haircuts");
  Components(w, c, row, ComponentKind::Haircut);
  w.Key("margins");
  Components(w, c, row, ComponentKind::Margin);
  // {component id: arm label} over the components a match arm chose, of any kind.
  w.Key("haircut_rules");
  KeyedObject(
      w, c.component_ids.size(),
      [&](std::size_t s) -> std::string_view { return c.component_ids[s]; },
      [&](std::size_t s) {
        return c.component_state[row + s] != ComponentState::Absent &&
               c.component_arm[row + s] != 0;
      },
      [&](std::size_t s) { w.String(c.arms[c.component_arm[row + s]]); });
  w.Key("market_value");
  w.Number(p.market_value());
  w.Key("adjusted_value");
  w.Number(p.adjusted_value());
  w.Key("excess");
  w.Number(p.excess());
  w.Key("counted_value");
  w.Number(p.counted_value());
  w.EndObject();
}

// `group` is null for a limit without `by` (report_columns.h spells that as the empty text).
void LimitJson(JsonWriter& w, const LimitResult& l) {
  w.BeginObject();
  w.Key("id");
  w.String(l.id);
  w.Key("group");
  l.group.empty() ? w.Null() : w.String(l.group);
  w.Key("kind");
  w.String(l.is_max ? "max" : "min");
  w.Key("on");
  w.String(l.on);
  w.Key("cap");
  w.Number(l.cap);
  w.Key("used");
  w.Number(l.used);
  w.Key("excess");
  w.Number(l.excess);
  w.Key("shortfall");
  w.Number(l.shortfall);
  w.Key("breached");
  w.Bool(l.breached);
  w.EndObject();
}

void TotalsJson(JsonWriter& w, const Totals& t) {
  w.BeginObject();
  w.Key("gross_value");
  w.Number(t.gross_value);
  w.Key("eligible_value");
  w.Number(t.eligible_value);
  w.Key("haircut_value");
  w.Number(t.haircut_value);
  w.Key("concentration_excess");
  w.Number(t.concentration_excess);
  w.Key("collateral_value");
  w.Number(t.collateral_value);
  w.Key("by_status");
  w.BeginObject();
  w.Key("eligible");
  w.Number(t.eligible_market_value);
  w.Key("ineligible");
  w.Number(t.ineligible_value);
  w.Key("unknown");
  w.Number(t.unknown_value);
  w.Key("rejected");
  w.Number(t.rejected_value);
  w.EndObject();
  w.EndObject();
}

// `rejection` appears only for a rejected account.
void AccountJson(JsonWriter& w, const ReportColumns& c, const AccountView& a) {
  w.BeginObject();
  w.Key("id");
  w.String(a.id());
  if (!a.rejection().empty()) {
    w.Key("rejection");
    w.String(a.rejection());
  }
  w.Key("totals");
  TotalsJson(w, a.totals());
  w.Key("outputs");
  const std::span<const OutputResult> outputs = a.outputs();
  KeyedObject(
      w, outputs.size(), [&](std::size_t i) -> std::string_view { return outputs[i].name; },
      [](std::size_t) { return true; }, [&](std::size_t i) { OutputValue(w, outputs[i]); });
  w.Key("limits");
  w.BeginArray();
  for (const LimitResult& l : a.limits())
    LimitJson(w, l);
  w.EndArray();
  w.Key("positions");
  w.BeginArray();
  for (const PositionView p : a.positions())
    PositionJson(w, c, p);
  w.EndArray();
  w.EndObject();
}

// The members every rendering opens with (the report's header), into an open object.
void HeaderMembers(JsonWriter& w, const Report& report) {
  w.Key("report_version");
  w.String(kReportVersion);
  w.Key("policy");
  w.BeginObject();
  w.Key("name");
  w.String(report.policy_name());
  w.Key("version");
  w.String(report.policy_version());
  w.Key("sha256");
  w.String(report.policy_sha256());
  w.EndObject();
  w.Key("currency");
  w.String(report.currency());
  w.Key("precision");
  w.Integer(report.precision());
  w.Key("valuation_date");
  w.String(FormatDate(report.valuation_date()));
  w.Key("warnings");
  w.Strings(report.warnings());
}

}  // namespace

void JsonReportWriter::Header(std::string& out) const {
  JsonWriter w(out, true);
  w.BeginObject();
  HeaderMembers(w, report_);
  w.Key("accounts");
  out += '[';
}

// Each account is an element of the open `accounts` array, two levels deep.
void JsonReportWriter::Account(std::size_t index, std::string& out) const {
  out += index == 0 ? "\n    " : ",\n    ";
  JsonWriter w(out, true, 2);
  AccountJson(w, report_.columns(), report_.accounts()[index]);
}

void JsonReportWriter::Footer(std::string& out) const {
  out += report_.accounts().empty() ? "]\n}\n" : "\n  ]\n}\n";
}

void JsonlReportWriter::Account(std::size_t index, std::string& out) const {
  JsonWriter w(out, false);
  w.BeginObject();
  HeaderMembers(w, report_);
  w.Key("account");
  AccountJson(w, report_.columns(), report_.accounts()[index]);
  w.EndObject();
  out += '\n';
}

std::string RenderJson(const Report& report, unsigned threads) {
  return RenderToString(report, JsonReportWriter(report), threads);
}

std::string RenderJsonl(const Report& report, unsigned threads) {
  return RenderToString(report, JsonlReportWriter(report), threads);
}

const char* LimitOnName(ir::LimitOn on) {
  switch (on) {
    case ir::LimitOn::Value:
      return "value";
    case ir::LimitOn::Quantity:
      return "quantity";
    case ir::LimitOn::MarketValue:
      return "market_value";
  }
  return "?";
}

std::string FormatDate(std::int64_t days) {
  std::int32_t year = 0;
  std::int32_t month = 0;
  std::int32_t day = 0;
  ir::CivilFromDays(days, year, month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string FormatDate(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string FormatDuration(ir::Duration duration) {
  const std::int32_t years = duration.months / 12;
  const std::int32_t months = duration.months % 12;
  std::string text;
  if (years != 0) text += fmt::format("{}y", years);
  if (months != 0) text += fmt::format("{}m", months);
  if (duration.days != 0 || text.empty()) text += fmt::format("{}d", duration.days);
  return text;
}

}  // namespace collat::runtime
