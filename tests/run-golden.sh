#!/bin/sh
# Golden tests (tests/golden.py has the file formats).
# Usage: tests/run-golden.sh DYAD [SHARED_DIR]
exec python3 "$(dirname "$0")/golden.py" "$@"
