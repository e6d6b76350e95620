// The Tesseract engine: tesseract::TessBaseAPI (LSTM) for text; orientation from the ink's
// layout (orientation.h), with Tesseract OSD and trial reads when that is unsure.
#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "orientation.h"
#include "pix.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/engine.h"
#include "sohoa/ocr/page.h"

namespace sohoa::ocr {
namespace {

using Clock = std::chrono::steady_clock;

// A word recognized with less confidence than this that is mostly punctuation is a speck,
// a rule line or a stroke of a signature, not text: it is dropped. Measured on the letter
// fixture sprinkled with specks, a rule and a scribble: the noise "words" ("¬¬", "$", ":")
// came at 0.00-0.11, real punctuation above 0.4. Confidence alone is not enough: Tesseract
// gives 0.00 to some correctly read words next to wide gaps ("tính:", "Nữ"), so letters keep
// a word.
constexpr float kNoiseConfidence = 0.2f;
// Unread ink (UnreadTextRegions): a letter is 0.05-0.3 inch high (6 to 36 pt print), and
// letters that touch (bold print, a photocopy's spread toner) make pieces up to an inch wide.
// Pieces a fifth of an inch apart across (half that down) are one group; a group whose pieces
// are half an inch wide in all is text worth a second look (about five letters). More than
// 400 unread pieces on a page is noise, not a skipped block.
constexpr double kLetterMinInches = 0.05;
constexpr double kLetterMaxInches = 0.3;
constexpr double kLettersMaxWidthInches = 1.0;
constexpr double kUnreadGapInches = 0.2;
constexpr double kUnreadMinInkInches = 0.5;
constexpr std::size_t kUnreadLettersMax = 400;
// A second look's words are kept when they read this confidently on the whole (signature
// strokes read as letters come out far lower).
constexpr double kUnreadKeepConfidence = 0.6;
// The least confidence of a character's alternative that RecognizeRegion reports. Tesseract
// 5.3 gives these in percent (its header says 0-1): the read character about 90, an
// alternative it weighed 20-80, most others exactly 0. So this keeps every alternative given
// any weight.
constexpr float kCharacterChoiceConfidence = 0.2f;

// OSD's orient_conf at or above which its answer is taken without a second opinion.
// Tesseract calls 15 "reasonably confident"; clean and scanned sample pages score 11-18,
// a three-line note about 3 (right there, but not reliably).
constexpr float kOsdTrustedConfidence = 10.0f;
// A trusted OSD answer is checked by trial reads when the ink-layout estimate names another
// rotation with at least this confidence. OSD's character classifier can be confidently wrong
// where the estimate is right but unsure: a căn cước card's front and back on an upright A4
// page (bold capitals, the machine-readable zone's "<<<") read as upside down with OSD
// confidence 11.8, while the estimate said upright at 2.0; another (seed 59's clean card
// 0023) with OSD confidence 10.5 and the estimate at 1.46, under the 1.5 this was. A dispute
// costs trial reads, the estimate's rotation read first (one read of 60-75 ms where it is
// right), and few pages come to one: of 47 pages of that corpus, 5 had an estimate under 4
// (0.46 to 3.45), none between 1.0 and 1.5, and each was found at the estimate's rotation.
constexpr double kDisputingInkConfidence = 1.0;
// Below both trusted levels, the ink-layout estimate and OSD are still taken together when they
// name the same rotation with at least these confidences: two independent methods (line
// layout and stroke shapes against OSD's character classifier) rarely fail the same way. On
// 262 pages of three generated corpora, the 18 the estimate was unsure of all went to the trial
// reads (0.3-1 s each); where both agreed with these confidences (8 pages) they were right,
// and on the two pages where the estimate was wrong (z 0.16 and 0.01) OSD disagreed.
constexpr double kAgreeingInkConfidence = 1.0;
constexpr float kAgreeingOsdConfidence = 1.0f;
// Below it (or when OSD finds too little text) the page is read at rotations at this
// resolution: enough for LSTM to read 10 pt text, a quarter of the pixels of a 300 dpi scan.
constexpr double kFallbackDpi = 150;
// Words the fallback counts must reach this confidence: upside-down or sideways text is read
// as garbage with low confidence, upright text mostly above 0.8.
constexpr float kFallbackWordConfidence = 0.6f;
// Side of the square of page the fallback reads: about a third of an A4 page, a dozen lines.
constexpr double kFallbackSquareInches = 5;
// A rotation read with this weighted mean word confidence and at least this many confidently
// read letters ends the search: on the fixtures and sample pages the upright reading scores
// 0.87-0.96 and the three wrong ones 0.20-0.43.
constexpr double kConvincingMeanConfidence = 0.75;
constexpr double kConvincingScore = 30;
// A read of the rotation the ink-layout estimate names, with at least this confidence (weak:
// the estimate was unsure, or there would be no read), convinces from this lower mean word
// confidence. Pages the estimate is unsure of hold a few lines of text beside a signature and
// a seal, whose marks read as low-confidence words: on the 6 such pages of the held-out
// corpus (bench/RESULTS.md) the right rotation read 0.53-0.74 (0.34 on a blurred sideways
// page) and the wrong ones 0.22-0.44 (the fixtures' wrong ones 0.20-0.43), so every rotation
// was read, 0.3-0.6 s a page; with this rule 2 of them stop after one read of 60-75 ms, with
// the same answers.
constexpr double kAgreeingReadInkConfidence = 0.5;
constexpr double kAgreeingReadMeanConfidence = 0.6;
// Fewer weighted characters than this at the best rotation = too little text to tell.
constexpr double kFallbackMinScore = 4;
// OSD works from connected components; beyond 300 dpi it only gets slower.
constexpr double kOsdMaxDpi = 300;

using internal::PixPtr;

std::string ResolveTessdataDir(const EngineOptions& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  if (const char* env = std::getenv("SOHOA_TESSDATA"); env != nullptr && *env != '\0') {
    return env;
  }
  return SOHOA_TESSDATA_DIR;
}

// The Debian package that ships a Tesseract language ("vie" -> tesseract-ocr-vie,
// "script/Vietnamese" -> tesseract-ocr-script-viet).
std::string PackageForLanguage(const std::string& language) {
  static const std::map<std::string, std::string> kScripts = {
      {"script/Vietnamese", "tesseract-ocr-script-viet"},
      {"script/Latin", "tesseract-ocr-script-latn"},
  };
  if (auto it = kScripts.find(language); it != kScripts.end()) return it->second;
  std::string name = language;
  std::replace(name.begin(), name.end(), '_', '-');
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "tesseract-ocr-" + name;
}

// Tesseract prints to stderr and returns -1 when a traineddata file is missing; checking first
// gives the user a message that says what to install.
Status CheckLanguageData(const std::string& dir, const std::string& language) {
  if (language.empty()) return InvalidInput("no Tesseract language given");
  std::size_t start = 0;
  while (start <= language.size()) {
    std::size_t end = language.find('+', start);
    if (end == std::string::npos) end = language.size();
    const std::string one = language.substr(start, end - start);
    start = end + 1;
    if (one.empty()) continue;
    std::error_code ec;
    const auto file = std::filesystem::path(dir) / (one + ".traineddata");
    if (!std::filesystem::is_regular_file(file, ec)) {
      return DependencyError("Tesseract language data '" + one + "' not found in " + dir +
                                 "; install " + PackageForLanguage(one) +
                                 " or point SOHOA_TESSDATA at a folder holding " + one +
                                 ".traineddata",
                             file.string());
    }
  }
  return Status::Ok();
}

Status CheckImage(const Image& image) {
  if (image.empty()) return InvalidInput("empty image given to OCR");
  if (image.channels != 1 && image.channels != 3) {
    return InvalidInput("OCR needs a grey or RGB image, got " + std::to_string(image.channels) +
                        " channels");
  }
  if (static_cast<std::int64_t>(image.width) * image.height > limits::kMaxPixelsPerPage) {
    return InvalidInput("page of " + std::to_string(image.width) + " x " +
                        std::to_string(image.height) +
                        " pixels is beyond limits::kMaxPixelsPerPage");
  }
  if (image.pixels.size() < image.row_bytes() * static_cast<std::size_t>(image.height)) {
    return InvalidInput("image buffer is smaller than width x height x channels");
  }
  return Status::Ok();
}

// Resolution to report to Tesseract: the image's, or the default when unknown or implausible
// (Tesseract would otherwise guess from character sizes and print a warning).
int EffectiveDpi(const Image& image) {
  const double dpi = (image.dpi >= limits::kMinDpi && image.dpi <= limits::kMaxDpi)
                         ? image.dpi
                         : limits::kDefaultDpi;
  return static_cast<int>(dpi + 0.5);
}

PixPtr GreyPixFromImage(const Image& image) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int words_per_line = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    const std::uint8_t* row = image.pixels.data() + image.row_bytes() * y;
    for (int x = 0; x < image.width; ++x) {
      int grey;
      if (image.channels == 1) {
        grey = row[x];
      } else {
        const std::uint8_t* rgb = row + 3 * x;
        grey = (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] + 500) / 1000;
      }
      SET_DATA_BYTE(line, x, grey);
    }
  }
  const int dpi = EffectiveDpi(image);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Whether a word's box holds the point (x, y).
