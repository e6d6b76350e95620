#include "sohoa/ocr/postcorrect.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gazetteer.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/page.h"

namespace sohoa::ocr {
namespace {

// The committed phrase list, built into the library by CMake (see ocr/CMakeLists.txt).
constexpr std::string_view kAdminPhrases =
#include "vi_admin_phrases.inc"
    ;

// A syllable read with at least this confidence is changed only when the phrase list supports
// the new reading on both sides and the read one on neither. Tesseract reads most correct
// words above 0.9 on the dev corpus; wrong tone marks mostly come below it.
constexpr float kConfidentWord = 0.9f;
// A lone character that is no syllable (a speck read as "l", "H", "ï") is dropped below this.
constexpr float kLoneLetterKeepConfidence = 0.9f;

// Vowels in tone order: none, grave (huyền), hook above (hỏi), tilde (ngã), acute (sắc),
// dot below (nặng). Tone marks, unlike the vowel marks of ă â ê ô ơ ư, can sit on either
// vowel of a pair (hòa/hoà), so syllables compare as (toneless spelling, tone).
constexpr std::array<std::u32string_view, 12> kVowelRows = {
    U"aàảãáạ", U"ăằẳẵắặ", U"âầẩẫấậ", U"eèẻẽéẹ", U"êềểễếệ", U"iìỉĩíị",
    U"oòỏõóọ", U"ôồổỗốộ", U"ơờởỡớợ", U"uùủũúụ", U"ưừửữứự", U"yỳỷỹýỵ"};

struct VowelSlot {
  int row = -1;
  int tone = 0;
};

const std::unordered_map<char32_t, VowelSlot>& VowelTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<char32_t, VowelSlot>();
    for (int row = 0; row < static_cast<int>(kVowelRows.size()); ++row) {
      for (int tone = 0; tone < 6; ++tone) (*t)[kVowelRows[row][tone]] = {row, tone};
    }
    return t;
  }();
  return *table;
}

std::optional<VowelSlot> Vowel(char32_t c) {
  const auto& table = VowelTable();
  const auto it = table.find(c);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

bool IsShapedVowel(char32_t c) {  // ă â ê ô ơ ư
  return c == U'ă' || c == U'â' || c == U'ê' || c == U'ô' || c == U'ơ' || c == U'ư';
}

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  std::int32_t i = 0;
  const auto length = static_cast<std::int32_t>(utf8.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(std::u32string_view u32) {
  std::string out;
  for (char32_t c : u32) {
    char buffer[4];
    std::int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

std::u32string Lower(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    // OCR reads Đ as the look-alike Ð (U+00D0); they do not case-fold to each other.
    if (c == U'Ð' || c == U'ð') c = U'đ';
    out.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  }
  return out;
}

// "thuỷ" -> ("thuy", 2). Nothing for text with two tone marks.
struct Syllable {
  std::u32string toneless;
  int tone = 0;
};

std::optional<Syllable> SplitTone(std::u32string_view lower) {
  Syllable s;
  s.toneless.reserve(lower.size());
  for (char32_t c : lower) {
    if (const auto v = Vowel(c)) {
      if (v->tone != 0) {
        if (s.tone != 0) return std::nullopt;
        s.tone = v->tone;
      }
      s.toneless.push_back(kVowelRows[v->row][0]);
    } else {
      s.toneless.push_back(c);
    }
  }
  return s;
}

// Canonical key of a lower-case word: toneless spelling in UTF-8, then the tone digit.
std::string KeyOf(const Syllable& s) { return ToUtf8(s.toneless) + static_cast<char>('0' + s.tone); }

std::optional<std::string> KeyOfLower(std::u32string_view lower) {
  const auto s = SplitTone(lower);
  if (!s) return std::nullopt;
  return KeyOf(*s);
}

Syllable FromKey(const std::string& key) {
  return {ToU32(std::string_view(key).substr(0, key.size() - 1)), key.back() - '0'};
}

// Writes a syllable with its tone mark where administrative texts put it: on the marked vowel
// (ươ: on ơ), else on the last vowel before a final consonant, else on the first of two vowels
// (hòa, thủy) and the middle of three (ngoài). "qu" and "gi" before a vowel are onsets.
std::u32string Render(const Syllable& s) {
  std::u32string out = s.toneless;
  if (s.tone == 0) return out;
  std::size_t start = 0;
  while (start < out.size() && !Vowel(out[start])) ++start;
  if (start + 1 < out.size() && Vowel(out[start + 1])) {
    const bool qu = start == 1 && out[0] == U'q' && out[1] == U'u';
    const bool gi = start == 1 && out[0] == U'g' && out[1] == U'i';
    if (qu || gi) ++start;
  }
  std::size_t end = start;
  while (end < out.size() && Vowel(out[end])) ++end;
  if (start >= end) return out;
  std::size_t at = end;
  for (std::size_t i = start; i < end; ++i) {
    if (IsShapedVowel(out[i])) at = i;
  }
  if (at == end) {
    const std::size_t count = end - start;
    if (end < out.size()) {
      at = end - 1;
    } else if (count == 3) {
      at = start + 1;
    } else {
      at = start;
    }
  }
  out[at] = kVowelRows[Vowel(out[at])->row][s.tone];
  return out;
}

bool IsDash(std::u32string_view s) { return s == U"-" || s == U"–" || s == U"—"; }

// Punctuation that belongs to text; any other non-alphanumeric character is a symbol.
bool IsTextPunctuation(char32_t c) {
  static constexpr std::u32string_view kPunctuation = U".,:;!?()\"'“”‘’-–—/%…&+*=";
  return kPunctuation.find(c) != std::u32string_view::npos;
}

bool IsAlnum(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }
bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)) != 0; }
bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

