#!/usr/bin/env bash
# The kernel's own tools/memory-model scripts, unchanged, with litmus-check as
# their herd7: copies ../shared/kernel-tree to a temporary directory, puts a
# `herd7` link to bin/litmus-herd7 first on PATH, runs
#   scripts/checkalllitmus.sh                     (tools/memory-model/litmus-tests)
#   scripts/checklitmus.sh FILE                   (Documentation/litmus-tests, tests
#                                                  herd7 rejects, one per process)
#   scripts/initlitmushist.sh, checklitmushist.sh (a litmus/ directory made of
#                                                  part of ../shared/corpus/paulmck)
# and checks that every test is judged as herd7 7.58 judges it: the verdict
# lines (Observation, Flag) of each .litmus.out equal herd7's (../shared/oracle),
# and judgelitmus.sh gives the exit code it gives on herd7's output. herd7's
# output is not needed: judgelitmus.sh is run on the oracle's. The exceptions
# are the tests too new for herd7 7.58 (no oracle answer; they declare
# spinlock_t): they must pass their Result: comment here.
#
#   bash scripts/kernel-tree-check.sh [--keep]     (needs ../shared, /usr/bin/time, timeout)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
KEEP=0; [ "${1:-}" = --keep ] && KEEP=1
if [ ! -d "$SHARED/kernel-tree" ]; then echo "kernel-tree-check: ../shared is absent; skipped"; exit 0; fi
for tool in /usr/bin/time timeout; do
  command -v "$tool" >/dev/null || { echo "kernel-tree-check: $tool is needed by the kernel's scripts"; exit 1; }
done
[ -f "$ROOT/dist/cli/main.js" ] || { echo "kernel-tree-check: run npm run build first"; exit 1; }

