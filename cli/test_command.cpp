#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "base/render.h"
#include "cli/commands.h"
#include "runtime/policy_test.h"

namespace collat::cli {

int RunTests(const std::vector<std::string>& paths, const EngineChoice& engine) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::directory_iterator(path)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 10 && name.substr(name.size() - 10) == ".test.yaml") {
          files.push_back(entry.path().string());
        }
      }
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      fmt::print(stderr, "collat: error: cannot read `{}`: no such file or folder [io_error]\n",
                 path);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t passed = 0;
  std::size_t failed = 0;
  for (const std::string& file : files) {
    const runtime::TestFileResult r = runtime::RunPolicyTests(file, TestEvaluator(engine));
    fmt::print("{}\n", file);
    std::fputs(RenderDiagnostics(r.diagnostics).c_str(), stdout);
    if (HasErrors(r.diagnostics)) ++failed;
    for (const runtime::CaseResult& c : r.cases) {
      fmt::print("  {}  {}\n", c.passed() ? "PASS" : "FAIL", c.name);
      std::fputs(RenderDiagnostics(c.diagnostics).c_str(), stdout);
      for (const runtime::Mismatch& m : c.mismatches) {
        fmt::print("        {}: expected {}, actual {}\n", m.where, m.expected, m.actual);
      }
      ++(c.passed() ? passed : failed);
    }
    if (!HasErrors(r.diagnostics)) {
      if (r.uncovered.empty()) {
        fmt::print("  coverage: every rule, match arm, tiers and limit is exercised\n");
      } else {
        std::string list;
        for (const std::string& u : r.uncovered)
          list += (list.empty() ? "" : ", ") + u;
        fmt::print("  coverage: not exercised by any case: {}\n", list);
      }
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace collat::cli