// A word cut into leading punctuation, core (first to last letter or digit) and trailing
// punctuation: "(Ủy" -> "(", "Ủy", "".
struct Anatomy {
  std::u32string prefix, core, suffix;
  int letters = 0, digits = 0, symbols = 0;
  bool plain = false;  // the core is letters only
};

Anatomy Dissect(std::u32string_view text) {
  Anatomy a;
  std::size_t first = 0;
  while (first < text.size() && !IsAlnum(text[first])) ++first;
  std::size_t last = text.size();
  while (last > first && !IsAlnum(text[last - 1])) --last;
  a.prefix = text.substr(0, first);
  a.core = text.substr(first, last - first);
  a.suffix = text.substr(last);
  for (char32_t c : text) {
    if (IsDigit(c)) {
      ++a.digits;
    } else if (IsLetter(c)) {
      ++a.letters;
    } else if (!IsTextPunctuation(c) && !u_isUWhiteSpace(static_cast<UChar32>(c))) {
      ++a.symbols;
    }
  }
  a.plain = !a.core.empty() && std::all_of(a.core.begin(), a.core.end(), IsLetter);
  return a;
}

// A piece of a card's machine-readable zone ("7109050F3109052VNM<<<<<<<<<<<7"): capitals,
// digits and '<' fillers (or '«', two of them read as one), with a filler in it. Its fillers
// are not specks: the word is kept as read, for the card's fields to check. A photocopied
// zone is often read with a lower-case letter or two ("VNI<<<<<<e<«<<<4", "TH1<HGii6<VAN")
// and a speck glued to it ("'XDVRM…588<<<"): a long piece with fillers is still the zone's
// where no more than two of its characters, or a tenth of them, are neither ASCII letters nor
// zone characters (a whole line of 30 read "8616621F3116627V.Né<<<<{«<<<<<2" on seed 71's
// photocopied card 0175). Dropped or stripped of its fillers, the zone's second and third
// lines were lost to the card's checks (seed 47's photocopied card 0047).
bool IsZoneWord(std::u32string_view text) {
  const auto zone_character = [](char32_t c) {
    return (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'<' || c == U'«';
  };
  const auto fillers = std::count_if(text.begin(), text.end(),
                                     [](char32_t c) { return c == U'<' || c == U'«'; });
  if (std::all_of(text.begin(), text.end(), zone_character)) {
    return fillers > 0 && text.size() >= 5;
  }
  const auto others = std::count_if(text.begin(), text.end(), [&](char32_t c) {
    return !zone_character(c) && !(c >= U'a' && c <= U'z');
  });
  const auto most_others =
      std::max<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(text.size()) / 10);
  return text.size() >= 10 && fillers >= 2 && others <= most_others;
}

enum class CasePattern { kLower, kTitle, kUpper };

CasePattern CaseOf(std::u32string_view core) {
  int upper = 0, letters = 0;
  for (char32_t c : core) {
    if (!IsLetter(c)) continue;
    ++letters;
    if (u_isupper(static_cast<UChar32>(c))) ++upper;
  }
  if (letters == 0 || !u_isupper(static_cast<UChar32>(core[0]))) return CasePattern::kLower;
  return upper == letters && letters > 1 ? CasePattern::kUpper : CasePattern::kTitle;
}

std::u32string WithCase(std::u32string lower, CasePattern pattern) {
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (pattern == CasePattern::kUpper || (pattern == CasePattern::kTitle && i == 0)) {
      lower[i] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(lower[i])));
    }
  }
  return lower;
}

// Neighbour class of a number in bigrams: "ngày <n> tháng".
constexpr char kNumberKey[] = "#";
// ... and of the "V/v" that opens an official letter's subject: "V/v đôn đốc".
constexpr char kSubjectKey[] = "v/v";

std::string BigramKey(const std::string& a, const std::string& b) { return a + ' ' + b; }

