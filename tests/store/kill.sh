#!/bin/bash
# tests/store/kill.sh DYAD: ingest survives SIGKILL.
#
# Generates a few thousand stories (copies of the fixture in
# tests/store/fixture/ under new ids), ingests them once cleanly, then
# ingests them into a second database while killing dyad with SIGKILL at
# random moments, several times, and finally lets an ingest finish.  The
# two databases must then hold the same stories, each exactly once, with
# the same sentences and events: nothing lost, nothing twice.  SQLite's
# integrity check and the full-text index's own check must pass too.
#
# DYAD_KILL_INPUT=FILE.jsonl uses that file (e.g. ../shared/bench/
# news.jsonl, coded with the default knowledge base) instead.
# Needs the sqlite3 command-line tool (Debian package sqlite3).
set -eu

dyad=$(realpath "${1:-./dyad}")
here=$(cd "$(dirname "$0")" && pwd)
kills=${DYAD_KILLS:-6}
copies=${DYAD_KILL_COPIES:-1500}
tmp=$(mktemp -d /tmp/dyad-kill.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

command -v sqlite3 >/dev/null ||
	{ echo "kill.sh: needs the sqlite3 command (apt install sqlite3)" >&2
	  exit 1; }

if [ -n "${DYAD_KILL_INPUT:-}" ]; then
	input=$DYAD_KILL_INPUT
	dict=()
else
	input=$tmp/stories.xml
	dict=(--petrarch "$here/fixture/dict")
	awk -v n="$copies" '
		/<Sentence / || inside { body = body $0 "\n"; inside = 1 }
		/<\/Sentence>/ { inside = 0 }
		END {
			print "<Sentences>"
			for (c = 1; c <= n; c++) {
				b = body
				gsub(/id="fx-/, "id=\"k" c "-", b)
				printf "%s", b
			}
			print "</Sentences>"
		}' "$here/fixture/stories.xml" > "$input"
fi

ingest() { "$dyad" ingest -q --batch 50 "${dict[@]}" --db "$1" "$input"; }
# in the background, dyad itself must be the process killed, not a shell
start_ingest() {
	"$dyad" ingest -q --batch 50 "${dict[@]}" --db "$1" "$input" &
	pid=$!
}

# what a database holds, story by story
dump() {
	sqlite3 "$1" "SELECT s.story_id, s.hash, s.nsentences, s.nevents,
		(SELECT count(*) FROM sentences t WHERE t.story = s.id),
		(SELECT count(*) FROM events e WHERE e.story = s.id),
		(SELECT group_concat(code || source || target, ' ') FROM
			(SELECT code, source, target FROM events e
			 WHERE e.story = s.id ORDER BY e.sentence, e.code))
		FROM stories s ORDER BY s.story_id"
}

check_db() {
	local db=$1 n
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] ||
		{ echo "kill.sh: $db: integrity check failed" >&2; return 1; }
	sqlite3 "$db" "INSERT INTO sentences_fts(sentences_fts)
		VALUES ('integrity-check')" ||
		{ echo "kill.sh: $db: full-text index damaged" >&2; return 1; }
	n=$(sqlite3 "$db" "SELECT count(*) - count(DISTINCT story_id)
		FROM stories")
	[ "$n" = 0 ] || { echo "kill.sh: $db: $n duplicate stories" >&2
			  return 1; }
	n=$(sqlite3 "$db" "SELECT count(*) FROM events e WHERE NOT EXISTS
		(SELECT 1 FROM stories s WHERE s.id = e.story)")
	[ "$n" = 0 ] || { echo "kill.sh: $db: $n orphan events" >&2
			  return 1; }
}

ingest "$tmp/clean.db"
total=$(sqlite3 "$tmp/clean.db" 'SELECT count(*) FROM stories')

stories() {
	sqlite3 "$1" 'SELECT count(*) FROM stories' 2>/dev/null || echo 0
}

# Each round kills at a random moment of the part still to do: once
# the database holds a random number of stories in the first 80% of
# what is left, plus a random 0-9 ms, so the kill lands in the middle
# of a batch as often as between two.
partial=0
rounds=0
n=0
for i in $(seq "$kills"); do
	rounds=$i
	target=$((n + 1 + RANDOM % ((total - n) * 8 / 10 + 1)))
	start_ingest "$tmp/killed.db"
	while kill -0 "$pid" 2>/dev/null &&
	      [ "$(stories "$tmp/killed.db")" -lt "$target" ]; do
		sleep 0.005
	done
	sleep "0.00$((RANDOM % 10))"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	n=$(stories "$tmp/killed.db")
	if [ "$n" -gt 0 ] && [ "$n" -lt "$total" ]; then
		partial=$((partial + 1))
	fi
	if [ -s "$tmp/killed.db" ]; then
		check_db "$tmp/killed.db"
	fi
	[ "$n" -lt "$total" ] || break
done
ingest "$tmp/killed.db"

check_db "$tmp/clean.db"
check_db "$tmp/killed.db"
dump "$tmp/clean.db" > "$tmp/clean.txt"
dump "$tmp/killed.db" > "$tmp/killed.txt"
if ! cmp -s "$tmp/clean.txt" "$tmp/killed.txt"; then
	echo "kill.sh: killed and clean ingests differ:" >&2
	diff "$tmp/clean.txt" "$tmp/killed.txt" | head -20 >&2
	exit 1
fi
events=$(sqlite3 "$tmp/killed.db" 'SELECT count(*) FROM events')
if [ "$partial" -eq 0 ]; then
	echo "kill.sh: no kill landed mid-ingest" >&2
	exit 1
fi
echo "store kill test: $total stories, $events events; $rounds kills" \
	"($partial mid-ingest): identical to a clean ingest"
