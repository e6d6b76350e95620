#include "names.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "sohoa/core/text.h"

namespace sohoa::ocr {
namespace {

// Middle and given names in common use, with their marks. A name's word that is none of them
// but folds to exactly one of them is OCR's misreading of that one ("Thẳng" for "Thắng",
// "Hãng" for "Hằng"); a word that folds to several ("Văn", "Vân") is left as read.
constexpr std::array<std::string_view, 171> kGivenNames{
    "An",    "Anh",    "Ánh",   "Bá",    "Bảo",   "Bích",   "Bình",   "Cầm",    "Cảnh",
    "Châu",  "Chi",    "Chiến", "Chinh", "Công",  "Cúc",    "Cường",  "Dân",    "Diệp",
    "Diệu",  "Dũng",   "Dung",  "Duy",   "Duyên", "Dương",  "Đạt",    "Đào",    "Điệp",
    "Đình",  "Định",   "Đông",  "Đức",   "Gấm",   "Gia",    "Giang",  "Hà",     "Hạ",
    "Hải",   "Hạnh",   "Hằng",  "Hân",   "Hậu",   "Hiền",   "Hiển",   "Hiếu",   "Hiệp",
    "Hoa",   "Hòa",    "Hoài",  "Hoàn",  "Hoàng", "Học",    "Hồng",   "Huệ",    "Hùng",
    "Hưng",  "Hương",  "Hường", "Hữu",   "Huy",   "Huyền",  "Khải",   "Khang",  "Khánh",
    "Khắc",  "Khoa",   "Khôi",  "Kiên",  "Kiều",  "Kim",    "Lam",    "Lan",    "Lâm",
    "Lệ",    "Liên",   "Liễu",  "Linh",  "Loan",  "Lộc",    "Lợi",    "Long",   "Luân",
    "Lụa",   "Lực",    "Ly",    "Mai",   "Mạnh",  "Minh",   "My",     "Mỹ",     "Nam",
    "Nga",   "Ngân",   "Nghĩa", "Ngọc",  "Nguyệt", "Nhàn",  "Nhân",   "Nhật",   "Nhi",
    "Nhung", "Như",    "Oanh",  "Phát",  "Phong", "Phú",    "Phúc",   "Phụng",  "Phương",
    "Phượng", "Quân",  "Quang", "Quế",   "Quốc",  "Quý",    "Quyên",  "Quyết",  "Quỳnh",
    "Sang",  "Sĩ",     "Sỹ",    "Sơn",   "Tài",   "Tâm",    "Tân",    "Thái",   "Thắm",
    "Thắng", "Thanh",  "Thành", "Thảo",  "Thế",   "Thị",    "Thịnh",  "Thơ",    "Thu",
    "Thư",   "Thuận",  "Thủy",  "Thúy",  "Thùy",  "Tiến",   "Tín",    "Toàn",   "Trà",
    "Trâm",  "Trang",  "Trí",   "Trinh", "Trọng", "Trung",  "Trường", "Tú",     "Tuấn",
    "Tùng",  "Tuyết",  "Uyên",  "Văn",   "Vân",   "Vi",     "Việt",   "Vinh",   "Vĩnh",
    "Vũ",    "Vy",     "Xuân",  "Yên",   "Yến",   "Hiệu",   "Chung",  "Hào",    "Khiêm"};

// The list's folded spellings, folded once (ICU folding is most of a name's cost).
const std::array<std::string, kGivenNames.size()>& FoldedGivenNames() {
  static const std::array<std::string, kGivenNames.size()> folded = [] {
    std::array<std::string, kGivenNames.size()> out;
    for (std::size_t i = 0; i < kGivenNames.size(); ++i) out[i] = text::FoldForSearch(kGivenNames[i]);
    return out;
  }();
  return folded;
}

// `folded` with a letter OCR read twice in a row read once ("huyeen": "huyen"), when it has
// exactly one such pair; empty otherwise.
std::string Undoubled(const std::string& folded) {
  std::string out;
  for (std::size_t i = 0; i + 1 < folded.size(); ++i) {
    if (folded[i] != folded[i + 1]) continue;
    if (!out.empty()) return {};
    out = std::string(folded).erase(i, 1);
  }
  return out;
}

// Given names of the list that fold like another and are given mostly to one sex: where the
// holder's sex is known, a word that is no name and folds to such a pair is the name of that
// sex ("Dụng" of a wife is "Dung", of a husband "Dũng"). The others of those pairs are given
// to either. The men's are not given to women at all; the women's are to men too ("Văn
// Hiền"), so only a woman's name read as one of the men's is taken for a misreading.
constexpr std::array<std::string_view, 4> kMenOnly{"Dũng", "Hiển", "Văn", "Thành"};
constexpr std::array<std::string_view, 8> kWomenOnly{"Dung", "Hiền", "Vân",    "Nhàn",
                                                     "Hoa",  "Ánh",  "Phượng", "Yến"};

bool GivenTo(std::string_view name, Sex sex) {
  const auto in = [&](const auto& list) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  return sex == Sex::kUnknown || (sex == Sex::kMale ? !in(kWomenOnly) : !in(kMenOnly));
}

// A listed given name OCR read with letters of like shape: "I" for "L" ("Iâm"), "ri" or "rn"
// for "m" ("Kiri"); empty when undoing that gives no listed name as written.
std::string LookAlikeName(const std::string& word) {
  const auto listed = [](const std::string& name) {
    return std::find(kGivenNames.begin(), kGivenNames.end(), name) != kGivenNames.end();
  };
  if (listed(word)) return {};
  if (word.size() > 1 && word[0] == 'I') {
    if (std::string l = "L" + word.substr(1); listed(l)) return l;
  }
  for (const std::string_view m : {"ri", "rn"}) {
    const std::size_t at = word.find(m);
    if (at == std::string::npos || at == 0) continue;
    if (std::string name = std::string(word).replace(at, m.size(), "m"); listed(name)) {
      return name;
    }
  }
  return {};
}

// A word's letters in lower case with their vowels' hats (â, ă, ê, ô, ơ, ư) but no tone mark,
// and where its tone mark sits: 0 none, 1 above the vowel (grave, acute, tilde, hook), 2 below
// (the dot).
std::pair<std::string, int> LettersAndToneSide(std::string_view word) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) return {std::string(word), 0};
  const icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
          .toLower(icu::Locale("vi")),
      error);
  icu::UnicodeString letters;
  int side = 0;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed[i];
    if (c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309) {
      side = 1;
    } else if (c == 0x0323) {
      side = 2;
    } else {
      letters.append(c);
    }
  }
  std::string out;
  nfc->normalize(letters, error).toUTF8String(out);
  return {U_SUCCESS(error) ? out : std::string(word), side};
}

