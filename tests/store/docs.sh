#!/bin/bash
# tests/store/docs.sh DYAD: the examples of docs/query.md are tests.
#
# Every ```console block of docs/query.md holds "$ command" lines, each
# followed by its expected output (stdout and stderr together).  The
# commands run in order in a scratch folder where `tests` points at the
# source tree's tests/, so the first example builds events.db from the
# fixture.  "dyad" is the binary under test; curl examples go to a
# `dyad serve` started on a free port, which replaces 8080 in them.  The
# GDELT export's DATEADDED column (14 digits) is compared as
# YYYYMMDDHHMMSS, and CSV's CR LF line ends as LF.  Needs curl.
set -eu

dyad=$(realpath "${1:-./dyad}")
root=$(cd "$(dirname "$0")/../.." && pwd)
doc=$root/docs/query.md
tmp=$(mktemp -d /tmp/dyad-docs.XXXXXX)
pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

mkdir "$tmp/run" "$tmp/ex"
ln -s "$root/tests" "$tmp/run/tests"

# split the blocks into ex/N.cmd and ex/N.out
awk -v dir="$tmp/ex" '
	/^```console$/ { inblock = 1; next }
	/^```/ && inblock { inblock = 0; next }
	inblock && /^\$ / {
		n++
		f = sprintf("%s/%03d", dir, n)
		print substr($0, 3) > (f ".cmd")
		printf "" > (f ".out")
		next
	}
	inblock && n { print > (sprintf("%s/%03d", dir, n) ".out") }
' "$doc"

start_server() {
	"$dyad" serve --db events.db --port 0 --web "$root/web" \
		--kb "$root/data" > "$tmp/url" 2>&1 &
	pid=$!
	for _ in $(seq 50); do
		[ -s "$tmp/url" ] && break
		sleep 0.1
	done
	url=$(head -n 1 "$tmp/url")
	url=${url%/}
}

fail=0
n=0
cd "$tmp/run"
for cmdf in "$tmp"/ex/*.cmd; do
	n=$((n + 1))
	cmd=$(cat "$cmdf")
	run=$cmd
	case $cmd in
	dyad\ *) run="\"\$dyad\"${cmd#dyad}" ;;
	curl\ *)
		[ -n "$pid" ] || start_server
		run=${cmd//http:\/\/127.0.0.1:8080/$url}
		;;
	*) echo "docs.sh: unknown command in docs: $cmd" >&2; fail=1
	   continue ;;
	esac
	dyad=$dyad eval "$run" > "$tmp/got" 2>&1 || true
	sed -E -i -e 's/\t[0-9]{14}\t/\tYYYYMMDDHHMMSS\t/' -e 's/\r$//' \
		"$tmp/got"
	if ! cmp -s "$tmp/got" "${cmdf%.cmd}.out"; then
		echo "docs.sh: docs/query.md example differs: $cmd" >&2
		diff "${cmdf%.cmd}.out" "$tmp/got" | head -20 >&2
		fail=1
	fi
done
[ "$fail" = 0 ] || exit 1
[ "$n" -ge 10 ] || { echo "docs.sh: only $n examples found" >&2; exit 1; }
echo "docs/query.md examples: $n passed"
