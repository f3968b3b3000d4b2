#include "runtime/json_writer.h"

#include "runtime/json_scalar.h"

namespace collat::runtime {

void JsonWriter::Newline(std::size_t depth) {
  out_ += '\n';
  out_.append(2 * (depth + static_cast<std::size_t>(base_)), ' ');
}

// A member's key or an array element comes after a comma (not the first) and, pretty, on its own
// line; a value after a key comes right after it.
void JsonWriter::BeforeValue() {
  if (levels_.empty() || !levels_.back().array) return;
  Level& level = levels_.back();
  if (level.count++ > 0) out_ += ',';
  if (pretty_) Newline(levels_.size());
}

void JsonWriter::Key(std::string_view key) {
  Level& level = levels_.back();
  if (level.count++ > 0) out_ += ',';
  if (pretty_) Newline(levels_.size());
  AppendJsonString(out_, key);
  out_ += pretty_ ? ": " : ":";
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  levels_.push_back({false, 0});
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  levels_.push_back({true, 0});
}

void JsonWriter::EndObject() {
  const bool empty = levels_.back().count == 0;
  levels_.pop_back();
  if (pretty_ && !empty) Newline(levels_.size());
  out_ += '}';
}

void JsonWriter::EndArray() {
  const bool empty = levels_.back().count == 0;
  levels_.pop_back();
  if (pretty_ && !empty) Newline(levels_.size());
  out_ += ']';
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(out_, text);
}

void JsonWriter::Number(double value) {
  BeforeValue();
  AppendJsonNumber(out_, value);
}

void JsonWriter::Integer(std::int64_t value) {
  BeforeValue();
  AppendJsonInteger(out_, value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Strings(std::span<const std::string> texts) {
  BeginArray();
  for (const std::string& text : texts)
    String(text);
  EndArray();
}

}  // namespace collat::runtime
