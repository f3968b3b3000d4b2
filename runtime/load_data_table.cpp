#include "runtime/load_data_table.h"

#include <csv.h>
#include <yaml-cpp/yaml.h>

#include <variant>

#include <fmt/format.h>

namespace collat::runtime {
namespace {

struct CsvState {
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> records;
  std::vector<std::uint32_t> lines;
  std::uint32_t line = 0;
};

void OnField(void* data, std::size_t size, void* state) {
  static_cast<CsvState*>(state)->fields.emplace_back(static_cast<const char*>(data), size);
}

void OnRecord(int /*terminator*/, void* state) {
  auto* s = static_cast<CsvState*>(state);
  s->records.push_back(std::move(s->fields));
  s->lines.push_back(s->line);
  s->fields.clear();
}

DataTable ReadCsv(const std::string& path, const std::string& text) {
  DataTable out;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    out.error = fmt::format("{}: cannot start the CSV reader", path);
    return out;
  }
  CsvState state;
  std::size_t start = 0;
  bool failed = false;
  while (start < text.size() && !failed) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    ++state.line;
    if (csv_parse(&parser, text.data() + start, end - start, OnField, OnRecord, &state) !=
        end - start) {
      out.error = fmt::format("{}:{}: malformed CSV: {}", path, state.line,
                              csv_strerror(csv_error(&parser)));
      failed = true;
    }
    start = end;
  }
  if (!failed && csv_fini(&parser, OnField, OnRecord, &state) != 0) {
    out.error =
        fmt::format("{}:{}: malformed CSV: {}", path, state.line, csv_strerror(csv_error(&parser)));
    failed = true;
  }
  csv_free(&parser);
  if (failed) return out;
  if (state.records.empty() || state.records[0] != std::vector<std::string>{"key", "value"}) {
    out.error = fmt::format("{}:1: a data-table CSV starts with the header `key,value`", path);
    return out;
  }
  for (std::size_t i = 1; i < state.records.size(); ++i) {
    const auto& r = state.records[i];
    if (r.size() != 2) {
      out.error = fmt::format("{}:{}: a row has a `key` and a `value`, not {} fields", path,
                              state.lines[i], r.size());
      return out;
    }
    out.rows.push_back({r[0], r[1], state.lines[i]});
  }
  return out;
}

DataTable ReadYaml(const std::string& path, const std::string& text) {
  DataTable out;
  try {
    const YAML::Node doc = YAML::Load(text);
    if (!doc.IsMap()) {
      out.error = fmt::format("{}:1: a data-table YAML file is a mapping of keys to values", path);
      return out;
    }
    for (const auto& item : doc) {
      const auto line = static_cast<std::uint32_t>(item.first.Mark().line + 1);
      if (!item.first.IsScalar() || !item.second.IsScalar()) {
        out.error = fmt::format("{}:{}: keys and values are plain scalars, not lists or mappings",
                                path, line);
        return out;
      }
      out.rows.push_back({item.first.Scalar(), item.second.Scalar(), line});
    }
  } catch (const YAML::Exception& e) {
    out.error = fmt::format("{}:{}: {}", path, e.mark.line + 1, e.msg);
  }
  return out;
}

}  // namespace

DataTable ParseDataTable(const SourceFile& file) {
  const std::string& path = file.name();
  const std::string text(file.text());
  // Nesting is not possible in a valid data table; a deeply nested file is refused before
  // yaml-cpp recurses into it.
  std::size_t depth = 0;
  for (const char c : text) {
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    if (depth > 64) {
      DataTable out;
      out.error = fmt::format("{}: nested too deeply for a data table", path);
      return out;
    }
  }
  const bool csv = path.size() > 4 && path.substr(path.size() - 4) == ".csv";
  const bool yaml = (path.size() > 5 && path.substr(path.size() - 5) == ".yaml") ||
                    (path.size() > 4 && path.substr(path.size() - 4) == ".yml");
  DataTable out;
  if (csv) {
    out = ReadCsv(path, text);
  } else if (yaml) {
    out = ReadYaml(path, text);
  } else {
    out.error = fmt::format("{}: a data file is `.csv` or `.yaml`", path);
  }
  out.raw = text;
  return out;
}

DataTables ParseDataTables(const std::vector<SourceFilePtr>& files) {
  DataTables out;
  for (const SourceFilePtr& file : files)
    out.emplace(file->name(), ParseDataTable(*file));
  return out;
}

}  // namespace collat::runtime
