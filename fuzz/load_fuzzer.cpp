// libFuzzer target for the input loaders: a YAML input and its positions CSV side file against a
// fixed policy (policies/us_uncleared_margin.collat: enums, texts, optional dates, enums and
// bools, defaults, money in a `currency` field, account and market fields).
//
// The input is the YAML text, optionally followed by a line `#--csv--` and the CSV file's bytes,
// which are written to `positions.csv` in a private temporary folder: the only allowed root, and
// the folder relative paths resolve against (`positions_csv: positions.csv` reads it). The loader
// must return a value, never crash or hang. When it reports no error, the input must be whole:
// - every position belongs to exactly one account's contiguous range, and every column has one
//   entry per position;
// - a position is either loaded (finite, non-negative market value, finite numbers) or REJECTED
//   with a reason that names the field in backticks (or the currency without an FX rate, or says
//   that a key is no name);
// - nothing is dropped: each position comes from the YAML or the CSV, and when the CSV has no
//   quotes and no CR, its positions are exactly its non-empty lines after the header.
// A broken property prints the case and aborts, so libFuzzer saves the input.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/load_input.h"

namespace {

using collat::runtime::Input;

constexpr std::string_view kCsvMarker = "\n#--csv--\n";

struct Fixture {
  std::shared_ptr<const collat::ir::Policy> policy;
  std::string folder;  // the private temporary folder, the loads' only root
  std::string csv_path;
};

const Fixture& GetFixture() {
  static const Fixture fixture = [] {
    Fixture f;
    const std::string path = COLLAT_SOURCE_DIR "/policies/us_uncleared_margin.collat";
    collat::CompiledPolicy compiled = collat::program::CompileFile(path);
    if (!compiled.policy) {
      std::fprintf(stderr, "load_fuzzer: %s does not compile\n", path.c_str());
      std::abort();
    }
    f.policy = compiled.policy;
    std::string pattern =
        (std::filesystem::temp_directory_path() / "collat_load_fuzzer.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("load_fuzzer: mkdtemp");
      std::abort();
    }
    f.folder = std::filesystem::canonical(pattern).string();
    f.csv_path = f.folder + "/positions.csv";
    // Runs after the fixture's destructor, so it keeps its own copy of the path (never freed).
    static const std::string* folder = new std::string(f.folder);
    std::atexit([] { std::filesystem::remove_all(*folder); });
    return f;
  }();
  return fixture;
}

[[noreturn]] void Fail(const std::string& what, std::string_view yaml, std::string_view csv) {
  std::fprintf(stderr, "load_fuzzer: %s\n--- input.yaml\n%.*s\n--- positions.csv\n%.*s\n",
               what.c_str(), static_cast<int>(yaml.size()), yaml.data(),
               static_cast<int>(csv.size()), csv.data());
  std::abort();
}

// Whether `reason` names the field it is about: `field `x`` (a field of the schema, or one it
// lacks, missing or repeated), `id`, the currency without an FX rate, or a key that is no name at
// all.
bool NamesAField(const std::string& reason) {
  return reason.find("field `") != std::string::npos || reason.find("`id`") != std::string::npos ||
         reason.starts_with("duplicate position id `") || reason.starts_with("no FX rate for `") ||
         reason.starts_with("a field name is ");
}

// Non-empty lines after the first non-empty one (the header) of a CSV with no quotes and no CR.
std::size_t CountCsvRows(std::string_view csv) {
  std::size_t rows = 0;
  bool header = false;
  while (!csv.empty()) {
    const std::size_t end = csv.find('\n');
    const std::string_view line = csv.substr(0, end);
    if (!line.empty()) {
      if (header) ++rows;
      header = true;
    }
    if (end == std::string_view::npos) break;
    csv.remove_prefix(end + 1);
  }
  return rows;
}

void CheckWhole(const Fixture& f, const Input& input, std::string_view yaml, std::string_view csv,
                bool has_csv) {
  const auto& positions = input.positions;
  const std::size_t n = positions.size();
  if (positions.account.size() != n || positions.rejection.size() != n ||
      positions.source_file.size() != n || positions.source_line.size() != n ||
      positions.market_value.size() != n ||
      positions.fields.size() != f.policy->position_fields.size()) {
    Fail("the position columns have different lengths", yaml, csv);
  }
  for (const auto& column : positions.fields) {
    if (column.known.size() != n) Fail("a field column is not one entry per position", yaml, csv);
  }
  std::size_t next = 0;
  for (std::size_t a = 0; a < input.accounts.size(); ++a) {
    const auto& account = input.accounts[a];
    if (account.first_position != next) Fail("account ranges are not contiguous", yaml, csv);
    for (std::uint32_t i = 0; i < account.position_count; ++i) {
      if (next + i >= n || positions.account[next + i] != static_cast<std::int32_t>(a))
        Fail("a position is outside its account's range", yaml, csv);
    }
    next += account.position_count;
  }
  if (next != n) Fail("positions belong to no account", yaml, csv);

  const std::string yaml_source = "input.yaml:";
  const std::string csv_source = f.csv_path + ":";
  std::size_t from_csv = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string source = positions.Source(i);
    if (source.starts_with(csv_source)) {
      ++from_csv;
    } else if (!source.starts_with(yaml_source)) {
      Fail("position " + std::to_string(i) + " has the source `" + source + "`", yaml, csv);
    }
    const std::string& reason = positions.rejection[i];
    if (!reason.empty()) {
      if (!NamesAField(reason)) Fail("a rejection reason names no field: " + reason, yaml, csv);
      continue;
    }
    if (!std::isfinite(positions.market_value[i]) || positions.market_value[i] < 0)
      Fail("a loaded position has the market value " + std::to_string(positions.market_value[i]),
           yaml, csv);
    for (const auto& column : positions.fields) {
      if (i < column.numbers.size() && column.known[i] != 0 && !std::isfinite(column.numbers[i]))
        Fail("a loaded position has a non-finite number", yaml, csv);
    }
  }
  if (from_csv > 0 && !has_csv) Fail("positions from a CSV file that does not exist", yaml, csv);
  if (has_csv && from_csv > 0 && csv.find_first_of("\"\r") == std::string_view::npos &&
      from_csv != CountCsvRows(csv)) {
    Fail("the CSV has " + std::to_string(CountCsvRows(csv)) + " rows but " +
             std::to_string(from_csv) + " positions came from it",
         yaml, csv);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = GetFixture();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::size_t marker = bytes.find(kCsvMarker);
  const std::string_view yaml = bytes.substr(0, marker);
  const bool has_csv = marker != std::string_view::npos;
  const std::string_view csv = has_csv ? bytes.substr(marker + kCsvMarker.size()) : "";
  if (has_csv) {
    std::ofstream out(f.csv_path, std::ios::binary | std::ios::trunc);
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!out.flush()) Fail("cannot write the CSV file", yaml, csv);
  } else {
    std::filesystem::remove(f.csv_path);
  }
  const collat::runtime::LoadResult loaded =
      collat::runtime::LoadInputFromString(*f.policy, yaml, "input.yaml", f.folder);
  for (const collat::Diagnostic& d : loaded.diagnostics) {
    if (d.message.empty()) Fail("a diagnostic without a message", yaml, csv);
  }
  if (!collat::HasErrors(loaded.diagnostics)) CheckWhole(f, loaded.input, yaml, csv, has_csv);
  return 0;
}
