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

# A readable page that is no known paper and says nothing of fields: a record with its text and
# no fields, a warning naming the dossier, exit 3.
mkdir -p "$WORK/unknown"
python3 - "$WORK/unknown/page-001.png" <<'PY'
import random, sys
from PIL import Image, ImageDraw, ImageFont
rng = random.Random(7)
img = Image.new("L", (1700, 2200), 255)
draw = ImageDraw.Draw(img)
font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", 34)
for row in range(30):
    words = ["".join(rng.choice("bcdfghklmnpqrstvxz") for _ in range(rng.randrange(3, 8)))
             for _ in range(rng.randrange(4, 9))]
    draw.text((150, 150 + row * 62), " ".join(words), font=font, fill=0)
img.save(sys.argv[1], dpi=(200, 200))
PY
"$SOHOA" process "$WORK/unknown" --out "$WORK/out-unknown" --quiet > "$WORK/u.txt" 2>&1
status=$?
cat "$WORK/u.txt"
check "unknown paper: done with warnings (3, got $status)" test "$status" -eq 3
check "unknown paper: the warning names the document" grep -q "unknown-01: no known paper" "$WORK/u.txt"
check "unknown paper: record of type khac, no fields, text kept" python3 - \
  "$WORK/out-unknown/unknown/unknown-01.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["doc_type"] == "khac", r["doc_type"]
assert r["fields"] == {}, r["fields"]
assert "doc_type" in r["needs_review"], r["needs_review"]
assert len(r["pages"][0]["text"]) > 100, r["pages"][0]["text"]
PY

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
