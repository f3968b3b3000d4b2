// How explanations quote the policy: source text as written (line breaks and relative indentation
// kept) and literals as written (`2%` stays `2%`, `0.02` stays `0.02`).
#include <catch2/catch.hpp>

#include "runtime/explain_values.h"
#include "tests/test_support.h"

namespace collat::runtime {
namespace {

// A node over [begin, end) of `file`, where `begin` is the first occurrence of `from` and `end`
// the end of the first occurrence of `to` after it.
ir::Expr Over(const SourceFilePtr& file, const std::string& from, const std::string& to,
              ir::TypeKind kind = ir::TypeKind::Percent) {
  ir::Expr e;
  e.op = ir::Op::Const;
  e.type = ir::Type::Of(kind);
  e.constant = ir::Value::Number(0.02);
  e.file = file;
  const std::string text(file->text());
  const auto begin = text.find(from);
  const auto end = text.find(to, begin) + to.size();
  e.range = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  return e;
}

TEST_CASE("source text keeps line breaks and the indentation relative to its line",
          "[runtime][explain]") {
  const auto file = testing::Source(
      "  haircut a = match {\n    one: x => 1%\n    two: else => schedule r {\n      < 1y: 2%\n"
      "    }\n  }\n");
  CHECK(SourceText(Over(file, "match", "}\n  }")) ==
        "match {\n  one: x => 1%\n  two: else => schedule r {\n    < 1y: 2%\n  }\n}");
  const auto crlf = testing::Source("haircut a = match {\r\n  one: x => 1%\r\n}\r\n");
  CHECK(SourceText(Over(crlf, "match", "}")) == "match {\n  one: x => 1%\n}");
  ir::Expr no_file;
  CHECK(SourceText(no_file).empty());
}

TEST_CASE("literals are quoted as written, computed values are not", "[runtime][explain]") {
  const auto file = testing::Source("let a = 2%\nlet b = 0.02\nlet c = 1 - 98%\nlet d = 1_000\n");
  CHECK(LiteralText(Over(file, "2%", "2%")) == "2%");
  CHECK(LiteralText(Over(file, "0.02", "0.02")) == "0.02");
  CHECK(LiteralText(Over(file, "0.02", "0.02", ir::TypeKind::Number)) == "0.02");
  CHECK(LiteralText(Over(file, "1 - 98%", "98%")).empty());
  CHECK(LiteralText(Over(file, "1_000", "1_000", ir::TypeKind::Number)) == "1_000");
  CHECK(LiteralText(Over(file, "2%", "2%", ir::TypeKind::Number)).empty());  // `%` needs percent
  CHECK(LiteralText(Over(file, "2%", "2%", ir::TypeKind::Money)).empty());
  CHECK(ShowRate(0.0050000000000000044) == "0.5%");
  CHECK(ShowRate(1.25) == "125%");
}

}  // namespace
}  // namespace collat::runtime
