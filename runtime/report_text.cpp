#include "runtime/report_text.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/utf8.h"
#include "runtime/report_json.h"

namespace collat::runtime {
namespace {

// ---- cells -----------------------------------------------------------------------------------

// `text` made safe for one aligned cell: malformed UTF-8 becomes U+FFFD and control characters
// (tabs and newlines included) become spaces, so every code point is one column.
std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (length == 1 && (byte < 0x20 || byte == 0x7F)) {
      out += ' ';
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

// Columns of well-formed UTF-8 text: its code points.
std::size_t Width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `value` rounded to `decimals` places (correctly rounded), trailing fractional zeros dropped down
// to `keep` places, thousands separators in the integer part when `group`. A value that rounds to
// zero has no sign; a non-finite value is "n/a".
std::string Fixed(double value, int decimals, int keep, bool group) {
  if (!std::isfinite(value)) return "n/a";
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = digits.find('.');
  std::string integer = digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  while (fraction.size() > static_cast<std::size_t>(keep) && fraction.back() == '0') {
    fraction.pop_back();
  }
  const bool zero = integer.find_first_not_of('0') == std::string::npos &&
                    fraction.find_first_not_of('0') == std::string::npos;
  std::string out = value < 0 && !zero ? "-" : "";
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (group && i > 0 && (integer.size() - i) % 3 == 0) out += ',';
    out += integer[i];
  }
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

// A quantised money figure with exactly the report's decimal places: the exact figure (15.4).
std::string Money(double value, int places) {
  return Fixed(value, places, places, true);
}
std::string Rate(double rate) {
  return Fixed(rate * 100.0, 4, 0, false) + "%";
}
std::string Ratio(double ratio) {
  return Fixed(ratio, 4, 0, false) + "x";
}

std::string Join(const std::vector<std::string>& texts, std::string_view separator) {
  std::string out;
  for (const std::string& text : texts) {
    if (!out.empty()) out += separator;
    out += text;
  }
  return out;
}

// "asset 2% (govt)": the component's id, its rate or ratio, and the arm that chose it.
std::string ComponentCell(const ComponentView& c) {
  std::string text = Clean(c.id()) + " ";
  if (!c.known()) {
    text += "unknown";
  } else {
    switch (c.kind()) {
      case ComponentKind::Haircut:
        text += Rate(c.value());
        break;
      case ComponentKind::Margin:
        text += Ratio(c.value());
        break;
    }
  }
  if (!c.rule().empty()) text += " (" + Clean(c.rule()) + ")";
  return text;
}

// An output's value by its declared type.
std::string OutputText(const OutputResult& o, int places) {
  if (!o.known) return "unknown";
  switch (o.type) {
    case ValueType::Number:
      return Fixed(o.number, 4, 0, true);
    case ValueType::Percent:
      return Rate(o.number);
    case ValueType::Money:
      return Money(o.number, places);
    case ValueType::Bool:
      return o.boolean ? "true" : "false";
    case ValueType::Text:
    case ValueType::Enum:
      return Clean(o.text);
    case ValueType::Date:
    case ValueType::Duration:
      return o.value_text;
  }
  return "unknown";
}

// ---- tables ----------------------------------------------------------------------------------

enum class Align : std::uint8_t { Left, Right };
using Row = std::vector<std::string>;

std::string Pad(const std::string& cell, std::size_t width, Align align) {
  const std::string fill(width - Width(cell), ' ');
  switch (align) {
    case Align::Left:
      return cell + fill;
    case Align::Right:
      return fill + cell;
  }
  return cell;
}

// One line per row, each after `indent`, cells padded to their column's widest and separated by
// two spaces; trailing spaces are dropped. Every row has aligns.size() cleaned cells.
std::string Table(std::string_view indent, const std::vector<Align>& aligns,
                  const std::vector<Row>& rows) {
  std::vector<std::size_t> widths(aligns.size(), 0);
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < aligns.size(); ++c)
      widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string out;
  for (const Row& row : rows) {
    std::string line(indent);
    for (std::size_t c = 0; c < aligns.size(); ++c) {
      if (c > 0) line += "  ";
      line += Pad(row[c], widths[c], aligns[c]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

// ---- blocks ----------------------------------------------------------------------------------

constexpr std::string_view kBlockIndent = "  ";
constexpr std::string_view kRowIndent = "    ";
constexpr std::string_view kNone = "    (none)\n";

std::string PositionsBlock(const PositionList& positions, int places) {
  std::string out = std::string(kBlockIndent) + "Positions\n";
  if (positions.empty()) return out + std::string(kNone);
  std::vector<Row> rows = {{"id", "status", "rules", "market value", "haircuts", "adjusted",
                            "excess", "counted", "reason"}};
  for (const PositionView p : positions) {
    std::vector<std::string> rules;
    for (const std::string_view rule : p.rules())
      rules.push_back(Clean(rule));
    std::vector<std::string> components;
    for (const ComponentView c : p.components())
      components.push_back(ComponentCell(c));
    rows.push_back({Clean(p.id()), StatusName(p.status()), rules.empty() ? "-" : Join(rules, ", "),
                    Money(p.market_value(), places),
                    components.empty() ? "-" : Join(components, ", "),
                    Money(p.adjusted_value(), places), Money(p.excess(), places),
                    Money(p.counted_value(), places), Clean(p.reason())});
  }
  const Align l = Align::Left;
  const Align r = Align::Right;
  return out + Table(kRowIndent, {l, l, l, r, l, r, r, r, l}, rows);
}

// Each figure is exact, and each total is the sum of the figures it adds (15.3): gross value =
// the four market values by status; eligible market value = eligible value + haircut value;
// eligible value = collateral value + concentration excess.
std::string TotalsBlock(const Totals& t, int places) {
  const std::vector<Row> rows = {
      {"gross value", Money(t.gross_value, places)},
      {"  eligible market value", Money(t.eligible_market_value, places)},
      {"  ineligible market value", Money(t.ineligible_value, places)},
      {"  unknown market value", Money(t.unknown_value, places)},
      {"  rejected market value", Money(t.rejected_value, places)},
      {"haircut value", Money(t.haircut_value, places)},
      {"eligible value", Money(t.eligible_value, places)},
      {"concentration excess", Money(t.concentration_excess, places)},
      {"collateral value", Money(t.collateral_value, places)},
  };
  return std::string(kBlockIndent) + "Totals\n" +
         Table(kRowIndent, {Align::Left, Align::Right}, rows);
}

// Caps and usage show as money, or as a number for a limit `on quantity`.
std::string LimitsBlock(std::span<const LimitResult> limits, int places) {
  std::string out = std::string(kBlockIndent) + "Limits\n";
  if (limits.empty()) return out + std::string(kNone);
  std::vector<Row> rows = {{"id", "group", "kind", "cap", "used", "excess/shortfall", ""}};
  for (const LimitResult& limit : limits) {
    const auto measure = [&](double v) {
      return limit.on == "quantity" ? Fixed(v, 4, 0, true) : Money(v, places);
    };
    rows.push_back({Clean(limit.id), limit.group.empty() ? "-" : Clean(limit.group),
                    limit.is_max ? "max" : "min", measure(limit.cap), measure(limit.used),
                    Money(limit.is_max ? limit.excess : limit.shortfall, places),
                    limit.breached ? "BREACHED" : ""});
  }
  const Align l = Align::Left;
  const Align r = Align::Right;
  return out + Table(kRowIndent, {l, l, l, r, r, r, l}, rows);
}

// "name = value", the equals signs aligned.
std::string OutputsBlock(std::span<const OutputResult> outputs, int places) {
  std::string out = std::string(kBlockIndent) + "Outputs\n";
  if (outputs.empty()) return out + std::string(kNone);
  std::size_t width = 0;
  for (const OutputResult& o : outputs)
    width = std::max(width, Width(Clean(o.name)));
  for (const OutputResult& o : outputs) {
    std::string line = std::string(kRowIndent) + Pad(Clean(o.name), width, Align::Left) + " = " +
                       OutputText(o, places);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

std::string AccountBlock(const AccountView& a, int places) {
  std::string out = "Account " + Clean(a.id()) + "\n";
  if (!a.rejection().empty())
    out += std::string(kBlockIndent) + "Rejected: " + Clean(a.rejection()) + "\n";
  return out + PositionsBlock(a.positions(), places) + TotalsBlock(a.totals(), places) +
         LimitsBlock(a.limits(), places) + OutputsBlock(a.outputs(), places);
}

}  // namespace

std::string FormatMoney(double value, int places) {
  return Money(value, places);
}
std::string FormatRate(double rate) {
  return Rate(rate);
}

void TextReportWriter::Header(std::string& out) const {
  out += "Policy " + Clean(report_.policy_name()) + ", version " + Clean(report_.policy_version()) +
         "\n" + "sha256 " + Clean(report_.policy_sha256()) + "\n" + "Valuation date " +
         FormatDate(report_.valuation_date()) + "\n" + "Money in " + Clean(report_.currency()) +
         ", exact to " + std::to_string(report_.precision()) + " decimal places\n";
  for (const std::string& warning : report_.warnings())
    out += "Warning: " + Clean(warning) + "\n";
}

void TextReportWriter::Account(std::size_t index, std::string& out) const {
  out += "\n";
  out += AccountBlock(report_.accounts()[index], report_.precision());
}

std::string RenderText(const Report& report, unsigned threads) {
  return RenderToString(report, TextReportWriter(report), threads);
}

}  // namespace collat::runtime
