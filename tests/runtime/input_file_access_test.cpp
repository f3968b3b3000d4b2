// An input's `positions_csv` is read only inside the allowed folders, only as a regular file,
// within the size limits (docs/language.md 19): issue 9's hostile inputs are refused on the
// `positions_csv` line, naming the path, and nothing of the foreign file reaches any message.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "compiler/load_program.h"
#include "program/compile.h"
#include "runtime/load_csv.h"
#include "runtime/load_input.h"

namespace collat::runtime {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "SECRET-TOKEN-2718";

std::shared_ptr<const ir::Policy> Policy() {
  static const CompiledPolicy compiled = program::CompileText(
      "policy p { version \"1\" currency USD }\n"
      "position { market_value: money  asset: text }\n"
      "haircut h = 2%\n",
      "p.collat");
  REQUIRE(compiled.policy);
  return compiled.policy;
}

struct Folders {
  fs::path root, input, outside;
  Folders() {
    root = fs::temp_directory_path() / ("collat_input_access_" + std::to_string(::getpid()));
    fs::remove_all(root);
    input = root / "input";
    outside = root / "outside";
    fs::create_directories(input);
    fs::create_directories(outside);
    std::ofstream(outside / "secret.csv") << "account,id,asset\nA," << kSecret << ",x\n";
    std::ofstream(input / "ok.csv") << "account,id,asset,market_value\nA,P1,x,100\n";
  }
  ~Folders() { fs::remove_all(root); }
  // Loads input/input.yaml naming `csv` (line 3).
  LoadResult Load(const std::string& csv, const FileAccess& access = {}) const {
    const fs::path yaml = input / "input.yaml";
    std::ofstream(yaml) << "valuation_date: 2026-03-31\naccounts: [{ id: A }]\npositions_csv: "
                        << csv << "\n";
    return LoadInput(*Policy(), yaml.string(), access);
  }
  std::string Outside() const {
    return "`: it is outside the allowed folders (`" + fs::canonical(input).string() +
           "`); allow more with `--allow-path`";
  }
  std::string Prefix() const {
    return (input / "input.yaml").string() + ":3: field `positions_csv`: ";
  }
};

std::string AllText(const LoadResult& loaded) {
  std::string text;
  for (const Diagnostic& d : loaded.diagnostics)
    text += d.message + "\n";
  return text;
}

const Diagnostic& OnlyError(const LoadResult& loaded) {
  INFO(AllText(loaded));
  REQUIRE(loaded.diagnostics.size() == 1);
  return loaded.diagnostics[0];
}

TEST_CASE("positions_csv outside the input's folder is refused", "[runtime][sandbox]") {
  const Folders f;
  REQUIRE(::setenv("COLLAT_SANDBOX_PROBE", "ENV-TOKEN-1618", 1) == 0);
  for (const std::string& written : {std::string("/etc/passwd"), std::string("/proc/self/environ"),
                                     std::string("../outside/secret.csv")}) {
    INFO(written);
    const LoadResult loaded = f.Load(written);
    const Diagnostic& d = OnlyError(loaded);
    CHECK(d.kind == DiagnosticKind::io_error);
    const std::string shown =
        written[0] == '/' ? written : (f.input / written).lexically_normal().string();
    CHECK(d.message == f.Prefix() + "cannot read `" + shown + f.Outside());
    CHECK(AllText(loaded).find(kSecret) == std::string::npos);
    CHECK(AllText(loaded).find("ENV-TOKEN") == std::string::npos);
    CHECK(AllText(loaded).find("root:") == std::string::npos);
    CHECK(loaded.input.positions.size() == 0);
  }
  fs::create_symlink(f.outside / "secret.csv", f.input / "link.csv");
  const LoadResult linked = f.Load("link.csv");
  CHECK(OnlyError(linked).message ==
        f.Prefix() + "cannot read `" + (f.input / "link.csv").string() + f.Outside());
  CHECK(AllText(linked).find(kSecret) == std::string::npos);
}

TEST_CASE("allow_paths admit a CSV elsewhere; no roots admit none", "[runtime][sandbox]") {
  const Folders f;
  FileAccess access;
  access.allow_paths = {f.outside.string()};
  const LoadResult allowed = f.Load("../outside/secret.csv", access);
  INFO(AllText(allowed));
  CHECK(allowed.diagnostics.empty());
  CHECK(allowed.input.positions.size() == 1);

  CHECK(f.Load("ok.csv").diagnostics.empty());
  FileAccess none;
  none.naming_folder = false;
  CHECK(OnlyError(f.Load("ok.csv", none)).message ==
        f.Prefix() + "cannot read `" + (f.input / "ok.csv").string() +
            "`: file access is disabled (no allowed folders)");
}

TEST_CASE("a FIFO, /dev/zero or a directory as positions_csv fails at once", "[runtime][sandbox]") {
  const Folders f;
  REQUIRE(::mkfifo((f.input / "pipe.csv").c_str(), 0600) == 0);
  CHECK(OnlyError(f.Load("pipe.csv")).message == f.Prefix() + "cannot read `" +
                                                     (f.input / "pipe.csv").string() +
                                                     "`: it is a FIFO, not a regular file");
  FileAccess dev;
  dev.allow_paths = {"/dev"};
  CHECK(OnlyError(f.Load("/dev/zero", dev)).message ==
        f.Prefix() + "cannot read `/dev/zero`: it is a device, not a regular file");
  fs::create_directory(f.input / "folder.csv");
  CHECK(OnlyError(f.Load("folder.csv")).message ==
        f.Prefix() + "cannot read `" + (f.input / "folder.csv").string() + "`: it is a directory");
  FileAccess proc;
  proc.allow_paths = {"/proc/self"};
  CHECK(OnlyError(f.Load("/proc/self/environ", proc)).message ==
        f.Prefix() +
            "cannot read `/proc/self/environ`: it is a /proc or /sys file, not a regular "
            "file");
}

TEST_CASE("a CSV cell over 1 MiB is refused when it reaches the limit", "[runtime][sandbox]") {
  const Folders f;
  {
    std::ofstream out(f.input / "long.csv", std::ios::binary);
    out << "account,id,asset\nA,P1,x\nA,P2,\"";
    out << std::string(load::kMaxCsvCellBytes + 1, 'y') << "\"\n";
  }
  const LoadResult loaded = f.Load("long.csv");
  CHECK(OnlyError(loaded).kind == DiagnosticKind::input_syntax_error);
  CHECK(OnlyError(loaded).message ==
        (f.input / "long.csv").string() +
            ":3: a cell in field `asset` is longer than 1048576 bytes");

  // A cell of exactly the limit is accepted.
  {
    std::ofstream out(f.input / "limit.csv", std::ios::binary);
    out << "account,id,asset\nA,P1," << std::string(load::kMaxCsvCellBytes, 'z') << "\n";
  }
  const LoadResult limit = f.Load("limit.csv");
  INFO(AllText(limit));
  CHECK(limit.diagnostics.empty());
  CHECK(limit.input.positions.size() == 1);
}

TEST_CASE("a positions CSV over 1 GiB is refused from its size", "[runtime][sandbox]") {
  const Folders f;
  {
    std::ofstream out(f.input / "huge.csv", std::ios::binary);
    out << "account,id\n";
    out.seekp(static_cast<std::streamoff>(load::kMaxCsvBytes));  // sparse: cheap to make
    out.put('\n');
  }
  CHECK(OnlyError(f.Load("huge.csv")).message == f.Prefix() + "`" +
                                                     (f.input / "huge.csv").string() +
                                                     "` is 1073741825 bytes; collat reads "
                                                     "files of at most 1073741824 bytes");
}

}  // namespace
}  // namespace collat::runtime
