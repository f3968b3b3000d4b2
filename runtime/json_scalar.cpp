#include "runtime/json_scalar.h"

#include <array>
#include <cmath>
#include <cstddef>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace collat::runtime {
namespace {

// Printable ASCII other than `"` and `\`: copied as is, the common case of ids and rule names.
bool Plain(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  if (Plain(text)) {
    out += '"';
    out.append(text);
    out += '"';
    return;
  }
  // Escapes and the replacement of malformed UTF-8 are nlohmann's own, byte for byte: one scalar,
  // not a document.
  out += nlohmann::json(std::string(text))
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJsonNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::trunc(value) == value && std::fabs(value) < kExactIntegers) {
    AppendJsonInteger(out, static_cast<std::int64_t>(value));
    return;
  }
  // nlohmann's Grisu2 shortest round-trip and its layout (fixed for exponents -5..14, else
  // d.ddde+XX), so numbers read exactly as the contract has always printed them.
  std::array<char, 64> buffer{};
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void AppendJsonInteger(std::string& out, std::int64_t value) {
  fmt::format_to(std::back_inserter(out), "{}", value);
}

}  // namespace collat::runtime
