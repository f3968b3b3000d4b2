// Inventories (runtime/load_inventory.h): asset records read like positions, plus the rejections
// that keep unusable amounts and prices away from the optimiser.
#include "runtime/load_inventory.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/load_input.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

const ir::Policy& Policy() {
  static const CompiledPolicy compiled =
      program::CompileText(R"(policy p { version "1" currency USD }
enum AssetClass { cash, govt }
position {
  asset_class:  AssetClass
  currency:     text = "USD"
  quantity:     number
  market_value: money
  funding_rate: percent = 0%
}
account {
  requirement: money
}
eligibility {
  accept all when true
}
rebalance r when collateral_value < requirement {
  target     requirement
  top_up     from inventory
  cost       funding_rate
}
)",
                           "p.collat");
  REQUIRE(compiled.policy);
  return *compiled.policy;
}

constexpr const char* kInput = R"(valuation_date: 2026-03-31
fx: { EUR: 1.25 }
accounts:
  - id: A
    requirement: 1_000
    positions:
      - { id: P1, asset_class: cash, quantity: 1, market_value: 500 }
inventories:
  inventory:
    - { id: UST, asset_class: govt, quantity: 10, market_value: 980, funding_rate: 1% }
    - { id: BUND, asset_class: govt, currency: EUR, quantity: 4, market_value: 400 }
  spare: []
)";

struct Loaded {
  LoadResult input;
  Inventories inventories;
  std::vector<Diagnostic> diagnostics;
};

Loaded LoadBoth(const std::string& input_text) {
  Loaded out;
  out.input = LoadInputFromString(Policy(), input_text, "in.yaml", "");
  LoadInventoriesFromString(Policy(), out.input.input.market, input_text, "in.yaml",
                            InventorySource::EvaluationInput, out.inventories, out.diagnostics);
  return out;
}

// The rejection of the only asset of inventory `inventory` in `assets` (one record).
std::string RejectionOf(const std::string& asset) {
  const std::string text =
      "valuation_date: 2026-03-31\naccounts: []\ninventories:\n  inventory:\n" +
      std::string("    - ") + asset + "\n";
  Loaded loaded = LoadBoth(text);
  REQUIRE(loaded.input.diagnostics.empty());
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.inventories.assets.positions.size() == 1);
  return loaded.inventories.assets.positions.rejection[0];
}

std::string Messages(const std::vector<Diagnostic>& diagnostics) {
  std::string all;
  for (const Diagnostic& d : diagnostics)
    all += d.message + "\n";
  return all;
}

TEST_CASE("an input's inventories are read like positions; eval's loader skips them",
          "[rebalance][inventory]") {
  Loaded loaded = LoadBoth(kInput);
  REQUIRE(loaded.input.diagnostics.empty());
  CHECK(loaded.input.input.positions.size() == 1);  // the inventory is not the account's
  REQUIRE(loaded.diagnostics.empty());
  const Inventories& inv = loaded.inventories;
  REQUIRE(inv.assets.accounts.size() == 2);
  CHECK(inv.Find("inventory") == 0);
  CHECK(inv.Find("spare") == 1);
  CHECK(inv.Find("wallet") == -1);
  CHECK(inv.assets.accounts[0].position_count == 2);
  CHECK(inv.assets.accounts[1].position_count == 0);
  const Positions& assets = inv.assets.positions;
  CHECK(assets.ids == std::vector<std::string>{"UST", "BUND"});
  CHECK(assets.rejection == std::vector<std::string>{"", ""});
  // 400 EUR at 1.25 USD per EUR.
  CHECK(assets.market_value == std::vector<double>{980, 500});
  CHECK(assets.Source(1) == "in.yaml:11");
  CHECK(inv.Usable() == 2);
}

TEST_CASE("unusable assets are rejected naming the field", "[rebalance][inventory]") {
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: .nan, market_value: 10 }") ==
        "field `quantity` is not a finite number: `.nan`");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: -5, market_value: 10 }") ==
        "field `quantity` is negative: `-5`");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: 0, market_value: 10 }") ==
        "field `quantity` is 0: nothing of this asset is available");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: 3, market_value: 0 }") ==
        "field `market_value` is 0: an inventory asset needs a price above 0");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: 3 }") ==
        "missing required field `market_value`");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: 3, market_value: .inf }") ==
        "field `market_value` is not a finite number: `.inf`");
  CHECK(RejectionOf("{ id: X, asset_class: govt, quantity: 3, market_value: 9, colour: red }") ==
        "unknown field `colour`");
  CHECK(RejectionOf("{ id: X, asset_class: gold, quantity: 3, market_value: 9 }") ==
        "field `asset_class`: `gold` is not a label of enum `AssetClass`");
  CHECK(RejectionOf("{ id: X, asset_class: govt, currency: JPY, quantity: 3, market_value: 9 }")
            .find("JPY") != std::string::npos);
}

