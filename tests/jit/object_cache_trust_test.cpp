// The object cache's threat model (docs/language.md 15.6): a file the cache did not write with
// its own key is never loaded as native code, and a directory or key file other users could have
// written makes the engine compile without a cache and say why. Runs as any user; the test of a
// directory owned by someone else chowns a scratch directory when run as root and otherwise uses
// `/`, which root owns (either way the engine must refuse it).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "compiler/load_program.h"
#include "compiler/policy_hash.h"
#include "jit/jit_engine.h"
#include "jit/kernel_evaluate.h"
#include "program/compile.h"
#include "runtime/load_input.h"
#include "runtime/report_json.h"
#include "tests/test_support.h"

namespace collat::jit {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<JitEngine> Engine() {
  static const std::shared_ptr<JitEngine> engine = *JitEngine::Create();
  return engine;
}

std::shared_ptr<const ir::Policy> Policy(const std::string& name) {
  const CompiledPolicy compiled =
      program::CompileFile(testing::RepoPath("policies/" + name + ".collat"));
  REQUIRE(compiled.policy);
  return compiled.policy;
}

fs::path ScratchDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("collat-cache-trust-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  return dir;
}

void Spit(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string ExampleReport(const Kernel& kernel) {
  const runtime::LoadResult loaded = runtime::LoadInput(
      kernel.policy(), testing::RepoPath("examples/inputs/us_uncleared_margin.yaml"));
  REQUIRE_FALSE(HasErrors(loaded.diagnostics));
  return runtime::RenderJson(
      EvaluateWithKernel(kernel.policy(), kernel.plan(), kernel.fn(),
                         std::make_shared<const collat::runtime::Input>(loaded.input))
          .value());
}

// The cache entries (.o files) of `dir`, excluding `except`.
std::vector<fs::path> Entries(const fs::path& dir, const fs::path& except = {}) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".o" && entry.path() != except) files.push_back(entry.path());
  return files;
}

// The header lines and the object of a cache file.
struct Parsed {
  std::string magic, key, length, mac, object;
};
Parsed Parse(const std::string& file) {
  Parsed p;
  std::size_t pos = 0;
  for (std::string* line : {&p.magic, &p.key, &p.length, &p.mac}) {
    const std::size_t end = file.find('\n', pos);
    REQUIRE(end != std::string::npos);
    *line = file.substr(pos, end - pos);
    pos = end + 1;
  }
  p.object = file.substr(pos);
  return p;
}
std::string Join(const Parsed& p) {
  return p.magic + '\n' + p.key + '\n' + p.length + '\n' + p.mac + '\n' + p.object;
}

TEST_CASE("a cache file holding another policy's object is recompiled, never loaded",
          "[jit][cache]") {
  const fs::path dir = ScratchDir("swap");
  const JitOptions options{1, dir.string()};
  const auto victim = Policy("us_uncleared_margin");
  auto cold = Engine()->Compile(victim, options);
  REQUIRE(cold.ok());
  const std::string expected = ExampleReport(**cold);
  REQUIRE(Entries(dir).size() == 1);
  const fs::path victim_file = Entries(dir).front();
  const std::string victim_good = testing::ReadFile(victim_file);
  REQUIRE(Engine()->Compile(Policy("crypto_tiered"), options).ok());
  REQUIRE(Entries(dir, victim_file).size() == 1);
  const Parsed other = Parse(testing::ReadFile(Entries(dir, victim_file).front()));
  const Parsed victim_parsed = Parse(victim_good);
  REQUIRE(other.object != victim_parsed.object);

  // The other policy's object under the victim's key, with a correct length and, as the
  // integrity field, the object's SHA-256 (what the unauthenticated format trusted), or the
  // other file's own MAC (valid for the other key only), or the victim's MAC.
  Parsed forged = other;
  forged.key = victim_parsed.key;
  for (const std::string& mac : {Sha256Hex(other.object), other.mac, victim_parsed.mac}) {
    forged.mac = mac;
    Spit(victim_file, Join(forged));
    auto again = Engine()->Compile(victim, options);
    REQUIRE(again.ok());
    CHECK_FALSE((*again)->stats().cache_hit);
    CHECK_THAT((*again)->stats().cache_note, Catch::Contains("not authentic"));
    CHECK(ExampleReport(**again) == expected);
    CHECK(testing::ReadFile(victim_file) == victim_good);  // rewritten by the recompile
  }
  fs::remove_all(dir);
}

TEST_CASE("a tampered MAC or a file from another cache key is not loaded", "[jit][cache]") {
  const fs::path dir = ScratchDir("mac");
  const JitOptions options{1, dir.string()};
  const auto policy = Policy("us_uncleared_margin");
  REQUIRE(Engine()->Compile(policy, options).ok());
  const fs::path file = Entries(dir).front();
  const std::string good = testing::ReadFile(file);

  SECTION("one hex digit of the MAC changed") {
    Parsed bad = Parse(good);
    bad.mac[7] = bad.mac[7] == '0' ? '1' : '0';
    Spit(file, Join(bad));
  }
  SECTION("the MAC of a fresh key: the file was written by another cache") {
    const fs::path other = ScratchDir("mac-other");
    REQUIRE(Engine()->Compile(policy, {1, other.string()}).ok());
    const std::string foreign = testing::ReadFile(other / file.filename());
    REQUIRE(foreign != good);  // same object, same key line, another secret
    Spit(file, foreign);
    fs::remove_all(other);
  }
  auto again = Engine()->Compile(policy, options);
  REQUIRE(again.ok());
  CHECK_FALSE((*again)->stats().cache_hit);
  CHECK_THAT((*again)->stats().cache_note, Catch::Contains("not authentic"));
  CHECK(testing::ReadFile(file) == good);
  fs::remove_all(dir);
}

