#!/usr/bin/env python3
"""Runs every example block of the documentation (the contract of docs/language.md, "Conventions").

usage: doc_examples_test.py COLLAT REPO_ROOT [DOC...]

The info string of a fenced block says what the block is and how it is checked:

  ```collat                    a complete policy: `collat check --strict` gives no diagnostic at all,
                               and `collat fmt` leaves it unchanged
  ```collat fragment           declarations shown on their own: they parse with no diagnostic and
                               `collat fmt` leaves them unchanged (names they read are not resolved)
  ```collat module=PATH        a module file, written at PATH in the document's scratch folder before
                               any other block runs (so policies can import it); checked clean through a
                               generated policy that imports it (and declares `market_value: money`
                               unless the module does), and canonically formatted
  ```collat fail=KIND          a policy that shows an error on purpose: `collat check` exits 1 and
                               reports a diagnostic of kind KIND
  ```csv file=PATH             a data file (section 3.8), written at PATH in the scratch folder like
  ```yaml file=PATH            a module, for the policies of the document that read it
  ```yaml input=POLICY         an evaluation input (section 18.1) for POLICY (a path from the repository
                               root): `collat eval POLICY INPUT` loads it with no input diagnostic and
                               rejects no account or position
  ```yaml fragment             YAML shown on its own (an excerpt of a test file): it parses as YAML

Any other info string (text, sh, json, cpp, ...) is not run. An unknown marker on a collat, yaml or csv
block is a failure, so a typo cannot switch a check off. Exit status 0 when every block passes.
"""
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\S*)(.*)$")
RUN_LANGUAGES = {"collat", "yaml", "csv"}


def blocks(path):
    """Yields (line, language, attributes, text) for every fenced block of a markdown file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        start = i + 1
        language, info = m.group(1), m.group(2).split()
        j = start
        while j < len(lines) and lines[j] != "```":
            j += 1
        attrs = {}
        for word in info:
            key, _, value = word.partition("=")
            attrs[key] = value
        yield start, language, attrs, "\n".join(lines[start:j]) + "\n"
        i = j + 1


class Runner:
    def __init__(self, collat, root):
        self.collat = collat
        self.root = root
        self.failures = []

    def run(self, *args, cwd=None):
        return subprocess.run([self.collat, *args], cwd=cwd, capture_output=True, text=True)

    def fail(self, where, message, output=""):
        self.failures.append(f"{where}: {message}\n{output}".rstrip() + "\n")

    def check_format(self, where, folder, text):
        path = os.path.join(folder, "format_probe.collat")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        r = self.run("fmt", path)
        with open(path, encoding="utf-8") as f:
            formatted = f.read()
        if r.returncode != 0:
            self.fail(where, "does not parse", r.stderr)
        elif formatted != text:
            diff = subprocess.run(["diff", "-u", "--label", "block", "--label", "collat fmt", "-",
                                   path], input=text, capture_output=True, text=True).stdout
            self.fail(where, "is not canonically formatted (`collat fmt` changes it)", diff)

    def write(self, folder, name, text):
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def document(self, doc):
        rel = os.path.relpath(doc, self.root)
        found = list(blocks(doc))
        with tempfile.TemporaryDirectory() as folder:
            # Modules and data files first: any block of the document may use them.
            for line, language, attrs, text in found:
                if language == "collat" and "module" in attrs:
                    self.write(folder, attrs["module"], text)
                if language in ("csv", "yaml") and "file" in attrs:
                    self.write(folder, attrs["file"], text)
            for line, language, attrs, text in found:
                if language in RUN_LANGUAGES:
                    self.block(f"{rel}:{line}", folder, language, attrs, text)

    def block(self, where, folder, language, attrs, text):
        known = {"collat": {"fragment", "module", "fail"}, "yaml": {"input", "fragment", "file"},
                 "csv": {"file"}}[language]
        if set(attrs) - known or len(attrs) > 1:
            self.fail(where, f"unknown or conflicting markers {sorted(attrs)} on a {language} block")
            return
        if language == "csv":
            if "file" not in attrs:
                self.fail(where, "a csv block needs `file=PATH`")
            return
        if language == "yaml" and "file" in attrs:
            return  # a data file: checked by the policies that read it
        if language == "yaml":
            self.yaml_block(where, folder, attrs, text)
            return
        if "fragment" in attrs:
            self.check_format(where, folder, text)
            return
        if "module" in attrs:
            # Every policy needs `market_value: money`; the probe declares it unless the module does.
            schema = "" if re.search(r"^\s*market_value\s*:", text, re.M) else \
                "position { market_value: money }\n"
            importer = self.write(folder, "module_probe.collat",
                                  'policy module_probe { version "1" currency USD }\n'
                                  f'import "{attrs["module"]}"\n' + schema)
            r = self.run("check", "--strict", importer, cwd=folder)
            if r.returncode != 0 or r.stderr:
                self.fail(where, "module does not check clean when imported", r.stderr)
            self.check_format(where, folder, text)
            return
        path = self.write(folder, "example.collat", text)
        r = self.run("check", "--strict", path, cwd=folder)
        if "fail" in attrs:
            kind = attrs["fail"]
            if r.returncode != 1 or f"[{kind}]" not in r.stderr:
                self.fail(where, f"should fail with a `{kind}` error", r.stderr)
            return
        if r.returncode != 0 or r.stderr:
            self.fail(where, "policy does not check with zero diagnostics", r.stderr)
        self.check_format(where, folder, text)

    def yaml_block(self, where, folder, attrs, text):
        if "fragment" in attrs:
            try:
                import yaml  # python3-yaml; only needed for fragments
                yaml.safe_load(text)
            except ImportError:
                self.fail(where, "python3-yaml is needed to parse YAML fragments")
            except yaml.YAMLError as e:
                self.fail(where, "does not parse as YAML", str(e))
            return
        if "input" not in attrs:
            self.fail(where, "a yaml block needs `input=POLICY` or `fragment`")
            return
        path = self.write(folder, "input.yaml", text)
        policy = os.path.join(self.root, attrs["input"])
        r = self.run("eval", policy, path, "--format", "json", cwd=folder)
        if r.returncode != 0 or r.stderr:
            self.fail(where, f"does not load as an input of {attrs['input']}", r.stderr)
            return
        # A bad record is not a file error but a rejection in the report: an example has none.
        import json
        for account in json.loads(r.stdout).get("accounts", []):
            if account.get("rejection"):
                self.fail(where, f"account {account.get('id')} is rejected: {account['rejection']}")
            for position in account.get("positions", []):
                if position.get("status") == "rejected":
                    self.fail(where, f"position {position.get('id')} is rejected: "
                                     f"{position.get('reason')}")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    collat, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    docs = sys.argv[3:] or ["docs/language.md", "README.md", "docs/embedding.md"]
    runner = Runner(collat, root)
    for doc in docs:
        runner.document(os.path.join(root, doc))
    for failure in runner.failures:
        print(failure)
    print(f"{len(runner.failures)} failing example block(s)")
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
