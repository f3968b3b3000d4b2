#include "base/file_roots.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

namespace collat {
namespace {

namespace fs = std::filesystem;

// `path` made absolute with `.`, `..` and the symbolic links of its existing part resolved.
fs::path Canonical(const fs::path& path, std::error_code& ec) {
  const fs::path absolute = fs::absolute(path.empty() ? fs::path(".") : path, ec);
  if (ec) return {};
  return fs::weakly_canonical(absolute, ec);
}

bool IsInside(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // the trailing "" of a root ending in '/'
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

FileRoots FileRoots::For(const FileAccess& access, const std::string& named_file) {
  return ForFolder(access, fs::path(named_file).parent_path().string());
}

FileRoots FileRoots::ForFolder(const FileAccess& access, const std::string& folder) {
  FileRoots roots;
  if (access.naming_folder) roots.Add(folder);
  for (const std::string& allowed : access.allow_paths)
    roots.Add(allowed);
  return roots;
}

void FileRoots::Add(const std::string& folder) {
  std::error_code ec;
  fs::path root = Canonical(folder, ec);
  if (ec) return;  // a folder that cannot be resolved allows nothing
  if (std::find(roots_.begin(), roots_.end(), root) == roots_.end())
    roots_.push_back(std::move(root));
}

FileRoots::Resolved FileRoots::Resolve(const fs::path& path, const std::string& written) const {
  if (roots_.empty()) {
    return {"",
            fmt::format("cannot read `{}`: file access is disabled (no allowed folders)", written)};
  }
  std::error_code ec;
  const fs::path canonical = Canonical(path, ec);
  if (ec) return {"", fmt::format("cannot read `{}`: {}", written, ec.message())};
  for (const fs::path& root : roots_) {
    if (IsInside(canonical, root)) return {canonical.string(), ""};
  }
  std::string folders;
  for (const fs::path& root : roots_)
    folders += fmt::format("{}`{}`", folders.empty() ? "" : ", ", root.string());
  return {"", fmt::format("cannot read `{}`: it is outside the allowed folders ({}); allow more "
                          "with `--allow-path`",
                          written, folders)};
}

}  // namespace collat
