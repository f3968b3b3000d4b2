// UTF-8 helpers shared by source validation and diagnostic rendering.
#pragma once

#include <cstddef>
#include <string_view>

namespace collat {

// Length of the well-formed UTF-8 sequence starting at text[i] (1 to 4), or 0 if it is malformed:
// a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a code point
// above U+10FFFF.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

}  // namespace collat