// Common OCR letter confusions that change the letter count (on accent-folded text).
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kMultiLetterConfusions = {{
    {"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"d", "cl"}, {"ii", "u"}, {"in", "m"}, {"ri", "n"}}};

// A district or province of the gazetteer (kDistricts).
struct Place {
  std::vector<std::string> keys;    // its name's syllables, as canonical keys: "cu3", "chi0"
  std::vector<std::string> folded;  // the same, folded: "cu", "chi"
  std::vector<std::string> province;  // its province's name, folded ("ho", "chi", "minh");
                                      // empty for a province
};

// A listed name's words as syllables: their canonical keys ("cu3") and folded letters ("cu").
// False for a name with a word that is not plain letters ("Ea H'leo", "1").
bool Syllables(const std::vector<std::string>& name, std::vector<std::string>& keys,
               std::vector<std::string>& folded) {
  for (const std::string& word : name) {
    const Anatomy a = Dissect(ToU32(word));
    auto key = a.plain && a.prefix.empty() && a.suffix.empty() ? KeyOfLower(Lower(a.core))
                                                               : std::nullopt;
    if (!key) return false;
    keys.push_back(std::move(*key));
    folded.push_back(text::FoldForSearch(word));
  }
  return !keys.empty();
}

// The kept words' letters folded ("Củ" -> "cu"); "" for a word that is not letters only.
std::vector<std::string> FoldedWords(const std::vector<Anatomy>& parts,
                                     const std::vector<std::size_t>& kept) {
  std::vector<std::string> folded(kept.size());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Anatomy& a = parts[kept[k]];
    if (a.plain) folded[k] = text::FoldForSearch(ToUtf8(a.core));
  }
  return folded;
}

// Whether the kept words k and m are in one run of text (one Tesseract block; running text
// wraps); false past the last word.
bool InOneRun(const std::vector<Word>& words, const std::vector<std::size_t>& kept,
              std::size_t k, std::size_t m) {
  return m < kept.size() && words[kept[k]].block_index == words[kept[m]].block_index;
}

// Letters that differ between two folded words of one length; 2 for other lengths.
int LettersApart(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return 2;
  int apart = 0;
  for (std::size_t i = 0; i < a.size(); ++i) apart += a[i] != b[i] ? 1 : 0;
  return apart;
}

// The one name all `matches` spell (their syllables' keys), or nothing when they are none or
// spell it differently.
template <typename Name>
const Name* OneSpelling(const std::vector<const Name*>& matches) {
  if (matches.empty() || std::any_of(matches.begin(), matches.end(), [&](const Name* n) {
        return n->keys != matches[0]->keys;
      })) {
    return nullptr;
  }
  return matches[0];
}

// Gives the kept words from k on the syllables `keys` (their case as read); returns how many
// changed.
int Respell(const std::vector<std::string>& keys, std::size_t k, std::vector<Word>& words,
            std::vector<Anatomy>& parts, const std::vector<std::size_t>& kept) {
  int changed = 0;
  for (std::size_t j = 0; j < keys.size(); ++j) {
    Anatomy& a = parts[kept[k + j]];
    if (KeyOfLower(Lower(a.core)) == keys[j]) continue;
    a.core = WithCase(Render(FromKey(keys[j])), CaseOf(a.core));
    words[kept[k + j]].text = ToUtf8(a.prefix + a.core + a.suffix);
    ++changed;
  }
  return changed;
}

// District and province names of the gazetteer, read with other marks: "huyện Củ Chị",
// "huyện Vân Đôn", "Đa khoa Cử Chỉ, thành phố Hồ Chí Minh". A name is matched on its letters
// (marks aside) after a unit word (huyện, quận, thị xã, thành phố, tỉnh, TP) or before its
// province; a one-syllable name ("thành phố Huế") needs both. Its marks are then the
// gazetteer's, however confidently they were read otherwise.
// Returns how many words it mended.
int MendPlaceNames(const std::unordered_map<std::string, std::vector<Place>>& places,
                   std::vector<Word>& words, std::vector<Anatomy>& parts,
                   const std::vector<std::size_t>& kept) {
  int mended = 0;
  const std::vector<std::string> folded = FoldedWords(parts, kept);
  const auto joined = [&](std::size_t k, std::size_t m) { return InOneRun(words, kept, k, m); };
  const auto unit_before = [&](std::size_t k) {
    if (k == 0 || !joined(k - 1, k)) return false;
    const std::string& w = folded[k - 1];
    const std::u32string& after = parts[kept[k - 1]].suffix;
    if (w == "tp" && (after.empty() || after == U".")) return true;  // "TP. Hồ Chí Minh"
    if (!after.empty()) return false;
    if (w == "huyen" || w == "quan" || w == "tinh") return true;
    const std::string before = k >= 2 && joined(k - 2, k - 1) ? folded[k - 2] : std::string();
    return (w == "xa" && before == "thi") || (w == "pho" && before == "thanh");
  };
  const auto province_after = [&](std::size_t m, const std::vector<std::string>& province) {
    if (province.empty() || !joined(m - 1, m)) return false;
    if (folded[m] == "tinh" || folded[m] == "tp") {
      ++m;
    } else if (folded[m] == "thanh" && joined(m, m + 1) && folded[m + 1] == "pho") {
      m += 2;
    }
    for (const std::string& word : province) {
      if (!joined(m - 1, m) || folded[m] != word) return false;
      ++m;
    }
    return true;
  };
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (folded[k].empty()) continue;
    const bool after_unit = unit_before(k);
    std::vector<const Place*> matches;
    bool any_before_province = false;
    static const std::vector<Place> kNone;
    const auto same_first = places.find(folded[k]);
    for (const Place& place : same_first == places.end() ? kNone : same_first->second) {
      const std::size_t n = place.folded.size();
      bool same = true;
      for (std::size_t j = 1; j < n && same; ++j) {
        same = joined(k + j - 1, k + j) && folded[k + j] == place.folded[j];
      }
      if (!same) continue;
      const bool before_province = province_after(k + n, place.province);
      if (!(n >= 2 ? after_unit || before_province : after_unit && before_province)) continue;
      if (before_province && !any_before_province) matches.clear();
      any_before_province = any_before_province || before_province;
      if (before_province == any_before_province) matches.push_back(&place);
    }
    // A name of two syllables or more with one letter misread ("huyện Vên Đồn, tỉnh Quảng
    // Ninh", "Krông Đắc, tỉnh Đắk Lắk"): only between its unit word and its province.
    for (auto it = places.begin(); matches.empty() && after_unit && it != places.end();
         ++it) {
      for (const Place& place : it->second) {
        const std::size_t n = place.folded.size();
        int apart = 0;
        for (std::size_t j = 0; j < n && apart <= 1; ++j) {
          apart += j == 0 || joined(k + j - 1, k + j)
                       ? LettersApart(folded[k + j], place.folded[j])
                       : 2;
        }
        if (n >= 2 && apart == 1 && province_after(k + n, place.province)) {
          matches.push_back(&place);
        }
      }
    }
    const Place* place = OneSpelling(matches);
    if (place == nullptr) continue;
    mended += Respell(place->keys, k, words, parts, kept);
    k += place->keys.size() - 1;
  }
  return mended;
}

// A commune of the gazetteer (kCommunes).
struct CommuneName {
  std::vector<std::string> keys;    // its name's syllables, as canonical keys: "pai3", "lung3"
  std::vector<std::string> folded;  // the same, folded: "pai", "lung"
  std::string district;             // its district's name, folded without spaces: "meovac"
};

struct CommuneIndex {
  std::unordered_map<std::string, std::vector<CommuneName>> by_first;     // first syllable
  std::unordered_map<std::string, std::vector<CommuneName>> by_district;  // district
};

// Commune names of the gazetteer read with other marks: "phường Cấm Phô, thành phố Hội An",
// "XÃ KHẨU VAI" on a page that names huyện Mèo Vạc. A name after its unit word (xã, phường,
// thị trấn) is matched on its letters (marks aside) against the communes of the district named
// right after it, or else (two syllables or more) of every district the page names after a
// district's unit word; its marks are then the list's. A name of two syllables or more with one
// letter misread ("xã Lũng Gú, huyện Đồng Văn") takes the list's name only with its district
// right after it and where the differing word was read doubtfully: a clear reading of a name
// the list spells otherwise stays. Returns how many words it mended.
int MendCommuneNames(const CommuneIndex& communes, std::vector<Word>& words,
                     std::vector<Anatomy>& parts, const std::vector<std::size_t>& kept) {
  if (communes.by_district.empty()) return 0;
  const std::vector<std::string> folded = FoldedWords(parts, kept);
  const auto joined = [&](std::size_t k, std::size_t m) { return InOneRun(words, kept, k, m); };
  const auto bare = [&](std::size_t k) { return parts[kept[k]].suffix.empty(); };
  // Where the name after a district's unit word starting at k begins (0: no such unit).
  const auto district_name_at = [&](std::size_t k) -> std::size_t {
    if (k >= kept.size() || !bare(k)) return 0;
    if (folded[k] == "huyen" || folded[k] == "quan") return k + 1;
    if ((folded[k] == "thi" && joined(k, k + 1) && folded[k + 1] == "xa") ||
        (folded[k] == "thanh" && joined(k, k + 1) && folded[k + 1] == "pho")) {
      return bare(k + 1) ? k + 2 : 0;
    }
    return 0;
  };
  // The listed district whose name starts at k, folded ("" for none): the longest of up to
  // four words.
  const auto district_at = [&](std::size_t k) {
    std::string name, found;
    for (std::size_t j = k; j < k + 4 && j < kept.size() && !folded[j].empty(); ++j) {
      if (j > k && (!joined(j - 1, j) || !bare(j - 1))) break;
      name += folded[j];
      if (communes.by_district.count(name)) found = name;
    }
    return found;
  };
  // The district named right after a commune's name that ends before m: ", huyện Mèo Vạc".
  const auto district_after = [&](std::size_t m) {
    if (m == 0 || !joined(m - 1, m)) return std::string();
    const std::u32string& after = parts[kept[m - 1]].suffix;
    if (!after.empty() && after != U",") return std::string();
    const std::size_t name = district_name_at(m);
    return name == 0 ? std::string() : district_at(name);
  };
  std::unordered_set<std::string> on_page;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (const std::size_t name = district_name_at(k); name != 0) {
      if (std::string d = district_at(name); !d.empty()) on_page.insert(std::move(d));
    }
  }
  const auto commune_unit_before = [&](std::size_t k) {
    if (k == 0 || !joined(k - 1, k) || !bare(k - 1)) return false;
    const std::string& w = folded[k - 1];
    const bool after_thi = k >= 2 && joined(k - 2, k - 1) && folded[k - 2] == "thi";
    return (w == "xa" && !after_thi) || w == "phuong" || (w == "tran" && after_thi);
  };
  int mended = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (folded[k].empty() || !commune_unit_before(k)) continue;
    std::vector<const CommuneName*> right_after, elsewhere;
    if (const auto same_first = communes.by_first.find(folded[k]);
        same_first != communes.by_first.end()) {
      for (const CommuneName& c : same_first->second) {
        const std::size_t n = c.folded.size();
        bool same = true;
        for (std::size_t j = 1; j < n && same; ++j) {
          same = joined(k + j - 1, k + j) && bare(k + j - 1) && folded[k + j] == c.folded[j];
        }
        if (!same) continue;
        if (district_after(k + n) == c.district) {
          right_after.push_back(&c);
        } else if (n >= 2 && on_page.count(c.district)) {  // not "XÃ HỘI" for a xã Hội
          elsewhere.push_back(&c);
        }
      }
    }
    std::vector<const CommuneName*>& matches = right_after.empty() ? elsewhere : right_after;
    for (std::size_t n = 2; matches.empty() && n <= 4; ++n) {
      const std::string district = district_after(k + n);
      if (district.empty()) continue;
      for (const CommuneName& c : communes.by_district.at(district)) {
        if (c.folded.size() != n) continue;
        int apart = 0;
        bool doubtful = true;
        for (std::size_t j = 0; j < n && apart <= 1; ++j) {
          const int here = j == 0 || (joined(k + j - 1, k + j) && bare(k + j - 1))
                               ? LettersApart(folded[k + j], c.folded[j])
                               : 2;
          if (here > 0) doubtful = words[kept[k + j]].confidence < kConfidentWord;
          apart += here;
        }
        if (apart == 1 && doubtful) matches.push_back(&c);
      }
    }
    const CommuneName* commune = OneSpelling(matches);
    if (commune == nullptr) continue;
    mended += Respell(commune->keys, k, words, parts, kept);
    k += commune->keys.size() - 1;
  }
  return mended;
}

}  // namespace


