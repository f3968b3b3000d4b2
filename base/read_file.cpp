#include "base/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace collat {
namespace {

Diagnostic Fail(DiagnosticKind kind, std::string message) {
  return MakeDiagnostic(kind, nullptr, {}, std::move(message));
}

// What a file that is not a regular file is, for the message.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "it is a directory";
  if (S_ISFIFO(mode)) return "it is a FIFO, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "it is a device, not a regular file";
  if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

// True for a file of a kernel pseudo file system (/proc, /sys): they claim to be regular files of
// size 0 but produce host state when read.
bool IsPseudoFile(int fd) {
#ifdef __linux__
  struct statfs fs {};
  if (fstatfs(fd, &fs) != 0) return false;
  constexpr long kProcMagic = 0x9fa0;
  constexpr long kSysfsMagic = 0x62656572;
  const auto type = static_cast<long>(fs.f_type);
  return type == kProcMagic || type == kSysfsMagic;
#else
  (void)fd;
  return false;
#endif
}

std::variant<SourceFilePtr, Diagnostic> ReadAll(const std::string& path, bool no_follow,
                                                const std::string& display) {
  auto opened = OpenRegularFile(path, display, kMaxSourceBytes, no_follow);
  if (auto* d = std::get_if<Diagnostic>(&opened)) return std::move(*d);
  const FileDescriptor file = std::get<FileDescriptor>(std::move(opened));
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Fail(DiagnosticKind::io_error,
                  fmt::format("cannot read `{}`: {}", display, std::strerror(errno)));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxSourceBytes) {  // the file grew after fstat
      return Fail(DiagnosticKind::file_too_large,
                  fmt::format("`{}` is larger than {} bytes", display, kMaxSourceBytes));
    }
  }
  return std::make_shared<const SourceFile>(display, std::move(text));
}

}  // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.Release();
  }
  return *this;
}

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

std::variant<FileDescriptor, Diagnostic> OpenRegularFile(const std::string& path,
                                                         std::string_view display,
                                                         std::uintmax_t max_bytes, bool no_follow) {
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  if (no_follow) flags |= O_NOFOLLOW;
  FileDescriptor file(::open(path.c_str(), flags));
  if (file.get() < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return Fail(DiagnosticKind::io_error, fmt::format("cannot read `{}`: no such file", display));
    }
    if (error == ELOOP && no_follow) {
      return Fail(DiagnosticKind::io_error,
                  fmt::format("cannot read `{}`: it became a symbolic link", display));
    }
    return Fail(DiagnosticKind::io_error,
                fmt::format("cannot read `{}`: {}", display, std::strerror(error)));
  }
  struct stat st {};
  if (::fstat(file.get(), &st) != 0) {
    return Fail(DiagnosticKind::io_error,
                fmt::format("cannot read `{}`: {}", display, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return Fail(DiagnosticKind::io_error,
                fmt::format("cannot read `{}`: {}", display, KindOf(st.st_mode)));
  }
  if (IsPseudoFile(file.get())) {
    return Fail(
        DiagnosticKind::io_error,
        fmt::format("cannot read `{}`: it is a /proc or /sys file, not a regular file", display));
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    return Fail(DiagnosticKind::file_too_large,
                fmt::format("`{}` is {} bytes; collat reads files of at most {} bytes", display,
                            st.st_size, max_bytes));
  }
  const int status = ::fcntl(file.get(), F_GETFL);
  if (status >= 0) ::fcntl(file.get(), F_SETFL, status & ~O_NONBLOCK);
  return file;
}

std::variant<SourceFilePtr, Diagnostic> ReadSourceFile(const std::string& path) {
  return ReadAll(path, false, path);
}

std::variant<SourceFilePtr, Diagnostic> ReadResolvedSourceFile(const std::string& path,
                                                               const std::string& display) {
  return ReadAll(path, true, display);
}

}  // namespace collat
