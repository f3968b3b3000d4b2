// The rows of a positions CSV once split into cells, shared by the libcsv reader (load_csv.cpp)
// and the fast chunked reader (load_csv_fast.cpp): the header's columns, and each data row checked
// (cell count, UTF-8, account) and appended through a PositionWriter. Internal to the loaders.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/load_csv.h"
#include "runtime/load_record.h"

namespace collat::runtime::load {

// One cell of a row: its text (unquoted, `""` undoubled) and whether it was an empty unquoted
// cell, which is an absent value.
struct CsvCell {
  std::string_view text;
  bool null = false;
};

// What a CSV column holds.
struct CsvColumn {
  enum class Role : std::uint8_t { Account, Id, Field };
  Role role = Role::Field;
  std::size_t field = 0;  // Role::Field: index into Policy::position_fields
  std::string name;
};

// Reports a problem of the file at a 1-based line.
using CsvErrorFn = std::function<void(DiagnosticKind, std::size_t line, std::string_view message)>;

// Reads the header row into columns. Returns false after reporting each problem (an unknown or
// repeated column, no `account` or `id` column): the rest of the file is then ignored.
bool ReadCsvHeader(std::span<const CsvCell> cells, std::size_t line, const RecordParser& parser,
                   std::vector<CsvColumn>& columns, const CsvErrorFn& error);

// Appends data rows through a writer. Not thread-safe; one per thread, sharing `columns` and
// `accounts` read-only.
class CsvRows {
 public:
  CsvRows(const std::vector<CsvColumn>& columns, const AccountIndex& accounts,
          PositionWriter& writer, const std::string& display, CsvErrorFn error)
      : columns_(columns),
        accounts_(accounts),
        writer_(writer),
        display_(display),
        error_(std::move(error)),
        raw_(writer.parser().schema().size()),
        prefix_(display + ":") {}

  // Appends the position of one data row that starts at `line`, or reports why the row is not
  // one (wrong cell count, bytes that are not clean UTF-8, an unknown account).
  void Row(std::span<const CsvCell> cells, std::size_t line);

 private:
  std::int32_t FindAccount(std::string_view id);

  const std::vector<CsvColumn>& columns_;
  const AccountIndex& accounts_;
  PositionWriter& writer_;
  const std::string& display_;
  CsvErrorFn error_;
  std::vector<RawValue> raw_;  // scratch, one per position field
  std::string prefix_;         // "display:"
  std::string last_account_;   // a one-entry cache: rows of one account usually come together
  std::int32_t last_account_index_ = -1;
};

}  // namespace collat::runtime::load
