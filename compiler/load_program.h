// Reads a policy file and, transitively, the files it imports (paths relative to the importing
// file), parsing each once, and the data files of its tables (`table ... from "file"`). Import
// cycles and unreadable files are diagnostics on the `import` or `from` line. The one place the
// compiler layer reads files, always through a SourceProvider (source_provider.h). From disk,
// imports and data files are read only inside the roots of `access` (base/file_roots.h; by
// default the folder of the policy file or of `name`): a file outside them is an `import_error`
// naming the path, and nothing of it is read. With no roots (naming_folder false, no
// allow_paths), no file is read but the policy file itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/file_roots.h"
#include "compiler/check.h"
#include "compiler/source_provider.h"

namespace collat {

struct LoadedProgram {
  std::vector<ParsedFile> files;  // files[0] is the policy; empty when it could not be read
  // The data files of tables, each once, named by the declaring file's folder joined with the
  // path the table wrote (the name Check() looks them up by). Their rows are parsed by the
  // runtime's loaders, which own CSV and YAML (runtime/load_data_table.h).
  std::vector<SourceFilePtr> data_files;
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;  // the policy file itself could not be read (exit code 2)
};

LoadedProgram LoadProgram(const std::string& path, const FileAccess& access = {});

// The same for a policy held in memory, parsed as the file `name`: its imports are read from disk
// relative to `name`'s folder. Text over 64 MiB is an I/O error, as for a file.
LoadedProgram LoadProgramText(std::string_view text, const std::string& name,
                              const FileAccess& access = {});

// The policy `policy`, its imports and data files read through `sources` only.
LoadedProgram LoadProgramFrom(const SourceFilePtr& policy, const SourceProvider& sources);

// The outcome of loading and checking a policy (program/compile.h does both).
struct CompiledPolicy {
  std::shared_ptr<const ir::Policy> policy;
  std::vector<Diagnostic> diagnostics;
  bool io_error = false;
};

}  // namespace collat