struct PostCorrector::Tables {
  std::unordered_set<std::string> syllables;  // canonical keys (dictionary and phrase list)
  std::unordered_map<std::string, std::vector<std::string>> by_folded;  // "thang" -> keys
  std::unordered_set<std::string> phrase_words;
  std::unordered_set<std::string> bigrams;  // "key key", numbers as kNumberKey
  // Of those, the pairs the phrase list writes with nothing between ("hành chính"; not
  // "chức cá" of "tổ chức, cá nhân").
  std::unordered_set<std::string> unbroken;
  std::unordered_map<std::string, std::vector<Place>> places;  // by first syllable, folded
  CommuneIndex communes;

  // A district's communes. A name with a dash or an apostrophe is left out, as above, and so
  // is one without letters (wards named by number: no evidence).
  void AddCommunes(const DistrictCommunes& district) {
    std::string of;
    for (const std::string& word : district.district) of += text::FoldForSearch(word);
    for (const std::vector<std::string>& name : district.communes) {
      CommuneName commune{{}, {}, of};
      if (!Syllables(name, commune.keys, commune.folded)) continue;
      communes.by_first[commune.folded[0]].push_back(commune);
      communes.by_district[of].push_back(std::move(commune));
    }
  }

  // "huyện Củ Chi, thành phố Hồ Chí Minh": the district, and its province once. A name with a
  // dash or an apostrophe ("Ea H'leo") is left out: it is not read as plain syllables.
  void AddPlaces(const District& district) {
    const auto add = [&](const std::vector<std::string>& name,
                         const std::vector<std::string>& in) {
      Place place;
      if (!Syllables(name, place.keys, place.folded)) return;
      for (const std::string& word : in) place.province.push_back(text::FoldForSearch(word));
      std::vector<Place>& same = places[text::FoldForSearch(name[0])];
      const auto known = [&](const Place& p) {
        return p.keys == place.keys && p.province == place.province;
      };
      if (std::none_of(same.begin(), same.end(), known)) same.push_back(std::move(place));
    };
    add(district.name, district.province);
    add(district.province, {});
  }

