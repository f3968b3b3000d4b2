// A check of YAML text before yaml-cpp parses it. yaml-cpp's parser recurses once per nesting
// level (up to 2,000 levels, then it throws), so a hostile `[[[[...` or `- - - ...` could use a
// lot of stack; the input layout needs about 6 levels. This scan estimates the nesting depth of
// every line without parsing (block indentation levels, compact `- `/`? `/`: ` indicators and flow
// brackets outside quoted scalars and comments) and refuses text deeper than kMaxYamlDepth. It
// also refuses bytes that are not clean UTF-8 text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace collat::runtime::load {

inline constexpr std::size_t kMaxYamlDepth = 64;

struct ScanProblem {
  std::size_t line = 0;  // 1-based
  std::string message;   // lower-case, no location
};

// The first problem of `text`, or nothing when yaml-cpp may parse it. Linear time, constant
// stack.
std::optional<ScanProblem> ScanYaml(std::string_view text);

}  // namespace collat::runtime::load
