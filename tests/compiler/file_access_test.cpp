// Imports and data tables are read only inside the allowed folders (docs/language.md 19): the
// hostile cases of issue 9 are refused on the naming line, naming the path, and nothing of the
// foreign file reaches any diagnostic.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "base/render.h"
#include "compiler/load_program.h"
#include "compiler/source_provider.h"
#include "program/compile.h"

namespace collat {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader =
    "policy p { version \"1\" currency USD }\n"
    "position { market_value: money  asset: text }\n";
constexpr const char* kSecret = "SECRET-TOKEN-9157";

// policy/ holds the policy; outside/ (a sibling) holds files it must not read.
struct Folders {
  fs::path root, policy, outside;
  Folders() {
    root = fs::temp_directory_path() / ("collat_compile_access_" + std::to_string(::getpid()));
    fs::remove_all(root);
    policy = root / "policy";
    outside = root / "outside";
    fs::create_directories(policy);
    fs::create_directories(outside);
    // Each would be quoted by a diagnostic if it were parsed: a syntax error, a bad data row.
    std::ofstream(outside / "secret.collat") << kSecret << " = (\n";
    std::ofstream(outside / "secret.csv") << "key,value\n" << kSecret << ",50%\n";
    std::ofstream(policy / "module.collat") << "let m = 1\n";
    std::ofstream(policy / "rates.csv") << "key,value\nBTC,98%\n";
  }
  ~Folders() { fs::remove_all(root); }
  std::string Write(const std::string& body) const {
    const fs::path file = policy / "main.collat";
    std::ofstream(file) << kHeader << body;
    return file.string();
  }
  std::string Outside() const {
    return "`: it is outside the allowed folders (`" + fs::canonical(policy).string() +
           "`); allow more with `--allow-path`";
  }
};

// Everything the diagnostics say, rendered with their source lines.
std::string AllText(const CompiledPolicy& compiled) {
  std::string text;
  for (const Diagnostic& d : compiled.diagnostics)
    text += d.message + "\n" + RenderDiagnostic(d) + "\n";
  return text;
}

// The one error of `compiled`: its kind, line and message.
const Diagnostic& OnlyError(const CompiledPolicy& compiled) {
  INFO(AllText(compiled));
  REQUIRE(compiled.diagnostics.size() == 1);
  REQUIRE(compiled.diagnostics[0].severity == Severity::Error);
  return compiled.diagnostics[0];
}

TEST_CASE("imports outside the policy's folder are refused and never read", "[compiler][sandbox]") {
  const Folders f;
  for (const std::string& written :
       {std::string("/etc/passwd"), std::string("../../../../proc/self/environ"),
        std::string("../outside/secret.collat"), (f.outside / "secret.collat").string()}) {
    INFO(written);
    const CompiledPolicy compiled = program::CompileFile(f.Write("import \"" + written + "\"\n"));
    const Diagnostic& d = OnlyError(compiled);
    CHECK(d.kind == DiagnosticKind::import_error);
    CHECK(d.file->Locate(d.range.begin).line == 3);
    CHECK(d.message == "cannot read `" + written + f.Outside());
    CHECK(AllText(compiled).find(kSecret) == std::string::npos);
    CHECK(AllText(compiled).find("root:") == std::string::npos);
  }
}

TEST_CASE("a symbolic link that points out of the folder is refused", "[compiler][sandbox]") {
  const Folders f;
  fs::create_symlink(f.outside / "secret.collat", f.policy / "link.collat");
  const CompiledPolicy compiled = program::CompileFile(f.Write("import \"link.collat\"\n"));
  CHECK(OnlyError(compiled).message == "cannot read `link.collat" + f.Outside());
  CHECK(AllText(compiled).find(kSecret) == std::string::npos);

  fs::create_symlink(f.outside / "secret.csv", f.policy / "link.csv");
  const CompiledPolicy table =
      program::CompileFile(f.Write("table t: text -> percent from \"link.csv\"\nhaircut h = "
                                   "min(max(t[asset] ?? 0%, 0%), 100%)\n"));
  CHECK(OnlyError(table).message == "cannot read `link.csv" + f.Outside());
  CHECK(AllText(table).find(kSecret) == std::string::npos);
}

TEST_CASE("a data table outside the folder is refused; --allow-path admits it",
          "[compiler][sandbox]") {
  const Folders f;
  const std::string body =
      "table t: text -> percent from \"../outside/secret.csv\"\nhaircut h = min(max(t[asset] ?? "
      "0%, 0%), 100%)\n";
  const CompiledPolicy refused = program::CompileFile(f.Write(body));
  const Diagnostic& d = OnlyError(refused);
  CHECK(d.kind == DiagnosticKind::import_error);
  CHECK(d.file->Locate(d.range.begin).line == 3);
  CHECK(d.message == "cannot read `../outside/secret.csv" + f.Outside());
  CHECK(AllText(refused).find(kSecret) == std::string::npos);

  FileAccess access;
  access.allow_paths = {f.outside.string()};
  const CompiledPolicy allowed = program::CompileFile(f.Write(body), access);
  CHECK(allowed.policy != nullptr);
}

TEST_CASE("files inside the folder still import and load, through `..` too",
          "[compiler][sandbox]") {
  const Folders f;
  fs::create_directories(f.policy / "sub");
  std::ofstream(f.policy / "sub" / "inner.collat") << "import \"../module.collat\"\n";
  const CompiledPolicy compiled = program::CompileFile(
      f.Write("import \"sub/inner.collat\"\ntable t: text -> percent from \"rates.csv\"\n"
              "haircut h = min(max(t[asset] ?? 0%, 0%), 100%)\n"));
  INFO(AllText(compiled));
  CHECK(compiled.policy != nullptr);
}

TEST_CASE("a FIFO as an import or data table fails at once", "[compiler][sandbox]") {
  const Folders f;
  REQUIRE(::mkfifo((f.policy / "pipe.collat").c_str(), 0600) == 0);
  REQUIRE(::mkfifo((f.policy / "pipe.csv").c_str(), 0600) == 0);
  const CompiledPolicy import = program::CompileFile(f.Write("import \"pipe.collat\"\n"));
  CHECK(OnlyError(import).message == "cannot read `" + (f.policy / "pipe.collat").string() +
                                         "`: it is a FIFO, not a regular file");
  const CompiledPolicy table =
      program::CompileFile(f.Write("table t: text -> percent from \"pipe.csv\"\nhaircut h = "
                                   "min(max(t[asset] ?? 0%, 0%), 100%)\n"));
  CHECK(OnlyError(table).message ==
        "cannot read `" + (f.policy / "pipe.csv").string() + "`: it is a FIFO, not a regular file");
}

// Counts the files a provider hands out, and hands out those of `inner`.
class CountingSources final : public SourceProvider {
 public:
  explicit CountingSources(const SourceProvider& inner) : inner_(inner) {}
  std::variant<SourceFilePtr, std::string> Read(const fs::path& path,
                                                const std::string& written) const override {
    auto read = inner_.Read(path, written);
    if (std::holds_alternative<SourceFilePtr>(read)) ++served;
    return read;
  }
  mutable int served = 0;

