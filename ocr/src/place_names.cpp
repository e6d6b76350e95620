#include "place_names.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "address.h"
#include "names.h"
#include "tokens.h"
#include "sohoa/core/text.h"

namespace sohoa::ocr {
namespace {

// Where a token of `line` begins and ends, in bytes.
std::size_t Begin(std::string_view line, const Token& t) {
  return static_cast<std::size_t>(t.original.data() - line.data());
}
std::size_t End(std::string_view line, const Token& t) { return Begin(line, t) + t.original.size(); }

// The unit words that name a place after them, folded: xã, phường, thị trấn, huyện, quận,
// thị xã, thành phố, tỉnh.
constexpr std::array<std::array<std::string_view, 2>, 8> kUnits{{{"xa", ""},
                                                                 {"phuong", ""},
                                                                 {"thi", "tran"},
                                                                 {"huyen", ""},
                                                                 {"quan", ""},
                                                                 {"thi", "xa"},
                                                                 {"thanh", "pho"},
                                                                 {"tinh", ""}}};

// How many words of a unit start at word i (0: none). A unit word ending in punctuation is
// something else ("Giới tính: Nam").
std::size_t UnitAt(const std::vector<Token>& words, std::size_t i) {
  const auto plain = [&](std::size_t k) {
    const char last = words[k].original.back();
    return std::isalnum(static_cast<unsigned char>(last)) || (last & 0x80) != 0;
  };
  for (const auto& unit : kUnits) {
    if (words[i].folded != unit[0]) continue;
    if (unit[1].empty()) {
      if (plain(i)) return 1;
    } else if (i + 1 < words.size() && words[i + 1].folded == unit[1] && plain(i + 1)) {
      return 2;
    }
  }
  return 0;
}

bool StartsCapitalOrDigit(std::string_view word) {
  std::int32_t at = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(word.data()), at,
          static_cast<std::int32_t>(word.size()), c);
  return c >= 0 && (u_isupper(c) || u_isdigit(c));
}

// A place's name as read: where it is and how it is spelled.
struct Mention {
  std::size_t begin, end;  // bytes of the line or value
  std::string key;         // folded, without spaces
  std::string spelling;    // title case, canonical marks
  std::string unit;        // its unit folded without spaces ("xa", "thitran"), "" for none
};

Mention MakeMention(std::string_view line, std::size_t begin, std::size_t end) {
  Mention m{begin, end, text::FoldToLettersAndDigits(line.substr(begin, end - begin)), "", ""};
  m.spelling = text::ToCanonical(TitleCase(std::string(line.substr(begin, end - begin))));
  return m;
}

constexpr std::size_t kMostNameWords = 4;

// The names after unit words on a line: words that start with a capital or a digit, up to a
// comma, full stop, semicolon or colon, the next unit, or a word in lower case.
std::vector<Mention> PlacesAfterUnits(std::string_view line) {
  std::vector<Mention> found;
  const std::vector<Token> words = Tokens(line);
  for (std::size_t i = 0; i < words.size();) {
    const std::size_t unit = UnitAt(words, i);
    if (unit == 0) {
      ++i;
      continue;
    }
    std::size_t k = i + unit, end = 0;
    for (std::size_t n = 0; k < words.size() && n < kMostNameWords; ++k, ++n) {
      std::string_view word = words[k].original;
      if (UnitAt(words, k) != 0 || !StartsCapitalOrDigit(word)) break;
      const std::size_t whole = word.size();
      while (!word.empty() && std::string_view(",.;:").find(word.back()) != std::string_view::npos) {
        word.remove_suffix(1);
      }
      if (!word.empty()) end = Begin(line, words[k]) + word.size();
      if (word.size() != whole) {  // punctuation ends the name
        ++k;
        break;
      }
    }
    if (end != 0) {
      Mention m = MakeMention(line, Begin(line, words[i + unit]), end);
      for (std::size_t u = i; u < i + unit; ++u) m.unit += words[u].folded;
      if (!m.key.empty()) found.push_back(std::move(m));
    }
    i = std::max(k, i + unit);
  }
  return found;
}

// The place of a place-and-date line ("Khâu Vai, ngày 23 tháng 10 năm 2023").
std::vector<Mention> PlaceOfDateLine(std::string_view line) {
  const std::vector<Token> words = Tokens(line);
  for (std::size_t k = 1; k < words.size() && k <= kMostNameWords; ++k) {
    if (words[k].folded != "ngay") continue;
    if (words[k - 1].original.back() != ',') return {};
    for (std::size_t j = 0; j < k; ++j) {
      if (!StartsCapitalOrDigit(words[j].original)) return {};
    }
    return {MakeMention(line, Begin(line, words[0]), End(line, words[k - 1]) - 1)};
  }
  return {};
}

// The fields whose values name places: addresses and issuers, and the running text of a
// subject or a marital status ("... tại Bộ phận Một cửa xã Nghi Thái", "Tòa án nhân dân
// huyện Nông Cống").
bool NamesPlaces(const std::string& key) {
  return key == "co_quan_ban_hanh" || key == "que_quan" || key.rfind("noi_", 0) == 0 ||
         key == "trich_yeu" || key == "tinh_trang_hon_nhan";
}

}  // namespace

