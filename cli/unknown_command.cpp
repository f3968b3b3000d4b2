#include "cli/unknown_command.h"

#include "base/edit_distance.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

namespace collat::cli {
namespace {

// "did you mean `eval`?" for a close name (edit distance at most a third of the word, at least
// 2), else every command of the level: a far-fetched single guess would mislead.
std::string Suggestion(std::string_view word, const std::string& prefix,
                       const std::vector<std::string>& names) {
  const std::size_t close = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = close + 1;
  for (const std::string& name : names) {
    const std::size_t d = EditDistance(word, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  if (!best.empty()) return fmt::format("did you mean `{}{}`?", prefix, best);
  std::string all;
  for (const std::string& name : names) {
    all += fmt::format("{}`{}{}`", all.empty() ? "" : ", ", prefix, name);
  }
  return fmt::format("did you mean one of {}?", all);
}

}  // namespace

std::optional<std::string> FindUnknownCommand(const CLI::App& app, int argc,
                                              const char* const* argv) {
  const CLI::App* level = &app;
  std::string prefix;  // the command words so far, e.g. "dump "
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") return std::nullopt;
    if (word.starts_with('-')) continue;
    const auto subcommands = level->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) return std::nullopt;  // a command's own arguments from here on
    const auto found = std::find_if(subcommands.begin(), subcommands.end(), [&](const CLI::App* s) {
      return s->check_name(std::string(word));
    });
    if (found == subcommands.end()) {
      std::vector<std::string> names;
      for (const CLI::App* s : subcommands)
        names.push_back(s->get_name());
      return fmt::format("unknown command `{}{}`; {} (see `collat {}--help`)", prefix, word,
                         Suggestion(word, prefix, names), prefix);
    }
    level = *found;
    prefix += std::string(word) + " ";
  }
  return std::nullopt;
}

}  // namespace collat::cli
