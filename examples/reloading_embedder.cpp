// Hot reload under load: four threads evaluate continuously while the main thread reloads the
// policy file, alternating between two versions that differ in one haircut (S&P 500 equities at
// 15% or 20%), and once tries a broken file that must leave the policy in force. Every report must
// be byte-identical to the report of exactly the version its snapshot holds; any other report is
// an inconsistency and the program exits 1. Runs on both engines.
//
// Usage: reloading_embedder REPO_ROOT
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "collat/collat.h"

namespace {

namespace fs = std::filesystem;

constexpr int kThreads = 4;
constexpr int kReloads = 8;

void Print(const collat::ErrorInfo& error) {
  std::fprintf(stderr, "error [%s]: %s\n", collat::ErrorCodeName(error.code),
               error.message.c_str());
  for (const collat::DiagnosticInfo& d : error.diagnostics)
    std::fputs(d.rendered.c_str(), stderr);
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// `text` with `from` replaced by `to`, which must occur exactly once.
bool ReplaceOnce(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) return false;
  text.replace(at, from.size(), to);
  return true;
}

struct Versions {
  fs::path a, b, broken;
};

// Writes version A (the shipped policy), version B (another S&P 500 haircut and version string)
// and a file that does not compile into `dir`.
bool WriteVersions(const std::string& root, const fs::path& dir, Versions& out) {
  const std::string a = ReadText(fs::path(root) / "policies/us_uncleared_margin.collat");
  std::string b = a;
  if (!ReplaceOnce(b, "index == sp500 => 15%", "index == sp500 => 20%") ||
      !ReplaceOnce(b, "\"2026.1\"", "\"2026.1-b\"")) {
    std::fputs("the policy text changed: update reloading_embedder's replacements\n", stderr);
    return false;
  }
  fs::create_directories(dir);
  out = {dir / "margin_a.collat", dir / "margin_b.collat", dir / "margin_broken.collat"};
  WriteText(out.a, a);
  WriteText(out.b, b);
  WriteText(out.broken, b + "\nlet oops = (1 +\n");
  return true;
}

int Run(const std::string& root, const Versions& files, collat::EngineKind kind) {
  collat::EngineOptions options;
  options.engine = kind;
  auto engine = collat::Engine::Create(options);
  if (!engine) return Print(engine.error()), 1;
  auto a = engine->CompileFile(files.a.string());
  auto b = engine->CompileFile(files.b.string());
  if (!a) return Print(a.error()), 1;
  if (!b) return Print(b.error()), 1;
  auto input = collat::LoadInputFile(*a, root + "/examples/inputs/us_uncleared_margin.yaml");
  if (!input) return Print(input.error()), 1;

  // The one correct report of each version, by its hash.
  std::map<std::string, std::string> expected;
  for (const collat::Policy* policy : {&*a, &*b}) {
    auto report = policy->Evaluate(*input);
    if (!report) return Print(report.error()), 1;
    expected[policy->sha256()] = report->ToJson();
  }
  if (expected.size() != 2 || expected.begin()->second == expected.rbegin()->second) {
    std::fputs("the two versions must differ in hash and in report\n", stderr);
    return 1;
  }

  collat::PolicyHandle handle(*engine, *a);
  std::atomic<bool> stop{false};
  std::atomic<long> evaluations{0};
  std::atomic<long> inconsistent{0};
  std::atomic<long> on_b{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&] {
      while (!stop.load()) {
        const collat::PolicyHandle::Snapshot snapshot = handle.Current();
        auto report = snapshot.policy.Evaluate(*input);
        const auto it = expected.find(snapshot.policy.sha256());
        if (!report || it == expected.end() || report->ToJson() != it->second ||
            report->policy_sha256() != snapshot.policy.sha256()) {
          inconsistent.fetch_add(1);
        }
        if (snapshot.policy.version() == "2026.1-b") on_b.fetch_add(1);
        evaluations.fetch_add(1);
      }
    });
  }

  int status = 0;
  for (int i = 1; i <= kReloads && status == 0; ++i) {
    const long before = evaluations.load();
    auto version = handle.Reload((i % 2 == 1 ? files.b : files.a).string());
    if (!version || *version != static_cast<std::uint64_t>(i) + 1) {
      std::fprintf(stderr, "reload %d failed or gave the wrong version\n", i);
      status = 1;
    }
    if (i == kReloads / 2) {  // a broken file: the policy in force and its version stay
      const std::string sha = handle.Current().policy.sha256();
      auto broken = handle.Reload(files.broken.string());
      if (broken || broken.error().code != collat::ErrorCode::Compile ||
          broken.error().diagnostics.empty() || handle.Current().policy.sha256() != sha ||
          handle.version() != static_cast<std::uint64_t>(i) + 1) {
        std::fputs("a broken reload changed the policy in force\n", stderr);
        status = 1;
      }
    }
    // Let every thread evaluate on this version before the next swap.
    while (evaluations.load() < before + 2 * kThreads)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  stop.store(true);
  for (std::thread& worker : workers)
    worker.join();

  std::fprintf(stderr, "%s: %ld evaluations (%ld on version B), %ld inconsistent, version %llu\n",
               kind == collat::EngineKind::Jit ? "jit" : "interpreter", evaluations.load(),
               on_b.load(), inconsistent.load(), static_cast<unsigned long long>(handle.version()));
  if (inconsistent.load() != 0 || on_b.load() == 0 || on_b.load() == evaluations.load()) status = 1;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: reloading_embedder REPO_ROOT\n");
    return 2;
  }
  const fs::path dir =
      fs::temp_directory_path() / ("collat-reloading-embedder-" + std::to_string(::getpid()));
  Versions files;
  int status = WriteVersions(argv[1], dir, files) ? 0 : 1;
  for (const auto kind : {collat::EngineKind::Interpreter, collat::EngineKind::Jit}) {
    if (status == 0) status = Run(argv[1], files, kind);
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  if (status == 0) std::fputs("reloading_embedder: ok (interpreter and JIT)\n", stderr);
  return status;
}
