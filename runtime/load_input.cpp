#include "runtime/load_input.h"

#include <array>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <new>
#include <optional>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/file_roots.h"
#include "base/read_file.h"
#include "runtime/load_csv.h"
#include "runtime/load_record.h"
#include "runtime/load_value.h"
#include "runtime/load_yaml_scan.h"

namespace collat::runtime {
namespace {

using load::RawValue;
using load::RecordKind;
using load::RecordParser;

// 1-based line of a node, or 0 when it has none (a node the document does not contain).
std::size_t LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : static_cast<std::size_t>(mark.line) + 1;
}

// How a non-scalar value reads in a message.
std::string Shown(const YAML::Node& node) {
  if (node.IsScalar()) return fmt::format("`{}`", load::Excerpt(node.Scalar()));
  if (node.IsNull()) return "nothing";
  return node.IsSequence() ? "a list" : "a mapping";
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// A key of a record that is not a schema field (`id`, `positions`), and its value if present.
struct ReservedKey {
  std::string_view name;
  std::optional<YAML::Node> value;
};

// Loads the YAML document into `result`, one top-level key at a time. Owns the yaml-cpp document
// while loading: RawValue texts point into it.
class YamlLoader {
 public:
  YamlLoader(const ir::Policy& policy, std::string display, std::string base_dir, FileRoots roots,
             const LoadOptions& options, LoadResult& result)
      : policy_(policy),
        display_(std::move(display)),
        base_dir_(std::move(base_dir)),
        roots_(std::move(roots)),
        options_(options),
        result_(result),
        errors_(result.diagnostics),
        writer_(policy, result.input),
        account_parser_(policy, policy.account_fields, RecordKind::Account) {}

  void Load(std::string_view text);

 private:
  void LoadDocument(const YAML::Node& root);
  void LoadValuationDate(const std::optional<YAML::Node>& value, const YAML::Node& root);
  void LoadFx(const YAML::Node& value);
  void LoadMarket(const std::optional<YAML::Node>& value, const YAML::Node& root);
  void LoadAccounts(const std::optional<YAML::Node>& value, const YAML::Node& root);
  void LoadAccount(const YAML::Node& node);
  void LoadPosition(const YAML::Node& node, std::int32_t account);
  void LoadCsv(const YAML::Node& value);

  // Reads the fields of `record` (a mapping) into `raw` (one per schema field) and the reserved
  // keys into `reserved`; returns the first problem (an unknown or repeated field), or "".
  std::string CollectFields(const YAML::Node& record, const RecordParser& parser,
                            std::vector<RawValue>& raw, std::span<ReservedKey> reserved);
  // False, with an error, when `record` is not later in the text than the previous record: it
  // is an alias, which could repeat one record many times.
  bool CheckRecordIsNew(const YAML::Node& record);
  void Error(DiagnosticKind kind, std::size_t line, std::string_view message) {
    errors_.Add(kind, display_, line, message);
  }

  const ir::Policy& policy_;
  std::string display_;
  std::string base_dir_;
  FileRoots roots_;  // where `positions_csv` may be read
  LoadOptions options_;
  LoadResult& result_;
  load::ErrorSink errors_;
  load::PositionWriter writer_;
  RecordParser account_parser_;
  load::AccountIndex account_index_;
  std::vector<std::size_t> account_lines_;  // line of each account, for duplicate-id messages
  std::optional<std::size_t> last_record_offset_;
  std::vector<RawValue> raw_;       // scratch
  std::vector<std::uint8_t> seen_;  // scratch: a field was given (possibly as null)
};

void YamlLoader::Load(std::string_view text) {
  if (const auto problem = load::ScanYaml(text)) {
    Error(DiagnosticKind::input_syntax_error, problem->line, problem->message);
    return;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    LoadDocument(root);
  } catch (const YAML::Exception& e) {
    const std::size_t line = e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1;
    Error(DiagnosticKind::input_syntax_error, line, fmt::format("YAML syntax error: {}", e.msg));
  } catch (const std::bad_alloc&) {
    Error(DiagnosticKind::input_error, 0, "out of memory while loading the input");
  } catch (const std::exception& e) {
    Error(DiagnosticKind::input_error, 0, fmt::format("cannot load the input: {}", e.what()));
  }
  if (result_.input.positions.size() > std::numeric_limits<std::uint32_t>::max()) {
    Error(DiagnosticKind::input_error, 0, "more than 2^32 positions");
    return;
  }
  load::FinishPositions(result_.input, options_.threads);
}

void YamlLoader::LoadDocument(const YAML::Node& root) {
  if (!root.IsMap()) {
    Error(DiagnosticKind::input_error, std::max<std::size_t>(LineOf(root), 1),
          root.IsNull() ? std::string("the input is empty: expected a mapping with "
                                      "`valuation_date` and `accounts`")
                        : fmt::format("the input is {}, not a mapping with `valuation_date` and "
                                      "`accounts`",
                                      Shown(root)));
    return;
  }
  // `inventories` is read only when rebalancing (load_inventory.h).
  std::array<ReservedKey, 6> keys = {{{"valuation_date", {}},
                                      {"fx", {}},
                                      {"market", {}},
                                      {"accounts", {}},
                                      {"positions_csv", {}},
                                      {"inventories", {}}}};
  for (const auto& entry : root) {
    const YAML::Node& key = entry.first;
    ReservedKey* slot = nullptr;
    for (ReservedKey& candidate : keys) {
      if (key.IsScalar() && key.Scalar() == candidate.name) slot = &candidate;
    }
    if (slot == nullptr) {
      Error(DiagnosticKind::input_error, LineOf(key),
            fmt::format("unknown key {}: expected `valuation_date`, `fx`, `market`, `accounts`, "
                        "`positions_csv` or `inventories`",
                        Shown(key)));
    } else if (slot->value.has_value()) {
      Error(DiagnosticKind::input_error, LineOf(key),
            fmt::format("duplicate key `{}`", slot->name));
    } else {
      slot->value = entry.second;
    }
  }
  LoadValuationDate(keys[0].value, root);
  if (keys[1].value.has_value()) LoadFx(*keys[1].value);
  if (!policy_.header.currency.empty()) result_.input.market.fx[policy_.header.currency] = 1;
  LoadMarket(keys[2].value, root);
  LoadAccounts(keys[3].value, root);
  if (keys[4].value.has_value() && !errors_.Full()) LoadCsv(*keys[4].value);
}

void YamlLoader::LoadValuationDate(const std::optional<YAML::Node>& value, const YAML::Node& root) {
  if (!value.has_value() || value->IsNull()) {
    Error(DiagnosticKind::input_error, value.has_value() ? LineOf(*value) : LineOf(root),
          "missing `valuation_date` (a date, YYYY-MM-DD)");
    return;
  }
  std::int64_t days = 0;
  if (!value->IsScalar() || !load::ParseDate(value->Scalar(), days)) {
    Error(DiagnosticKind::input_error, LineOf(*value),
          fmt::format("`valuation_date` is not a date: {}", Shown(*value)));
    return;
  }
  result_.input.market.valuation_date = days;
}

void YamlLoader::LoadFx(const YAML::Node& value) {
  if (value.IsNull()) return;
  if (!value.IsMap()) {
    Error(DiagnosticKind::input_error, LineOf(value),
          fmt::format("`fx` is {}, not a mapping of currency codes to rates", Shown(value)));
    return;
  }
  auto& fx = result_.input.market.fx;
  for (const auto& entry : value) {
    const YAML::Node& key = entry.first;
    const YAML::Node& rate_node = entry.second;
    if (!key.IsScalar() || !IsCurrencyCode(key.Scalar())) {
      Error(DiagnosticKind::input_error, LineOf(key),
            fmt::format("field `fx`: {} is not a currency code (three upper-case letters)",
                        Shown(key)));
      continue;
    }
    const std::string& code = key.Scalar();
    double rate = 0;
    if (!rate_node.IsScalar() ||
        load::ParseNumber(rate_node.Scalar(), rate) != load::NumberStatus::Ok || !(rate > 0)) {
      Error(DiagnosticKind::input_error, LineOf(rate_node),
            fmt::format("field `fx`: the rate of `{}` is not a positive number: {}", code,
                        Shown(rate_node)));
    } else if (code == policy_.header.currency && rate != 1) {
      Error(DiagnosticKind::input_error, LineOf(rate_node),
            fmt::format("field `fx`: the rate of the base currency `{}` must be 1", code));
    } else if (!fx.emplace(code, rate).second) {
      Error(DiagnosticKind::input_error, LineOf(key),
            fmt::format("field `fx`: duplicate currency `{}`", code));
    }
  }
}

void YamlLoader::LoadMarket(const std::optional<YAML::Node>& value, const YAML::Node& root) {
  RecordParser parser(policy_, policy_.market_fields, RecordKind::Market);
  raw_.assign(policy_.market_fields.size(), RawValue{});
  std::size_t line = LineOf(root);
  std::string problem;
  if (value.has_value() && !value->IsNull()) {
    line = LineOf(*value);
    if (!value->IsMap()) {
      Error(DiagnosticKind::input_error, line,
            fmt::format("`market` is {}, not a mapping of market fields", Shown(*value)));
      return;
    }
    problem = CollectFields(*value, parser, raw_, {});
  }
  auto& fields = result_.input.market.fields;
  fields.assign(policy_.market_fields.size(), ir::Value::Unknown());
  std::string value_problem = parser.Parse(raw_, result_.input.market, result_.input.text, fields);
  if (problem.empty()) problem = std::move(value_problem);
  if (!problem.empty())
    Error(DiagnosticKind::input_error, line, fmt::format("market: {}", problem));
}

void YamlLoader::LoadAccounts(const std::optional<YAML::Node>& value, const YAML::Node& root) {
  if (!value.has_value()) {
    Error(DiagnosticKind::input_error, LineOf(root), "missing `accounts` (a list of accounts)");
    return;
  }
  if (value->IsNull()) return;  // `accounts:` with nothing: no accounts
  if (!value->IsSequence()) {
    Error(DiagnosticKind::input_error, LineOf(*value),
          fmt::format("`accounts` is {}, not a list of accounts", Shown(*value)));
    return;
  }
  for (const YAML::Node& account : *value) {
    if (errors_.Full()) return;
    LoadAccount(account);
  }
}

void YamlLoader::LoadAccount(const YAML::Node& node) {
  const std::size_t line = LineOf(node);
  if (!node.IsMap()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("an account is {}, not a mapping", Shown(node)));
    return;
  }
  if (!CheckRecordIsNew(node)) return;
  std::array<ReservedKey, 2> reserved = {{{"id", {}}, {"positions", {}}}};
  std::vector<RawValue> raw(policy_.account_fields.size());
  std::string problem = CollectFields(node, account_parser_, raw, reserved);
  const auto& id = reserved[0].value;
  if (!id.has_value() || !id->IsScalar() || id->Scalar().empty()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("field `id`: an account needs an id, found {}",
                      id.has_value() ? Shown(*id) : std::string("none")));
    return;
  }
  const auto index = static_cast<std::int32_t>(result_.input.accounts.size());
  if (const auto [it, added] = account_index_.emplace(id->Scalar(), index); !added) {
    Error(DiagnosticKind::input_error, LineOf(*id),
          fmt::format("field `id`: duplicate account id `{}` (first at line {})",
                      load::Excerpt(id->Scalar()),
                      account_lines_[static_cast<std::size_t>(it->second)]));
    return;
  }
  account_lines_.push_back(line);
  Account& account = result_.input.accounts.emplace_back();
  account.id = id->Scalar();
  account.fields.assign(policy_.account_fields.size(), ir::Value::Unknown());
  std::string value_problem =
      account_parser_.Parse(raw, result_.input.market, result_.input.text, account.fields);
  account.rejection = problem.empty() ? std::move(value_problem) : std::move(problem);

