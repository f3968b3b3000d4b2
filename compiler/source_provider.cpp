#include "compiler/source_provider.h"

#include <fmt/format.h>

#include "base/read_file.h"

namespace collat {
namespace {

std::string Normal(const std::filesystem::path& path) {
  return path.lexically_normal().generic_string();
}

}  // namespace

std::variant<SourceFilePtr, std::string> FileSources::Read(const std::filesystem::path& path,
                                                           const std::string& written) const {
  // Refused before it is opened: nothing of a file outside the roots is read or quoted.
  const FileRoots::Resolved resolved = roots_.Resolve(path, written);
  if (!resolved.error.empty()) return resolved.error;
  auto read = ReadResolvedSourceFile(resolved.path, path.string());
  if (auto* d = std::get_if<Diagnostic>(&read)) return d->message;
  return std::get<SourceFilePtr>(std::move(read));
}

MemorySources::MemorySources(const std::map<std::string, std::string>& files,
                             std::shared_ptr<const SourceProvider> fallback)
    : fallback_(std::move(fallback)) {
  for (const auto& [name, text] : files)
    files_.emplace(Normal(name), text);
}

std::variant<SourceFilePtr, std::string> MemorySources::Read(const std::filesystem::path& path,
                                                             const std::string& written) const {
  const auto it = files_.find(Normal(path));
  if (it != files_.end()) {
    if (it->second.size() > kMaxSourceBytes)
      return fmt::format("`{}` is larger than 64 MiB", written);
    // Named as the policy reached it, as a file on disk would be.
    return std::make_shared<const SourceFile>(path.string(), it->second);
  }
  if (fallback_) return fallback_->Read(path, written);
  return fmt::format("`{}` is not among the sources given", written);
}

}  // namespace collat
