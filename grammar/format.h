// The formatter: one canonical layout for a parsed file, comments kept. Deterministic and
// idempotent: Format(Parse(Format(x))) == Format(x), and Parse(Format(x)) has the same AST as
// Parse(x). Only call it on a file that parsed without errors.
#pragma once

#include <string>

#include "base/source_file.h"
#include "grammar/ast.h"

namespace collat::grammar {

// Lines longer than this are broken where the layout allows (schedules, enums).
inline constexpr std::size_t kFormatWidth = 100;

std::string Format(const SourceFile& source, const ast::File& file);

// `s` as a collat string literal, with `"`, `\\`, newline and tab escaped.
std::string QuoteString(std::string_view s);

// One expression on one line, as the formatter writes it (used by diagnostics and dumps).
std::string FormatExpr(const ast::Expr& expr);

}  // namespace collat::grammar
