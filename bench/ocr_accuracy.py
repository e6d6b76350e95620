#!/usr/bin/python3
"""OCR accuracy of raw Tesseract, OCRmyPDF and sohoa on the same generated corpus (issue 3).

Generates (or reuses) a corpus with `samples/make_samples.py --corpus N`, then, with
OMP_THREAD_LIMIT=1:
  raw      `tesseract PAGE - -l vie`, page texts joined in page order per document;
  ocrmypdf `ocrmypdf -l vie --rotate-pages --deskew --clean --jobs 1 PAGE OUT.pdf`, then
           `pdftotext OUT.pdf -` (only the ocrmypdf run is timed);
  sohoa    `sohoa eval CORPUS --json --jobs P` (its own CER).
With --parallel P, raw Tesseract and OCRmyPDF run P pages at a time; seconds per page are each
tool's wall time over the corpus / pages.
CER for raw and OCRmyPDF is computed by `measure_character_errors`, a faithful port of
ocr/src/accuracy.cpp (the metric `sohoa eval` uses). With --validate the port is checked on
sohoa's own texts: `sohoa process` is run on the corpus and the port's per-document counts are
compared with `sohoa eval --json`'s.

Needs Debian's /usr/bin/python3 (numpy), tesseract + vie, ocrmypdf, unpaper, pdftotext.

  bench/ocr_accuracy.py --corpus-size 150 --with-samples --parallel 2 --validate \\
      --write bench/RESULTS.md

Besides CER it reports, from `sohoa eval`, how many pages sohoa turned upright, the mean
absolute residual skew (truth: fields.json pages[].rotation_cw / skew_deg), the records' mean
confidence, and the cleanup stages' time (orientation + cleanup) as a share of OCR time, in
wall-clock and in CPU seconds.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
LEVELS = ["clean", "mild", "harsh", "photocopy"]
TOOLS = ["raw", "ocrmypdf", "sohoa"]
TOOL_LABELS = {
    "raw": "raw `tesseract PAGE - -l vie`",
    "ocrmypdf": "`ocrmypdf -l vie --rotate-pages --deskew --clean --jobs 1`",
    "sohoa": "`sohoa eval`",
}
SECTION_TITLE = "## OCR accuracy on a generated corpus (issue 3)"
# Issue 3 targets: sohoa CER per level (percent).
TARGET_CER = {"clean": 1.0, "mild": 1.0, "harsh": 2.0, "photocopy": 3.0}

# ---------------------------------------------------------------------------------------------
# Port of ocr/src/accuracy.cpp (MeasureCharacterErrors). Same steps, same tie-breaking.

# Unicode White_Space (ICU u_isUWhiteSpace); Python's str.isspace differs (U+001C..U+001F).
_WHITE_SPACE = set(chr(c) for c in list(range(0x09, 0x0E)) + [0x20, 0x85, 0xA0, 0x1680] +
                   list(range(0x2000, 0x200B)) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
_LINE_BREAKS = {"\n", "\u2028", "\u2029"}


def _split_into_lines(text):
    """NFC code points of each line, white space removed; empty lines dropped."""
    lines = [[]]
    for c in unicodedata.normalize("NFC", text):
        if c in _LINE_BREAKS:
            lines.append([])
        elif c not in _WHITE_SPACE:
            lines[-1].append(c)
    return [line for line in lines if line]


def _base_letter(c):
    if c == "đ":
        return "d"
    if c in ("Đ", "Ð"):
        return "D"
    return unicodedata.normalize("NFD", c)[0]


def _is_diacritic_only_substitution(reference, hypothesis):
    return reference != hypothesis and _base_letter(reference) == _base_letter(hypothesis)


_BIG = 1 << 40  # separates the free runs in the vectorized running minimum


def _place_line(line, hyp_codes, unused_runs, expected_end):
    """Best (cost, begin, end) of `line` over the runs, as PlaceLine over each run in turn and
    the caller's choice (at equal cost the end nearest `expected_end`, then the earliest end).
    Vectorized over
    hypothesis columns, one reference character per step; start positions follow the C++
    preference diagonal > hypothesis insertion > reference deletion."""
    m = len(line)
    # Columns: per run a boundary column (position `begin`), then one per character.
    col_char, col_hyp_end, col_boundary, col_run_start, col_run = [], [], [], [], []
    for r, (begin, end) in enumerate(unused_runs):
        col_char.append(-1)
        col_hyp_end.append(begin)
        col_boundary.append(True)
        col_run_start.append(begin)
        col_run.append(r)
        for j in range(begin, end):
            col_char.append(hyp_codes[j])
            col_hyp_end.append(j + 1)
            col_boundary.append(False)
            col_run_start.append(begin)
            col_run.append(r)
    col_char = np.array(col_char, dtype=np.int64)
    col_hyp_end = np.array(col_hyp_end, dtype=np.int64)
    boundary = np.array(col_boundary, dtype=bool)
    run_start = np.array(col_run_start, dtype=np.int64)
    offset = np.array(col_run, dtype=np.int64) * _BIG
    n = len(col_char)
    index = np.arange(n, dtype=np.int64)
    # Row 0: cost 0 everywhere; a line starting after column c starts at hypothesis c's end.
    cost = np.zeros(n, dtype=np.int64)
    start = np.where(boundary, run_start, col_hyp_end)
    for i in range(1, m + 1):
        ch = ord(line[i - 1])
        diag = np.empty(n, dtype=np.int64)
        diag[0] = 0
        diag[1:] = cost[:-1] + (col_char[1:] != ch)
        diag_start = np.empty(n, dtype=np.int64)
        diag_start[0] = 0
        diag_start[1:] = start[:-1]
        delete = cost + 1
        is_diag = diag <= delete
        v = np.where(is_diag, diag, delete)
        v_start = np.where(is_diag, diag_start, start)
        v = np.where(boundary, i, v)
        v_start = np.where(boundary, run_start, v_start)
        is_diag = is_diag | boundary
        # Insertions: cost(c) = min over k <= c in the run of v(k) + (c - k). The chain moves
        # to k when v(k) is cheaper, or equally cheap by a diagonal step (C++ order).
        w = v - index - offset
        running_min = np.minimum.accumulate(w)
        previous_min = np.empty(n, dtype=np.int64)
        previous_min[0] = w[0] + 1
        previous_min[1:] = running_min[:-1]
        candidate = boundary | (w < previous_min) | ((w == previous_min) & is_diag)
        pick = np.maximum.accumulate(np.where(candidate, index, -1))
        cost = running_min + index + offset
        start = v_start[pick]
    # Best over character columns with cost < m (an all-deleted line of cost m never beats
    # "not found"); of equal cost, the end nearest expected_end, then the earliest.
    final = np.where(boundary, _BIG, cost)
    lowest = int(final.min())
    if lowest >= m:
        return m, 0, 0
    distance = np.where(final == lowest, np.abs(col_hyp_end - expected_end), _BIG)
    c = int(np.argmin(distance))
    return lowest, int(start[c]), int(col_hyp_end[c])


def _align_exactly(reference, hypothesis, begin, end):
    """Levenshtein with traceback: (errors, diacritic-only substitutions)."""
    m, n = len(reference), end - begin
    hyp = hypothesis[begin:end]
    d = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        d[i][0] = i
    for j in range(n + 1):
        d[0][j] = j
    for i in range(1, m + 1):
        row, prev, r = d[i], d[i - 1], reference[i - 1]
        for j in range(1, n + 1):
            substitute = prev[j - 1] + (0 if r == hyp[j - 1] else 1)
            row[j] = min(substitute, prev[j] + 1, row[j - 1] + 1)
    errors = d[m][n]
    diacritic = 0
    i, j = m, n
    while i > 0 and j > 0:
        r, h = reference[i - 1], hyp[j - 1]
        if d[i][j] == d[i - 1][j - 1] + (0 if r == h else 1):
            if r != h and _is_diacritic_only_substitution(r, h):
                diacritic += 1
            i -= 1
            j -= 1
        elif d[i][j] == d[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return errors, diacritic


def measure_character_errors(reference, hypothesis):
    """(errors, reference_chars, diacritic_errors), as sohoa::ocr::MeasureCharacterErrors."""
    reference_lines = _split_into_lines(reference)
    hyp = [c for line in _split_into_lines(hypothesis) for c in line]
    hyp_codes = [ord(c) for c in hyp]
    order = sorted(range(len(reference_lines)), key=lambda k: -len(reference_lines[k]))
    # Where each line would end in the hypothesis if it kept the reference's order.
    reference_length = sum(len(line) for line in reference_lines)
    expected_end, so_far = [], 0
    for line in reference_lines:
        so_far += len(line)
        expected_end.append(so_far * len(hyp) // reference_length if reference_length else 0)
    used = [False] * len(hyp)
    errors = reference_chars = diacritic = 0
    for k in order:
        line = reference_lines[k]
        reference_chars += len(line)
        runs, j = [], 0
        while j < len(hyp):
            if used[j]:
                j += 1
                continue
            run_end = j
            while run_end < len(hyp) and not used[run_end]:
                run_end += 1
            runs.append((j, run_end))
            j = run_end
        cost, begin, end = (_place_line(line, hyp_codes, runs, expected_end[k]) if runs
                            else (len(line), 0, 0))
        if end == begin:
            errors += len(line)
            continue
        line_errors, line_diacritic = _align_exactly(line, hyp, begin, end)
        errors += line_errors
        diacritic += line_diacritic
        for p in range(begin, end):
            used[p] = True
    errors += used.count(False)
    return errors, reference_chars, diacritic


# ---------------------------------------------------------------------------------------------
# Running the tools.


def load_corpus(corpus):
    docs = []
    for folder in sorted(p for p in Path(corpus).iterdir() if (p / "truth.txt").is_file()):
        fields = json.loads((folder / "fields.json").read_text(encoding="utf-8"))
        pages = sorted(p for p in folder.iterdir()
                       if p.name.startswith("page-") and p.suffix in (".jpg", ".png", ".tif"))
        docs.append({"name": folder.name, "folder": folder, "level": fields.get("level", ""),
                     "pages": pages, "truth": (folder / "truth.txt").read_text(encoding="utf-8")})
    return docs


def one_thread_env():
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run_pages(docs, run_page, parallel):
    """Runs run_page(doc, page) -> (text, seconds) over every page, `parallel` at a time.
    Returns per-document texts (pages joined in order), per-document seconds and wall seconds."""
    jobs = [(doc, page) for doc in docs for page in doc["pages"]]
    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=parallel) as pool:
        results = list(pool.map(lambda job: run_page(*job), jobs))
    wall = time.perf_counter() - t0
    texts, seconds = {}, {}
    for (doc, _), (text, spent) in zip(jobs, results):
        texts.setdefault(doc["name"], []).append(text)
        seconds[doc["name"]] = seconds.get(doc["name"], 0.0) + spent
    return {name: "\n".join(parts) for name, parts in texts.items()}, seconds, wall


def run_raw_tesseract(docs, parallel, log):
    env = one_thread_env()

    def run_page(doc, page):
        t0 = time.perf_counter()
        out = subprocess.run(["tesseract", str(page), "-", "-l", "vie"], env=env,
                             capture_output=True, check=False)
        spent = time.perf_counter() - t0
        if out.returncode != 0:
            log(f"raw tesseract failed on {page}: {out.stderr.decode(errors='replace')[-300:]}")
        return out.stdout.decode("utf-8", errors="replace"), spent

    texts, seconds, wall = run_pages(docs, run_page, parallel)
    log(f"raw      {len(docs)} documents: {wall:.1f} s")
    return texts, seconds, wall


def run_ocrmypdf(docs, scratch, parallel, log):
    env = one_thread_env()
    failures = []

    def run_page(doc, page):
        pdf = Path(scratch) / f"{doc['name']}-{page.stem}.pdf"
        cmd = ["ocrmypdf", "-l", "vie", "--rotate-pages", "--deskew", "--clean", "--jobs",
               "1", "--quiet", str(page), str(pdf)]
        t0 = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, check=False)
        spent = time.perf_counter() - t0
        if out.returncode != 0 or not pdf.is_file():
            failures.append(f"{page}: exit {out.returncode}")
            log(f"ocrmypdf failed on {page}: {out.stderr.decode(errors='replace')[-300:]}")
            return "", spent
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=False)
        return text.stdout.decode("utf-8", errors="replace"), spent

    texts, seconds, wall = run_pages(docs, run_page, parallel)
    log(f"ocrmypdf {len(docs)} documents: {wall:.1f} s")
    return texts, seconds, wall, failures


def run_sohoa_eval(sohoa, corpus, parallel, log):
    t0 = time.perf_counter()
    out = subprocess.run([sohoa, "eval", str(corpus), "--json", "--jobs", str(parallel)],
                         env=one_thread_env(), capture_output=True, check=False)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        sys.exit(f"sohoa eval failed: {out.stderr.decode(errors='replace')}")
    report = json.loads(out.stdout)
    log(f"sohoa eval: {wall:.1f} s outside, {report['wall_seconds']:.1f} s reported")
    return report, wall


def validate_port(sohoa, docs, eval_report, scratch, log):
    """Port on sohoa's own record texts vs sohoa eval's counts, per document."""
    out_dir = Path(scratch) / "process"
    cmd = [sohoa, "process", *[str(d["folder"]) for d in docs], "--out", str(out_dir),
           "--jobs", "1", "--quiet"]
    subprocess.run(cmd, env=one_thread_env(), capture_output=True, check=False)
    by_name = {d["name"]: d for d in eval_report["documents"]}
    rows = []
    for doc in docs:
        records = sorted((out_dir / doc["name"]).glob("*.json"))
        if not records:
            rows.append((doc["name"], None, by_name[doc["name"]]))
            continue
        record = json.loads(records[0].read_text(encoding="utf-8"))
        hypothesis = "".join(p.get("text", "") + "\n" for p in record.get("pages", []))
        rows.append((doc["name"], measure_character_errors(doc["truth"], hypothesis),
                     by_name[doc["name"]]))
    agree = sum(1 for _, port, ev in rows if port is not None and
                port == (ev["char_errors"], ev["reference_chars"], ev["diacritic_errors"]))
    for name, port, ev in rows:
        log(f"validate {name}: port {port} eval "
            f"{(ev['char_errors'], ev['reference_chars'], ev['diacritic_errors'])}")
    return agree, rows


# ---------------------------------------------------------------------------------------------
# Report.


def summarize(docs, counts, seconds):
    """Per level and overall: docs, pages, errors, reference chars, diacritic, seconds."""
    table = {}
    for level in LEVELS + ["overall"]:
        chosen = [d for d in docs if level == "overall" or d["level"] == level]
        table[level] = {
            "docs": len(chosen),
            "pages": sum(len(d["pages"]) for d in chosen),
            "errors": sum(counts[d["name"]][0] for d in chosen),
            "chars": sum(counts[d["name"]][1] for d in chosen),
            "diacritic": sum(counts[d["name"]][2] for d in chosen),
            "seconds": sum(seconds[d["name"]] for d in chosen) if seconds else None,
        }
    return table


def cer(row):
    return 100.0 * row["errors"] / row["chars"] if row["chars"] else 0.0


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def sohoa_geometry(docs, eval_report):
    """Per level and overall: pages upright / pages with truth, mean residual skew, mean confidence."""
    by_name = {d["name"]: d for d in eval_report["documents"]}
    table = {}
    for level in LEVELS + ["overall"]:
        chosen = [by_name[d["name"]] for d in docs if level == "overall" or d["level"] == level]
        pages = sum(e.get("geometry_pages", 0) for e in chosen)
        table[level] = {
            "pages": pages,
            "upright": sum(e.get("pages_upright", 0) for e in chosen),
            "skew": sum(e.get("skew_residual_sum", 0.0) for e in chosen) / pages if pages else 0.0,
            "confidence": (sum(e.get("mean_confidence", 0.0) for e in chosen) / len(chosen)
                           if chosen else 0.0),
        }
    return table


def render(command, docs, tables, per_page, validation, failures, geometry, stages, parallel):
    lines = [SECTION_TITLE, ""]
    today = datetime.date.today().isoformat()
    lines.append(f"Command: `{command}` — {len(docs)} documents, "
                 f"{sum(len(d['pages']) for d in docs)} pages, "
                 f"{os.cpu_count()} cores ({platform.machine()}), {today}. Every tool runs with "
                 f"`OMP_THREAD_LIMIT=1`, {parallel} page(s) at a time.")
    lines.append("")
    lines.append("| level | documents | pages | reference characters |")
    lines.append("| --- | --- | --- | --- |")
    for level in LEVELS + ["overall"]:
        row = tables["sohoa"][level]
        name = f"**{level}**" if level == "overall" else level
        lines.append(f"| {name} | {row['docs']} | {row['pages']} | {row['chars']} |")
    lines.append("")
    lines.append("CER = character edits / reference characters (white space ignored, reading "
                 "order independent: ocr/src/accuracy.cpp). Diacritic-only = substitutions whose "
                 "base letters agree (tone or vowel mark wrong, đ↔d).")
    lines.append("")
    lines.append("| level | " + " | ".join(f"{t} CER %" for t in TOOLS) + " | " +
                 " | ".join(f"{t} diacritic-only" for t in TOOLS) + " |")
    lines.append("| --- " * (1 + 2 * len(TOOLS)) + "|")
    for level in LEVELS + ["overall"]:
        name = f"**{level}**" if level == "overall" else level
        cers = [f"{cer(tables[t][level]):.2f}" for t in TOOLS]
        dia = [str(tables[t][level]["diacritic"]) for t in TOOLS]
        lines.append(f"| {name} | " + " | ".join(cers) + " | " + " | ".join(dia) + " |")
    lines.append("")
    lines.append("| level | " + " | ".join(f"{t} errors" for t in TOOLS) +
                 " | sohoa / ocrmypdf | sohoa / raw |")
    lines.append("| --- " * (3 + len(TOOLS)) + "|")
    for level in LEVELS + ["overall"]:
        name = f"**{level}**" if level == "overall" else level
        errs = [tables[t][level]["errors"] for t in TOOLS]
        lines.append(f"| {name} | " + " | ".join(str(e) for e in errs) +
                     f" | {ratio(errs[2], errs[1])} | {ratio(errs[2], errs[0])} |")
    lines.append("")
    lines.append("Issue 3 targets for sohoa: CER <= 1 % clean and mild, <= 2 % harsh, <= 3 % "
                 "photocopy; at most half of OCRmyPDF's errors; fewer than raw Tesseract on "
                 "every level.")
    lines.append("")
    lines.append("| level | sohoa CER % | target % | met | <= half of OCRmyPDF's errors | "
                 "fewer than raw | pages upright | mean residual skew ° | mean confidence |")
    lines.append("| --- " * 9 + "|")
    for level in LEVELS + ["overall"]:
        if tables["sohoa"][level]["docs"] == 0:
            continue
        name = f"**{level}**" if level == "overall" else level
        c = cer(tables["sohoa"][level])
        target = TARGET_CER.get(level)
        errs = [tables[t][level]["errors"] for t in TOOLS]
        g = geometry[level]
        lines.append(
            f"| {name} | {c:.2f} | {target if target else '-'} | "
            f"{('yes' if c <= target else 'no') if target else '-'} | "
            f"{'yes' if 2 * errs[2] <= errs[1] else 'no'} | {'yes' if errs[2] < errs[0] else 'no'} | "
            f"{g['upright']}/{g['pages']} | {g['skew']:.3f} | {g['confidence']:.3f} |")
    lines.append("")
    pages = max(1, sum(len(d['pages']) for d in docs))
    for key, what in (("stage_seconds", "wall-clock seconds, summed over the workers"),
                      ("stage_cpu_seconds", "CPU seconds of each stage's own thread")):
        spent = stages.get(key) or {}
        cleanup = spent.get("orientation", 0.0) + spent.get("cleanup", 0.0)
        ocr = spent.get("ocr", 0.0)
        if not ocr:
            continue
        lines.append(f"sohoa {what}, per page (`sohoa eval --json` {key} / pages): " +
                     ", ".join(f"{k} {v / pages:.3f}" for k, v in spent.items() if v > 0) +
                     f"; cleanup (orientation + cleanup) = {100 * cleanup / ocr:.1f} % of OCR "
                     "(issue 3 target: <= 15 %).")
        lines.append("")
    lines.append("| tool | seconds per page | ratio to raw Tesseract |")
    lines.append("| --- | --- | --- |")
    for tool in TOOLS:
        lines.append(f"| {TOOL_LABELS[tool]} | {per_page[tool]:.2f} | "
                     f"{per_page[tool] / per_page['raw']:.2f} |")
    lines.append("")
    lines.append("Notes on reading these figures:")
    lines.append("- Raw Tesseract and OCRmyPDF texts are scored by bench/ocr_accuracy.py's port "
                 "of ocr/src/accuracy.cpp; sohoa's by `sohoa eval` itself.")
    if validation is not None:
        agree, rows = validation
        lines.append(f"- The port was checked on sohoa's own texts (`sohoa process` records): "
                     f"it gives the same errors, reference characters and diacritic-only "
                     f"errors as `sohoa eval --json` on {agree} of {len(rows)} documents.")
    lines.append(f"- Seconds per page = each tool's wall time over the whole corpus / pages, "
                 f"with {parallel} page(s) at a time (raw Tesseract and OCRmyPDF: that many "
                 f"single-threaded processes; sohoa: `sohoa eval --jobs {parallel}`, whole "
                 "pipeline except signing and storing, its start-up and model loading "
                 "included). OCRmyPDF's include its Python start-up (started once per page) "
                 "and exclude `pdftotext`. sohoa loads the next page on its coordinator thread "
                 "while workers recognize, so with `--jobs 1` it can use a second core part of "
                 "the time; the other two cannot.")
    lines.append("- Diacritic-only errors are counted only inside lines that were aligned; text a "
                 "tool loses or garbles wholesale counts as other edits, so a lower CER can come "
                 "with more diacritic-only errors.")
    if failures:
        lines.append(f"- OCRmyPDF failed on {len(failures)} page(s) (scored as empty text): "
                     + "; ".join(failures))
    lines.append("- Residual skew = |skew sohoa measured and rotated away - skew the generator "
                 "applied|, per page with truth (skews under 0.05° are left alone by design); "
                 "upright = sohoa's rotation undoes the generator's.")
    lines.append("- Documents are mostly one page, so one hard page moves a level's figure "
                 "noticeably.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus-size", type=int, default=40, help="documents (default 40)")
    parser.add_argument("--corpus", help="reuse this corpus instead of generating one")
    parser.add_argument("--parallel", type=int, default=1,
                        help="pages run at a time by raw Tesseract and OCRmyPDF, and sohoa eval "
                        "--jobs (default 1)")
    parser.add_argument("--with-samples", action="store_true",
                        help="add the committed samples/dossiers to the corpus")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1; sohoa is "
                        "tuned on other seeds, so seed 1 stays held out)")
    parser.add_argument("--write", help="append the Markdown section to this file")
    parser.add_argument("--validate", action="store_true",
                        help="check the metric port against sohoa eval on sohoa's texts")
    parser.add_argument("--sohoa", default=str(REPO / "build" / "tools" / "sohoa"))
    parser.add_argument("--json-out", help="also write all per-document numbers as JSON")
    args = parser.parse_args()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    for tool in ("tesseract", "ocrmypdf", "pdftotext", "unpaper"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found (apt-get install {tool if tool != 'pdftotext' else 'poppler-utils'})")
    scratch = tempfile.mkdtemp(prefix="sohoa-ocr-accuracy-")
    try:
        if args.corpus:
            corpus = Path(args.corpus)
        else:
            corpus = Path(scratch) / "corpus"
            subprocess.run(["/usr/bin/python3", str(REPO / "samples" / "make_samples.py"),
                            "--corpus", str(args.corpus_size), "--seed", str(args.seed),
                            "--out", str(corpus)], check=True)
        if args.with_samples:
            combined = Path(scratch) / "combined"
            combined.mkdir()
            for source in (corpus, REPO / "samples" / "dossiers"):
                for folder in sorted(Path(source).iterdir()):
                    if (folder / "truth.txt").is_file():
                        (combined / folder.name).symlink_to(folder.resolve())
            corpus = combined
        docs = load_corpus(corpus)
        if not docs:
            sys.exit(f"no document folders with truth.txt in {corpus}")

        eval_report, sohoa_wall = run_sohoa_eval(args.sohoa, corpus, args.parallel, log)
        raw_texts, raw_seconds, raw_wall = run_raw_tesseract(docs, args.parallel, log)
        ocrmypdf_texts, ocrmypdf_seconds, ocrmypdf_wall, failures = run_ocrmypdf(
            docs, scratch, args.parallel, log)

        counts = {"raw": {}, "ocrmypdf": {}, "sohoa": {}}
        for doc in docs:
            counts["raw"][doc["name"]] = measure_character_errors(doc["truth"],
                                                                  raw_texts[doc["name"]])
            counts["ocrmypdf"][doc["name"]] = measure_character_errors(
                doc["truth"], ocrmypdf_texts[doc["name"]])
        for d in eval_report["documents"]:
            counts["sohoa"][d["name"]] = (d["char_errors"], d["reference_chars"],
                                          d["diacritic_errors"])
        tables = {
            "raw": summarize(docs, counts["raw"], raw_seconds),
            "ocrmypdf": summarize(docs, counts["ocrmypdf"], ocrmypdf_seconds),
            "sohoa": summarize(docs, counts["sohoa"], None),
        }
        pages = sum(len(d["pages"]) for d in docs)
        # Wall seconds of each tool's whole run over the corpus / pages: throughput with
        # `--parallel` pages (or sohoa workers) at a time.
        per_page = {
            "raw": raw_wall / pages,
            "ocrmypdf": ocrmypdf_wall / pages,
            "sohoa": sohoa_wall / pages,
        }
        validation = validate_port(args.sohoa, docs, eval_report, scratch, log) \
            if args.validate else None

        # The command as run, less the output options (they do not change the figures).
        shown, skip = [], False
        for a in sys.argv[1:]:
            if skip:
                skip = False
            elif a in ("--write", "--json-out"):
                skip = True
            elif not a.startswith(("--write=", "--json-out=")):
                shown.append(a)
        command = " ".join(["bench/ocr_accuracy.py"] + shown)
        section = render(command, docs, tables, per_page, validation, failures,
                         sohoa_geometry(docs, eval_report),
                         {k: eval_report.get(k) for k in ("stage_seconds", "stage_cpu_seconds")},
                         args.parallel)
        print(section)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(
                {"counts": counts, "seconds": {"raw": raw_seconds, "ocrmypdf": ocrmypdf_seconds},
                 "per_page": per_page, "levels": {d["name"]: d["level"] for d in docs},
                 "validation": None if validation is None else
                 [[n, p, [e["char_errors"], e["reference_chars"], e["diacritic_errors"]]]
                  for n, p, e in validation[1]]}, indent=1, ensure_ascii=False))
        if args.write:
            with open(args.write, "a", encoding="utf-8") as f:
                f.write("\n" + section)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
