// The `collat` subcommands. Each returns the process exit code: 0 success, 1 a problem in a user's
// policy (error diagnostics, a file that needs formatting), 2 a usage or I/O error.
#pragma once

#include <string>
#include <vector>

namespace collat::cli {

// Parses, resolves imports and type-checks each file. `strict`: warnings count as errors.
int RunCheck(const std::vector<std::string>& files, bool strict);
int RunFormat(const std::vector<std::string>& files, bool check_only);
int RunDumpAst(const std::string& file);
int RunDumpIr(const std::string& file);

}  // namespace collat::cli
