#!/usr/bin/env python3
"""Prints bench/e2e/run.sh's timings (TSV: name, positions, threads, wall s, user s, sys s, peak
KB) as a markdown table with ratios to DuckDB's run at the same size and thread count (> 1: slower
or bigger than DuckDB)."""
import sys


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
    duck = {(r[1], r[2]): r for r in rows if r[0] == "duckdb" and r[3] != "failed"}
    print("| positions | threads | implementation | wall s | CPU s (user+sys) | peak RSS MB "
          "| RSS bytes/position | wall / DuckDB | CPU / DuckDB | RSS / DuckDB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        name, size, threads = r[0], int(r[1]), r[2]
        if r[3] == "failed":
            print(f"| {size:,} | {threads} | {name} | failed | | | | | | |")
            continue
        wall, cpu, rss = float(r[3]), float(r[4]) + float(r[5]), int(r[6]) * 1024
        ratios = ["", "", ""]
        if (r[1], threads) in duck:
            d = duck[(r[1], threads)]
            ratios = [f"{wall / float(d[3]):.2f}", f"{cpu / (float(d[4]) + float(d[5])):.2f}",
                      f"{rss / (int(d[6]) * 1024):.2f}"]
        print(f"| {size:,} | {threads} | {name} | {wall:.2f} | {cpu:.2f} | {rss / 1e6:,.0f} "
              f"| {rss / size:,.0f} | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    main()
