#include "runtime/load_inventory.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/read_file.h"
#include "runtime/load_record.h"
#include "runtime/load_value.h"
#include "runtime/load_yaml_scan.h"

namespace collat::runtime {

std::int32_t Inventories::Find(std::string_view name) const {
  for (std::size_t i = 0; i < assets.accounts.size(); ++i) {
    if (assets.accounts[i].id == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::size_t Inventories::Usable() const {
  std::size_t usable = 0;
  for (const std::string& rejection : assets.positions.rejection)
    usable += rejection.empty() ? 1u : 0u;
  return usable;
}

namespace {

using load::RawValue;

std::size_t LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : static_cast<std::size_t>(mark.line) + 1;
}

std::string Shown(const YAML::Node& node) {
  if (node.IsScalar()) return fmt::format("`{}`", load::Excerpt(node.Scalar()));
  if (node.IsNull()) return "nothing";
  return node.IsSequence() ? "a list" : "a mapping";
}

class InventoryLoader {
 public:
  InventoryLoader(const ir::Policy& policy, std::string display, InventorySource source,
                  Inventories& out, std::vector<Diagnostic>& diagnostics)
      : policy_(policy),
        display_(std::move(display)),
        source_(source),
        out_(out),
        errors_(diagnostics),
        writer_(policy, out.assets),
        quantity_(policy.FindPositionField("quantity")),
        market_value_(policy.FindPositionField("market_value")) {}

  void Load(std::string_view text);

 private:
  void LoadSection(const YAML::Node& section);
  void LoadInventory(const YAML::Node& name, const YAML::Node& assets);
  void LoadAsset(const YAML::Node& node, std::int32_t inventory);
  // Why the asset just appended cannot be offered (no amount available, no price), or "".
  std::string Unusable(std::size_t asset) const;
  bool SchemaFits(std::size_t line);
  void Error(DiagnosticKind kind, std::size_t line, std::string_view message) {
    errors_.Add(kind, display_, line, message);
  }

  const ir::Policy& policy_;
  std::string display_;
  InventorySource source_;
  Inventories& out_;
  load::ErrorSink errors_;
  load::PositionWriter writer_;
  std::int32_t quantity_;
  std::int32_t market_value_;
  std::vector<RawValue> raw_;       // scratch
  std::vector<std::uint8_t> seen_;  // scratch
};

void InventoryLoader::Load(std::string_view text) {
  if (const auto problem = load::ScanYaml(text)) {
    Error(DiagnosticKind::input_syntax_error, problem->line, problem->message);
    return;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      Error(DiagnosticKind::input_error, std::max<std::size_t>(LineOf(root), 1),
            fmt::format("the inventory file is {}, not a mapping with `inventories`", Shown(root)));
      return;
    }
    std::optional<YAML::Node> section;
    for (const auto& entry : root) {
      const YAML::Node& key = entry.first;
      const bool named = key.IsScalar();
      if (named && key.Scalar() == "inventories") {
        if (section.has_value()) {
          Error(DiagnosticKind::input_error, LineOf(key), "duplicate key `inventories`");
        } else {
          section = entry.second;
        }
        continue;
      }
      // An evaluation input's other keys are the input loader's to judge.
      if (source_ == InventorySource::InventoryFile) {
        Error(DiagnosticKind::input_error, LineOf(key),
              fmt::format("unknown key {}: an inventory file has only `inventories`", Shown(key)));
      }
    }
    if (!section.has_value()) {
      if (source_ == InventorySource::InventoryFile) {
        Error(DiagnosticKind::input_error, std::max<std::size_t>(LineOf(root), 1),
              "missing `inventories` (a mapping of inventory names to lists of assets)");
      }
      return;
    }
    LoadSection(*section);
  } catch (const YAML::Exception& e) {
    const std::size_t line = e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1;
    Error(DiagnosticKind::input_syntax_error, line, fmt::format("YAML syntax error: {}", e.msg));
  } catch (const std::bad_alloc&) {
    Error(DiagnosticKind::input_error, 0, "out of memory while loading the inventory");
  } catch (const std::exception& e) {
    Error(DiagnosticKind::input_error, 0, fmt::format("cannot load the inventory: {}", e.what()));
  }
  load::FinishPositions(out_.assets);
}

bool InventoryLoader::SchemaFits(std::size_t line) {
  const auto kind = [&](std::int32_t field) {
    return policy_.position_fields[static_cast<std::size_t>(field)].type.kind;
  };
  if (quantity_ < 0 || kind(quantity_) != ir::TypeKind::Number) {
    Error(DiagnosticKind::input_error, line,
          "field `inventories`: the policy's position schema has no `quantity: number`, which "
          "an inventory's assets need for the amount available");
    return false;
  }
  if (market_value_ < 0 || kind(market_value_) != ir::TypeKind::Money) {
    Error(DiagnosticKind::input_error, line,
          "field `inventories`: the policy's position schema has no `market_value: money`, "
          "which an inventory's assets need for their price");
    return false;
  }
  return true;
}

void InventoryLoader::LoadSection(const YAML::Node& section) {
  const std::size_t line = LineOf(section);
  if (section.IsNull()) return;  // `inventories:` with nothing: none
  if (!section.IsMap()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("`inventories` is {}, not a mapping of inventory names to lists of assets",
                      Shown(section)));
    return;
  }
  if (!SchemaFits(line)) return;
  for (const auto& entry : section) {
    if (errors_.Full()) return;
    LoadInventory(entry.first, entry.second);
  }
}

void InventoryLoader::LoadInventory(const YAML::Node& name, const YAML::Node& assets) {
  if (!name.IsScalar() || name.Scalar().empty()) {
    Error(DiagnosticKind::input_error, LineOf(name),
          fmt::format("field `inventories`: an inventory name is {}, not a name", Shown(name)));
    return;
  }
  if (out_.Find(name.Scalar()) >= 0) {
    Error(DiagnosticKind::input_error, LineOf(name),
          fmt::format("field `inventories`: inventory `{}` is given twice",
                      load::Excerpt(name.Scalar())));
    return;
  }
  if (!assets.IsNull() && !assets.IsSequence()) {
    Error(DiagnosticKind::input_error, LineOf(assets),
          fmt::format("inventory `{}` is {}, not a list of assets", load::Excerpt(name.Scalar()),
                      Shown(assets)));
    return;
  }
  const auto index = static_cast<std::int32_t>(out_.assets.accounts.size());
  Account& inventory = out_.assets.accounts.emplace_back();
  inventory.id = name.Scalar();
  inventory.fields.assign(policy_.account_fields.size(), ir::Value::Unknown());
  if (assets.IsNull()) return;
  for (const YAML::Node& asset : assets) {
    if (errors_.Full()) return;
    LoadAsset(asset, index);
  }
}

void InventoryLoader::LoadAsset(const YAML::Node& node, std::int32_t inventory) {
  const std::size_t line = LineOf(node);
  if (!node.IsMap()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("an inventory asset is {}, not a mapping", Shown(node)));
    return;
  }
  raw_.assign(policy_.position_fields.size(), RawValue{});
  seen_.assign(raw_.size(), 0);
  std::string rejection;
  auto note = [&rejection](std::string message) {
    if (rejection.empty()) rejection = std::move(message);
  };
  std::optional<YAML::Node> id_node;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    const YAML::Node& value = entry.second;
    if (!key.IsScalar()) {
      note(fmt::format("a field name is {}, not a name", Shown(key)));
      continue;
    }
    const std::string& field_name = key.Scalar();
    if (field_name == "id") {
      if (id_node.has_value()) note("duplicate field `id`");
      id_node = value;
      continue;
    }
    const std::int32_t field = writer_.parser().FieldIndex(field_name);
    if (field < 0) {
      note(fmt::format("unknown field `{}`", load::Excerpt(field_name)));
      continue;
    }
    const auto index = static_cast<std::size_t>(field);
    if (seen_[index] != 0) note(fmt::format("duplicate field `{}`", field_name));
    seen_[index] = 1;
    if (value.IsNull()) {
      raw_[index] = {};
    } else if (value.IsScalar()) {
      raw_[index] = {RawValue::State::Text, value.Scalar()};
    } else {
      raw_[index] = {RawValue::State::Nested, {}};
    }
  }
  std::string_view id;
  if (id_node.has_value() && !id_node->IsNull()) {
    if (id_node->IsScalar()) {
      id = id_node->Scalar();
    } else {
      note("field `id` must be a single value, not a list or mapping");
    }
  }
  writer_.Append(id, inventory, raw_, std::move(rejection), display_ + ":", line);
  Positions& assets = out_.assets.positions;
  const std::size_t added = assets.size() - 1;
  if (assets.rejection[added].empty()) assets.rejection[added] = Unusable(added);
}

