// Binds the policy's text constants (ir::Expr::text, set_text, table keys) to the codes of one
// input. A text the input mentions gets its TextPool code; any other text gets a fresh code at or
// above TextPool::size(), the same code for the same text. So a policy text the input never
// mentions equals no input value (TextPool::kAbsent semantics), yet two such constants still
// compare as text (`"high" == "high"`), and a text output can always be rendered.
//
// Not thread-safe: one binder per evaluation call.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/input.h"

namespace collat::runtime {

class TextBinder {
 public:
  explicit TextBinder(const TextPool& pool) : pool_(pool) {}

  std::int64_t Code(const std::string& text);
  // The text of a code from the input or from Code(); "" for any other code.
  const std::string& Text(std::int64_t code) const;

 private:
  const TextPool& pool_;
  std::unordered_map<std::string, std::int64_t> extra_codes_;
  std::vector<std::string> extra_texts_;
};

}  // namespace collat::runtime
