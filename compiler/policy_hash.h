// The policy's identity in reports (ir::Policy::sha256, set by the checker): SHA-256 of its
// canonical (formatted) source, imports included, so a reformatting does not change it and any
// change of meaning does.
#pragma once

#include <string>
#include <string_view>

namespace collat {

// Lower-case hex SHA-256 of `text` (OpenSSL's libcrypto).
std::string Sha256Hex(std::string_view text);

}  // namespace collat
