#!/usr/bin/env python3
"""Committed notebook outputs versus a fresh run (used by notebooks/run-all.sh).

  nbdrift.py has-outputs NOTEBOOK          exit 0 when the committed notebook carries outputs
  nbdrift.py compare COMMITTED EXECUTED    exit 1 and print a diff when the outputs drifted
  nbdrift.py accept EXECUTED COMMITTED     write the executed notebook over the committed one,
                                           without run-specific metadata (timings)

Drift means: a cell's type, source or outputs differ after normalising what changes from run to
run by design: dotnet-repl's timing metadata and execution counts (ignored), and the random part
of diagram element ids (adverify-diagram-<n>-<random> becomes adverify-diagram-<n>). Numbers,
text, LaTeX, tables and diagrams must match exactly.
"""
import difflib
import json
import re
import sys

DIAGRAM_ID = re.compile(r"adverify-diagram-(\d+)-[0-9a-f]{8}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def normalised(nb):
    lines = []
    for i, cell in enumerate(nb.get("cells", [])):
        lines.append(f"--- cell {i} ({cell.get('cell_type')}) ---")
        lines.extend(text(cell.get("source", "")).replace("\r\n", "\n").split("\n"))
        for o in cell.get("outputs", []):
            kind = o.get("output_type")
            if kind == "stream":
                lines.append(f"[{kind}: {o.get('name', '')}]")
                lines.extend(text(o.get("text", "")).split("\n"))
            elif kind == "error":
                lines.append(f"[error: {o.get('ename', '')}: {o.get('evalue', '')}]")
            else:
                for mime, value in sorted(o.get("data", {}).items()):
                    lines.append(f"[{kind}: {mime}]")
                    lines.extend(DIAGRAM_ID.sub(r"adverify-diagram-\1", text(value)).split("\n"))
    return lines


def has_outputs(nb):
    return any(c.get("outputs") for c in nb.get("cells", []))


def strip_run_metadata(nb):
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        for key in [k for k in meta if k.startswith("dotnet_repl_")]:
            del meta[key]
    return nb


def main(argv):
    if len(argv) == 3 and argv[1] == "has-outputs":
        return 0 if has_outputs(load(argv[2])) else 1
    if len(argv) == 4 and argv[1] == "compare":
        committed, executed = normalised(load(argv[2])), normalised(load(argv[3]))
        if committed == executed:
            return 0
        diff = list(difflib.unified_diff(committed, executed, "committed " + argv[2], "this run", lineterm="", n=2))
        print("\n".join(diff[:60]) + ("\n… (diff cut)" if len(diff) > 60 else ""))
        return 1
    if len(argv) == 4 and argv[1] == "accept":
        nb = strip_run_metadata(load(argv[2]))
        with open(argv[3], "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
