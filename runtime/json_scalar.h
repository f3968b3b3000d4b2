// JSON scalars appended to a buffer exactly as nlohmann::json's dump spells them, so that the
// streaming report writers produce the same bytes the contract's golden files hold
// (docs/language.md 15.7). Used by the JSON, JSONL and CSV report writers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace collat::runtime {

// `text` as a quoted JSON string: `"` and `\` escaped, \b \f \n \r \t as such, other control
// characters as \u00xx (lower-case hex), everything else verbatim (UTF-8 not escaped). Malformed
// UTF-8 becomes U+FFFD, one per maximal invalid subpart (nlohmann's error_handler_t::replace).
void AppendJsonString(std::string& out, std::string_view text);

// A number of the contract: integral values below 2^53 as integers ("2500000"; -0 as "0"), other
// finite values as the shortest round-trip decimal nlohmann prints ("0.15", "1e-05",
// "1.2345678901234567e+16"), non-finite values as null.
void AppendJsonNumber(std::string& out, double value);

void AppendJsonInteger(std::string& out, std::int64_t value);

}  // namespace collat::runtime
