// Generates large, realistic policy text for benchmarks: blocks of every declaration kind, with
// comments, repeated with distinct names until the text reaches the requested size.
#pragma once

#include <string>

namespace collat::bench {

std::string GeneratePolicyText(std::size_t min_bytes);

}  // namespace collat::bench
