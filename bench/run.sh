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

echo "== raw text, first 300 stories of bench/news.jsonl (one core) =="
head -n 300 "$shared/bench/news.jsonl" > "$tmp/news300.jsonl"
for fe in shallow linkgrammar auto; do
	$b code kb data "$tmp/news300.jsonl" $fe 3 1
done

echo "== every story of bench/news.jsonl, default front-end =="
$b exec "$dyad" code -q "$shared/bench/news.jsonl" -o "$tmp/events.jsonl"
echo "events: $(wc -l < "$tmp/events.jsonl")"
