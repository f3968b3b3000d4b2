#include "bench/kernel_setup.h"

namespace collat::bench {
namespace {

template <typename T, typename Name>
bool Same(const std::vector<T>& declared, Names expected, Name name) {
  if (declared.size() != expected.size()) return false;
  std::size_t k = 0;
  for (std::string_view e : expected) {
    if (name(declared[k++]) != e) return false;
  }
  return true;
}

}  // namespace

bool DeclaresExactly(const ir::Policy& policy, Names position_fields, Names rules, Names components,
                     Names tiers, Names limits) {
  return Same(policy.position_fields, position_fields,
              [](const ir::Field& f) -> const std::string& { return f.name; }) &&
         Same(policy.rules, rules, [](const ir::Rule& r) -> const std::string& { return r.id; }) &&
         Same(policy.components, components,
              [](const ir::Component& c) -> const std::string& { return c.id; }) &&
         Same(policy.tiers, tiers, [](const ir::Tiers& t) -> const std::string& { return t.id; }) &&
         Same(policy.limits, limits, [](const ir::Limit& l) -> const std::string& { return l.id; });
}

bool EnumRanksAre(const ir::Policy& policy, std::string_view field, Names labels) {
  const std::int32_t f = policy.FindPositionField(field);
  if (f < 0) return false;
  const ir::Type& type = policy.position_fields[static_cast<std::size_t>(f)].type;
  if (type.kind != ir::TypeKind::Enum || type.enum_id < 0) return false;
  const ir::EnumInfo& info = policy.enums[static_cast<std::size_t>(type.enum_id)];
  if (info.labels.size() != labels.size()) return false;
  std::size_t k = 0;
  for (std::string_view label : labels) {
    if (info.labels[k] != label || info.Rank(k) != static_cast<std::int64_t>(k)) return false;
    ++k;
  }
  return true;
}

std::vector<std::int32_t> MatchArmIds(const ir::Policy& policy, const jit::KernelPlan& plan,
                                      std::size_t component) {
  std::vector<std::int32_t> ids;
  const ir::Expr& value = *policy.components.at(component).value;
  if (value.op != ir::Op::Match) return ids;
  for (const ir::MatchArm& arm : value.arms) {
    const std::int32_t id = plan.ArmId(arm);
    if (id < 0) return {};
    ids.push_back(id);
  }
  return ids;
}

std::vector<std::int32_t> TextIndices(const jit::KernelPlan& plan, Names texts) {
  std::vector<std::int32_t> indices;
  for (std::string_view text : texts) {
    const std::int32_t index = plan.TextIndex(text);
    if (index < 0) return {};
    indices.push_back(index);
  }
  return indices;
}

}  // namespace collat::bench
