#include "sohoa/core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

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

std::size_t CodePointCount(std::string_view utf8) {
  return static_cast<std::size_t>(FromUtf8(utf8).countChar32());
}

}  // namespace sohoa::text
