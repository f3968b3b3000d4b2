#!/usr/bin/env python3
"""Validates collat JSON reports against docs/report.schema.json and checks that their money
reconciles (docs/language.md 15.3, 15.4), in exact decimal arithmetic:

- every money figure has at most `precision` decimal places;
- gross_value = the four by_status figures; by_status.eligible = eligible_value + haircut_value;
  eligible_value = collateral_value + concentration_excess;
- each total is the sum of the position figures it adds, each by_status figure the sum of its
  positions' market values, concentration_excess the sum of the max limits' excess;
- per eligible position adjusted = counted + excess; other positions have 0 adjusted, excess and
  counted value.

usage: check_reports.py SCHEMA (FILE | DIR | --doc MARKDOWN | --eval COLLAT POLICY INPUT ENGINE
                               | --run DEF EXIT COMMAND)...
A DIR contributes its *.json files recursively; --doc every ```json block of MARKDOWN that is a
report (has "report_version"), so the documented example cannot drift; --eval runs `COLLAT eval POLICY INPUT --format
json --engine ENGINE` and checks its output, and also runs `--format jsonl` (each line is validated
against $defs/jsonl_line, and the lines together must be the JSON report's accounts) and `--format csv
--accounts-csv FILE` (docs/language.md 15.9: the rows must be the JSON report's figures, and each
account's position rows must add up to its totals). Exit 0 when every report passes, 1 otherwise.
"""
import json
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile
from decimal import Decimal

import jsonschema


def money_places(value):
    exponent = value.as_tuple().exponent
    return max(0, -exponent)


def check_money(errors, where, value, precision):
    if value is None:
        errors.append(f"{where}: null money")
    elif money_places(Decimal(value)) > precision:
        errors.append(f"{where}: {value} has more than {precision} decimal places")


def reconcile(report):
    errors = []
    precision = report["precision"]
    for account in report["accounts"]:
        at = f"account {account['id']}"
        t = account["totals"]
        for key in ("gross_value", "eligible_value", "haircut_value", "concentration_excess",
                    "collateral_value"):
            check_money(errors, f"{at} totals.{key}", t[key], precision)
        for key, value in t["by_status"].items():
            check_money(errors, f"{at} totals.by_status.{key}", value, precision)
        by = {k: Decimal(v) for k, v in t["by_status"].items()}
        total = {k: Decimal(t[k]) for k in t if k != "by_status"}

        def expect(what, left, right):
            if left != right:
                errors.append(f"{at}: {what}: {left} != {right}")

        expect("gross_value = sum of by_status", total["gross_value"], sum(by.values(), Decimal(0)))
        expect("by_status.eligible = eligible_value + haircut_value", by["eligible"],
               total["eligible_value"] + total["haircut_value"])
        expect("eligible_value = collateral_value + concentration_excess", total["eligible_value"],
               total["collateral_value"] + total["concentration_excess"])
        sums = {k: Decimal(0) for k in ("adjusted", "haircut", "excess", "counted")}
        status_sums = {k: Decimal(0) for k in by}
        for p in account["positions"]:
            pat = f"{at} position {p['id']}"
            for key in ("market_value", "adjusted_value", "excess", "counted_value"):
                check_money(errors, f"{pat} {key}", p[key], precision)
            mv, adj = Decimal(p["market_value"]), Decimal(p["adjusted_value"])
            exc, cnt = Decimal(p["excess"]), Decimal(p["counted_value"])
            status_sums[p["status"]] += mv
            if p["status"] == "eligible":
                sums["adjusted"] += adj
                sums["haircut"] += mv - adj
                if adj != cnt + exc:
                    errors.append(f"{pat}: adjusted {adj} != counted {cnt} + excess {exc}")
            elif adj != 0 or exc != 0 or cnt != 0:
                errors.append(f"{pat}: a {p['status']} position with non-zero values")
            sums["excess"] += exc
            sums["counted"] += cnt
        for status, value in status_sums.items():
            expect(f"by_status.{status} = sum of its positions' market values", by[status], value)
        expect("eligible_value = sum of adjusted values", total["eligible_value"], sums["adjusted"])
        expect("haircut_value = sum of market - adjusted", total["haircut_value"], sums["haircut"])
        expect("concentration_excess = sum of position excess", total["concentration_excess"],
               sums["excess"])
        expect("collateral_value = sum of counted values", total["collateral_value"],
               sums["counted"])
        limit_excess = Decimal(0)
        for limit in account["limits"]:
            check_money(errors, f"{at} limit {limit['id']} excess", limit["excess"], precision)
            if limit["on"] != "quantity":
                for key in ("cap", "used", "shortfall"):
                    check_money(errors, f"{at} limit {limit['id']} {key}", limit[key], precision)
            if limit["kind"] == "max":
                limit_excess += Decimal(limit["excess"])
        expect("concentration_excess = sum of max limits' excess", total["concentration_excess"],
               limit_excess)
    return errors


