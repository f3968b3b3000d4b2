// A file argument of the command line: a path, or `-` for standard input.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_roots.h"
#include "compiler/load_program.h"
#include "program/program_factory.h"
#include "runtime/load_input.h"

namespace collat::cli {

// The name a file argument gives to standard input, and the name diagnostics show for it.
inline constexpr std::string_view kStdinArgument = "-";
inline constexpr std::string_view kStdinName = "<stdin>";

bool IsStdin(std::string_view path);

// Reads `path`, or all of standard input when `path` is `-` (named `<stdin>`, at most
// kMaxSourceBytes). Problems are `io_error` / `file_too_large` diagnostics, as for a file.
std::variant<SourceFilePtr, Diagnostic> ReadSourceOrStdin(const std::string& path);

// The folders given with `--allow-path` (docs/language.md 19): besides the folder of the policy or
// input, imports, data tables and `positions_csv` files may be read from them. Set once by main()
// before a command runs.
void SetAllowedPaths(std::vector<std::string> folders);
const FileAccess& CommandFileAccess();

// Compiles the policy file `path`, or the policy read from standard input (`-`, whose imports are
// read relative to the current directory), with data tables read from disk.
CompiledPolicy CompilePolicyArgument(const std::string& path, const CheckerOptions& options = {});

// The same, compiled into a program by `factory`.
program::Compiled CompileProgramArgument(const std::string& path,
                                         const program::ProgramFactory& factory,
                                         const CheckerOptions& options = {});

// Loads the evaluation input `path`, or the one read from standard input (`-`, whose
// `positions_csv` is relative to the current directory).
runtime::LoadResult LoadInputArgument(const ir::Policy& policy, const std::string& path,
                                      unsigned threads = 1);

}  // namespace collat::cli
