#!/usr/bin/env bash
# Bad input: each bad file gets one clear message naming it; the good dossier still completes;
# no partial output is left behind; signing problems stop before any work with a clear message.
source "$(dirname "$0")/lib.sh"
good="$(ls -d "$SRC"/samples/dossiers/*/ | head -n1)"
good_name="$(basename "$good")"

"$SOHOA" process "$SRC"/samples/bad/* "$good" "$WORK/does-not-exist.png" --out "$WORK/out" \
  --jobs 2 --quiet > "$WORK/out.txt" 2> "$WORK/err.txt"
status=$?
cat "$WORK/out.txt" "$WORK/err.txt"
check "exit code 1 when some inputs failed (got $status)" test "$status" -eq 1
check "good dossier still written" test -s "$WORK/out/$good_name/$good_name-01.pdf"
for bad in "$SRC"/samples/bad/*; do
  check "message names $(basename "$bad")" grep -q "$(basename "$bad")" "$WORK/out.txt" "$WORK/err.txt"
  stem="$(basename "${bad%.*}")"
  check "no output for $(basename "$bad")" test ! -e "$WORK/out/$stem"
done
check "missing input is named" grep -q "does-not-exist.png" "$WORK/err.txt"
check "no temporary files left" test -z "$(find "$WORK/out" -name '.*tmp*')"

# Signing problems are reported before any page is processed.
"$SOHOA" process "$good" --out "$WORK/out2" --p12 "$SRC/samples/pki/agency-TEST.p12" \
  --pass-file /dev/null > "$WORK/pass.txt" 2>&1
check "empty passphrase file is an input error (2)" test $? -eq 2
WRONG=nope "$SOHOA" process "$good" --out "$WORK/out2" --p12 "$SRC/samples/pki/agency-TEST.p12" \
  --pass-env WRONG > "$WORK/pass.txt" 2>&1
status=$?
cat "$WORK/pass.txt"
check "wrong passphrase exits 2 (got $status)" test "$status" -eq 2
check "wrong passphrase names the file" grep -q "agency-TEST.p12" "$WORK/pass.txt"
check "nothing written with a wrong passphrase" test ! -e "$WORK/out2/$good_name"

"$SOHOA" process "$good" --out "$WORK/out3" --p12 "$SRC/samples/pki/expired-TEST.p12" \
  --pass-env SOHOA_P12_PASS > "$WORK/exp.txt" 2>&1
status=$?
cat "$WORK/exp.txt"
check "expired certificate is refused (got $status)" test "$status" -ne 0
check "expired certificate message says expired" grep -qi "expired" "$WORK/exp.txt"
check "nothing written with an expired certificate" test -z "$(find "$WORK/out3" -name '*.pdf' 2>/dev/null)"

# sohoa sign on an already-signed file works (second signature), on garbage fails clearly.
echo "not a pdf" > "$WORK/garbage.pdf"
"$SOHOA" sign "$WORK/garbage.pdf" --out "$WORK/g-signed.pdf" --p12 "$SRC/samples/pki/agency-TEST.p12" \
  --pass-env SOHOA_P12_PASS > "$WORK/g.txt" 2>&1
check "signing garbage exits 2" test $? -eq 2
check "signing garbage names the file" grep -q "garbage.pdf" "$WORK/g.txt"
check "no output for garbage" test ! -e "$WORK/g-signed.pdf"
finish
