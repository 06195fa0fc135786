#!/bin/sh
# Peer suite: PETRARCH's own unit-test records and sample text, run with
# PETRARCH's dictionaries from ../shared (third-party data stays there).
# Usage: tests/run-peer.sh DYAD SHARED_DIR
set -u
dyad=$1
shared=$2
p=$shared/peers/petrarch2
if [ ! -d "$p" ]; then
	echo "peer suite skipped: $p not found (PETRARCH's data lives in ../shared)"
	exit 0
fi
fail=0
out=$("$dyad" validate "$p/text/PETR.UnitTest.records.xml" \
	--dict-dir "$p/dictionaries" -q) || true
line=$(printf '%s\n' "$out" | tail -n 1)
passed=${line%% passed*}
case $passed in
''|*[!0-9]*) echo "peer: validate did not finish: $line"; exit 1 ;;
esac
if [ "$passed" -ge 256 ]; then
	echo "peer PETR.UnitTest.records.xml    $line (need >= 256)"
else
	echo "peer PETR.UnitTest.records.xml    FAIL: $line (need >= 256)"
	fail=1
fi
# PETRARCH's GigaWord sample with its full dictionaries: must code
# without errors and produce events
n=$("$dyad" code -q --petrarch "$p/dictionaries" \
	"$p/text/GigaWord.sample.PETR.xml" | wc -l) || fail=1
if [ "$n" -gt 0 ]; then
	echo "peer GigaWord.sample.PETR.xml     $n events"
else
	echo "peer GigaWord.sample.PETR.xml     FAIL: no events"
	fail=1
fi
exit $fail
