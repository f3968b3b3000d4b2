#include "jit/object_cache.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <unistd.h>

#include "compiler/policy_hash.h"

namespace collat::jit {
namespace {

constexpr const char* kMagic = "collat-object-cache 1";

// Reads one '\n'-terminated line from `data` at `pos`.
std::optional<std::string> Line(const std::string& data, std::size_t& pos) {
  const std::size_t end = data.find('\n', pos);
  if (end == std::string::npos) return std::nullopt;
  std::string line = data.substr(pos, end - pos);
  pos = end + 1;
  return line;
}

}  // namespace

std::string ObjectCache::PathOf(const std::string& key) const {
  return (std::filesystem::path(directory_) / (key + ".o")).string();
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
  const auto digest = Line(data, pos);
  if (!length || !digest) {
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
  if (Sha256Hex(object) != *digest) {
    why = "corrupt: checksum mismatch";
    return std::nullopt;
  }
  why.clear();
  return object;
}

std::string ObjectCache::Store(const std::string& key, const std::string& object) const {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) return "cannot create " + directory_ + ": " + ec.message();
  const std::string path = PathOf(key);
  std::ostringstream unique;
  unique << path << ".tmp." << ::getpid() << "." << std::this_thread::get_id();
  const std::string temporary = unique.str();
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + temporary;
    out << kMagic << '\n' << key << '\n' << object.size() << '\n' << Sha256Hex(object) << '\n';
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    if (!out) return "cannot write " + temporary;
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return "cannot rename into " + path;
  }
  return "";
}

}  // namespace collat::jit
