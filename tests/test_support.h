// Helpers shared by the tests: source files from strings, the repository root.
#pragma once

#include <memory>
#include <string>

#include "base/source_file.h"

namespace collat::testing {

inline SourceFilePtr Source(std::string text, std::string name = "test.collat") {
  return std::make_shared<const SourceFile>(std::move(name), std::move(text));
}

inline std::string RepoPath(const std::string& relative) {
  return std::string(COLLAT_SOURCE_DIR) + "/" + relative;
}

}  // namespace collat::testing
