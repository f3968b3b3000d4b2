// The object cache's trust anchors: the cache directory and its per-installation key file.
//
// Threat model (docs/language.md 15.6, docs/embedding.md "Object cache"): a cached object is
// native code the process will run, so only someone who could already run code as this user may
// be able to plant one. The directory must be owned by the effective user and writable by nobody
// else (as ssh demands of ~/.ssh); every entry carries an HMAC-SHA256 keyed by `<dir>/key`, 32
// random bytes readable only by that user. A file written without the key (by another user, by a
// copy from another machine, by a swap of two entries) fails the MAC and is recompiled.
#pragma once

#include <string>

#include "base/result.h"

namespace collat::jit {

// Creates `directory` (mode 0700) when missing, then checks that it is a directory owned by the
// effective user and not writable by group or others. Returns the reason it is refused, or "".
std::string CheckCacheDirectory(const std::string& directory);

// The 32-byte key of a checked cache directory: read from `<directory>/key`, or created there
// (random bytes from OpenSSL's RAND_bytes, mode 0600, published atomically with link(2) so two
// processes never see different keys). An error when the key file is not a regular file owned by
// the effective user with mode 0600 or stricter, or is not exactly 32 bytes.
Result<std::string> LoadOrCreateCacheKey(const std::string& directory);

}  // namespace collat::jit
