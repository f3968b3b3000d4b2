// How explanations show values and source text (docs/language.md 18.3).
#pragma once

#include <string>

#include "compiler/ir.h"
#include "runtime/explanation.h"
#include "runtime/text_binder.h"

namespace collat::runtime {

// A value of `type` as 18.3 shows it: money as the text report does (FormatMoney), percents as
// percents with up to four decimals (FormatRate), numbers in the shortest form that reads back,
// bools, texts in quotes, enum labels, dates and durations as literals; "unknown" when unknown.
Shown ShowValue(const ir::Policy& policy, const TextBinder& text, const ir::Type& type,
                const ir::Value& value);

// A haircut rate or margin ratio the policy computed: a percent with up to four decimals.
std::string ShowRate(double rate);

// The text of `e` exactly as written (its source range), with its original line breaks; lines
// after the first lose the indentation of the first line's line, so that the text reads as in
// the file when printed after a declaration's head. "" when `e` has no source file.
std::string SourceText(const ir::Expr& e);

// When `e` is a number or percent literal as written (`2%`, `0.02`, `1_000`): that text; else "".
std::string LiteralText(const ir::Expr& e);

}  // namespace collat::runtime
