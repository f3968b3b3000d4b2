#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/render.h"
#include "cli/commands.h"
#include "cli/diagnostic_json.h"
#include "cli/file_argument.h"
#include "program/policy_test.h"

namespace collat::cli {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The test files named by `paths`, sorted; false (after a message) when a path does not exist.
bool CollectTestFiles(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::directory_iterator(path)) {
        if (EndsWith(entry.path().filename().string(), ".test.yaml")) {
          files.push_back(entry.path().string());
        }
      }
    } else if (!fs::exists(path, ec)) {
      fmt::print(stderr, "collat: error: cannot read `{}`: no such file or folder [io_error]\n",
                 path);
      return false;
    } else if (EndsWith(path, ".collat")) {
      // A policy: its cases are in `<name>.test.yaml` beside it; a policy without one has none.
      const std::string tests = path.substr(0, path.size() - 7) + ".test.yaml";
      if (fs::exists(tests, ec)) {
        files.push_back(tests);
      } else {
        fmt::print(stderr, "collat: `{}` has no test file `{}`\n", path, tests);
      }
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return true;
}

void PrintText(const program::TestFileResult& r) {
  fmt::print("{}\n", r.path);
  std::fputs(RenderDiagnostics(r.diagnostics).c_str(), stdout);
  for (const program::CaseResult& c : r.cases) {
    fmt::print("  {}  {}\n", c.passed() ? "PASS" : "FAIL", c.name);
    std::fputs(RenderDiagnostics(c.diagnostics).c_str(), stdout);
    for (const program::Mismatch& m : c.mismatches) {
      fmt::print("        {}: expected {}, actual {}\n", m.where, m.expected, m.actual);
    }
  }
  if (HasErrors(r.diagnostics)) return;
  if (r.uncovered.empty()) {
    fmt::print("  coverage: every rule, match arm, tiers and limit is exercised\n");
  } else {
    std::string list;
    for (const std::string& u : r.uncovered)
      list += (list.empty() ? "" : ", ") + u;
    fmt::print("  coverage: not exercised by any case: {}\n", list);
  }
}

nlohmann::ordered_json FileJson(const program::TestFileResult& r) {
  nlohmann::ordered_json j;
  j["file"] = r.path;
  j["policy"] = r.policy_path.empty() ? nlohmann::ordered_json(nullptr)
                                      : nlohmann::ordered_json(r.policy_path);
  j["diagnostics"] = DiagnosticsJson(r.diagnostics);
  j["cases"] = nlohmann::ordered_json::array();
  for (const program::CaseResult& c : r.cases) {
    nlohmann::ordered_json jc;
    jc["name"] = c.name;
    jc["passed"] = c.passed();
    jc["diagnostics"] = DiagnosticsJson(c.diagnostics);
    jc["failures"] = nlohmann::ordered_json::array();
    for (const program::Mismatch& m : c.mismatches) {
      jc["failures"].push_back({{"path", m.where}, {"expected", m.expected}, {"actual", m.actual}});
    }
    j["cases"].push_back(std::move(jc));
  }
  if (HasErrors(r.diagnostics)) {
    j["coverage"] = nullptr;
  } else {
    j["coverage"] = {{"complete", r.uncovered.empty()}, {"uncovered", r.uncovered}};
  }
  return j;
}

}  // namespace

int RunTests(const std::vector<std::string>& paths, const EngineChoice& engine, bool json) {
  std::vector<std::string> files;
  if (!CollectTestFiles(paths, files)) return 2;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t cases = 0;
  nlohmann::ordered_json doc;
  doc["files"] = nlohmann::ordered_json::array();
  const program::ProgramFactory factory = MakeProgramFactory(engine);
  for (const std::string& file : files) {
    const program::TestFileResult r =
        program::RunPolicyTests(file, factory, CommandFileAccess(), EvaluateOptionsOf(engine));
    std::fputs(RenderDiagnostics(r.engine_warnings).c_str(), stderr);
    if (json) {
      doc["files"].push_back(FileJson(r));
    } else {
      PrintText(r);
    }
    if (HasErrors(r.diagnostics)) ++failed;
    for (const program::CaseResult& c : r.cases)
      ++(c.passed() ? passed : failed);
    cases += r.cases.size();
  }
  if (json) {
    doc["summary"] = {
        {"files", files.size()}, {"cases", cases}, {"passed", passed}, {"failed", failed}};
    fmt::print("{}\n", doc.dump(2));
  } else {
    fmt::print("{} passed, {} failed\n", passed, failed);
  }
  if (cases == 0 && failed == 0) {
    std::string where;
    for (const std::string& path : paths)
      where += fmt::format("{}`{}`", where.empty() ? "" : ", ", path);
    fmt::print(stderr, "collat: error: no test case found in {}\n", where);
    return 1;
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace collat::cli
