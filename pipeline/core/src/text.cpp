#include "sohoa/core/text.h"

#include <cctype>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>

namespace sohoa::text {
namespace {

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(utf8);
  icu::UnicodeString out = nfc->normalize(FromUtf8(utf8), err);
  if (U_FAILURE(err)) return std::string(utf8);
  return ToUtf8(out);
}

std::string ToCanonical(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(utf8);
  icu::UnicodeString u = nfd->normalize(FromUtf8(utf8), err);
  if (U_FAILURE(err)) return std::string(utf8);
  // Vietnamese has no eth: OCR's Ð/ð (U+00D0/U+00F0) are Đ/đ.
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00D0)),
                   icu::UnicodeString(static_cast<UChar>(0x0110)));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00F0)),
                   icu::UnicodeString(static_cast<UChar>(0x0111)));
  // The five tone marks as NFD writes them: grave, acute, tilde, hook above, dot below.
  const auto is_tone = [](UChar c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
  };
  const auto is_letter_or_mark = [&](int32_t i) {
    if (i < 0 || i >= u.length()) return false;
    const UChar32 c = u.char32At(i);
    return u_isalpha(c) || u_getCombiningClass(c) != 0;
  };
  const auto lower = [&](int32_t i) {
    return i < 0 || i >= u.length() ? UChar(0) : static_cast<UChar>(u_tolower(u.charAt(i)));
  };
  // Vietnamese vowels and the tone marks are all in the BMP: one UTF-16 unit each.
  for (int32_t i = 0; i + 2 < u.length(); ++i) {
    const UChar first = lower(i), second = lower(i + 1);
    const bool pair = (first == 'o' && (second == 'a' || second == 'e')) ||
                      (first == 'u' && second == 'y' && lower(i - 1) != 'q');
    // The pair ends the syllable and only the second vowel carries a mark, a tone mark.
    if (!pair || !is_tone(u.charAt(i + 2)) || is_letter_or_mark(i + 3)) continue;
    const UChar tone = u.charAt(i + 2);
    u.remove(i + 2, 1);
    u.insert(i + 1, tone);
    i += 2;
  }
  icu::UnicodeString out = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(utf8);
  return ToUtf8(out);
}

const std::vector<Abbreviation>& AgencyAbbreviations() {
  static const std::vector<Abbreviation> kAbbreviations{
      {"ubnd", "Ủy ban nhân dân"},
      {"hdnd", "Hội đồng nhân dân"},
      {"mttq", "Mặt trận Tổ quốc"},
  };
  return kAbbreviations;
}

std::string ExpandAgencyNames(std::string_view utf8) {
  const std::string text = ToNfc(utf8);
  // Words end at anything but a letter, a digit, '-' or '/' (which make symbols).
  const auto joins = [](const icu::UnicodeString& u, int32_t i) {
    if (i < 0 || i >= u.length()) return false;
    const UChar32 c = u.char32At(i);
    return u_isalnum(c) || u_getCombiningClass(c) != 0 || c == '-' || c == '/';
  };
  const icu::UnicodeString u = FromUtf8(text);
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < u.length()) {
    if (joins(u, i)) {
      int32_t end = i;
      while (end < u.length() && joins(u, end)) ++end;
      const icu::UnicodeString word = u.tempSubStringBetween(i, end);
      const std::string folded = FoldForSearch(ToUtf8(word));
      const auto& all = AgencyAbbreviations();
      const auto it = std::find_if(all.begin(), all.end(),
                                   [&](const Abbreviation& a) { return a.folded == folded; });
      out.append(it == all.end() ? word : FromUtf8(it->full));
      i = end;
    } else {
      out.append(u.charAt(i++));
    }
  }
  return ToUtf8(out);
}

std::string FoldForSearch(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return std::string(utf8);
  icu::UnicodeString decomposed = nfd->normalize(FromUtf8(utf8), err);
  if (U_FAILURE(err)) return std::string(utf8);

  icu::UnicodeString folded;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !folded.isEmpty();
      continue;
    }
    if (pending_space) {
      folded.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    // Đ/đ do not decompose; OCR often gives Ð (U+00D0, Icelandic eth) for Đ.
    if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x0189) {
      folded.append(static_cast<UChar>('d'));
      continue;
    }
    folded.append(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  return ToUtf8(folded);
}

std::string FoldToLettersAndDigits(std::string_view utf8) {
  std::string out;
  for (const char c : FoldForSearch(utf8)) {
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

int EditDistance(std::string_view a, std::string_view b, int limit) {
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
  return std::min(row[m], limit + 1);
}

std::string ReplaceAll(std::string text, std::initializer_list<std::string_view> from,
                       std::string_view to) {
  for (const std::string_view f : from) {
    if (f.empty()) continue;
    for (std::size_t at = text.find(f); at != std::string::npos;
         at = text.find(f, at + to.size())) {
      text.replace(at, f.size(), to);
    }
  }
  return text;
}

std::size_t CodePointCount(std::string_view utf8) {
  return static_cast<std::size_t>(FromUtf8(utf8).countChar32());
}

}  // namespace sohoa::text