 private:
  const SourceProvider& inner_;
};

constexpr const char* kTableBody =
    "table t: text -> percent from \"rates.csv\"\n"
    "haircut h = min(max(t[asset] ?? 0%, 0%), 100%)\n";

TEST_CASE("with no allowed folders a policy in memory reads no file", "[compiler][sandbox]") {
  const Folders f;
  FileAccess none;
  none.naming_folder = false;
  const std::string name = (f.policy / "memory.collat").string();
  const CompiledPolicy import =
      program::CompileText(std::string(kHeader) + "import \"module.collat\"\n", name, none);
  CHECK(OnlyError(import).message ==
        "cannot read `module.collat`: file access is disabled (no allowed folders)");
  const CompiledPolicy table = program::CompileText(std::string(kHeader) + kTableBody, name, none);
  CHECK(OnlyError(table).message ==
        "cannot read `rates.csv`: file access is disabled (no allowed folders)");
  // The same texts compile when the folder is allowed: the files were there to be read, once
  // each, through the provider.
  const FileSources disk(FileRoots::For(FileAccess{}, name));
  const CountingSources counting(disk);
  const auto source = [&name](const std::string& body) {
    return std::make_shared<const SourceFile>(name, std::string(kHeader) + body);
  };
  CHECK(program::CompileSources(source("import \"module.collat\"\n"), counting).policy);
  CHECK(counting.served == 1);
  CHECK(program::CompileSources(source(kTableBody), counting).policy);
  CHECK(counting.served == 2);
}

TEST_CASE("a policy compiles from memory alone: imports and data files", "[compiler][sandbox]") {
  const Folders f;  // module.collat and rates.csv exist on disk too, with other contents
  const std::map<std::string, std::string> files = {
      {"lib/rates.csv", "key,value\nETH,90%\n"},
      {"lib/module.collat", "let m = 2\n"},
  };
  const MemorySources memory(files);
  const auto policy = std::make_shared<const SourceFile>(
      "main.collat", std::string(kHeader) +
                         "import \"lib/module.collat\"\n"
                         "table t: text -> percent from \"lib/./rates.csv\"\n"
                         "haircut h = min(max(t[asset] ?? 0%, 0%), 100%)\n");
  const CompiledPolicy compiled = program::CompileSources(policy, memory);
  REQUIRE(compiled.policy);
  REQUIRE(compiled.policy->tables.size() == 1);
  REQUIRE(compiled.policy->tables[0].rows.size() == 1);
  CHECK(compiled.policy->tables[0].rows[0].key_text == "ETH");
  // A file not among the sources does not exist, even when it does on disk.
  const auto on_disk = std::make_shared<const SourceFile>(
      (f.policy / "main.collat").string(), std::string(kHeader) + "import \"module.collat\"\n");
  CHECK(OnlyError(program::CompileSources(on_disk, memory)).message ==
        "`module.collat` is not among the sources given");
  // With the disk as a fallback (unsaved buffers over the folder), the file on disk is found.
  const auto fallback =
      std::make_shared<const FileSources>(FileRoots::For(FileAccess{}, on_disk->name()));
  const MemorySources layered(files, fallback);
  CHECK(program::CompileSources(on_disk, layered).policy);
}

}  // namespace
}  // namespace collat
