// The footers of `collat --help` and `collat COMMAND --help`: examples and exit codes.
#pragma once

#include <string>

namespace collat::cli {

// `command` is "" for the top level, else a command name ("check", "dump", "eval", ...).
std::string HelpFooter(const std::string& command);

}  // namespace collat::cli
