#include "bench/kernel_outputs.h"

#include <cstring>

#include <fmt/format.h>

namespace collat::bench {
namespace {

bool SameBytes(const void* a, const void* b, std::size_t n) {
  return std::memcmp(a, b, n) == 0;
}

std::string Where(std::size_t i, const std::string& what) {
  return fmt::format("position {}: {}", i, what);
}

}  // namespace

std::string FirstKernelDifference(const ir::Policy& policy, const jit::KernelInput& expected,
                                  const jit::KernelInput& actual) {
  const jit::KernelArgs& e = expected.args();
  const jit::KernelArgs& a = actual.args();
  const std::size_t rules = policy.rules.size();
  const std::size_t components = policy.components.size();
  const std::size_t tiers = policy.tiers.size();
  const std::size_t limits = policy.limits.size();
  const std::size_t max_trace = expected.max_trace();
  if (actual.max_trace() != max_trace || actual.positions() != expected.positions()) {
    return "the two inputs differ in shape";
  }
  for (std::size_t i = 0; i < expected.positions(); ++i) {
    if (e.status[i] != a.status[i]) {
      return Where(i, fmt::format("status {} != {}", a.status[i], e.status[i]));
    }
    if (e.status[i] != jit::kStatusEligible && e.status[i] != jit::kStatusIneligible) continue;
    for (std::size_t r = 0; r < rules; ++r) {
      if (e.rule_state[i * rules + r] != a.rule_state[i * rules + r]) {
        return Where(i, fmt::format("rule {} state {} != {}", policy.rules[r].id,
                                    a.rule_state[i * rules + r], e.rule_state[i * rules + r]));
      }
    }
    if (e.status[i] != jit::kStatusEligible) continue;
    for (std::size_t c = 0; c < components; ++c) {
      if (e.component_in_force[c] == 0) continue;
      const std::size_t slot = i * components + c;
      const std::string name = "component " + policy.components[c].id;
      if (!SameBytes(&e.component_value[slot], &a.component_value[slot], sizeof(double))) {
        return Where(i, fmt::format("{} value {} != {}", name, a.component_value[slot],
                                    e.component_value[slot]));
      }
      if (e.component_known[slot] != a.component_known[slot]) return Where(i, name + " known");
      if (e.trace_length[slot] != a.trace_length[slot]) return Where(i, name + " trace length");
      if (!SameBytes(&e.trace[slot * max_trace], &a.trace[slot * max_trace],
                     e.trace_length[slot] * sizeof(std::int32_t))) {
        return Where(i, name + " trace");
      }
    }
    for (std::size_t t = 0; t < tiers; ++t) {
      if (e.tiers_in_force[t] == 0) continue;
      const std::size_t slot = i * tiers + t;
      const std::string name = "tiers " + policy.tiers[t].id;
      if (e.tier_member[slot] != a.tier_member[slot]) return Where(i, name + " membership");
      if (e.tier_member[slot] != 0 && policy.tiers[t].group_by &&
          !SameBytes(&e.tier_key[slot], &a.tier_key[slot], sizeof(jit::KernelValue))) {
        return Where(i, name + " key");
      }
    }
    for (std::size_t l = 0; l < limits; ++l) {
      if (e.limit_in_force[l] == 0) continue;
      const std::size_t slot = i * limits + l;
      const std::string name = "limit " + policy.limits[l].id;
      if (e.limit_member[slot] != a.limit_member[slot]) return Where(i, name + " membership");
      if (e.limit_member[slot] != 0 && policy.limits[l].by &&
          !SameBytes(&e.limit_key[slot], &a.limit_key[slot], sizeof(jit::KernelValue))) {
        return Where(i, name + " key");
      }
    }
  }
  return "";
}

}  // namespace collat::bench
