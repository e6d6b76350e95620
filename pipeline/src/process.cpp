#include "sohoa/pipeline/process.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <opencv2/core.hpp>
#include <optional>
#include <set>
#include <thread>

#include "sohoa/core/clock.h"
#include "sohoa/core/files.h"
#include "sohoa/ocr/card_zone.h"
#include "sohoa/ocr/classify.h"
#include "sohoa/ocr/fields.h"
#include "sohoa/ocr/layout.h"
#include "sohoa/pipeline/qr_codes.h"
#include "sohoa/storage/local_store.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Wall-clock and this thread's CPU time since construction, added to a stage's two sums.
class StageTimer {
 public:
  StageTimer() : wall_(SteadyClock::now()), cpu_(ThreadCpuSeconds()) {}
  void AddTo(double& wall, double& cpu) const {
    wall += SecondsSince(wall_);
    cpu += ThreadCpuSeconds() - cpu_;
  }

 private:
  SteadyClock::time_point wall_;
  double cpu_;
};

// Pages below this mean word confidence are worth a human look.
constexpr double kLowConfidence = 0.6;
// A document type below this confidence (a công văn known only by its "Kính gửi" line, an
// unknown paper) is listed in the record's needs_review for a clerk to confirm.
constexpr double kDocTypeReviewBelow = 0.8;

// Puts the words read on the OCR copy in display pixels: the OCR copy of a coarse scan is
// finer than the page the PDF shows (CleanPage::ocr).
void ToDisplayPixels(ocr::OcrPage& page, const Image& display) {
  if (page.width <= 0 || page.height <= 0 ||
      (page.width == display.width && page.height == display.height)) {
    return;
  }
  const double sx = static_cast<double>(display.width) / page.width;
  const double sy = static_cast<double>(display.height) / page.height;
  for (ocr::Word& word : page.words) {
    const int left = static_cast<int>(std::lround(word.box.x * sx));
    const int top = static_cast<int>(std::lround(word.box.y * sy));
    const int right = static_cast<int>(std::lround((word.box.x + word.box.width) * sx));
    const int bottom = static_cast<int>(std::lround((word.box.y + word.box.height) * sy));
    word.box = {left, top, right - left, bottom - top};
    word.font_size_px = static_cast<float>(word.font_size_px * sy);
  }
  page.width = display.width;
  page.height = display.height;
}

// A căn cước card's re-read resolution at least (see RecognizePage).
constexpr double kCardOcrDpi = 300;

}  // namespace