def check_jsonl(validator_for, report, text):
    """The JSON Lines rendering of `report`: one valid line per account, carrying its header."""
    errors = []
    lines = text.split("\n")
    if lines[-1] != "":
        errors.append("jsonl: the last line does not end in a newline")
    lines = lines[:-1]
    if len(lines) != len(report["accounts"]):
        errors.append(f"jsonl: {len(lines)} lines for {len(report['accounts'])} accounts")
    header = {k: v for k, v in report.items() if k != "accounts"}
    for n, (line, account) in enumerate(zip(lines, report["accounts"])):
        errors.extend(f"jsonl line {n + 1}: schema: {e.json_path}: {e.message}"
                      for e in validator_for("jsonl_line").iter_errors(json.loads(line)))
        parsed = json.loads(line, parse_float=Decimal)
        if parsed.get("account") != account:
            errors.append(f"jsonl line {n + 1}: account differs from the JSON report's")
        if {k: v for k, v in parsed.items() if k != "account"} != header:
            errors.append(f"jsonl line {n + 1}: header differs from the JSON report's")
    return errors


def check_csv(report, positions_text, accounts_text):
    """The CSV renderings of `report`: the same figures, position rows adding up to the totals."""
    import csv
    import io
    errors = []
    precision = report["precision"]
    rows = list(csv.DictReader(io.StringIO(positions_text, newline="")))
    accounts = list(csv.DictReader(io.StringIO(accounts_text, newline="")))
    if [a["account"] for a in accounts] != [a["id"] for a in report["accounts"]]:
        errors.append("accounts csv: accounts differ from the JSON report's")
    expected = [(a["id"], p["id"]) for a in report["accounts"] for p in a["positions"]]
    if [(r["account"], r["position"]) for r in rows] != expected:
        errors.append("positions csv: rows differ from the JSON report's positions")
    by_account = {}
    for r in rows:
        by_account.setdefault(r["account"], []).append(r)
    money = ("market_value", "adjusted_value", "excess", "counted_value")
    for account, row in zip(report["accounts"], accounts):
        at = f"csv account {account['id']}"
        t = account["totals"]
        json_totals = {**{k: t[k] for k in t if k != "by_status"},
                       **{f"by_status.{k}": v for k, v in t["by_status"].items()}}
        for key, value in json_totals.items():
            check_money(errors, f"{at} {key}", row[key], precision)
            if Decimal(row[key]) != Decimal(value):
                errors.append(f"{at}: {key} {row[key]} != JSON {value}")
        breached = sum(1 for limit in account["limits"] if limit["breached"])
        if int(row["breached_limits"]) != breached:
            errors.append(f"{at}: breached_limits {row['breached_limits']} != {breached}")
        sums = {k: Decimal(0) for k in ("eligible", "ineligible", "unknown", "rejected",
                                         "adjusted", "haircut", "excess", "counted")}
        for r, p in zip(by_account.get(account["id"], []), account["positions"]):
            for key in money:
                check_money(errors, f"{at} position {r['position']} {key}", r[key], precision)
                if Decimal(r[key]) != Decimal(p[key]):
                    errors.append(f"{at} position {r['position']}: {key} {r[key]} != JSON {p[key]}")
            if r["status"] != p["status"]:
                errors.append(f"{at} position {r['position']}: status {r['status']}")
            mv = Decimal(r["market_value"])
            sums[r["status"]] += mv
            if r["status"] == "eligible":
                sums["adjusted"] += Decimal(r["adjusted_value"])
                sums["haircut"] += mv - Decimal(r["adjusted_value"])
            sums["excess"] += Decimal(r["excess"])
            sums["counted"] += Decimal(r["counted_value"])
        for key, total in (("by_status.eligible", "eligible"), ("by_status.ineligible", "ineligible"),
                           ("by_status.unknown", "unknown"), ("by_status.rejected", "rejected"),
                           ("eligible_value", "adjusted"), ("haircut_value", "haircut"),
                           ("concentration_excess", "excess"), ("collateral_value", "counted")):
            if Decimal(row[key]) != sums[total]:
                errors.append(f"{at}: {key} {row[key]} != sum of its position rows {sums[total]}")
        gross = sum((Decimal(row[f"by_status.{k}"]) for k in
                     ("eligible", "ineligible", "unknown", "rejected")), Decimal(0))
        if Decimal(row["gross_value"]) != gross:
            errors.append(f"{at}: gross_value {row['gross_value']} != sum of by_status {gross}")
    return errors


