// bench/run's reducer: reads Google Benchmark JSON from kernel_bench and compile_bench, prints the
// tables of docs/performance.md (engine x policy ns/position and ratios, full reports, compile
// latency, the targets met or missed) and writes them as one JSON file.
//
// With SCALING_JSON (bench/scaling's --json), also the cost per rule, arm, band and limit and its
// growth from the smallest N to the largest (issue 9: at most 2x), under "scaling".
//
// Usage: results_table KERNEL_JSON COMPILE_JSON OUT_JSON [SCALING_JSON]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

constexpr const char* kPolicies[] = {"us_uncleared_margin", "crypto_tiered",
                                     "cme_performance_bond"};
constexpr const char* kEngines[] = {"handwritten", "jit", "luajit", "interpreter"};
constexpr const char* kGenerated = "generated_1000_rules";

// name "row/policy/engine[/real_time]" -> the benchmark's entry.
std::map<std::string, json> ByName(const json& doc) {
  std::map<std::string, json> out;
  for (const json& b : doc.at("benchmarks")) {
    std::string name = b.at("name").get<std::string>();
    const std::string suffix = "/real_time";
    if (name.size() > suffix.size() && name.ends_with(suffix))
      name.resize(name.size() - suffix.size());
    if (!b.contains("error_occurred") || !b.at("error_occurred").get<bool>()) out[name] = b;
  }
  return out;
}

double NsPerPosition(const std::map<std::string, json>& runs, const std::string& name) {
  const auto it = runs.find(name);
  if (it == runs.end() || !it->second.contains("items_per_second")) return 0;
  return 1e9 / it->second.at("items_per_second").get<double>();
}

double Milliseconds(const std::map<std::string, json>& runs, const std::string& name) {
  const auto it = runs.find(name);
  if (it == runs.end()) return 0;
  return it->second.at("real_time").get<double>();  // compile_bench reports in ms
}

std::string Num(double v, int digits = 1) {
  return v > 0 ? fmt::format("{:.{}f}", v, digits) : "n/a";
}

