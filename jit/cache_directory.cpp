#include "jit/cache_directory.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace collat::jit {
namespace {

constexpr std::size_t kKeyBytes = 32;

std::string Mode(mode_t mode) {
  return fmt::format("{:04o}", static_cast<unsigned>(mode & 07777));
}

// Closes a file descriptor on every path out of a scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads the key from an open key file after checking its owner, permissions and size.
Result<std::string> ReadKey(int fd, const std::string& path) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return Error{fmt::format("cannot stat {}", path)};
  if (!S_ISREG(info.st_mode)) return Error{fmt::format("{} is not a regular file", path)};
  if (info.st_uid != ::geteuid()) {
    return Error{fmt::format("{} is owned by uid {}, not by the current user (uid {})", path,
                             info.st_uid, ::geteuid())};
  }
  if ((info.st_mode & 077) != 0) {
    return Error{fmt::format("{} has mode {}: a key must be readable by its owner only (0600)",
                             path, Mode(info.st_mode))};
  }
  if (static_cast<std::size_t>(info.st_size) != kKeyBytes) {
    return Error{fmt::format("{} is {} bytes, a key is {}", path, info.st_size, kKeyBytes)};
  }
  std::string key(kKeyBytes, '\0');
  std::size_t got = 0;
  while (got < kKeyBytes) {
    const ssize_t n = ::read(fd, key.data() + got, kKeyBytes - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error{fmt::format("cannot read {}", path)};
    got += static_cast<std::size_t>(n);
  }
  return key;
}

// Writes a fresh random key to a private temporary file and links it to `path`; link(2) fails
// when another process published a key first, and then that key is the one used.
std::string CreateKey(const std::string& directory, const std::string& path) {
  std::string key(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(kKeyBytes)) != 1) {
    return "cannot draw random bytes for a cache key";
  }
  const std::string temporary = fmt::format("{}/key.tmp.{}", directory, ::getpid());
  ::unlink(temporary.c_str());  // a leftover of a crashed process with our pid
  {
    Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) return fmt::format("cannot create {}: {}", temporary, std::strerror(errno));
    if (::write(fd.get(), key.data(), kKeyBytes) != static_cast<ssize_t>(kKeyBytes) ||
        ::fsync(fd.get()) != 0) {
      ::unlink(temporary.c_str());
      return fmt::format("cannot write {}", temporary);
    }
  }
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return fmt::format("cannot create {}: {}", path, std::strerror(link_errno));
  }
  return "";
}

}  // namespace

std::string CheckCacheDirectory(const std::string& directory) {
  std::error_code ec;
  if (!std::filesystem::exists(directory, ec)) {
    std::filesystem::create_directories(directory, ec);
    if (ec) return fmt::format("cannot create {}: {}", directory, ec.message());
    ::chmod(directory.c_str(), 0700);  // the parents keep the umask's mode
  }
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    return fmt::format("cannot create {}: {}", directory, std::strerror(errno));
  }
  if (!S_ISDIR(info.st_mode)) return fmt::format("{} is not a directory", directory);
  if (info.st_uid != ::geteuid()) {
    return fmt::format("{} is owned by uid {}, not by the current user (uid {})", directory,
                       info.st_uid, ::geteuid());
  }
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return fmt::format("{} has mode {}: other users could plant code in it (chmod go-w)", directory,
                       Mode(info.st_mode));
  }
  return "";
}

Result<std::string> LoadOrCreateCacheKey(const std::string& directory) {
  const std::string path = directory + "/key";
  for (int attempt = 0; attempt < 2; ++attempt) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() >= 0) return ReadKey(fd.get(), path);
    if (errno == ELOOP) return Error{fmt::format("{} is a symbolic link", path)};
    if (errno != ENOENT)
      return Error{fmt::format("cannot open {}: {}", path, std::strerror(errno))};
    if (attempt == 0) {
      std::string failed = CreateKey(directory, path);
      if (!failed.empty()) return Error{std::move(failed)};
    }
  }
  return Error{fmt::format("cannot open {}", path)};
}

}  // namespace collat::jit
