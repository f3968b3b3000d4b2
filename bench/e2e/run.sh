#!/usr/bin/env bash
# bench/e2e: `collat eval` end to end on generated us_uncleared_margin books against the same policy
# as one DuckDB query (policy.sql) and as a numpy/pandas script (pandas_eval.py). For each size it
# checks that the three agree on every account total and output (exactly, in cents), then times
# each once per thread count (GNU time: wall, user+sys CPU, peak RSS) and prints a markdown table
# (table.py) of the figures and their ratios to DuckDB at the same thread count.
#
#   bench/e2e/run.sh [BUILD_DIR]        (bench/run calls it with its Release build)
# Environment: E2E_SIZES (default "1000000 4000000"), E2E_THREADS (default "1 2"), COLLAT (a collat
# binary to use instead of BUILD_DIR/cli/collat), E2E_SEED. Scratch files (books, npm's DuckDB,
# reports) live in BUILD_DIR/e2e/; nothing is installed at build time and nothing is committed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build-bench-release}" && pwd)
collat=${COLLAT:-$build/cli/collat}
sizes=${E2E_SIZES:-1000000 4000000}
threads=${E2E_THREADS:-1 2}
seed=${E2E_SEED:-20261204}
scratch="$build/e2e"
policy="$root/policies/us_uncleared_margin.collat"
mkdir -p "$scratch"

# Tools: GNU time, Debian's numpy/pandas (the system python3), DuckDB from npm in a scratch folder.
need=()
[ -x /usr/bin/time ] || need+=(time)
/usr/bin/python3 -c 'import numpy, pandas' 2>/dev/null || need+=(python3-numpy python3-pandas)
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
node_dir="$scratch/node"
mkdir -p "$node_dir"
if [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
  (cd "$node_dir" && npm install --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
fi
cp "$here/duckdb_eval.mjs" "$here/policy.sql" "$node_dir/"  # ESM resolves packages beside the script

csv_format=no
if "$collat" eval --help 2>&1 | grep -q -- '--accounts-csv'; then csv_format=yes; fi

timings="$scratch/timings.tsv"
: >"$timings"
# run NAME SIZE THREADS COMMAND...: one timed run, a line in timings.tsv (wall s, user s, sys s, KB).
run() {
  local name=$1 size=$2 n=$3
  shift 3
  local t="$scratch/time.txt"
  if /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >/dev/null 2>"$scratch/stderr.txt"; then
    printf '%s\t%s\t%s\t%s\n' "$name" "$size" "$n" "$(tr ' ' '\t' <"$t")" >>"$timings"
  else
    echo "bench/e2e: $name ($size positions, $n threads) failed:" >&2
    cat "$scratch/stderr.txt" >&2
    printf '%s\t%s\t%s\tfailed\n' "$name" "$size" "$n" >>"$timings"
  fi
}

for size in $sizes; do
  book="$scratch/book-$size-$seed"
  if [ ! -f "$book/book.yaml" ]; then
    echo "bench/e2e: generating $size positions into $book" >&2
    python3 "$here/generate.py" "$book" "$size" --seed "$seed"
  fi
  # Agreement: every account total and output, in cents, from each implementation.
  "$collat" eval "$policy" "$book/book.yaml" --format json >"$scratch/report.json"
  python3 "$here/collat_accounts.py" "$scratch/report.json" "$scratch/collat.csv"
  rm -f "$scratch/report.json"
  node "$node_dir/duckdb_eval.mjs" "$book" 1 "$scratch/duckdb.csv"
  /usr/bin/python3 "$here/pandas_eval.py" "$book" "$scratch/pandas.csv"
  python3 "$here/agree.py" "$scratch/collat.csv" "$scratch/duckdb.csv" "$scratch/pandas.csv" |
    sed "s/^/bench\/e2e: $size positions: /" >&2
  for n in $threads; do
    run "collat json" "$size" "$n" "$collat" eval "$policy" "$book/book.yaml" --format json \
      --threads "$n"
    if [ $csv_format = yes ]; then
      run "collat csv" "$size" "$n" "$collat" eval "$policy" "$book/book.yaml" --format csv \
        --accounts-csv "$scratch/accounts-out.csv" --threads "$n"
    fi
    run "duckdb" "$size" "$n" node "$node_dir/duckdb_eval.mjs" "$book" "$n" "$scratch/duckdb.csv"
    if [ "$n" = 1 ]; then  # numpy/pandas run on one thread
      run "pandas" "$size" 1 /usr/bin/python3 "$here/pandas_eval.py" "$book" "$scratch/pandas.csv"
    fi
  done
done
python3 "$here/table.py" "$timings"
