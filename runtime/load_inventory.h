// Loading inventories (inventory.h) for a policy: the `inventories:` section of an evaluation
// input, or of an inventory file (`collat rebalance --inventory FILE`). Never throws, never prints.
//
// YAML layout (the section may sit in the evaluation input, next to `accounts`, or alone in an
// inventory file, where any other top-level key is an error):
//
//   inventories:
//     inventory:                     # a name `top_up from NAME` uses
//       - { id: UST-2031, asset_class: govt, quantity: 5_000_000, market_value: 4_900_000 }
//     wallet: []                     # an empty inventory
//
// Each asset record is read exactly like a position (load_input.h: types, defaults, currencies,
// the same rejections), and is also REJECTED, naming the field, when its `quantity` (the amount
// available) is unknown or 0, or its `market_value` is unknown or 0 while it has a quantity (no
// price). So NaN, negative or missing availability and zero or missing prices never reach the
// optimiser. A repeated asset id within one inventory is rejected ("duplicate position id").
//
// File errors (input_error / input_syntax_error / io_error Diagnostics whose message starts with
// "path:line: "): YAML syntax, a section that is not a mapping of names to lists, an inventory
// named twice (within a file or across the input and an inventory file), a policy whose position
// schema has no numeric `quantity` or no money `market_value`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "compiler/ir.h"
#include "runtime/input.h"
#include "runtime/inventory.h"

namespace collat::runtime {

enum class InventorySource {
  EvaluationInput,  // an evaluation input: its other top-level keys are skipped
  InventoryFile,    // an inventory file: `inventories` is its only key
};

// Adds the inventories of the YAML text's `inventories:` section to `out` (whose assets.market
// is set from `market`: its FX rates convert money fields). Problems go to `diagnostics`; after
// an error, `out` may be partial: do not rebalance with it.
void LoadInventoriesFromString(const ir::Policy& policy, const Market& market,
                               std::string_view yaml_text, const std::string& display_name,
                               InventorySource source, Inventories& out,
                               std::vector<Diagnostic>& diagnostics);

// The same from a file, read like the evaluation input itself (a file named on the command line
// or by the embedder, at most kMaxSourceBytes). An inventory names no other file, so it reads
// nothing outside the file given.
void LoadInventoryFile(const ir::Policy& policy, const Market& market, const std::string& path,
                       InventorySource source, Inventories& out,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace collat::runtime
