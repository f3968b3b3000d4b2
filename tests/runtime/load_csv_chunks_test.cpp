// The positions CSV read in parallel chunks (runtime/load_csv_fast.h): the same Input, byte for
// byte, for any thread count, with record boundaries found past quoted newlines, and file errors
// still reported exactly (by the libcsv reader) wherever they are.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "runtime/load_input.h"

namespace collat::runtime {
namespace {

ir::Field MakeField(std::string name, ir::Type type, std::optional<ir::Value> fallback = {},
                    std::string fallback_text = {}) {
  ir::Field field;
  field.name = std::move(name);
  field.type = type;
  field.default_value = fallback;
  field.default_text = std::move(fallback_text);
  return field;
}

ir::Policy ChunkPolicy() {
  using ir::Type;
  using ir::TypeKind;
  ir::Policy policy;
  policy.header.currency = "USD";
  policy.enums.push_back({"AssetClass", false, {"cash", "government", "equity"}});
  policy.position_fields = {
      MakeField("asset_class", Type::EnumOf(0)),
      MakeField("issuer", Type::Of(TypeKind::Text)),
      MakeField("quantity", Type::Of(TypeKind::Number)),
      MakeField("currency", Type::Of(TypeKind::Text), ir::Value::Integer(0), "USD"),
      MakeField("market_value", Type::Of(TypeKind::Money)),
      MakeField("maturity", Type::Of(TypeKind::Date, true)),
      MakeField("lockup", Type::Of(TypeKind::Duration, true)),
  };
  policy.account_fields = {MakeField("requirement", Type::Of(TypeKind::Money))};
  return policy;
}

std::filesystem::path Dir() {
  auto dir = std::filesystem::temp_directory_path() / "collat_load_csv_chunks_test";
  std::filesystem::create_directories(dir);
  return dir;
}

// A CSV of about 3 MB (three chunks or more at 1 MiB) whose issuers are often quoted, with commas,
// doubled quotes and newlines inside quotes; `lines` gets each data row's first line, then the
// line after the last row.
std::string BigCsv(std::vector<std::size_t>& lines, std::size_t rows) {
  std::mt19937 rng(7);
  std::string csv =
      "account,id,asset_class,issuer,quantity,currency,market_value,maturity,lockup\n";
  std::size_t line = 2;
  for (std::size_t i = 0; i < rows; ++i) {
    std::string issuer;
    switch (rng() % 5) {
      case 0:
        issuer = fmt::format("\"Issuer, {}\"", rng() % 300);
        break;
      case 1:
        issuer = fmt::format("\"multi\nline {}\"", rng() % 50);
        break;
      case 2:
        issuer = fmt::format("\"say \"\"{}\"\"\r\n\n\"", rng() % 20);
        break;
      default:
        issuer = fmt::format("plain {}", rng() % 400);
        break;
    }
    const char* classes[] = {"cash", "government", "equity", "crypto"};  // crypto: rejected
    const char* currencies[] = {"", "USD", "EUR"};
    lines.push_back(line);
    csv += fmt::format("A{},P{},{},{},{},{},{},{},{}{}", rng() % 40, i, classes[rng() % 4], issuer,
                       rng() % 1000, currencies[rng() % 3], rng() % 100000,
                       rng() % 3 == 0 ? "" : "2030-01-15", rng() % 2 == 0 ? "" : "6m",
                       i % 7 == 0 ? "\r\n" : "\n");
    for (const char c : issuer)
      line += c == '\n' ? 1 : 0;
    ++line;
    if (i % 1000 == 999) {
      csv += "\n";  // a blank line
      ++line;
    }
  }
  lines.push_back(line);  // where a row appended next would start
  return csv;
}

std::string WriteBook(std::string_view name, const std::string& csv) {
  const auto dir = Dir();
  std::string yaml =
      "valuation_date: 2026-03-31\nfx: { EUR: 1.08 }\npositions_csv: " + std::string(name) +
      ".csv\naccounts:\n";
  for (int a = 0; a < 40; ++a)
    yaml += fmt::format("  - {{ id: A{}, requirement: 1 }}\n", a);
  std::ofstream(dir / (std::string(name) + ".yaml"), std::ios::binary) << yaml;
  std::ofstream(dir / (std::string(name) + ".csv"), std::ios::binary) << csv;
  return (dir / (std::string(name) + ".yaml")).string();
}

LoadResult LoadWith(const ir::Policy& policy, const std::string& yaml, unsigned threads) {
  LoadOptions options;
  options.threads = threads;
  return LoadInput(policy, yaml, {}, options);
}

void CheckSame(const Input& a, const Input& b) {
  REQUIRE(a.text.size() == b.text.size());
  for (std::size_t t = 0; t < a.text.size(); ++t)
    CHECK(a.text.Text(static_cast<std::int64_t>(t)) == b.text.Text(static_cast<std::int64_t>(t)));
  CHECK(a.positions.ids == b.positions.ids);
  CHECK(a.positions.account == b.positions.account);
  CHECK(a.positions.rejection == b.positions.rejection);
  for (std::size_t i = 0; i < a.positions.size(); ++i)
    CHECK(a.positions.Source(i) == b.positions.Source(i));
  CHECK(a.positions.market_value == b.positions.market_value);
  REQUIRE(a.positions.fields.size() == b.positions.fields.size());
  for (std::size_t f = 0; f < a.positions.fields.size(); ++f) {
    CHECK(a.positions.fields[f].numbers == b.positions.fields[f].numbers);
    CHECK(a.positions.fields[f].integers == b.positions.fields[f].integers);
    CHECK(a.positions.fields[f].durations == b.positions.fields[f].durations);
    CHECK(a.positions.fields[f].known == b.positions.fields[f].known);
  }
  REQUIRE(a.accounts.size() == b.accounts.size());
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    CHECK(a.accounts[i].first_position == b.accounts[i].first_position);
    CHECK(a.accounts[i].position_count == b.accounts[i].position_count);
  }
}

TEST_CASE("CSV chunks: any thread count loads the same input, sources past quoted newlines",
          "[loaders]") {
  const ir::Policy policy = ChunkPolicy();
  std::vector<std::size_t> lines;
  const std::string csv = BigCsv(lines, 60'000);
  REQUIRE(csv.size() > std::size_t{3} << 20);
  const std::string yaml = WriteBook("big", csv);
  const LoadResult one = LoadWith(policy, yaml, 1);
  REQUIRE(one.diagnostics.empty());
  REQUIRE(one.input.positions.size() == 60'000);
  // Every row's source names its first line, counted while writing (quoted newlines included).
  const std::string csv_path = (Dir() / "big.csv").string();
  for (std::size_t i = 0; i < one.input.positions.size(); ++i) {
    const std::size_t row = std::stoul(one.input.positions.ids[i].substr(1));
    CHECK(one.input.positions.Source(i) == fmt::format("{}:{}", csv_path, lines[row]));
  }
  for (const unsigned threads : {2U, 3U, 8U}) {
    INFO("threads " << threads);
    const LoadResult many = LoadWith(policy, yaml, threads);
    REQUIRE(many.diagnostics.empty());
    CheckSame(one.input, many.input);
  }
}

TEST_CASE("CSV chunks: a bad row late in the file is reported exactly on any thread count",
          "[loaders]") {
  const ir::Policy policy = ChunkPolicy();
  std::vector<std::size_t> lines;
  std::string csv = BigCsv(lines, 40'000);
  csv += "A1,LATE,cash,\"unterminated,1,USD,5,,\n";  // an unterminated quote at the end
  const std::string yaml = WriteBook("late", csv);
  const std::string expected = fmt::format("{}:{}: unterminated quote in field `issuer`",
                                           (Dir() / "late.csv").string(), lines.back());
  for (const unsigned threads : {1U, 4U}) {
    const LoadResult result = LoadWith(policy, yaml, threads);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == expected);
  }
}

TEST_CASE("CSV chunks: cells libcsv trims are read by libcsv, the same on any thread count",
          "[loaders]") {
  const ir::Policy policy = ChunkPolicy();
  std::vector<std::size_t> lines;
  std::string csv = BigCsv(lines, 30'000);
  csv += "A1,TRIM, cash ,  spaced issuer\t,7,USD,5,,\n";
  const std::string yaml = WriteBook("trim", csv);
  const LoadResult one = LoadWith(policy, yaml, 1);
  REQUIRE(one.diagnostics.empty());
  const auto& ids = one.input.positions.ids;
  const auto it = std::find(ids.begin(), ids.end(), "TRIM");
  REQUIRE(it != ids.end());
  const auto i = static_cast<std::size_t>(it - ids.begin());
  CHECK(one.input.positions.rejection[i].empty());  // ` cash ` read as `cash`
  CHECK(one.input.text.Text(one.input.positions.fields[1].integers[i]) == "spaced issuer");
  CheckSame(one.input, LoadWith(policy, yaml, 4).input);
}

}  // namespace
}  // namespace collat::runtime
