#include "sohoa/ocr/classify.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <vector>

#include "sohoa/core/text.h"
#include "sohoa/ocr/card_zone.h"

namespace sohoa::ocr {
namespace {

// Titles sit under the letterhead and the motto: within a page's first lines. A two-column
// letterhead read column by column puts up to a dozen lines before them.
constexpr int kTitleLines = 30;

struct Title {
  std::string_view folded;  // accent-folded, lower case, single spaces
  std::string_view doc_type;
};

// Longer titles first, so "giay xac nhan tinh trang hon nhan" is not taken for a shorter one.
constexpr std::array<Title, 9> kTitles{{
    {"giay xac nhan tinh trang hon nhan", "xac_nhan_tinh_trang_hon_nhan"},
    {"xac nhan tinh trang hon nhan", "xac_nhan_tinh_trang_hon_nhan"},
    {"giay chung nhan ket hon", "trich_luc_ket_hon"},
    {"trich luc ket hon", "trich_luc_ket_hon"},
    {"trich luc khai tu", "trich_luc_khai_tu"},
    {"can cuoc cong dan", "can_cuoc"},
    {"giay khai sinh", "giay_khai_sinh"},
    {"quyet dinh", "quyet_dinh"},
    {"can cuoc", "can_cuoc"},
}};

// A line folded for matching: accents and case folded, anything in parentheses ("(Bản sao)")
// and every character but letters, digits and '/' dropped, single spaces.
std::string Fold(std::string_view line) {
  const std::string folded = text::FoldForSearch(line);
  std::string out;
  int depth = 0;
  for (const char c : folded) {
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) {
      --depth;
      continue;
    }
    if (depth > 0) continue;
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '/';
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  for (std::size_t start = 0; start < folded.size();) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// A title of four words or more whose words all but one are on the line, in order and
// exactly, with the same number of words: OCR garbled one word ("TRÍCH 141C KHAI TỬ").
bool AllWordsButOne(std::string_view folded, std::string_view title) {
  const std::vector<std::string_view> line = Words(folded), words = Words(title);
  if (words.size() < 4 || line.size() != words.size()) return false;
  int differing = 0;
  for (std::size_t i = 0; i < words.size(); ++i) differing += line[i] != words[i];
  return differing == 1;
}

// The smallest edit distance between `pattern` and any substring of `text` (free start and
// end in `text`), or limit + 1 when over `limit`.
int SubstringDistance(std::string_view text, std::string_view pattern, int limit) {
  const int n = static_cast<int>(pattern.size()), m = static_cast<int>(text.size());
  std::vector<int> row(m + 1, 0), next(m + 1);  // row j: best alignment ending at text[j]
  for (int i = 1; i <= n; ++i) {
    next[0] = i;
    for (int j = 1; j <= m; ++j) {
      next[j] = std::min({row[j] + 1, next[j - 1] + 1,
                          row[j - 1] + (pattern[i - 1] != text[j - 1])});
    }
    std::swap(row, next);
  }
  const int best = m == 0 ? n : *std::min_element(row.begin(), row.end());
  return best > limit ? limit + 1 : best;
}

// The motto's two lines, folded without spaces (OCR drops and adds spaces in them).
constexpr std::array<std::string_view, 2> kMotto{"conghoaxahoichunghiavietnam",
                                                 "doclaptudohanhphuc"};
// A paper's motto is among its first lines, after at most a letterhead read column by column.
constexpr int kMottoLines = 12;

// At least four letters in five are capitals.
bool MostlyCapitals(std::string_view line) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
  int upper = 0, lower = 0;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    upper += u_isupper(c) ? 1 : 0;
    lower += u_islower(c) ? 1 : 0;
  }
  return upper >= 4 * lower && upper > 0;
}

// Phrases only one kind of paper uses, accent-folded without spaces (OCR splits and joins
// words): what is left to go by when OCR garbled the title.
struct Cue {
  std::string_view phrase;
  std::string_view doc_type;
};
constexpr std::array<Cue, 20> kCues{{
    {"thongtinvebenchong", "trich_luc_ket_hon"},
    {"thongtinvebenvo", "trich_luc_ket_hon"},
    {"noidangkykethon", "trich_luc_ket_hon"},
    {"dachetvaoluc", "trich_luc_khai_tu"},
    {"nguyennhanchet", "trich_luc_khai_tu"},
    {"noidangkykhaitu", "trich_luc_khai_tu"},
    {"tennguoime", "giay_khai_sinh"},
    {"tennguoicha", "giay_khai_sinh"},
    {"noidangkykhaisinh", "giay_khai_sinh"},
    {"tinhtranghonnhan", "xac_nhan_tinh_trang_hon_nhan"},
    {"giaynayduoccapde", "xac_nhan_tinh_trang_hon_nhan"},
    {"quyetdinhcohieuluc", "quyet_dinh"},
    {"dieu1", "quyet_dinh"},
    {"kinhgui", "cong_van"},
    {"identitycard", "can_cuoc"},
    {"personalidentification", "can_cuoc"},
    {"dateofexpiry", "can_cuoc"},
    {"placeofresidence", "can_cuoc"},
    {"dateofbirth", "can_cuoc"},
    {"nationality", "can_cuoc"},
}};

// The type whose phrases the text has more of than any other's, at least two; confidence 0.7,
// under the review threshold: a type guessed from the body is for a clerk to confirm.
DocumentClass ByContent(std::string_view text) {
  const std::string folded = text::FoldToLettersAndDigits(text);
  std::map<std::string_view, int> votes;
  std::map<std::string_view, std::string_view> evidence;
  for (const Cue& cue : kCues) {
    if (folded.find(cue.phrase) == std::string::npos) continue;
    ++votes[cue.doc_type];
    evidence.emplace(cue.doc_type, cue.phrase);
  }
  std::string_view best;
  int most = 1, ties = 0;
  for (const auto& [type, count] : votes) {
    if (count > most) {
      best = type;
      most = count;
      ties = 0;
    } else if (count == most && !best.empty()) {
      ++ties;
    }
  }
  if (best.empty() || ties > 0) return {};
  return {std::string(best), 0.7, std::string(evidence[best])};
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A line of a card's machine-readable zone, wherever the back's lines fell; "" if none: the
// first line's opening ("IDVNM…", OCR's spaces dropped, also with a speck before it read as a
// letter: "TIDVNM…"), or any zone line by its fillers ("TDVNH2922479685001202247968<<<").
std::string_view ZoneLine(std::string_view text) {
  for (const std::string_view line : text::SplitLines(text)) {
    if (LooksLikeZoneLine(line)) return line;
    std::string compact;
    for (const char c : line) {
      if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    for (std::size_t from = 0; from <= 1 && compact.size() >= 20 + from; ++from) {
      if (text::EditDistance(compact.substr(from, 5), "IDVNM", 1) <= 1) return line;
    }
  }
  return {};
}

}  // namespace

DocumentClass ClassifyDocument(std::string_view text) {
  DocumentClass weak;  // a công văn's cues, kept while a title may still come
  int lines = 0;
  for (const std::string_view line : text::SplitLines(text)) {
    if (lines == kTitleLines) break;
    const std::string folded = Fold(line);
    if (folded.empty()) continue;
    ++lines;
    for (const Title& title : kTitles) {
      // A letter wrong in six (OCR: "SlNH", a lost or doubled letter).
      const int allowed = static_cast<int>(title.folded.size()) / 6;
      const int distance = text::EditDistance(folded, title.folded, allowed);
      if (distance <= allowed) {
        return {std::string(title.doc_type), 0.97 - 0.05 * distance, std::string(line)};
      }
    }
    for (const Title& title : kTitles) {
      if (AllWordsButOne(folded, title.folded)) {
        return {std::string(title.doc_type), 0.85, std::string(line)};
      }
      // The title and a speck after it read as a short word ("CĂN CƯỚC CÔNG DÂN ng"; after
      // a title of four words or more, up to three letters: "CĂN CƯỚC CÔNG DÂN lãi").
      const std::size_t speck = Words(title.folded).size() >= 4 ? 4 : 3;
      if (folded.size() > title.folded.size() + 1 && folded.size() <= title.folded.size() + speck &&
          StartsWith(folded, title.folded) && folded[title.folded.size()] == ' ' &&
          folded.find(' ', title.folded.size() + 1) == std::string::npos) {
        return {std::string(title.doc_type), 0.85, std::string(line)};
      }
    }
    // Official letters: the subject line "V/v …" under the number, or the addressee.
    // ("V/ …": OCR lost the second v.)
    if (weak.doc_type == "khac" && (StartsWith(folded, "v/v ") || StartsWith(folded, "vv ") ||
                                    StartsWith(folded, "v/ "))) {
      weak = {"cong_van", 0.9, std::string(line)};
    } else if (weak.doc_type == "khac" &&
               (StartsWith(folded, "kinh gui") ||
                // Its K misread ("lính gửi: - Các sở", seed 71's photocopied letter 0139).
                (folded.size() > 8 && std::isalpha(static_cast<unsigned char>(folded[0])) &&
                 StartsWith(std::string_view(folded).substr(1), "inh gui")))) {
      weak = {"cong_van", 0.75, std::string(line)};
    }
  }
  if (weak.doc_type != "khac") return weak;
  if (DocumentClass by_content = ByContent(text); by_content.doc_type != "khac") {
    return by_content;
  }
  // A card copied without a legible title: its machine-readable zone's first line.
  if (const std::string_view zone = ZoneLine(text); !zone.empty()) {
    return {"can_cuoc", 0.9, std::string(zone)};
  }
  return {"khac", 0.5, ""};
}

std::vector<std::size_t> DocumentStarts(const std::vector<std::string_view>& page_texts) {
  std::vector<std::size_t> starts;
  bool open_card = false;  // the page before is a card's front without its back
  for (std::size_t page = 0; page < page_texts.size(); ++page) {
    // A card copy is a paper of its own wherever its motto was read (its small print around
    // the emblem may put the motto under the holder's lines). Its back scanned as the page
    // after the front goes on it; a card after a whole one (its back's zone read) is another.
    const bool card = ClassifyDocument(page_texts[page]).doc_type == "can_cuoc";
    const bool card_opens = card && !open_card;
    open_card = card && ZoneLine(page_texts[page]).empty();
    bool motto = page == 0 || card_opens;
    int lines = 0;
    for (const std::string_view line : text::SplitLines(page_texts[page])) {
      if (motto || lines == kMottoLines) break;
      std::string folded = Fold(line);
      folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
      if (folded.empty()) continue;
      ++lines;
      for (const std::string_view words : kMotto) {
        const int allowed = static_cast<int>(words.size()) / 6;
        // The country's name is also quoted in legal bases ("Căn cứ Hiến pháp nước Cộng hòa
        // xã hội chủ nghĩa Việt Nam"), but only the motto prints it in capitals.
        if (words == kMotto[0] && !MostlyCapitals(line)) continue;
        motto = motto || SubstringDistance(folded, words, allowed) <= allowed;
      }
    }
    if (motto) starts.push_back(page);
  }
  return starts;
}

}  // namespace sohoa::ocr
