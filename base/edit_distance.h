// The Levenshtein distance of two texts, for "did you mean" suggestions (unknown names in the
// checker, unknown commands in the CLI).
#pragma once

#include <cstddef>
#include <string_view>

namespace collat {

// Insertions, deletions and substitutions of bytes; O(|a| x |b|) time, O(|b|) memory.
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace collat