struct Target {
  std::string name;
  std::string goal;
  std::string measured;
  bool met = false;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: results_table KERNEL_JSON COMPILE_JSON OUT_JSON [SCALING_JSON]\n";
    return 2;
  }
  json kernel_doc;
  json compile_doc;
  json scaling_doc;
  try {
    std::ifstream(argv[1]) >> kernel_doc;
    std::ifstream(argv[2]) >> compile_doc;
    if (argc == 5) std::ifstream(argv[4]) >> scaling_doc;
  } catch (const json::exception& e) {
    std::cerr << "results_table: " << e.what() << "\n";
    return 2;
  }
  const auto kernels = ByName(kernel_doc);
  const auto compiles = ByName(compile_doc);
  json out;
  out["context"] = kernel_doc.at("context");
  std::vector<Target> targets;

  // Per-position work (step 2).
  std::cout
      << "\n## Per-position work (step 2), 1,000,000 generated positions, one core\n\n"
      << "| policy | hand-written ns/pos | JIT -O2 ns/pos | LuaJIT ns/pos | interpreter ns/pos "
         "| JIT / hand-written | interpreter / JIT | LuaJIT / JIT | JIT positions/s/core |\n"
      << "|---|---|---|---|---|---|---|---|---|\n";
  bool within = true;
  bool interp_slow = true;
  bool lua_slow = true;
  std::string within_text, interp_text, lua_text;
  for (const char* policy : kPolicies) {
    std::map<std::string, double> ns;
    for (const char* engine : kEngines)
      ns[engine] = NsPerPosition(kernels, fmt::format("kernel/{}/{}", policy, engine));
    const double jit = ns["jit"];
    const double vs_hand = ns["handwritten"] > 0 ? jit / ns["handwritten"] : 0;
    const double interp = jit > 0 ? ns["interpreter"] / jit : 0;
    const double lua = jit > 0 ? ns["luajit"] / jit : 0;
    const double rate = jit > 0 ? 1e9 / jit : 0;
    std::cout << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} M |\n", policy,
                             Num(ns["handwritten"]), Num(jit), Num(ns["luajit"]),
                             Num(ns["interpreter"]), Num(vs_hand, 2), Num(interp), Num(lua, 2),
                             Num(rate / 1e6));
    json& row = out["kernel"][policy];
    for (const auto& [engine, v] : ns)
      row["ns_per_position"][engine] = v;
    row["jit_over_handwritten"] = vs_hand;
    row["interpreter_over_jit"] = interp;
    row["luajit_over_jit"] = lua;
    row["jit_positions_per_second"] = rate;
    within = within && vs_hand > 0 && vs_hand <= 1.3;
    interp_slow = interp_slow && interp >= 10;
    lua_slow = lua_slow && lua >= 2;
    within_text += fmt::format("{}{} {:.2f}x", within_text.empty() ? "" : ", ", policy, vs_hand);
    interp_text += fmt::format("{}{} {:.1f}x", interp_text.empty() ? "" : ", ", policy, interp);
    lua_text += fmt::format("{}{} {:.2f}x", lua_text.empty() ? "" : ", ", policy, lua);
  }
  targets.push_back({"JIT within 1.3x of hand-written", "<= 1.3x", within_text, within});
  targets.push_back({"interpreter >= 10x slower than JIT", ">= 10x", interp_text, interp_slow});
  targets.push_back({"LuaJIT >= 2x slower than JIT", ">= 2x", lua_text, lua_slow});
  const double us_rate = 1e9 / NsPerPosition(kernels, "kernel/us_uncleared_margin/jit");
  targets.push_back({"JIT > 50 M positions/s/core on us_uncleared_margin", "> 50 M/s",
                     fmt::format("{:.1f} M/s", us_rate / 1e6), us_rate > 50e6});

  // Full reports.
  std::cout << "\n## Full report (steps 1-5, report included), one thread\n\n"
            << "| policy | interpreter ns/pos | JIT kernel ns/pos | hand-written kernel ns/pos | "
               "interpreter / JIT |\n|---|---|---|---|---|\n";
  for (const char* policy : kPolicies) {
    const double interp = NsPerPosition(kernels, fmt::format("report/{}/interpreter", policy));
    const double jit = NsPerPosition(kernels, fmt::format("report/{}/jit", policy));
    const double hand = NsPerPosition(kernels, fmt::format("report/{}/handwritten", policy));
    std::cout << fmt::format("| {} | {} | {} | {} | {} |\n", policy, Num(interp), Num(jit),
                             Num(hand), Num(jit > 0 ? interp / jit : 0, 2));
    out["report"][policy] = {{"interpreter", interp}, {"jit", jit}, {"handwritten", hand}};
  }

  // Compile latency.
  std::cout << "\n## JIT compile latency (policy checked; compile to a callable kernel)\n\n"
            << "| policy | source bytes | rules | cold -O0 ms | cold -O2 ms | cache hit ms |\n"
            << "|---|---|---|---|---|---|\n";
  std::string largest;
  double largest_bytes = 0;
  double worst_hit = 0;
  std::string worst_hit_policy;
  for (const auto& [name, run] : compiles) {
    const std::string policy = name.substr(8, name.find('/', 8) - 8);  // after "compile/"
    if (out["compile"].contains(policy)) continue;
    const double bytes = run.value("source_bytes", 0.0);
    const double o0 = Milliseconds(compiles, "compile/" + policy + "/cold_O0");
    const double o2 = Milliseconds(compiles, "compile/" + policy + "/cold_O2");
    const double hit = Milliseconds(compiles, "compile/" + policy + "/cache_hit");
    out["compile"][policy] = {{"source_bytes", bytes},
                              {"rules", run.value("rules", 0.0)},
                              {"cold_O0_ms", o0},
                              {"cold_O2_ms", o2},
                              {"cache_hit_ms", hit}};
    std::cout << fmt::format("| {} | {:.0f} | {:.0f} | {} | {} | {} |\n", policy, bytes,
                             run.value("rules", 0.0), Num(o0, 2), Num(o2, 2), Num(hit, 3));
    if (policy == kGenerated) continue;
    if (bytes > largest_bytes) {
      largest_bytes = bytes;
      largest = policy;
    }
    if (hit > worst_hit) {
      worst_hit = hit;
      worst_hit_policy = policy;
    }
  }
  if (!largest.empty()) {
    const double o2 = out["compile"][largest]["cold_O2_ms"].get<double>();
    targets.push_back({"cold -O2 compile of the largest shipped policy < 30 ms", "< 30 ms",
                       fmt::format("{} ms ({})", Num(o2, 1), largest), o2 > 0 && o2 < 30});
    targets.push_back({"cache hit < 2 ms (every shipped policy)", "< 2 ms",
                       fmt::format("at most {} ms ({})", Num(worst_hit, 3), worst_hit_policy),
                       worst_hit > 0 && worst_hit < 2});
  }
  if (out["compile"].contains(kGenerated)) {
    const double o2 = out["compile"][kGenerated]["cold_O2_ms"].get<double>();
    targets.push_back({"1,000-rule policy compiles (cold -O2) in < 1 s", "< 1000 ms",
                       fmt::format("{} ms", Num(o2, 0)), o2 > 0 && o2 < 1000});
  }

  if (scaling_doc.contains("shapes")) {
    // bench/scaling printed its own table; here only the target and the figures.
    out["scaling"] = scaling_doc;
    std::string worst_text;
    double worst = 0;
    for (const auto& [shape, phases] : scaling_doc.at("shapes").items()) {
      for (const auto& [phase, entry] : phases.items()) {
        const double growth = entry.value("growth", 0.0);
        if (growth > worst) {
          worst = growth;
          worst_text = fmt::format("at most {:.2f}x ({} {})", growth, shape, phase);
        }
      }
    }
    targets.push_back(
        {"cost per rule/arm/band/limit grows <= 2x from the smallest N to the largest", "<= 2x",
         worst_text, scaling_doc.value("met", false)});
  }

  std::cout << "\n## Targets\n\n| target | goal | measured | |\n|---|---|---|---|\n";
  for (const Target& t : targets) {
    std::cout << fmt::format("| {} | {} | {} | {} |\n", t.name, t.goal, t.measured,
                             t.met ? "met" : "MISSED");
    out["targets"].push_back(
        {{"target", t.name}, {"goal", t.goal}, {"measured", t.measured}, {"met", t.met}});
  }
  std::ofstream(argv[3]) << out.dump(2) << "\n";
  return 0;
}