  const auto& positions = reserved[1].value;
  if (!positions.has_value() || positions->IsNull()) return;
  if (!positions->IsSequence()) {
    Error(DiagnosticKind::input_error, LineOf(*positions),
          fmt::format("field `positions` of account `{}` is {}, not a list",
                      load::Excerpt(account.id), Shown(*positions)));
    return;
  }
  for (const YAML::Node& position : *positions) {
    if (errors_.Full()) return;
    LoadPosition(position, index);
  }
}

void YamlLoader::LoadPosition(const YAML::Node& node, std::int32_t account) {
  const std::size_t line = LineOf(node);
  if (!node.IsMap()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("a position is {}, not a mapping", Shown(node)));
    return;
  }
  if (!CheckRecordIsNew(node)) return;
  std::array<ReservedKey, 1> reserved = {{{"id", {}}}};
  raw_.assign(policy_.position_fields.size(), RawValue{});
  std::string rejection = CollectFields(node, writer_.parser(), raw_, reserved);
  std::string_view id;
  if (const auto& id_node = reserved[0].value; id_node.has_value() && !id_node->IsNull()) {
    if (id_node->IsScalar()) {
      id = id_node->Scalar();
    } else if (rejection.empty()) {
      rejection = "field `id` must be a single value, not a list or mapping";
    }
  }
  writer_.Append(id, account, raw_, std::move(rejection), display_ + ":", line);
}

