// Building an evaluation Input in memory, record by record or column by column, and loading one
// from a YAML file. Values are checked by the rules of the YAML and CSV loaders (docs/language.md,
// inputs; runtime/load_input.h), through the loaders' own record parser:
// - a problem in one position (a missing required field, a value that does not fit its type, an
//   unknown enum label, a non-finite number, a negative `quantity` or `market_value`, a currency
//   without an FX rate, a money code that differs from the record's `currency`, a field the schema
//   does not declare, a repeated id within the account)
//   REJECTS that position, with a reason naming the field; it stays in the input and the report;
// - a problem in an account's fields rejects the account the same way;
// - problems that make the whole input unusable (no valuation date, a bad FX rate, a bad market
//   field, an empty or repeated account id, an account or position index out of range, a column
//   that runs past the positions) make Build() return an error.
//
//   collat::InputBuilder b(policy);
//   b.SetValuationDate({2026, 3, 31});
//   b.SetFxRate("EUR", 1.08);
//   auto acc = b.AddAccount("CP-001");
//   b.SetAccountField(acc, "requirement", collat::FieldValue::Number(10'000'000));
//   auto p = b.AddPosition(acc, "p1");
//   b.SetPositionField(p, "asset_class", collat::FieldValue::Enum("cash"));
//   b.SetMarketValue(p, 2'000'000, "USD");
//   auto input = b.Build();   // collat::Expected<collat::Input>
//
// Not thread-safe (one builder per thread); Build() may be called again after more changes.
// Setters never throw: an exception inside one (out of memory) makes Build() return
// ErrorCode::Internal.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "collat/expected.h"
#include "collat/input.h"
#include "collat/policy.h"
#include "collat/values.h"

namespace collat {

class InputBuilder {
 public:
  explicit InputBuilder(const Policy& policy);
  ~InputBuilder();
  InputBuilder(InputBuilder&&) noexcept;
  InputBuilder& operator=(InputBuilder&&) noexcept;
  InputBuilder(const InputBuilder&) = delete;
  InputBuilder& operator=(const InputBuilder&) = delete;

  // Required.
  void SetValuationDate(Date date);
  // Base currency per unit of `currency` (three upper-case letters); the base currency is 1.
  void SetFxRate(std::string_view currency, double base_per_unit);
  void SetMarketField(std::string_view field, const FieldValue& value);

  // Appends an account; returns its index. Ids must be non-empty and unique.
  std::size_t AddAccount(std::string_view id);
  void SetAccountField(std::size_t account, std::string_view field, const FieldValue& value);

  // Appends a position of `account`; returns its index (positions are numbered in the order they
  // are added, over all accounts; each account keeps its own positions in that order).
  std::size_t AddPosition(std::size_t account, std::string_view id);
  void SetPositionField(std::size_t position, std::string_view field, const FieldValue& value);
  // Sets `market_value` to `amount` in `currency`, and the `currency` field too when the schema
  // has a text field of that name.
  void SetMarketValue(std::size_t position, double amount, std::string_view currency);

  // Bulk, for large baskets: appends one position per id to `account`, returning the first index.
  std::size_t AddPositions(std::size_t account, std::span<const std::string> ids);
  // Sets `field` of positions [first, first + values.size()), as FieldValue::Number each.
  void SetColumn(std::string_view field, std::size_t first, std::span<const double> values);
  // The same as FieldValue::Literal each (enum labels, texts, dates, `25_000 EUR`).
  void SetColumn(std::string_view field, std::size_t first, std::span<const std::string> texts);

  std::size_t account_count() const;
  std::size_t position_count() const;

  // Checks and converts everything into an immutable Input for this builder's policy (and any
  // policy with the same schema). Errors: ErrorCode::Input (with diagnostics) or
  // ErrorCode::InvalidArgument (an index out of range given to a setter).
  Expected<Input> Build() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Loads an input from a YAML file (and the CSV file it may name), as `collat eval` does. Rejected
// records are in the input (and the report); file-level problems are ErrorCode::Input with one
// diagnostic each, ErrorCode::Io when the file cannot be read.
Expected<Input> LoadInputFile(const Policy& policy, const std::string& path);
// The same from YAML text; `display_name` names it in messages, and a relative `positions_csv` is
// read from the current directory.
Expected<Input> LoadInputText(const Policy& policy, const std::string& yaml_text,
                              const std::string& display_name);

}  // namespace collat
