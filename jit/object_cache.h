// The JIT's object cache on disk: one file per key (the hex SHA-256 of everything the object
// depends on), holding a header, the key, the object's length and its SHA-256, then the object.
// A file is trusted only when every one of those checks out; otherwise the caller recompiles and
// overwrites it. Files are written to a temporary name and renamed, so readers never see a
// partial file, and concurrent writers of one key write identical bytes.
#pragma once

#include <optional>
#include <string>

namespace collat::jit {

class ObjectCache {
 public:
  explicit ObjectCache(std::string directory) : directory_(std::move(directory)) {}

  // The object stored under `key`, or nullopt with `why` ("missing", "corrupt: ...").
  std::optional<std::string> Load(const std::string& key, std::string& why) const;

  // Stores `object` under `key`, creating the directory. Returns "" or why it failed (a cache
  // that cannot be written only costs speed, so callers report this and carry on).
  std::string Store(const std::string& key, const std::string& object) const;

  std::string PathOf(const std::string& key) const;

 private:
  std::string directory_;
};

}  // namespace collat::jit
