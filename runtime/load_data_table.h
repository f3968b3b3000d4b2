// Reads the data file of a `table ... from "file"` declaration for the checker: a CSV file with
// the header `key,value`, or a YAML mapping of scalar keys to scalar values (docs/language.md 3.8).
// Never throws; problems come back in DataTable::error, naming the file, the line and the field.
#pragma once

#include <string>

#include "compiler/check.h"

namespace collat::runtime {

// `path` is opened without following symlinks (the checker resolved it inside the roots) as a
// regular file of at most kMaxSourceBytes; `display` names it in errors and its extension
// (`.csv`, `.yaml`, `.yml`) chooses the format.
DataTable ReadDataTable(const std::string& path, const std::string& display);

}  // namespace collat::runtime
