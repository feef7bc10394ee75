#!/usr/bin/env bash
# The long kill test: upstander-kill-child votes, reveals, ends sessions, casts questionnaire
# ballots (at a booth and from four handsets) and votes through a disk that fills and recovers (held
# votes written by the retry) through the real session store and is SIGKILLed at N
# random moments (default 1000; ctest runs 50). After every kill each session file must parse and
# hold every confirmed vote and never more than were attempted, and a ballot's polls the same count.
#   tools/killtest.sh [N]          uses the Release build in build/ (tools/test.sh --fast makes it)
#   UPSTANDER_KILL_SEED=S tools/killtest.sh N   replays the kill moments of a run that printed seed S
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
bin=build/bin/upstander_core_tests
if [ ! -x "$bin" ]; then
  echo "killtest.sh: $bin is missing; build first (tools/test.sh --fast)" >&2
  exit 2
fi
start=$(date +%s)
log=$(mktemp)
set +e
UPSTANDER_KILL_COUNT="$n" "$bin" "kill test: SIGKILL at random moments never loses a confirmed vote" >"$log" 2>&1
status=$?
set -e
grep -E "^kill test|All tests passed|test cases|FAILED" "$log" || true
[ "$status" -eq 0 ] || { echo "killtest.sh: failed; the whole output is in $log" >&2; }
echo "killtest.sh: $n kills in $(( $(date +%s) - start )) s, exit $status"
[ "$status" -ne 0 ] || rm -f "$log"
exit "$status"
