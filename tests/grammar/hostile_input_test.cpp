// Hostile text never crashes, hangs or grows memory without bound: it gives diagnostics.
#include <catch2/catch.hpp>
#include <random>
#include <utility>
#include <vector>

#include "grammar/format.h"
#include "grammar/parse.h"
#include "tests/test_support.h"

namespace collat::grammar {
namespace {

using testing::Source;

DiagnosticKind FirstKind(const std::string& text) {
  const auto r = Parse(Source(text));
  REQUIRE_FALSE(r.diagnostics.empty());
  return r.diagnostics.front().kind;
}

TEST_CASE("empty and comment-only files are an empty_file error", "[grammar][hostile]") {
  CHECK(FirstKind("") == DiagnosticKind::empty_file);
  CHECK(FirstKind("\n\n   \t\n# only a comment\r\n") == DiagnosticKind::empty_file);
}

TEST_CASE("binary bytes and invalid UTF-8 are rejected before parsing", "[grammar][hostile]") {
  CHECK(FirstKind(std::string("let a = 1\n\0\x01\x02", 13)) == DiagnosticKind::invalid_character);
  CHECK(FirstKind("let a = \"\xC3\x28\"\n") == DiagnosticKind::invalid_utf8);
  CHECK(FirstKind("let a = \"\xED\xA0\x80\"\n") == DiagnosticKind::invalid_utf8);   // surrogate
  CHECK(FirstKind("let a = \"\xC0\xAF\"\n") == DiagnosticKind::invalid_utf8);       // overlong
  CHECK(FirstKind("let a = 1\rlet b = 2\n") == DiagnosticKind::invalid_character);  // lone CR
  // At most ten byte problems are listed: a binary file does not flood the terminal.
  std::string binary(100000, '\xFF');
  const auto r = Parse(Source(binary));
  CHECK(r.diagnostics.size() == 10);
}

TEST_CASE("an unterminated string is located at the line's end", "[grammar][hostile]") {
  const auto source = Source("let a = \"open\nlet b = 2\n");
  const auto r = Parse(source);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].kind == DiagnosticKind::unterminated_string);
  CHECK(source->Locate(r.diagnostics[0].range.begin).line == 1);
  CHECK(r.file.decls.size() == 1);  // recovery keeps `let b`
}

TEST_CASE("100,000 nested parentheses give nesting_too_deep, not a stack overflow",
          "[grammar][hostile]") {
  const std::string text =
      "let x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\nlet y = 2\n";
  const auto r = Parse(Source(text));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].kind == DiagnosticKind::nesting_too_deep);
  CHECK(r.file.decls.size() == 1);
}

