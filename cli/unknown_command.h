// An unknown subcommand (`collat evl`, `collat rebalance --help`) is a usage error with a
// suggestion, found before CLI11 parses (which would print help for `--help` and exit 0).
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace collat::cli {

// Walks the leading command words of argv down `app`'s subcommand tree. Returns the usage error
// message for the first word that names no subcommand where one is expected, else nothing. Option
// arguments (`-x`, `--x`) before a command word are skipped: the top level and command groups
// such as `dump` take no option values.
std::optional<std::string> FindUnknownCommand(const CLI::App& app, int argc,
                                              const char* const* argv);

}  // namespace collat::cli
