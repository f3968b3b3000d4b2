// The folders a policy's imports and data tables, and an input's side files (`positions_csv`),
// may be read from (docs/language.md 19, "Security model"). A path is allowed when its canonical
// form (`.`, `..` and symbolic links resolved) lies inside the canonical form of a root; anything
// else is refused before it is opened, so nothing of a file outside the roots is ever read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace collat {

// How files named by a policy or an input may be read: the engine option and the CLI's
// `--allow-path`. The default allows the folder of the file that names them, and nothing else.
struct FileAccess {
  std::vector<std::string> allow_paths;  // more root folders
  bool naming_folder = true;  // the folder of the policy (or input) being loaded is a root
};

// The roots of one load. Immutable once built; copyable.
class FileRoots {
 public:
  FileRoots() = default;  // no roots: every path is refused

  // The roots for loading `named_file` under `access`: its folder ("" for the current directory)
  // when access.naming_folder, plus access.allow_paths.
  static FileRoots For(const FileAccess& access, const std::string& named_file);
  // The same with the folder itself given ("" for the current directory).
  static FileRoots ForFolder(const FileAccess& access, const std::string& folder);

  void Add(const std::string& folder);
  bool empty() const { return roots_.empty(); }

  // Where `path` may be read. `written` is the path as the policy or input wrote it.
  struct Resolved {
    std::string path;   // the canonical path to open (no symlinks left): empty when refused
    std::string error;  // why not, naming `written`; empty when allowed
  };
  Resolved Resolve(const std::filesystem::path& path, const std::string& written) const;

 private:
  std::vector<std::filesystem::path> roots_;  // canonical, absolute
};

}  // namespace collat
