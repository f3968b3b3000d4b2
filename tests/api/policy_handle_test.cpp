// PolicyHandle: swaps are atomic, versions count them, a failed reload changes nothing, and a
// snapshot taken before a swap still evaluates on its own policy.
#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/api/api_test_support.h"

namespace collat::testing {
namespace {

// Two versions of the US policy: the shipped one and one with S&P 500 equities at 20%.
struct TwoVersions {
  std::string a = ReadFile(RepoPath("policies/us_uncleared_margin.collat"));
  std::string b = Changed(a);

  static std::string Changed(std::string text) {
    const std::string from = "index == sp500 => 15%";
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), "index == sp500 => 20%");
    return text;
  }
};

TEST_CASE("reload swaps the policy and counts versions", "[api]") {
  const TwoVersions versions;
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  const Policy a = Unwrap(engine.CompileSource(versions.a, "a.collat"));
  const Input input =
      Unwrap(LoadInputFile(a, RepoPath("examples/inputs/us_uncleared_margin.yaml")));
  const std::string json_a = Unwrap(a.Evaluate(input)).ToJson();

  PolicyHandle handle(engine, a);
  CHECK(handle.version() == 1);
  const PolicyHandle::Snapshot before = handle.Current();
  CHECK(before.version == 1);

  const auto swapped = handle.ReloadSource(versions.b, "b.collat");
  REQUIRE(swapped.ok());
  CHECK(*swapped == 2);
  const PolicyHandle::Snapshot after = handle.Current();
  CHECK(after.version == 2);
  CHECK(after.policy.sha256() != a.sha256());
  const std::string json_b = Unwrap(after.policy.Evaluate(input)).ToJson();
  CHECK(json_b != json_a);
  // The snapshot taken before the swap still evaluates on version A.
  CHECK(Unwrap(before.policy.Evaluate(input)).ToJson() == json_a);

  // A reload that does not compile leaves version B in force.
  const auto failed = handle.ReloadSource(versions.b + "\nlet x = (1\n", "broken.collat");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == ErrorCode::Compile);
  REQUIRE_FALSE(failed.error().diagnostics.empty());
  CHECK(failed.error().diagnostics[0].file == "broken.collat");
  CHECK(failed.error().diagnostics[0].line > 0);
  CHECK(handle.version() == 2);
  CHECK(handle.Current().policy.sha256() == after.policy.sha256());

  CHECK(handle.Swap(a) == 3);
  CHECK(handle.Current().policy.sha256() == a.sha256());
}

TEST_CASE("reload from a file, and a missing file keeps the policy", "[api]") {
  const TwoVersions versions;
  const auto dir =
      std::filesystem::temp_directory_path() / ("collat-api-reload-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.collat", std::ios::binary) << versions.b;
  const Engine engine = MakeEngine(EngineKind::Jit);
  PolicyHandle handle(engine, Unwrap(engine.CompileSource(versions.a, "a.collat")));
  const auto reloaded = handle.Reload((dir / "b.collat").string());
  REQUIRE(reloaded.ok());
  CHECK(*reloaded == 2);
  const auto missing = handle.Reload((dir / "missing.collat").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::Io);
  CHECK(handle.version() == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("readers see whole swaps while another thread swaps", "[api]") {
  const TwoVersions versions;
  const Engine engine = MakeEngine(EngineKind::Interpreter);
  const Policy a = Unwrap(engine.CompileSource(versions.a, "a.collat"));
  const Policy b = Unwrap(engine.CompileSource(versions.b, "b.collat"));
  const Input input =
      Unwrap(LoadInputFile(a, RepoPath("examples/inputs/us_uncleared_margin.yaml")));
  const std::string json_a = Unwrap(a.Evaluate(input)).ToJson();
  const std::string json_b = Unwrap(b.Evaluate(input)).ToJson();

  PolicyHandle handle(engine, a);
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::atomic<int> done{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      std::uint64_t last_version = 0;
      while (!stop.load()) {
        const PolicyHandle::Snapshot s = handle.Current();
        // Odd versions are A, even ones B; versions never go back.
        const auto report = s.policy.Evaluate(input);
        const std::string& expected = s.version % 2 == 1 ? json_a : json_b;
        if (!report.ok() || report->ToJson() != expected || s.version < last_version) ++bad;
        last_version = s.version;
        ++done;
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    const int before = done.load();
    handle.Swap(i % 2 == 0 ? b : a);
    while (done.load() < before + 3)
      std::this_thread::yield();
  }
  stop.store(true);
  for (std::thread& reader : readers)
    reader.join();
  CHECK(bad.load() == 0);
  CHECK(handle.version() == 21);
}

}  // namespace
}  // namespace collat::testing