  void AddSyllable(const std::string& key) {
    if (!syllables.insert(key).second) return;
    by_folded[text::FoldForSearch(ToUtf8(Render(FromKey(key))))].push_back(key);
  }

  // A syllable closing on i or y after these consonants is written either way (lí/lý, kĩ/kỹ,
  // Tí/Tý: two spelling conventions both in use, the place "Y Tý" among them), and hunspell-vi
  // lists only one of most pairs ("tí" but not "tý"): the other is added.
  void AddOtherSpellingsOfFinalI() {
    static constexpr std::array<std::string_view, 10> kOnsets = {"d", "h",  "k", "l", "m",
                                                                 "qu", "s", "t", "th", "v"};
    std::vector<std::string> others;
    for (const std::string& key : syllables) {
      // A key is the toneless spelling and a tone digit: "ti4".
      if (key.size() < 3) continue;
      const std::string_view onset(key.data(), key.size() - 2);
      const char vowel = key[key.size() - 2];
      if ((vowel != 'i' && vowel != 'y') ||
          std::find(kOnsets.begin(), kOnsets.end(), onset) == kOnsets.end()) {
        continue;
      }
      others.push_back(std::string(onset) + (vowel == 'i' ? 'y' : 'i') + key.back());
    }
    for (const std::string& key : others) AddSyllable(key);
  }

  // Bigram key of a word, "" when it gives no evidence (unknown or a compound).
  std::string NeighbourKey(const Anatomy& a) const {
    if (a.digits > 0) return kNumberKey;
    if (Lower(a.core) == U"v/v") return kSubjectKey;
    if (!a.plain) return {};
    auto key = KeyOfLower(Lower(a.core));
    return key ? *key : std::string();
  }

  bool HasBigram(const std::string& a, const std::string& b) const {
    return !a.empty() && !b.empty() && bigrams.count(BigramKey(a, b)) > 0;
  }
};

