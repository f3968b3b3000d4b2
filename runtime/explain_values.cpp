#include "runtime/explain_values.h"

#include <fmt/format.h>

#include "runtime/report_json.h"
#include "runtime/report_text.h"
#include "runtime/value_ops.h"

namespace collat::runtime {

std::string ShowRate(double rate) {
  return FormatRate(rate);
}

Shown ShowValue(const ir::Policy& policy, const TextBinder& text, const ir::Type& type,
                const ir::Value& value) {
  Shown out{type, value, "unknown", ""};
  if (!value.known || type.is_set) return out;
  switch (type.kind) {
    case ir::TypeKind::Number:
      out.shown = fmt::format("{}", value.number);
      break;
    case ir::TypeKind::Percent:
      out.shown = FormatRate(value.number);
      break;
    case ir::TypeKind::Money:
      out.shown = FormatMoney(value.number, policy.header.money.places());
      break;
    case ir::TypeKind::Bool:
      out.shown = value.integer != 0 ? "true" : "false";
      break;
    case ir::TypeKind::Text:
      out.text = ValueText(value, type, policy, text);
      out.shown = "\"" + out.text + "\"";
      break;
    case ir::TypeKind::Enum:
    case ir::TypeKind::Date:
      out.text = ValueText(value, type, policy, text);
      out.shown = out.text;
      break;
    case ir::TypeKind::Duration:
      out.text = FormatDuration(value.duration);
      out.shown = out.text;
      break;
    case ir::TypeKind::Error:
      break;
  }
  return out;
}

std::string SourceText(const ir::Expr& e) {
  if (!e.file || e.range.end <= e.range.begin || e.range.end > e.file->size()) return "";
  const SourceFile& file = *e.file;
  const std::string_view text = file.text();
  const std::string_view first_line = file.LineText(file.Locate(e.range.begin).line);
  const std::size_t indent = first_line.find_first_not_of(" \t") == std::string_view::npos
                                 ? 0
                                 : first_line.find_first_not_of(" \t");
  const std::string_view range = text.substr(e.range.begin, e.range.end - e.range.begin);
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start <= range.size()) {
    std::size_t end = range.find('\n', start);
    if (end == std::string_view::npos) end = range.size();
    std::string_view line = range.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!first) {
      std::size_t strip = 0;
      while (strip < indent && strip < line.size() && (line[strip] == ' ' || line[strip] == '\t'))
        ++strip;
      line.remove_prefix(strip);
      out += '\n';
    }
    out.append(line);
    first = false;
    start = end + 1;
  }
  return out;
}

std::string LiteralText(const ir::Expr& e) {
  if (e.op != ir::Op::Const || !e.constant.known) return "";
  if (e.type.kind != ir::TypeKind::Number && e.type.kind != ir::TypeKind::Percent) return "";
  const std::string text = SourceText(e);
  if (text.empty()) return "";
  bool digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '%' && i + 1 == text.size() && e.type.kind == ir::TypeKind::Percent) {
    } else if (c != '_' && c != '.') {
      return "";
    }
  }
  return digit ? text : "";
}

}  // namespace collat::runtime
