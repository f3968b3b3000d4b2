#include "runtime/text_binder.h"

namespace collat::runtime {

std::int64_t TextBinder::Code(const std::string& text) {
  const std::int64_t code = pool_.Find(text);
  if (code != TextPool::kAbsent) return code;
  const auto it = extra_codes_.find(text);
  if (it != extra_codes_.end()) return it->second;
  const auto fresh = static_cast<std::int64_t>(pool_.size() + extra_texts_.size());
  extra_texts_.push_back(text);
  extra_codes_.emplace(text, fresh);
  return fresh;
}

const std::string& TextBinder::Text(std::int64_t code) const {
  static const std::string kNone;
  if (code < 0) return kNone;
  const auto index = static_cast<std::size_t>(code);
  if (index < pool_.size()) return pool_.Text(code);
  if (index - pool_.size() < extra_texts_.size()) return extra_texts_[index - pool_.size()];
  return kNone;
}

}  // namespace collat::runtime