void YamlLoader::LoadCsv(const YAML::Node& value) {
  const std::size_t line = LineOf(value);
  if (!value.IsScalar() || value.Scalar().empty()) {
    Error(DiagnosticKind::input_error, line,
          fmt::format("field `positions_csv` is {}, not a file path", Shown(value)));
    return;
  }
  std::filesystem::path path(value.Scalar());
  if (path.is_relative() && !base_dir_.empty()) path = std::filesystem::path(base_dir_) / path;
  const std::string display = path.lexically_normal().string();
  // Refused before it is opened: nothing of a file outside the roots is read or quoted.
  const FileRoots::Resolved resolved = roots_.Resolve(path, display);
  if (!resolved.error.empty()) {
    Error(DiagnosticKind::io_error, line, fmt::format("field `positions_csv`: {}", resolved.error));
    return;
  }
  const std::string problem = load::LoadPositionsCsv(resolved.path, display, account_index_,
                                                     writer_, errors_, options_.threads);
  if (!problem.empty()) {
    Error(DiagnosticKind::io_error, line, fmt::format("field `positions_csv`: {}", problem));
  }
}

std::string YamlLoader::CollectFields(const YAML::Node& record, const RecordParser& parser,
                                      std::vector<RawValue>& raw, std::span<ReservedKey> reserved) {
  std::string problem;
  auto note = [&problem](std::string message) {
    if (problem.empty()) problem = std::move(message);
  };
  seen_.assign(raw.size(), 0);
  for (const auto& entry : record) {
    const YAML::Node& key = entry.first;
    const YAML::Node& value = entry.second;
    if (!key.IsScalar()) {
      note(fmt::format("a field name is {}, not a name", Shown(key)));
      continue;
    }
    const std::string& name = key.Scalar();
    bool is_reserved = false;
    for (ReservedKey& slot : reserved) {
      if (name != slot.name) continue;
      is_reserved = true;
      if (slot.value.has_value()) note(fmt::format("duplicate field `{}`", slot.name));
      slot.value = value;
    }
    if (is_reserved) continue;
    const std::int32_t field = parser.FieldIndex(name);
    if (field < 0) {
      note(fmt::format("unknown field `{}`", load::Excerpt(name)));
      continue;
    }
    const auto index = static_cast<std::size_t>(field);
    if (seen_[index] != 0) note(fmt::format("duplicate field `{}`", name));
    seen_[index] = 1;
    if (value.IsNull()) {
      raw[index] = {};
    } else if (value.IsScalar()) {
      raw[index] = {RawValue::State::Text, value.Scalar()};
    } else {
      raw[index] = {RawValue::State::Nested, {}};
    }
  }
  return problem;
}

