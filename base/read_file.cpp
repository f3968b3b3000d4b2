#include "base/read_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

namespace collat {

std::variant<SourceFilePtr, Diagnostic> ReadSourceFile(const std::string& path) {
  auto fail = [&](DiagnosticKind kind, std::string message) {
    return MakeDiagnostic(kind, nullptr, {}, std::move(message));
  };
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return fail(DiagnosticKind::io_error, fmt::format("cannot read `{}`: no such file", path));
  }
  if (std::filesystem::is_directory(status)) {
    return fail(DiagnosticKind::io_error, fmt::format("cannot read `{}`: it is a directory", path));
  }
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxSourceBytes) {
      return fail(DiagnosticKind::file_too_large,
                  fmt::format("`{}` is {} bytes; collat reads files of at most {} bytes", path,
                              size, kMaxSourceBytes));
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(DiagnosticKind::io_error,
                fmt::format("cannot read `{}`: {}", path, std::strerror(errno)));
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxSourceBytes) {
      return fail(DiagnosticKind::file_too_large,
                  fmt::format("`{}` is larger than {} bytes", path, kMaxSourceBytes));
    }
  }
  if (in.bad()) {
    return fail(DiagnosticKind::io_error, fmt::format("cannot read `{}`: read error", path));
  }
  return std::make_shared<const SourceFile>(path, std::move(text));
}

}  // namespace collat
