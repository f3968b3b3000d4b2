// Reading positions from a CSV file (the layout is in load_input.h). The file is mapped into
// memory and read by the fast chunked reader (load_csv_fast.h, on `threads` threads); a file it
// does not take on (any file error, or constructs only libcsv reads) is read by the exact reader,
// libcsv (the one place that includes <csv.h>), whose diagnostics are the reference. Per row, only
// the position's id and source text are allocated.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/load_record.h"

namespace collat::runtime::load {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// Largest positions CSV file, and largest cell of one (docs/language.md 19): a file over the limit
// is refused before it is read; a cell over the limit when it reaches it, so it never costs more
// than about the limit in memory.
inline constexpr std::uintmax_t kMaxCsvBytes = std::uintmax_t{1} << 30;
inline constexpr std::size_t kMaxCsvCellBytes = std::size_t{1} << 20;

// Account id -> index into Input::accounts.
using AccountIndex = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;

// Appends one position per data row of the CSV file at `path` (resolved inside the roots: opened
// without following symlinks, without blocking, only as a regular file) through `writer`. Problems
// of the file (bad quoting, a row with the wrong number of cells, an unknown account or column) go
// to `errors`, named by `display` and the row's line. The loaded positions are the same, byte for
// byte, for any `threads`. Returns "" when the file could be opened,
// else why not (for the caller to report where the file was named).
std::string LoadPositionsCsv(const std::string& path, const std::string& display,
                             const AccountIndex& accounts, PositionWriter& writer,
                             ErrorSink& errors, unsigned threads = 1);

}  // namespace collat::runtime::load