bool YamlLoader::CheckRecordIsNew(const YAML::Node& record) {
  const YAML::Mark mark = record.Mark();
  if (mark.is_null()) return true;
  const auto offset = static_cast<std::size_t>(mark.pos);
  if (last_record_offset_.has_value() && offset <= *last_record_offset_) {
    Error(DiagnosticKind::input_error, LineOf(record),
          "an account or position is an alias of an earlier one: anchors and aliases are not "
          "supported for records");
    return false;
  }
  last_record_offset_ = offset;
  return true;
}

}  // namespace

LoadResult LoadInputFromString(const ir::Policy& policy, std::string_view yaml_text,
                               const std::string& display_name, const std::string& base_dir,
                               const FileAccess& access, const LoadOptions& options) {
  LoadResult result;
  YamlLoader loader(policy, display_name, base_dir, FileRoots::ForFolder(access, base_dir), options,
                    result);
  loader.Load(yaml_text);
  return result;
}

LoadResult LoadInput(const ir::Policy& policy, const std::string& yaml_path,
                     const FileAccess& access, const LoadOptions& options) {
  auto file = ReadSourceFile(yaml_path);
  if (auto* diagnostic = std::get_if<Diagnostic>(&file)) {
    LoadResult result;
    result.diagnostics.push_back(std::move(*diagnostic));
    return result;
  }
  const SourceFilePtr& source = std::get<SourceFilePtr>(file);
  const std::string base_dir = std::filesystem::path(yaml_path).parent_path().string();
  return LoadInputFromString(policy, source->text(), yaml_path, base_dir, access, options);
}

}  // namespace collat::runtime
