// A deterministic text dump of a checked policy's IR (`collat dump ir`): every declaration with
// its types, every expression as a typed tree. Golden tests compare it.
#pragma once

#include <string>

#include "compiler/ir.h"

namespace collat {

std::string DumpIr(const ir::Policy& policy);

}  // namespace collat
