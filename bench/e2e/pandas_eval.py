#!/usr/bin/python3
"""policies/us_uncleared_margin.collat as a numpy/pandas script (bench/e2e): the account totals and
outputs of a generated book (generate.py) in integer cents, written as CSV with the same columns as
policy.sql. Exact for the same reason (see policy.sql): no money rounding in these books is a tie.

    pandas_eval.py BOOK_DIR OUT_CSV
"""
import os
import sys

import numpy as np
import pandas as pd

VALUATION = np.datetime64("2026-03-31")
ONE_YEAR = np.datetime64("2027-03-31")
FIVE_YEARS = np.datetime64("2031-03-31")


def main():
    book, out = sys.argv[1], sys.argv[2]
    pos = pd.read_csv(os.path.join(book, "positions.csv"), parse_dates=["maturity"],
                      dtype={"investment_grade": "boolean", "affiliate_of_poster": "boolean",
                             "market_value": np.int64, "funding_rate": str})
    acc = pd.read_csv(os.path.join(book, "accounts.csv"))
    acc = pd.DataFrame({
        "account": acc["id"],
        "req": acc["requirement"].astype(np.int64) * 100,
        "ia": acc["independent_amount"].fillna(0).astype(np.int64) * 100,
        "thr": acc["threshold"].fillna(0).astype(np.int64) * 100,
        "mta": acc["mta"].fillna(500_000).astype(np.int64) * 100,
        "rnd": acc["rounding"].fillna(10_000).astype(np.int64) * 100,
    }).set_index("account")

    cls = pos["asset_class"].to_numpy()
    cents = np.select([pos["currency"] == "USD", pos["currency"] == "EUR"], [100, 108], 125)
    mv = pos["market_value"].to_numpy() * cents
    maturity = pos["maturity"].to_numpy()
    known_maturity = ~np.isnat(maturity)
    grade = pos["investment_grade"]
    grade_known = grade.notna().to_numpy()
    grade_true = grade.fillna(False).to_numpy(dtype=bool)
    affiliate = pos["affiliate_of_poster"].fillna(False).to_numpy(dtype=bool)
    government = np.isin(cls, ["sovereign", "mdb", "gse_backed"])
    rated = np.isin(cls, ["gse_other", "public_debt"])

    ineligible = affiliate | (known_maturity & (maturity <= VALUATION))
    unknown = ~ineligible & rated & ~grade_known
    ineligible |= ~unknown & rated & grade_known & ~grade_true
    unknown |= ~ineligible & (government | rated) & ~known_maturity
    eligible = ~ineligible & ~unknown

    short = maturity < ONE_YEAR
    medium = maturity <= FIVE_YEARS
    rate = np.select(
        [cls == "cash", government, rated, (cls == "equity") & (pos["index"] == "sp500"),
         cls == "equity", cls == "gold"],
        [0, np.select([short, medium], [5, 20], 40), np.select([short, medium], [10, 40], 80),
         150, 250, 150], 0)
    rate = rate + np.where(pos["currency"].to_numpy() != "USD", 80, 0)
    adj = np.where(eligible, (mv * (1000 - rate) + 500) // 1000, 0)

    frame = pd.DataFrame({"account": pos["account"], "issuer": pos["issuer"], "mv": mv,
                          "eligible_mv": np.where(eligible, mv, 0),
                          "ineligible_mv": np.where(ineligible, mv, 0),
                          "unknown_mv": np.where(unknown, mv, 0), "adj": adj,
                          "equity_adj": np.where(cls == "equity", adj, 0)})
    totals = frame.groupby("account", sort=True)[
        ["mv", "eligible_mv", "ineligible_mv", "unknown_mv", "adj", "equity_adj"]].sum()
    totals = totals.join(acc)

    covered = frame[eligible & ~np.isin(cls, ["cash", "sovereign"])].copy()
    covered["equity"] = cls[eligible & ~np.isin(cls, ["cash", "sovereign"])] == "equity"
    groups = covered.groupby(["account", "issuer"], sort=False).agg(
        used=("adj", "sum"), equity=("equity", "any")).reset_index()
    groups["cap"] = acc.loc[groups["account"], "req"].to_numpy() * 25 // 100
    groups["excess"] = np.maximum(0, groups["used"] - groups["cap"])
    groups["equity_excess"] = np.where(groups["equity"], groups["excess"], 0)
    by_account = groups.groupby("account")[["excess", "equity_excess"]].sum()
    totals = totals.join(by_account).fillna({"excess": 0, "equity_excess": 0})
    equity_used = totals["equity_adj"] - totals["equity_excess"]
    equity_excess = np.maximum(0, equity_used - totals["req"] * 40 // 100)
    concentration = (totals["excess"] + equity_excess).astype(np.int64)
    collateral = totals["adj"] - concentration
    credit = np.maximum(0, totals["req"] + totals["ia"] - totals["thr"])
    short_by = credit - collateral
    rnd = totals["rnd"]
    delivery = np.where((short_by <= 0) | (short_by < totals["mta"]), 0, -(-short_by // rnd) * rnd)
    over_by = -short_by
    returned = np.where((over_by <= 0) | (over_by < totals["mta"]), 0, over_by // rnd * rnd)
    result = pd.DataFrame({
        "account": totals.index, "gross_value": totals["mv"], "eligible_value": totals["adj"],
        "haircut_value": totals["eligible_mv"] - totals["adj"],
        "concentration_excess": concentration, "collateral_value": collateral,
        "eligible_mv": totals["eligible_mv"], "ineligible_mv": totals["ineligible_mv"],
        "unknown_mv": totals["unknown_mv"], "rejected_mv": 0, "credit_support": credit,
        "delivery": delivery, "return_amount": returned,
        "under_mta_shortfall": (delivery == 0) & (collateral < credit)})
    result.to_csv(out, index=False)


if __name__ == "__main__":
    main()
