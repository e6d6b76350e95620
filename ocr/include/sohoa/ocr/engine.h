// The OCR engine: Tesseract's C++ API behind a small interface (a seam for tests).
//
// Threading: an Engine is NOT thread-safe. Create one per worker thread; engines are
// independent of each other and may run concurrently. Tesseract's OpenMP loops would only add
// threads that compete with the other workers, so Recognize and DetectOrientation make OpenMP
// parallel regions inactive on the calling thread (omp_set_max_active_levels(0); other
// OpenMP code run later on that thread runs single-threaded too). Setting OMP_THREAD_LIMIT=1
// in the environment before the program starts does the same process-wide and is still
// recommended for the `sohoa` command (libgomp reads it at load time, so main cannot set it).
//
// Tesseract's diagnostics go to /dev/null; failures come back as Status values.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/image.h"
#include "sohoa/core/limits.h"
#include "sohoa/core/status.h"

namespace sohoa::ocr {

// Pixel rectangle in the coordinates of the image given to Recognize (origin top-left).
struct Box {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

struct Word {
  std::string text;  // UTF-8, NFC
  Box box;
  float confidence = 0;    // 0..1
  int line_index = 0;      // index of the text line in reading order, 0-based, page-wide
  int block_index = 0;     // index of the text block (paragraph/column region), 0-based
  float font_size_px = 0;  // estimated line height (ascender to descender) in pixels; 0 unknown
  // RecognizeRegion only: for each character (code point) of `text`, the other characters the
  // recognizer weighed for it (concatenated, most likely first); empty when it gave none.
  std::vector<std::string> others{};
};

struct OcrPage {
  int width = 0;
  int height = 0;
  std::vector<Word> words;
  // Page text in reading order: words joined by spaces, lines by '\n', blocks by "\n\n". NFC.
  std::string text;
  // Mean word confidence weighted by word length in characters, 0..1 (0 when no words).
  double mean_confidence = 0;
};

struct Orientation {
  // Clockwise rotation (0, 90, 180 or 270) that makes the page upright.
  int rotate_clockwise_deg = 0;
  // Engine-specific confidence; higher is surer. 0 when the page had too little text to tell.
  // Tesseract: the first answer given, on a scale where 15 is "reasonably confident" and 4
  // already is (no page measured was wrong from 4 up):
  //  - the ink-layout estimate's z-score (how many standard deviations the up-versus-down
  //    evidence of the text lines lies from none), taken when at least 4; else
  //  - OSD's orientation confidence, taken when at least 10 (unless the ink-layout estimate
  //    names another rotation with a z-score of at least 1.5), or when at least 1 and the
  //    ink-layout estimate names the same rotation with a z-score of at least 1; else
  //  - a trial read at each rotation: 15 x how far the best rotation's text beats the
  //    runner-up's; when no rotation reads enough text to tell, the estimate's z-score if it
  //    is at least 0.5 (with its rotation), else 0 (upright).
  double confidence = 0;
};

struct EngineOptions {
  // Tesseract language string. By default the `vie` model, with the Vietnamese script model
  // (tesseract-ocr-script-viet) trying again each word `vie` reads doubtfully: on seed 17's
  // corpus of 320 papers, 13 % fewer character errors and 20 more fields right than `vie`
  // alone, for about 40 % more recognition time. "vie" alone is the faster choice.
  // Orientation's trial reads and RecognizeRegion use the first language listed only.
  std::string language = "vie+Vietnamese";
  // Folder with *.traineddata; empty = $SOHOA_TESSDATA, else the build-time default.
  std::string tessdata_dir;
  // Tesseract page segmentation mode (3 = fully automatic, no OSD).
  int page_segmentation_mode = 3;
  std::chrono::milliseconds time_limit = limits::kOcrTimePerPage;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Recognizes text on a grey or bilevel (channels 1) or RGB image. image.dpi, when set, is
  // passed on to the engine (unknown or out-of-range dpi is taken as limits::kDefaultDpi).
  // Fails with kInvalidInput on an empty image, kInternal when the engine fails, kTimeout
  // naming the time limit when recognition runs past options.time_limit (Tesseract's layout
  // analysis cannot be interrupted, so the call may return up to a second or so late on an A4
  // page; recognition itself stops at the next word). Words that are empty, or mostly
  // punctuation read with confidence below 0.2 (specks, rule lines), are left out.
  // A blank page gives an OcrPage without words.
  // Tesseract, automatic layout (modes 1 and 3): a block that layout analysis takes for a
  // picture (a signature block with strokes across its lines) is skipped whole. Groups of
  // letter-sized ink that no word covers are read again, each as one block, and their words
  // kept when they read as text (mean confidence 0.6), in reading order before the first block
  // that starts below them. This second look stops, keeping what it has, at the time limit.
  virtual Result<OcrPage> Recognize(const Image& image) = 0;

  // Reads only `region` of the image, as one block of text, with only the characters of
  // `charset` allowed (any when empty): a field whose alphabet is known, such as a card's
  // machine-readable zone. Word boxes are in the image's coordinates, and each word's `others`
  // says what else each of its characters might be. Fails like Recognize, and with
  // kInvalidInput when the region is empty or outside the image.
  virtual Result<OcrPage> RecognizeRegion(const Image& image, const Box& region,
                                          std::string_view charset) = 0;

  // Finds the rotation that makes the page upright (works from 200 dpi and on pages of a few
  // lines). Pages with too little text return 0 with confidence 0 rather than failing.
  // Tesseract: ~50 ms for an A4 page at 200 dpi of text; a page with only a few lines also
  // goes through OSD and possibly trial reads (0.3-1.5 s).
  virtual Result<Orientation> DetectOrientation(const Image& image) = 0;
};

// Creates a Tesseract engine. Fails with kDependency naming the folder and the package to
// install (tesseract-ocr-vie) when the language data is missing.
Result<std::unique_ptr<Engine>> CreateTesseractEngine(const EngineOptions& options = {});

}  // namespace sohoa::ocr
