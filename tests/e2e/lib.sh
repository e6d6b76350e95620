# Shared helpers for the end-to-end tests: each test gets SOHOA (the binary), SRC (the source
# tree) and a fresh WORK folder removed on exit.
set -uo pipefail
SOHOA="$1"
SRC="$2"
WORK="$(mktemp -d /tmp/sohoa-e2e.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
export SOHOA_P12_PASS="$(head -n1 "$SRC/samples/pki/TEST-PASSPHRASE.txt")"
export OMP_THREAD_LIMIT=1
# Debian's interpreter, which has the python3-pil and python3-numpy that .ci/install-deps puts in;
# a python3 found first on PATH (pyenv, venv) may not.
python3() { /usr/bin/python3 "$@"; }

pass() { echo "ok: $*"; }
fail() { echo "FAILED: $*"; FAILURES=$((FAILURES + 1)); }
check() {  # check "description" command...
  local what="$1"; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
  if [ "$FAILURES" -ne 0 ]; then echo "$FAILURES check(s) failed"; exit 1; fi
  echo "all checks passed"
}
