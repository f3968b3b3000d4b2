#!/usr/bin/python3
"""Checks that account-total CSVs (collat_accounts.py, policy.sql, pandas_eval.py) agree exactly,
cell by cell, in integer cents; booleans compared case-insensitively. Prints one line; exit 1 on a
difference (the first few are listed).

    agree.py A.csv B.csv [C.csv ...]
"""
import csv
import sys


def load(path):
    with open(path, newline="") as f:
        return [[cell.lower() for cell in row] for row in csv.reader(f)]


def main():
    tables = [(p, load(p)) for p in sys.argv[1:]]
    base_path, base = tables[0]
    problems = []
    for path, table in tables[1:]:
        if len(table) != len(base):
            problems.append(f"{path}: {len(table) - 1} accounts, {base_path}: {len(base) - 1}")
            continue
        for row_a, row_b in zip(base, table):
            if row_a != row_b:
                problems.append(f"{path} differs from {base_path}:\n  {row_a}\n  {row_b}")
                if len(problems) > 5:
                    break
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"agree: {len(base) - 1} accounts x {len(base[0]) - 1} figures identical in "
          f"{len(tables)} implementations ({', '.join(p for p, _ in tables)})")


if __name__ == "__main__":
    main()
