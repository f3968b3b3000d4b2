// A minimal streaming JSON writer appending to a buffer, laid out exactly as nlohmann::json's
// dump(2) (pretty) or dump() (compact) lays out a document: the report writers emit the contract's
// bytes without building a tree.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace collat::runtime {

class JsonWriter {
 public:
  // `pretty`: two-space indentation, `"key": value`, one member per line, empty containers as {}
  // and []. `depth`: how many containers enclose the first value written (for indentation only).
  JsonWriter(std::string& out, bool pretty, int depth = 0)
      : out_(out), pretty_(pretty), base_(depth) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // A member's key; its value follows.
  void Key(std::string_view key);

  void String(std::string_view text);
  void Number(double value);  // AppendJsonNumber's spelling
  void Integer(std::int64_t value);
  void Bool(bool value);
  void Null();
  void Strings(std::span<const std::string> texts);

 private:
  void BeforeValue();
  void Newline(std::size_t depth);

  std::string& out_;
  bool pretty_;
  int base_;
  struct Level {
    bool array;
    std::size_t count;
  };
  std::vector<Level> levels_;
};

}  // namespace collat::runtime
