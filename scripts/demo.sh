#!/usr/bin/env bash
# The main job: set up and build, then check and format-check every bundled policy.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/build.sh"
cd "$root"
echo "== collat check policies/*.collat"
./build/cli/collat check policies/*.collat && echo "all policies check clean"
echo "== collat fmt --check policies/*.collat"
./build/cli/collat fmt --check policies/*.collat && echo "all policies are formatted"
