// FieldValue: every typed value becomes the text the YAML loader would read for it (numbers stay
// binary64 until the builder formats them, shortest round trip), so the loaders' record parser
// checks builder values and file values alike.
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "collat/values.h"

namespace collat {
namespace {

std::string Shortest(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace

FieldValue FieldValue::Missing() {
  return FieldValue();
}

FieldValue FieldValue::Number(double value) {
  FieldValue out;
  out.kind_ = Kind::Number;
  out.number_ = value;
  return out;
}

FieldValue FieldValue::Percent(double fraction) {
  return Number(fraction);
}

FieldValue FieldValue::Money(double amount, std::string_view currency) {
  if (currency.empty()) return Number(amount);
  return Literal(fmt::format("{} {}", Shortest(amount), currency));
}

FieldValue FieldValue::Bool(bool value) {
  return Literal(value ? "true" : "false");
}

FieldValue FieldValue::Text(std::string_view text) {
  return Literal(text);
}

FieldValue FieldValue::Enum(std::string_view label) {
  return Literal(label);
}

FieldValue FieldValue::OfDate(Date date) {
  return Literal(fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day));
}

FieldValue FieldValue::OfDuration(Duration duration) {
  if (duration.months != 0 && duration.days != 0) {
    return Literal(fmt::format("{}m{}d", duration.months, duration.days));  // does not parse
  }
  return Literal(duration.months != 0 ? fmt::format("{}m", duration.months)
                                      : fmt::format("{}d", duration.days));
}

FieldValue FieldValue::Literal(std::string_view text) {
  FieldValue out;
  out.kind_ = Kind::Text;
  out.text_ = std::string(text);
  return out;
}

}  // namespace collat
