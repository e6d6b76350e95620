// Reading-order-independent character error rate.
//
// Each reference line is aligned, by a semi-global edit distance (free start and end in the
// hypothesis), with the stretch of hypothesis text where it costs least. Lines are placed
// longest first, because long lines are distinctive and short ones ("1", "Số") would otherwise
// take the place of a word in a long line; hypothesis characters a line took are not offered
// to later lines. Hypothesis characters no line took are insertions. White space is dropped
// before aligning, so a line the OCR split or joined with another still aligns.
//
// Cost: O(reference characters x hypothesis characters), ~10 ms for a 3000-character page.
#include "sohoa/ocr/accuracy.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "sohoa/core/text.h"

namespace sohoa::ocr {
namespace {

using CodePoints = std::vector<char32_t>;

// NFC code points of each line, white space removed; lines left empty are dropped.
std::vector<CodePoints> SplitIntoLines(std::string_view utf8) {
  const std::string nfc = text::ToNfc(utf8);
  std::vector<CodePoints> lines(1);
  std::int32_t i = 0;
  const auto length = static_cast<std::int32_t>(nfc.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(nfc.data(), i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c == '\n' || c == 0x2028 || c == 0x2029) {
      lines.emplace_back();
    } else if (!u_isUWhiteSpace(c)) {
      lines.back().push_back(static_cast<char32_t>(c));
    }
  }
  std::erase_if(lines, [](const CodePoints& line) { return line.empty(); });
  return lines;
}

// The letter under the marks: first code point of the canonical decomposition, with đ/Đ
// (and the look-alike Ð) taken as d/D, which Unicode does not decompose.
char32_t BaseLetter(char32_t c) {
  if (c == U'đ') return U'd';
  if (c == U'Đ' || c == U'Ð') return U'D';
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) return c;
  icu::UnicodeString decomposition;
  if (!nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) return c;
  return static_cast<char32_t>(decomposition.char32At(0));
}

bool IsDiacriticOnlySubstitution(char32_t reference, char32_t hypothesis) {
  return reference != hypothesis && BaseLetter(reference) == BaseLetter(hypothesis);
}

// Where and at what cost a reference line aligns best inside hypothesis[begin, end).
struct Placement {
  int cost = std::numeric_limits<int>::max();
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::size_t Distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

// Semi-global edit distance: the line may start and end anywhere in the span. Keeps, per
// reference prefix, the hypothesis position where the cheapest alignment started. Of equally
// cheap placements, the one ending nearest `expected_end` (where the line would end if the
// hypothesis kept the reference's order) wins: text that repeats on a page (a decision's
// subject, again in its Article 1) is matched with its own occurrence.
Placement PlaceLine(const CodePoints& line, const CodePoints& hypothesis, std::size_t begin,
                    std::size_t end, std::size_t expected_end) {
  const std::size_t m = line.size();
  std::vector<int> cost(m + 1), next_cost(m + 1);
  std::vector<std::size_t> start(m + 1), next_start(m + 1);
  for (std::size_t i = 0; i <= m; ++i) {
    cost[i] = static_cast<int>(i);
    start[i] = begin;
  }
  Placement best{cost[m], begin, begin};
  for (std::size_t j = begin; j < end; ++j) {
    next_cost[0] = 0;
    next_start[0] = j + 1;
    for (std::size_t i = 1; i <= m; ++i) {
      // Diagonal (match/substitute), then hypothesis char inserted, then reference deleted.
      int c = cost[i - 1] + (line[i - 1] == hypothesis[j] ? 0 : 1);
      std::size_t s = start[i - 1];
      if (cost[i] + 1 < c) {
        c = cost[i] + 1;
        s = start[i];
      }
      if (next_cost[i - 1] + 1 < c) {
        c = next_cost[i - 1] + 1;
        s = next_start[i - 1];
      }
      next_cost[i] = c;
      next_start[i] = s;
    }
    cost.swap(next_cost);
    start.swap(next_start);
    if (cost[m] < best.cost || (cost[m] == best.cost && best.end > best.begin &&
                                Distance(j + 1, expected_end) < Distance(best.end, expected_end))) {
      best = {cost[m], start[m], j + 1};
    }
  }
  return best;
}

struct Edits {
  std::size_t errors = 0;
  std::size_t diacritic_errors = 0;
};

// Full Levenshtein with traceback, to tell tone-mark substitutions from other edits.
Edits AlignExactly(const CodePoints& reference, const CodePoints& hypothesis, std::size_t begin,
                   std::size_t end) {
  const std::size_t m = reference.size();
  const std::size_t n = end - begin;
  std::vector<int> d((m + 1) * (n + 1));
  auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * (n + 1) + j]; };
  for (std::size_t i = 0; i <= m; ++i) at(i, 0) = static_cast<int>(i);
  for (std::size_t j = 0; j <= n; ++j) at(0, j) = static_cast<int>(j);
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t j = 1; j <= n; ++j) {
      const int substitute =
          at(i - 1, j - 1) + (reference[i - 1] == hypothesis[begin + j - 1] ? 0 : 1);
      at(i, j) = std::min({substitute, at(i - 1, j) + 1, at(i, j - 1) + 1});
    }
  }
  Edits edits;
  edits.errors = static_cast<std::size_t>(at(m, n));
  std::size_t i = m, j = n;
  while (i > 0 && j > 0) {
    const char32_t r = reference[i - 1];
    const char32_t h = hypothesis[begin + j - 1];
    if (at(i, j) == at(i - 1, j - 1) + (r == h ? 0 : 1)) {
      if (r != h && IsDiacriticOnlySubstitution(r, h)) ++edits.diacritic_errors;
      --i;
      --j;
    } else if (at(i, j) == at(i - 1, j) + 1) {
      --i;
    } else {
      --j;
    }
  }
  return edits;
}

}  // namespace

