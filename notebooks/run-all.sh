#!/usr/bin/env bash
# Runs every notebook in notebooks/ headless with dotnet-repl and fails when any cell fails.
#
#   bash notebooks/run-all.sh [NOTEBOOK.ipynb ...]
#
# The notebooks reference the built library with paths relative to the repository root
# (#r "src/AdVerify.Interactive/bin/Release/net10.0/AdVerify.dll"; 04 also loads
# src/AdVerify.FSharp/bin/Release/net10.0/AdVerify.FSharp.dll), because dotnet-repl
# resolves #r against the process's current directory: this script therefore builds Release
# and runs every notebook from the repository root. Executed notebooks (with their outputs)
# and one log per notebook go to artifacts/notebooks/.
#
# Environment: NOTEBOOKS_NO_BUILD=1 skips the build (when the caller has just built Release);
# NOTEBOOK_TIMEOUT=seconds bounds one notebook's run (default 600).
#
# A notebook fails when dotnet-repl exits non-zero (it exits 2 when a cell fails), when the
# executed notebook is missing, when it contains any error output, or, for a notebook committed
# with its outputs (01-seed.ipynb, so it reads on a code host), when this run's outputs differ
# from the committed ones (notebooks/nbdrift.py says what "differ" ignores: timings, execution
# counts, the random part of diagram ids). NOTEBOOKS_ACCEPT=1 writes this run's outputs into
# the notebooks that were run, instead of comparing (how 01 got its outputs). Needs python3 for that comparison.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="artifacts/notebooks"
timeout_s="${NOTEBOOK_TIMEOUT:-600}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

started=$(date +%s)
if [[ "${NOTEBOOKS_NO_BUILD:-}" != "1" ]]; then
  echo "notebooks: building src/AdVerify.Interactive and src/AdVerify.FSharp (Release)"
  dotnet build src/AdVerify.Interactive/AdVerify.Interactive.csproj -c Release -nologo -v quiet
  dotnet build src/AdVerify.FSharp/AdVerify.FSharp.fsproj -c Release -nologo -v quiet
fi
dotnet tool restore >/dev/null

if [[ $# -gt 0 ]]; then
  notebooks=("$@")
else
  notebooks=(notebooks/*.ipynb)
fi

# Counts error outputs in an executed notebook (python3 when present, else grep on the JSON).
count_errors() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
print(sum(1 for c in nb.get("cells", []) for o in c.get("outputs", []) if o.get("output_type") == "error"))
PY
  else
    grep -c '"output_type": *"error"' "$1" || true
  fi
}

mkdir -p "$out"
passed=0
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  result="$out/$name"
  log="$out/${name%.ipynb}.log"
  rm -f "$result"
  t0=$(date +%s.%N)
  set +e
  timeout "$timeout_s" dotnet repl --run "$nb" --exit-after-run --output-path "$result" >"$log" 2>&1
  rc=$?
  set -e
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if [[ ! -s "$result" ]]; then
    errors="no output notebook"
  else
    errors="$(count_errors "$result")"
  fi
  drift=""
  if [[ $rc -eq 0 && "$errors" == "0" && "${NOTEBOOKS_ACCEPT:-}" == "1" ]]; then
    python3 notebooks/nbdrift.py accept "$result" "$nb"
    echo "      accepted this run's outputs into $nb"
  elif [[ $rc -eq 0 && "$errors" == "0" ]] && python3 notebooks/nbdrift.py has-outputs "$nb"; then
    # A notebook committed with its outputs (so it reads on a code host) must reproduce them.
    if ! drift="$(python3 notebooks/nbdrift.py compare "$nb" "$result")"; then
      errors="its outputs drifted from the committed ones"
    fi
  fi
  if [[ $rc -eq 0 && "$errors" == "0" ]]; then
    passed=$((passed + 1))
    echo "PASS  $name  (${secs} s)"
  else
    failed=$((failed + 1))
    echo "FAIL  $name  (${secs} s): exit code $rc, error outputs: $errors; see $log and $result"
    if [[ -n "$drift" ]]; then
      echo "$drift" | sed 's/^/      /'
      echo "      (intended? NOTEBOOKS_ACCEPT=1 bash notebooks/run-all.sh $nb updates the committed outputs)"
    fi
    if [[ -s "$result" ]] && command -v python3 >/dev/null 2>&1; then
      python3 - "$result" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
for i, c in enumerate(nb.get("cells", [])):
    for o in c.get("outputs", []):
        if o.get("output_type") == "error":
            print(f"      cell {i}: {o.get('ename', '')}: {str(o.get('evalue', '')).splitlines()[0][:300]}")
PY
    fi
  fi
done

echo "notebooks: $passed passed, $failed failed ($(( $(date +%s) - started )) s in all)"
[[ $failed -eq 0 ]]
