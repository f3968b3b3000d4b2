// A random evaluation input (YAML, docs/language.md 18.1) for a generated policy's schemas:
// several accounts and positions with missing optional and defaulted fields, now and then a
// missing required field, a bad label, a negative quantity, a repeated id or a currency without
// an FX rate (REJECTED records), zeros (division by zero), negative values, and values equal to
// the policy's own constants (schedule and tier bounds, table keys, set members).
#pragma once

#include <string>

#include "difftest/model.h"
#include "difftest/rng.h"

namespace collat::difftest {

std::string GenerateInput(Rng& rng, const Model& model);

}  // namespace collat::difftest
