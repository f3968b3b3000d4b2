#!/usr/bin/env bash
# The collat command's conventions (issue 8): unknown commands are usage errors with a suggestion,
# `--version`, `--help` with examples and exit codes, `-` as standard input, `--format json` of
# check and test, `test` on one policy and with no case, the `eval --fail-on` gates and
# `fmt --check --diff`.
# Usage: cli_conventions_test.sh COLLAT_BINARY REPO_ROOT
set -u
collat=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0
pol="$root/policies/us_uncleared_margin.collat"
ex="$root/examples/inputs/us_uncleared_margin.yaml"

expect() {  # expect NAME WANT_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}
expect_grep() {  # expect_grep NAME FILE PATTERN
  if grep -qF -- "$3" "$2"; then passes=$((passes + 1)); else
    echo "FAIL $1: '$3' not in output:"; cat "$2"; failures=$((failures + 1)); fi
}
expect_same() {  # expect_same NAME FILE WANT_TEXT: the file's content is exactly WANT_TEXT
  if [ "$(cat "$2")" = "$3" ]; then passes=$((passes + 1)); else
    echo "FAIL $1: got:"; cat "$2"; echo "want:"; echo "$3"; failures=$((failures + 1)); fi
}
expect_json() {  # expect_json NAME FILE PYTHON_EXPR: the expression over `d` (the parsed file) holds
  if python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$2" "$3"; then
    passes=$((passes + 1)); else echo "FAIL $1: not ($3) in:"; cat "$2"; failures=$((failures + 1)); fi
}

# ---- unknown commands: exit 2, "did you mean", no help printed -------------------------------
expect "unknown command with --help" 2 "$collat" rebalance --help
expect_same "unknown command lists the commands" "$tmp/err" 'collat: error: unknown command `rebalance`; did you mean one of `check`, `fmt`, `dump`, `eval`, `explain`, `test`? (see `collat --help`) [usage]'
expect_same "unknown command prints no help" "$tmp/out" ""
expect "misspelt command" 2 "$collat" evl "$pol" "$ex"
expect_same "misspelt command suggests the nearest" "$tmp/err" 'collat: error: unknown command `evl`; did you mean `eval`? (see `collat --help`) [usage]'
expect "misspelt dump command" 2 "$collat" dump astt "$pol"
expect_same "misspelt dump command" "$tmp/err" 'collat: error: unknown command `dump astt`; did you mean `dump ast`? (see `collat dump --help`) [usage]'

# ---- --version and --help ---------------------------------------------------------------------
version=$(sed -n 's/^project(collat VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
expect "version" 0 "$collat" --version
if grep -qE "^collat $version \(LLVM [0-9]+\.[0-9]+\.[0-9]+\)\$" "$tmp/out"; then passes=$((passes + 1)); else
  echo "FAIL version output: $(cat "$tmp/out") (want collat $version (LLVM x.y.z))"; failures=$((failures + 1)); fi
expect "top-level help" 0 "$collat" --help
expect_grep "top-level help has examples" "$tmp/out" "collat fmt --check --diff policies/*.collat"
expect_grep "top-level help has exit codes" "$tmp/out" "Exit codes: 0 success"
expect "eval help" 0 "$collat" eval --help
expect_grep "eval help lists the gates" "$tmp/out" "breach    a limit is breached (max: excess > 0; min: shortfall > 0)"
expect_grep "eval help has exit codes" "$tmp/out" "Exit codes: 0 evaluated and no gate failed"
for command in check fmt dump "dump ast" "dump ir" "dump llvm" explain test; do
  # shellcheck disable=SC2086 # "dump ast" is two words
  expect "$command help" 0 "$collat" $command --help
  expect_grep "$command help has examples" "$tmp/out" "Examples:"
  expect_grep "$command help has exit codes" "$tmp/out" "Exit codes: 0"
done

# ---- `-` reads standard input -----------------------------------------------------------------
printf 'let a = 1\nlet b = (2\n' >"$tmp/broken.collat"
expect "check stdin" 1 "$collat" check - <"$tmp/broken.collat"
expect_grep "check stdin is named <stdin>" "$tmp/err" '<stdin>:2:11: error: expected `)` [syntax_error]'
expect "check stdin clean" 0 "$collat" check - <"$pol"
# A policy on stdin reads its imports relative to the current directory.
mkdir -p "$tmp/modules"
printf 'enum AssetClass { cash, gold }\n' >"$tmp/modules/shared.module"
printf 'policy p {\n  currency USD\n}\n\nimport "shared.module" as shared\n\nposition {\n  asset_class:  shared.AssetClass\n  market_value: money\n}\n' >"$tmp/modules/p.collat"
expect "check stdin imports from the current directory" 0 \
  bash -c 'cd "$1" && "$2" check - <p.collat' _ "$tmp/modules" "$collat"
expect "check stdin imports elsewhere" 1 \
  bash -c 'cd "$1" && "$2" check - <"$3"' _ "$tmp" "$collat" "$tmp/modules/p.collat"
expect_grep "check stdin import not found" "$tmp/err" '<stdin>:5:8: error: cannot read `shared.module`: no such file [import_error]'
printf 'let   a=1\n' >"$tmp/ugly.collat"
expect "fmt stdin to stdout" 0 "$collat" fmt - <"$tmp/ugly.collat"
expect_same "fmt stdin output" "$tmp/out" "let a = 1"
expect_same "fmt stdin leaves the file" "$tmp/ugly.collat" "let   a=1"
expect "fmt --check stdin" 1 "$collat" fmt --check - <"$tmp/ugly.collat"
expect_same "fmt --check stdin names it" "$tmp/out" '<stdin>: not formatted (run `collat fmt -`)'
expect "eval input from stdin" 0 "$collat" eval "$pol" - <"$ex"
expect_grep "eval stdin report" "$tmp/out" "Account CP-001"
expect "eval policy from stdin" 0 "$collat" eval - "$ex" <"$pol"
expect_grep "eval stdin policy report" "$tmp/out" "Account CP-001"
expect "eval both from stdin" 2 "$collat" eval - - <"$pol"
expect_same "eval both from stdin message" "$tmp/err" 'collat: error: only one of the policy and the input can be `-` [usage]'
# An input on stdin finds its positions_csv relative to the current directory.
mkdir -p "$tmp/cwd"
printf 'account,id,asset_class,issuer,currency,quantity,market_value\nA1,c1,cash,Fed,USD,1,1000\n' >"$tmp/cwd/pos.csv"
printf 'valuation_date: 2026-03-31\naccounts:\n  - { id: A1, requirement: 1000 }\npositions_csv: pos.csv\n' >"$tmp/cwd/in.yaml"
expect "eval stdin positions_csv from the current directory" 0 \
  bash -c 'cd "$1" && "$2" eval "$3" - --format json <in.yaml' _ "$tmp/cwd" "$collat" "$pol"
expect_json "eval stdin reads the CSV position" "$tmp/out" 'd["accounts"][0]["positions"][0]["id"] == "c1"'
expect "eval stdin positions_csv elsewhere" 2 \
  bash -c 'cd "$1" && "$2" eval "$3" - <"$4"' _ "$tmp" "$collat" "$pol" "$tmp/cwd/in.yaml"
expect_grep "eval stdin positions_csv elsewhere names the CSV" "$tmp/err" "pos.csv"

# ---- check --format json ----------------------------------------------------------------------
# The range of a missing `)` is the line break after `(2`: it ends at the start of line 3.
expect "check json" 1 "$collat" check --format json "$tmp/broken.collat"
expect_same "check json writes nothing on stderr" "$tmp/err" ""
expect_json "check json diagnostic" "$tmp/out" 'd["diagnostics"] == [{"file": d["files"][0], "line": 2, "column": 11, "end": {"line": 3, "column": 1}, "severity": "error", "kind": "syntax_error", "message": "expected `)`", "notes": []}]'
expect_json "check json counts" "$tmp/out" "d['errors'] == 1 and d['warnings'] == 0 and d['files'] == ['$tmp/broken.collat']"
expect "check json clean" 0 "$collat" check --format json "$pol"
expect_json "check json clean is empty" "$tmp/out" 'd["diagnostics"] == [] and d["errors"] == 0'
expect "check json missing file" 2 "$collat" check --format json "$tmp/none.collat"
expect_json "check json io error has no location" "$tmp/out" 'd["diagnostics"][0]["kind"] == "io_error" and d["diagnostics"][0]["file"] is None and d["diagnostics"][0]["line"] is None'
printf 'policy p {\n  currency USD\n}\n\nposition {\n  market_value: money\n}\n\nlet unused = 1\n' >"$tmp/warn.collat"
expect "check json warning" 0 "$collat" check --format json "$tmp/warn.collat"
expect_json "check json warning" "$tmp/out" 'd["warnings"] == 1 and d["errors"] == 0 and d["diagnostics"][0]["severity"] == "warning" and d["diagnostics"][0]["kind"] == "unused_let" and (d["diagnostics"][0]["line"], d["diagnostics"][0]["column"], d["diagnostics"][0]["end"]) == (9, 5, {"line": 9, "column": 11})'
expect "check json strict warning" 1 "$collat" check --strict --format json "$tmp/warn.collat"

# ---- test: one policy, JSON, no case ------------------------------------------------------------
expect "test one policy file" 0 "$collat" test "$pol" --engine interp
expect_grep "test one policy runs its test file" "$tmp/out" "us_uncleared_margin.test.yaml"
ncases=$(grep -c '^  - name:' "$root/policies/us_uncleared_margin.test.yaml")
expect "test json" 0 "$collat" test --format json "$root/policies/us_uncleared_margin.test.yaml" --engine interp
expect_json "test json summary" "$tmp/out" "d['summary'] == {'files': 1, 'cases': $ncases, 'passed': $ncases, 'failed': 0}"
expect_json "test json cases" "$tmp/out" "len(d['files'][0]['cases']) == $ncases and all(c['passed'] and c['failures'] == [] for c in d['files'][0]['cases'])"
expect_json "test json coverage" "$tmp/out" 'd["files"][0]["coverage"]["complete"] == (d["files"][0]["coverage"]["uncovered"] == [])'
cat >"$tmp/wrong.test.yaml" <<YAML
policy: $pol
cases:
  - name: "cash expected ineligible (wrong on purpose)"
    input: { valuation_date: 2026-03-31, accounts: [ { id: A1, requirement: 1000, positions: [ { id: P1, asset_class: cash, issuer: Fed, currency: USD, quantity: 1, market_value: 1000 } ] } ] }
    expect:
      positions:
        P1: { status: ineligible }
YAML
expect "test json failing case" 1 "$collat" test --format json "$tmp/wrong.test.yaml" --engine interp
expect_json "test json failure" "$tmp/out" 'd["files"][0]["cases"][0]["failures"] == [{"path": "position P1 status", "expected": "ineligible", "actual": "eligible"}] and d["files"][0]["cases"][0]["passed"] is False'
expect_json "test json failing summary" "$tmp/out" 'd["summary"] == {"files": 1, "cases": 1, "passed": 0, "failed": 1}'
mkdir -p "$tmp/no_tests"
expect "test finds no case" 1 "$collat" test "$tmp/no_tests"
expect_same "test no case message" "$tmp/err" "collat: error: no test case found in \`$tmp/no_tests\`"
cp "$pol" "$tmp/untested.collat"
expect "test a policy without tests" 1 "$collat" test "$tmp/untested.collat"
expect_grep "test a policy without tests names the file" "$tmp/err" "\`$tmp/untested.collat\` has no test file \`$tmp/untested.test.yaml\`"

# ---- eval --fail-on ----------------------------------------------------------------------------
expect "gate unknown" 1 "$collat" eval "$pol" "$ex" --fail-on unknown
expect_grep "gate still prints the report" "$tmp/out" "Account CP-001"
expect_same "gate unknown names the position" "$tmp/err" "collat: gate failed: unknown: account CP-001: position p8"
expect "gate breach" 1 "$collat" eval "$pol" "$ex" --fail-on breach
expect_grep "gate breach names the limit" "$tmp/err" "collat: gate failed: breach: account CP-001: limit issuer_cap (group ACME Corp) excess"
expect "gates as a comma list" 1 "$collat" eval "$pol" "$ex" --fail-on breach,unknown
expect_grep "comma list: breach" "$tmp/err" "gate failed: breach:"
expect_grep "comma list: unknown" "$tmp/err" "gate failed: unknown:"
expect "gates repeated" 1 "$collat" eval "$pol" "$ex" --fail-on breach --fail-on unknown
expect_grep "repeated: unknown" "$tmp/err" "gate failed: unknown:"
expect "unknown gate" 2 "$collat" eval "$pol" "$ex" --fail-on bogus
expect "call gate without delivery" 2 "$collat" eval "$root/policies/crypto_tiered.collat" "$root/examples/inputs/crypto_tiered.yaml" --fail-on call
expect_same "call gate without delivery message" "$tmp/err" 'collat: error: `--fail-on call` needs a money output named `delivery`, and this policy has none [usage]'
# A covered account: 20M cash against a 1M requirement; no gate fails.
printf 'valuation_date: 2026-03-31\naccounts:\n  - id: A1\n    requirement: 1000000\n    positions:\n      - { id: c1, asset_class: cash, issuer: Fed, currency: USD, quantity: 1, market_value: 20000000 }\n' >"$tmp/covered.yaml"
expect "every gate passes" 0 "$collat" eval "$pol" "$tmp/covered.yaml" --fail-on breach,call,unknown,rejected
expect_same "passing gates print nothing on stderr" "$tmp/err" ""
# 100,000 of cash against 1,000,000: delivery 900,000 (over the 500,000 MTA, a multiple of the
# 10,000 rounding): a call.
sed 's/market_value: 20000000/market_value: 100000/' "$tmp/covered.yaml" >"$tmp/short.yaml"
expect "gate call" 1 "$collat" eval "$pol" "$tmp/short.yaml" --fail-on call
expect_same "gate call names the delivery" "$tmp/err" "collat: gate failed: call: account A1: delivery 900000.00"
printf '      - { id: bad, asset_class: nonsense, issuer: X, currency: USD, quantity: 1, market_value: 1 }\n' >>"$tmp/covered.yaml"
expect "gate rejected" 1 "$collat" eval "$pol" "$tmp/covered.yaml" --fail-on rejected
expect_same "gate rejected names the position" "$tmp/err" "collat: gate failed: rejected: account A1: position bad"

# ---- fmt --check --diff ------------------------------------------------------------------------
expect "fmt --check --diff" 1 "$collat" fmt --check --diff "$tmp/ugly.collat"
expect_same "fmt --check --diff output" "$tmp/out" "--- $tmp/ugly.collat
+++ $tmp/ugly.collat
@@ -1,1 +1,1 @@
-let   a=1
+let a = 1"
expect_same "fmt --check --diff leaves the file" "$tmp/ugly.collat" "let   a=1"
expect "fmt --diff needs --check" 2 "$collat" fmt --diff "$tmp/ugly.collat"
expect "fmt --check --diff clean" 0 "$collat" fmt --check --diff "$pol"
expect_same "fmt --check --diff clean prints nothing" "$tmp/out" ""
# The diff is what fmt would do: patch(x, diff) == fmt(x), on every policy with its spacing mangled
# (runs of spaces outside own-line comments collapsed, indentation removed: many hunks per file).
for policy in "$root"/policies/*.collat; do
  name=$(basename "$policy")
  sed -e '/^ *#/!s/  */ /g' -e 's/^ *//' "$policy" >"$tmp/mangled_$name"
  "$collat" fmt - <"$tmp/mangled_$name" >"$tmp/want_$name"
  "$collat" fmt --check --diff "$tmp/mangled_$name" >"$tmp/diff_$name"
  if grep -q '^@@ ' "$tmp/diff_$name" && patch -s "$tmp/mangled_$name" "$tmp/diff_$name" >/dev/null &&
     cmp -s "$tmp/mangled_$name" "$tmp/want_$name"; then passes=$((passes + 1)); else
    echo "FAIL fmt --diff does not patch $name into fmt's output"; failures=$((failures + 1)); fi
  # and the mangled file formats to the shipped layout: alignment is recomputed, not kept.
  if cmp -s "$tmp/want_$name" "$policy"; then passes=$((passes + 1)); else
    echo "FAIL fmt of mangled $name differs from the shipped file"; failures=$((failures + 1)); fi
done
# Formatting that removes lines (blank runs collapse): the old text is the longer one.
for i in $(seq 1 40); do printf 'let a%d   =  %d\n\n\n\n' "$i" "$i"; done >"$tmp/shrinks.collat"
"$collat" fmt - <"$tmp/shrinks.collat" >"$tmp/shrinks_want.collat"
"$collat" fmt --check --diff "$tmp/shrinks.collat" >"$tmp/shrinks.diff"
if patch -s "$tmp/shrinks.collat" "$tmp/shrinks.diff" >/dev/null && cmp -s "$tmp/shrinks.collat" "$tmp/shrinks_want.collat"; then
  passes=$((passes + 1)); else echo "FAIL fmt --diff of a shrinking file does not patch"; failures=$((failures + 1)); fi
printf 'let a = 1' >"$tmp/no_newline.collat"
expect "fmt --check --diff without final newline" 1 "$collat" fmt --check --diff "$tmp/no_newline.collat"
expect_same "fmt --diff marks a missing final newline" "$tmp/out" "--- $tmp/no_newline.collat
+++ $tmp/no_newline.collat
@@ -1,1 +1,1 @@
-let a = 1
\\ No newline at end of file
+let a = 1"

echo "cli conventions: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