Result<PostCorrector> PostCorrector::Create(const PostCorrectorOptions& options) {
  std::string path = options.syllable_dictionary;
  if (path.empty()) {
    const char* env = std::getenv("SOHOA_HUNSPELL_VI");
    path = env != nullptr && *env != '\0' ? env : kDefaultSyllableDictionary;
  }
  std::ifstream in(path);
  if (!in) {
    return DependencyError(
        "Vietnamese syllable dictionary not found; install the hunspell-vi package "
        "or set SOHOA_HUNSPELL_VI",
        path);
  }
  auto tables = std::make_shared<Tables>();
  std::string line;
  bool first_line = true;
  while (std::getline(in, line)) {
    if (first_line) {  // the entry count
      first_line = false;
      if (!line.empty() && std::all_of(line.begin(), line.end(), ::isdigit)) continue;
    }
    line = line.substr(0, line.find('/'));  // affix flags
    const std::u32string word = Lower(ToU32(text::ToNfc(line)));
    if (word.empty() || !std::all_of(word.begin(), word.end(), IsLetter)) continue;
    if (auto key = KeyOfLower(word)) tables->AddSyllable(*key);
  }
  if (in.bad()) return IoError("cannot read the Vietnamese syllable dictionary", path);
  if (tables->syllables.size() < 1000) {
    return InvalidInput("not a Vietnamese syllable dictionary (fewer than 1000 syllables)", path);
  }
  tables->AddOtherSpellingsOfFinalI();

  std::istringstream phrases{std::string(kAdminPhrases)};
  while (std::getline(phrases, line)) {
    line = line.substr(0, line.find('#'));
    std::string previous;
    bool previous_ends_clear = false;  // no punctuation after the previous word
    std::istringstream words(text::ToNfc(line));
    std::string token;
    while (words >> token) {
      const Anatomy a = Dissect(ToU32(token));
      std::string key = tables->NeighbourKey(a);
      if (key.empty()) {
        previous.clear();
        continue;
      }
      if (key != kNumberKey && key != kSubjectKey) {
        tables->AddSyllable(key);
        tables->phrase_words.insert(key);
      }
      if (!previous.empty()) {
        tables->bigrams.insert(BigramKey(previous, key));
        if (previous_ends_clear && a.prefix.empty()) {
          tables->unbroken.insert(BigramKey(previous, key));
        }
      }
      previous_ends_clear = a.suffix.empty();
      previous = std::move(key);
    }
  }
  for (const District& district : Districts()) tables->AddPlaces(district);
  for (const DistrictCommunes& district : Communes()) tables->AddCommunes(district);
  return PostCorrector(std::move(tables));
}

bool PostCorrector::IsSyllable(std::string_view word) const {
  const std::u32string lower = Lower(ToU32(text::ToNfc(word)));
  if (lower.empty() || !std::all_of(lower.begin(), lower.end(), IsLetter)) return false;
  const auto key = KeyOfLower(lower);
  return key && tables_->syllables.count(*key) > 0;
}

