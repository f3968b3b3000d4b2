#include "grammar/parse.h"

#include <catch2/catch.hpp>

#include "grammar/ast_dump.h"
#include "grammar/format.h"
#include "tests/test_support.h"

namespace collat::grammar {
namespace {

using testing::Source;

// The value expression of the single `let` in `text`.
const ast::Expr& LetValue(const ParseResult& r) {
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.file.decls.size() == 1);
  return *std::get<ast::LetDecl>(r.file.decls[0].body).value;
}

std::vector<std::string> Kinds(const ParseResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    out.emplace_back(KindName(d.kind));
  return out;
}

TEST_CASE("percent literals are the nearest binary64 to the decimal fraction", "[grammar]") {
  CHECK(LetValue(Parse(Source("let x = 15%"))).number == 0.15);
  CHECK(LetValue(Parse(Source("let x = 97.75%"))).number == 0.9775);
  CHECK(LetValue(Parse(Source("let x = 0.5%"))).number == 0.005);
  CHECK(LetValue(Parse(Source("let x = 33.3%"))).number == 0.333);
  CHECK(LetValue(Parse(Source("let x = 102%"))).number == 1.02);
  CHECK(LetValue(Parse(Source("let x = 1e1%"))).number == 0.1);
}

TEST_CASE("numbers, money, dates, durations and strings decode", "[grammar]") {
  const auto r1 = Parse(Source("let x = 1_000_000.25"));
  CHECK(LetValue(r1).number == 1000000.25);
  CHECK(LetValue(r1).text == "1_000_000.25");
  const auto r2 = Parse(Source("let x = 500_000 USD"));
  CHECK(LetValue(r2).kind == ast::ExprKind::Money);
  CHECK(LetValue(r2).number == 500000);
  CHECK(LetValue(r2).currency == "USD");
  const auto r3 = Parse(Source("let x = 2024-02-29"));
  CHECK(LetValue(r3).date == ast::Date{2024, 2, 29});
  const auto r4 = Parse(Source("let x = 18m"));
  CHECK(LetValue(r4).kind == ast::ExprKind::Duration);
  CHECK(LetValue(r4).unit == ast::DurationUnit::Months);
  CHECK(LetValue(r4).number == 18);
  const auto r5 = Parse(Source(R"(let x = "a\"b\\c\n\td")"));
  CHECK(LetValue(r5).text == "a\"b\\c\n\td");
}

TEST_CASE("operators bind by precedence and associate to the left", "[grammar]") {
  const auto text = [](const char* src) { return FormatExpr(LetValue(Parse(Source(src)))); };
  const auto dump = [](const char* src) {
    const auto source = Source(src);
    const auto r = Parse(source);
    REQUIRE(r.diagnostics.empty());
    return DumpAst(*source, r.file, {.ranges = false});
  };
  CHECK(dump("let x = a - b - c") ==
        "let x\n  binary -\n    binary -\n      name a\n      name b\n    name c\n");
  CHECK(dump("let x = a or b and not c") ==
        "let x\n  binary or\n    name a\n    binary and\n      name b\n      unary not\n        "
        "name c\n");
  CHECK(dump("let x = a ?? b + c < d") ==
        "let x\n  binary <\n    binary ??\n      name a\n      binary +\n        name b\n        "
        "name c\n    name d\n");
  CHECK(dump("let x = -a * b") == "let x\n  binary *\n    unary -\n      name a\n    name b\n");
  CHECK(dump("let x = a is not known") == "let x\n  unary is unknown\n    name a\n");
  CHECK(text("let x = (a + b) * c") == "(a + b) * c");
  CHECK(text("let x = sum(market_value where eligible)") == "sum(market_value where eligible)");
  CHECK(text("let x = count(where eligible)") == "count(where eligible)");
  CHECK(text("let x = transfer(a - b, gate: mta, round_up: r)") ==
        "transfer(a - b, gate: mta, round_up: r)");
}

TEST_CASE("comparisons do not chain", "[grammar]") {
  const auto r = Parse(Source("let x = a < b < c\n"));
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].kind == DiagnosticKind::syntax_error);
}

