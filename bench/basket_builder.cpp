#include "bench/basket_builder.h"

#include <stdexcept>
#include <string>

namespace collat::bench {
namespace {

// A field's default as the loaders apply it: known, with the default's value (text interned).
void FillDefault(const ir::Field& field, runtime::Column& column, runtime::TextPool& text) {
  if (!field.default_value) return;
  ir::Value v = *field.default_value;
  if (field.type.kind == ir::TypeKind::Text) v.integer = text.Intern(field.default_text);
  for (std::size_t i = 0; i < column.known.size(); ++i) {
    column.numbers[i] = v.number;
    column.integers[i] = v.integer;
    column.durations[i] = v.duration;
    column.known[i] = 1;
  }
}

ir::Value DefaultValue(const ir::Field& field, runtime::TextPool& text) {
  if (!field.default_value) return ir::Value::Unknown();
  ir::Value v = *field.default_value;
  if (field.type.kind == ir::TypeKind::Text) v.integer = text.Intern(field.default_text);
  return v;
}

}  // namespace

BasketBuilder::BasketBuilder(const ir::Policy& policy, std::size_t positions, std::size_t accounts,
                             std::int64_t valuation_date)
    : policy_(policy) {
  runtime::Positions& p = input_.positions;
  p.ids.resize(positions);
  p.account.resize(positions);
  p.rejection.resize(positions);
  p.source_prefix = {"basket:"};
  p.source_file.resize(positions);
  p.source_line.resize(positions);
  p.market_value.assign(positions, 0.0);
  for (std::size_t i = 0; i < positions; ++i)
    p.ids[i] = "P" + std::to_string(i);
  p.fields.resize(policy.position_fields.size());
  for (std::size_t f = 0; f < p.fields.size(); ++f) {
    runtime::Column& column = p.fields[f];
    column.numbers.assign(positions, 0.0);
    column.integers.assign(positions, 0);
    column.durations.assign(positions, ir::Duration{});
    column.known.assign(positions, 0);
    FillDefault(policy.position_fields[f], column, input_.text);
  }

  input_.accounts.resize(accounts);
  for (std::size_t a = 0; a < accounts; ++a) {
    runtime::Account& account = input_.accounts[a];
    account.id = "A" + std::to_string(a);
    const std::size_t first = positions * a / accounts;
    const std::size_t end = positions * (a + 1) / accounts;
    account.first_position = static_cast<std::uint32_t>(first);
    account.position_count = static_cast<std::uint32_t>(end - first);
    for (std::size_t i = first; i < end; ++i)
      p.account[i] = static_cast<std::int32_t>(a);
    for (const ir::Field& field : policy.account_fields)
      account.fields.push_back(DefaultValue(field, input_.text));
  }

  input_.market.valuation_date = valuation_date;
  for (const ir::Field& field : policy.market_fields)
    input_.market.fields.push_back(DefaultValue(field, input_.text));
}

runtime::Column& BasketBuilder::Column(std::string_view field) {
  const std::int32_t f = policy_.FindPositionField(field);
  if (f < 0) throw std::invalid_argument("no position field " + std::string(field));
  return input_.positions.fields[static_cast<std::size_t>(f)];
}

std::size_t BasketBuilder::AccountField(std::string_view field) const {
  const std::int32_t f = policy_.FindAccountField(field);
  if (f < 0) throw std::invalid_argument("no account field " + std::string(field));
  return static_cast<std::size_t>(f);
}

std::int64_t BasketBuilder::EnumRank(const ir::Type& type, std::string_view label) const {
  const ir::EnumInfo& info = policy_.enums.at(static_cast<std::size_t>(type.enum_id));
  for (std::size_t k = 0; k < info.labels.size(); ++k) {
    if (info.labels[k] == label) return info.Rank(k);
  }
  throw std::invalid_argument("no enum label " + std::string(label));
}

std::int64_t BasketBuilder::Rank(std::string_view field, std::string_view label) const {
  const std::int32_t f = policy_.FindPositionField(field);
  if (f < 0) throw std::invalid_argument("no position field " + std::string(field));
  return EnumRank(policy_.position_fields[static_cast<std::size_t>(f)].type, label);
}

void BasketBuilder::Number(std::string_view field, std::size_t i, double v) {
  runtime::Column& column = Column(field);
  column.numbers[i] = v;
  column.known[i] = 1;
}

void BasketBuilder::Integer(std::string_view field, std::size_t i, std::int64_t v) {
  runtime::Column& column = Column(field);
  column.integers[i] = v;
  column.known[i] = 1;
}

void BasketBuilder::Text(std::string_view field, std::size_t i, std::string_view text) {
  Integer(field, i, input_.text.Intern(text));
}

void BasketBuilder::Enum(std::string_view field, std::size_t i, std::string_view label) {
  Integer(field, i, Rank(field, label));
}

void BasketBuilder::Missing(std::string_view field, std::size_t i) {
  runtime::Column& column = Column(field);
  column.numbers[i] = 0;
  column.integers[i] = 0;
  column.known[i] = 0;
}

void BasketBuilder::MarketValue(std::size_t i, double v) {
  Number("market_value", i, v);
  input_.positions.market_value[i] = v;
}

void BasketBuilder::Reject(std::size_t i, std::string reason) {
  input_.positions.rejection[i] = std::move(reason);
  for (runtime::Column& column : input_.positions.fields)
    column.known[i] = 0;
}

void BasketBuilder::AccountValue(std::size_t account, std::string_view field, ir::Value v) {
  input_.accounts[account].fields[AccountField(field)] = v;
}

void BasketBuilder::AccountText(std::size_t account, std::string_view field,
                                std::string_view text) {
  AccountValue(account, field, ir::Value::Integer(input_.text.Intern(text)));
}

void BasketBuilder::AccountEnum(std::size_t account, std::string_view field,
                                std::string_view label) {
  const ir::Field& f = policy_.account_fields[AccountField(field)];
  AccountValue(account, field, ir::Value::Integer(EnumRank(f.type, label)));
}

void BasketBuilder::MarketValueField(std::string_view field, ir::Value v) {
  const std::int32_t f = policy_.FindMarketField(field);
  if (f < 0) throw std::invalid_argument("no market field " + std::string(field));
  input_.market.fields[static_cast<std::size_t>(f)] = v;
}

}  // namespace collat::bench