Result<RecognizedPage> RecognizePage(Image&& scan, const CleanupOptions& cleanup,
                                     ocr::Engine& engine, const ocr::PostCorrector* corrector) {
  RecognizedPage page;
  const StageTimer cleanup_timer;
  OrientationDetector detector = [&](const Image& grey) -> Result<int> {
    const StageTimer timer;
    auto orientation = engine.DetectOrientation(grey);
    timer.AddTo(page.seconds.orientation, page.cpu_seconds.orientation);
    if (!orientation.ok()) return orientation.status();
    return orientation->rotate_clockwise_deg;
  };
  auto clean = CleanupPage(std::move(scan), cleanup, detector);
  cleanup_timer.AddTo(page.seconds.cleanup, page.cpu_seconds.cleanup);
  page.seconds.cleanup -= page.seconds.orientation;
  page.cpu_seconds.cleanup -= page.cpu_seconds.orientation;
  if (!clean.ok()) return clean.status();
  page.clean = std::move(clean).value();

  const StageTimer ocr_timer;
  auto recognized = engine.Recognize(page.clean.ocr);
  // Not archived: freed now, so the next page's OCR copy reuses the memory instead of
  // faulting in fresh pages while this page waits for the rest of its dossier.
  page.clean.ocr = Image{};
  if (!recognized.ok() && recognized.status().code() == StatusCode::kTimeout) {
    // Like a page OCRmyPDF's Tesseract timeout skips: archived as an image, flagged.
    ocr_timer.AddTo(page.seconds.ocr, page.cpu_seconds.ocr);
    page.ocr_timed_out = true;
    page.ocr.width = page.clean.display.width;
    page.ocr.height = page.clean.display.height;
    page.clean.warnings.push_back(recognized.status().message() +
                                  "; the page is kept as an image without text");
    return page;
  }
  if (!recognized.ok()) return recognized.status();
  page.ocr = std::move(recognized).value();
  const auto tidy = [&](ocr::OcrPage& read) {
    if (corrector == nullptr) return;
    // Post-correction first: it drops specks and junk words, and a speck in a letterhead's
    // gutter would join its columns.
    corrector->Correct(read);
    ocr::OrderColumns(read);
  };
  tidy(page.ocr);
  ocr_timer.AddTo(page.seconds.ocr, page.cpu_seconds.ocr);
  const bool card = ocr::ClassifyDocument(page.ocr.text).doc_type == "can_cuoc";
  if (cleanup.erase_faint_ink && card) {
    // A căn cước card prints its labels thin, so lighter than its bold values, and the rule
    // that erases a grey seal's patch of faint marks erased them: the page is read again,
    // from the display page (already upright, deskewed and cropped), without that rule. On
    // 40 card pages of the samples script this took character errors from 33 to 13 %. Broken
    // strokes are not mended in it either: the mending joins the card's 6-7 pt letters. And a
    // card scanned coarser than `kCardOcrDpi` is read from a copy resampled to it: at 200 dpi
    // its small letters are about 8 pixels high. On the 80 card pages of two development
    // corpora (seeds 13 and 17) fields right went from 265 to 278 of 327 and from 265 to 269
    // of 322 (harsh and photocopied cards, 200 dpi); 400 dpi read worse on photocopies.
    const StageTimer again_timer;
    CleanupOptions again = cleanup;
    again.fix_orientation = again.deskew = again.crop_borders = again.erase_faint_ink =
        again.mend_broken_strokes = false;
    again.ocr_dpi = std::max(again.ocr_dpi, kCardOcrDpi);
    auto reclean = CleanupPage(page.clean.display, again, {});
    again_timer.AddTo(page.seconds.cleanup, page.cpu_seconds.cleanup);
    if (reclean.ok()) {
      const StageTimer reread_timer;
      auto reread = engine.Recognize(reclean->ocr);
      if (reread.ok()) {  // else (a time-out) the first reading stands
        // Blocks top to bottom: beside the card's photo and seal Tesseract put a residence's
        // second line after the expiry below it (seeds 37 and 41, cards 0231 and 0031).
        ocr::OrderBlocksTopDown(*reread);
        tidy(*reread);
        // The back's machine-readable zone, when no check digit passes as read, is read again
        // alone with only its characters allowed (MendCardZone). On the 80 card pages of seeds
        // 17 and 13 this took fields right from 279 to 292 of 322 and from 278 to 281 of 327.
        ocr::MendCardZone(engine, reclean->ocr, *reread);
        // Kept when it still reads as a card: on a photocopy's grey noise the rule's
        // erasing can be what made the first reading legible.
        if (ocr::ClassifyDocument(reread->text).doc_type == "can_cuoc") {
          page.ocr = std::move(reread).value();
        }
      }
      reread_timer.AddTo(page.seconds.ocr, page.cpu_seconds.ocr);
    }
  }
  if (card) {
    // The card's QR code holds its ID, name, birth date, sex, residence and issue date, error
    // corrected (ocr::ExtractFields prefers them to OCR's readings).
    const StageTimer code_timer;
    page.codes = ReadQrCodes(page.clean.display);
    code_timer.AddTo(page.seconds.ocr, page.cpu_seconds.ocr);
  }
  ToDisplayPixels(page.ocr, page.clean.display);
  return page;
}

bool ProcessReport::any_failure() const {
  return std::any_of(documents.begin(), documents.end(),
                     [](const DocumentOutcome& d) { return !d.ok(); });
}

bool ProcessReport::any_warning() const {
  return std::any_of(documents.begin(), documents.end(),
                     [](const DocumentOutcome& d) { return !d.warnings.empty(); });
}

