// Helpers shared by the tests: source files from strings, the repository root.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "base/source_file.h"

namespace collat::testing {

inline SourceFilePtr Source(std::string text, std::string name = "test.collat") {
  return std::make_shared<const SourceFile>(std::move(name), std::move(text));
}

inline std::string RepoPath(const std::string& relative) {
  return std::string(COLLAT_SOURCE_DIR) + "/" + relative;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every golden runner's last step: compare `actual` with the golden file, or rewrite the file
// when COLLAT_UPDATE_GOLDENS=1 (then review the diff like code).
inline void CompareWithGolden(const std::filesystem::path& golden, const std::string& actual) {
  const char* update = std::getenv("COLLAT_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(golden.parent_path().empty() ? "." : golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  INFO("golden file " << golden.string());
  REQUIRE(std::filesystem::exists(golden));
  CHECK(ReadFile(golden) == actual);
}

}  // namespace collat::testing
