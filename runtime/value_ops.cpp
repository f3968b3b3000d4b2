#include "runtime/value_ops.h"

#include <charconv>
#include <cstdio>

namespace collat::runtime {

Repr ReprOf(ir::TypeKind kind) {
  switch (kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return Repr::Number;
    case ir::TypeKind::Bool:
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
    case ir::TypeKind::Date:
      return Repr::Integer;
    case ir::TypeKind::Duration:
      return Repr::Duration;
    case ir::TypeKind::Error:
      return Repr::None;
  }
  return Repr::None;
}

bool SameValue(const ir::Value& a, const ir::Value& b, Repr repr) {
  switch (repr) {
    case Repr::Number:
      return a.number == b.number;
    case Repr::Integer:
      return a.integer == b.integer;
    case Repr::Duration:
      return a.duration == b.duration;
    case Repr::None:
      return false;
  }
  return false;
}

bool LessThan(const ir::Value& a, const ir::Value& b, Repr repr) {
  switch (repr) {
    case Repr::Number:
      return a.number < b.number;
    case Repr::Integer:
      return a.integer < b.integer;
    case Repr::Duration:
    case Repr::None:
      return false;
  }
  return false;
}

namespace {

std::string NumberText(double v) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

std::string DateText(std::int64_t days) {
  std::int32_t y = 0;
  std::int32_t m = 0;
  std::int32_t d = 0;
  ir::CivilFromDays(days, y, m, d);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

std::string EnumText(std::int64_t rank, std::int32_t enum_id, const ir::Policy& policy) {
  if (enum_id < 0 || static_cast<std::size_t>(enum_id) >= policy.enums.size()) return "";
  const ir::EnumInfo& info = policy.enums[static_cast<std::size_t>(enum_id)];
  for (std::size_t i = 0; i < info.labels.size(); ++i) {
    if (info.Rank(i) == rank) return info.labels[i];
  }
  return "";
}

}  // namespace

std::string ValueText(const ir::Value& v, const ir::Type& type, const ir::Policy& policy,
                      const TextBinder& text) {
  switch (type.kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
      return NumberText(v.number);
    case ir::TypeKind::Bool:
      return v.integer != 0 ? "true" : "false";
    case ir::TypeKind::Text:
      return text.Text(v.integer);
    case ir::TypeKind::Enum:
      return EnumText(v.integer, type.enum_id, policy);
    case ir::TypeKind::Date:
      return DateText(v.integer);
    case ir::TypeKind::Duration: {
      std::string out;
      if (v.duration.months != 0) out += std::to_string(v.duration.months) + "m";
      if (v.duration.days != 0 || out.empty()) {
        if (!out.empty()) out += " ";
        out += std::to_string(v.duration.days) + "d";
      }
      return out;
    }
    case ir::TypeKind::Error:
      return "";
  }
  return "";
}

}  // namespace collat::runtime
