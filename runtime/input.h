// The evaluation input: market data, accounts and their positions, held column by column. Text and
// enum values are interned to integer codes when loaded; money fields are converted to the
// policy's base currency when loaded. Built by the loaders (load_yaml.h, load_csv.h) or by an
// embedder; read-only during evaluation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir.h"

namespace collat::runtime {

// Interned text of one input. Codes are dense from 0, in order of first appearance.
class TextPool {
 public:
  std::int64_t Intern(std::string_view text);
  // The code of `text`, or kAbsent when the input never mentions it (then nothing equals it).
  std::int64_t Find(std::string_view text) const;
  const std::string& Text(std::int64_t code) const {
    return texts_[static_cast<std::size_t>(code)];
  }
  std::size_t size() const { return texts_.size(); }
  static constexpr std::int64_t kAbsent = -1;

 private:
  // Looked up by string_view without building a std::string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> codes_;
};

// One field of every position. `known[i]` is 0 for a missing optional value.
struct Column {
  std::vector<double> numbers;          // Number, Percent, Money (base currency)
  std::vector<std::int64_t> integers;   // Bool, Text code, Enum rank, Date (days)
  std::vector<ir::Duration> durations;  // Duration
  std::vector<std::uint8_t> known;
};

struct Positions {
  std::vector<std::string> ids;
  std::vector<std::int32_t> account;   // index into Input::accounts
  std::vector<std::string> rejection;  // empty when valid; else why, naming the field
  // Where each record was read: source_prefix[source_file[i]] followed by source_line[i] (as
  // "book.csv:" and 12), a small index and a number per position rather than a string.
  std::vector<std::string> source_prefix;
  std::vector<std::uint32_t> source_file;
  std::vector<std::uint32_t> source_line;
  std::vector<double> market_value;  // base currency; 0 when unknown
  std::vector<Column> fields;        // one per Policy::position_fields
  std::size_t size() const { return ids.size(); }
  // "file:line" of position i, for reports and explanations.
  std::string Source(std::size_t i) const;
  // The index of `prefix` in source_prefix, added when new.
  std::uint32_t SourcePrefix(std::string_view prefix);
};

struct Account {
  std::string id;
  std::vector<ir::Value> fields;     // one per Policy::account_fields
  std::string rejection;             // empty when valid
  std::uint32_t first_position = 0;  // the account's positions are contiguous, in input order
  std::uint32_t position_count = 0;
};

struct Market {
  std::int64_t valuation_date = 0;             // days since 1970-01-01
  std::unordered_map<std::string, double> fx;  // base currency per unit of the currency
  std::vector<ir::Value> fields;               // one per Policy::market_fields
};

struct Input {
  TextPool text;
  Market market;
  std::vector<Account> accounts;
  Positions positions;
};

}  // namespace collat::runtime
