// Reading files safely (docs/language.md 19, "Security model"). A file is opened without blocking
// and checked before a byte is read: only a regular file is read (a FIFO, a device, a socket, a
// directory or a /proc or /sys file is refused at once), never beyond a size limit. Problems come
// back as an `io_error` / `file_too_large` diagnostic naming the file, never as an exception, and
// never quote the file's bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "base/diagnostic.h"

namespace collat {

// Largest policy, module, data-table or input YAML file collat reads.
inline constexpr std::uintmax_t kMaxSourceBytes = 64ULL * 1024 * 1024;

// An open file descriptor, closed on destruction. -1: none.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.Release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  int get() const { return fd_; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

// Opens `path` for reading: O_NONBLOCK (a FIFO without a writer does not block), O_NOFOLLOW when
// `no_follow` (the path was already resolved, so a symlink swapped in since is refused), then
// fstat: anything but a regular file, or a file over `max_bytes`, is refused. `display` names the
// file in messages. The descriptor is back in blocking mode.
std::variant<FileDescriptor, Diagnostic> OpenRegularFile(const std::string& path,
                                                         std::string_view display,
                                                         std::uintmax_t max_bytes,
                                                         bool no_follow = false);

// Reads a whole file of at most kMaxSourceBytes into a SourceFile named `path`.
std::variant<SourceFilePtr, Diagnostic> ReadSourceFile(const std::string& path);

// The same, reading `path` (already resolved by FileRoots: symlinks are not followed) into a
// SourceFile named `display`.
std::variant<SourceFilePtr, Diagnostic> ReadResolvedSourceFile(const std::string& path,
                                                               const std::string& display);

}  // namespace collat
