#include "base/render.h"

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace collat {
namespace {

using testing::Source;

TEST_CASE("a diagnostic renders as file:line:col, the line and a caret", "[base]") {
  auto file = Source("let x = 1\nlet y = oops\n", "p.collat");
  const Diagnostic d = MakeDiagnostic(DiagnosticKind::syntax_error, file, {18, 22}, "bad `oops`");
  CHECK(RenderDiagnostic(d) ==
        "p.collat:2:9: error: bad `oops` [syntax_error]\n"
        "    2 | let y = oops\n"
        "      |         ^~~~\n");
}

TEST_CASE("the caret lines up after tabs and multi-byte characters", "[base]") {
  // A tab expands to the next multiple of 4; "€" is one column, "日" two.
  auto file = Source("\t\"\xE2\x82\xAC\xE6\x97\xA5\" x\n", "t.collat");
  const auto at = static_cast<std::uint32_t>(std::string("\t\"\xE2\x82\xAC\xE6\x97\xA5\" ").size());
  const Diagnostic d = MakeDiagnostic(DiagnosticKind::syntax_error, file, {at, at + 1}, "here");
  CHECK(RenderDiagnostic(d) ==
        "t.collat:1:7: error: here [syntax_error]\n"
        "    1 |     \"\xE2\x82\xAC\xE6\x97\xA5\" x\n"
        "      |           ^\n");
}

TEST_CASE("malformed bytes render as U+FFFD and keep the caret aligned", "[base]") {
  auto file = Source(
      "a\xFF"
      "b\n",
      "u.collat");
  const Diagnostic d = MakeDiagnostic(DiagnosticKind::invalid_utf8, file, {2, 3}, "after");
  CHECK(RenderDiagnostic(d) ==
        "u.collat:1:3: error: after [invalid_utf8]\n"
        "    1 | a\xEF\xBF\xBD"
        "b\n"
        "      |   ^\n");
}

TEST_CASE("a very long line is cut to a window around the range", "[base]") {
  std::string text(500, 'a');
  text[300] = 'X';
  auto file = Source(text, "long.collat");
  const Diagnostic d = MakeDiagnostic(DiagnosticKind::syntax_error, file, {300, 301}, "x");
  const std::string out = RenderDiagnostic(d);
  CHECK(out.size() < 400);
  const std::string expected_line =
      "    1 | \xE2\x80\xA6" + std::string(60, 'a') + "X" + std::string(59, 'a') + "\xE2\x80\xA6\n";
  CHECK(out.find(expected_line) != std::string::npos);
  CHECK(out.find("      | " + std::string(61, ' ') + "^\n") != std::string::npos);
}

TEST_CASE("notes render after their diagnostic; unlocated ones without a source line", "[base]") {
  auto file = Source("a\nb\n", "n.collat");
  Diagnostic d = MakeDiagnostic(DiagnosticKind::syntax_error, file, {2, 3}, "second");
  d.notes.push_back({file, {0, 1}, "first is here"});
  d.notes.push_back({nullptr, {}, "plain note"});
  CHECK(RenderDiagnostic(d) ==
        "n.collat:2:1: error: second [syntax_error]\n"
        "    2 | b\n"
        "      | ^\n"
        "n.collat:1:1: note: first is here\n"
        "    1 | a\n"
        "      | ^\n"
        "note: plain note\n");
}

TEST_CASE("every diagnostic kind has a unique, stable name", "[base]") {
  std::vector<std::string_view> names;
  for (DiagnosticKind k : AllDiagnosticKinds())
    names.push_back(KindName(k));
  std::sort(names.begin(), names.end());
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(KindName(DiagnosticKind::syntax_error) == "syntax_error");
}

TEST_CASE("diagnostics sort by file, offset and kind", "[base]") {
  auto a = Source("xxxx", "a.collat");
  auto b = Source("xxxx", "b.collat");
  std::vector<Diagnostic> ds = {MakeDiagnostic(DiagnosticKind::syntax_error, b, {0, 1}, "b0"),
                                MakeDiagnostic(DiagnosticKind::syntax_error, a, {3, 4}, "a3"),
                                MakeDiagnostic(DiagnosticKind::invalid_date, a, {3, 4}, "a3 date"),
                                MakeDiagnostic(DiagnosticKind::syntax_error, a, {1, 2}, "a1")};
  SortDiagnostics(ds);
  CHECK(ds[0].message == "a1");
  CHECK(ds[1].message == "a3 date");
  CHECK(ds[2].message == "a3");
  CHECK(ds[3].message == "b0");
}

}  // namespace
}  // namespace collat
