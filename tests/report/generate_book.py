#!/usr/bin/env python3
"""Writes a us_uncleared_margin book: DIR/book.yaml (ACCOUNTS accounts) + DIR/positions.csv
(POSITIONS positions spread over them). usage: gen_book.py DIR POSITIONS ACCOUNTS"""
import pathlib, random, sys
out, n, accounts = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(7)
rows = [
    ("cash", "Federal Reserve", "USD", "", "", ""),
    ("sovereign", "US Treasury", "USD", "2028-05-15", "", ""),
    ("sovereign", "Bundesrepublik", "EUR", "2030-02-15", "", ""),
    ("public_debt", "ACME Corp", "USD", "2029-06-30", "", "true"),
    ("equity", "ACME Corp", "USD", "", "sp500", ""),
    ("equity", "Regional Bancorp", "USD", "", "sp1500", ""),
    ("gold", "LBMA Good Delivery", "USD", "", "", ""),
    ("public_debt", "Unrated Holdings", "USD", "2030-09-30", "", ""),
    ("gse_backed", "GNMA", "USD", "2041-07-01", "", ""),
    ("cash", "Bank of England", "GBP", "", "", ""),
]
with open(out / "book.yaml", "w") as f:
    f.write("valuation_date: 2026-03-31\nfx: { EUR: 1.08, GBP: 1.25 }\n"
            "market:\n  funding_spread: \"0.25%\"\npositions_csv: positions.csv\naccounts:\n")
    for a in range(accounts):
        f.write(f"  - {{ id: CP-{a:06d}, requirement: {rng.randint(1, 50) * 1000000}, "
                f"independent_amount: 250000, positions: [] }}\n")
with open(out / "positions.csv", "w") as f:
    f.write("account,id,asset_class,issuer,currency,maturity,index,investment_grade,quantity,market_value\n")
    for i in range(n):
        a = i * accounts // n
        cls, issuer, cur, mat, idx, ig = rows[rng.randrange(len(rows))]
        mv = rng.randint(1000, 5000000) + rng.randint(0, 99) / 100
        f.write(f"CP-{a:06d},p{i},{cls},{issuer},{cur},{mat},{idx},{ig},{rng.randint(1, 10000)},{mv}\n")
