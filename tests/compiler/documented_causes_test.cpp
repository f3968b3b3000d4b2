// Every cause of a policy diagnostic (lexing, parsing, checking) that docs/language.md section 16.4
// documents is exercised by a golden case: each row of that table names a kind, a cause and the
// golden lines (`case.collat:LINE` in tests/golden/check, `parse/case.collat:LINE` in
// tests/golden/parse) where compiling the case must report that kind. A new cause without a golden,
// a golden that stops reporting it, and a kind without a documented cause all fail here.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "compiler/load_program.h"
#include "program/compile.h"
#include "tests/test_support.h"

namespace collat {
namespace {

namespace fs = std::filesystem;

struct Cause {
  std::string kind;
  std::string text;
  struct Case {
    std::string folder;    // under tests/golden: "check" or "parse"
    std::string file;      // the golden case to check, in `folder`
    std::string reported;  // the file the diagnostic is in: the case, or a module it imports
    std::uint32_t line;    // 1-based
  };
  std::vector<Case> cases;
};

// The rows of the table in section 16.4: | `kind` | cause | `file:line`, ... |
std::vector<Cause> DocumentedCauses() {
  const std::string doc = testing::ReadFile(testing::RepoPath("docs/language.md"));
  const auto begin = doc.find("\n### 16.4 ");
  REQUIRE(begin != std::string::npos);
  const auto end = doc.find("\n#", begin + 1);
  std::istringstream section(doc.substr(begin, end - begin));
  static const std::regex kRow(R"(^\| `([a-z0-9_]+)` \| (.+) \| (.+) \|$)");
  // `case.collat:LINE`, or `case.collat@module:LINE` for a diagnostic in a file the case imports.
  static const std::regex kCase(
      R"(`(parse/)?([A-Za-z0-9_]+\.collat)(?:@([A-Za-z0-9_.]+))?:([0-9]+)`)");
  std::vector<Cause> out;
  for (std::string line; std::getline(section, line);) {
    std::smatch row;
    if (!std::regex_match(line, row, kRow)) continue;
    Cause cause{row[1], row[2], {}};
    const std::string cases = row[3];
    for (auto it = std::sregex_iterator(cases.begin(), cases.end(), kCase);
         it != std::sregex_iterator(); ++it) {
      const std::string folder = (*it)[1].matched ? "parse" : "check";
      const std::string file = (*it)[2];
      const std::string reported = (*it)[3].matched ? std::string((*it)[3]) : file;
      cause.cases.push_back(
          {folder, file, reported, static_cast<std::uint32_t>(std::stoul((*it)[4]))});
    }
    out.push_back(std::move(cause));
  }
  return out;
}

// Golden files name each other (imports, data files) relative to their folder.
class InGoldenDir {
 public:
  explicit InGoldenDir(const std::string& folder) : saved_(fs::current_path()) {
    fs::current_path(testing::RepoPath("tests/golden/" + folder));
  }
  InGoldenDir(const InGoldenDir&) = delete;
  InGoldenDir& operator=(const InGoldenDir&) = delete;
  ~InGoldenDir() { fs::current_path(saved_); }

 private:
  fs::path saved_;
};

TEST_CASE("every documented cause of a policy diagnostic has a golden case", "[compiler][golden]") {
  const std::vector<Cause> causes = DocumentedCauses();
  REQUIRE(causes.size() >= 40);
  std::map<std::string, std::vector<Diagnostic>> compiled;
  std::set<std::string> documented_kinds;
  for (const Cause& cause : causes) {
    INFO("section 16.4: `" << cause.kind << "`: " << cause.text);
    documented_kinds.insert(cause.kind);
    CHECK_FALSE(cause.cases.empty());
    for (const Cause::Case& c : cause.cases) {
      INFO(c.folder << "/" << c.file << ": " << c.reported << ":" << c.line);
      const std::string key = c.folder + "/" + c.file;
      if (!compiled.count(key)) {
        const InGoldenDir in_dir(c.folder);
        REQUIRE(fs::exists(c.file));
        compiled[key] = program::CompileFile(c.file).diagnostics;
      }
      bool found = false;
      for (const Diagnostic& d : compiled[key]) {
        found =
            found || (KindName(d.kind) == cause.kind && d.file != nullptr &&
                      d.file->name() == c.reported && d.file->Locate(d.range.begin).line == c.line);
      }
      CHECK(found);
    }
  }
  for (DiagnosticKind kind : AllDiagnosticKinds()) {
    if (KindPhase(kind) == Phase::Io) continue;  // inputs and files: tests/runtime, tests/base
    INFO("policy diagnostic kind with no documented cause in section 16.4: " << KindName(kind));
    CHECK(documented_kinds.count(std::string(KindName(kind))) == 1);
  }
  for (const std::string& kind : documented_kinds) {
    bool is_policy_kind = false;
    for (DiagnosticKind k : AllDiagnosticKinds())
      is_policy_kind = is_policy_kind || (KindName(k) == kind && KindPhase(k) != Phase::Io);
    INFO("section 16.4 names `" << kind << "`, which is not a policy diagnostic kind");
    CHECK(is_policy_kind);
  }
}

}  // namespace
}  // namespace collat