WORK=$(mktemp -d /tmp/kernel-tree-check.XXXXXX)
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
cp -R "$SHARED/kernel-tree/." "$WORK/"
mkdir -p "$WORK/bin" "$WORK/expected"
ln -s "$ROOT/bin/litmus-herd7" "$WORK/bin/herd7"
# herdtools7's mselect7 (initlitmushist.sh lists the C tests with it): keep the files whose test is C.
cat >"$WORK/bin/mselect7" <<'EOF'
#!/bin/sh
while read -r f; do head -n 1 "$f" | grep -q '^C[[:space:]]' && echo "$f"; done
EOF
chmod +x "$WORK/bin/mselect7"
export PATH="$WORK/bin:$PATH"
MM="$WORK/tools/memory-model"
cd "$MM"
# What scripts/parseargs.sh sets for checkalllitmus.sh; checklitmus.sh and
# judgelitmus.sh, run alone, expect it from the environment.
export LKMM_DESTDIR=.
[ "$(herd7 -version | grep -c litmus-check)" = 1 ] || { echo "herd7 on PATH is not litmus-herd7"; exit 1; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
verdict_lines() { grep -E '^(Observation|Flag) ' "$1" || true; }

# The oracle for a test path relative to tools/memory-model, or nothing when herd7 gave no answer.
oracle_of() {
  local t=$1 rel
  case "$t" in
    litmus-tests/*) rel=kernel/tools/memory-model/$t ;;
    ../../Documentation/*) rel=kernel/${t#../../} ;;
    litmus/*) rel=paulmck/${t#litmus/} ;;
    *) return 0 ;;
  esac
  local o="$SHARED/oracle/$rel.out"
  if [ -f "$o" ] && ! head -n 1 "$o" | grep -q '^# herd7'; then echo "$o"; fi
}

# What judgelitmus.sh says on herd7's output for test $1: sets exp_rc (and exp_obs, the verdict lines).
expected_judgement() {
  local t=$1 o
  o=$(oracle_of "$t")
  mkdir -p "$WORK/expected/$(dirname "$t")"
  if [ -z "$o" ]; then exp_rc=new; exp_obs=; return; fi
  { echo "Herd options: -conf linux-kernel.cfg"; cat "$o"; } >"$WORK/expected/$t.out"
  set +e
  LKMM_DESTDIR="$WORK/expected" scripts/judgelitmus.sh "$t" >/dev/null 2>&1
  exp_rc=$?
  set -e
  exp_obs=$(verdict_lines "$o")
}

# judgelitmus.sh's exit code on our .out for test $1, judged on a copy (it appends to the file it judges).
judge_ours() {
  local t=$1
  mkdir -p "$WORK/ours/$(dirname "$t")"
  cp "$t.out" "$WORK/ours/$t.out"
  set +e
  LKMM_DESTDIR="$WORK/ours" scripts/judgelitmus.sh "$t" >/dev/null 2>&1
  judged_rc=$?
  set -e
}

# Checks our .out for test $1 (in directory $2) and the judgement exit code $3.
check_test() {
  local t=$1 dir=$2 rc=$3
  expected_judgement "$t"
  if [ "$exp_rc" = new ]; then
    # Too new for herd7 7.58 (or no herd7 answer): it must pass its Result: comment here.
    [ "$rc" = 0 ] || fail "$t: herd7 7.58 cannot run it; litmus-check must pass its Result: comment, judgelitmus.sh exit $rc"
    newer=$((newer + 1))
    return
  fi
  [ "$rc" = "$exp_rc" ] || fail "$t: judgelitmus.sh exit $rc, with herd7 $exp_rc"
  local got
  got=$(verdict_lines "$dir/$t.out")
  [ "$got" = "$exp_obs" ] || fail "$t: verdict lines differ: got '$got', herd7 '$exp_obs'"
  judged=$((judged + 1))
}

judged=0; newer=0
echo "== scripts/checkalllitmus.sh (tools/memory-model/litmus-tests)"
set +e
scripts/checkalllitmus.sh >"$WORK/checkall.out" 2>&1
all_rc=$?
set -e
tail -n 1 "$WORK/checkall.out"
for f in litmus-tests/*.litmus; do
  judge_ours "$f"
  check_test "$f" . "$judged_rc"
done
# With herd7 the script fails on the too-new tests only; here every test passes.
[ "$all_rc" = 0 ] || fail "checkalllitmus.sh exit $all_rc (expected 0: every test verified)"
grep -q '^Hash=' litmus-tests/SB+poonceonces.litmus.out || fail "no Hash= line in SB+poonceonces.litmus.out"

echo "== scripts/checklitmus.sh, one file at a time (Documentation/litmus-tests)"
for f in ../../Documentation/litmus-tests/*/*.litmus; do
  set +e
  scripts/checklitmus.sh "$f" >/dev/null 2>&1
  rc=$?
  set -e
  check_test "$f" . "$rc"
done

echo "== scripts/checklitmus.sh on tests herd7 rejects (Unknown macro)"
mkdir -p rejected
cp "$SHARED"/rejected/paulmck/manual/*/*.litmus rejected/
for f in rejected/*.litmus; do
  set +e
  out=$(scripts/checklitmus.sh "$f" 2>&1)
  rc=$?
  set -e
  want=$(sed -n 's/.*Unknown macro \([^ ]*\) .*/\1/p' "$(find "$SHARED/rejected" -name "$(basename "$f").herd7")" | head -n 1)
  [ "$rc" = 254 ] || fail "$f: judgelitmus.sh exit $rc, with herd7 254"
  echo "$out" | grep -q "Current LKMM version does not know \"$want\"" || fail "$f: judgelitmus.sh did not report the unknown macro $want: $out"
  judged=$((judged + 1))
done

echo "== scripts/initlitmushist.sh, scripts/checklitmushist.sh (litmus/: part of the paulmck corpus)"
mkdir -p litmus/manual
for d in atomic deps memory_barriers oota plain rcu srcu; do
  cp -R "$SHARED/corpus/paulmck/manual/$d" litmus/manual/
done
set +e
scripts/initlitmushist.sh --jobs 2 --timeout 2m >"$WORK/init.out" 2>&1
init_rc=$?
set -e
[ "$init_rc" = 0 ] || fail "initlitmushist.sh exit $init_rc"
nhist=0
for f in $(find litmus -name '*.litmus' | sort); do
  if grep -q '^P3' "$f"; then continue; fi # initlitmushist.sh keeps tests of at most 3 processes
  [ -f "$f.out" ] || { fail "$f: initlitmushist.sh left no .out"; continue; }
  judge_ours "$f"
  check_test "$f" . "$judged_rc"
  nhist=$((nhist + 1))
done
set +e
scripts/checklitmushist.sh --jobs 2 --timeout 2m >"$WORK/check.out" 2>&1
hist_rc=$?
set -e
[ "$hist_rc" = 0 ] || fail "checklitmushist.sh exit $hist_rc"
exact=$(grep -c '^Exact output match: ' "$WORK/check.out" || true)
[ "$exact" = "$nhist" ] || fail "checklitmushist.sh: $exact exact output matches, expected $nhist"
grep '^Exact output matches\|Result changed' "$WORK/check.out" || true

echo "kernel-tree-check: $judged tests judged as herd7 judges them, $newer too new for herd7 7.58 passed, $failures failures"
[ "$failures" = 0 ]
