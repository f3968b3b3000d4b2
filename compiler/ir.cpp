#include "compiler/ir.h"

namespace collat::ir {
namespace {
std::int32_t Find(const std::vector<Field>& fields, std::string_view name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}
}  // namespace

std::int32_t Policy::FindPositionField(std::string_view name) const {
  return Find(position_fields, name);
}
std::int32_t Policy::FindAccountField(std::string_view name) const {
  return Find(account_fields, name);
}
std::int32_t Policy::FindMarketField(std::string_view name) const {
  return Find(market_fields, name);
}

}  // namespace collat::ir
