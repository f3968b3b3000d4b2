#include "jit/object_cache.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include "jit/cache_directory.h"

namespace collat::jit {
namespace {

constexpr const char* kMagic = "collat-object-cache 2";

// Reads one '\n'-terminated line from `data` at `pos`.
std::optional<std::string> Line(const std::string& data, std::size_t& pos) {
  const std::size_t end = data.find('\n', pos);
  if (end == std::string::npos) return std::nullopt;
  std::string line = data.substr(pos, end - pos);
  pos = end + 1;
  return line;
}

}  // namespace

Result<ObjectCache> ObjectCache::Open(const std::string& directory) {
  std::string refused = CheckCacheDirectory(directory);
  if (!refused.empty()) return Error{std::move(refused)};
  auto secret = LoadOrCreateCacheKey(directory);
  if (!secret) return Error{secret.error()};
  return ObjectCache(directory, std::move(*secret));
}

std::string ObjectCache::PathOf(const std::string& key) const {
  return (std::filesystem::path(directory_) / (key + ".o")).string();
}

std::string ObjectCache::Mac(const std::string& key, const std::string& length,
                             const std::string& object) const {
  const std::string message = std::string(kMagic) + '\n' + key + '\n' + length + '\n' + object;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::optional<std::string> ObjectCache::Load(const std::string& key, std::string& why) const {
  std::ifstream in(PathOf(key), std::ios::binary);
  if (!in) {
    why = "missing";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  std::size_t pos = 0;
  const auto magic = Line(data, pos);
  if (!magic || *magic != kMagic) {
    why = "corrupt: not a collat object cache file";
    return std::nullopt;
  }
  const auto stored_key = Line(data, pos);
  if (!stored_key || *stored_key != key) {
    why = "corrupt: the file's key does not match its name";
    return std::nullopt;
  }
  const auto length = Line(data, pos);
  const auto mac = Line(data, pos);
  if (!length || !mac) {
    why = "corrupt: truncated header";
    return std::nullopt;
  }
  std::size_t size = 0;
  try {
    size = std::stoull(*length);
  } catch (const std::exception&) {
    why = "corrupt: bad length";
    return std::nullopt;
  }
  if (data.size() - pos != size) {
    why = "corrupt: the object is " + std::to_string(data.size() - pos) +
          " bytes, the header says " + *length;
    return std::nullopt;
  }
  std::string object = data.substr(pos);
  const std::string expected = Mac(key, *length, object);
  if (mac->size() != expected.size() ||
      CRYPTO_memcmp(mac->data(), expected.data(), expected.size()) != 0) {
    why = "not authentic: the HMAC does not match this cache's key";
    return std::nullopt;
  }
  why.clear();
  return object;
}

std::string ObjectCache::Store(const std::string& key, const std::string& object) const {
  const std::string path = PathOf(key);
  std::ostringstream unique;
  unique << path << ".tmp." << ::getpid() << "." << std::this_thread::get_id();
  const std::string temporary = unique.str();
  const std::string length = std::to_string(object.size());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + temporary;
    out << kMagic << '\n' << key << '\n' << length << '\n' << Mac(key, length, object) << '\n';
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    if (!out) return "cannot write " + temporary;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return "cannot rename into " + path;
  }
  return "";
}

}  // namespace collat::jit
