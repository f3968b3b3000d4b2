// Inventories: the assets an account could deliver when it rebalances (docs/language.md 12 and
// 18.1). Each named inventory (the name `top_up from NAME` uses) is a list of asset records with
// the position schema: `quantity` is the amount available and `market_value` the value of all of
// it, converted to the base currency like a position's. Built by load_inventory.h; read-only
// afterwards.
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/input.h"

namespace collat::runtime {

struct Inventories {
  // One Account per inventory, in order of appearance, whose id is the inventory's name and whose
  // fields are all unknown; its positions are the inventory's assets in file order (contiguous,
  // as for accounts). An asset whose Positions::rejection is not empty was REJECTED (the reason
  // names the field) and is never offered to the optimiser. `assets.market` holds the FX rates
  // and valuation date the assets were converted with, and no market fields; `assets.text` holds
  // the assets' own text codes (not the evaluation input's).
  Input assets;

  // The index of inventory `name` in assets.accounts, or -1.
  std::int32_t Find(std::string_view name) const;
  // The usable (not rejected) assets of every inventory.
  std::size_t Usable() const;
};

}  // namespace collat::runtime
