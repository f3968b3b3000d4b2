// A case is a policy and then an input, both from one stream of choices.
#include "difftest/generate_case.h"

#include "difftest/input_gen.h"
#include "difftest/policy_gen.h"
#include "difftest/rng.h"

namespace collat::difftest {
namespace {

Case Generate(Rng& rng) {
  GeneratedPolicy policy = GeneratePolicy(rng);
  std::string input = GenerateInput(rng, policy.model);
  return {std::move(policy.text), std::move(input)};
}

}  // namespace

Case GenerateCase(std::uint64_t seed) {
  Rng rng(seed);
  return Generate(rng);
}

Case GenerateCaseFromBytes(std::span<const std::uint8_t> bytes) {
  std::uint64_t seed = 0xcbf29ce484222325ULL;  // FNV-1a of the bytes seeds what they leave open
  for (const std::uint8_t b : bytes)
    seed = (seed ^ b) * 0x100000001b3ULL;
  Rng rng(seed, bytes);
  return Generate(rng);
}

}  // namespace collat::difftest
