// Effective dating (docs/language.md section 13): which version of each declaration is in force
// on a valuation date. Declarations of one kind sharing an id (a table's name) are versions; the
// one in force has the latest `effective` <= the valuation date, a version without `effective`
// counting as effective since always. When no version is in force the declaration is absent.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace collat::runtime {

struct InForce {
  // One flag per declaration, indexed like the Policy's vector: true for the version in force.
  std::vector<bool> rules;
  std::vector<bool> components;
  std::vector<bool> tiers;
  std::vector<bool> limits;
  std::vector<bool> tables;

  // The index of the version in force of the table named `name` (limit with id `id`), or -1.
  std::int32_t Table(const std::string& name) const;
  std::int32_t Limit(const std::string& id) const;

  std::map<std::string, std::int32_t> table_by_name;
  std::map<std::string, std::int32_t> limit_by_id;
};

// Two versions with the same date are a checker error; should they reach here anyway, the one
// written first is in force.
InForce SelectVersions(const ir::Policy& policy, std::int64_t valuation_date);

}  // namespace collat::runtime