namespace {

struct DossierWork {
  const DossierSource* source = nullptr;
  std::string name;  // unique within the run
  std::vector<LoadedPage> pages;
  std::vector<std::optional<RecognizedPage>> results;
  std::vector<Status> errors;
  int remaining = 0;
};

std::string DefaultDigitizer(const ProcessOptions& options) {
  if (!options.digitized_by.empty()) return options.digitized_by;
  if (options.key != nullptr) return options.key->subject();
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "unknown";
}

// Coordinates workers and output. Lives for one ProcessDossiers call.
class Coordinator {
 public:
  Coordinator(const std::vector<DossierSource>& dossiers, const ProcessOptions& options,
              std::vector<std::unique_ptr<ocr::Engine>> engines,
              const ocr::PostCorrector* corrector, storage::LocalStore* store)
      : options_(options),
        clock_(options.clock != nullptr ? *options.clock : DefaultClock()),
        engines_(std::move(engines)),
        corrector_(corrector),
        store_(store),
        work_(dossiers.size()) {
    std::set<std::string> used;
    for (std::size_t i = 0; i < dossiers.size(); ++i) {
      work_[i].source = &dossiers[i];
      std::string name = dossiers[i].name;
      for (int n = 2; used.count(name) != 0; ++n) name = dossiers[i].name + "-" + std::to_string(n);
      used.insert(name);
      work_[i].name = name;
    }
  }

  ProcessReport Run() {
    const auto start = SteadyClock::now();
    outcomes_.resize(work_.size());
    std::vector<std::thread> threads;
    for (auto& engine : engines_) {
      threads.emplace_back([this, e = engine.get()] { WorkerLoop(*e); });
    }

    // Bound the decoded pages held in memory: enough to keep every worker busy.
    const int max_pages_in_flight = 4 * static_cast<int>(engines_.size()) + 4;
    std::size_t next_to_load = 0;
    std::size_t finished = 0;
    int in_flight = 0;
    int reported_done = -1;
    while (finished < work_.size()) {
      while (next_to_load < work_.size() && in_flight < max_pages_in_flight) {
        in_flight += LoadAndEnqueue(next_to_load++);
      }
      std::unique_lock lock(mu_);
      cv_coordinator_.wait(lock, [&] {
        return !ready_.empty() || pages_done_ != reported_done ||
               (next_to_load < work_.size() && in_flight < max_pages_in_flight);
      });
      if (pages_done_ != reported_done) {
        reported_done = pages_done_.load();
        const int total = report_.pages_total;
        lock.unlock();
        Progress({"", reported_done, total, ""});
        lock.lock();
      }
      while (!ready_.empty()) {
        const std::size_t index = ready_.front();
        ready_.pop_front();
        lock.unlock();
        in_flight -= static_cast<int>(work_[index].pages.size());
        Finalize(index);
        ++finished;
        lock.lock();
      }
    }
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_workers_.notify_all();
    for (auto& t : threads) t.join();
    for (auto& outcomes : outcomes_) {
      for (auto& outcome : outcomes) report_.documents.push_back(std::move(outcome));
    }
    report_.wall_seconds = SecondsSince(start);
    return std::move(report_);
  }

 private:
  struct PageTask {
    std::size_t dossier;
    std::size_t page;
  };

  void Progress(const ProgressEvent& event) {
    if (options_.on_progress) options_.on_progress(event);
  }

  // Loads every file of a dossier and queues its pages. Returns the number of pages queued.
  int LoadAndEnqueue(std::size_t index) {
    DossierWork& w = work_[index];
    const StageTimer timer;
    for (const auto& file : w.source->files) {
      auto loaded = LoadPages(file, options_.load);
      if (!loaded.ok()) {
        w.errors.push_back(loaded.status().WithFile(file));
        continue;
      }
      for (auto& e : loaded->page_errors) w.errors.push_back(e.WithFile(file));
      for (auto& p : loaded->pages) w.pages.push_back(std::move(p));
    }
    if (static_cast<int>(w.pages.size()) > limits::kMaxPagesPerDossier) {
      w.errors.push_back(InvalidInput(
          "dossier has " + std::to_string(w.pages.size()) + " pages, over the limit of " +
              std::to_string(limits::kMaxPagesPerDossier) + "; split it into several folders",
          w.source->name));
      w.pages.clear();
    }
    if (w.pages.empty() && w.errors.empty()) {
      w.errors.push_back(InvalidInput("no pages found", w.source->name));
    }
    double load_seconds = 0, load_cpu_seconds = 0;
    timer.AddTo(load_seconds, load_cpu_seconds);

    std::lock_guard lock(mu_);
    report_.stage_seconds.load += load_seconds;
    report_.stage_cpu_seconds.load += load_cpu_seconds;
    report_.pages_total += static_cast<int>(w.pages.size());
    w.results.resize(w.pages.size());
    w.remaining = static_cast<int>(w.pages.size());
    if (w.pages.empty()) {
      ready_.push_back(index);
    } else {
      for (std::size_t p = 0; p < w.pages.size(); ++p) tasks_.push_back({index, p});
      cv_workers_.notify_all();
    }
    cv_coordinator_.notify_one();
    return static_cast<int>(w.pages.size());
  }