CorrectionCounts PostCorrector::Correct(OcrPage& page) const {
  const Tables& t = *tables_;
  CorrectionCounts counts;
  std::vector<Word>& words = page.words;
  std::vector<Anatomy> parts;
  parts.reserve(words.size());
  for (const Word& w : words) parts.push_back(Dissect(ToU32(w.text)));

  const auto same_line = [&](std::size_t a, std::size_t b) {
    return words[a].line_index == words[b].line_index &&
           words[a].block_index == words[b].block_index;
  };
  const auto same_block = [&](std::size_t a, std::size_t b) {
    return words[a].block_index == words[b].block_index;
  };

  // 1. Not text: symbols, stray punctuation, lone non-syllable letters.
  std::vector<bool> keep(words.size(), true);
  for (std::size_t i = 0; i < words.size(); ++i) {
    Anatomy& a = parts[i];
    if (IsZoneWord(ToU32(words[i].text))) continue;
    if (a.symbols > 0 && a.letters + a.digits > 0) {
      // Specks read as symbols next to a word ("_PHÓ", "„Hồn:"): strip them, keep the word.
      const auto strip = [](std::u32string& s) {
        std::erase_if(s, [](char32_t c) { return !IsTextPunctuation(c); });
      };
      strip(a.prefix);
      strip(a.suffix);
      a.symbols = static_cast<int>(std::count_if(a.core.begin(), a.core.end(), [](char32_t c) {
        return !IsAlnum(c) && !IsTextPunctuation(c);
      }));
      words[i].text = ToUtf8(a.prefix + a.core + a.suffix);
    }
    const int alnum = a.letters + a.digits;
    const bool next_is_word =
        i + 1 < words.size() && same_line(i, i + 1) && parts[i + 1].letters > 0;
    if (alnum == 0) {
      // A dash is text between two words ("Độc lập - Tự do") and as a bullet ("- Như Điều 3");
      // a slash between two words of a line parts a bilingual label ("Giới tính / Sex:").
      const bool after_word = i > 0 && same_line(i - 1, i) && keep[i - 1] &&
                              parts[i - 1].letters > 0;
      keep[i] = (IsDash(a.prefix) && next_is_word) ||
                (a.prefix == U"/" && a.suffix.empty() && after_word && next_is_word);
    } else if (a.symbols > 0) {
      // "S»K#", "Â`z": a symbol among a few letters is a misread mark, not a word.
      keep[i] = a.symbols * 4 < alnum && (a.digits > 0 || IsSyllable(ToUtf8(a.core)));
    } else if (a.core.size() == 1 && a.digits == 0 && a.prefix.empty() && a.suffix.empty()) {
      // Kept when read confidently, or when the phrase list pairs it with a neighbour on its
      // line ("Trạm Y tế xã", the "Y" read doubtfully).
      const std::string key = t.NeighbourKey(a);
      const bool paired =
          !key.empty() &&
          ((i > 0 && same_line(i - 1, i) && t.HasBigram(t.NeighbourKey(parts[i - 1]), key)) ||
           (i + 1 < words.size() && same_line(i, i + 1) &&
            t.HasBigram(key, t.NeighbourKey(parts[i + 1]))));
      keep[i] = (words[i].confidence >= kLoneLetterKeepConfidence || paired) &&
                IsSyllable(ToUtf8(a.core));
    }
  }

  // Dust left of a line's first letter is read as a mark glued to it ("'QUYẾT", ".Số:",
  // "“PHÓ"): no line of text opens with a period or comma, nor with a quote that nothing on
  // the line closes. (A dash stays: it may be a bullet read without its space.)
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!keep[i] || parts[i].prefix.empty() || parts[i].letters + parts[i].digits == 0) continue;
    bool first = true;
    for (std::size_t j = i; j-- > 0;) {
      if (!same_line(i, j)) break;
      if (keep[j]) {
        first = false;
        break;
      }
    }
    if (!first) continue;
    bool closed = false;
    for (std::size_t j = i; j < words.size() && same_line(i, j) && !closed; ++j) {
      const std::u32string& after = j == i ? parts[j].suffix : parts[j].prefix + parts[j].suffix;
      closed = after.find_first_of(U"\"'”’") != std::u32string::npos;
    }
    std::u32string& prefix = parts[i].prefix;
    std::erase_if(prefix, [&](char32_t c) {
      return c == U'.' || c == U',' ||
             (!closed && (c == U'\'' || c == U'"' || c == U'“' || c == U'‘' || c == U'`'));
    });
    words[i].text = ToUtf8(prefix + parts[i].core + parts[i].suffix);
  }

  // 2. Corrections, left to right so that a corrected word is the next one's context.
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (keep[i]) kept.push_back(i);
  }
  // Two neighbours misread in their marks hide each other's evidence: in "sửa đối, bố sung"
  // neither "đổi" nor "bổ" has support on both sides until the other is mended. True when the
  // word after kept[k], as read, fits neither `key` nor its own next word, and the same
  // letters with other marks fit both; it is then mended in its turn.
  const auto next_fits_only_remarked = [&](std::size_t k_at, const std::string& key) {
    if (k_at + 1 >= kept.size() || !same_block(kept[k_at], kept[k_at + 1])) return false;
    const std::size_t j = kept[k_at + 1];
    const Anatomy& b = parts[j];
    if (!b.plain || b.letters < 1) return false;
    const std::string read = t.NeighbourKey(b);
    const std::string after = k_at + 2 < kept.size() && same_block(j, kept[k_at + 2])
                                  ? t.NeighbourKey(parts[kept[k_at + 2]])
                                  : std::string();
    if (read.empty() || after.empty() || t.HasBigram(key, read) || t.HasBigram(read, after)) {
      return false;
    }
    const auto variants = t.by_folded.find(text::FoldForSearch(ToUtf8(Lower(b.core))));
    if (variants == t.by_folded.end()) return false;
    return std::any_of(variants->second.begin(), variants->second.end(),
                       [&](const std::string& other) {
                         return other != read && t.HasBigram(key, other) &&
                                t.HasBigram(other, after);
                       });
  };
  // The page's own confident word pairs: a place or a name is printed more than once on a
  // paper ("xã Khâu Vai" in the letterhead, the registration place, the address), and where
  // one reading is doubtful another is often clear. And how much each reading is read: its
  // confidences summed.
  std::vector<std::string> as_read(kept.size());
  std::unordered_map<std::string, float> page_readings;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    as_read[k] = t.NeighbourKey(parts[kept[k]]);
    page_readings[as_read[k]] += words[kept[k]].confidence;
  }
  std::unordered_set<std::string> page_bigrams;
  for (std::size_t k = 0; k + 1 < kept.size(); ++k) {
    const std::size_t i = kept[k], j = kept[k + 1];
    if (!same_block(i, j) || words[i].confidence < kConfidentWord ||
        words[j].confidence < kConfidentWord || parts[i].digits > 0 || parts[j].digits > 0) {
      continue;
    }
    if (t.syllables.count(as_read[k]) > 0 && t.syllables.count(as_read[k + 1]) > 0) {
      page_bigrams.insert(BigramKey(as_read[k], as_read[k + 1]));
    }
  }
  const auto paired = [&](const std::string& a, const std::string& b) {
    return t.HasBigram(a, b) || (!a.empty() && !b.empty() && page_bigrams.count(BigramKey(a, b)));
  };

  // Twice: a word mended late in the line is the context of one before it ("dữ liền hồ
  // tịch": "liền" fits "liệu" only once "hồ" is "hộ"). The second pass looks again only at
  // words whose context the first one mended: a neighbour, or the word after next (see
  // next_fits_only_remarked).
  std::vector<bool> mended(kept.size(), false);
  const auto context_mended = [&](std::size_t k) {
    return (k > 0 && mended[k - 1]) || (k + 1 < kept.size() && mended[k + 1]) ||
           (k + 2 < kept.size() && mended[k + 2]);
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (pass == 1 && !context_mended(k)) continue;
      const std::size_t i = kept[k];
      Anatomy& a = parts[i];
      if (!a.plain || a.letters < 1) continue;
      const std::u32string lower = Lower(a.core);
      const auto original = SplitTone(lower);
      const std::string original_key = original ? KeyOf(*original) : std::string();
      const bool valid = original && t.syllables.count(original_key) > 0;

      // Running text goes on from a line's last word to the next line's first ("sửa đổi, bổ" /
      // "sung trong …"): neighbours are taken across line breaks within a block.
      const std::string prev = k > 0 && same_block(kept[k - 1], i)
                                   ? t.NeighbourKey(parts[kept[k - 1]])
                                   : std::string();
      const std::string next = k + 1 < kept.size() && same_block(i, kept[k + 1])
                                   ? t.NeighbourKey(parts[kept[k + 1]])
                                   : std::string();
      if (prev.empty() && next.empty()) continue;
      const auto evidence = [&](const std::string& key) {
        return (t.HasBigram(prev, key) ? 1 : 0) + (t.HasBigram(key, next) ? 1 : 0);
      };
      const int original_evidence = valid ? evidence(original_key) : 0;
      if (original_evidence == 2) continue;

      // Candidates: same letters with other marks (cost 0), or one letter changed (cost 1).
      const std::string folded = text::FoldForSearch(ToUtf8(lower));
      std::string best;
      int best_evidence = 0, best_cost = 2;
      const auto consider = [&](const std::string& key_folded, int cost) {
        const auto it = t.by_folded.find(key_folded);
        if (it == t.by_folded.end()) return;
        for (const std::string& key : it->second) {
          if (key == original_key) continue;
          const int e = evidence(key);
          if (e > best_evidence || (e == best_evidence && e > 0 && cost < best_cost)) {
            best = key;
            best_evidence = e;
            best_cost = cost;
          }
        }
      };
      consider(folded, 0);
      const bool ascii = std::all_of(folded.begin(), folded.end(),
                                     [](char c) { return c >= 'a' && c <= 'z'; });
      if (ascii) {
        for (std::size_t p = 0; p <= folded.size(); ++p) {
          for (char c = 'a'; c <= 'z'; ++c) {
            if (p < folded.size() && c != folded[p]) {
              consider(folded.substr(0, p) + c + folded.substr(p + 1), 1);
            }
            consider(folded.substr(0, p) + c + folded.substr(p), 1);
          }
          if (p < folded.size()) consider(folded.substr(0, p) + folded.substr(p + 1), 1);
        }
        for (const auto& [from, to] : kMultiLetterConfusions) {
          for (auto p = folded.find(from); p != std::string::npos; p = folded.find(from, p + 1)) {
            consider(folded.substr(0, p) + std::string(to) + folded.substr(p + from.size()), 1);
          }
        }
      }
      const bool confident = words[i].confidence >= kConfidentWord;
      bool listed = !best.empty() && best_evidence > original_evidence;
      if (listed && valid) {
        if (confident && !(best_evidence == 2 && original_evidence == 0) &&
            !(best_cost == 0 && original_evidence == 0 && t.HasBigram(prev, best) &&
              next_fits_only_remarked(k, best))) {
          listed = false;
        }
        if (best_cost > 0 && best_evidence < 2) listed = false;
      }
      if (!listed) {
        // Else a doubtful word takes other marks that the page's own pairs, or the phrase list,
        // support on both sides, when the reading as read has support on neither and no other
        // marks do too, and the page reads them more (summed confidence) than the marks as read.
        best.clear();
        const float read_as_is = original_key.empty() ? 0.0f : page_readings[original_key];
        const auto variants = t.by_folded.find(folded);
        if (confident || variants == t.by_folded.end() ||
            (valid && (paired(prev, original_key) || paired(original_key, next)))) {
          continue;
        }
        for (const std::string& key : variants->second) {
          if (key == original_key || !paired(prev, key) || !paired(key, next) ||
              page_readings[key] <= read_as_is) {
            continue;
          }
          if (!best.empty()) {
            best.clear();
            break;
          }
          best = key;
        }
        if (best.empty()) continue;
      }
      const std::u32string replacement = WithCase(Render(FromKey(best)), CaseOf(a.core));
      words[i].text = ToUtf8(a.prefix + replacement + a.suffix);
      a.core = replacement;
      mended[k] = true;
      ++counts.corrected;
    }
  }

  // 3. District, province and commune names of the gazetteer.
  counts.corrected += MendPlaceNames(t.places, words, parts, kept);
  counts.corrected += MendCommuneNames(t.communes, words, parts, kept);

  // 4. A comma read doubtfully between two words that the phrase list writes together ("thủ
  // tục hành, chính tại Bộ, phận", "hành," read at 0.26): a speck, not a pause. So is a colon
  // or a semicolon, also across a line break of running text ("giải quyết thủ:" at 0.60, "tục
  // hành chính" below), but not before a number: "Số: 2818/QĐ-UBND" is a label.
  for (std::size_t k = 0; k + 1 < kept.size(); ++k) {
    const std::size_t i = kept[k], j = kept[k + 1];
    Anatomy& a = parts[i];
    const std::string next = t.NeighbourKey(parts[j]);
    const bool comma = a.suffix == U",";
    const bool stop = (a.suffix == U":" || a.suffix == U";") && next != kNumberKey;
    if (!(comma || stop) || !a.plain || words[i].confidence >= kConfidentWord ||
        !(comma ? same_line(i, j) : same_block(i, j)) || !parts[j].prefix.empty() ||
        !t.unbroken.count(BigramKey(t.NeighbourKey(a), next))) {
      continue;
    }
    a.suffix.clear();
    words[i].text = ToUtf8(a.prefix + a.core);
    ++counts.corrected;
  }

  std::vector<Word> out;
  out.reserve(kept.size());
  for (std::size_t i : kept) out.push_back(std::move(words[i]));
  counts.dropped = static_cast<int>(words.size() - out.size());
  words = std::move(out);
  RebuildPage(page);
  return counts;
}

}  // namespace sohoa::ocr
