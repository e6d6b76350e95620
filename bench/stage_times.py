#!/usr/bin/python3
"""Seconds per page by stage for `sohoa process` on the committed samples, side by side with
raw Tesseract (`tesseract IMG OUT -l vie pdf`) and OCRmyPDF on the same pages, in one run.

Usage: bench/stage_times.py [--runs 5] [--sohoa build/tools/sohoa] [--write bench/RESULTS.md]
Every figure is the median of --runs runs, measured on this machine in this run.
"""
import argparse
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, env=None):
    start = time.monotonic()
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return time.monotonic() - start, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sohoa", default=os.path.join(ROOT, "build/tools/sohoa"))
    ap.add_argument("--write", help="write the results as Markdown to this file")
    args = ap.parse_args()

    dossiers = sorted(glob.glob(os.path.join(ROOT, "samples/dossiers/*/")))
    pages = sorted(p for d in dossiers for p in glob.glob(os.path.join(d, "page-*")))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    env["SOHOA_P12_PASS"] = open(os.path.join(ROOT, "samples/pki/TEST-PASSPHRASE.txt")).readline().strip()
    tmp = tempfile.mkdtemp(prefix="sohoa-bench-")
    stages = ["load", "orientation", "cleanup", "ocr", "assemble", "sign", "write", "store"]
    per_stage = {s: [] for s in stages}
    wall = {1: [], 2: []}
    sizes = {}  # bytes of output PDF per page, by tool (the same every run)
    input_bytes = sum(os.path.getsize(p) for p in pages)
    try:
        for run in range(args.runs):
            for jobs in (1, 2):
                out = os.path.join(tmp, f"out-{run}-{jobs}")
                cmd = [args.sohoa, "process", *dossiers, "--out", out, "--store", out + "-store",
                       "--p12", os.path.join(ROOT, "samples/pki/agency-TEST.p12"),
                       "--pass-env", "SOHOA_P12_PASS", "--jobs", str(jobs), "--json"]
                seconds, result = timed(cmd, env)
                if result.returncode not in (0, 3):
                    sys.exit(f"sohoa failed ({result.returncode}): {result.stderr.decode()}")
                report = json.loads(result.stdout)
                n = report["pages_total"]
                sizes["sohoa"] = sum(os.path.getsize(d["pdf"]) for d in report["documents"]) / n
                wall[jobs].append(seconds / n)
                if jobs == 1:
                    for s in stages:
                        per_stage[s].append(report["stage_seconds"][s] / n)

        tess = []
        for run in range(args.runs):
            start = time.monotonic()
            for i, page in enumerate(pages):
                subprocess.run(["tesseract", page, os.path.join(tmp, f"t{i}"), "-l", "vie", "pdf"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
            tess.append((time.monotonic() - start) / len(pages))
        sizes["tesseract"] = sum(os.path.getsize(os.path.join(tmp, f"t{i}.pdf")) for i in range(len(pages))) / len(pages)

        ocrmypdf = []
        if shutil.which("ocrmypdf") is not None:
            for run in range(args.runs):
                start = time.monotonic()
                for i, page in enumerate(pages):
                    # OCRmyPDF takes a single image as input (it converts it with img2pdf).
                    subprocess.run(["ocrmypdf", "-l", "vie", "--rotate-pages", "--deskew", "--jobs", "1",
                                    page, os.path.join(tmp, f"o{i}.pdf")], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                ocrmypdf.append((time.monotonic() - start) / len(pages))
            sizes["ocrmypdf"] = sum(os.path.getsize(os.path.join(tmp, f"o{i}.pdf")) for i in range(len(pages))) / len(pages)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {s: statistics.median(v) for s, v in per_stage.items()}
    w1, w2, t = statistics.median(wall[1]), statistics.median(wall[2]), statistics.median(tess)
    lines = [
        "## Seconds per page by stage (`sohoa process` on samples/dossiers)",
        "",
        f"Command: `bench/stage_times.py --runs {args.runs}` — {len(pages)} pages in {len(dossiers)} dossiers, "
        f"median of {args.runs} runs, {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{time.strftime('%Y-%m-%d')}.",
        "",
        "| stage | seconds per page (--jobs 1) |",
        "| --- | --- |",
        *[f"| {s} | {med[s]:.3f} |" for s in stages],
        f"| **sum of stages** | **{sum(med.values()):.3f}** |",
        "",
        "| whole run, wall seconds per page | value | ratio to raw Tesseract |",
        "| --- | --- | --- |",
        f"| sohoa process --jobs 1 (cleanup + OCR + PDF + PAdES sign + store) | {w1:.2f} | {w1 / t:.2f} |",
        f"| sohoa process --jobs 2 | {w2:.2f} | {w2 / t:.2f} |",
        f"| raw `tesseract IMG OUT -l vie pdf` (no cleanup, unsigned) | {t:.2f} | 1.00 |",
    ]
    if ocrmypdf:
        o = statistics.median(ocrmypdf)
        lines.append(f"| `ocrmypdf -l vie --rotate-pages --deskew --jobs 1 IMG OUT` (unsigned) | {o:.2f} | {o / t:.2f} |")
    else:
        lines.append("| ocrmypdf | not installed in this run | |")
    lines += [
        "",
        f"| output size per page | KB | ratio to the input scans ({input_bytes / len(pages) / 1024:.0f} KB/page) |",
        "| --- | --- | --- |",
        *[f"| {tool} | {b / 1024:.0f} | {b / (input_bytes / len(pages)):.2f} |" for tool, b in sizes.items()],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write("# Benchmark results\n\nEvery figure below was measured by the command shown with it.\n\n" + text)


if __name__ == "__main__":
    main()