// Of the listed names `candidates` that fold like `word`, the one OCR most likely misread as it:
// the only one with the word's vowels as written (hats and all) whose tone mark sits on the same
// side ("Hiểu": "Hiếu", not "Hiệu"); else the only one with its vowels as written ("Lầm":
// "Lâm", not "Lam"; "Vần": "Vân", not "Văn"); else none.
std::string_view NearestByMarks(const std::string& word,
                                const std::vector<std::string_view>& candidates) {
  const auto [letters, side] = LettersAndToneSide(word);
  std::string_view same_letters, same_side;
  int letters_count = 0, side_count = 0;
  for (const std::string_view name : candidates) {
    const auto [their_letters, their_side] = LettersAndToneSide(name);
    if (their_letters != letters) continue;
    ++letters_count;
    same_letters = name;
    if (their_side == side) {
      ++side_count;
      same_side = name;
    }
  }
  if (side_count == 1) return same_side;
  if (letters_count == 1) return same_letters;
  return {};
}

// The listed name a word of a name stands for (see Name); `last` for the name's last word,
// whose marks alone may pick one of several names folding alike (a middle name read "Vần" is
// as likely the common "Văn" as "Vân").
std::string GivenName(const std::string& word, Sex sex, bool last) {
  if (std::string name = LookAlikeName(word); !name.empty()) return name;
  const auto& kFolded = FoldedGivenNames();
  std::string folded = text::FoldForSearch(word);
  // A vowel read twice with two marks ("Huyêền"): no name has a doubled letter.
  if (std::find(kFolded.begin(), kFolded.end(), folded) == kFolded.end()) {
    if (std::string once = Undoubled(folded); !once.empty()) folded = std::move(once);
  }
  // A man's name in a woman's is a misreading of the woman's name that folds like it (a
  // wife's "Dũng" is "Dung"); not the other way (above).
  const bool misread = sex == Sex::kFemale && !GivenTo(word, sex);
  std::vector<std::string_view> fitting;
  for (std::size_t i = 0; i < kGivenNames.size(); ++i) {
    const std::string_view name = kGivenNames[i];
    if (name == word && !misread) return word;
    if (kFolded[i] == folded && GivenTo(name, sex)) fitting.push_back(name);
  }
  if (fitting.empty()) return word;
  if (fitting.size() == 1) return std::string(fitting.front());
  // Several: the one whose marks OCR most likely misread as the word's, if one stands out.
  const std::string_view nearest = last ? NearestByMarks(word, fitting) : std::string_view();
  return nearest.empty() ? word : std::string(nearest);
}

