#!/bin/bash
# tests/store/bench.sh DYAD [SHARED]: figures for the store and server.
#
# Ingests SHARED/bench/news.jsonl (../shared by default) into a scratch
# database and reports the ingest rate, then times the dashboard's
# queries through `dyad serve` (median of 15 requests, answer cache off)
# and, when wrk is installed, latency under 50 concurrent clients with
# and without the answer cache.  DYAD_BENCH_SYNTH=N adds N synthetic
# stories (tests/store/synth.py, about 23 events each) for a larger
# database.  Not part of `make test`: it takes a minute.
set -eu

dyad=$(realpath "${1:-./dyad}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${2:-$root/../shared}
tmp=$(mktemp -d /tmp/dyad-bench.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

news=$shared/bench/news.jsonl
[ -f "$news" ] || { echo "bench.sh: $news missing" >&2; exit 1; }
db=$tmp/bench.db

t0=$(date +%s.%N)
"$dyad" ingest -q --db "$db" "$news"
t1=$(date +%s.%N)
"$dyad" code -q "$news" > /dev/null
t2=$(date +%s.%N)
stats=$("$dyad" query --db "$db" --stats)
echo "ingest $news: $(awk -v a="$t0" -v b="$t1" 'BEGIN {
	printf "%.2f", b - a }') s (dyad code alone: $(awk -v a="$t1" \
	-v b="$t2" 'BEGIN { printf "%.2f", b - a }') s)"
echo "  $stats"
if [ -n "${DYAD_BENCH_SYNTH:-}" ]; then
	python3 "$here/synth.py" "$db" "$DYAD_BENCH_SYNTH"
	echo "  $("$dyad" query --db "$db" --stats)"
fi

# start a server (not in a subshell, so its pid is kept); URL in $url
serve() {
	local out=$tmp/url.${#pids[@]}
	"$dyad" serve --db "$db" --port 0 --web "$root/web" "$@" > "$out" \
		2>&1 &
	pids+=($!)
	for _ in $(seq 50); do
		[ -s "$out" ] && break
		sleep 0.1
	done
	url=$(head -n 1 "$out")
}
serve
cached=$url
serve --no-cache
uncached=$url

for q in "api/counts?period=day&by=quad" "api/counts?period=month&by=quad" \
	 "api/dyads?top=25&goldstein=1" "api/map?limit=5000" \
	 "api/events?limit=50" "api/stats"; do
	for _ in $(seq 15); do
		curl -s -o /dev/null -w '%{time_total}\n' "$uncached$q"
	done | sort -n | awk -v q="$q" '{ a[NR] = $1 } END {
		printf "%-32s median %6.1f ms, max %6.1f ms\n", q,
			a[int((NR + 1) / 2)] * 1000, a[NR] * 1000 }'
done

if command -v wrk > /dev/null; then
	for u in "$cached" "$uncached"; do
		[ "$u" = "$cached" ] && what=cached || what=uncached
		echo "wrk, 50 clients, counts by day x quad, $what:"
		wrk -t2 -c50 -d10s --latency \
			"${u}api/counts?period=day&by=quad" |
			grep -E '^ +(50|99)%|Requests/sec'
	done
fi
