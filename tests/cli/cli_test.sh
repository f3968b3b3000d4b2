#!/usr/bin/env bash
# The collat command's contract: exit codes (0 clean, 1 policy problems, 2 usage or I/O), located
# diagnostics on stderr, `fmt --check` and in-place `fmt`.
# Usage: cli_test.sh COLLAT_BINARY REPO_ROOT
set -u
collat=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0

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

expect "check clean policies" 0 "$collat" check "$root"/policies/*.collat
expect "fmt --check clean policies" 0 "$collat" fmt --check "$root"/policies/*.collat

printf 'let a = 1\nlet b = (2\n' >"$tmp/broken.collat"
expect "check broken" 1 "$collat" check "$tmp/broken.collat"
expect_grep "located diagnostic" "$tmp/err" "broken.collat:2:11: error: expected \`)\` [syntax_error]"
expect_grep "caret" "$tmp/err" "      |           ^"

expect "missing file" 2 "$collat" check "$tmp/none.collat"
expect_grep "missing file message" "$tmp/err" "no such file"
expect "directory as file" 2 "$collat" check "$tmp"
expect_grep "directory message" "$tmp/err" "it is a directory"
: >"$tmp/empty.collat"
expect "empty file" 1 "$collat" check "$tmp/empty.collat"
head -c 4096 /dev/urandom >"$tmp/binary.collat"
expect "binary file" 1 "$collat" check "$tmp/binary.collat"
expect "worst exit wins" 2 "$collat" check "$tmp/broken.collat" "$tmp/none.collat"
expect "no arguments" 2 "$collat"
expect "unknown subcommand" 2 "$collat" frobnicate
expect "check without files" 2 "$collat" check
expect "help" 0 "$collat" --help

printf 'let   a=1\n' >"$tmp/ugly.collat"
expect "fmt --check lists unformatted" 1 "$collat" fmt --check "$tmp/ugly.collat"
expect_grep "fmt --check names the file" "$tmp/out" "ugly.collat: not formatted"
expect "fmt rewrites" 0 "$collat" fmt "$tmp/ugly.collat"
if [ "$(cat "$tmp/ugly.collat")" = "let a = 1" ]; then passes=$((passes + 1)); else
  echo "FAIL fmt result: $(cat "$tmp/ugly.collat")"; failures=$((failures + 1)); fi
expect "fmt leaves broken files alone" 1 "$collat" fmt "$tmp/broken.collat"
expect "dump ast" 0 "$collat" dump ast "$root/policies/us_uncleared_margin.collat"
expect_grep "dump ast output" "$tmp/out" "policy us_uncleared_margin @"

ex="$root/examples/inputs/us_uncleared_margin.yaml"
pol="$root/policies/us_uncleared_margin.collat"
expect "eval text" 0 "$collat" eval "$pol" "$ex"
expect_grep "eval text report" "$tmp/out" "Account CP-001"
expect "eval json" 0 "$collat" eval "$pol" "$ex" --format json
expect_grep "eval json report" "$tmp/out" '"report_version": "2"'
expect "eval missing input" 2 "$collat" eval "$pol" "$tmp/none.yaml"
printf 'valuation_date: 2026-02-30\naccounts: []\n' >"$tmp/bad.yaml"
expect "eval malformed input" 2 "$collat" eval "$pol" "$tmp/bad.yaml"
expect_grep "eval malformed input names file, line and field" "$tmp/err" "bad.yaml:1: \`valuation_date\` is not a date"
expect "eval broken policy" 1 "$collat" eval "$tmp/broken.collat" "$ex"
expect "eval unknown engine" 2 "$collat" eval "$pol" "$ex" --engine warp
expect "explain" 0 "$collat" explain "$pol" "$ex" --position p8
expect_grep "explain names the unknown rule and field" "$tmp/out" "accept traded_debt when asset_class == public_debt and investment_grade"
expect_grep "explain outcome" "$tmp/out" "-> unknown (investment_grade)"
expect_grep "explain arm" "$tmp/out" "-> 4% by arm other_debt_row"
expect_grep "explain schedule band" "$tmp/out" "schedule residual: band <= 5y taken (residual = 4.501369863013698)"
expect_grep "explain unknown wording" "$tmp/out" "rules that are unknown: traded_debt (missing investment_grade)"
expect "explain unknown position" 2 "$collat" explain "$pol" "$ex" --position nope
expect "explain fx" 0 "$collat" explain "$pol" "$ex" --position p3
expect_grep "explain fx note" "$tmp/out" "market value: 1,000,000.00 EUR x 1.08 (fx EUR) = 1,080,000.00 USD"
expect_grep "explain multi-line match" "$tmp/out" "    other_debt_row:     asset_class in {gse_other, public_debt} => schedule residual {"
expect "explain json" 0 "$collat" explain "$pol" "$ex" --position p3 --format json
expect_grep "explain json version" "$tmp/out" '"explain_version": 1'
expect "explain account" 0 "$collat" explain "$pol" "$ex" --account CP-001
expect_grep "explain account delivery" "$tmp/out" "transfer (round_up): amount 750,500.00, gate 500,000.00, increment 10,000.00"
expect_grep "explain account excess" "$tmp/out" "taken from p4: 675,000.00 (75% of the excess)"
expect "explain unknown account" 2 "$collat" explain "$pol" "$ex" --account nope
expect "explain needs a target" 2 "$collat" explain "$pol" "$ex"
expect "explain position and account" 2 "$collat" explain "$pol" "$ex" --position p3 --account CP-001

# An object cache directory other users can write to is refused: the run goes on without it and says
# why on stderr (docs/language.md 15.6).
mkdir -p "$tmp/open-cache" && chmod 0777 "$tmp/open-cache"
expect "eval with a world-writable cache" 0 "$collat" eval "$pol" "$ex" --cache-dir "$tmp/open-cache"
expect_grep "cache refused" "$tmp/err" "has mode 0777: other users could plant code in it (chmod go-w) [object_cache_refused]"
if [ -z "$(ls -A "$tmp/open-cache")" ]; then passes=$((passes + 1)); else
  echo "FAIL refused cache written to"; failures=$((failures + 1)); fi
expect "eval with a private cache" 0 "$collat" eval "$pol" "$ex" --cache-dir "$tmp/own-cache"
if [ -f "$tmp/own-cache/key" ] && [ "$(stat -c %a "$tmp/own-cache")" = 700 ]; then
  passes=$((passes + 1)); else echo "FAIL private cache not created 0700 with a key"; failures=$((failures + 1)); fi

echo "cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