  void WorkerLoop(ocr::Engine& engine) {
    for (;;) {
      PageTask task{};
      {
        std::unique_lock lock(mu_);
        cv_workers_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = tasks_.front();
        tasks_.pop_front();
      }
      DossierWork& w = work_[task.dossier];
      LoadedPage& page = w.pages[task.page];
      // The scan is no longer needed after this: handed over (it may become the display page)
      // and freed early.
      auto result = RecognizePage(std::move(page.image), options_.cleanup, engine, corrector_);
      page.image = Image{};

      std::lock_guard lock(mu_);
      if (result.ok()) {
        for (auto [sum, page_seconds] :
             {std::pair{&report_.stage_seconds, &result->seconds},
              std::pair{&report_.stage_cpu_seconds, &result->cpu_seconds}}) {
          sum->orientation += page_seconds->orientation;
          sum->cleanup += page_seconds->cleanup;
          sum->ocr += page_seconds->ocr;
        }
        w.results[task.page] = std::move(result).value();
      } else {
        w.errors.push_back(result.status().WithFile(page.file, page.page_in_file));
        ++report_.pages_failed;
      }
      ++pages_done_;
      if (--w.remaining == 0) ready_.push_back(task.dossier);
      cv_coordinator_.notify_one();
    }
  }

  // Everything after recognition happens here, on the coordinator thread only.
  void Finalize(std::size_t index) {
    DossierWork& w = work_[index];
    std::vector<DocumentOutcome>& outcomes = outcomes_[index];
    if (!w.errors.empty()) {
      // A dossier with a page that could not be read is not written at all: a partial
      // document in the archive would look complete. Every problem is reported at once.
      DocumentOutcome& out = outcomes.emplace_back();
      out.dossier = w.name;
      out.document_id = w.name + "-01";
      out.pages = static_cast<int>(w.pages.size());
      out.errors = w.errors;
      Progress({w.name, pages_done_.load(), report_.pages_total, "failed: " + w.name});
      ReleasePages(w);
      return;
    }

    std::vector<PageRecord> pages;
    std::vector<std::string_view> texts;
    for (std::size_t i = 0; i < w.pages.size(); ++i) {
      const LoadedPage& loaded = w.pages[i];
      const RecognizedPage& rp = *w.results[i];
      PageRecord pr;
      pr.source = loaded.file;
      pr.source_page = loaded.page_in_file;
      pr.width_px = rp.clean.display.width;
      pr.height_px = rp.clean.display.height;
      pr.dpi = rp.clean.display.dpi;
      pr.rotation = rp.clean.rotation_deg;
      pr.skew_deg = rp.clean.skew_deg;
      pr.mean_confidence = rp.ocr.mean_confidence;
      pr.text = rp.ocr.text;
      pr.codes = rp.codes;
      pr.warnings = loaded.warnings;
      pr.warnings.insert(pr.warnings.end(), rp.clean.warnings.begin(), rp.clean.warnings.end());
      if (!loaded.dpi_from_file) {
        pr.warnings.push_back("resolution not in the file; assumed " +
                              std::to_string(static_cast<int>(
                                  loaded.image.dpi > 0 ? loaded.image.dpi : rp.clean.display.dpi)) +
                              " dpi (set --dpi if wrong)");
      }
      if (rp.ocr_timed_out) {
        // The time-out warning is already among the page's warnings.
      } else if (rp.ocr.words.empty()) {
        pr.warnings.push_back("no text recognized");
      } else if (rp.ocr.mean_confidence < kLowConfidence) {
        pr.warnings.push_back("low OCR confidence; check the text");
      }
      pages.push_back(std::move(pr));
    }
    for (const PageRecord& page : pages) texts.push_back(page.text);
    // A dossier may hold several papers (an application, an ID card copy, a certificate):
    // each becomes a document of its own, <dossier>-01, -02, … in page order.
    const std::vector<std::size_t> starts = ocr::DocumentStarts(texts);
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::size_t first = starts[k];
      const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : pages.size();
      DocumentOutcome& out = outcomes.emplace_back();
      out.dossier = w.name;
      char number[24];
      std::snprintf(number, sizeof number, "-%02zu", k + 1);
      out.document_id = w.name + number;
      out.first_page = static_cast<int>(first) + 1;
      out.pages = static_cast<int>(end - first);
      std::vector<PageRecord> own(std::make_move_iterator(pages.begin() + first),
                                  std::make_move_iterator(pages.begin() + end));
      EmitDocument(w, first, std::move(own), out);
    }
    ReleasePages(w);
  }

