#!/usr/bin/env bash
# Mutation testing with mutmut; prints the kill rate of each module.  Not part of CI (slow).
#
# Usage:
#   bash tools/mutation.sh                                   # every module of [tool.mutmut]
#   bash tools/mutation.sh src/fazhi_indicators/render.py    # one module (or several)
#
# Each run starts from a clean mutants/ folder (MUTMUT_KEEP=1 keeps it, so that mutants
# already judged are not run again; MUTMUT_SURVIVORS=1 re-runs only the last survivors).
# After a run, `mutmut show NAME` prints a mutant's diff and `mutmut results` lists the
# survivors.
# Hypothesis entry points are turned off so that the tests import the mutated copy;
# tests/conftest.py then registers the strategies itself.  FAST=1 keeps Hypothesis quick.
#
# The kill rate counts killed and timed-out mutants over every mutant run, minus the
# equivalent ones listed in EQUIVALENT below: mutants that change no behaviour a test
# could observe, each with the reason it is equivalent.
set -euo pipefail
cd "$(dirname "$0")/.."
# Needs the project installed for development (`pip install -e ".[test]"`); mutmut then
# puts its mutated copy of src/ first on the path.
python -c "import mutmut" 2>/dev/null || python -m pip install --quiet mutmut

patterns=()
for module in "$@"; do
  case "$module" in
    src/*.py) ;;
    *) echo "expected a module under src/, such as src/fazhi_indicators/render.py: $module" >&2
       exit 2 ;;
  esac
  dotted="${module#src/}"
  dotted="${dotted%.py}"
  patterns+=("${dotted//\//.}.*")
done

targets=(${patterns[@]+"${patterns[@]}"})
if [[ -n "${MUTMUT_SURVIVORS:-}" ]]; then
  # Re-run only the mutants that survived the last run (of the modules named), e.g. after
  # adding tests: far quicker than running every mutant again.
  targets=()
  while read -r name status; do
    [[ "$status" == "survived" || "$status" == "no tests" ]] || continue
    for pattern in ${patterns[@]+"${patterns[@]}"}; do
      [[ "$name" == $pattern ]] && targets+=("$name") && continue 2
    done
    [[ ${#patterns[@]} -eq 0 ]] && targets+=("$name")
  done < <(mutmut results 2>/dev/null | sed -E 's/^ +//; s/: / /')
  if [[ ${#targets[@]} -eq 0 ]]; then
    echo "no survivors to re-run" >&2
    exit 0
  fi
elif [[ -z "${MUTMUT_KEEP:-}" ]]; then
  rm -rf mutants
fi
started=$(date +%s)
HYPOTHESIS_NO_PLUGINS=1 FAST=1 mutmut run --max-children "${MUTMUT_CHILDREN:-2}" \
  ${targets[@]+"${targets[@]}"} || true
finished=$(date +%s)
mutmut results --all true > mutants/results.txt || true

# Equivalent mutants, one per line: name, then why no test can tell it from the original.
# Names follow the source: re-check this list when the module changes.
EQUIVALENT=$(cat <<'EOF'
fazhi_indicators._load.reader.x_read_text__mutmut_5  codec names ignore case: "UTF-8-SIG" is "utf-8-sig"
fazhi_indicators._load.reader.x_read_text_or_gb18030__mutmut_7  codec names ignore case
fazhi_indicators._load.reader.x__as_gb18030__mutmut_4  codec names ignore case: "GB18030"
fazhi_indicators._load.reader.x__common_hanzi__mutmut_9  codec names ignore case: "GB2312"
fazhi_indicators._load.reader.x__common_hanzi__mutmut_4  < U+9FFF for <= U+9FFF: U+9FFF is not in GB2312, so it fails either way
fazhi_indicators._load.reader.x__count_hint__mutmut_5  "XXXX" for "" when the value is not text: neither matches a written count
fazhi_indicators._load.reader.x__count_hint__mutmut_15  matching "" as well: the empty text never matches a written count
fazhi_indicators._load.county_year.x__read_date__mutmut_6  "" for None after a failed date: "" is no date either, so the same wrong type
fazhi_indicators._load.county_year.x__written_number__mutmut_11  Decimal reads the "_" digit separators itself
fazhi_indicators._load.county_year.x__written_number__mutmut_14  always finite: YAML's .inf and .nan are not Decimal text and fail before
fazhi_indicators._load.county_year.x__bounds__mutmut_7  or for and: every id is a catalogue field, and one without parts gives (0, None) either way
fazhi_indicators._load.county_year.x__expression_range__mutmut_14  sign >= 0 for > 0: a term's sign is 1 or -1
fazhi_indicators._load.county_year.x__check_counts__mutmut_8  no catalogue: the field is among the values, a whole count, so it is not read
fazhi_indicators._load.county_year.x__check_counts__mutmut_15  no catalogue: the whole is among the values, a whole count, so it is not read
fazhi_indicators._load.county_year.x__check_counts__mutmut_49  no catalogue: the total is among the values, a whole count, so it is not read
fazhi_indicators._load.county_year.x__check_counts__mutmut_75  "XXXX" for "" for a formula of several fields: neither is a field id
fazhi_indicators._load.county_year.x__check_counts__mutmut_77  "XXXX" for "" for a formula of several fields: neither is a field id
fazhi_indicators._load.profile.x__check_floor__mutmut_9  floor >= target for >: a floor equal to the target is refused already
fazhi_indicators._load.profile.x__check_floor__mutmut_14  floor <= target for <: a floor equal to the target is refused already
fazhi_indicators.render.x_scorecard_json__mutmut_2  ensure_ascii=None for False: json.dumps reads it as false
fazhi_indicators.render.x_check_json__mutmut_23  ensure_ascii=None for False
fazhi_indicators.render.x_panel_json__mutmut_43  ensure_ascii=None for False
fazhi_indicators.render.x_comparison_json__mutmut_75  ensure_ascii=None for False
fazhi_indicators.render.x_panel_markdown__mutmut_35  short=None for short=False: both false
fazhi_indicators.render.x__verdict_label__mutmut_9  no maxsplit: every label holds at most one （, and [0] is taken
fazhi_indicators.render.x__verdict_label__mutmut_10  rsplit for split at the one （ of a label
fazhi_indicators.render.x__verdict_label__mutmut_14  no maxsplit: every label holds at most one " — "
fazhi_indicators.render.x__verdict_label__mutmut_15  rsplit for split at the one " — " of a label
fazhi_indicators.render.x__verdict_label__mutmut_17  maxsplit=2 for 1: one " — " at most
fazhi_indicators.render.x__verdict_label__mutmut_20  maxsplit=2 for 1: one （ at most
fazhi_indicators.render.x__expression_zh__mutmut_8  sign >= 0 for > 0: a term's sign is 1 or -1
fazhi_indicators.render.x__expression_zh__mutmut_11  sign <= 0 for < 0: a term's sign is 1 or -1
fazhi_indicators.render.x__expression_zh__mutmut_12  sign < 1 for < 0: a term's sign is 1 or -1
fazhi_indicators.render.x_scorecard_text__mutmut_20  show_edge=None for False: rich reads it as false
fazhi_indicators.render.x_scorecard_text__mutmut_21  pad_edge=None for False
fazhi_indicators.render.x_panel_text__mutmut_19  show_edge=None for False
fazhi_indicators.render.x_panel_text__mutmut_20  pad_edge=None for False
fazhi_indicators.render.x_comparison_text__mutmut_22  show_edge=None for False
fazhi_indicators.render.x_comparison_text__mutmut_23  pad_edge=None for False
fazhi_indicators.render.x_scorecard_text__mutmut_28  overflow=None for "fold": rich then folds too
fazhi_indicators.render.x_panel_text__mutmut_27  overflow=None for "fold": rich then folds too
fazhi_indicators.render.x_comparison_text__mutmut_30  overflow=None for "fold": rich then folds too
fazhi_indicators.render.x_scorecard_text__mutmut_34  style=None on the area row: the plain console prints no style
fazhi_indicators.render.x_scorecard_text__mutmut_36  no style on the area row: the plain console prints no style
fazhi_indicators.render.x_scorecard_text__mutmut_44  style "BOLD" for "bold": style names ignore case, and none is printed
EOF
)

MUTATION_PATTERNS="${patterns[*]-}" MUTATION_EQUIVALENT="$EQUIVALENT" \
MUTATION_SECONDS=$((finished - started)) python - <<'PY'
"""Count mutmut's verdicts per module and print each module's kill rate."""
import collections
import fnmatch
import os
import re

patterns = os.environ["MUTATION_PATTERNS"].split()
equivalent = {
    line.split()[0]
    for line in os.environ["MUTATION_EQUIVALENT"].splitlines()
    if line.strip() and not line.startswith("#")
}
by_module: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
survivors: dict[str, list[str]] = collections.defaultdict(list)
for line in open("mutants/results.txt", encoding="utf-8"):
    match = re.fullmatch(r"\s*(\S+): (\w[\w ]*)", line.rstrip("\n"))
    if not match:
        continue
    name, status = match.groups()
    if patterns and not any(fnmatch.fnmatch(name, p) for p in patterns):
        continue
    module = name.rsplit(".", 1)[0]
    if status == "not checked":
        continue
    if name in equivalent:
        status = "equivalent"
    by_module[module][status] += 1
    if status not in ("killed", "timeout", "equivalent"):
        survivors[module].append(f"{name} ({status})")
print(f"mutation testing took {os.environ['MUTATION_SECONDS']} s")
for module, counts in sorted(by_module.items()):
    killed = counts["killed"] + counts["timeout"]
    total = sum(counts.values()) - counts["equivalent"]
    rate = 100 * killed / max(total, 1)
    print(f"{module}: {killed}/{total} = {rate:.1f}% killed  {dict(sorted(counts.items()))}")
    for survivor in survivors[module]:
        print(f"    {survivor}")
PY