TEST_CASE("a repeated asset id within one inventory is rejected", "[rebalance][inventory]") {
  Loaded loaded = LoadBoth(R"(valuation_date: 2026-03-31
accounts: []
inventories:
  a:
    - { id: X, asset_class: govt, quantity: 1, market_value: 10 }
    - { id: X, asset_class: govt, quantity: 2, market_value: 20 }
  b:
    - { id: X, asset_class: govt, quantity: 1, market_value: 10 }
)");
  REQUIRE(loaded.diagnostics.empty());
  CHECK(loaded.inventories.assets.positions.rejection ==
        std::vector<std::string>{"", "duplicate position id `X`", ""});
  CHECK(loaded.inventories.Usable() == 2);
}

TEST_CASE("malformed inventory sections are file errors naming the line",
          "[rebalance][inventory]") {
  const auto errors = [](const std::string& text, InventorySource source) {
    Inventories inv;
    std::vector<Diagnostic> diagnostics;
    LoadInventoriesFromString(Policy(), Market{}, text, "inv.yaml", source, inv, diagnostics);
    return Messages(diagnostics);
  };
  CHECK(errors("inventories: [1, 2]\n", InventorySource::InventoryFile) ==
        "inv.yaml:1: `inventories` is a list, not a mapping of inventory names to lists of "
        "assets\n");
  CHECK(errors("inventories:\n  a: 5\n", InventorySource::InventoryFile) ==
        "inv.yaml:2: inventory `a` is `5`, not a list of assets\n");
  CHECK(errors("inventories:\n  a: []\n  a: []\n", InventorySource::InventoryFile)
            .find("inventory `a` is given twice") != std::string::npos);
  CHECK(errors("accounts: []\ninventories: {}\n", InventorySource::InventoryFile) ==
        "inv.yaml:1: unknown key `accounts`: an inventory file has only `inventories`\n");
  CHECK(errors("accounts: []\n", InventorySource::EvaluationInput).empty());
  CHECK(errors("fx: {}\n", InventorySource::InventoryFile).find("missing `inventories`") !=
        std::string::npos);
  CHECK(errors("inventories:\n  a:\n    - [1]\n", InventorySource::InventoryFile) ==
        "inv.yaml:3: an inventory asset is a list, not a mapping\n");
  CHECK(errors("inventories: {a: [\n", InventorySource::InventoryFile).find("inv.yaml:") == 0);
}

TEST_CASE("an inventory named in both the input and an inventory file is an error",
          "[rebalance][inventory]") {
  Loaded loaded = LoadBoth(kInput);
  REQUIRE(loaded.diagnostics.empty());
  const auto dir = std::filesystem::temp_directory_path() / "collat_load_inventory_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "inv.yaml").string();
  std::ofstream(path) << "inventories:\n  more:\n    - { id: C, asset_class: cash, quantity: 1, "
                         "market_value: 100 }\n  spare: []\n";
  LoadInventoryFile(Policy(), loaded.input.input.market, path, InventorySource::InventoryFile,
                    loaded.inventories, loaded.diagnostics);
  CHECK(Messages(loaded.diagnostics) ==
        path + ":4: field `inventories`: inventory `spare` is " + "given twice\n");
  CHECK(loaded.inventories.Find("more") == 2);
  CHECK(loaded.inventories.assets.accounts[2].first_position == 2);
  CHECK(loaded.inventories.assets.positions.ids.back() == "C");
}

TEST_CASE("inventories need quantity and market_value in the position schema",
          "[rebalance][inventory]") {
  const CompiledPolicy compiled = program::CompileText(R"(policy q { version "1" currency USD }
position {
  market_value: money
}
account {
  requirement: money
}
eligibility {
  accept all when true
}
)",
                                                       "q.collat");
  REQUIRE(compiled.policy);
  Inventories inv;
  std::vector<Diagnostic> diagnostics;
  LoadInventoriesFromString(*compiled.policy, Market{}, "inventories:\n  a: []\n", "inv.yaml",
                            InventorySource::InventoryFile, inv, diagnostics);
  CHECK(Messages(diagnostics) ==
        "inv.yaml:2: field `inventories`: the policy's position schema has no `quantity: "
        "number`, which an inventory's assets need for the amount available\n");
}

TEST_CASE("the shipped example inventory loads clean for its policy", "[rebalance][inventory]") {
  const CompiledPolicy compiled =
      program::CompileFile(testing::RepoPath("policies/us_uncleared_margin.collat"));
  REQUIRE(compiled.policy);
  const LoadResult input =
      LoadInput(*compiled.policy, testing::RepoPath("examples/inputs/us_uncleared_margin.yaml"));
  REQUIRE(input.diagnostics.empty());
  Inventories inv;
  std::vector<Diagnostic> diagnostics;
  LoadInventoryFile(*compiled.policy, input.input.market,
                    testing::RepoPath("examples/inputs/us_uncleared_margin.inventory.yaml"),
                    InventorySource::InventoryFile, inv, diagnostics);
  REQUIRE(Messages(diagnostics).empty());
  REQUIRE(inv.Find("inventory") == 0);
  CHECK(inv.assets.positions.size() == 6);
  CHECK(inv.Usable() == 6);
  // EUR-CASH: 1,000,000 EUR at 1.08 USD per EUR.
  CHECK(inv.assets.positions.market_value[3] == 1080000);
}

}  // namespace
}  // namespace collat::runtime
