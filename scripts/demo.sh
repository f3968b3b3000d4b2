#!/usr/bin/env bash
# The main job: set up and build, check every bundled policy, then evaluate the US uncleared
# margin policy on its example input and print the text report.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/build.sh"
cd "$root"
echo "== collat check policies/*.collat"
./build/cli/collat check policies/*.collat && echo "all policies check clean"
echo "== collat fmt --check policies/*.collat"
./build/cli/collat fmt --check policies/*.collat && echo "all policies are formatted"
echo "== collat eval policies/us_uncleared_margin.collat examples/inputs/us_uncleared_margin.yaml"
./build/cli/collat eval policies/us_uncleared_margin.collat examples/inputs/us_uncleared_margin.yaml
