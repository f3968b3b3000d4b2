// Evaluation inputs the optimiser builds: one account of an input on its own, with inventory
// assets appended to it as positions. Internal to rebalance/.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/inventory.h"

namespace collat::rebalance {

// An input holding only account `account` of `input` (its index 0) with its positions, the same
// market and the same text pool.
runtime::Input OneAccount(const runtime::Input& input, std::size_t account,
                          const ir::Policy& policy);

// Appends position `position` of `from` to `to` for its account `account`, whose text pool must
// extend `from`'s (a copy of it, possibly with more texts): codes are copied as they are.
void CopyHeld(const ir::Policy& policy, const runtime::Input& from, std::size_t position,
              runtime::Input& to, std::int32_t account);

// Appends `quantity` of inventory asset `asset` to account `account` of `to` as a position with
// id `id`, after the account's existing positions (the account must be the last one of `to`, so
// that its positions stay contiguous). Its `quantity` is `quantity`, its `market_value` (the
// field and Positions::market_value) the asset's scaled by quantity / the amount available (the
// whole market value when all of it moves); every other field is copied, texts re-interned in
// `to`'s pool.
void AppendAsset(const ir::Policy& policy, const runtime::Inventories& inventories,
                 std::size_t asset, double quantity, const std::string& id, std::int32_t account,
                 runtime::Input& to);

// The market value of `quantity` of `asset` (all of it: its market value exactly).
double MarketValueOf(const ir::Policy& policy, const runtime::Inventories& inventories,
                     std::size_t asset, double quantity);

// The amount available of `asset` (its `quantity` field).
double Available(const ir::Policy& policy, const runtime::Inventories& inventories,
                 std::size_t asset);

}  // namespace collat::rebalance