  // Classifies, extracts, assembles, signs, writes and stores one document: the dossier's
  // pages from `first` on, whose page records are `pages`.
  void EmitDocument(const DossierWork& w, std::size_t first, std::vector<PageRecord> pages,
                    DocumentOutcome& out) {
    Record record;
    record.document_id = out.document_id;
    record.dossier = w.name;
    record.digitized_by = DefaultDigitizer(options_);
    const auto now = clock_.Now();
    record.digitized_at = FormatIsoVietnam(now);
    std::vector<PdfPageInput> pdf_pages;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const LoadedPage& loaded = w.pages[first + i];
      const RecognizedPage& rp = *w.results[first + i];
      if (std::find(record.source.begin(), record.source.end(), loaded.file) ==
          record.source.end()) {
        record.source.push_back(loaded.file);
      }
      pages[i].number = static_cast<int>(i) + 1;
      for (const auto& warning : pages[i].warnings) {
        out.warnings.push_back(loaded.file + ": page " + std::to_string(loaded.page_in_file) +
                               ": " + warning);
      }
      pdf_pages.push_back({&rp.clean.display, rp.ocr.words});
    }
    record.pages = std::move(pages);
    std::string text;
    for (const PageRecord& page : record.pages) text += page.text + "\n";
    const ocr::DocumentClass kind = ocr::ClassifyDocument(text);
    record.doc_type = kind.doc_type;
    record.doc_type_confidence = kind.confidence;
    if (kind.confidence < kDocTypeReviewBelow) {
      record.needs_review.push_back("doc_type");
      record.review_reasons["doc_type"] = kind.evidence.empty()
                                              ? "no title line found"
                                              : "recognized only by '" + kind.evidence + "'";
    }
    std::vector<std::string> codes;
    for (const PageRecord& page : record.pages) {
      codes.insert(codes.end(), page.codes.begin(), page.codes.end());
    }
    ocr::ExtractedFields extracted = ocr::ExtractFields(kind.doc_type, text, codes);
    record.fields = std::move(extracted.fields);
    for (auto& [key, why] : extracted.needs_review) {
      record.needs_review.push_back(key);
      record.review_reasons[key] = std::move(why);
    }
    if (kind.doc_type == "khac" && record.fields.empty() && record.needs_review.size() <= 1) {
      out.warnings.push_back(out.document_id +
                             ": no known paper and no fields recognized; the record holds only "
                             "the text (check the scan, or enter the fields by hand)");
    }

    PdfInfo info;
    info.title = out.document_id;
    info.author = record.digitized_by;
    info.subject = "Dossier " + w.name;
    info.created = now;
    // The embedded record is final but for sha256, which only the signed bytes give.
    if (options_.key != nullptr) record.signed_by = options_.key->subject();
    AttachRecord(record, &info);
    const StageTimer assemble_timer;
    auto pdf = BuildSearchablePdf(pdf_pages, info, options_.pdf);
    assemble_timer.AddTo(report_.stage_seconds.assemble, report_.stage_cpu_seconds.assemble);
    if (!pdf.ok()) {
      out.errors.push_back(pdf.status().WithFile(w.name));
      return;
    }
    std::string bytes = std::move(pdf).value();

    if (options_.key != nullptr) {
      const StageTimer sign_timer;
      signing::SignOptions sign = options_.sign;
      if (sign.clock == nullptr) sign.clock = &clock_;
      auto signed_pdf = signing::SignPdf(bytes, *options_.key, sign);
      sign_timer.AddTo(report_.stage_seconds.sign, report_.stage_cpu_seconds.sign);
      if (!signed_pdf.ok()) {
        out.errors.push_back(signed_pdf.status().WithFile(w.name));
        return;
      }
      bytes = std::move(signed_pdf).value();
      out.signed_pdf = true;
    }
    record.sha256 = files::Sha256Hex(bytes);
    out.sha256 = record.sha256;
    const std::string json = RecordToJson(record);

