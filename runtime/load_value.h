// Parsing one input value from its text, shared by the YAML and CSV loaders. Pure functions, no
// exceptions; any byte string is a valid argument. Only `_` separators and percents allocate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/value.h"

namespace collat::runtime::load {

enum class NumberStatus : std::uint8_t { Ok, Invalid, NotFinite };

// A decimal number: optional sign, digits with single `_` separators, optional fraction and
// exponent (`1_000.5`, `-2e3`). `.inf`, `nan` and values that overflow binary64 are NotFinite.
NumberStatus ParseNumber(std::string_view text, double& out);

// A percent: `15%` (exactly the decimal 0.15, not 15 / 100 rounded twice) or a fraction `0.15`.
NumberStatus ParsePercent(std::string_view text, double& out);

// A money amount: a number, optionally followed by spaces and a three-letter upper-case ISO code
// (`500_000 EUR`). `currency` is the code, or empty when the text names none.
NumberStatus ParseMoney(std::string_view text, double& out, std::string_view& currency);

// `YYYY-MM-DD`, a real calendar day; `days` is days since 1970-01-01.
bool ParseDate(std::string_view text, std::int64_t& days);

// Digits then one unit: `30d`, `2w` (14 days), `6m`, `1y` (12 months); at most 6 digits.
bool ParseDuration(std::string_view text, ir::Duration& out);

// `true` or `false`, exactly.
bool ParseBool(std::string_view text, bool& out);

// True when `text` is well-formed UTF-8 without control characters other than tab, CR and LF.
bool IsCleanText(std::string_view text);

// Offset of the first byte that makes `text` unclean (see IsCleanText), or text.size().
std::size_t FindUncleanByte(std::string_view text);

// `text` for a message: on one line, cut to at most 40 bytes on a UTF-8 boundary (then "...").
std::string Excerpt(std::string_view text);

}  // namespace collat::runtime::load