TEST_CASE("the key file is created private and checked before every use", "[jit][cache]") {
  const fs::path dir = ScratchDir("key");
  const fs::path cache = dir / "made" / "here";
  const JitOptions options{1, cache.string()};
  const auto policy = Policy("us_uncleared_margin");
  auto cold = Engine()->Compile(policy, options);
  REQUIRE(cold.ok());
  CHECK((*cold)->stats().cache_refused.empty());
  const fs::path key = cache / "key";
  struct stat info {};
  REQUIRE(::stat(cache.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  REQUIRE(::stat(key.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(fs::file_size(key) == 32);
  REQUIRE(Engine()->Compile(policy, options).value()->stats().cache_hit);

  SECTION("a missing key: a new one is drawn, and the old entries fail its MAC") {
    const std::string old_key = testing::ReadFile(key);
    fs::remove(key);
    auto again = Engine()->Compile(policy, options);
    REQUIRE(again.ok());
    CHECK_FALSE((*again)->stats().cache_hit);
    CHECK_THAT((*again)->stats().cache_note, Catch::Contains("not authentic"));
    CHECK(testing::ReadFile(key).size() == 32);
    CHECK(testing::ReadFile(key) != old_key);
    CHECK(Engine()->Compile(policy, options).value()->stats().cache_hit);
  }
  struct Loose {
    const char* name;
    std::function<void()> damage;
    const char* reason;
  };
  const std::vector<Loose> looses = {
      {"a key readable by others",
       [&] { fs::permissions(key, fs::perms::others_read, fs::perm_options::add); }, "mode 0604"},
      {"a key readable by the group",
       [&] { fs::permissions(key, fs::perms::group_read, fs::perm_options::add); }, "mode 0640"},
      {"a short key", [&] { fs::resize_file(key, 16); }, "is 16 bytes, a key is 32"},
      {"a key that is a symbolic link",
       [&] {
         fs::rename(key, cache / "elsewhere");
         fs::create_symlink(cache / "elsewhere", key);
       },
       "symbolic link"},
      {"a key that is a directory",
       [&] {
         fs::remove(key);
         fs::create_directory(key);
       },
       "not a regular file"},
  };
  for (const Loose& loose : looses) {
    DYNAMIC_SECTION(loose.name) {
      loose.damage();
      auto again = Engine()->Compile(policy, options);
      REQUIRE(again.ok());  // compiled, without the cache
      CHECK_FALSE((*again)->stats().cache_hit);
      CHECK_THAT((*again)->stats().cache_refused,
                 Catch::Contains("object cache not used") && Catch::Contains(loose.reason));
      CHECK_FALSE(ExampleReport(**again).empty());
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("a cache directory other users can write to is refused", "[jit][cache]") {
  const fs::path dir = ScratchDir("perms");
  const JitOptions options{1, dir.string()};
  const auto policy = Policy("us_uncleared_margin");
  REQUIRE(Engine()->Compile(policy, options).ok());
  const std::size_t entries = Entries(dir).size();
  for (const auto& [mode, text] : std::vector<std::pair<fs::perms, const char*>>{
           {fs::perms::all, "mode 0777"},
           {fs::perms::owner_all | fs::perms::group_all, "mode 0770"},
           {fs::perms::owner_all | fs::perms::others_write | fs::perms::others_exec, "mode 0703"},
       }) {
    fs::permissions(dir, mode);
    auto kernel = Engine()->Compile(policy, options);
    REQUIRE(kernel.ok());
    CHECK_FALSE((*kernel)->stats().cache_hit);  // the good entry is not trusted either
    CHECK_THAT((*kernel)->stats().cache_refused,
               Catch::Contains("object cache not used") && Catch::Contains(text) &&
                   Catch::Contains("other users could plant code"));
    CHECK(Entries(dir).size() == entries);  // nothing written
  }
  fs::permissions(dir, fs::perms::owner_all);
  CHECK(Engine()->Compile(policy, options).value()->stats().cache_hit);
  fs::remove_all(dir);
}

TEST_CASE("a cache directory owned by another user is refused", "[jit][cache]") {
  fs::path dir = "/";  // owned by root: another user, unless the test runs as root
  const fs::path scratch = ScratchDir("owner");
  if (::geteuid() == 0) {
    dir = scratch;
    REQUIRE(::chown(dir.c_str(), 65534, 65534) == 0);  // nobody
  }
  auto kernel = Engine()->Compile(Policy("us_uncleared_margin"), {1, dir.string()});
  REQUIRE(kernel.ok());
  CHECK_THAT((*kernel)->stats().cache_refused,
             Catch::Contains("is owned by uid") && Catch::Contains("not by the current user"));
  CHECK(Entries(dir).empty());
  fs::remove_all(scratch);
}

}  // namespace
}  // namespace collat::jit