bool UnderAWord(const std::vector<Word>& words, int x, int y) {
  return std::any_of(words.begin(), words.end(), [&](const Word& w) {
    return x >= w.box.x && x < w.box.x + w.box.width && y >= w.box.y &&
           y < w.box.y + w.box.height;
  });
}

// Letter-sized ink that layout analysis left unread. Tesseract's automatic layout takes a
// block for a picture when strokes run through its lines (a signature across a signature
// block's title and name, once a photocopy's grey seal is gone) and skips it whole, words and
// all. Such a block shows as letters no word box covers, within a line's gap of one another.
// Returns those groups' boxes (padded).
std::vector<Box> UnreadTextRegions(Pix* grey, const std::vector<Word>& words, double dpi) {
  std::vector<Box> regions;
  PixPtr ink(pixThresholdToBinary(grey, 128));
  if (!ink) return regions;
  BOXA* found = pixConnCompBB(ink.get(), 8);
  if (found == nullptr) return regions;
  const int count = boxaGetCount(found);
  const int min_height = static_cast<int>(kLetterMinInches * dpi);
  const int max_height = static_cast<int>(kLetterMaxInches * dpi);
  const int max_width = static_cast<int>(kLettersMaxWidthInches * dpi);
  std::vector<Box> letters;
  for (int i = 0; i < count && letters.size() <= kUnreadLettersMax; ++i) {
    Box b;
    boxaGetBoxGeometry(found, i, &b.x, &b.y, &b.width, &b.height);
    if (b.height < min_height || b.height > max_height || b.width > max_width) continue;
    if (!UnderAWord(words, b.x + b.width / 2, b.y + b.height / 2)) letters.push_back(b);
  }
  boxaDestroy(&found);
  // More unread letters than a page holds is noise, not a skipped block.
  if (letters.size() > kUnreadLettersMax) return regions;

  // Letters within a word gap across, or a line gap down, are one group (union-find).
  const int gap_x = static_cast<int>(kUnreadGapInches * dpi);
  const int gap_y = static_cast<int>(kUnreadGapInches * dpi / 2);
  std::vector<std::size_t> parent(letters.size());
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const Box& a = letters[i];
    for (std::size_t j = i + 1; j < letters.size(); ++j) {
      const Box& b = letters[j];
      if (a.x - gap_x < b.x + b.width && b.x < a.x + a.width + gap_x &&
          a.y - gap_y < b.y + b.height && b.y < a.y + a.height + gap_y) {
        parent[root(i)] = root(j);
      }
    }
  }
  std::map<std::size_t, std::pair<Box, int>> groups;  // root -> bounds, width of its ink
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const Box& b = letters[i];
    auto [it, fresh] = groups.try_emplace(root(i), b, 0);
    if (!fresh) it->second.first = Enclosing(it->second.first, b);
    it->second.second += b.width;
  }
  const int pad = gap_y;
  const int min_ink_width = static_cast<int>(kUnreadMinInkInches * dpi);
  for (const auto& [key, group] : groups) {
    if (group.second < min_ink_width) continue;
    Box g = group.first;
    const int right = std::min(pixGetWidth(grey), g.x + g.width + pad);
    const int bottom = std::min(pixGetHeight(grey), g.y + g.height + pad);
    g.x = std::max(0, g.x - pad);
    g.y = std::max(0, g.y - pad);
    g.width = right - g.x;
    g.height = bottom - g.y;
    regions.push_back(g);
  }
  return regions;
}

