// A compiled policy's input schema, for embedders (Schema) and as a key: two policies with equal
// keys load any input to the same values (same fields, types, enums, defaults and base currency),
// so an Input built for one may be evaluated by the other.
#pragma once

#include <string>

#include "collat/schema.h"
#include "compiler/ir.h"

namespace collat::api {

Schema MakeSchema(const ir::Policy& policy);
std::string SchemaKey(const ir::Policy& policy);

}  // namespace collat::api
