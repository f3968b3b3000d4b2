// Plain value types shared by schemas, inputs and reports: calendar dates, durations, the policy
// language's value types, and FieldValue, one field value handed to an InputBuilder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace collat {

// A proleptic Gregorian calendar day.
struct Date {
  std::int32_t year = 1970;
  std::int32_t month = 1;  // 1..12
  std::int32_t day = 1;    // 1..31

  friend bool operator==(const Date&, const Date&) = default;
};

// A calendar duration: months (a year is 12) and days (a week is 7).
struct Duration {
  std::int32_t months = 0;
  std::int32_t days = 0;

  friend bool operator==(const Duration&, const Duration&) = default;
};

// The policy language's value types (docs/language.md, types).
enum class ValueType { Number, Percent, Money, Bool, Text, Enum, Date, Duration };

// "number", "percent", "money", "bool", "text", "enum", "date" or "duration".
const char* ValueTypeName(ValueType type);

// One field value for an InputBuilder. It is checked against the field's declared type when the
// input is built, by the same rules as the YAML loader: a value that does not fit (a NaN number, an
// unknown enum label, `true` for a date) rejects the record with a reason naming the field.
class FieldValue {
 public:
  // No value: the field takes its default, else is unknown when optional, else is missing (which
  // rejects the record). The same as leaving the field unset.
  static FieldValue Missing();
  // A number field; a percent field as a fraction (0.15 is 15%); a money field in the record's
  // currency (its `currency` field when the schema has one, else the policy's base currency).
  static FieldValue Number(double value);
  static FieldValue Percent(double fraction);
  // A money amount in `currency`, an ISO code (three upper-case letters) with an FX rate. When the
  // schema has a `currency` field, the record's currency (given or defaulted) must be the same,
  // or the record is rejected naming both fields.
  static FieldValue Money(double amount, std::string_view currency);
  static FieldValue Bool(bool value);
  static FieldValue Text(std::string_view text);
  static FieldValue Enum(std::string_view label);
  static FieldValue OfDate(Date date);
  // Durations are literals with one unit: {months, 0} or {0, days}. Both non-zero, or negative,
  // does not fit a duration field (the YAML loader cannot spell it either).
  static FieldValue OfDuration(Duration duration);
  // A value written as in a YAML input file (`25_000 EUR`, `15%`, `2026-03-31`, `6m`, `true`).
  static FieldValue Literal(std::string_view text);

  enum class Kind { Missing, Number, Text };
  Kind kind() const { return kind_; }
  double number() const { return number_; }          // Kind::Number
  const std::string& text() const { return text_; }  // Kind::Text: the value as the loader reads it

 private:
  Kind kind_ = Kind::Missing;
  double number_ = 0;
  std::string text_;
};

}  // namespace collat
