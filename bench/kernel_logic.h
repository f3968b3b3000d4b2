// The small pieces every hand-written kernel uses in its loop: three-valued rule states, the
// eligibility decision of docs/language.md section 7 from rule states, and group keys as the
// kernel ABI writes them. Inline, so each kernel compiles to one fused loop.
#pragma once

#include <cstdint>

#include "jit/kernel_abi.h"

namespace collat::bench {

inline constexpr std::uint8_t kFalse = jit::kRuleFalse;
inline constexpr std::uint8_t kTrue = jit::kRuleTrue;
inline constexpr std::uint8_t kUnknown = jit::kRuleUnknown;

inline std::uint8_t Truth(bool b) {
  return b ? kTrue : kFalse;
}

// A condition on an optional value: unknown when the value is missing.
inline std::uint8_t KnownTruth(std::uint8_t known, bool b) {
  return known != 0 ? Truth(b) : kUnknown;  // a select, not a branch
}

// Kleene `and`: false wins, then unknown.
// With false = 0, true = 1, unknown = 2: false when either is, else the larger. Branch-free.
inline std::uint8_t And(std::uint8_t a, std::uint8_t b) {
  const std::uint8_t larger = a > b ? a : b;
  return ((a == kFalse) | (b == kFalse)) ? kFalse : larger;
}

// The votes of the rules in force, and the decision they make: any true reject makes the position
// INELIGIBLE; else a true accept with no unknown reject ELIGIBLE; else, with no accept true or
// unknown, INELIGIBLE; anything else UNKNOWN.
struct Votes {
  bool accept_true = false;
  bool accept_unknown = false;
  bool reject_true = false;
  bool reject_unknown = false;

  void Accept(std::uint8_t state) {
    accept_true |= state == kTrue;  // bitwise: no branch per rule
    accept_unknown |= state == kUnknown;
  }
  void Reject(std::uint8_t state) {
    reject_true |= state == kTrue;
    reject_unknown |= state == kUnknown;
  }
  std::uint8_t Status() const {
    if (reject_true) return jit::kStatusIneligible;
    if (accept_true && !reject_unknown) return jit::kStatusEligible;
    if (!accept_true && !accept_unknown) return jit::kStatusIneligible;
    return jit::kStatusUnknown;
  }
};

// A haircut rate is known only inside [0, 1].
inline bool HaircutInRange(double v) {
  return v >= 0 && v <= 1;
}

// A text (or bool, enum, date) group key, as jit::ToKernelValue flattens a known integer value.
inline jit::KernelValue IntegerKey(std::int64_t code) {
  return jit::KernelValue{0.0, code, 0, 1};
}

}  // namespace collat::bench