std::string InventoryLoader::Unusable(std::size_t asset) const {
  const Column& quantity = out_.assets.positions.fields[static_cast<std::size_t>(quantity_)];
  const Column& value = out_.assets.positions.fields[static_cast<std::size_t>(market_value_)];
  if (quantity.known[asset] == 0) {
    return "field `quantity` is unknown: an inventory asset needs the amount available";
  }
  if (!(quantity.numbers[asset] > 0)) {
    return "field `quantity` is 0: nothing of this asset is available";
  }
  if (value.known[asset] == 0) {
    return "field `market_value` is unknown: an inventory asset needs a price";
  }
  if (!(value.numbers[asset] > 0)) {
    return "field `market_value` is 0: an inventory asset needs a price above 0";
  }
  return "";
}

}  // namespace

void LoadInventoriesFromString(const ir::Policy& policy, const Market& market,
                               std::string_view yaml_text, const std::string& display_name,
                               InventorySource source, Inventories& out,
                               std::vector<Diagnostic>& diagnostics) {
  out.assets.market.valuation_date = market.valuation_date;
  out.assets.market.fx = market.fx;
  InventoryLoader loader(policy, display_name, source, out, diagnostics);
  loader.Load(yaml_text);
}

void LoadInventoryFile(const ir::Policy& policy, const Market& market, const std::string& path,
                       InventorySource source, Inventories& out,
                       std::vector<Diagnostic>& diagnostics) {
  auto file = ReadSourceFile(path);
  if (auto* diagnostic = std::get_if<Diagnostic>(&file)) {
    diagnostics.push_back(std::move(*diagnostic));
    return;
  }
  LoadInventoriesFromString(policy, market, std::get<SourceFilePtr>(file)->text(), path, source,
                            out, diagnostics);
}

}  // namespace collat::runtime
