// The coordinator: runs dossiers through ingest -> cleanup -> recognize -> assemble -> sign ->
// write -> store. Pages run in parallel on worker threads, one OCR engine per worker; only the
// coordinator (the calling thread) writes output, and a dossier's files appear whole or not at
// all.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sohoa/core/clock.h"
#include "sohoa/core/status.h"
#include "sohoa/ocr/engine.h"
#include "sohoa/ocr/postcorrect.h"
#include "sohoa/pipeline/cleanup.h"
#include "sohoa/pipeline/intake.h"
#include "sohoa/pipeline/pdf.h"
#include "sohoa/pipeline/record.h"
#include "sohoa/signing/key_source.h"
#include "sohoa/signing/pades.h"

namespace sohoa::pipeline {

// Seconds spent per stage, summed over all pages and dossiers of a run. Wall-clock sums add
// the workers' times, so with N workers they can exceed the run's wall time; CPU sums count
// each stage's own thread only, without the time it waited for a core (a fairer cost when
// the workers and the writer share few cores). When the workers are fewer than the cores,
// work OpenCV hands to its own pool threads (cleanup's parallel loops) is not counted in the
// CPU sums; with a worker per core (the default) ProcessDossiers keeps OpenCV on the calling
// thread for the run, so they count everything.
struct StageSeconds {
  double load = 0;
  double orientation = 0;
  double cleanup = 0;
  double ocr = 0;
  double assemble = 0;
  double sign = 0;
  double write = 0;
  double store = 0;
};

// One page after cleanup and OCR.
struct RecognizedPage {
  CleanPage clean;  // `clean.ocr` is released once recognized (it is not archived)
  // Words, boxes and size in `clean.display` pixels (also when OCR read a finer copy).
  ocr::OcrPage ocr;
  // OCR ran past limits::kOcrTimePerPage: `ocr` is empty and the page is kept as an image
  // without text (with a warning in clean.warnings), so the dossier still comes out whole.
  bool ocr_timed_out = false;
  // The texts of the QR codes read on a page that classifies as a căn cước card (the card's
  // own: ReadQrCodes, ocr::ParseCardCode); empty on other pages.
  std::vector<std::string> codes;
  // Time this page took per stage (orientation detection; the rest of cleanup; recognition,
  // post-correction and reading order): wall-clock, and CPU time of the calling thread.
  StageSeconds seconds;
  StageSeconds cpu_seconds;
};

// Cleans and recognizes one page with `engine` (orientation detection included when the
// options ask for it), then, when `corrector` is given, post-corrects the words
// (ocr::PostCorrector) and puts two-column regions in reading order (ocr::OrderColumns).
// A page whose reading classifies as a căn cước card is read a second time from its display
// page without the faint-ink rule (CleanupOptions::erase_faint_ink: it takes the card's thin
// labels for a stamp) and without stroke mending (CleanupOptions::mend_broken_strokes: it
// joins the card's small letters), from a copy resampled to 300 dpi when the scan is coarser,
// and that reading, its blocks put top to bottom (ocr::OrderBlocksTopDown), is kept when it
// still classifies as a card. The QR codes on such a page are read too (`codes`).
// Takes the scan over (see CleanupPage(Image&&, ...)).
// Fails with the cleanup or OCR failure; the caller adds file and page. An OCR time-out
// (kTimeout) is not a failure: see RecognizedPage::ocr_timed_out.
Result<RecognizedPage> RecognizePage(Image&& scan, const CleanupOptions& cleanup,
                                     ocr::Engine& engine,
                                     const ocr::PostCorrector* corrector = nullptr);

// One document of a dossier: a dossier holding several papers gives one document per paper
// (ocr::DocumentStarts), "<dossier>-01", "-02", … in page order; a dossier that failed gives
// one outcome with its errors and no output.
struct DocumentOutcome {
  std::string dossier;
  std::string document_id;
  int first_page = 1;     // the document's first page in its dossier (1-based)
  std::string pdf_path;   // empty when the dossier failed
  std::string json_path;
  std::string sha256;
  int pages = 0;
  bool signed_pdf = false;
  bool stored = false;
  bool already_stored = false;
  std::vector<Status> errors;        // each names file and page; non-empty = no output
  std::vector<std::string> warnings; // "file: page N: ..." caveats, also in the record
  bool ok() const { return errors.empty(); }
};

struct ProcessReport {
  std::vector<DocumentOutcome> documents;  // by dossier in input order, then by page
  int pages_total = 0;
  int pages_failed = 0;
  double wall_seconds = 0;
  StageSeconds stage_seconds;      // wall-clock
  StageSeconds stage_cpu_seconds;  // CPU
  bool any_failure() const;
  bool any_warning() const;
};

struct ProgressEvent {
  std::string dossier;
  int pages_done = 0;   // over the whole run
  int pages_total = 0;  // known so far
  std::string message;  // e.g. "done: out/x/x-01.pdf"
};

struct ProcessOptions {
  std::string out_dir;          // required; created when missing
  std::string store_dir;        // empty = no store
  const signing::KeySource* key = nullptr;  // nullptr = unsigned PDFs
  signing::SignOptions sign;
  int jobs = 0;                 // worker threads; 0 = number of cores
  LoadOptions load;
  CleanupOptions cleanup;
  ocr::EngineOptions ocr;
  // Vietnamese post-correction of the OCR words (needs Debian's hunspell-vi).
  bool post_correct = true;
  ocr::PostCorrectorOptions post_correction;
  PdfOptions pdf;
  std::string digitized_by;     // defaults to the signer's subject, else $USER
  const Clock* clock = nullptr; // nullptr = DefaultClock()
  std::function<void(const ProgressEvent&)> on_progress;  // called on the coordinator thread
  // Seam for tests: makes one engine per worker. Empty = CreateTesseractEngine(ocr).
  std::function<Result<std::unique_ptr<ocr::Engine>>()> engine_factory;
};

// Processes the dossiers. Tesseract's OpenMP threads would fight the workers for the cores:
// run the process with OMP_THREAD_LIMIT=1 in its environment from the start (the sohoa
// command line sees to it). Per-dossier failures go into the report (the run goes on); the
// Result fails only when nothing can run at all: no OCR engine or no syllable dictionary for
// post-correction (kDependency), an output
// folder that cannot be created (kIo), a store that cannot be opened, a signing certificate
// that is not valid now (kCrypto).
Result<ProcessReport> ProcessDossiers(const std::vector<DossierSource>& dossiers,
                                      const ProcessOptions& options);

}  // namespace sohoa::pipeline