TEST_CASE("a call needs its parenthesis right after the name", "[grammar]") {
  // `f (x)` is not a call: the name ends the expression and `(x)` is left over.
  const auto r = Parse(Source("let x = f (y)\n"));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("no space before its `(`") != std::string::npos);
}

TEST_CASE("reserved words are not names; contextual words are", "[grammar]") {
  CHECK(Kinds(Parse(Source("let when = 1\n"))) == std::vector<std::string>{"syntax_error"});
  const auto r = Parse(Source("let x = max(currency, value) + account.requirement\n"));
  CHECK(r.diagnostics.empty());
}

TEST_CASE("one run reports an error per broken declaration", "[grammar]") {
  const auto r =
      Parse(Source("let a = 1\n"
                   "let b = \n"
                   "let c = 3\n"
                   "haircut h = if x then 1%\n"
                   "output o = 2\n"
                   "limit l where x\n"
                   "let d = 4\n"));
  CHECK(r.diagnostics.size() == 3);
  CHECK(r.file.decls.size() == 4);  // a, c, o, d
  CHECK(r.diagnostics[0].message == "expected an expression");
  CHECK(r.diagnostics[1].message == "expected `else`: an `if` needs both branches");
  CHECK(r.diagnostics[2].message == "expected `max` or `min` and the limit's amount");
}

TEST_CASE("an error after a line break points after the last token", "[grammar]") {
  const auto source = Source("let a = 1 +\n\n  \n");
  const auto r = Parse(source);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(source->Locate(r.diagnostics[0].range.begin).line == 1);
  CHECK(source->Locate(r.diagnostics[0].range.begin).column == 12);
}

TEST_CASE("errors stop after the limit with one too_many_errors", "[grammar]") {
  std::string text;
  for (int i = 0; i < 80; ++i)
    text += "let = 1\n";
  const auto r = Parse(Source(text));
  CHECK(r.diagnostics.size() == kMaxParseErrors + 1);
  CHECK(r.diagnostics.back().kind == DiagnosticKind::too_many_errors);
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted", "[grammar]") {
  const auto r = Parse(Source("\xEF\xBB\xBFlet a = 1\r\nlet b = \"x\"\r\n"));
  CHECK(r.diagnostics.empty());
  CHECK(r.file.decls.size() == 2);
}

TEST_CASE("literal checks: calendar dates and finite numbers", "[grammar]") {
  CHECK(Kinds(Parse(Source("let a = 2025-02-29\n"))) == std::vector<std::string>{"invalid_date"});
  CHECK(Kinds(Parse(Source("let a = 2025-04-31\n"))) == std::vector<std::string>{"invalid_date"});
  CHECK(Parse(Source("let a = 2000-02-29\n")).diagnostics.empty());
  // The calendar starts at 0001-01-01: year 0000 is no date (not even its leap day).
  CHECK(Kinds(Parse(Source("let a = 0000-01-01\n"))) == std::vector<std::string>{"invalid_date"});
  CHECK(Kinds(Parse(Source("let a = 0000-02-29\n"))) == std::vector<std::string>{"invalid_date"});
  CHECK(Parse(Source("let a = 0001-01-01\n")).diagnostics.empty());
  CHECK(Kinds(Parse(Source("let a = 1e400\n"))) == std::vector<std::string>{"invalid_number"});
  CHECK(Kinds(Parse(Source("let a = 1e-400\n"))) == std::vector<std::string>{"invalid_number"});
  CHECK(Kinds(Parse(Source("let a = 99999999999999999999d\n"))) ==
        std::vector<std::string>{"invalid_number"});
}

}  // namespace
}  // namespace collat::grammar
