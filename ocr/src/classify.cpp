#include "sohoa/ocr/classify.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "sohoa/core/text.h"

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

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
int Distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> row(m + 1), next(m + 1);
  for (int j = 0; j <= m; ++j) row[j] = j;
  for (int i = 1; i <= n; ++i) {
    next[0] = i;
    int smallest = next[0];
    for (int j = 1; j <= m; ++j) {
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] != b[j - 1])});
      smallest = std::min(smallest, next[j]);
    }
    if (smallest > limit) return limit + 1;
    std::swap(row, next);
  }
  return row[m];
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

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
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
      const int distance = Distance(folded, title.folded, allowed);
      if (distance <= allowed) {
        return {std::string(title.doc_type), 0.97 - 0.05 * distance, std::string(line)};
      }
    }
    for (const Title& title : kTitles) {
      if (AllWordsButOne(folded, title.folded)) {
        return {std::string(title.doc_type), 0.85, std::string(line)};
      }
    }
    // Official letters: the subject line "V/v …" under the number, or the addressee.
    if (weak.doc_type == "khac" && (StartsWith(folded, "v/v ") || StartsWith(folded, "vv "))) {
      weak = {"cong_van", 0.9, std::string(line)};
    } else if (weak.doc_type == "khac" && StartsWith(folded, "kinh gui")) {
      weak = {"cong_van", 0.75, std::string(line)};
    }
  }
  if (weak.doc_type != "khac") return weak;
  // A card copied without a legible title: its machine-readable zone's first line ("IDVNM…",
  // OCR's spaces dropped), wherever the back's lines fell.
  for (const std::string_view line : text::SplitLines(text)) {
    std::string compact;
    for (const char c : line) {
      if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (compact.size() >= 20 && Distance(compact.substr(0, 5), "IDVNM", 1) <= 1) {
      return {"can_cuoc", 0.9, std::string(line)};
    }
  }
  return {"khac", 0.5, ""};
}

}  // namespace sohoa::ocr
