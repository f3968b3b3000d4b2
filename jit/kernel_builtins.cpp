#include "jit/kernel_builtins.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "compiler/value.h"
#include "jit/kernel_abi.h"
#include "jit/kernel_input.h"
#include "runtime/builtins.h"
#include "runtime/match_index.h"

namespace {

collat::runtime::Rounding ModeOf(std::int32_t mode) {
  switch (mode) {
    case 1:
      return collat::runtime::Rounding::Up;
    case 2:
      return collat::runtime::Rounding::Down;
    default:
      return collat::runtime::Rounding::HalfAway;
  }
}

double OrNaN(std::optional<double> v) {
  return v ? *v : std::numeric_limits<double>::quiet_NaN();
}

double Floor(double x) {
  return std::floor(x);
}
double Ceil(double x) {
  return std::ceil(x);
}
double Sqrt(double x) {
  return std::sqrt(x);
}
double Fabs(double x) {
  return std::fabs(x);
}
void* Memset(void* p, int c, std::size_t n) {
  return std::memset(p, c, n);
}
void* Memcpy(void* d, const void* s, std::size_t n) {
  return std::memcpy(d, s, n);
}
void* Memmove(void* d, const void* s, std::size_t n) {
  return std::memmove(d, s, n);
}

template <typename Fn>
void* Address(Fn* fn) {
  return reinterpret_cast<void*>(fn);
}

}  // namespace

extern "C" {

std::int64_t collat_add_duration(std::int64_t days, std::int64_t duration, std::int32_t sign) {
  const auto bits = static_cast<std::uint64_t>(duration);
  const collat::ir::Duration d{static_cast<std::int32_t>(static_cast<std::uint32_t>(bits)),
                               static_cast<std::int32_t>(static_cast<std::uint32_t>(bits >> 32U))};
  return collat::ir::AddDuration(days, d, sign);
}

double collat_round(double x, double increment, std::int32_t mode) {
  return OrNaN(collat::runtime::RoundToIncrement(x, increment, ModeOf(mode)));
}

double collat_transfer(double amount, double gate, double increment, std::int32_t mode) {
  return OrNaN(collat::runtime::Transfer(amount, gate, increment, ModeOf(mode)));
}

double collat_years_between(std::int64_t from, std::int64_t to) {
  return collat::runtime::YearsBetween(from, to);
}

double collat_days_between(std::int64_t from, std::int64_t to) {
  return collat::runtime::DaysBetween(from, to);
}

std::int64_t collat_match_candidate(const void* index, const void* subjects) {
  const auto& m = *static_cast<const collat::runtime::MatchIndex*>(index);
  const auto* values = static_cast<const collat::jit::KernelValue*>(subjects);
  std::size_t best = collat::runtime::MatchIndex::kNone;
  for (std::size_t g = 0; g < m.groups(); ++g)
    best = std::min(best, m.Find(g, collat::jit::FromKernelValue(values[g])));
  return best == collat::runtime::MatchIndex::kNone ? std::numeric_limits<std::int64_t>::max()
                                                    : static_cast<std::int64_t>(best);
}
}

namespace collat::jit {

const std::vector<BuiltinSymbol>& KernelBuiltins() {
  static const std::vector<BuiltinSymbol> symbols = {
      {"collat_add_duration", Address(&collat_add_duration)},
      {"collat_round", Address(&collat_round)},
      {"collat_transfer", Address(&collat_transfer)},
      {"collat_years_between", Address(&collat_years_between)},
      {"collat_days_between", Address(&collat_days_between)},
      {"collat_match_candidate", Address(&collat_match_candidate)},
      {"floor", Address(&Floor)},
      {"ceil", Address(&Ceil)},
      {"sqrt", Address(&Sqrt)},
      {"fabs", Address(&Fabs)},
      {"memset", Address(&Memset)},
      {"memcpy", Address(&Memcpy)},
      {"memmove", Address(&Memmove)},
  };
  return symbols;
}

}  // namespace collat::jit
