#include "runtime/load_value.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include "base/utf8.h"

namespace collat::runtime::load {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

// The shape of a decimal number, found by ScanDecimal.
struct DecimalShape {
  bool underscores = false;  // `_` separators to drop before conversion
  bool exponent = false;     // an `e` part
};

// Digits with single `_` separators between digits, from text[i]; false when there is no digit.
bool ScanDigits(std::string_view text, std::size_t& i, DecimalShape& shape) {
  if (i >= text.size() || !IsDigit(text[i])) return false;
  while (i < text.size()) {
    if (IsDigit(text[i])) {
      ++i;
    } else if (text[i] == '_' && i + 1 < text.size() && IsDigit(text[i + 1])) {
      shape.underscores = true;
      ++i;
    } else {
      break;
    }
  }
  return true;
}

// True when the whole of `text` is `[+-]digits[.digits][(e|E)[+-]digits]`.
bool ScanDecimal(std::string_view text, DecimalShape& shape) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (!ScanDigits(text, i, shape)) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!ScanDigits(text, i, shape)) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    shape.exponent = true;
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!ScanDigits(text, i, shape)) return false;
  }
  return i == text.size();
}

// YAML's and C's spellings of infinity and NaN, compared case-insensitively.
bool IsNonFiniteSpelling(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  static constexpr std::array<std::string_view, 5> kSpellings = {".inf", ".nan", "inf", "nan",
                                                                 "infinity"};
  for (const std::string_view spelling : kSpellings) {
    if (text.size() != spelling.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < text.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(text[i])) == spelling[i];
    }
    if (same) return true;
  }
  return false;
}

// Converts a number ScanDecimal accepted, with `suffix` appended (an exponent such as "e-2").
NumberStatus Convert(std::string_view text, const DecimalShape& shape, std::string_view suffix,
                     double& out) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  std::string buffer;
  if (shape.underscores || !suffix.empty()) {
    buffer.reserve(text.size() + suffix.size());
    for (const char c : text) {
      if (c != '_') buffer.push_back(c);
    }
    buffer.append(suffix);
    text = buffer;
  }
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (ec == std::errc::result_out_of_range) {
    // Overflow or underflow: strtod tells them apart (infinity, or a tiny or zero value).
    const std::string copy(text);
    out = std::strtod(copy.c_str(), nullptr);
    return std::isfinite(out) ? NumberStatus::Ok : NumberStatus::NotFinite;
  }
  if (ec != std::errc() || ptr != end) return NumberStatus::Invalid;
  return std::isfinite(out) ? NumberStatus::Ok : NumberStatus::NotFinite;
}

bool IsLeap(std::int32_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::int32_t DaysInMonth(std::int32_t year, std::int32_t month) {
  static constexpr std::array<std::int32_t, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                         31, 31, 30, 31, 30, 31};
  return kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && IsLeap(year) ? 1 : 0);
}

// The value of text[begin, begin + count), all digits (checked by the caller).
std::int32_t DigitsValue(std::string_view text, std::size_t begin, std::size_t count) {
  std::int32_t value = 0;
  for (std::size_t i = begin; i < begin + count; ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

NumberStatus ParseNumber(std::string_view text, double& out) {
  DecimalShape shape;
  if (ScanDecimal(text, shape)) return Convert(text, shape, {}, out);
  return IsNonFiniteSpelling(text) ? NumberStatus::NotFinite : NumberStatus::Invalid;
}

NumberStatus ParsePercent(std::string_view text, double& out) {
  if (text.empty() || text.back() != '%') return ParseNumber(text, out);
  text.remove_suffix(1);
  DecimalShape shape;
  if (!ScanDecimal(text, shape)) {
    return IsNonFiniteSpelling(text) ? NumberStatus::NotFinite : NumberStatus::Invalid;
  }
  if (!shape.exponent) return Convert(text, shape, "e-2", out);  // exact decimal scaling
  const NumberStatus status = Convert(text, shape, {}, out);
  out /= 100;
  return status;
}

NumberStatus ParseMoney(std::string_view text, double& out, std::string_view& currency) {
  currency = {};
  const std::size_t n = text.size();
  if (n >= 5 && IsUpper(text[n - 1]) && IsUpper(text[n - 2]) && IsUpper(text[n - 3]) &&
      (text[n - 4] == ' ' || text[n - 4] == '\t')) {
    currency = text.substr(n - 3);
    text = text.substr(0, n - 4);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
      text.remove_suffix(1);
  }
  return ParseNumber(text, out);
}

bool ParseDate(std::string_view text, std::int64_t& days) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (!IsDigit(text[i])) return false;
  }
  const std::int32_t year = DigitsValue(text, 0, 4);
  const std::int32_t month = DigitsValue(text, 5, 2);
  const std::int32_t day = DigitsValue(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return false;  // dates start at 0001-01-01 (docs/language.md 2.x literals, 18 inputs)
  }
  days = ir::DaysFromCivil(year, month, day);
  return true;
}

bool ParseDuration(std::string_view text, ir::Duration& out) {
  constexpr std::size_t kMaxDigits = 6;
  if (text.size() < 2 || text.size() > kMaxDigits + 1) return false;
  const std::size_t digits = text.size() - 1;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!IsDigit(text[i])) return false;
  }
  const std::int32_t count = DigitsValue(text, 0, digits);
  switch (text.back()) {
    case 'd':
      out = {0, count};
      return true;
    case 'w':
      out = {0, count * 7};
      return true;
    case 'm':
      out = {count, 0};
      return true;
    case 'y':
      out = {count * 12, 0};
      return true;
    default:  // a char, not an enum class
      return false;
  }
}

bool ParseBool(std::string_view text, bool& out) {
  if (text == "true" || text == "false") {
    out = text == "true";
    return true;
  }
  return false;
}

std::size_t FindUncleanByte(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      ++i;
    } else if (byte == '\t' || byte == '\n' || byte == '\r') {
      ++i;
    } else if (byte >= 0x80) {
      const std::size_t length = Utf8SequenceLength(text, i);
      if (length == 0) return i;
      i += length;
    } else {
      return i;
    }
  }
  return text.size();
}

bool IsCleanText(std::string_view text) {
  return FindUncleanByte(text) == text.size();
}

std::string Excerpt(std::string_view text) {
  constexpr std::size_t kMaxBytes = 40;
  std::size_t cut = text.size();
  if (cut > kMaxBytes) {
    cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U)
      --cut;
  }
  std::string out(text.substr(0, cut));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // one line per message
  }
  if (cut < text.size()) out += "...";
  return out;
}

}  // namespace collat::runtime::load
