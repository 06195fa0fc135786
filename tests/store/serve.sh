#!/bin/bash
# tests/store/serve.sh DYAD: the HTTP server (src/serve.c) from outside.
#
# Ingests the fixture (tests/store/fixture/), starts `dyad serve` on a
# free port and checks with curl: the JSON API answers, bad requests get
# a 4xx (unknown or bad parameters, other methods, bodies, long URLs, a
# foreign Host header), no path -- plain, dotted, percent-encoded --
# reaches a file outside web/, the server listens on loopback only, and
# answers many clients at once.  Needs curl.
set -eu

dyad=$(realpath "${1:-./dyad}")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/dyad-serve.XXXXXX)
pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail=0
ok() { :; }
bad() { echo "serve.sh: $*" >&2; fail=1; }

"$dyad" ingest -q --petrarch "$root/tests/store/fixture/dict" \
	--kb "$root/data" --db "$tmp/t.db" \
	"$root/tests/store/fixture/stories.xml"

"$dyad" serve --db "$tmp/t.db" --port 0 --web "$root/web" \
	--kb "$root/data" > "$tmp/url" 2> "$tmp/err" &
pid=$!
for _ in $(seq 50); do
	[ -s "$tmp/url" ] && break
	sleep 0.1
done
url=$(head -n 1 "$tmp/url")
case $url in
http://127.0.0.1:*/) ;;
*) echo "serve.sh: no URL from dyad serve: $(cat "$tmp/err")" >&2; exit 1 ;;
esac
port=${url#http://127.0.0.1:}
port=${port%/}

# expect STATUS PATH [grep pattern for the body] [curl options...]
expect() {
	local want=$1 path=$2 pat=${3:-} got
	shift 3 2>/dev/null || shift $#
	got=$(curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' "$@" \
		"$url$path") || true
	if [ "$got" != "$want" ]; then
		bad "$path: status $got, want $want:" \
			"$(head -c 200 "$tmp/body")"
	elif [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/body"; then
		bad "$path: body lacks '$pat': $(head -c 200 "$tmp/body")"
	fi
}

# the API
expect 200 api/stats '"stories":6,"sentences":10,"events":10'
expect 200 'api/events?actor=RUS' '"total":6'
expect 200 'api/events?actor=IGOCSTO&members=1' '"total":9'
expect 200 'api/events?code=074&limit=1' '"code":"074"'
expect 200 'api/events?text=peacekeepers' '"total":1'
expect 200 'api/events?from=2022-01-07&to=2022-01-10&quad=1' '"total":2'
expect 200 'api/counts?period=week&by=quad' \
	'"period":"2022-01-03","quad":3,"count":2'
expect 200 'api/counts?period=month&goldstein=1' \
	'"period":"2022-01","count":6,"goldstein":-3.5'
expect 200 'api/dyads?top=1' \
	'"source":"RUS","source_label":"Russia","target":"UKR"'
expect 200 'api/map?bbox=-90,-180,90,180' '"total":0'
expect 200 api/event/1 '{"text":"sent","role":"verb"}'
expect 200 api/event/1 '"pattern_text":"- \* PEACEKEEPERS TO + \[074\]"'
expect 200 '' '<title>dyad dashboard</title>'
expect 200 index.html 'app.js'
expect 200 app.js 'function drawTimeline'
expect 200 style.css ':root'

# bad requests
expect 400 'api/events?quad=9' 'quad'
expect 400 'api/events?bogus=1' 'unknown parameter'
expect 400 'api/events?from=2022-02-30' 'from'
expect 400 'api/events?bbox=1,2,3' 'bbox'
expect 400 'api/events?limit=100000' 'limit'
expect 400 'api/counts?period=year' 'count-by'
expect 400 'api/counts?limit=5' 'unknown parameter'
expect 400 'api/events?text=%22open' 'full-text'
expect 400 "api/events?actor=RUS'%20OR%201=1" 'actor'
expect 400 "api/events?actor=$(head -c 2000 /dev/zero | tr '\0' A)" 'bytes'
expect 400 api/event/12x 'event id'
expect 400 api/event/ 'event id'
expect 400 'api/stats?x=1' 'no parameters'
expect 400 'api/events?code=07%00' 'code'
expect 404 api/event/424242 'no event'
expect 404 api/nothing 'no such API'
expect 404 nothing.html 'no such file'
expect 405 api/stats '' -X POST
expect 405 '' '' -X DELETE
expect 413 api/stats 'no body' -X GET --data-binary 'x=1'
expect 421 api/stats 'loopback' -H 'Host: attacker.example'
expect 414 "api/events?$(head -c 40000 /dev/zero | tr '\0' a)=1" ''

# nothing outside web/: dots, encoded dots and slashes, backslashes,
# absolute paths, hidden files, directories
for p in ../Makefile ../../etc/passwd %2e%2e/Makefile %2E%2E/Makefile \
	 ..%2fMakefile %2e%2e%2fMakefile %2e%2e%5cMakefile ..%5cMakefile \
	 .%2e/Makefile %2e./Makefile web/../Makefile ./index.html \
	 //etc/passwd %2fetc%2fpasswd api/../../Makefile \
	 api/..%2f..%2fMakefile .hidden . .. %2e index.html/ \
	 index.html%00.png index.html%2f..%2f..%2fMakefile; do
	got=$(curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' \
		"$url$p") || true
	case $got in
	4??) ;;
	*) bad "traversal '$p': status $got" ;;
	esac
	if grep -q -e '^CC ?=' -e 'root:' "$tmp/body"; then
		bad "traversal '$p' served a file outside web/"
	fi
done

# loopback only: the listening socket is 127.0.0.1, and another local
# address of this host does not answer
hexport=$(printf '%04X' "$port")
listen=$(awk -v p=":$hexport" '$2 ~ p"$" && $4 == "0A" { print $2 }' \
	/proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -u)
[ "$listen" = "0100007F:$hexport" ] ||
	bad "listening on '$listen', want only 127.0.0.1"
other=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v '^127\.' |
	grep -v ':' | head -n 1) || true
if [ -n "$other" ]; then
	if curl -s -m 2 -o /dev/null "http://$other:$port/api/stats"; then
		bad "answered on $other"
	fi
fi
if "$dyad" serve --db "$tmp/t.db" --bind 999.0.0.1 --port 0 \
	--web "$root/web" </dev/null >/dev/null 2>&1; then
	bad "--bind 999.0.0.1 accepted"
fi
if "$dyad" serve --db "$tmp/missing.db" --port 0 --web "$root/web" \
	</dev/null >/dev/null 2>&1; then
	bad "a missing database accepted"
fi

# many clients at once
for i in $(seq 40); do
	curl -s -o /dev/null -w '%{http_code}\n' \
		"${url}api/counts?period=day&by=quad&quad=$((i % 4 + 1))" &
done > "$tmp/codes"
wait_for=$(jobs -p | grep -v "^$pid$" || true)
for j in $wait_for; do wait "$j" || true; done
n200=$(grep -c '^200$' "$tmp/codes" || true)
[ "$n200" = 40 ] || bad "concurrent requests: $(sort "$tmp/codes" | uniq -c)"
for i in $(seq 40); do
	curl -s -o /dev/null -w '%{http_code}\n' \
		"${url}api/events?actor=RUS&limit=$i" &
done > "$tmp/codes"
wait_for=$(jobs -p | grep -v "^$pid$" || true)
for j in $wait_for; do wait "$j" || true; done
n200=$(grep -c '^200$' "$tmp/codes" || true)
[ "$n200" = 40 ] || bad "concurrent requests: $(sort "$tmp/codes" | uniq -c)"

# an ingest while serving: answers follow the database, not the cache
expect 200 'api/events?story=fx-new' '"total":0'
sed -e 's/id="fx-001_/id="fx-new_/' -e 's/20220106/20220301/' \
	"$root/tests/store/fixture/stories.xml" > "$tmp/new.xml"
"$dyad" ingest -q --petrarch "$root/tests/store/fixture/dict" \
	--kb "$root/data" --db "$tmp/t.db" "$tmp/new.xml"
expect 200 api/stats '"stories":7,"sentences":12,"events":12'
expect 200 'api/events?story=fx-new' '"total":2'

# SIGTERM stops it
kill -TERM "$pid"
for _ in $(seq 50); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
	bad "still running after SIGTERM"
else
	wait "$pid" || bad "exit status $? after SIGTERM"
	pid=
fi

[ "$fail" = 0 ] || exit 1
echo "store server test: API, 4xx answers, traversal, loopback, 80" \
	"concurrent clients: ok"
