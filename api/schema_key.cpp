#include "api/schema_key.h"

#include "runtime/report_build.h"

#include <bit>
#include <cstdint>

#include <fmt/format.h>

namespace collat::api {
namespace {

FieldInfo MakeField(const ir::Policy& policy, const ir::Field& field) {
  FieldInfo info;
  info.name = field.name;
  info.type = runtime::ToValueType(field.type.kind);
  info.optional = field.type.optional;
  info.has_default = field.default_value.has_value();
  info.description = field.description;
  if (field.type.kind == ir::TypeKind::Enum && field.type.enum_id >= 0 &&
      static_cast<std::size_t>(field.type.enum_id) < policy.enums.size()) {
    const ir::EnumInfo& e = policy.enums[static_cast<std::size_t>(field.type.enum_id)];
    info.enum_name = e.name;
    info.enum_labels = e.labels;
  }
  return info;
}

std::vector<FieldInfo> MakeFields(const ir::Policy& policy, const std::vector<ir::Field>& fields) {
  std::vector<FieldInfo> out;
  out.reserve(fields.size());
  for (const ir::Field& field : fields)
    out.push_back(MakeField(policy, field));
  return out;
}

// One field of the key: everything the loaders read of it. Names and texts are length-prefixed,
// so no two schemas share a key.
void AppendField(const ir::Policy& policy, const ir::Field& field, std::string& key) {
  key += fmt::format("{}:{}|{}|{}|{}", field.name.size(), field.name,
                     static_cast<int>(field.type.kind), field.type.optional ? 1 : 0,
                     field.type.is_set ? 1 : 0);
  if (field.type.kind == ir::TypeKind::Enum && field.type.enum_id >= 0 &&
      static_cast<std::size_t>(field.type.enum_id) < policy.enums.size()) {
    const ir::EnumInfo& e = policy.enums[static_cast<std::size_t>(field.type.enum_id)];
    key += fmt::format("|enum{}", e.ordered ? "<" : "=");
    for (const std::string& label : e.labels)
      key += fmt::format("{}:{},", label.size(), label);
  }
  if (field.default_value.has_value()) {
    const ir::Value& v = *field.default_value;
    key += fmt::format("|default {} {:x} {} {} {} {}:{}", v.known ? 1 : 0,
                       std::bit_cast<std::uint64_t>(v.number), v.integer, v.duration.months,
                       v.duration.days, field.default_text.size(), field.default_text);
  }
  key += ';';
}

}  // namespace

Schema MakeSchema(const ir::Policy& policy) {
  Schema schema;
  schema.base_currency = policy.header.currency;
  schema.position_fields = MakeFields(policy, policy.position_fields);
  schema.account_fields = MakeFields(policy, policy.account_fields);
  schema.market_fields = MakeFields(policy, policy.market_fields);
  return schema;
}

std::string SchemaKey(const ir::Policy& policy) {
  std::string key = fmt::format("currency {};position ", policy.header.currency);
  for (const ir::Field& field : policy.position_fields)
    AppendField(policy, field, key);
  key += "account ";
  for (const ir::Field& field : policy.account_fields)
    AppendField(policy, field, key);
  key += "market ";
  for (const ir::Field& field : policy.market_fields)
    AppendField(policy, field, key);
  return key;
}

}  // namespace collat::api
