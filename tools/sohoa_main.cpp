// sohoa: the command line. Parses arguments, calls the libraries, maps results to exit codes.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "commands.h"

namespace {

// Tesseract uses OpenMP; its thread pool is sized when libgomp loads, before main runs, so
// the limit must be in the environment from the start: set it and run again.
void EnsureSingleThreadedOpenMp(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);
  // If exec fails we carry on: slower, never wrong.
}

// Pages are processed one after another by the same threads, each needing the same handful of
// page-sized buffers (tens of MB). glibc serves blocks that big with fresh mmap()s and hands them
// back on free(), so every page paid a page fault per 4 KiB touched, over again: about a third
// of the cleanup time of a 200 dpi page with a scanner border (0.205 -> 0.144 s measured with
// this setting). Keeping freed memory in the heap for the next page avoids that; the price is
// that a run keeps its peak working set allocated until it ends.
void KeepPageBuffersAllocated() {
  // Blocks below this come from the heap: the most glibc accepts (half its 64 MB arena heap),
  // above an A4 colour page at 300 dpi (26 MB).
  constexpr int kMmapThreshold = 32 << 20;
  constexpr int kTrimThreshold = 512 << 20;  // free heap top kept before returning memory
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
}

void AddKeyOptions(CLI::App* app, sohoa::tools::KeyOptions& key) {
  app->add_option("--p12", key.p12, "PKCS#12 file with the signing key and certificate")
      ->check(CLI::ExistingFile);
  app->add_option("--pass-env", key.pass_env,
                  "environment variable holding the PKCS#12 passphrase");
  app->add_option("--pass-file", key.pass_file, "file whose first line is the passphrase")
      ->check(CLI::ExistingFile);
}

}  // namespace

int main(int argc, char** argv) {
  EnsureSingleThreadedOpenMp(argv);
  KeepPageBuffersAllocated();
  using namespace sohoa::tools;

  CLI::App app{"sohoa: scanned Vietnamese dossiers to searchable, signed PDF records"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sohoa 0.1.0");

  ProcessCommand process;
  auto* p = app.add_subcommand("process", "OCR, assemble, sign and store dossiers");
  p->add_option("inputs", process.inputs, "image files, image-only PDFs or dossier folders")
      ->required();
  p->add_option("--out", process.out, "output folder")->required();
  p->add_option("--store", process.store, "local store folder (created when missing)");
  AddKeyOptions(p, process.key);
  p->add_option("--jobs", process.jobs, "worker threads (default: number of cores)")
      ->check(CLI::Range(0, 256));
  p->add_option("--dpi", process.dpi, "resolution to assume, overriding the files' metadata")
      ->check(CLI::Range(50.0, 1200.0));
  p->add_option("--ocr-lang", process.ocr_language,
                "Tesseract languages: vie alone reads faster (default: vie+Vietnamese)");
  p->add_option("--ocr-dpi", process.ocr_dpi,
                "read scans coarser than this from a copy resampled to it, e.g. 300 "
                "(default: each scan at its own resolution)")
      ->check(CLI::Range(0.0, 600.0));
  p->add_flag("--json", process.json, "print the report as JSON");
  p->add_flag("--quiet", process.quiet, "no progress lines");

  SignCommand sign;
  auto* s = app.add_subcommand("sign", "add a PAdES signature to a PDF");
  s->add_option("input", sign.input, "PDF to sign")->required()->check(CLI::ExistingFile);
  s->add_option("--out", sign.out, "signed PDF to write")->required();
  AddKeyOptions(s, sign.key);
  s->add_option("--level", sign.level, "PAdES level")->check(CLI::IsMember({"B-B"}));
  s->add_option("--reason", sign.reason, "reason (/Reason)");
  s->add_option("--location", sign.location, "location (/Location)");

  VerifyCommand verify;
  auto* v = app.add_subcommand("verify", "check every signature of a PDF (exit 0 valid, 1 invalid)");
  v->add_option("input", verify.input, "PDF to check")->required();
  v->add_option("--trust", verify.trust, "trusted CA certificate (PEM); repeatable")
      ->check(CLI::ExistingFile);
  v->add_flag("--json", verify.json, "print the report as JSON");

  FindCommand find;
  auto* f = app.add_subcommand("find", "search a local store");
  f->add_option("--store", find.store, "local store folder")->required();
  f->add_option("--id", find.id, "12-digit personal ID of the owner");
  f->add_option("--type", find.type, "document type, e.g. giay_khai_sinh");
  f->add_option("--text", find.text, "words, accent-insensitive");
  f->add_option("--limit", find.limit, "most results")->check(CLI::Range(1, 1000));
  f->add_flag("--json", find.json, "print results as JSON");

  EvalCommand eval;
  auto* e = app.add_subcommand("eval", "character error rate and field accuracy on a corpus");
  e->add_option("corpus", eval.corpus, "folder of document folders with truth.txt")->required();
  e->add_option("--jobs", eval.jobs, "worker threads")->check(CLI::Range(0, 256));
  e->add_option("--ocr-lang", eval.ocr_language,
                "Tesseract languages: vie alone reads faster (default: vie+Vietnamese)");
  e->add_option("--ocr-dpi", eval.ocr_dpi,
                "read scans coarser than this from a copy resampled to it, e.g. 300 "
                "(default: each scan at its own resolution)")
      ->check(CLI::Range(0.0, 600.0));
  e->add_flag("--json", eval.json, "print the report as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (*p) return RunProcess(process);
  if (*s) return RunSign(sign);
  if (*v) return RunVerify(verify);
  if (*f) return RunFind(find);
  if (*e) return RunEval(eval);
  return kExitUsage;
}
