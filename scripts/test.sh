#!/usr/bin/env bash
# The whole test suite from a fresh clone: install dependencies, build the libFuzzer target with
# clang-19, build everything else, then run ctest (unit tests, golden cases, CLI tests, policy
# checks and a 60 s fuzzing smoke run of the parser).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh"

cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCOLLAT_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build-fuzz" --target parse_fuzzer

bash "$root/scripts/build.sh" -DCOLLAT_FUZZER_BINARY="$root/build-fuzz/fuzz/parse_fuzzer"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
