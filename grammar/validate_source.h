// Checks a source text before parsing: well-formed UTF-8 and no control characters other than tab,
// line feed and a carriage return that ends a line. Returns the diagnostics (empty when clean).
#pragma once

#include <vector>

#include "base/diagnostic.h"

namespace collat::grammar {

std::vector<Diagnostic> ValidateSource(const SourceFilePtr& source);

// Length of a UTF-8 byte-order mark at the start of `text` (0 or 3); the parser skips it.
std::uint32_t ByteOrderMarkLength(std::string_view text);

}  // namespace collat::grammar
