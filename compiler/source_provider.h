// Where the compiler reads the files a policy names: its imports and the data files of its
// tables. The loader (load_program.h) reads every one of them through a SourceProvider, so the
// same policy compiles from disk (FileSources, inside the allowed roots), from memory
// (MemorySources: an embedder, the language server's unsaved buffers, the C ABI), or from both.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "base/file_roots.h"
#include "base/source_file.h"

namespace collat {

class SourceProvider {
 public:
  virtual ~SourceProvider() = default;

  // The file at `path` (the naming file's folder joined with `written`, the path as the policy
  // wrote it), named `path` in diagnostics; or why it cannot be read, naming `written`. Never
  // quotes the bytes of a file it refuses.
  virtual std::variant<SourceFilePtr, std::string> Read(const std::filesystem::path& path,
                                                        const std::string& written) const = 0;
};

// Files on disk inside `roots` (base/file_roots.h): `..` and symbolic links are resolved first,
// and a path outside every root is refused before it is opened. No roots: nothing is read.
class FileSources final : public SourceProvider {
 public:
  explicit FileSources(FileRoots roots) : roots_(std::move(roots)) {}
  std::variant<SourceFilePtr, std::string> Read(const std::filesystem::path& path,
                                                const std::string& written) const override;

 private:
  FileRoots roots_;
};

// Files held in memory, by path (compared after lexical normalisation: `a/./b/../c` is `a/c`),
// then `fallback` (when given) for the paths it does not hold. Without a fallback no file
// outside the map exists, and nothing is read from disk.
class MemorySources final : public SourceProvider {
 public:
  explicit MemorySources(const std::map<std::string, std::string>& files,
                         std::shared_ptr<const SourceProvider> fallback = nullptr);
  std::variant<SourceFilePtr, std::string> Read(const std::filesystem::path& path,
                                                const std::string& written) const override;

 private:
  std::map<std::string, std::string> files_;  // texts by normalised path
  std::shared_ptr<const SourceProvider> fallback_;
};

}  // namespace collat
