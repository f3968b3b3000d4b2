#include "cli/help_text.h"

namespace collat::cli {
namespace {

constexpr const char* kTop = R"(Examples:
  collat check policies/*.collat
  collat fmt --check --diff policies/*.collat
  collat eval policies/us_uncleared_margin.collat examples/inputs/us_uncleared_margin.yaml
  collat explain POLICY INPUT --position p8
  collat test policies

A file argument `-` reads standard input. `collat COMMAND --help` shows a command's options.

Exit codes: 0 success, 1 a problem in a policy, an input's expectations or a gate,
2 a usage or I/O error (unknown command or option, missing file).)";

constexpr const char* kCheck = R"(Examples:
  collat check policies/*.collat
  collat check --strict --format json policy.collat
  cat policy.collat | collat check -

Exit codes: 0 no errors (and, with --strict, no warnings), 1 errors (or warnings with --strict),
2 a file that cannot be read, or out of memory.)";

constexpr const char* kFmt = R"(Examples:
  collat fmt policies/*.collat              rewrite in place
  collat fmt --check --diff policies/*.collat
  collat fmt - < policy.collat              formatted text on stdout

Exit codes: 0 formatted (or nothing to change with --check), 1 a file with syntax errors or,
with --check, a file that would change, 2 a file that cannot be read or written.)";

constexpr const char* kDump = R"(Examples:
  collat dump ast policy.collat
  collat dump ir policy.collat
  collat dump llvm -O0 policy.collat

Exit codes: 0 printed, 1 errors in the policy, 2 a file that cannot be read.)";

constexpr const char* kEval = R"(Examples:
  collat eval policies/us_uncleared_margin.collat examples/inputs/us_uncleared_margin.yaml
  collat eval POLICY INPUT --format json --engine interp
  collat eval POLICY INPUT --format csv --accounts-csv accounts.csv --threads 2
  collat eval POLICY INPUT --fail-on breach,call --fail-on rejected
  generate-input | collat eval POLICY -

Gates (--fail-on, repeatable or comma-separated; the report is printed either way):
  breach    a limit is breached (max: excess > 0; min: shortfall > 0)
  call      an account's money output `delivery` is unknown or > 0
  unknown   a position is UNKNOWN
  rejected  a position or account is REJECTED

Exit codes: 0 evaluated and no gate failed, 1 errors in the policy or a gate failed,
2 a usage, I/O or input file error, or out of memory.)";

constexpr const char* kExplain = R"(Examples:
  collat explain policies/us_uncleared_margin.collat examples/inputs/us_uncleared_margin.yaml --position p8
  collat explain POLICY INPUT --position CP-001/p8
  collat explain POLICY INPUT --account CP-001 --format json

Exit codes: 0 explained, 1 errors in the policy, 2 a usage, I/O or input file error (or no
such position or account).)";

constexpr const char* kTest = R"(Examples:
  collat test                                  every policies/*.test.yaml
  collat test policies/crypto_tiered.collat    runs policies/crypto_tiered.test.yaml
  collat test policies --engine interp --format json

Exit codes: 0 every case passed, 1 a case failed, a test file has errors or no case was found,
2 a path that does not exist.)";

}  // namespace

std::string HelpFooter(const std::string& command) {
  if (command.empty()) return kTop;
  if (command == "check") return kCheck;
  if (command == "fmt") return kFmt;
  if (command == "dump") return kDump;
  if (command == "eval") return kEval;
  if (command == "explain") return kExplain;
  if (command == "test") return kTest;
  return "";
}

}  // namespace collat::cli