TEST_CASE("every recursive construct is bounded", "[grammar][hostile]") {
  const auto nest = [](const std::string& open, const std::string& close, int n) {
    std::string s = "let x = ";
    for (int i = 0; i < n; ++i)
      s += open;
    s += "1";
    for (int i = 0; i < n; ++i)
      s += close;
    return s + "\n";
  };
  CHECK(FirstKind(nest("-", "", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("not ", "", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("{", "}", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("f(", ")", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("t[", "]", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("if a then ", " else 0", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("match { a => ", " }", 5000)) == DiagnosticKind::nesting_too_deep);
  CHECK(FirstKind(nest("schedule a { else: ", " }", 5000)) == DiagnosticKind::nesting_too_deep);
  // A long flat chain folds into a deep tree: bounded too.
  std::string chain = "let x = 1";
  for (int i = 0; i < 200000; ++i)
    chain += " + 1";
  CHECK(FirstKind(chain + "\n") == DiagnosticKind::nesting_too_deep);
  // Just under the bounds parses.
  CHECK(Parse(Source(nest("(", ")", 200))).diagnostics.empty());
  std::string ok = "let x = 1";
  for (int i = 0; i < 900; ++i)
    ok += " + 1";
  CHECK(Parse(Source(ok + "\n")).diagnostics.empty());
}

TEST_CASE("the nesting limits are exactly those of section 16.3", "[grammar][hostile]") {
  const auto nest = [](const std::string& open, const std::string& close, int n) {
    std::string s = "let x = ";
    for (int i = 0; i < n; ++i)
      s += open;
    s += "1";
    for (int i = 0; i < n; ++i)
      s += close;
    return s + "\n";
  };
  // At most 256 nested levels: every construct that adds one.
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"-", ""}, {"not ", ""}, {"{", "}"}, {"f(", ")"}, {"t[", "]"}}) {
    INFO(open);
    CHECK(Parse(Source(nest(open, close, 256))).diagnostics.empty());
    CHECK(FirstKind(nest(open, close, 257)) == DiagnosticKind::nesting_too_deep);
  }
  // The error is where level 257 opens: after the 257th parenthesis.
  const auto deep = Parse(Source(nest("(", ")", 300)));
  REQUIRE_FALSE(deep.diagnostics.empty());
  CHECK(deep.diagnostics[0].range.begin == 8 + 257);
  // A chain of at most 1,000 operators.
  const auto chain = [](int n) {
    std::string s = "let x = 1";
    for (int i = 0; i < n; ++i)
      s += " + 1";
    return s + "\n";
  };
  CHECK(Parse(Source(chain(1000))).diagnostics.empty());
  CHECK(FirstKind(chain(1001)) == DiagnosticKind::nesting_too_deep);
}

TEST_CASE("a 10 MB policy parses and formats", "[grammar][hostile]") {
  std::string text;
  text.reserve(10 * 1024 * 1024 + 200);
  for (int i = 0; text.size() < 10 * 1024 * 1024; ++i) {
    text += "let v" + std::to_string(i) +
            " = if rating >= BBB and residual < 5y then 2% else schedule residual { < 1y: 1%, "
            "else: 4% }  # note\n";
  }
  const auto source = Source(text);
  const auto r = Parse(source);
  CHECK(r.diagnostics.empty());
  CHECK(r.file.decls.size() > 50000);
  const std::string formatted = Format(*source, r.file);
  CHECK(formatted.size() > 10 * 1024 * 1024);
}

TEST_CASE("a 10 MB file of garbage gives a bounded list of diagnostics", "[grammar][hostile]") {
  std::string text;
  while (text.size() < 10 * 1024 * 1024)
    text += "let = ))) \"x\n";
  const auto r = Parse(Source(text));
  CHECK(r.diagnostics.size() == kMaxParseErrors + 1);
}

TEST_CASE("random printable text never crashes the parser or the formatter", "[grammar][hostile]") {
  // Fragments of real syntax glued at random: deeper coverage than uniform noise.
  const std::vector<std::string> pieces = {"let ",
                                           "x",
                                           " = ",
                                           "(",
                                           ")",
                                           "{",
                                           "}",
                                           "[",
                                           "]",
                                           "match",
                                           "schedule",
                                           "if",
                                           "then",
                                           "else",
                                           " => ",
                                           ": ",
                                           ", ",
                                           "\"s\"",
                                           "\"",
                                           "1",
                                           "15%",
                                           "2026-01-01",
                                           "1y",
                                           "500 USD",
                                           "and",
                                           "or",
                                           "not",
                                           "in",
                                           "is",
                                           "known",
                                           "??",
                                           "+",
                                           "-",
                                           "*",
                                           "/",
                                           "<",
                                           "<=",
                                           "==",
                                           "\n",
                                           "# c\n",
                                           "policy p",
                                           "limit l",
                                           "max",
                                           "of",
                                           "tiers t",
                                           "keep",
                                           "eligibility",
                                           "accept a when ",
                                           "reject r when ",
                                           "output o",
                                           "rebalance r when ",
                                           "top_up from inv",
                                           "enum E",
                                           "position",
                                           "table t: text -> percent",
                                           "fn f(a: number)",
                                           "where",
                                           "\t",
                                           " "};
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 60);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = length(rng);
    for (int i = 0; i < n; ++i)
      text += pieces[pick(rng)];
    const auto source = Source(text);
    const auto r = Parse(source);
    if (!HasErrors(r.diagnostics)) {
      // Whatever parses also formats, and formatting it again changes nothing.
      const std::string once = Format(*source, r.file);
      const auto again_source = Source(once);
      const auto again = Parse(again_source);
      INFO(text);
      REQUIRE_FALSE(HasErrors(again.diagnostics));
      CHECK(Format(*again_source, again.file) == once);
    }
  }
}

}  // namespace
}  // namespace collat::grammar
