// The only functions generated code may call. The JIT registers exactly these addresses (and
// nothing from libc or the process) under these names; each wraps the runtime's own builtin
// (runtime/builtins.h, compiler/value.h), so kernel and interpreter run the same code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace collat::jit {

struct BuiltinSymbol {
  std::string name;
  void* address;
};

// Every symbol a kernel module may reference: the collat_* builtins below, and the few libm and
// memory functions LLVM itself may emit calls to (floor, ceil, sqrt, fabs, memset, memcpy,
// memmove), bound to the runtime's own definitions.
const std::vector<BuiltinSymbol>& KernelBuiltins();

}  // namespace collat::jit

extern "C" {
// date + sign * duration (ir::AddDuration); `duration` packed as in KernelValue.
std::int64_t collat_add_duration(std::int64_t days, std::int64_t duration, std::int32_t sign);
// RoundToIncrement / Transfer with Rounding `mode` (0 half away, 1 up, 2 down); NaN when there is
// no result (a negative increment).
double collat_round(double x, double increment, std::int32_t mode);
double collat_transfer(double amount, double gate, double increment, std::int32_t mode);
double collat_years_between(std::int64_t from, std::int64_t to);
double collat_days_between(std::int64_t from, std::int64_t to);
// The first arm of a match that its index (a runtime::MatchIndex, KernelArgs::match_indexes)
// finds for the KNOWN subject values `subjects` (collat::jit::KernelValue, one per group): the
// least of the groups' lookups, INT64_MAX when no group finds an arm.
std::int64_t collat_match_candidate(const void* index, const void* subjects);
}
