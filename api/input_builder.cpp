// InputBuilder's setters: they only record values; input_build.cpp checks and converts them.
#include "collat/input_builder.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <type_traits>

#include <fmt/format.h>

#include "api/diagnostics.h"
#include "api/input_builder_state.h"
#include "api/state.h"

namespace collat {
namespace {

constexpr std::size_t kNoIndex = std::numeric_limits<std::size_t>::max();

void SetRecordField(BuilderRecord& record, std::string_view field, const FieldValue& value) {
  for (auto& [name, old] : record.fields) {
    if (name == field) {
      old = value;
      return;
    }
  }
  record.fields.emplace_back(std::string(field), value);
}

std::int32_t FindField(const std::vector<ir::Field>& fields, std::string_view name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}

void SetCell(BuilderColumn& column, std::size_t index, const FieldValue& value) {
  if (column.kind.size() <= index) column.kind.resize(index + 1, 0);
  column.kind[index] = static_cast<std::uint8_t>(value.kind());
  switch (value.kind()) {
    case FieldValue::Kind::Missing:
      return;
    case FieldValue::Kind::Number:
      if (column.numbers.size() <= index) column.numbers.resize(index + 1);
      column.numbers[index] = value.number();
      return;
    case FieldValue::Kind::Text:
      if (column.texts.size() <= index) column.texts.resize(index + 1);
      column.texts[index] = value.text();
      return;
  }
}

// Runs a setter; an exception (out of memory) is kept for Build() instead of escaping.
template <typename Body>
auto Guard(InputBuilder::State& state, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    if (state.failure.empty()) state.failure = e.what();
    if constexpr (!std::is_void_v<decltype(body())>) return kNoIndex;
  }
}

}  // namespace

InputBuilder::InputBuilder(const Policy& policy)
    : state_(std::make_unique<State>(policy, *PolicyAccess::Open(policy).ir)) {}

InputBuilder::~InputBuilder() = default;
InputBuilder::InputBuilder(InputBuilder&&) noexcept = default;
InputBuilder& InputBuilder::operator=(InputBuilder&&) noexcept = default;

void InputBuilder::SetValuationDate(Date date) {
  Guard(*state_, [&] { state_->valuation_date = date; });
}

void InputBuilder::SetFxRate(std::string_view currency, double base_per_unit) {
  Guard(*state_, [&] {
    for (auto& [code, rate] : state_->fx) {
      if (code == currency) {
        rate = base_per_unit;
        return;
      }
    }
    state_->fx.emplace_back(std::string(currency), base_per_unit);
  });
}

void InputBuilder::SetMarketField(std::string_view field, const FieldValue& value) {
  Guard(*state_, [&] { SetRecordField(state_->market, field, value); });
}

std::size_t InputBuilder::AddAccount(std::string_view id) {
  return Guard(*state_, [&] {
    state_->accounts.push_back({std::string(id), {}});
    return state_->accounts.size() - 1;
  });
}

void InputBuilder::SetAccountField(std::size_t account, std::string_view field,
                                   const FieldValue& value) {
  Guard(*state_, [&] {
    if (account >= state_->accounts.size()) {
      if (state_->usage_error.empty())
        state_->usage_error = fmt::format("SetAccountField: no account {}", account);
      return;
    }
    SetRecordField(state_->accounts[account], field, value);
  });
}

std::size_t InputBuilder::AddPosition(std::size_t account, std::string_view id) {
  return Guard(*state_, [&] {
    const std::string one[] = {std::string(id)};
    return AddPositions(account, one);
  });
}

std::size_t InputBuilder::AddPositions(std::size_t account, std::span<const std::string> ids) {
  return Guard(*state_, [&] {
    if (account >= state_->accounts.size()) {
      if (state_->usage_error.empty())
        state_->usage_error = fmt::format("AddPosition: no account {}", account);
      return kNoIndex;
    }
    const std::size_t first = state_->position_ids.size();
    state_->position_ids.insert(state_->position_ids.end(), ids.begin(), ids.end());
    state_->position_account.insert(state_->position_account.end(), ids.size(),
                                    static_cast<std::uint32_t>(account));
    return first;
  });
}

