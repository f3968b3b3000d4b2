#!/usr/bin/python3
"""Reads the account totals and outputs of a `collat eval --format json` report (bench/e2e) and
writes them in integer cents as CSV with policy.sql's columns. Streams the pretty-printed report
line by line (account keys sit at fixed indents), so a 1,000,000-position report needs no DOM.

    collat_accounts.py REPORT_JSON OUT_CSV [PRECISION]
"""
import re
import sys
from decimal import Decimal

TOTALS = {"gross_value", "eligible_value", "haircut_value", "concentration_excess",
          "collateral_value", "credit_support", "delivery", "return_amount"}
STATUS = {"eligible": "eligible_mv", "ineligible": "ineligible_mv", "unknown": "unknown_mv",
          "rejected": "rejected_mv"}
COLUMNS = ["account", "gross_value", "eligible_value", "haircut_value", "concentration_excess",
           "collateral_value", "eligible_mv", "ineligible_mv", "unknown_mv", "rejected_mv",
           "credit_support", "delivery", "return_amount", "under_mta_shortfall"]
ACCOUNT = re.compile(r'^      "id": "(.*)",?$')
EIGHT = re.compile(r'^        "(\w+)": (.*?),?$')
TEN = re.compile(r'^          "(\w+)": (.*?),?$')


def cents(text, unit):
    value = Decimal(text) * unit
    if value != value.to_integral_value():
        raise SystemExit(f"collat_accounts: {text} is not a whole number of the precision's unit")
    return int(value)


def main():
    report, out = sys.argv[1], sys.argv[2]
    unit = Decimal(10) ** int(sys.argv[3] if len(sys.argv) > 3 else 2)
    rows, row = [], None
    with open(report) as lines:
        for line in lines:
            if not line.startswith("      ") or line.startswith("            "):
                continue
            if line.startswith('      "id"'):
                row = {"account": ACCOUNT.match(line).group(1)}
                rows.append(row)
            elif (m := EIGHT.match(line)) and m.group(1) in TOTALS:
                row[m.group(1)] = "" if m.group(2) == "null" else cents(m.group(2), unit)
            elif (m := EIGHT.match(line)) and m.group(1) == "under_mta_shortfall":
                row["under_mta_shortfall"] = m.group(2)
            elif (m := TEN.match(line)) and m.group(1) in STATUS:
                row[STATUS[m.group(1)]] = cents(m.group(2), unit)
    rows.sort(key=lambda r: r["account"])
    with open(out, "w") as sink:
        sink.write(",".join(COLUMNS) + "\n")
        for r in rows:
            sink.write(",".join(str(r.get(c, "")) for c in COLUMNS) + "\n")


if __name__ == "__main__":
    main()
