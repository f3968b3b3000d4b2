// The batch kernel's binary interface: what a compiled policy (and a hand-written kernel of the
// same policy, bench/) reads and writes. A kernel decides step 2 of docs/language.md 15.2 for a
// range of positions of one input, all accounts at once, over columnar arrays: each position's
// eligibility (every rule's three-valued outcome), haircut and margin components (value, whether
// known and in range, the match arms that chose it) and its tiers/limit memberships and group
// keys. The driver (kernel_evaluate.h) turns that into the report and runs steps 3-5 with the
// interpreter's own code.
//
// Plain C layout: every member is 8 bytes (a pointer or a 64-bit integer), so the lowering
// addresses members by offsetof and the layout cannot drift between C++ and generated code.
// Arrays "per position" are indexed by the global position index i; arrays with several entries
// per position are row-major: [i * count + k].
#pragma once

#include <cstdint>

namespace collat::jit {

// Bumped whenever anything below changes; part of the object cache key.
inline constexpr std::uint32_t kKernelAbiVersion = 2;

enum KernelStatus : std::uint8_t {
  kStatusEligible = 0,
  kStatusIneligible = 1,
  kStatusUnknown = 2,  // the driver asks the reference evaluator for the unknown's causes
  kStatusSkipped = 3,  // rejected by the input (position_valid[i] == 0): nothing else written
};

enum RuleState : std::uint8_t { kRuleFalse = 0, kRuleTrue = 1, kRuleUnknown = 2 };

// One position field (runtime::Column): known[i] == 0 for a missing value.
struct KernelColumn {
  const double* numbers;          // Number, Percent, Money
  const std::int64_t* integers;   // Bool, Text code, Enum rank, Date
  const std::int32_t* durations;  // Duration: months at [2i], days at [2i + 1]
  const std::uint8_t* known;
};

// An account or market field value, or a group key (ir::Value, flattened).
struct KernelValue {
  double number;
  std::int64_t integer;
  std::int64_t duration;  // months in the low 32 bits, days in the high 32 bits
  std::int64_t known;     // 0 or 1
};

struct KernelArgs {
  // ---- input --------------------------------------------------------------------------------
  const KernelColumn* position_fields;   // per Policy::position_fields
  const std::uint8_t* position_valid;    // [i]: 0 when the input rejected the position
  const std::int32_t* position_account;  // [i]: account index
  const KernelValue* account_fields;     // [account * account_field_count + f]
  std::int64_t account_field_count;
  const KernelValue* market_fields;  // per Policy::market_fields
  std::int64_t valuation_date;       // days since 1970-01-01
  const std::int64_t* text_codes;    // per KernelPlan text constant: its code in this input
  // Versions in force on the valuation date (runtime::InForce), one byte per declaration.
  const std::uint8_t* rule_in_force;       // per Policy::rules
  const std::uint8_t* component_in_force;  // per Policy::components
  const std::uint8_t* tiers_in_force;      // per Policy::tiers
  const std::uint8_t* limit_in_force;      // per Policy::limits
  const std::int32_t* table_version;       // per Policy::tables: the version in force, or -1

  // ---- output, for each position in the range -----------------------------------------------
  std::uint8_t* status;           // [i]: KernelStatus
  std::uint8_t* rule_state;       // [i * rules + r]: RuleState; kRuleFalse when not in force
  double* component_value;        // [i * components + c]: the value when known, else 0
  std::uint8_t* component_known;  // [i * components + c]: known and in range
  std::int32_t* trace;            // [(i * components + c) * max_trace + k]: arm ids picked
  std::uint8_t* trace_length;     // [i * components + c]
  std::uint8_t* tier_member;      // [i * tiers + t]
  KernelValue* tier_key;          // [i * tiers + t]: when a member and the tiers have a key
  std::uint8_t* limit_member;     // [i * limits + l]
  KernelValue* limit_key;         // [i * limits + l]

  // ---- input, last so that kernels written against ABI 1 (bench/lua/kernel_abi.lua) keep their
  // offsets --------------------------------------------------------------------------------------
  // Per KernelPlan::indexed_matches: that match's runtime::MatchIndex for this input (its text
  // keys are this input's codes), passed to collat_match_candidate.
  const void* const* match_indexes;
};

// Components, rules, tiers and limits are only written for positions whose status is
// kStatusEligible or kStatusIneligible (components, trace and memberships only when eligible).
// Kernels must not read or write outside [begin, end) of the per-position arrays, so disjoint
// ranges may run on different threads.
using KernelFn = void (*)(const KernelArgs* args, std::uint64_t begin, std::uint64_t end);

}  // namespace collat::jit
