#!/usr/bin/env python3
"""Runs the hostile-input corpus (issue 9): every case folder under tests/hostile/cases has a
`case.yaml` naming the command and what must happen, a policy and usually an input. Each case runs
on the interpreter and on the JIT (-O0 and -O2): the exit status must be the expected one, every
expected text must appear (on stderr or stdout as the case says), no text of `never` may appear
anywhere, and every JSON report produced must validate against docs/report.schema.json and
reconcile to the cent (tests/report/check_reports.py). The engines must print the same report.

A case may list `setup` steps, made at test time in a private copy of its folder (never committed):
`{fifo: NAME}` makes a named pipe (nothing ever writes to it: a reader that blocks would hang until
the case's `timeout`), `{symlink: NAME, to: TARGET}` a symbolic link, and
`{big_cell: NAME, head: TEXT, bytes: N, tail: TEXT}` a file of TEXT, N bytes of `x`, then TEXT.

usage: run_hostile.py COLLAT SOURCE_DIR
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import yaml

ENGINES = [["--engine", "interp"], ["--engine", "jit", "-O0"], ["--engine", "jit", "-O2"]]


def set_up(folder, steps):
    for step in steps:
        if "fifo" in step:
            os.mkfifo(folder / step["fifo"])
        elif "symlink" in step:
            os.symlink(step["to"], folder / step["symlink"])
        elif "big_cell" in step:
            with open(folder / step["big_cell"], "w") as out:
                out.write(step.get("head", ""))
                out.write("x" * step["bytes"])
                out.write(step.get("tail", ""))
        else:
            raise ValueError(f"unknown setup step {step}")


def main(argv):
    collat, root = argv[1], pathlib.Path(argv[2])
    sys.path.insert(0, str(root / "tests" / "report"))
    import check_reports  # noqa: E402  (the reconciliation rules live there)
    import jsonschema
    schema = json.loads((root / "docs" / "report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    passed = failed = 0
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="collat-hostile-"))
    for case_file in sorted((root / "tests" / "hostile" / "cases").glob("*/case.yaml")):
        folder = case_file.parent
        case = yaml.safe_load(case_file.read_text())
        if case.get("setup"):
            folder = scratch / folder.name
            shutil.copytree(case_file.parent, folder)
            set_up(folder, case["setup"])
        command = case["command"]
        args = [collat, command, *[str(folder / a) for a in case.get("files", [])],
                *case.get("args", [])]
        engines = ENGINES if command in ("eval", "test") else [[]]
        reports = []
        problems = []
        for engine in engines:
            try:
                run = subprocess.run(args + engine, capture_output=True, text=True,
                                     timeout=case.get("timeout", 60), errors="replace")
            except subprocess.TimeoutExpired:
                problems.append(f"{' '.join(engine)}: no answer within the time limit")
                continue
            where = " ".join(engine) or command
            if run.returncode != case["exit"]:
                problems.append(f"{where}: exit {run.returncode}, expected {case['exit']}: "
                                f"{run.stderr[-500:]}")
            for text in case.get("stderr", []):
                if text not in run.stderr:
                    problems.append(f"{where}: stderr lacks {text!r}: {run.stderr[-500:]}")
            for text in case.get("stdout", []):
                if text not in run.stdout:
                    problems.append(f"{where}: stdout lacks {text!r}")
            for text in case.get("never", []):
                if text in run.stdout or text in run.stderr:
                    problems.append(f"{where}: output shows {text!r}")
            if "--format" in case.get("args", []) and run.stdout.startswith("{") and \
                    '"report_version"' in run.stdout:
                reports.append(run.stdout)
                document = json.loads(run.stdout)
                problems += [f"{where}: schema: {e.message}" for e in validator.iter_errors(document)]
                problems += [f"{where}: {p}" for p in
                             check_reports.reconcile(json.loads(run.stdout, parse_float=Decimal))]
        if len(set(reports)) > 1:
            problems.append("the engines printed different reports")
        if case.get("report") and not reports:
            problems.append("no report was produced")
        if problems:
            failed += 1
            print(f"FAIL {folder.name}")
            for p in problems[:10]:
                print(f"  {p}")
        else:
            passed += 1
    shutil.rmtree(scratch)
    print(f"hostile: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
