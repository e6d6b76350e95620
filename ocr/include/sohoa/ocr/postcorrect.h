// Vietnamese OCR post-correction: a stage run on an OcrPage right after Engine::Recognize.
//
// Vietnamese is written in a closed set of syllables. The corrector knows that set (from
// Debian's hunspell-vi dictionary, whose entries are syllables) and the word pairs of standard
// administrative Vietnamese (a committed phrase list, ocr/data/vi_admin_phrases.txt, built
// into the library). It
//  - drops words that are not text: tokens made only of symbols or stray punctuation ("¬",
//    "ˆ", "__", a lone ":"), symbol-laden garbage ("S»K#"), lone letters that are no syllable;
//    a dash between two words ("Độc lập - Tự do") is kept;
//  - corrects a word that is no syllable, or a syllable that does not fit its neighbours, to a
//    reading that differs in tone or vowel marks, đ/d, or one letter, when the phrase list
//    supports it in context ("ngày 23 thông 3 nắm 2023" -> "ngày 23 tháng 3 năm 2023"); the
//    context runs on across line breaks within a block ("sửa đổi, bố" / "sung" -> "bổ"); the
//    word's case pattern (UPPER, Title, lower) and its punctuation are kept;
//  - gives a district or province name read with other marks ("huyện Củ Chị") the marks of a
//    committed gazetteer (ocr/data/vi_districts.txt), when a unit word comes before it or its
//    province after it, and one misread letter too when both do ("huyện Vên Đồn, tỉnh Quảng
//    Ninh");
//  - gives a doubtful word the marks that the page's own confident word pairs support on both
//    sides, when the page reads those marks more ("KHẨU VAI" in a letterhead, "xã Khâu Vai"
//    clearly in the text);
//  - never changes a token with a digit or an inner symbol (numbers, dates, "2818/QĐ-UBND",
//    ID numbers), and changes a confidently read syllable only on evidence from both sides
//    (or a gazetteer name).
//
// Threading: a PostCorrector is immutable after Create; Correct may run concurrently on any
// number of threads. Copies share the tables.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sohoa/core/status.h"
#include "sohoa/ocr/engine.h"

namespace sohoa::ocr {

// Where Debian's hunspell-vi puts its dictionary.
inline constexpr char kDefaultSyllableDictionary[] = "/usr/share/hunspell/vi_VN.dic";

struct PostCorrectorOptions {
  // Hunspell .dic file of Vietnamese syllables; empty = $SOHOA_HUNSPELL_VI, else
  // kDefaultSyllableDictionary.
  std::string syllable_dictionary;
};

// What one Correct call did.
struct CorrectionCounts {
  int corrected = 0;  // words whose text changed
  int dropped = 0;    // words removed as not text
};

class PostCorrector {
 public:
  // Loads the syllable dictionary (about 20 ms; build one per process and share it, or one per
  // worker). Fails with kDependency naming the file and the package (hunspell-vi) when the
  // dictionary is missing or unreadable, kInvalidInput when it holds no Vietnamese syllables.
  static Result<PostCorrector> Create(const PostCorrectorOptions& options = {});

  // True when `word` is a Vietnamese syllable or a word of the phrase list, in any case and
  // either tone placement ("hòa" = "hoà", "THỦY" = "thuỷ"). Punctuation is not stripped.
  bool IsSyllable(std::string_view word) const;

  // Corrects and filters page.words in place (order, boxes, confidences and line/block
  // indexes of kept words unchanged; indexes renumbered densely if a whole line or block is
  // dropped), then rebuilds page.text (words joined by ' ', lines by '\n', blocks by "\n\n")
  // and page.mean_confidence (weighted by word length in characters) from the words.
  // Word text is expected in NFC (as Engine::Recognize gives it).
  CorrectionCounts Correct(OcrPage& page) const;

 private:
  struct Tables;
  explicit PostCorrector(std::shared_ptr<const Tables> tables) : tables_(std::move(tables)) {}
  std::shared_ptr<const Tables> tables_;
};

}  // namespace sohoa::ocr