// The square of side `side` (or the whole page when smaller) with the most ink edges, where
// text is densest. A square looks the same to every rotation, so the rotations' scores compare
// like with like; it caps the fallback's work at four reads of `side` x `side` pixels.
PixPtr TextRichestSquare(Pix* grey, int side) {
  const int width = pixGetWidth(grey), height = pixGetHeight(grey);
  if (width <= side && height <= side) return PixPtr(pixClone(grey));
  const int window_w = std::min(side, width), window_h = std::min(side, height);
  // Ink edges (dark/light changes along rows and columns) per cell of a coarse grid.
  constexpr int kCell = 32;
  const int cells_x = (width + kCell - 1) / kCell, cells_y = (height + kCell - 1) / kCell;
  std::vector<long> edges((cells_x + 1) * static_cast<std::size_t>(cells_y + 1), 0);
  auto at = [&](int cx, int cy) -> long& { return edges[cy * (cells_x + 1) + cx]; };
  const l_uint32* data = pixGetData(grey);
  const int wpl = pixGetWpl(grey);
  for (int y = 1; y < height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const l_uint32* above = line - wpl;
    for (int x = 1; x < width; ++x) {
      const bool dark = GET_DATA_BYTE(line, x) < 128;
      const int changes =
          (dark != (GET_DATA_BYTE(line, x - 1) < 128)) + (dark != (GET_DATA_BYTE(above, x) < 128));
      if (changes != 0) at(x / kCell + 1, y / kCell + 1) += changes;
    }
  }
  // Summed-area table over cells, then the best window on the cell grid.
  for (int cy = 1; cy <= cells_y; ++cy) {
    for (int cx = 1; cx <= cells_x; ++cx) {
      at(cx, cy) += at(cx - 1, cy) + at(cx, cy - 1) - at(cx - 1, cy - 1);
    }
  }
  const int span_x = std::min(cells_x, window_w / kCell),
            span_y = std::min(cells_y, window_h / kCell);
  long best = -1;
  int best_x = 0, best_y = 0;
  for (int cy = 0; cy + span_y <= cells_y; ++cy) {
    for (int cx = 0; cx + span_x <= cells_x; ++cx) {
      const long sum =
          at(cx + span_x, cy + span_y) - at(cx, cy + span_y) - at(cx + span_x, cy) + at(cx, cy);
      if (sum > best) {
        best = sum;
        best_x = cx * kCell;
        best_y = cy * kCell;
      }
    }
  }
  best_x = std::min(best_x, width - window_w);
  best_y = std::min(best_y, height - window_h);
  ::Box* box = boxCreate(best_x, best_y, window_w, window_h);
  if (box == nullptr) return nullptr;
  PixPtr square(pixClipRectangle(grey, box, nullptr));
  boxDestroy(&box);
  return square;
}

