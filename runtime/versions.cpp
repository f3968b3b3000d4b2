#include "runtime/versions.h"

#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace collat::runtime {
namespace {

// A version without a date is effective since always: it sorts before every dated version.
std::int64_t SortKey(const std::optional<std::int64_t>& effective) {
  return effective ? *effective : std::numeric_limits<std::int64_t>::min();
}

// One pass over the declarations with the newest eligible version of each id so far: linear in
// their number (a policy may have tens of thousands of rules, most with one version).
template <class Decl, class IdOf>
std::vector<bool> Select(const std::vector<Decl>& decls, IdOf id_of, std::int64_t date) {
  std::vector<bool> in_force(decls.size(), false);
  std::unordered_map<std::string_view, std::size_t> newest;  // id -> index of the newest version
  newest.reserve(decls.size());
  for (std::size_t i = 0; i < decls.size(); ++i) {
    const std::int64_t key = SortKey(decls[i].effective);
    if (key > date) continue;
    const auto [it, first] = newest.try_emplace(id_of(decls[i]), i);
    // A later-written version with the same date loses: the one written first is in force.
    if (!first && key > SortKey(decls[it->second].effective)) it->second = i;
  }
  for (const auto& entry : newest)
    in_force[entry.second] = true;
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
