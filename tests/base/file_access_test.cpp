// Safe file access (base/read_file.h, base/file_roots.h): only regular files, opened without
// blocking; paths resolved (`..`, symlinks) and refused outside the allowed folders before any
// read, with messages that name the path and quote nothing of the file.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/file_roots.h"
#include "base/read_file.h"

namespace collat {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test case: root/{inside,outside}, with a secret outside.
struct Tree {
  fs::path root;
  fs::path inside;
  fs::path outside;
  Tree() {
    root = fs::temp_directory_path() / ("collat_file_access_" + std::to_string(::getpid()));
    fs::remove_all(root);
    inside = root / "inside";
    outside = root / "inside-not";  // shares a prefix with `inside`: must still be outside
    fs::create_directories(inside / "sub");
    fs::create_directories(outside);
    std::ofstream(outside / "secret.collat") << "SECRET-TOKEN-7731\n";
    std::ofstream(inside / "ok.collat") << "let a = 1\n";
  }
  ~Tree() { fs::remove_all(root); }
  std::string Canonical(const fs::path& p) const { return fs::canonical(p).string(); }
};

std::string MessageOf(const std::variant<SourceFilePtr, Diagnostic>& read) {
  REQUIRE(std::holds_alternative<Diagnostic>(read));
  return std::get<Diagnostic>(read).message;
}

TEST_CASE("a FIFO is refused at once, without blocking for a writer", "[base][sandbox]") {
  const Tree tree;
  const fs::path fifo = tree.inside / "pipe.collat";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto read = ReadSourceFile(fifo.string());
  CHECK(MessageOf(read) == "cannot read `" + fifo.string() + "`: it is a FIFO, not a regular file");
  CHECK(std::get<Diagnostic>(read).kind == DiagnosticKind::io_error);
}

TEST_CASE("a device is refused before a byte is read", "[base][sandbox]") {
  CHECK(MessageOf(ReadSourceFile("/dev/zero")) ==
        "cannot read `/dev/zero`: it is a device, not a regular file");
  CHECK(MessageOf(ReadSourceFile("/dev/null")) ==
        "cannot read `/dev/null`: it is a device, not a regular file");
}

TEST_CASE("a /proc file is refused though it claims to be a regular file", "[base][sandbox]") {
  REQUIRE(::setenv("COLLAT_SANDBOX_PROBE", "ENV-TOKEN-5150", 1) == 0);
  const auto read = ReadSourceFile("/proc/self/environ");
  CHECK(MessageOf(read) ==
        "cannot read `/proc/self/environ`: it is a /proc or /sys file, not a regular file");
  CHECK(MessageOf(read).find("ENV-TOKEN") == std::string::npos);
}

TEST_CASE("a resolved path that is a symbolic link is not followed", "[base][sandbox]") {
  const Tree tree;
  const fs::path link = tree.inside / "link.collat";
  fs::create_symlink(tree.outside / "secret.collat", link);
  const auto read = ReadResolvedSourceFile(link.string(), "link.collat");
  CHECK(MessageOf(read) == "cannot read `link.collat`: it became a symbolic link");
  // The same file read as a path the user named is followed.
  REQUIRE(std::holds_alternative<SourceFilePtr>(ReadSourceFile(link.string())));
}

TEST_CASE("OpenRegularFile applies the caller's size limit from fstat", "[base][sandbox]") {
  const Tree tree;
  const fs::path file = tree.inside / "ten.csv";
  std::ofstream(file) << "0123456789";
  const auto opened = OpenRegularFile(file.string(), "ten.csv", 9);
  REQUIRE(std::holds_alternative<Diagnostic>(opened));
  CHECK(std::get<Diagnostic>(opened).kind == DiagnosticKind::file_too_large);
  CHECK(std::get<Diagnostic>(opened).message ==
        "`ten.csv` is 10 bytes; collat reads files of at most 9 bytes");
  CHECK(std::holds_alternative<FileDescriptor>(OpenRegularFile(file.string(), "ten.csv", 10)));
}

TEST_CASE("paths inside a root resolve to their canonical form", "[base][sandbox]") {
  const Tree tree;
  const FileRoots roots = FileRoots::For({}, (tree.inside / "policy.collat").string());
  const auto direct = roots.Resolve(tree.inside / "ok.collat", "ok.collat");
  CHECK(direct.error.empty());
  CHECK(direct.path == tree.Canonical(tree.inside / "ok.collat"));
  // `..` that stays inside, and a symlink whose target is inside, are allowed.
  CHECK(roots.Resolve(tree.inside / "sub" / ".." / "ok.collat", "x").error.empty());
  fs::create_symlink(tree.inside / "ok.collat", tree.inside / "sub" / "alias.collat");
  const auto alias = roots.Resolve(tree.inside / "sub" / "alias.collat", "x");
  CHECK(alias.error.empty());
  CHECK(alias.path == tree.Canonical(tree.inside / "ok.collat"));
}

TEST_CASE("paths outside every root are refused, naming the path", "[base][sandbox]") {
  const Tree tree;
  const FileRoots roots = FileRoots::For({}, (tree.inside / "policy.collat").string());
  const std::string suffix = "`: it is outside the allowed folders (`" +
                             tree.Canonical(tree.inside) + "`); allow more with `--allow-path`";
  CHECK(roots.Resolve("/etc/passwd", "/etc/passwd").error == "cannot read `/etc/passwd" + suffix);
  const fs::path up = tree.inside / "../../../../../../../../proc/self/environ";
  CHECK(roots.Resolve(up, "../../../../proc/self/environ").error ==
        "cannot read `../../../../proc/self/environ" + suffix);
  // A sibling folder whose name starts with the root's name is outside.
  CHECK(roots.Resolve(tree.outside / "secret.collat", "s").error == "cannot read `s" + suffix);
  // A symlink inside that points out.
  fs::create_symlink(tree.outside / "secret.collat", tree.inside / "link.collat");
  const auto link = roots.Resolve(tree.inside / "link.collat", "link.collat");
  CHECK(link.path.empty());
  CHECK(link.error == "cannot read `link.collat" + suffix);
  // A symlinked folder that points out.
  fs::create_directory_symlink(tree.outside, tree.inside / "out");
  CHECK_FALSE(roots.Resolve(tree.inside / "out" / "secret.collat", "x").error.empty());
}

TEST_CASE("allow_paths add roots; no roots refuse everything", "[base][sandbox]") {
  const Tree tree;
  FileAccess access;
  access.allow_paths = {tree.outside.string()};
  const FileRoots both = FileRoots::For(access, (tree.inside / "p.collat").string());
  CHECK(both.Resolve(tree.outside / "secret.collat", "s").error.empty());
  CHECK(both.Resolve(tree.inside / "ok.collat", "ok").error.empty());

  access.naming_folder = false;
  access.allow_paths.clear();
  const FileRoots none = FileRoots::For(access, (tree.inside / "p.collat").string());
  CHECK(none.empty());
  CHECK(none.Resolve(tree.inside / "ok.collat", "ok.collat").error ==
        "cannot read `ok.collat`: file access is disabled (no allowed folders)");
}

}  // namespace
}  // namespace collat
