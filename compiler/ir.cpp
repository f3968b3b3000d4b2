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

const char* Spelling(RebalanceItem item) {
  switch (item) {
    case RebalanceItem::Target:
      return "target";
    case RebalanceItem::TopUp:
      return "top_up";
    case RebalanceItem::Substitute:
      return "substitute";
    case RebalanceItem::Release:
      return "release";
    case RebalanceItem::Liquidate:
      return "liquidate";
    case RebalanceItem::Cost:
      return "cost";
    case RebalanceItem::Lot:
      return "lot";
    case RebalanceItem::MinMove:
      return "min_move";
    case RebalanceItem::MaxMoves:
      return "max_moves";
  }
  return "?";
}

}  // namespace collat::ir
