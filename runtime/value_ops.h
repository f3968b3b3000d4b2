// Comparing and rendering known runtime values by their type (compiler/value.h keeps numbers in
// `number`, booleans, text codes, enum ranks and dates in `integer`, durations in `duration`).
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir.h"
#include "runtime/text_binder.h"

namespace collat::runtime {

// Where a value of a type lives inside ir::Value. None: the Error type (no value).
enum class Repr : std::uint8_t { Number, Integer, Duration, None };

Repr ReprOf(ir::TypeKind kind);

// Equality of two KNOWN values of one representation: numbers by IEEE `==` (so 0 == -0),
// integers exactly, durations by months and days. Repr::None: false.
bool SameValue(const ir::Value& a, const ir::Value& b, Repr repr);

// `a < b` for two KNOWN values of one ordered representation (Number or Integer); false otherwise.
bool LessThan(const ir::Value& a, const ir::Value& b, Repr repr);

// A known value as report text: numbers in the shortest form that reads back (std::to_chars),
// `true`/`false`, the text of a code, the label of an enum rank, `YYYY-MM-DD`, durations as
// `14m 3d` (a zero part omitted).
std::string ValueText(const ir::Value& v, const ir::Type& type, const ir::Policy& policy,
                      const TextBinder& text);

}  // namespace collat::runtime