    const StageTimer write_timer;
    const fs::path dir = fs::path(options_.out_dir) / w.name;
    const fs::path pdf_path = dir / (out.document_id + ".pdf");
    const fs::path json_path = dir / (out.document_id + ".json");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      out.errors.push_back(IoError("cannot create output folder: " + ec.message(), dir));
      return;
    }
    Status written = files::WriteAtomic(pdf_path, bytes);
    if (written.ok()) {
      written = files::WriteAtomic(json_path, json);
      if (!written.ok()) fs::remove(pdf_path, ec);  // the pair appears whole or not at all
    }
    write_timer.AddTo(report_.stage_seconds.write, report_.stage_cpu_seconds.write);
    if (!written.ok()) {
      out.errors.push_back(written);
      return;
    }
    out.pdf_path = pdf_path.string();
    out.json_path = json_path.string();

    if (store_ != nullptr) {
      const StageTimer store_timer;
      auto put = store_->Put(bytes, json);
      store_timer.AddTo(report_.stage_seconds.store, report_.stage_cpu_seconds.store);
      if (!put.ok()) {
        out.errors.push_back(put.status().WithContext("storing " + out.document_id));
      } else {
        out.stored = true;
        out.already_stored = put->already_present;
      }
    }
    Progress({w.name, pages_done_.load(), report_.pages_total, "done: " + out.pdf_path});
  }

  static void ReleasePages(DossierWork& w) {
    w.pages.clear();
    w.pages.shrink_to_fit();
    w.results.clear();
    w.results.shrink_to_fit();
  }

  const ProcessOptions& options_;
  const Clock& clock_;
  std::vector<std::unique_ptr<ocr::Engine>> engines_;
  const ocr::PostCorrector* corrector_;  // nullptr = no post-correction
  storage::LocalStore* store_;
  std::vector<DossierWork> work_;
  std::vector<std::vector<DocumentOutcome>> outcomes_;  // per dossier, its documents in order
  ProcessReport report_;

  std::mutex mu_;
  std::condition_variable cv_workers_;
  std::condition_variable cv_coordinator_;
  std::deque<PageTask> tasks_;
  std::deque<std::size_t> ready_;
  // Written by workers under mu_, read by the coordinator with or without it.
  std::atomic<int> pages_done_{0};
  bool stopping_ = false;
};

}  // namespace

Result<ProcessReport> ProcessDossiers(const std::vector<DossierSource>& dossiers,
                                      const ProcessOptions& options) {
  if (options.out_dir.empty()) return InvalidInput("no output folder given (--out)");
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return IoError("cannot create output folder: " + ec.message(), options.out_dir);

  if (options.key != nullptr) {
    // An expired certificate must stop the run before hours of OCR, not after.
    const Clock& clock = options.clock != nullptr ? *options.clock : DefaultClock();
    SOHOA_RETURN_IF_ERROR(signing::CheckSigningCertificate(*options.key, clock.Now()));
  }
  std::unique_ptr<storage::LocalStore> store;
  if (!options.store_dir.empty()) {
    SOHOA_ASSIGN_OR_RETURN(store, storage::LocalStore::Open(options.store_dir));
  }

  int jobs =
      options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  jobs = std::max(1, jobs);
  std::vector<std::unique_ptr<ocr::Engine>> engines;
  for (int i = 0; i < jobs; ++i) {
    auto engine =
        options.engine_factory ? options.engine_factory() : ocr::CreateTesseractEngine(options.ocr);
    if (!engine.ok()) return engine.status();
    engines.push_back(std::move(engine).value());
  }
  std::optional<ocr::PostCorrector> corrector;
  if (options.post_correct) {
    SOHOA_ASSIGN_OR_RETURN(corrector, ocr::PostCorrector::Create(options.post_correction));
  }
  // With a worker per core there is no core left for OpenCV's own pool: its parallel loops
  // would only compete with the other workers and hide cleanup work from the CPU seconds
  // measured per stage (about a fifth of it on 46 development pages; the run took as long).
  const int opencv_threads = cv::getNumThreads();
  const bool workers_fill_cores = jobs >= static_cast<int>(std::thread::hardware_concurrency());
  if (workers_fill_cores) cv::setNumThreads(1);
  Coordinator coordinator(dossiers, options, std::move(engines), corrector ? &*corrector : nullptr,
                          store.get());
  auto report = coordinator.Run();
  if (workers_fill_cores) cv::setNumThreads(opencv_threads);
  return report;
}

}  // namespace sohoa::pipeline
