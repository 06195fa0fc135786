#!/bin/sh
# Golden tests: tests/golden/NNNN-topic.txt (a story) codes to the events
# in NNNN-topic.expect, one "sentence source target code" line each, in
# output order.  An optional NNNN-topic.args holds extra `dyad code`
# options (--date ...).  tests/golden/shared/*.ref name a story under
# ../shared instead of a .txt (third-party text stays there); those run
# only when it is present.
# Usage: tests/run-golden.sh DYAD [SHARED_DIR]
set -u
dyad=$1
shared=${2:-../shared}
dir=$(dirname "$0")/golden
fail=0
n=0
project() {
	# keep the fields the expectation pins down
	python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    print(e["sentence"], e["source"], e["target"], e["code"])'
}
run_one() {
	input=$1
	base=$2
	args=""
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086
	got=$("$dyad" code -q $args "$input" | project) || {
		echo "golden $(basename "$base"): dyad failed"
		fail=1
		return
	}
	want=$(grep -v '^#' "$base.expect")
	n=$((n + 1))
	if [ "$got" != "$want" ]; then
		echo "golden $(basename "$base"): FAIL"
		printf '%s\n' "$want" > /tmp/dyad-golden-want.$$
		printf '%s\n' "$got" > /tmp/dyad-golden-got.$$
		diff /tmp/dyad-golden-want.$$ /tmp/dyad-golden-got.$$ |
			sed 's/^/    /'
		rm -f /tmp/dyad-golden-want.$$ /tmp/dyad-golden-got.$$
		fail=1
	fi
}
for f in "$dir"/*.txt; do
	[ -e "$f" ] || continue
	run_one "$f" "${f%.txt}"
done
for r in "$dir"/shared/*.ref; do
	[ -e "$r" ] || continue
	path=$shared/$(cat "$r")
	if [ ! -f "$path" ]; then
		echo "golden $(basename "${r%.ref}") skipped: $path not found"
		continue
	fi
	run_one "$path" "${r%.ref}"
done
[ $fail = 0 ] && echo "golden                       $n passed"
exit $fail
