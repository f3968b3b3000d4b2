#include "grammar/format.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "base/read_file.h"
#include "grammar/ast_dump.h"
#include "grammar/comments.h"
#include "grammar/parse.h"
#include "tests/test_support.h"

namespace collat::grammar {
namespace {

using testing::RepoPath;
using testing::Source;

std::string Fmt(const std::string& text) {
  const auto source = Source(text);
  const auto r = Parse(source);
  REQUIRE(r.diagnostics.empty());
  return Format(*source, r.file);
}

// Every policy and every golden parse case that parses: fmt is idempotent, keeps the AST and
// keeps every comment.
TEST_CASE("formatting keeps the AST and comments and is idempotent", "[grammar][format]") {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"policies", "tests/golden/parse"}) {
    for (const auto& entry : std::filesystem::directory_iterator(RepoPath(dir))) {
      const auto& p = entry.path();
      if (p.extension() == ".collat" && p.filename().string().rfind("fail_", 0) != 0) {
        files.push_back(p);
      }
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  for (const auto& path : files) {
    DYNAMIC_SECTION(path.filename().string()) {
      auto read = ReadSourceFile(path.string());
      REQUIRE(std::holds_alternative<SourceFilePtr>(read));
      const auto source = std::get<SourceFilePtr>(read);
      const auto parsed = Parse(source);
      REQUIRE(parsed.diagnostics.empty());
      const std::string once = Format(*source, parsed.file);
      const auto formatted_source = Source(once, source->name());
      const auto reparsed = Parse(formatted_source);
      REQUIRE(reparsed.diagnostics.empty());
      // parse(fmt(x)) == parse(x), compared on the dump without source positions.
      CHECK(DumpAst(*formatted_source, reparsed.file, {.ranges = false}) ==
            DumpAst(*source, parsed.file, {.ranges = false}));
      // fmt(fmt(x)) == fmt(x)
      CHECK(Format(*formatted_source, reparsed.file) == once);
      // No comment is lost or changed.
      std::vector<std::string> before;
      std::vector<std::string> after;
      for (const auto& c : ScanComments(*source))
        before.push_back(c.text);
      for (const auto& c : ScanComments(*formatted_source))
        after.push_back(c.text);
      CHECK(after == before);
    }
  }
}

TEST_CASE("the canonical layout", "[grammar][format]") {
  CHECK(Fmt("policy   p\"T\"{version \"1\" currency USD}") ==
        "policy p \"T\" {\n  version  \"1\"\n  currency USD\n}\n");
  CHECK(Fmt("enum   E{a,b,\n c,}") == "enum E { a, b, c }\n");
  CHECK(Fmt("let x=a+(b*c)   ??   0") == "let x = a + (b * c) ?? 0\n");
  CHECK(Fmt("haircut h = match { a: x == 1 => 1%, else => 2% }") ==
        "haircut h = match {\n  a: x == 1 => 1%\n  else => 2%\n}\n");
  CHECK(Fmt("limit l where asset_class==equity max 40% of requirement") ==
        "limit l where asset_class == equity max 40% of requirement\n");
}

TEST_CASE("comments stay where they were, own-line or trailing", "[grammar][format]") {
  CHECK(Fmt("# head\n\nlet a = 1 # trailing\n# before b\nlet b = 2\n# end\n") ==
        "# head\n\nlet a = 1 # trailing\n# before b\nlet b = 2\n# end\n");
  CHECK(Fmt("eligibility {\n  # inside\n  accept a when x   # why\n}\n") ==
        "eligibility {\n  # inside\n  accept a when x # why\n}\n");
}

TEST_CASE("blank lines between declarations collapse to one; none after `{`", "[grammar][format]") {
  CHECK(Fmt("let a = 1\n\n\n\nlet b = 2\nlet c = 3\n") == "let a = 1\n\nlet b = 2\nlet c = 3\n");
  CHECK(Fmt("position {\n\n  a: number\n}\n") == "position {\n  a: number\n}\n");
}

TEST_CASE("runs of similar lines are aligned", "[grammar][format]") {
  CHECK(Fmt("position {\n a: number \"first\"\n longer_name: text \"second\"\n}\n") ==
        "position {\n  a:           number \"first\"\n  longer_name: text   \"second\"\n}\n");
  CHECK(Fmt("eligibility {\n accept a when x\n reject long_id when y\n}\n") ==
        "eligibility {\n  accept a       when x\n  reject long_id when y\n}\n");
}

// docs/language.md 3.5: in a run of fields, the types start in one column, the `= default`s in
// the next (only fields with something after their type count towards it) and the descriptions in
// a third; a column no field of the run uses takes no space.
TEST_CASE("schema fields: types, defaults and descriptions in columns", "[grammar][format]") {
  CHECK(Fmt("position {\n"
            "  asset_class: AssetClass\n"
            "  currency: text \"ISO code\"\n"
            "  maturity: date?\n"
            "  market_value: money\n"
            "  funding_rate: percent = 0% \"cost of posting\"\n"
            "  lot_size: number = 1\n"
            "}\n") ==
        "position {\n"
        "  asset_class:  AssetClass\n"
        "  currency:     text         \"ISO code\"\n"
        "  maturity:     date?\n"
        "  market_value: money\n"
        "  funding_rate: percent = 0% \"cost of posting\"\n"
        "  lot_size:     number  = 1\n"
        "}\n");
  // No default in the run: descriptions follow the widest described type.
  CHECK(Fmt("account {\n  requirement: money \"owed\"\n  threshold: money\n  mta: money = 5 "
            "USD\n}\n") ==
        "account {\n  requirement: money \"owed\"\n  threshold:   money\n  mta:         money = 5 "
        "USD\n}\n");
  // A blank line or an own-line comment ends a run; each run has its own columns.
  CHECK(Fmt("market {\n  a: number\n  bbbbbb: text = \"x\"\n\n  cc: bool\n  # note\n  d: date "
            "\"when\"\n}\n") ==
        "market {\n  a:      number\n  bbbbbb: text = \"x\"\n\n  cc: bool\n  # note\n  d: date "
        "\"when\"\n}\n");
}

// docs/language.md 2.1: header, tiers and rebalance items align their values; bands on lines of
// their own align their values, separately from the tiers items above them.
TEST_CASE("header, tiers and rebalance items and bands in columns", "[grammar][format]") {
  CHECK(Fmt("policy p {\n  version \"1\"\n  effective 2026-01-01\n  currency USD\n}\n") ==
        "policy p {\n  version   \"1\"\n  effective 2026-01-01\n  currency  USD\n}\n");
  CHECK(Fmt("tiers t {\n  when asset == \"BTC\"\n  group by asset\n  on quantity\n  mode "
            "progressive\n"
            "  <= 20: keep 98%\n  else: keep 0%\n}\n") ==
        "tiers t {\n  when     asset == \"BTC\"\n  group by asset\n  on       quantity\n"
        "  mode     progressive\n  <= 20: keep 98%\n  else:  keep 0%\n}\n");
  CHECK(Fmt("rebalance r when x > 0 {\n  target y\n  top_up from inventory\n  max_moves 3\n}\n") ==
        "rebalance r when x > 0 {\n  target    y\n  top_up    from inventory\n  max_moves 3\n}\n");
}

TEST_CASE("a schedule written one band per line does not end its match arms' run",
          "[grammar][format]") {
  const std::string bands = "<= in_1y: 0.5%, <= in_5y: 2%, <= in_10y: 3%, else: 4%";
  CHECK(Fmt("haircut h = match {\n  long_label: asset_class == government_bond_of_a_sovereign => "
            "schedule maturity { " +
            bands + " }\n  b: else => 1%\n}\n") ==
        "haircut h = match {\n"
        "  long_label: asset_class == government_bond_of_a_sovereign => schedule maturity {\n"
        "    <= in_1y:  0.5%\n    <= in_5y:  2%\n    <= in_10y: 3%\n    else:      4%\n  }\n"
        "  b:          else => 1%\n}\n");
}

TEST_CASE("a long reason moves to a continuation line", "[grammar][format]") {
  const std::string reason(90, 'r');
  CHECK(Fmt("output o = 1 \"" + reason + "\"") == "output o = 1\n  \"" + reason + "\"\n");
}

TEST_CASE("an arm starting with a parenthesis keeps its separating comma", "[grammar][format]") {
  const std::string text = "haircut h = match {\n  a => 1%,\n  (b) => 2%\n}\n";
  CHECK(Fmt(text) == text);
}

}  // namespace
}  // namespace collat::grammar
