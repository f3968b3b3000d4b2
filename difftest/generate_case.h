// One differential case: a generated policy and an input for it, from a seed or from a fuzzer's
// bytes (which drive the choices, then the seed takes over).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace collat::difftest {

struct Case {
  std::string policy;  // policy source text
  std::string input;   // evaluation input, YAML
};

Case GenerateCase(std::uint64_t seed);
Case GenerateCaseFromBytes(std::span<const std::uint8_t> bytes);

}  // namespace collat::difftest
