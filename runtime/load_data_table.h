// Parses the data file of a `table ... from "file"` declaration for the checker: a CSV file with
// the header `key,value`, or a YAML mapping of scalar keys to scalar values (docs/language.md 3.8).
// Never throws; problems come back in DataTable::error, naming the file, the line and the field.
#pragma once

#include <string>
#include <vector>

#include "compiler/check.h"

namespace collat::runtime {

// `file` is a data file the loader read (compiler/load_program.h); its name names it in errors
// and its extension (`.csv`, `.yaml`, `.yml`) chooses the format.
DataTable ParseDataTable(const SourceFile& file);

// Every data file of a loaded program, parsed: what Check() takes.
DataTables ParseDataTables(const std::vector<SourceFilePtr>& files);

}  // namespace collat::runtime
