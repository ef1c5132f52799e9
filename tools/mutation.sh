#!/usr/bin/env bash
# Mutation testing of compute, scoring and audit with mutmut; prints the kill rate.
# Usage: bash tools/mutation.sh   (takes several minutes; not part of CI)
# Hypothesis entry points are turned off so that the tests import the mutated copy;
# tests/conftest.py then registers the strategies itself.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet mutmut -e ".[test]"
rm -rf mutants
HYPOTHESIS_NO_PLUGINS=1 FAST=1 mutmut run --max-children "${MUTMUT_CHILDREN:-2}" || true
mutmut results --all true > mutants/results.txt || true
python - <<'PY'
import collections, re
counts = collections.Counter()
for line in open("mutants/results.txt", encoding="utf-8"):
    match = re.search(r":\s*(\w[\w ]*)$", line.strip())
    if match:
        counts[match.group(1)] += 1
killed = counts.get("killed", 0)
total = sum(counts.values())
print(dict(counts))
print(f"mutation score: {killed}/{total} = {100 * killed / max(total, 1):.1f}% killed")
PY
