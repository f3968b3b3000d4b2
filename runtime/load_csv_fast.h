// The fast reader of a positions CSV held in memory (load_csv.h): an RFC 4180 scanner over the
// bytes (cells are views, no copy unless a quoted cell doubles a quote) and, with `threads` > 1,
// parallel chunks split at record boundaries (a newline after an even number of quotes), each
// parsed into its own columns and text pool, then appended in file order with text codes remapped
// in order of first appearance: the loaded input is the same, byte for byte, for any thread count.
//
// It only accepts files that are valid and plain: at the first thing it does not take on (a file
// error of any kind, an empty file, a bare CR, a space or tab at a cell's edge, which libcsv trims)
// it returns false having appended and reported nothing, and the caller reads the file with the
// exact reader (libcsv), whose diagnostics are the reference.
#pragma once

#include <string>
#include <string_view>

#include "runtime/load_csv.h"
#include "runtime/load_record.h"

namespace collat::runtime::load {

bool LoadPositionsCsvFast(std::string_view data, const std::string& display,
                          const AccountIndex& accounts, PositionWriter& writer, unsigned threads);

}  // namespace collat::runtime::load
