#!/bin/sh
# `make bench`: throughput and memory figures, medians over several runs.
# Usage: bench/run.sh DYAD BENCH SHARED_DIR
set -u
dyad=$1
b=$2
shared=$3
p=$shared/peers/petrarch2
if [ ! -d "$p" ]; then
	echo "bench: $shared not found; the benchmarks need ../shared"
	exit 1
fi
tmp=${TMPDIR:-/tmp}/dyad-bench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

echo "== dictionary load (fresh process per run) =="
$b load petrarch "$p/dictionaries" 7
$b load kb data 7

echo "== coding sentences that come with a Treebank parse (one core) =="
$b code petrarch "$p/dictionaries" "$p/text/GigaWord.sample.PETR.xml" - 7 50
$b code petrarch "$p/dictionaries" "$p/text/PETR.UnitTest.records.xml" - 7 20
$b code kb data "$p/text/GigaWord.sample.PETR.xml" - 7 50
echo "-- what story context costs: on against off, in turn in one process"
$b ab petrarch "$p/dictionaries" "$p/text/GigaWord.sample.PETR.xml" context=false 15 10
$b ab kb data "$p/text/GigaWord.sample.PETR.xml" context=false 15 10

echo "== raw text, first 300 stories of bench/news.jsonl (one core) =="
head -n 300 "$shared/bench/news.jsonl" > "$tmp/news300.jsonl"
$b code kb data "$tmp/news300.jsonl" shallow 5 1
$b ab kb data "$tmp/news300.jsonl" context=false 15 1
# Link Grammar takes ~25 ms a sentence: its first 100 stories only
head -n 100 "$shared/bench/news.jsonl" > "$tmp/news100.jsonl"
$b code kb data "$tmp/news100.jsonl" linkgrammar 3 1

gold=$shared/eval/plover-dev.gold.jsonl
if [ -f "$gold" ]; then
	echo "== accuracy: lenient F1 on eval/plover-dev.gold.jsonl (score.py) =="
	python3 -c 'import json,sys
for l in open(sys.argv[1]):
    s = json.loads(l)
    print(json.dumps({"id": s["id"], "date": s["date"], "text": s["text"]}))' \
		"$gold" > "$tmp/dev.jsonl"
	run() {
		label=$1
		shift
		"$dyad" code -q "$@" "$tmp/dev.jsonl" > "$tmp/dev.out"
		python3 "$shared/eval/score.py" --label "$label" "$gold" \
			"$tmp/dev.out" | tail -n 1
	}
	run "dyad KB, shallow (default)"
	run "dyad KB, linkgrammar" --frontend linkgrammar
	run "dyad KB, shallow, no context" --set context=false
	run "PETRARCH2 dictionaries, shallow" --petrarch "$p/dictionaries"
fi

echo "== every story of bench/news.jsonl, default front-end =="
$b exec "$dyad" code -q "$shared/bench/news.jsonl" -o "$tmp/events.jsonl"
echo "events: $(wc -l < "$tmp/events.jsonl")"

echo "== store and server (tests/store/bench.sh) =="
"$(dirname "$0")/../tests/store/bench.sh" "$dyad" "$shared"
