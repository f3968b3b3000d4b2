// Reads a policy file and, transitively, the files it imports (paths relative to the importing
// file), parsing each once. Import cycles and unreadable imports are diagnostics on the `import`
// line. The one place the compiler layer reads files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/check.h"

namespace collat {

struct LoadedProgram {
  std::vector<ParsedFile> files;  // files[0] is the policy; empty when it could not be read
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;  // the policy file itself could not be read (exit code 2)
};

LoadedProgram LoadProgram(const std::string& path);

// The same for a policy held in memory, parsed as the file `name`: its imports are read from disk
// relative to `name`'s folder. Text over 64 MiB is an I/O error, as for a file.
LoadedProgram LoadProgramText(std::string_view text, const std::string& name);

// LoadProgram then Check, diagnostics of both in one list.
struct CompiledPolicy {
  std::shared_ptr<const ir::Policy> policy;
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;
};
CompiledPolicy CompileFile(const std::string& path, const DataTableReader& read_data = {},
                           const CheckerOptions& options = {});
CompiledPolicy CompileText(std::string_view text, const std::string& name,
                           const DataTableReader& read_data = {},
                           const CheckerOptions& options = {});

}  // namespace collat
