#!/bin/bash
# tests/e2e/run.sh [DYAD]: the dashboard in a real browser.
#
#  (a) installs playwright-core into tests/e2e/node_modules with npm when
#      it is missing (the package only; no browser is ever downloaded:
#      dashboard.js drives Debian's /usr/bin/chromium);
#  (b) ingests the project's example story (examples/) and, when
#      ../shared/corpus/seed exists, the seed story (dated 2022-01-06)
#      with the default knowledge base into a scratch database;
#  (c) starts `dyad serve` on a free port;
#  (d) runs dashboard.js: timeline and event table show the CSTO's
#      deployment (code 074; 0334, the intent, when only the example is
#      there), clicking it shows the
#      sentence with source, verb and target highlighted;
#  then stops the server.
#
# Needs: Debian packages chromium, nodejs, npm (and curl); network access
# to the npm registry the first time only.  SHARED=DIR overrides
# ../shared; E2E_SCREENSHOT=FILE.png keeps a screenshot.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dyad=$(realpath "${1:-$root/dyad}")
shared=${SHARED:-$root/../shared}
tmp=$(mktemp -d /tmp/dyad-e2e.XXXXXX)
pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

for t in node npm /usr/bin/chromium; do
	command -v "$t" >/dev/null ||
		{ echo "e2e: $t missing (apt install chromium nodejs npm)" >&2
		  exit 1; }
done

# (a)
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		npm install --no-audit --no-fund --loglevel=error)
fi

# (b)
db=$tmp/e2e.db
inputs=()
for f in "$root"/examples/*.txt "$root"/examples/*.jsonl; do
	[ -f "$f" ] && inputs+=("$f")
done
if [ ${#inputs[@]} -gt 0 ]; then
	"$dyad" ingest -q --db "$db" "${inputs[@]}" ||
		echo "e2e: ingest of examples/ failed" >&2
fi
if [ -d "$shared/corpus/seed" ]; then
	"$dyad" ingest -q --db "$db" --date 2022-01-06 \
		"$shared"/corpus/seed/*.txt ||
		echo "e2e: ingest of the seed story failed" >&2
fi

count() {
	"$dyad" query --db "$db" --goldstein "$@" --csv 2>/dev/null |
		awk -F, 'NR == 2 { print $1 }'
}
# The CSTO's deployment: the seed story codes it as the deployment of
# peacekeepers (074); without ../shared only our example is there, which
# reports the decision to send them, an intent (0334).
want=074
[ -d "$shared/corpus/seed" ] || want=0334
n=$(count --actor IGOCSTO --code "$want" || true)
nall=$(count || true)
if [ "${n:-0}" -gt 0 ]; then
	echo "e2e: $nall events from the example and seed stories," \
		"$n by the CSTO with code $want"
else
	echo "e2e: no CSTO event with code $want coded from the example" \
		"and seed stories ($nall events in all)" >&2
	exit 1
fi

# (c)
"$dyad" serve --db "$db" --port 0 --web "$root/web" > "$tmp/url" \
	2> "$tmp/err" &
pid=$!
for _ in $(seq 50); do
	[ -s "$tmp/url" ] && break
	sleep 0.1
done
url=$(head -n 1 "$tmp/url")
case $url in
http://127.0.0.1:*) ;;
*) echo "e2e: dyad serve did not start: $(cat "$tmp/err")" >&2; exit 1 ;;
esac

# (d)
status=0
(cd "$here" && timeout 120 node dashboard.js "$url" "$want") || status=$?

kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=
[ "$status" = 0 ] || { echo "e2e: dashboard test failed" >&2; exit 1; }
echo "e2e: dashboard ok"