PixPtr ScaledPix(Pix* pix, double factor) {
  if (factor >= 0.999) return PixPtr(pixClone(pix));
  return PixPtr(pixScale(pix, static_cast<float>(factor), static_cast<float>(factor)));
}

// Tesseract's LSTM runs OpenMP parallel loops; with one engine per pipeline worker they only
// add threads that spin against the other workers (3-5x slower on 2 cores). OMP_THREAD_LIMIT=1
// would stop them but libgomp reads it when the program loads, before main can set it, so
// the calling thread's parallel regions are made inactive instead (a per-thread setting).
void KeepTesseractOnThisThread() { omp_set_max_active_levels(0); }

bool CancelWhenPastDeadline(void* deadline, int /*words_so_far*/) {
  return Clock::now() > *static_cast<const Clock::time_point*>(deadline);
}

// Code points and letters-or-digits in UTF-8 text.
struct CharacterCounts {
  int code_points = 0;
  int alphanumeric = 0;
};

CharacterCounts CountCharacters(const std::string& text) {
  CharacterCounts counts;
  std::int32_t i = 0;
  const auto length = static_cast<std::int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    ++counts.code_points;
    if (c >= 0 && u_isalnum(c)) ++counts.alphanumeric;
  }
  return counts;
}

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

class TesseractEngine final : public Engine {
 public:
  TesseractEngine(EngineOptions options, std::string tessdata_dir)
      : options_(std::move(options)), tessdata_dir_(std::move(tessdata_dir)) {}
  ~TesseractEngine() override {
    api_.End();
    if (osd_api_) osd_api_->End();
    if (first_language_api_) first_language_api_->End();
  }

  Status Init() { return InitQuietly(api_, options_.language, tesseract::OEM_LSTM_ONLY); }

  Result<OcrPage> Recognize(const Image& image) override {
    KeepTesseractOnThisThread();
    try {
      SOHOA_RETURN_IF_ERROR(CheckImage(image));
      api_.SetPageSegMode(static_cast<tesseract::PageSegMode>(options_.page_segmentation_mode));
      api_.SetImage(image.pixels.data(), image.width, image.height, image.channels,
                    static_cast<int>(image.row_bytes()));
      api_.SetSourceResolution(EffectiveDpi(image));
      const Clock::time_point start = Clock::now();
      SOHOA_ASSIGN_OR_RETURN(OcrPage page, RunRecognition(api_, options_.time_limit));
      const int psm = options_.page_segmentation_mode;
      if (psm == tesseract::PSM_AUTO || psm == tesseract::PSM_AUTO_OSD) {
        SOHOA_RETURN_IF_ERROR(ReadSkippedBlocks(image, start, page));
      }
      page.width = image.width;
      page.height = image.height;
      api_.Clear();
      return page;
    } catch (const std::exception& e) {
      api_.Clear();
      return InternalError(std::string("Tesseract failed: ") + e.what());
    } catch (...) {
      api_.Clear();
      return InternalError("Tesseract failed with an unknown exception");
    }
  }

