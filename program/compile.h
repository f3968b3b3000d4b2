// Loading and checking a policy, the phases in order, each returning a value: the loader reads
// the policy, its imports and its tables' data files through a SourceProvider (compiler/
// load_program.h), the runtime's loaders parse the data files (runtime/load_data_table.h: they
// own CSV and YAML), and the checker types the whole (compiler/check.h). ProgramFactory makes
// programs of what these return; tools that need only the checked policy (the formatter's
// checks, benchmarks, tests of the checker) call them directly.
#pragma once

#include <string>
#include <string_view>

#include "base/file_roots.h"
#include "compiler/check.h"
#include "compiler/load_program.h"
#include "compiler/source_provider.h"

namespace collat::program {

// Checks what LoadProgram* read; diagnostics of both in one list.
CompiledPolicy CompileLoaded(LoadedProgram loaded, const CheckerOptions& options = {});

// The policy file `path`; imports and data files inside the roots of `access`.
CompiledPolicy CompileFile(const std::string& path, const FileAccess& access = {},
                           const CheckerOptions& options = {});
// A policy held in memory, named `name`; imports and data files read from disk relative to its
// folder, inside the roots of `access`.
CompiledPolicy CompileText(std::string_view text, const std::string& name,
                           const FileAccess& access = {}, const CheckerOptions& options = {});
// A policy whose imports and data files are read through `sources` only (MemorySources: no
// file access at all).
CompiledPolicy CompileSources(const SourceFilePtr& policy, const SourceProvider& sources,
                              const CheckerOptions& options = {});

}  // namespace collat::program