CharacterErrors MeasureCharacterErrors(std::string_view reference, std::string_view hypothesis) {
  const std::vector<CodePoints> reference_lines = SplitIntoLines(reference);
  CodePoints hyp;
  for (const CodePoints& line : SplitIntoLines(hypothesis)) {
    hyp.insert(hyp.end(), line.begin(), line.end());
  }

  CharacterErrors result;
  std::vector<std::size_t> order(reference_lines.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return reference_lines[a].size() > reference_lines[b].size();
  });

  // Where each line would end in the hypothesis if it kept the reference's order.
  std::size_t reference_length = 0;
  std::vector<std::size_t> expected_end(reference_lines.size());
  for (std::size_t i = 0; i < reference_lines.size(); ++i) {
    reference_length += reference_lines[i].size();
    expected_end[i] = reference_length;
  }
  for (std::size_t& e : expected_end) {
    e = reference_length == 0 ? 0 : e * hyp.size() / reference_length;
  }

  std::vector<bool> used(hyp.size(), false);
  for (std::size_t index : order) {
    const CodePoints& line = reference_lines[index];
    result.reference_chars += line.size();
    // Best placement over the stretches of hypothesis no earlier line took.
    Placement best{static_cast<int>(line.size()), 0, 0};  // not found: all deleted
    std::size_t j = 0;
    while (j < hyp.size()) {
      if (used[j]) {
        ++j;
        continue;
      }
      std::size_t run_end = j;
      while (run_end < hyp.size() && !used[run_end]) ++run_end;
      const Placement placement = PlaceLine(line, hyp, j, run_end, expected_end[index]);
      // At equal cost, taking hypothesis characters (substitutions) beats leaving them to be
      // counted as insertions on top of the line's deletions, and a placement nearer the
      // line's place in the reference beats a farther one.
      if (placement.cost < best.cost ||
          (placement.cost == best.cost && placement.end > placement.begin &&
           (best.end == best.begin || Distance(placement.end, expected_end[index]) <
                                          Distance(best.end, expected_end[index])))) {
        best = placement;
      }
      j = run_end;
    }
    if (best.end == best.begin) {
      result.errors += line.size();
      continue;
    }
    const Edits edits = AlignExactly(line, hyp, best.begin, best.end);
    result.errors += edits.errors;
    result.diacritic_errors += edits.diacritic_errors;
    std::fill(used.begin() + static_cast<std::ptrdiff_t>(best.begin),
              used.begin() + static_cast<std::ptrdiff_t>(best.end), true);
  }
  result.errors += static_cast<std::size_t>(std::count(used.begin(), used.end(), false));
  return result;
}

}  // namespace sohoa::ocr
