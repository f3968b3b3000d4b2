#include "runtime/versions.h"

#include <limits>
#include <optional>

namespace collat::runtime {
namespace {

// A version without a date is effective since always: it sorts before every dated version.
std::int64_t SortKey(const std::optional<std::int64_t>& effective) {
  return effective ? *effective : std::numeric_limits<std::int64_t>::min();
}

template <class Decl, class IdOf>
std::vector<bool> Select(const std::vector<Decl>& decls, IdOf id_of, std::int64_t date) {
  std::vector<bool> in_force(decls.size(), false);
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (SortKey(decls[i].effective) > date) continue;
    bool newest = true;
    for (std::size_t j = 0; j < decls.size() && newest; ++j) {
      if (j == i || id_of(decls[j]) != id_of(decls[i])) continue;
      const std::int64_t kj = SortKey(decls[j].effective);
      const std::int64_t ki = SortKey(decls[i].effective);
      if (kj > date) continue;
      if (kj > ki || (kj == ki && j < i)) newest = false;
    }
    in_force[i] = newest;
  }
  return in_force;
}

template <class Decl, class IdOf>
std::map<std::string, std::int32_t> IndexInForce(const std::vector<Decl>& decls,
                                                 const std::vector<bool>& in_force, IdOf id_of) {
  std::map<std::string, std::int32_t> index;
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (in_force[i]) index.emplace(id_of(decls[i]), static_cast<std::int32_t>(i));
  }
  return index;
}

}  // namespace

std::int32_t InForce::Table(const std::string& name) const {
  const auto it = table_by_name.find(name);
  return it == table_by_name.end() ? -1 : it->second;
}

std::int32_t InForce::Limit(const std::string& id) const {
  const auto it = limit_by_id.find(id);
  return it == limit_by_id.end() ? -1 : it->second;
}

InForce SelectVersions(const ir::Policy& policy, std::int64_t valuation_date) {
  const auto id = [](const auto& decl) -> const std::string& { return decl.id; };
  const auto name = [](const ir::Table& table) -> const std::string& { return table.name; };
  InForce out;
  out.rules = Select(policy.rules, id, valuation_date);
  out.components = Select(policy.components, id, valuation_date);
  out.tiers = Select(policy.tiers, id, valuation_date);
  out.limits = Select(policy.limits, id, valuation_date);
  out.tables = Select(policy.tables, name, valuation_date);
  out.table_by_name = IndexInForce(policy.tables, out.tables, name);
  out.limit_by_id = IndexInForce(policy.limits, out.limits, id);
  return out;
}

}  // namespace collat::runtime