void UnifyPlaceNames(std::string_view text, std::map<std::string, std::string>& fields,
                     std::string_view certain) {
  // Spellings of each name, with how often each is read.
  std::map<std::string, std::map<std::string, int>> read;
  for (const std::string_view line : text::SplitLines(text)) {
    for (const Mention& m : PlacesAfterUnits(line)) ++read[m.key][m.spelling];
    for (const Mention& m : PlaceOfDateLine(line)) ++read[m.key][m.spelling];
  }
  std::map<std::string, std::string> agreed;  // key -> the spelling read most
  for (const auto& [key, spellings] : read) {
    const auto most = std::max_element(
        spellings.begin(), spellings.end(),
        [](const auto& a, const auto& b) { return a.second < b.second; });
    const bool alone = std::none_of(spellings.begin(), spellings.end(), [&](const auto& s) {
      return s.first != most->first && s.second == most->second;
    });
    if (most->second >= 2 && alone && spellings.size() > 1) agreed[key] = most->first;
  }
  for (const Mention& m : PlacesAfterUnits(certain)) agreed[m.key] = m.spelling;
  // A commune is named after its district more often than not, and an address's commune then
  // has its district's first word as written (NormalizeAddress mends it: "xã Nghi Phong, huyện
  // Nghi Lộc" read "xã Nghỉ Phong"): that first word stands against how often another was
  // read, and is the commune's in the other fields ("Ủy ban nhân dân xã Nghỉ Phong").
  std::map<std::string, std::string> first_words;  // key -> the commune's first word
  std::map<std::string, std::vector<Mention>> in_field;  // each place field's mentions
  for (const auto& [key, value] : fields) {
    if (!NamesPlaces(key)) continue;
    const std::vector<Mention>& mentions = in_field[key] = PlacesAfterUnits(value);
    for (std::size_t i = 0; i + 1 < mentions.size(); ++i) {
      const Mention& commune = mentions[i];
      const Mention& district = mentions[i + 1];
      const std::string first = commune.spelling.substr(0, commune.spelling.find(' '));
      if (IsCommuneUnit(commune.unit) && IsDistrictUnit(district.unit) &&
          first == district.spelling.substr(0, district.spelling.find(' '))) {
        first_words[commune.key] = first;
      }
    }
  }
  if (agreed.empty() && first_words.empty()) return;
  for (const auto& [key, mentions] : in_field) {
    std::string& value = fields[key];
    // From the end, so that the earlier mentions' places stay where they are.
    for (auto m = mentions.rbegin(); m != mentions.rend(); ++m) {
      const auto it = agreed.find(m->key);
      std::string spelling = it == agreed.end() ? m->spelling : it->second;
      if (const auto first = first_words.find(m->key); first != first_words.end()) {
        const std::size_t space = spelling.find(' ');
        if (text::FoldForSearch(spelling.substr(0, space)) == text::FoldForSearch(first->second)) {
          spelling.replace(0, space, first->second);
        }
      }
      if (spelling != m->spelling) value.replace(m->begin, m->end - m->begin, spelling);
    }
  }
}

}  // namespace sohoa::ocr
