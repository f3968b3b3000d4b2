// The JIT's object cache on disk: one file per key (the hex SHA-256 of everything the object
// depends on), holding a header, the key, the object's length and an HMAC-SHA256 of all of them
// and the object, keyed by the directory's secret key file (cache_directory.h). A file is trusted
// only when every one of those checks out; otherwise the caller recompiles and overwrites it.
// Files are written to a temporary name and renamed, so readers never see a partial file, and
// concurrent writers of one key write identical bytes.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"

namespace collat::jit {

class ObjectCache {
 public:
  // Checks the directory (creating it, mode 0700) and loads or creates its key. An error says why
  // the directory is refused: then the caller compiles without a cache.
  static Result<ObjectCache> Open(const std::string& directory);

  // The object stored under `key`, or nullopt with `why` ("missing", "corrupt: ...",
  // "not authentic: ...").
  std::optional<std::string> Load(const std::string& key, std::string& why) const;

  // Stores `object` under `key`. Returns "" or why it failed (a cache that cannot be written only
  // costs speed, so callers report this and carry on).
  std::string Store(const std::string& key, const std::string& object) const;

  std::string PathOf(const std::string& key) const;

 private:
  ObjectCache(std::string directory, std::string secret)
      : directory_(std::move(directory)), secret_(std::move(secret)) {}
  // Lower-case hex HMAC-SHA256 of a file's header lines and object under secret_.
  std::string Mac(const std::string& key, const std::string& length,
                  const std::string& object) const;

  std::string directory_;
  std::string secret_;  // the 32 bytes of <directory>/key
};

}  // namespace collat::jit
