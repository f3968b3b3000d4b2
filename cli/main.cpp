// The `collat` command: argument parsing and dispatch only.
#include <cstdio>
#include <exception>
#include <new>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/fail_on.h"
#include "cli/file_argument.h"
#include "cli/help_text.h"
#include "cli/unknown_command.h"
#include "cli/version.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{"collat: collateral policy language tools"};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version",
      fmt::format("collat {} (LLVM {})", collat::cli::kCollatVersion, collat::cli::kLlvmVersion),
      "Print the collat and LLVM versions and exit");
  const auto help = [](CLI::App* command, const std::string& name) {
    command->footer(collat::cli::HelpFooter(name));
  };

  std::vector<std::string> check_files;
  bool strict = false;
  std::string check_format = "text";
  auto* check = app.add_subcommand("check", "Parse and type-check policy files; print diagnostics");
  check->add_option("files", check_files, "Policy files (`-`: standard input)")->required();
  check->add_flag("--strict", strict, "Treat warnings as errors");
  collat::CheckerOptions check_options;
  check
      ->add_option("--max-cost", check_options.max_cost,
                   "Cost limit in IR nodes per position and per account (default 1000000)")
      ->check(CLI::PositiveNumber);
  check->add_option("--format", check_format, "Diagnostics as text on stderr or JSON on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  help(check, "check");

  collat::cli::FormatOptions fmt_options;
  auto* fmt = app.add_subcommand("fmt", "Format policy files in place");
  fmt->add_option("files", fmt_options.files, "Policy files (`-`: standard input, to stdout)")
      ->required();
  fmt->add_flag("--check", fmt_options.check_only,
                "Do not write; exit 1 and list the files that would change");
  fmt->add_flag("--diff", fmt_options.diff, "With --check: print a unified diff per file")
      ->needs(fmt->get_option("--check"));
  help(fmt, "fmt");

  auto* dump = app.add_subcommand("dump", "Print an intermediate form");
  dump->require_subcommand(1);
  std::string dump_ast_file;
  auto* dump_ast = dump->add_subcommand("ast", "Print the syntax tree of a file");
  dump_ast->add_option("file", dump_ast_file, "Policy file (`-`: standard input)")->required();
  std::string dump_ir_file;
  auto* dump_ir = dump->add_subcommand("ir", "Print the typed IR of a checked policy");
  dump_ir->add_option("file", dump_ir_file, "Policy file (`-`: standard input)")->required();
  std::string dump_llvm_file;
  int dump_llvm_opt = 2;
  auto* dump_llvm = dump->add_subcommand("llvm", "Print the policy's JIT kernel as LLVM IR");
  dump_llvm->add_option("file", dump_llvm_file, "Policy file (`-`: standard input)")->required();
  dump_llvm->add_option("-O", dump_llvm_opt, "Optimisation level, -O0 to -O3 (default -O2)")
      ->check(CLI::Range(0, 3));
  for (CLI::App* command : {dump, dump_ast, dump_ir, dump_llvm})
    help(command, "dump");

  collat::cli::EvalOptions eval_options;
  std::string eval_format = "text";
  auto* eval = app.add_subcommand("eval", "Evaluate a policy on an input (accounts and positions)");
  eval->add_option("policy", eval_options.policy, "Policy file (`-`: standard input)")->required();
  eval->add_option("input", eval_options.input, "Input YAML file (`-`: standard input)")
      ->required();
  eval->add_option("--format", eval_format, "Report format: text, json, jsonl or csv")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv"}));
  eval->add_option("--accounts-csv", eval_options.accounts_csv,
                   "Also write one CSV row per account (totals and outputs) to this file");
  eval->add_option("--fail-on", eval_options.fail_on,
                   "Exit 1 when a gate fails: breach, call, unknown, rejected")
      ->delimiter(',')
      ->check(CLI::IsMember(collat::cli::GateNames()));
  eval->add_option("--max-cost", eval_options.check.max_cost,
                   "Cost limit in IR nodes per position and per account (default 1000000)")
      ->check(CLI::PositiveNumber);
  collat::cli::AddEngineOptions(*eval, eval_options.engine);
  help(eval, "eval");

  collat::cli::ExplainOptions explain_options;
  std::string explain_format = "text";
  auto* explain = app.add_subcommand(
      "explain", "Show how one position was decided, or how one account's outputs follow");
  explain->add_option("policy", explain_options.policy, "Policy file")->required();
  explain->add_option("input", explain_options.input, "Input YAML file")->required();
  auto* explain_position = explain->add_option("--position", explain_options.position,
                                               "Position id (ACCOUNT/ID if ambiguous)");
  auto* explain_account = explain->add_option("--account", explain_options.account,
                                              "Account id: its outputs and limits");
  explain_position->excludes(explain_account);
  explain->add_option("--format", explain_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  help(explain, "explain");

  std::vector<std::string> test_paths;
  std::string test_format = "text";
  auto* test = app.add_subcommand("test", "Run policy test cases (`<policy>.test.yaml`)");
  test->add_option("paths", test_paths, "Test files, policy files or folders (default: policies)");
  test->add_option("--format", test_format, "Results as text or JSON")
      ->check(CLI::IsMember({"text", "json"}));
  collat::cli::EngineChoice test_engine;
  collat::cli::AddEngineOptions(*test, test_engine);
  help(test, "test");

  std::vector<std::string> allow_paths;
  for (CLI::App* command : {check, dump_ir, dump_llvm, eval, explain, test}) {
    command->add_option("--allow-path", allow_paths,
                        "Also read imports, data tables and positions_csv files inside this "
                        "folder (repeatable)");
  }

  app.footer(collat::cli::HelpFooter(""));

  if (const auto unknown = collat::cli::FindUnknownCommand(app, argc, argv)) {
    fmt::print(stderr, "collat: error: {} [usage]\n", *unknown);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  collat::cli::SetAllowedPaths(std::move(allow_paths));
  if (check->parsed())
    return collat::cli::RunCheck(check_files, strict, check_format == "json", check_options);
  if (fmt->parsed()) return collat::cli::RunFormat(fmt_options);
  if (dump_ast->parsed()) return collat::cli::RunDumpAst(dump_ast_file);
  if (dump_ir->parsed()) return collat::cli::RunDumpIr(dump_ir_file);
  if (dump_llvm->parsed()) return collat::cli::RunDumpLlvm(dump_llvm_file, dump_llvm_opt);
  if (explain->parsed()) {
    explain_options.json = explain_format == "json";
    return collat::cli::RunExplain(explain_options);
  }
  if (test->parsed()) {
    if (test_paths.empty()) test_paths.push_back("policies");
    return collat::cli::RunTests(test_paths, test_engine, test_format == "json");
  }
  if (eval->parsed()) {
    eval_options.format = eval_format;
    return collat::cli::RunEval(eval_options);
  }
  return 2;
}

}  // namespace

// No exception leaves the command: running out of memory (std::bad_alloc) or any other engine
// failure is one error line and exit code 2, never an abort (docs/language.md 16.4).
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fputs("collat: error: out of memory\n", stderr);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "collat: error: internal failure: %s\n", e.what());
  } catch (...) {
    std::fputs("collat: error: internal failure\n", stderr);
  }
  return 2;
}
