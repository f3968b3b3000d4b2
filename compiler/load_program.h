// Reads a policy file and, transitively, the files it imports (paths relative to the importing
// file), parsing each once. Import cycles and unreadable imports are diagnostics on the `import`
// line. The one place the compiler layer reads files. Imports and data tables are read only
// inside the roots of `access` (base/file_roots.h; by default the folder of the policy file or
// of `name`): an import or a data file outside them is an `import_error` naming the path, and
// nothing of it is read. With no roots (naming_folder false, no allow_paths), no file is read but
// the policy file itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/file_roots.h"
#include "compiler/check.h"

namespace collat {

struct LoadedProgram {
  std::vector<ParsedFile> files;  // files[0] is the policy; empty when it could not be read
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;  // the policy file itself could not be read (exit code 2)
};

LoadedProgram LoadProgram(const std::string& path, const FileAccess& access = {});

// The same for a policy held in memory, parsed as the file `name`: its imports are read from disk
// relative to `name`'s folder. Text over 64 MiB is an I/O error, as for a file.
LoadedProgram LoadProgramText(std::string_view text, const std::string& name,
                              const FileAccess& access = {});

// LoadProgram then Check, diagnostics of both in one list.
struct CompiledPolicy {
  std::shared_ptr<const ir::Policy> policy;
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;
};
CompiledPolicy CompileFile(const std::string& path, const DataTableReader& read_data = {},
                           const FileAccess& access = {}, const CheckerOptions& options = {});
CompiledPolicy CompileText(std::string_view text, const std::string& name,
                           const DataTableReader& read_data = {}, const FileAccess& access = {},
                           const CheckerOptions& options = {});

}  // namespace collat