void InputBuilder::SetPositionField(std::size_t position, std::string_view field,
                                    const FieldValue& value) {
  Guard(*state_, [&] {
    if (position >= state_->position_ids.size()) {
      if (state_->usage_error.empty())
        state_->usage_error = fmt::format("SetPositionField: no position {}", position);
      return;
    }
    const std::int32_t index = FindField(state_->ir->position_fields, field);
    if (index < 0) {
      auto& problems = state_->position_problem;
      if (problems.size() <= position) problems.resize(position + 1);
      if (problems[position].empty()) problems[position] = fmt::format("unknown field `{}`", field);
      return;
    }
    SetCell(state_->columns[static_cast<std::size_t>(index)], position, value);
  });
}

void InputBuilder::SetMarketValue(std::size_t position, double amount, std::string_view currency) {
  Guard(*state_, [&] {
    SetPositionField(position, "market_value", FieldValue::Money(amount, currency));
    const std::int32_t field = FindField(state_->ir->position_fields, "currency");
    if (field >= 0 && state_->ir->position_fields[static_cast<std::size_t>(field)].type.kind ==
                          ir::TypeKind::Text) {
      SetPositionField(position, "currency", FieldValue::Text(currency));
    }
  });
}

namespace {

// The column of `field` for positions [first, first + count), or null (after noting the problem)
// when the range runs past the positions or the schema has no such field.
BuilderColumn* ColumnFor(InputBuilder::State& state, std::string_view field, std::size_t first,
                         std::size_t count) {
  const std::size_t positions = state.position_ids.size();
  if (first > positions || count > positions - first) {
    if (state.usage_error.empty()) {
      state.usage_error = fmt::format("SetColumn `{}`: positions {} to {} of {}", field, first,
                                      first + count, positions);
    }
    return nullptr;
  }
  const std::int32_t index = FindField(state.ir->position_fields, field);
  if (index >= 0) return &state.columns[static_cast<std::size_t>(index)];
  auto& problems = state.position_problem;
  if (problems.size() < first + count) problems.resize(first + count);
  for (std::size_t i = first; i < first + count; ++i) {
    if (problems[i].empty()) problems[i] = fmt::format("unknown field `{}`", field);
  }
  return nullptr;
}

}  // namespace

void InputBuilder::SetColumn(std::string_view field, std::size_t first,
                             std::span<const double> values) {
  Guard(*state_, [&] {
    BuilderColumn* column = ColumnFor(*state_, field, first, values.size());
    if (column == nullptr) return;
    const std::size_t end = first + values.size();
    if (column->kind.size() < end) column->kind.resize(end, 0);
    if (column->numbers.size() < end) column->numbers.resize(end);
    std::fill(column->kind.begin() + static_cast<std::ptrdiff_t>(first),
              column->kind.begin() + static_cast<std::ptrdiff_t>(end),
              static_cast<std::uint8_t>(FieldValue::Kind::Number));
    std::copy(values.begin(), values.end(),
              column->numbers.begin() + static_cast<std::ptrdiff_t>(first));
  });
}

void InputBuilder::SetColumn(std::string_view field, std::size_t first,
                             std::span<const std::string> texts) {
  Guard(*state_, [&] {
    BuilderColumn* column = ColumnFor(*state_, field, first, texts.size());
    if (column == nullptr) return;
    const std::size_t end = first + texts.size();
    if (column->kind.size() < end) column->kind.resize(end, 0);
    if (column->texts.size() < end) column->texts.resize(end);
    std::fill(column->kind.begin() + static_cast<std::ptrdiff_t>(first),
              column->kind.begin() + static_cast<std::ptrdiff_t>(end),
              static_cast<std::uint8_t>(FieldValue::Kind::Text));
    std::copy(texts.begin(), texts.end(),
              column->texts.begin() + static_cast<std::ptrdiff_t>(first));
  });
}

std::size_t InputBuilder::account_count() const {
  return state_->accounts.size();
}

std::size_t InputBuilder::position_count() const {
  return state_->position_ids.size();
}

Expected<Input> InputBuilder::Build() const {
  try {
    if (!state_->failure.empty()) return api::InternalError(state_->failure.c_str());
    return BuildInput(*state_);
  } catch (const std::exception& e) {
    return api::InternalError(e.what());
  }
}

}  // namespace collat
