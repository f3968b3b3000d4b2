#!/usr/bin/env python3
"""Re-formats every ```collat block of markdown files with `collat fmt -`, in place.

Blocks that do not parse are left as they are and listed. Run it after editing a doc example:
  python3 scripts/fmt-doc-examples.py build/cli/collat docs/language.md README.md docs/embedding.md
"""
import re
import subprocess
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    collat = sys.argv[1]
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        out, pos, changed, unparsed = [], 0, 0, 0
        for m in re.finditer(r"^```collat\n(.*?)^```$", text, re.S | re.M):
            body = m.group(1)
            r = subprocess.run([collat, "fmt", "-"], input=body.encode(), capture_output=True)
            out.append(text[pos:m.start(1)])
            if r.returncode == 0:
                formatted = r.stdout.decode()
                changed += formatted != body
                out.append(formatted)
            else:
                unparsed += 1
                line = text.count("\n", 0, m.start()) + 1
                print(f"{path}:{line}: block does not parse; left as is", file=sys.stderr)
                out.append(body)
            pos = m.end(1)
        out.append(text[pos:])
        open(path, "w", encoding="utf-8").write("".join(out))
        print(f"{path}: {changed} block(s) re-formatted, {unparsed} not parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