def run_streams(collat, policy, data, engine, report, validator_for):
    """Runs the jsonl and csv renderings of an evaluation and checks them against its JSON."""
    base = [collat, "eval", policy, data, "--engine", engine]
    jsonl = subprocess.run(base + ["--format", "jsonl"], capture_output=True, text=True)
    if jsonl.returncode != 0:
        return [f"jsonl: exit {jsonl.returncode}: {jsonl.stderr}"]
    with tempfile.TemporaryDirectory() as scratch:
        accounts_file = pathlib.Path(scratch) / "accounts.csv"
        csv_run = subprocess.run(base + ["--format", "csv", "--accounts-csv", str(accounts_file)],
                                 capture_output=True, text=True)
        if csv_run.returncode != 0:
            return [f"csv: exit {csv_run.returncode}: {csv_run.stderr}"]
        accounts_text = accounts_file.read_text()
    return (check_jsonl(validator_for, report, jsonl.stdout) +
            check_csv(report, csv_run.stdout, accounts_text))


def main(argv):
    schema = json.loads(pathlib.Path(argv[1]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    reports = []  # (name, text, def): def None is a report
    others = []
    streams = []  # (name, collat, policy, input, engine, JSON text)
    args = argv[2:]
    i = 0
    while i < len(args):
        if args[i] == "--eval":
            collat, policy, data, engine = args[i + 1:i + 5]
            i += 5
            run = subprocess.run([collat, "eval", policy, data, "--format", "json", "--engine",
                                  engine], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL {policy} on {data} ({engine}): exit {run.returncode}: {run.stderr}")
                return 1
            reports.append((f"eval {pathlib.Path(data).name} ({engine})", run.stdout))
            streams.append((f"eval {pathlib.Path(data).name} ({engine}) jsonl/csv", collat,
                            policy, data, engine, run.stdout))
            continue
        if args[i] == "--run":
            definition, status, command = args[i + 1:i + 4]
            i += 4
            run = subprocess.run(shlex.split(command), capture_output=True, text=True)
            if run.returncode != int(status):
                print(f"FAIL {command}: exit {run.returncode}, not {status}: {run.stderr}")
                return 1
            others.append((command, run.stdout, definition))
            continue
        if args[i] == "--doc":
            doc = pathlib.Path(args[i + 1])
            i += 2
            blocks = re.findall(r"^```json\n(.*?)^```", doc.read_text(), re.S | re.M)
            reports.extend((f"{doc.name} example {n + 1}", block)
                           for n, block in enumerate(blocks) if '"report_version"' in block)
            continue
        path = pathlib.Path(args[i])
        i += 1
        files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
        reports.extend((str(f), f.read_text()) for f in files)
    failed = 0
    for name, text in reports:
        report = json.loads(text, parse_float=Decimal)
        problems = [f"schema: {e.json_path}: {e.message}"
                    for e in validator.iter_errors(json.loads(text))]
        if not problems:
            problems = reconcile(report)
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems[:20]:
                print(f"  {problem}")
    def validator_for(definition):
        # The definition alone, its references resolved in the whole schema (a sub-schema that
        # carried the report's top-level "properties" would apply them to every definition).
        return jsonschema.Draft202012Validator(
            schema["$defs"][definition], resolver=jsonschema.RefResolver.from_schema(schema))

    for name, collat, policy, data, engine, text in streams:
        problems = run_streams(collat, policy, data, engine, json.loads(text, parse_float=Decimal),
                               validator_for)
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems[:20]:
                print(f"  {problem}")
    for name, text, definition in others:
        problems = [f"schema: {e.json_path}: {e.message}"
                    for e in validator_for(definition).iter_errors(json.loads(text))]
        if problems:
            failed += 1
            print(f"FAIL {name} ({definition})")
            for problem in problems[:20]:
                print(f"  {problem}")
    total = len(reports) + len(others) + len(streams)
    print(f"documents: {total - failed} passed, {failed} failed")
    return 0 if failed == 0 and reports else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