  Result<OcrPage> RecognizeRegion(const Image& image, const Box& region,
                                  std::string_view charset) override {
    KeepTesseractOnThisThread();
    try {
      SOHOA_RETURN_IF_ERROR(CheckImage(image));
      if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0 ||
          region.x + region.width > image.width || region.y + region.height > image.height) {
        return InvalidInput("region " + std::to_string(region.width) + "x" +
                                 std::to_string(region.height) + "+" + std::to_string(region.x) +
                                 "+" + std::to_string(region.y) + " is not inside the " +
                                 std::to_string(image.width) + "x" +
                                 std::to_string(image.height) + " image");
      }
      SOHOA_ASSIGN_OR_RETURN(tesseract::TessBaseAPI * first, FirstLanguageApi());
      tesseract::TessBaseAPI& api = *first;
      api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
      api.SetImage(image.pixels.data(), image.width, image.height, image.channels,
                   static_cast<int>(image.row_bytes()));
      api.SetSourceResolution(EffectiveDpi(image));
      api.SetRectangle(region.x, region.y, region.width, region.height);
      api.SetVariable("tessedit_char_whitelist", std::string(charset).c_str());
      api.SetVariable("lstm_choice_mode", "2");  // each character's alternatives
      // Every word kept: in a zone, a line of fillers is mostly "punctuation".
      auto page = RunRecognition(api, options_.time_limit, /*drop_noise=*/false);
      if (page.ok()) {
        AddCharacterChoices(api, page->words);
        page->width = image.width;
        page->height = image.height;
      }
      ResetRegionVariables(api);
      api.Clear();
      return page;
    } catch (const std::exception& e) {
      ResetAll();
      return InternalError(std::string("Tesseract failed: ") + e.what());
    } catch (...) {
      ResetAll();
      return InternalError("Tesseract failed with an unknown exception");
    }
  }

  Result<Orientation> DetectOrientation(const Image& image) override {
    KeepTesseractOnThisThread();
    try {
      SOHOA_RETURN_IF_ERROR(CheckImage(image));
      // The layout estimate takes tens of milliseconds, OSD a few hundred: OSD only checks
      // pages the estimate is unsure of (a few lines of text, no clear line direction).
      const InkOrientation estimate = EstimateOrientationFromInk(image);
      if (estimate.confidence >= kInkOrientationTrusted) {
        return Orientation{estimate.rotate_clockwise_deg, estimate.confidence};
      }
      PixPtr grey = GreyPixFromImage(image);
      if (!grey) return InternalError("out of memory converting the page for OSD");
      const double dpi = EffectiveDpi(image);
      const std::optional<Orientation> osd = DetectWithOsd(grey.get(), dpi);
      // A trusted OSD answer stands unless the estimate names another rotation with some
      // confidence: then trial reads settle it.
      const bool disputed = estimate.confidence >= kDisputingInkConfidence &&
                            osd && osd->rotate_clockwise_deg != estimate.rotate_clockwise_deg;
      if (osd && osd->confidence >= kOsdTrustedConfidence && !disputed) return *osd;
      if (osd && osd->rotate_clockwise_deg == estimate.rotate_clockwise_deg &&
          estimate.confidence >= kAgreeingInkConfidence &&
          osd->confidence >= kAgreeingOsdConfidence) {
        return *osd;
      }
      return DetectByRecognizing(grey.get(), dpi, osd ? osd->rotate_clockwise_deg : 0, estimate);
    } catch (const std::exception& e) {
      ResetAll();
      return InternalError(std::string("Tesseract orientation detection failed: ") + e.what());
    } catch (...) {
      ResetAll();
      return InternalError("Tesseract orientation detection failed with an unknown exception");
    }
  }

 private:
  // Loads `language` into `api` with Tesseract's messages going to /dev/null: set at Init so
  // that even the loading messages do. Errors reach the user as a Status instead.
  Status InitQuietly(tesseract::TessBaseAPI& api, const std::string& language,
                     tesseract::OcrEngineMode mode) const {
    std::vector<std::string> names = {"debug_file"};
    std::vector<std::string> values = {"/dev/null"};
    if (api.Init(tessdata_dir_.c_str(), language.c_str(), mode, nullptr, 0, &names, &values,
                 false) != 0) {
      return DependencyError("Tesseract could not load language '" + language + "' from " +
                                 tessdata_dir_ +
                                 " (damaged or incompatible traineddata?); reinstall " +
                                 PackageForLanguage(language),
                             tessdata_dir_);
    }
    return Status::Ok();
  }

  // Back to the state between calls, after a failure part-way.
  void ResetAll() {
    for (tesseract::TessBaseAPI* api : {&api_, first_language_api_.get()}) {
      if (api == nullptr) continue;
      ResetRegionVariables(*api);
      api->Clear();
    }
  }

  static void ResetRegionVariables(tesseract::TessBaseAPI& api) {
    api.SetVariable("tessedit_char_whitelist", "");
    api.SetVariable("lstm_choice_mode", "0");
  }

  // The alternatives the last recognition weighed for each character (lstm_choice_mode 2), put
  // into the words that hold the characters: by position, as a character's box lies inside its
  // word's. A word whose characters do not match its text one for one gets none.
  static void AddCharacterChoices(tesseract::TessBaseAPI& api, std::vector<Word>& words) {
    struct Symbol {
      std::string text, others;
      int cx = 0, cy = 0;
    };
    std::vector<Symbol> symbols;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it || it->Empty(tesseract::RIL_SYMBOL)) return;
    do {
      std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_SYMBOL));
      if (!utf8) continue;
      Symbol symbol;
      symbol.text = utf8.get();
      int left = 0, top = 0, right = 0, bottom = 0;
      it->BoundingBox(tesseract::RIL_SYMBOL, &left, &top, &right, &bottom);
      symbol.cx = (left + right) / 2;
      symbol.cy = (top + bottom) / 2;
      tesseract::ChoiceIterator choice(*it);
      do {
        const char* other = choice.GetUTF8Text();
        if (other != nullptr && symbol.text != other &&
            choice.Confidence() >= kCharacterChoiceConfidence) {
          symbol.others += other;
        }
      } while (choice.Next());
      symbols.push_back(std::move(symbol));
    } while (it->Next(tesseract::RIL_SYMBOL));
    std::size_t next = 0;
    for (Word& word : words) {
      std::vector<std::string> others;
      std::string spelled;
      for (; next < symbols.size(); ++next) {
        const Symbol& s = symbols[next];
        const bool inside = s.cx >= word.box.x && s.cx < word.box.x + word.box.width &&
                            s.cy >= word.box.y && s.cy < word.box.y + word.box.height;
        if (!inside) {
          if (!spelled.empty()) break;
          continue;  // a symbol of a word that was dropped
        }
        spelled += s.text;
        others.push_back(s.others);
      }
      if (spelled == word.text && others.size() == text::CodePointCount(word.text)) {
        word.others = std::move(others);
      }
    }
  }

  // Runs recognition on the image set in `api` and collects the words.
  static Result<OcrPage> RunRecognition(tesseract::TessBaseAPI& api,
                                        std::chrono::milliseconds time_limit,
                                        bool drop_noise = true) {
    Clock::time_point deadline = Clock::now() + time_limit;
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = &CancelWhenPastDeadline;
    monitor.cancel_this = &deadline;
    const int rc = api.Recognize(&monitor);
    // Layout analysis cannot be cancelled, so a page may come back complete but late: past the
    // deadline is a failure either way, so that a page's budget means the same on every page.
    if (Clock::now() > deadline) {
      api.Clear();
      return TimeoutError("OCR stopped at the time limit of " + std::to_string(time_limit.count()) +
                          " ms per page (limits::kOcrTimePerPage); the page is too large or too "
                          "noisy to read in time, check the scan");
    }
    if (rc != 0) {
      api.Clear();
      return InternalError("Tesseract recognition failed");
    }
    OcrPage page;
    page.words = CollectWords(api, drop_noise);
    RebuildPage(page);
    return page;
  }

  // Reads the regions UnreadTextRegions finds again, each as one block, and puts the words
  // that read as text into the page, before the first block that starts below them. Words on
  // ink the page already read are dropped. Stops, keeping what it has, at the time limit.
  Status ReadSkippedBlocks(const Image& image, Clock::time_point start, OcrPage& page) {
    PixPtr grey = GreyPixFromImage(image);
    if (!grey) return InternalError("out of memory copying the page for a second look");
    const std::vector<Box> regions = UnreadTextRegions(grey.get(), page.words, EffectiveDpi(image));
    if (regions.empty()) return Status::Ok();
    int next_block = 0, next_line = 0;
    for (const Word& w : page.words) {
      next_block = std::max(next_block, w.block_index + 1);
      next_line = std::max(next_line, w.line_index + 1);
    }
    api_.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    for (const Box& region : regions) {
      const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
          options_.time_limit - (Clock::now() - start));
      if (remaining.count() <= 0) break;
      api_.SetRectangle(region.x, region.y, region.width, region.height);
      auto extra = RunRecognition(api_, remaining);
      if (!extra.ok()) break;
      std::vector<Word> found;
      for (Word& w : extra->words) {
        if (!UnderAWord(page.words, w.box.x + w.box.width / 2, w.box.y + w.box.height / 2)) {
          found.push_back(std::move(w));
        }
      }
      if (found.empty() || WeightedMeanConfidence(found) < kUnreadKeepConfidence) continue;
      for (Word& w : found) {
        w.block_index = next_block;
        w.line_index += next_line;
      }
      ++next_block;
      next_line = found.back().line_index + 1;
      // Before the first block whose top is below the region's.
      std::map<int, int> block_top;
      for (const Word& w : page.words) {
        auto [it, fresh] = block_top.try_emplace(w.block_index, w.box.y);
        if (!fresh) it->second = std::min(it->second, w.box.y);
      }
      const auto at = std::find_if(page.words.begin(), page.words.end(), [&](const Word& w) {
        return block_top[w.block_index] > region.y;
      });
      page.words.insert(at, std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
    }
    RebuildPage(page);
    return Status::Ok();
  }

  // The words read; without those that look like specks or rule lines when `drop_noise`.
  static std::vector<Word> CollectWords(tesseract::TessBaseAPI& api, bool drop_noise) {
    std::vector<Word> words;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (!it || it->Empty(tesseract::RIL_WORD)) return words;
    int raw_line = -1, raw_block = -1;
    float line_height = 0;
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++raw_block;
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
        ++raw_line;
        line_height = LineHeight(*it);
      }
      std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!utf8) continue;
      std::string word_text = Trimmed(text::ToNfc(utf8.get()));
      if (word_text.empty() || IsBlank(word_text)) continue;
      const float confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
      const CharacterCounts counts = CountCharacters(word_text);
      if (drop_noise && confidence < kNoiseConfidence &&
          2 * counts.alphanumeric < counts.code_points) {
        continue;
      }
      Word word;
      word.text = std::move(word_text);
      int left = 0, top = 0, right = 0, bottom = 0;
      it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
      word.box = {left, top, right - left, bottom - top};
      word.confidence = confidence;
      word.line_index = raw_line;
      word.block_index = raw_block;
      word.font_size_px = line_height;
      words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
    return words;
  }

  // Ascender-to-descender height of the line at the iterator. The LSTM engine reports no
  // point size (WordFontAttributes is empty), but layout analysis measured the row; the line's
  // box is the fallback (it misses descenders on a line without them).
  static float LineHeight(const tesseract::ResultIterator& it) {
    float row_height = 0, descenders = 0, ascenders = 0;
    it.RowAttributes(&row_height, &descenders, &ascenders);
    if (row_height > 0) return row_height;
    int left = 0, top = 0, right = 0, bottom = 0;
    if (it.BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom)) {
      return static_cast<float>(bottom - top);
    }
    return 0;
  }

  // The engine of the first language listed only, for orientation's trial reads and for
  // regions. Trial reads compare how well each rotation reads, which one language tells, and a
  // second language's retries of every doubtful word would double their cost
  // ("vie+Vietnamese" on seed 17's 328 pages: orientation 56 -> 102 s). Regions are read in a
  // known alphabet (a card's zone), where the retries made the committed zone crop read worse
  // (no check digit passed).
  Result<tesseract::TessBaseAPI*> FirstLanguageApi() {
    const std::string first = options_.language.substr(0, options_.language.find('+'));
    if (first == options_.language) return &api_;
    if (!first_language_api_) {
      auto api = std::make_unique<tesseract::TessBaseAPI>();
      SOHOA_RETURN_IF_ERROR(InitQuietly(*api, first, tesseract::OEM_LSTM_ONLY));
      first_language_api_ = std::move(api);
    }
    return first_language_api_.get();
  }

  // Tesseract OSD; nothing when osd.traineddata is missing or OSD finds too little text.
  std::optional<Orientation> DetectWithOsd(Pix* grey, double dpi) {
    if (!osd_tried_) {
      osd_tried_ = true;
      std::error_code ec;
      if (std::filesystem::is_regular_file(std::filesystem::path(tessdata_dir_) / "osd.traineddata",
                                           ec)) {
        auto api = std::make_unique<tesseract::TessBaseAPI>();
        // osd.traineddata holds only a legacy model.
        if (InitQuietly(*api, "osd", tesseract::OEM_TESSERACT_ONLY).ok()) {
          api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
          osd_api_ = std::move(api);
        }
      }
    }
    if (!osd_api_) return std::nullopt;
    PixPtr scaled = ScaledPix(grey, std::min(1.0, kOsdMaxDpi / dpi));
    if (!scaled) return std::nullopt;
    const int scaled_dpi = static_cast<int>(std::min(dpi, kOsdMaxDpi) + 0.5);
    osd_api_->SetImage(scaled.get());
    osd_api_->SetSourceResolution(scaled_dpi);
    int orient_deg = 0;
    float orient_conf = 0, script_conf = 0;
    const char* script = nullptr;
    const bool found =
        osd_api_->DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf);
    osd_api_->Clear();
    if (!found) return std::nullopt;
    Orientation orientation;
    // orient_deg is how far the page was turned clockwise from upright; turning it back
    // clockwise takes the rest of the full turn (checked by the rotation tests).
    orientation.rotate_clockwise_deg = (360 - orient_deg) % 360;
    orientation.confidence = orient_conf;
    return orientation;
  }

  // Reads the text-richest square of a reduced copy of the page at each rotation with the main
  // engine and keeps the rotation whose text is read most confidently. Rotations are tried
  // most likely first (the one `estimate` names where it has some confidence, then OSD's
  // guess, then upright) and the search stops at a convincing read (sooner for the rotation
  // `estimate` names), so the cost is one read of a fifth of the page when the text is clear
  // and four when it is not. Works on a few lines of text. The estimate goes first because
  // where it and OSD disagree it was the one that was right: on the 18 căn cước pages of the
  // OCR benchmark's corpus OSD said 180 for 15 upright cards, and each then cost a read of
  // the upside-down page (0.25-0.6 s) before the upright one convinced.
  Result<Orientation> DetectByRecognizing(Pix* grey, double dpi, int osd_guess_deg,
                                          const InkOrientation& estimate) {
    const double factor = std::min(1.0, kFallbackDpi / dpi);
    PixPtr scaled = ScaledPix(grey, factor);
    if (!scaled) return InternalError("out of memory scaling the page for orientation");
    const int scaled_dpi = static_cast<int>(dpi * factor + 0.5);
    scaled = TextRichestSquare(scaled.get(), static_cast<int>(kFallbackSquareInches * scaled_dpi));
    if (!scaled) return InternalError("out of memory cropping the page for orientation");

    SOHOA_ASSIGN_OR_RETURN(tesseract::TessBaseAPI * first, FirstLanguageApi());
    tesseract::TessBaseAPI& api = *first;
    std::vector<int> order = {osd_guess_deg / 90, 0, 2, 1, 3};
    if (estimate.confidence >= kAgreeingReadInkConfidence) {
      order.insert(order.begin(), estimate.rotate_clockwise_deg / 90);
    }
    std::array<double, 4> scores{};
    std::array<bool, 4> tried{};
    const Clock::time_point start = Clock::now();
    for (int quarter_turns : order) {
      if (tried[quarter_turns]) continue;
      tried[quarter_turns] = true;
      PixPtr rotated(pixRotateOrth(scaled.get(), quarter_turns));
      if (!rotated) return InternalError("out of memory rotating the page for orientation");
      // One uniform block: automatic layout analysis would find sideways lines and read them
      // turned, making 90 and 270 look as good as upright.
      api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
      api.SetImage(rotated.get());
      api.SetSourceResolution(scaled_dpi);
      const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
          options_.time_limit - (Clock::now() - start));
      if (remaining.count() <= 0) break;
      auto page = RunRecognition(api, remaining);
      api.Clear();
      if (!page.ok()) {
        if (page.status().code() == StatusCode::kTimeout) break;  // out of time
        return page.status();
      }
      for (const Word& word : page->words) {
        if (word.confidence < kFallbackWordConfidence) continue;
        scores[quarter_turns] +=
            static_cast<double>(CountCharacters(word.text).alphanumeric) * word.confidence;
      }
      const bool estimated = estimate.confidence >= kAgreeingReadInkConfidence &&
                             estimate.rotate_clockwise_deg == quarter_turns * 90;
      const double convincing = estimated ? kAgreeingReadMeanConfidence : kConvincingMeanConfidence;
      if (page->mean_confidence >= convincing && scores[quarter_turns] >= kConvincingScore) {
        return Orientation{quarter_turns * 90, 15.0 * page->mean_confidence};
      }
    }
    const auto best = std::max_element(scores.begin(), scores.end());
    Orientation orientation;
    if (*best < kFallbackMinScore) {
      // The reads cannot tell (too little text, or too garbled to read at any rotation): the
      // estimate's answer, if it has one, else upright.
      if (estimate.confidence >= kAgreeingReadInkConfidence) {
        orientation.rotate_clockwise_deg = estimate.rotate_clockwise_deg;
        orientation.confidence = estimate.confidence;
      }
      return orientation;
    }
    double second = 0;
    for (auto it = scores.begin(); it != scores.end(); ++it) {
      if (it != best) second = std::max(second, *it);
    }
    orientation.rotate_clockwise_deg = static_cast<int>(best - scores.begin()) * 90;
    // On OSD's scale (15 = reasonably confident): a clear winner scores near 15.
    orientation.confidence = 15.0 * (1.0 - second / *best);
    return orientation;
  }

  EngineOptions options_;
  std::string tessdata_dir_;
  tesseract::TessBaseAPI api_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_api_;
  bool osd_tried_ = false;
  std::unique_ptr<tesseract::TessBaseAPI> first_language_api_;  // see FirstLanguageApi
};

}  // namespace

Result<std::unique_ptr<Engine>> CreateTesseractEngine(const EngineOptions& options) {
  try {
    const std::string dir = ResolveTessdataDir(options);
    SOHOA_RETURN_IF_ERROR(CheckLanguageData(dir, options.language));
    if (options.time_limit.count() <= 0) {
      return InvalidInput("OCR time limit must be positive");
    }
    // 0 (orientation only) and 2 (layout only) give no text; 1 would need osd in the language.
    const int psm = options.page_segmentation_mode;
    if (psm < tesseract::PSM_AUTO || psm >= tesseract::PSM_COUNT ||
        psm == tesseract::PSM_AUTO_ONLY) {
      return InvalidInput("Tesseract page segmentation mode " + std::to_string(psm) +
                          " does not read text; use 3 (automatic) or 4, 6, 11...");
    }
    auto engine = std::make_unique<TesseractEngine>(options, dir);
    SOHOA_RETURN_IF_ERROR(engine->Init());
    return std::unique_ptr<Engine>(std::move(engine));
  } catch (const std::exception& e) {
    return InternalError(std::string("creating the Tesseract engine failed: ") + e.what());
  }
}

}  // namespace sohoa::ocr