// The one way `word` (title case) splits into two names OCR joined ("Đứclong": "Đức",
// "Long"), the first a family name when `first` is set, else a given name, the second a
// given name; empty when the word is a name itself, a single syllable, or splits in no way
// or in several.
std::pair<std::string, std::string> Unjoined(const std::string& word, bool first) {
  const std::string folded = text::FoldForSearch(word);
  const auto given = [](std::string_view f) {
    const auto& names = FoldedGivenNames();
    return std::find(names.begin(), names.end(), f) != names.end();
  };
  if ((first ? !FamilyName(folded).empty() : given(folded)) || folded.size() < 4) return {};
  // A syllable has one run of vowels ("Tuân", "Doãn", "Tuyên" are names, not two): two words
  // joined have two, with consonants between ("Đứclong").
  int vowel_runs = 0;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const bool vowel = std::string_view("aeiouy").find(folded[i]) != std::string_view::npos;
    const bool after_vowel =
        i > 0 && std::string_view("aeiouy").find(folded[i - 1]) != std::string_view::npos;
    if (vowel && !after_vowel) ++vowel_runs;
  }
  if (vowel_runs < 2) return {};
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  std::pair<std::string, std::string> found;
  int ways = 0;
  for (int32_t at = 2; at + 2 <= u.length(); ++at) {
    std::string left, right;
    u.tempSubString(0, at).toUTF8String(left);
    u.tempSubString(at).toUTF8String(right);
    const std::string left_folded = text::FoldForSearch(left);
    if (!(first ? !FamilyName(left_folded).empty() : given(left_folded)) ||
        !given(text::FoldForSearch(right))) {
      continue;
    }
    found = {left, TitleCase(right)};
    ++ways;
  }
  return ways == 1 ? found : std::pair<std::string, std::string>{};
}

}  // namespace

std::string TitleCase(const std::string& name) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  u.toTitle(nullptr, icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A line in capitals: its letters are the same upper-cased (ICU, Vietnamese).
bool IsCapitals(std::string_view line) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
  icu::UnicodeString upper = u;
  upper.toUpper(icu::Locale("vi"));
  return u == upper && u != icu::UnicodeString(u).toLower(icu::Locale("vi"));
}

// Family names, by their accent-folded spelling: the letters on the paper are OCR's, the marks
// of a family name are not in doubt ("NGUYÊN" read for "NGUYỄN"). Only spellings that fold to
// one family name alone.
std::string_view FamilyName(std::string_view folded) {
  // ("doan" is not: Đoàn and Doãn are both family names.)
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 29> kFamilies{{
      {"nguyen", "Nguyễn"}, {"tran", "Trần"},   {"le", "Lê"},         {"pham", "Phạm"},
      {"hoang", "Hoàng"},   {"huynh", "Huỳnh"}, {"phan", "Phan"},     {"vu", "Vũ"},
      {"vo", "Võ"},         {"dang", "Đặng"},   {"bui", "Bùi"},       {"do", "Đỗ"},
      {"ho", "Hồ"},         {"ngo", "Ngô"},     {"duong", "Dương"},   {"ly", "Lý"},
      {"trinh", "Trịnh"},   {"dinh", "Đinh"},   {"truong", "Trương"},
      {"luong", "Lương"},   {"dao", "Đào"},     {"mai", "Mai"},       {"cao", "Cao"},
      {"ha", "Hà"},         {"lam", "Lâm"},     {"trieu", "Triệu"},   {"ta", "Tạ"},
      {"quach", "Quách"},   {"kieu", "Kiều"},
  }};
  for (const auto& [spelling, name] : kFamilies) {
    if (folded == spelling) return name;
  }
  return {};
}

// A person's name: letters and single spaces only (OCR's stray quotes and dots dropped), the
// family name's marks from the list above, the other words' from the list of given names
// where only one fits, title case.
std::string Name(std::string_view printed, Sex sex) {
  const std::string canonical = text::ToCanonical(printed);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(canonical);
  icu::UnicodeString letters;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c) || u_getCombiningClass(c) != 0) {
      letters.append(c);
    } else if (u_isUWhiteSpace(c) && !letters.isEmpty() && !letters.endsWith(u" ")) {
      letters.append(static_cast<UChar>(' '));
    }
  }
  std::string read;
  letters.trim().toUTF8String(read);
  read = TitleCase(read);
  // Words OCR joined ("Trần Đứclong") apart again.
  std::string name;
  for (std::size_t at = 0; at < read.size();) {
    const std::size_t end = std::min(read.find(' ', at), read.size());
    const std::string word = read.substr(at, end - at);
    const auto [left, right] = Unjoined(word, at == 0);
    name += (name.empty() ? "" : " ") + (left.empty() ? word : left + " " + right);
    at = end + 1;
  }
  const std::size_t space = name.find(' ');
  const std::string first = name.substr(0, space);
  std::string_view family = FamilyName(text::FoldForSearch(first));
  if (family.empty()) family = FamilyName(Undoubled(text::FoldForSearch(first)));  // "Phạam"
  std::string out = family.empty() ? first : std::string(family);
  std::vector<std::string> given;
  for (std::size_t at = space; at != std::string::npos;) {
    const std::size_t next = name.find(' ', at + 1);
    given.push_back(name.substr(at + 1, next == std::string::npos ? next : next - at - 1));
    at = next;
  }
  // A middle name of one sex says the holder's: "Thị" a woman's, "Văn" a man's.
  for (std::size_t i = 0; sex == Sex::kUnknown && i + 1 < given.size(); ++i) {
    const std::string middle = GivenName(given[i], Sex::kUnknown, false);
    sex = middle == "Thị" ? Sex::kFemale : middle == "Văn" ? Sex::kMale : Sex::kUnknown;
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    out += " " + GivenName(given[i], sex, i + 1 == given.size());
  }
  return out;
}

}  // namespace sohoa::ocr
