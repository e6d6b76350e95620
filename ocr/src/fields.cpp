#include "sohoa/ocr/fields.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "address.h"
#include "card_fields.h"
#include "gazetteer.h"
#include "names.h"
#include "place_names.h"
#include "tokens.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/identifiers.h"

namespace sohoa::ocr {

std::vector<Token> Tokens(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    const std::size_t start = i;
    // A token ends at white space or right after a colon ("Số:53").
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      const char c = line[i++];
      if (c == ':' || c == ';') break;
    }
    if (i == start) continue;
    Token token{line.substr(start, i - start), "", false};
    token.colon = token.original.back() == ':' || token.original.back() == ';';
    token.folded = text::FoldToLettersAndDigits(token.original);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

namespace {

// A label's words, accent-folded and without punctuation, and the key its value goes to ("" for
// labels whose values are not fields yet: they still end the value before them). kIdPaper: the
// identity paper line ("Căn cước công dân số 0140…"), whose 12 digits are the personal ID.
constexpr std::string_view kIdPaper = "@id_paper";
// A birth certificate's birth date written out in words under its digits ("Ghi bằng chữ: Ngày
// mười bốn, tháng năm, năm hai nghìn không trăm mười tám").
constexpr std::string_view kBirthInWords = "@birth_in_words";
struct Label {
  std::string_view words;
  std::string_view key;
};
constexpr std::array<Label, 36> kLabels{{
    {"ho chu dem ten nguoi di dang ky khai tu", ""},
    {"ho chu dem ten nguoi di khai sinh", ""},
    {"ho chu dem ten nguoi me", "ho_ten_me"},
    {"ho chu dem ten nguoi cha", "ho_ten_cha"},
    {"ho chu dem ten", "ho_ten"},
    {"ho va ten", "ho_ten"},
    {"ngay thang nam dang ky", "ngay_dang_ky"},
    {"ngay thang nam sinh", "ngay_sinh"},
    {"ngay sinh", "ngay_sinh"},
    {"ngay dang ky", "ngay_dang_ky"},
    {"noi dang ky khai sinh", "noi_dang_ky"},
    {"noi dang ky khai tu", "noi_dang_ky"},
    {"noi dang ky ket hon", "noi_dang_ky"},
    {"noi dang ky", "noi_dang_ky"},
    {"so dinh danh ca nhan", "so_dinh_danh"},
    {"giay to tuy than", kIdPaper},
    {"tinh trang hon nhan", "tinh_trang_hon_nhan"},
    {"giay nay duoc cap de", "muc_dich"},
    // The certificate's validity sentence after the purpose, whose period OCR may lose.
    {"giay nay co gia tri su dung", ""},
    {"noi cu tru cuoi cung", ""},
    {"noi cu tru", ""},
    {"nguyen nhan chet", ""},
    {"giay bao tu so", ""},  // the death notice's number ("97/GBT"), not the extract's
    {"da chet vao luc", ""},
    {"ghi bang chu", kBirthInWords},
    {"gioi tinh", "gioi_tinh"},
    {"dan toc", "dan_toc"},
    {"quoc tich", "quoc_tich"},
    {"noi sinh", "noi_sinh"},
    {"noi chet", ""},
    {"noi cap", ""},
    {"que quan", "que_quan"},
    {"quyen so", "quyen_so"},
    {"nam sinh", ""},
    {"cap ngay", ""},
    {"so", "so"},
}};

// The fields each type has so far.
const std::set<std::string, std::less<>>& FieldsOf(std::string_view doc_type) {
  static const std::set<std::string, std::less<>> none;
  static const std::set<std::string, std::less<>> birth{
      "so",           "quyen_so",    "ho_ten",           "gioi_tinh", "ngay_sinh", "so_dinh_danh",
      "dan_toc",      "quoc_tich",   "noi_sinh",         "que_quan",  "ho_ten_me", "ho_ten_cha",
      "ngay_dang_ky", "noi_dang_ky", "co_quan_ban_hanh", "nguoi_ky"};
  static const std::set<std::string, std::less<>> marriage{"so",
                                                           "quyen_so",
                                                           "ho_ten_chong",
                                                           "ngay_sinh_chong",
                                                           "so_dinh_danh_chong",
                                                           "ho_ten_vo",
                                                           "ngay_sinh_vo",
                                                           "so_dinh_danh_vo",
                                                           "ngay_dang_ky",
                                                           "noi_dang_ky",
                                                           "co_quan_ban_hanh",
                                                           "nguoi_ky",
                                                           "ngay_cap"};
  static const std::set<std::string, std::less<>> death{
      "so",      "quyen_so",  "ho_ten",       "gioi_tinh",   "ngay_sinh",        "so_dinh_danh",
      "dan_toc", "quoc_tich", "ngay_dang_ky", "noi_dang_ky", "co_quan_ban_hanh", "nguoi_ky",
      "ngay_cap"};
  static const std::set<std::string, std::less<>> marital{
      "so",       "ho_ten",           "ngay_sinh",    "gioi_tinh",
      "dan_toc",  "quoc_tich",        "so_dinh_danh", "tinh_trang_hon_nhan",
      "muc_dich", "co_quan_ban_hanh", "nguoi_ky",     "ngay_cap"};
  static const std::set<std::string, std::less<>> official{
      "so_ky_hieu", "ngay_ban_hanh", "co_quan_ban_hanh", "trich_yeu", "nguoi_ky"};
  // An unknown paper: what any administrative paper may carry.
  static const std::set<std::string, std::less<>> other{"so_ky_hieu", "ngay_ban_hanh",
                                                       "co_quan_ban_hanh", "nguoi_ky"};
  if (doc_type == "giay_khai_sinh") return birth;
  if (doc_type == "trich_luc_ket_hon") return marriage;
  if (doc_type == "trich_luc_khai_tu") return death;
  if (doc_type == "xac_nhan_tinh_trang_hon_nhan") return marital;
  if (doc_type == "quyet_dinh" || doc_type == "cong_van") return official;
  if (doc_type == "khac") return other;
  return none;
}

// Whether `value` is a date written out in words and nothing else: each word one of "ngày",
// "tháng", "năm" and the number words, marks ignored. A word OCR garbled ("năm hai nghìn không
// trăm hai mươi hat") would leave a date that parses, but as another one.
bool NumberWordsOnly(std::string_view value) {
  static const std::set<std::string, std::less<>> kWords{
      "ngay", "thang", "nam",  "khong", "mot",   "hai",  "ba",   "bon", "tu",  "lam",
      "sau",  "bay",   "tam",  "chin",  "muoi",  "tram", "nghin", "ngan", "linh", "le"};
  const std::vector<Token> tokens = Tokens(value);
  return !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [](const Token& t) {
    return t.folded.empty() || kWords.count(t.folded) > 0;
  });
}

// Values that may wrap onto the next line: addresses and sentences.
bool MayWrap(std::string_view key) {
  return key == "noi_sinh" || key == "que_quan" || key == "noi_dang_ky" ||
         key == "tinh_trang_hon_nhan" || key == "muc_dich" || key == kBirthInWords;
}

// A line as long as a printed line gets, which a value may have wrapped at.
constexpr std::size_t kFullLine = 60;
// A wrapped value's next line: at most this many words.
constexpr std::size_t kMostWrappedWords = 30;
// A letter's subject found above its addressee: at most this many lines.
constexpr std::size_t kMostSubjectLines = 3;

// Whether tokens[at…] are `words` (accent-folded, single spaces).
bool Folded(const std::vector<Token>& tokens, std::size_t at, std::string_view words) {
  std::size_t i = at;
  for (std::size_t start = 0; start < words.size(); ++i) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (i >= tokens.size() || tokens[i].folded != words.substr(start, end - start)) return false;
    start = end + 1;
  }
  return true;
}

icu::UnicodeString Utf16(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

// Whether the first character of `word` is one `is` accepts (u_isupper, u_islower).
bool FirstCharIs(std::string_view word, UBool (*is)(UChar32)) {
  const icu::UnicodeString u = Utf16(word);
  return !u.isEmpty() && is(u.char32At(0));
}

bool StartsUpper(std::string_view word) { return FirstCharIs(word, u_isupper); }
bool StartsLower(std::string_view word) { return FirstCharIs(word, u_islower); }

// Whether tokens[at…] are `words` as OCR may garble a label ending in its colon ("Họ, chữ
// đậm, tân:"): at most two words of three letters or more a letter off (or split m: "nănr"),
// the first only in a label of four words or more ("Này, tháng, năm sinh:"), or the last word
// of two letters when it is the fourth or later ("khai tm:"), or the first word of two letters
// of four or more when no other is off ("Hạ, chữ đệm, tên:"); in a label of two words, one
// word of four letters or more ("uyển số:"), or the second of two letters after a first of
// five or more ("Quyền ở:"). The last word ends in the colon.
bool NearlyFolded(const std::vector<Token>& tokens, std::size_t at, std::string_view words) {
  std::size_t i = at;
  int off = 0;
  const auto spaces = std::count(words.begin(), words.end(), ' ');
  const bool four_or_more = spaces >= 3;
  const bool two = spaces == 1;
  bool first_off = false;  // the first word, a short one, misread
  for (std::size_t start = 0; start < words.size(); ++i) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (i >= tokens.size()) return false;
    const std::string_view word = words.substr(start, end - start);
    if (tokens[i].folded != word) {
      if (first_off) return false;  // a short first word misread: no other word may be
      // OCR splits an m in two ("nănr" for "năm"); most tokens have no such pair, and this
      // runs at every token of every line.
      const std::string& folded = tokens[i].folded;
      const bool split_m = folded.find("rn") != std::string::npos ||
                           folded.find("nr") != std::string::npos;
      const std::string unsplit =
          split_m ? text::ReplaceAll(text::ReplaceAll(folded, {"rn"}, "m"), {"nr"}, "m") : folded;
      // A short word only as the last of four or more, read with the colon ("khai tm:").
      const bool last = end == words.size();
      // Or the first of four or more of two letters, where every other word is as printed
      // ("Hạ, chữ đệm, tên:", "lọ, chữ đệm, tên:": seed 47's photocopied 0089 and 0214).
      const bool short_first = i == at && four_or_more && word.size() == 2 && folded.size() == 2;
      // Or the last of two letters of a two-word label whose first, of five letters or more,
      // is as printed ("Quyền ở:" for "Quyển số:", seed 53's photocopied extract 0317).
      const bool short_last_of_two = two && last && tokens[i].colon && word.size() == 2 &&
                                     i == at + 1 && words.find(' ') >= 5;
      const bool long_enough =
          word.size() >= (two ? 4 : 3) ||
          (last && tokens[i].colon && i - at >= 3 && word.size() == 2) || short_first ||
          short_last_of_two;
      const std::size_t a = folded.size(), b = word.size();
      const bool near =
          (i > at || four_or_more || two) && long_enough &&
          (unsplit == word ||
           (short_first ? PositionsApart(folded, word) <= 1
                        : (a > b ? a - b : b - a) <= 1 && text::EditDistance(folded, word, 1) <= 1));
      if (!near || ++off > (two ? 1 : 2)) return false;
      first_off = short_first;
    }
    start = end + 1;
  }
  return i > at && tokens[i - 1].colon;
}

// The label starting at tokens[at], longest first: its key and word count.
std::optional<std::pair<std::string_view, std::size_t>> LabelAt(const std::vector<Token>& tokens,
                                                                std::size_t at) {
  std::optional<std::pair<std::string_view, std::size_t>> best;
  for (const Label& label : kLabels) {
    const std::size_t words =
        static_cast<std::size_t>(std::count(label.words.begin(), label.words.end(), ' ')) + 1;
    if (best && words <= best->second) continue;
    if (!Folded(tokens, at, label.words) &&
        (words < 2 || !NearlyFolded(tokens, at, label.words))) {
      continue;
    }
    // Within a line, a "số:" in lower case is a sentence's ("theo Bản án số:\n272/2017/…",
    // seed 37's photocopied 0292), not the paper's number label.
    if (words == 1 && at > 0 && !StartsUpper(tokens[at].original)) continue;
    // A label's colon ends it: none inside (a semicolon there is a comma misread: "Ngày;
    // tháng, năm sinh:"). Short labels need theirs ("Số:"); long ones are labels even where
    // OCR lost it.
    const auto colon = [&](std::size_t i) { return tokens[at + i].colon; };
    bool inner_colon = false;
    for (std::size_t i = 0; i + 1 < words; ++i) {
      inner_colon = inner_colon || (colon(i) && tokens[at + i].original.back() == ':');
    }
    // A label of two words or more may end in a period OCR read for its colon, before a
    // number ("Quyển số. 01/2018"); one of three or more that opens its line, before any
    // value ("Ghi bằng; chữ. Ngày hai mươi, …", seed 47's photocopied 0217).
    const std::size_t after = at + words;
    const bool period = words >= 2 && tokens[after - 1].original.back() == '.' &&
                        after < tokens.size() && !tokens[after].folded.empty() &&
                        (std::isdigit(static_cast<unsigned char>(tokens[after].folded[0])) ||
                         (at == 0 && words >= 3));
    // A colon OCR read inside a label of four words or more that ends in its own is a speck
    // ("Nơi đăng ký kết: hôn:", seed 47's photocopied 0150).
    if (inner_colon && words >= 4 && colon(words - 1) &&
        tokens[after - 1].original.back() == ':') {
      inner_colon = false;
    }
    // One of two words that opens its line before a number, its colon lost ("Quyền số 01
    // 2021", seed 61's photocopied extract 0029).
    const bool before_number = words == 2 && at == 0 && after < tokens.size() &&
                               !tokens[after].folded.empty() && IsDigits(tokens[after].folded);
    if (!inner_colon && (colon(words - 1) || period || before_number || words >= 4)) {
      best = std::pair(label.key, words);
    }
  }
  // A label of two words that OCR read as one before its colon ("Đântộc: Kinh", seed 59's
  // photocopied certificate 0004).
  if (!best && tokens[at].colon && tokens[at].original.back() == ':') {
    for (const Label& label : kLabels) {
      if (std::count(label.words.begin(), label.words.end(), ' ') != 1) continue;
      std::string glued(label.words);
      glued.erase(std::remove(glued.begin(), glued.end(), ' '), glued.end());
      if (tokens[at].folded == glued) {
        best = std::pair(label.key, std::size_t{1});
        break;
      }
    }
  }
  // "Số:" misread at a line's start before a number: "S5: 292", "5õ: 5381/UBND-VP", "Să:76",
  // its S lost ("ố:3180/UBND-NC"); or read with a period or without its colon: "Số. 21",
  // "Số 232 Quyển số: 02/2017".
  if (!best && at == 0 && tokens.size() > 1 && tokens[0].folded.size() <= 2 &&
      !tokens[1].folded.empty() && std::isdigit(static_cast<unsigned char>(tokens[1].folded[0]))) {
    const char first = tokens[0].folded[0], second = tokens[0].folded[1];
    // Its ô also read as an 8 or an e ("S8: 159", "Sẽ: 384/XNTTHN": seed 59's photocopied
    // 0185 and 0292).
    const bool looks_like_so =
        (first == 's' || first == '5') &&
        (second == 'o' || second == '0' || second == '5' || second == '6' || second == 'a' ||
         second == '8' || second == 'e') &&
        !(first == '5' && second != 'o');
    const char last = tokens[0].original.back();
    const bool plain = last == '.' || !std::ispunct(static_cast<unsigned char>(last));
    // With its capital: a body line wrapped before "số 107/2021/NĐ-CP" is no number's label.
    const bool so_without_colon =
        tokens[0].folded == "so" && plain && tokens[0].original[0] == 'S';
    const bool s_lost = tokens[0].folded == "o" && tokens[0].colon;
    // With a period for its colon only in its capital ("S8. 222", seed 59's 0057).
    const bool so_with_period = last == '.' && looks_like_so && tokens[0].original[0] == 'S';
    if ((tokens[0].colon && looks_like_so) || so_without_colon || so_with_period || s_lost) {
      best = std::pair(std::string_view("so"), std::size_t{1});
    }
  }
  return best;
}

std::string Join(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += tokens[i].original;
  }
  return out;
}

std::string Tidy(std::string value) {
  value = text::ToCanonical(value);
  // OCR's dust after a value: punctuation, a dash, closing quotes (”, U+201D, is E2 80 9D).
  const auto dust = [](const std::string& v) {
    if (v.empty()) return std::size_t{0};
    const char c = v.back();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == ' ' || c == '-' || c == '"' ||
        c == '\'') {
      return std::size_t{1};
    }
    // And en and em dashes (E2 80 93, E2 80 94: "393/XNTTHN—", seed 53's photocopied 0036).
    for (const std::string_view wide : {"\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x94"}) {
      if (v.size() >= 3 && v.compare(v.size() - 3, 3, wide) == 0) return std::size_t{3};
    }
    return std::size_t{0};
  };
  for (std::size_t n = dust(value); n > 0; n = dust(value)) value.resize(value.size() - n);
  while (!value.empty() && std::string_view(" -:").find(value.front()) != std::string_view::npos) {
    value.erase(0, 1);
  }
  return value;
}

// How many of tokens[k…] spell "ỦY BAN NHÂN DÂN", also with OCR's dot or dash for a space
// ("ỦY.BAN", "BAN-NHÂN"); 0 when they do not.
std::size_t CommitteeAt(const std::vector<Token>& tokens, std::size_t k) {
  constexpr std::string_view kCommittee = "uybannhandan";
  std::string joined;
  for (std::size_t j = k; j < tokens.size() && j < k + 4; ++j) {
    joined += tokens[j].folded;
    if (joined == kCommittee) return j - k + 1;
    if (joined.empty() || kCommittee.substr(0, joined.size()) != joined) return 0;
  }
  return 0;
}

// The issuing body from the letterhead: "ỦY BAN NHÂN DÂN" and the place under it (on the same
// line where OCR joined them, before the motto's "CỘNG HÒA …" / "Độc lập …").
std::string Letterhead(const std::vector<std::string_view>& lines) {
  // Each unit folded, and as it is written (OCR's marks on it are not needed: "tính" for "tỉnh").
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kUnits{{
      {"thanh pho", "thành phố"},
      {"thi tran", "thị trấn"},
      {"thi xa", "thị xã"},
      {"phuong", "phường"},
      {"huyen", "huyện"},
      {"quan", "quận"},
      {"tinh", "tỉnh"},
      {"xa", "xã"},
  }};
  const std::size_t first_lines = std::min<std::size_t>(lines.size(), 8);
  for (std::size_t l = 0; l < first_lines; ++l) {
    const std::vector<Token> tokens = Tokens(lines[l]);
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const std::size_t words = CommitteeAt(tokens, k);
      if (words == 0) continue;
      // The place: the rest of this line, or else one of the next lines (OCR leaves empty ones
      // between a letterhead's halves), up to the motto; without OCR's dust before it ("- XÃ
      // LIÊN MINH").
      for (std::size_t next = l; next < std::min(first_lines, l + 4); ++next) {
        const std::vector<Token> place = next == l ? tokens : Tokens(lines[next]);
        std::size_t from = next == l ? k + words : 0;
        while (from < place.size() && place[from].folded.empty()) ++from;
        std::size_t to = from;
        // The motto also with its "lập" a letter off ("XÃ HÒA PHONG Độc tập - Tự do", seed
        // 53's photocopied birth certificate 0217).
        const auto motto = [&](std::size_t at) {
          return Folded(place, at, "cong hoa") || Folded(place, at, "doc lap") ||
                 (place[at].folded == "doc" && at + 1 < place.size() &&
                  text::EditDistance(place[at + 1].folded, "lap", 1) <= 1);
        };
        // A colon inside the place's capitals is a speck ("XÃ TÂN: THÔNG HỘI", seed 53's
        // photocopied extract 0253); one before anything else ends it ("Số:").
        const auto speck = [&](std::size_t at) {
          return place[at].colon && place[at].folded != "so" && at + 1 < place.size() &&
                 IsCapitals(place[at].original) && IsCapitals(place[at + 1].original);
        };
        while (to < place.size() && !motto(to) && (!place[to].colon || speck(to))) ++to;
        for (const auto& [unit, written] : kUnits) {
          // A unit of five letters or more may have one wrong ("THƯỜNG MINH AN", seed 61's
          // photocopied 0217), and "tỉnh" a stroke read after it ("TỈNHI", seed 59's 0146).
          const std::string& first = from < place.size() ? place[from].folded : std::string();
          const bool near_unit =
              unit.find(' ') == std::string_view::npos && !first.empty() &&
              ((unit.size() >= 5 && text::EditDistance(first, unit, 1) <= 1) ||
               (unit == "tinh" && first.size() == 5 && first.rfind("tinh", 0) == 0));
          if (!Folded(place, from, unit) && !near_unit) continue;
          const std::size_t unit_words = unit.find(' ') == std::string_view::npos ? 1 : 2;
          if (from + unit_words >= to) break;
          std::string name = text::ReplaceAll(Join(place, from + unit_words, to), {":"}, "");
          // A long name wraps in the narrow column: its last word in capitals alone on the
          // next line ("THÀNH PHỐ BUÔN MA / THUỘT"), when the place's line ended with it. (Two
          // words there would as likely be a title: "QUYẾT ĐỊNH", "THÔNG BÁO".)
          if (to == place.size() && next + 1 < lines.size()) {
            const std::vector<Token> rest = Tokens(lines[next + 1]);
            const bool more = rest.size() == 1 && IsCapitals(lines[next + 1]) &&
                              std::none_of(rest.begin(), rest.end(), [](const Token& t) {
                                return t.colon || t.folded.empty() ||
                                       std::any_of(t.folded.begin(), t.folded.end(), [](char c) {
                                         return std::isdigit(static_cast<unsigned char>(c));
                                       });
                              }) &&
                              !Folded(rest, 0, "cong hoa");
            if (more) name += " " + Join(rest, 0, rest.size());
          }
          return "Ủy ban nhân dân " + std::string(written) + " " + TitleCase(name);
        }
      }
      return {};
    }
  }
  return {};
}

// The place-and-date line under the motto ("Đông Sang, ngày 03 tháng 10 năm 2025"), or "".
// A line shaped like one whose date OCR garbled ("ngày 27 tháng Z7") is returned when no other
// line is, so that the date goes to review rather than missing without a word.
// Citizens' forms date themselves at the end instead: "Làm tại: Tân An, ngày 19 tháng 8 năm
// 2024".
std::string_view DateLine(const std::vector<std::string_view>& lines) {
  std::string_view garbled;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::string folded = text::FoldForSearch(lines[l]);
    if (l >= 15) {
      // "Làm tại:" as OCR may read it ("Làm tợi:"), after dust ("- Làm tại:", seed 71's
      // photocopied form 0072).
      std::vector<Token> tokens = Tokens(lines[l]);
      while (!tokens.empty() && tokens.front().folded.empty()) tokens.erase(tokens.begin());
      if (tokens.size() < 2 || tokens[0].folded != "lam" || !tokens[1].colon ||
          text::EditDistance(tokens[1].folded, "tai", 1) > 1) {
        continue;
      }
    }
    // After the place's comma, or the semicolon or full stop OCR read for it ("Quảng Ninh.
    // ngày 04 tháng 11", seed 59's photocopied letter 0075), with a dash or spaces between or
    // none ("Phước Vĩnh An,-ngày 01", its extract 0253).
    std::size_t at = std::string::npos;
    for (std::size_t p = folded.find("ngay "); p != std::string::npos;
         p = folded.find("ngay ", p + 1)) {
      std::size_t before = p;
      while (before > 0 && (folded[before - 1] == ' ' || folded[before - 1] == '-')) --before;
      if (before > 0 && std::string_view(",;.").find(folded[before - 1]) != std::string_view::npos) {
        at = before - 1;
        break;
      }
    }
    if (at == std::string::npos || folded.find("thang", at) == std::string::npos) continue;
    if (ParseDate(lines[l])) return lines[l];
    if (garbled.empty() && folded.find("nam", at) != std::string::npos) garbled = lines[l];
  }
  return garbled;
}

// A word without the quote marks OCR puts before it ("'Thị": a speck read as an apostrophe).
std::string_view Unquoted(std::string_view word) {
  for (const std::string_view quote : {"'", "\"", "‘", "’", "“", "”", "`"}) {
    if (word.substr(0, quote.size()) == quote) return Unquoted(word.substr(quote.size()));
  }
  return word;
}

// Whether tokens[from, to) are a person's name: two to five capitalized words without digits,
// a family name first.
bool NameShaped(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  if (to - from < 2 || to - from > 5) return false;
  const bool words = std::all_of(tokens.begin() + from, tokens.begin() + to, [](const Token& t) {
    return StartsUpper(Unquoted(t.original)) && !t.folded.empty() &&
           std::none_of(t.folded.begin(), t.folded.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  });
  return words && !FamilyName(tokens[from].folded).empty();
}

// A civil-status paper prints the signer's position under their name ("Chủ tịch"), where the
// civil servant's name beside it has none: a name over a position is the signer's, wherever
// OCR put the other name. Two signers side by side (minutes: the secretary and the chair; a
// couple's form), read as one line, sign in order of rank left to right: the right one.
struct SignerFound {
  std::string name;
  std::size_t line = 0;
  bool beside = false;  // one of two names read as one line: no position of its own
};

SignerFound Signer(const std::vector<std::string_view>& lines) {
  int looked = 0;
  SignerFound last_name;
  std::string_view below;  // the next non-empty line under the one looked at
  for (std::size_t l = lines.size(); l-- > 0 && looked < 8;) {
    std::vector<Token> tokens = Tokens(lines[l]);
    // Marks OCR read around a name ("- Hồ Thị Thu Tuyết", a signature's last stroke).
    while (!tokens.empty() && tokens.back().folded.empty()) tokens.pop_back();
    const auto first = std::find_if(tokens.begin(), tokens.end(),
                                    [](const Token& t) { return !t.folded.empty(); });
    tokens.erase(tokens.begin(), first);
    if (tokens.empty()) continue;
    ++looked;
    const std::string_view under = below;
    below = lines[l];
    if (!NameShaped(tokens, 0, tokens.size())) {
      // Where several splits give two names, the right one's first word written as its family
      // name is preferred: "Huỳnh Đình Bình Nguyễn Đình Tuấn" is not "… Nguyễn" and "Đinh
      // Tuấn", though "Đình" folds like the family name Đinh.
      const std::size_t n = tokens.size();
      std::size_t chosen = 0;
      for (std::size_t split = n - 2; n >= 4 && n <= 10 && last_name.name.empty() && split >= 2;
           --split) {
        if (!NameShaped(tokens, 0, split) || !NameShaped(tokens, split, tokens.size())) continue;
        const std::string first = TitleCase(std::string(Unquoted(tokens[split].original)));
        const bool written_as_family = FamilyName(tokens[split].folded) == first;
        if (chosen == 0 || written_as_family) chosen = split;
        if (written_as_family) break;
      }
      if (chosen != 0) last_name = {Name(Join(tokens, chosen, tokens.size())), l, true};
      continue;
    }
    const std::vector<Token> position = Tokens(under);
    const std::string name = Name(Join(tokens, 0, tokens.size()));
    if (Folded(position, 0, "chu tich") || Folded(position, 0, "pho chu tich")) {
      return {name, l, false};
    }
    if (last_name.name.empty()) last_name = {name, l, false};
  }
  return last_name;
}

// The signer's position ("Phó Chủ tịch"): the nearest line over the signer's name (past the
// signature's OCR dust) that is a position, else the line under it (civil-status papers print
// it there), without the authority prefix (TM., KT., Q., TL., TUQ.); written as the list
// writes it. "" when none is.
std::string Position(const std::vector<std::string_view>& lines, std::size_t name_line) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kPositions{{
      {"pho chu tich", "Phó Chủ tịch"},
      {"chu tich", "Chủ tịch"},
      {"pho giam doc", "Phó Giám đốc"},
      {"giam doc", "Giám đốc"},
      {"pho chanh van phong", "Phó Chánh Văn phòng"},
      {"chanh van phong", "Chánh Văn phòng"},
      {"pho truong phong", "Phó Trưởng phòng"},
      {"truong phong", "Trưởng phòng"},
      {"cuc truong", "Cục trưởng"},
      {"chu tri", "Chủ trì"},
  }};
  const auto position_of = [](std::string_view line) -> std::string_view {
    std::vector<Token> tokens = Tokens(line);
    std::size_t from = 0;
    while (from < tokens.size() && (tokens[from].folded == "tm" || tokens[from].folded == "kt" ||
                                    tokens[from].folded == "q" || tokens[from].folded == "tl" ||
                                    tokens[from].folded == "tuq")) {
      ++from;
    }
    std::string folded;
    for (std::size_t i = from; i < tokens.size(); ++i) {
      folded += (folded.empty() ? "" : " ") + tokens[i].folded;
    }
    for (const auto& [words, written] : kPositions) {
      if (folded == words) return written;
    }
    return {};
  };
  int looked = 0;
  for (std::size_t l = name_line; l-- > 0 && looked < 4;) {
    if (Tokens(lines[l]).empty()) continue;
    ++looked;
    if (const std::string_view found = position_of(lines[l]); !found.empty()) {
      return std::string(found);
    }
  }
  for (std::size_t l = name_line + 1; l < lines.size(); ++l) {
    if (Tokens(lines[l]).empty()) continue;
    return std::string(position_of(lines[l]));
  }
  return {};
}

// "V/v" read with its second half garbled ("VI", "V/x", "V/w", "Víw", "'Vlv"): a V, then one
// or two of the slash's and the v's look-alikes. Not "VI." (a section's Roman numeral) nor a
// word ("Vì").
bool GarbledVv(std::string_view original) {
  while (!original.empty() &&
         (original.front() == '\'' || original.front() == '"' || original.front() == '`')) {
    original.remove_prefix(1);
  }
  const std::string read = text::ReplaceAll(std::string(original), {"í", "ì", "Í"}, "/");
  return read.size() >= 2 && read.size() <= 3 && read[0] == 'V' &&
         read.find_first_not_of("/|Il1vwxyV", 1) == std::string::npos;
}

// "V" and one more capital letter ("VW", "VĂ").
bool VAndACapital(std::string_view original) {
  const icu::UnicodeString u = Utf16(original);
  return u.countChar32() == 2 && u.charAt(0) == 'V' && u_isupper(u.char32At(1));
}

// A subject wraps as running text: a dash that opens one of its later lines ("-trên địa bàn",
// "— trên") is dust, not a bullet.
std::string WithoutOpeningDash(std::string line) {
  static constexpr std::array<std::string_view, 3> kDashes{"-", "\u2013", "\u2014"};
  for (bool found = true; found;) {
    found = false;
    for (std::string_view dash : kDashes) {
      if (line.rfind(dash, 0) == 0) {
        line.erase(0, dash.size());
        found = true;
      }
    }
    if (found) line.erase(0, line.find_first_not_of(' '));
  }
  return line;
}

// A decision's subject ("Về việc …") or an official letter's ("V/v …", without the "V/v"),
// with the lines it wraps onto: up to a line in capitals, a label, the legal bases, the
// addressee or the date line. A letter whose "V/v" OCR lost altogether has its subject in the
// lines right above the addressee ("Kính gửi:"), below the date line, motto or number.
std::string Subject(std::string_view doc_type, const std::vector<std::string_view>& lines) {
  const bool letter = doc_type == "cong_van";
  const auto squeezed = [](std::string_view line) {  // (Spaces dropped: OCR joins "Kínhgửi".)
    std::string folded = text::FoldForSearch(line);
    folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    return folded;
  };
  // Also garbled, in its first two words: a K word, then "gửi" a letter off ("“Kim gửi” Các
  // sở", "Kính gi - Các sở": seeds 59 and 61's photocopied letters 0235 and 0267).
  const auto addressee = [&](std::string_view line) {
    if (squeezed(line).find("kinhgui") != std::string::npos) return true;
    const std::vector<Token> tokens = Tokens(line);
    return tokens.size() >= 3 && Unquoted(tokens[0].original).substr(0, 1) == "K" &&
           tokens[0].folded.size() <= 5 && text::EditDistance(tokens[1].folded, "gui", 1) <= 1;
  };
  // Whether a line is no part of a subject, but what follows or precedes one.
  const auto outside = [&](std::string_view line, const std::vector<Token>& tokens) {
    bool labelled = false;
    for (std::size_t i = 0; i < tokens.size() && !labelled; ++i) {
      labelled = LabelAt(tokens, i).has_value();
    }
    const std::string folded = squeezed(line);
    return labelled || IsCapitals(line) || folded.rfind("cancu", 0) == 0 || addressee(line) ||
           folded.find(",ngay") != std::string::npos || folded.find("doclap") != std::string::npos;
  };
  const std::size_t head = std::min<std::size_t>(lines.size(), 25);
  const auto head_end = lines.begin() + static_cast<std::ptrdiff_t>(head);
  // A garbled "V/v" is taken only above the addressee, where a letter prints its subject.
  const std::size_t addressed_at =
      static_cast<std::size_t>(std::find_if(lines.begin(), head_end, addressee) - lines.begin());
  for (std::size_t l = 0; l < head; ++l) {
    const std::vector<Token> tokens = Tokens(lines[l]);
    if (tokens.empty()) continue;
    // OCR may lose the second v ("V/ đôn đốc …"): the slash still marks the prefix. Or it
    // may lose the slash ("V v triển khai …"): two lone v's at a line's start are no word.
    std::size_t prefix = 0;
    if (!letter) {
      // A stamp's or a margin's dust may be read before it: one or two capitals ("TH Về việc
      // cho phép …", seed 47's photocopied 0050).
      // Or a dash or a quote ("- Về việc khen thưởng …", seed 61's photocopied 0082).
      const bool dust = tokens.size() > 2 && tokens[0].original.size() <= 2 &&
                        (tokens[0].folded.empty() ||
                         (tokens[0].folded.size() == tokens[0].original.size() &&
                          IsCapitals(tokens[0].original))) &&
                        Folded(tokens, 1, "ve viec");
      // Its "Về" misread, before "việc" ("Và việc phê duyệt …", seed 61's photocopied 0242).
      const bool ve_misread = tokens.size() > 2 && tokens[0].original[0] == 'V' &&
                              tokens[0].folded.size() == 2 && tokens[0].folded[0] == 'v' &&
                              tokens[1].folded == "viec";
      prefix = Folded(tokens, 0, "ve viec") || ve_misread ? 0 : dust ? 1 : std::string::npos;
    } else if (tokens[0].folded == "vv" || (tokens[0].folded == "v" &&
                                             tokens[0].original.size() == 2 &&
                                             tokens[0].original[1] == '/')) {
      prefix = 1;
    } else if (tokens.size() > 1 && tokens[0].original == "V" && tokens[1].original == "v") {
      prefix = 2;
    } else if (l < addressed_at &&
               (GarbledVv(tokens[0].original) ||
                // Its "/v" lost: a lone V before a word in lower case ("V đôn đốc"); or read
                // as one capital ("VW tăng cường", "VA đôn đốc", "VŨ triển khai": seeds 53
                // and 71's photocopied letters 0299, 0011, 0171 and 0235).
                ((tokens[0].original == "V" || VAndACapital(tokens[0].original)) &&
                 tokens.size() > 1 && !StartsUpper(tokens[1].original)))) {
      prefix = 1;
    } else {
      prefix = std::string::npos;
    }
    if (prefix == std::string::npos || tokens.size() <= prefix) continue;
    // A decision's "Về việc" as it is printed, whatever case OCR read it in ("VỀ việc").
    std::string subject = letter ? Join(tokens, prefix, tokens.size())
                                 : std::string("Về việc") + (tokens.size() > prefix + 2 ? " " : "") +
                                       Join(tokens, prefix + 2, tokens.size());
    bool gap = false;  // a blank line since the subject's last
    for (std::size_t next = l + 1; next < lines.size(); ++next) {
      const std::vector<Token> more = Tokens(lines[next]);
      if (more.empty()) {
        gap = true;
        continue;
      }
      // Past a blank line, a line that opens with a capital is a new block, not the subject
      // wrapping on: the addressee garbled past knowing or a stamp's words.
      if (gap && !more[0].folded.empty() && StartsUpper(Unquoted(more[0].original))) break;
      // A subject holds no colon: a line with any before a capital that would go on it is a
      // label or the addressee OCR garbled past knowing ("v21 c2 nữ, Kính giầ: Các sở", "N)
      // ñfflùi: Các sở": seeds 41 and 47's photocopied letters 0139 and 0299). One before a
      // word in lower case, or that ends the line, is a speck, dropped ("trong: thực hiện",
      // "… năm 2023:": seed 61's photocopied decision 0274, seed 53's 0306).
      const std::size_t colon = lines[next].find(':');
      bool label_colon = false;
      for (std::size_t at = colon; at != std::string_view::npos && !label_colon;
           at = lines[next].find(':', at + 1)) {
        const std::vector<Token> after = Tokens(lines[next].substr(at + 1));
        const auto word = std::find_if(after.begin(), after.end(),
                                       [](const Token& t) { return !t.folded.empty(); });
        label_colon = word != after.end() && StartsUpper(Unquoted(word->original));
      }
      if (outside(lines[next], more) || label_colon) break;
      // A full stop ends it, unless the next line goes on in lower case, without a colon:
      // then it was a speck ("sử dụng lại dữ.\nliệu đã được số hóa", seed 29's photocopied
      // 0203; not "chính.\nso. ph gửi: - Các sở", seed 37's 0235, a garbled "Kính gửi:").
      if (subject.back() == '.') {
        if (more[0].folded.empty() || StartsUpper(Unquoted(more[0].original)) ||
            !std::isalpha(static_cast<unsigned char>(more[0].folded[0])) ||
            colon != std::string_view::npos) {
          break;
        }
        subject.pop_back();
      }
      std::string line = WithoutOpeningDash(Join(more, 0, more.size()));
      if (colon != std::string_view::npos) {
        line = text::ReplaceAll(line, {" :", ":"}, "");
      }
      if (!line.empty()) subject += " " + line;
    }
    return subject;
  }
  if (!letter || addressed_at == head) return {};
  const auto to = lines.begin() + static_cast<std::ptrdiff_t>(addressed_at);
  std::vector<std::string_view> above;
  for (auto l = to; l != lines.begin() && above.size() < kMostSubjectLines;) {
    --l;
    const std::vector<Token> tokens = Tokens(*l);
    if (tokens.empty()) continue;
    if (outside(*l, tokens)) break;
    above.push_back(*l);
  }
  std::string subject;
  for (auto l = above.rbegin(); l != above.rend(); ++l) {
    const std::vector<Token> tokens = Tokens(*l);
    std::string line = Join(tokens, 0, tokens.size());
    if (!subject.empty()) line = WithoutOpeningDash(std::move(line));
    if (!line.empty()) subject += (subject.empty() ? "" : " ") + line;
  }
  return subject;
}

// The administrative units an address is made of, folded without spaces, and as written in
// an address (lower case). Short ones must be read exactly; longer ones may have a letter
// wrong ("nuyện", "thành phế").
struct Unit {
  std::string_view folded;
  std::string_view written;
};
constexpr std::array<Unit, 8> kAddressUnits{{
    {"thanhpho", "thành phố"},
    {"thitran", "thị trấn"},
    {"thixa", "thị xã"},
    {"phuong", "phường"},
    {"huyen", "huyện"},
    {"quan", "quận"},
    {"tinh", "tỉnh"},
    {"xa", "xã"},
}};

// The unit `words[from…]` starts with and how many words it takes, if any.
std::optional<std::pair<const Unit*, std::size_t>> UnitAt(const std::vector<Token>& words,
                                                          std::size_t from) {
  for (const Unit& unit : kAddressUnits) {
    const std::size_t count = unit.written.find(' ') == std::string_view::npos ? 1 : 2;
    if (from + count >= words.size()) continue;  // a unit is followed by its name
    std::string folded;
    for (std::size_t i = from; i < from + count; ++i) folded += words[i].folded;
    const int allowed = unit.folded.size() >= 5 ? 1 : 0;
    if (text::EditDistance(folded, unit.folded, allowed) <= allowed) {
      return std::pair(&unit, count);
    }
  }
  return std::nullopt;
}

// OCR's slashes that are not the slash: the fraction slash and the division slash.
std::string PlainSlashes(std::string text) {
  return text::ReplaceAll(std::move(text), {"⁄", "∕"}, "/");
}

// A document's number and symbol ("87/QĐ-UBND") with the kind of paper in it as the list of
// kinds (Nghị định 30/2020, Appendix III) writes it, where OCR doubled or lost a letter of it
// ("87/QĐĐ-UBND") and only one kind is that near, and its slash a slash, put back where OCR
// lost it between the number and a symbol in capitals ("34GM-UBND"), and UBND where OCR read
// its U as LI; everything else as printed. A paper of a people's committee (`by_committee`)
// signs its symbol with UBND, so a part of it in three or four capitals one letter off that is
// UBND ("QĐ-VBND", "UBNL-NC", "QĐ-BND"), and a last part that opens with UBND and goes on in
// two to four capitals lost the dash before the department ("UBNDNC").
std::string NormalizeSymbol(const std::string& printed, bool by_committee) {
  // "LIBND": the U of UBND read as two strokes.
  std::string symbol = text::ReplaceAll(PlainSlashes(printed), {"LIBND"}, "UBND");
  // The number before the slash is digits: a digit's look-alike letter in it is that digit
  // ("B626/UBND-NC", seed 53's photocopied letter 0075).
  if (const std::size_t slash = symbol.find('/'); slash != std::string::npos && slash > 1) {
    std::string number = symbol.substr(0, slash);
    const bool look_alikes = std::all_of(number.begin(), number.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) ||
             std::string_view("BOoIl|").find(c) != std::string_view::npos;
    });
    if (look_alikes && std::count_if(number.begin(), number.end(), [](char c) {
                         return std::isdigit(static_cast<unsigned char>(c));
                       }) * 2 > static_cast<std::ptrdiff_t>(number.size())) {
      for (char& c : number) {
        c = c == 'B' ? '8' : c == 'O' || c == 'o' ? '0' : c == 'I' || c == 'l' || c == '|' ? '1' : c;
      }
      symbol.replace(0, slash, number);
    }
  }
  if (by_committee) {
    constexpr std::string_view kCommittee = "UBND";
    for (std::size_t from = symbol.find('/'); from != std::string::npos;) {
      const std::size_t end = symbol.find('-', from + 1);
      const std::size_t length = (end == std::string::npos ? symbol.size() : end) - from - 1;
      // Capitals; one with a mark is its base letter ("UÄND", seed 29's photocopied 0242).
      std::string part = symbol.substr(from + 1, length);
      const bool marked =
          !std::all_of(part.begin(), part.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
          IsCapitals(part);
      if (marked) {
        part = text::FoldForSearch(part);
        for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      const bool capitals = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
        return c >= 'A' && c <= 'Z';
      });
      if (capitals && part.size() + 1 >= kCommittee.size() && part.size() <= kCommittee.size() &&
          text::EditDistance(part, kCommittee, 1) == 1) {
        // A letter misread ("VBND") or lost ("BND").
        symbol.replace(from + 1, length, kCommittee);
      } else if (capitals && !marked && part.size() >= kCommittee.size() + 2 &&
                 part.size() <= kCommittee.size() + 4 && part.rfind(kCommittee, 0) == 0 &&
                 end == std::string::npos) {
        // The dash before the department lost ("UBNDNC").
        symbol.insert(from + 1 + kCommittee.size(), "-");
        break;
      }
      from = end;
    }
  }
  if (const std::size_t digits = symbol.find_first_not_of("0123456789");
      digits > 0 && digits != std::string::npos && symbol.find('/') == std::string::npos &&
      symbol.find('-', digits) != std::string::npos) {
    if (StartsUpper(std::string_view(symbol).substr(digits))) symbol.insert(digits, "/");
  }
  static constexpr std::array<std::string_view, 24> kKinds{
      "NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA",
      "BC", "BB", "TTr", "HĐ", "CĐ", "GUQ", "GM", "GGT", "GNP", "PC", "PB", "TC"};
  const std::size_t slash = symbol.find('/');
  if (slash == std::string::npos) return symbol;
  const std::size_t dash = symbol.find('-', slash);
  const std::string kind = symbol.substr(slash + 1, dash == std::string::npos
                                                        ? std::string::npos
                                                        : dash - slash - 1);
  const std::string folded = text::FoldForSearch(kind);
  const auto with_kind = [&](std::string_view known) {
    return symbol.substr(0, slash + 1) + std::string(known) +
           (dash == std::string::npos ? "" : symbol.substr(dash));
  };
  // "QD": the one kind spelled so but for its Đ. "HD" is a kind and so is "HĐ".
  std::vector<std::string_view> same;
  for (const std::string_view known : kKinds) {
    if (known == kind) return symbol;
    if (text::FoldForSearch(known) == folded) same.push_back(known);
  }
  if (same.size() == 1) return with_kind(same[0]);
  if (folded.size() < 3 || !same.empty()) return symbol;
  std::string_view near, undoubled;
  int count = 0, undoubled_count = 0;
  for (const std::string_view known : kKinds) {
    const std::string known_folded = text::FoldForSearch(known);
    if (text::EditDistance(folded, known_folded, 1) <= 1) {
      near = known;
      ++count;
    }
    // OCR's commonest slip here: a letter read twice.
    for (std::size_t i = 0; i + 1 < folded.size(); ++i) {
      if (folded[i] == folded[i + 1] && std::string(folded).erase(i, 1) == known_folded) {
        undoubled = known;
        ++undoubled_count;
        break;
      }
    }
  }
  if (undoubled_count == 1) {
    near = undoubled;
  } else if (count != 1) {
    return symbol;
  }
  return with_kind(near);
}

// "Việt Nam" read garbled ("vì lật Nam", "Việt: Nam": seeds 53 and 59's photocopied
// certificate 0132 and birth certificate 0025): no other nationality is a V word or two and
// "Nam". Anything else as read.
std::string Nationality(const std::string& value) {
  std::string letters;
  for (const char c : text::FoldForSearch(value)) {
    if (std::isalpha(static_cast<unsigned char>(c))) letters.push_back(c);
  }
  const bool viet_nam = letters.size() >= 6 && letters.size() <= 10 && letters[0] == 'v' &&
                        letters.compare(letters.size() - 3, 3, "nam") == 0;
  return viet_nam ? "Việt Nam" : value;
}

// Vietnam's 54 ethnic groups as the official list writes them. A "Dân tộc:" value that opens
// with one of them (accent-insensitively) is that one: OCR's trailing dust and a garbled next
// label ("Kinh Cốc tịch: Việt Nam") are not part of it.
std::string Ethnicity(const std::string& value) {
  static constexpr std::array<std::string_view, 54> kGroups{
      "Kinh",     "Tày",        "Thái",     "Mường",   "Khmer",    "Hoa",     "Nùng",
      "Mông",     "Dao",        "Gia Rai",  "Ê Đê",    "Ba Na",    "Sán Chay", "Chăm",
      "Cơ Ho",    "Xơ Đăng",    "Sán Dìu",  "Hrê",     "Ra Glai",  "Mnông",   "Thổ",
      "Xtiêng",   "Khơ Mú",     "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi",   "Mạ",
      "Giẻ Triêng", "Co",       "Chơ Ro",   "Xinh Mun", "Hà Nhì",  "Chu Ru",  "Lào",
      "La Chí",   "Kháng",      "Phù Lá",   "La Hủ",   "La Ha",    "Pà Thẻn", "Lự",
      "Ngái",     "Chứt",       "Lô Lô",    "Mảng",    "Cơ Lao",   "Bố Y",    "Cống",
      "Si La",    "Pu Péo",     "Rơ Măm",   "Brâu",    "Ơ Đu"};
  const std::vector<Token> tokens = Tokens(value);
  std::string_view best;
  std::size_t best_words = 0;
  for (const std::string_view group : kGroups) {
    const std::vector<Token> words = Tokens(group);
    std::string folded;
    for (const Token& w : words) {
      if (w.folded.empty()) continue;
      folded += (folded.empty() ? "" : " ") + w.folded;
    }
    const std::size_t count = static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
    if (count > best_words && Folded(tokens, 0, folded)) {
      best = group;
      best_words = count;
    }
  }
  return best.empty() ? value : std::string(best);
}

// A registration number as digits: OCR's look-alike letters in it ("I1", "l2", "BI") read as
// the digits they stand for when the rest are digits; a number run into its paper's kind in
// capitals ("366XNTTHN") given back its slash, and a marital-status certificate's kind with a
// letter misread ("282/XMTTHN") or marked ("72/XÑTTHN") written right; anything else as
// printed.
std::string RegistrationNumber(const std::string& printed) {
  const std::string number = PlainSlashes(printed);
  constexpr std::string_view kMaritalStatus = "XNTTHN";
  // Compared without marks: OCR puts some on the kind's capitals ("72/XÑTTHN").
  if (const std::size_t slash = number.find('/');
      slash != std::string::npos && IsDigits(std::string_view(number).substr(0, slash)) &&
      number.substr(slash + 1) != kMaritalStatus &&
      text::EditDistance(text::FoldForSearch(number.substr(slash + 1)), "xntthn", 1) <= 1) {
    return number.substr(0, slash + 1) + std::string(kMaritalStatus);
  }
  std::string digits;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == 'I' || c == 'l' || c == 'i' || c == '|') {
      digits.push_back('1');
    } else if (c == 'O' || c == 'o') {
      digits.push_back('0');
    } else if (c == 'B') {
      digits.push_back('8');
    } else {
      const bool digits_so_far = std::all_of(number.begin(), number.begin() + i, [](char d) {
        return std::isdigit(static_cast<unsigned char>(d));
      });
      const bool kind_after = number.size() - i >= 2 && IsCapitals(number.substr(i)) &&
                              std::none_of(number.begin() + i, number.end(), [](char d) {
                                return std::isdigit(static_cast<unsigned char>(d)) || d == '/';
                              });
      return i > 0 && digits_so_far && kind_after ? number.substr(0, i) + "/" + number.substr(i)
                                                 : number;
    }
  }
  return digits;
}

// `text` with a space for each full stop OCR read between a lower-case letter and a letter
// `next` accepts.
std::string StopsToSpaces(const std::string& text, UBool (*next)(UChar32)) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  for (int32_t i = 1; i + 1 < u.length(); ++i) {
    if (u.charAt(i) == '.' && u_islower(u.char32At(i - 1)) && next(u.char32At(i + 1))) {
      u.setCharAt(i, ' ');
    }
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A quote mark alone in a sentence's value, glued to a word's edge, is dust ("huyện Vũ 'Thư"):
// quoted names come in pairs.
std::string WithoutLoneQuote(std::string value) {
  // Each mark and the one that closes or opens it.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kQuotes{{
      {"'", "'"},
      {"\"", "\""},
      {"\u201C", "\u201D"},
      {"\u201D", "\u201C"},
      {"\u2018", "\u2019"},
      {"\u2019", "\u2018"},
  }};
  for (const auto& [mark, partner] : kQuotes) {
    const std::size_t at = value.find(mark);
    if (at == std::string::npos || value.find(mark, at + 1) != std::string::npos ||
        (partner != mark && value.find(partner) != std::string::npos)) {
      continue;
    }
    const bool word_start = at == 0 || value[at - 1] == ' ';
    const std::size_t after = at + mark.size();
    const bool word_end = after == value.size() || value[after] == ' ';
    if (word_start != word_end) value.erase(at, mark.size());
  }
  return value;
}

// A sentence's words without the full stop OCR read between two of them ("Bổ.sung"), nor the
// dash it read between a word in lower case and the next ("ly-hôn", "huyện-Củ Chi"); a dash
// after a capital stays ("Bà Rịa-Vũng Tàu", "HNGĐ-ST").
std::string UnglueWords(const std::string& sentence) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(StopsToSpaces(sentence, u_islower));
  for (int32_t i = 1; i + 1 < u.length(); ++i) {
    if (u.charAt(i) != '-' || !u_islower(u.char32At(i - 1)) || !u_isalpha(u.char32At(i + 1))) {
      continue;
    }
    int32_t start = i - 1;
    while (start > 0 && !u_isUWhiteSpace(u.char32At(start - 1))) --start;
    if (u_islower(u.char32At(start))) u.setCharAt(i, ' ');
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A sentence's value without OCR's dust in it: a colon after the word "số" before its number
// ("Bản án số: 272/2017/HNGĐ-ST", "số : 299/2017/…": running text writes none), a dash glued
// to a word's end before the next word in lower case ("Cơ- sở", "Cơ— sở"), and a run of
// tokens at its end that no sentence ends with: symbols ("&"), letters mixed with digits
// ("CT1", but not a number and symbol "107/2021/NĐ-CP"), a capital after a small letter
// ("cT", "ChND"), and a short word in capitals just before such a token ("TS ChND").
std::string WithoutDust(const std::string& read) {
  std::string sentence;
  const std::vector<Token> words = Tokens(read);
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i].original;
    const bool before_number = i + 1 < words.size() && !words[i + 1].folded.empty() &&
                               std::isdigit(static_cast<unsigned char>(words[i + 1].folded[0]));
    if (before_number && words[i].folded == "so" && word.back() == ':') word.remove_suffix(1);
    if (before_number && word == ":" && i > 0 && words[i - 1].folded == "so") continue;
    sentence += (sentence.empty() ? "" : " ") + std::string(word);
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(sentence);
  for (int32_t i = 1; i + 2 < u.length(); ++i) {
    const UChar c = u.charAt(i);
    // A dash or a full stop between two words in lower case: one sentence goes on ("khen
    // thưởng. các tập thể", "trong thực. hiện": seed 61's photocopied decision 0210).
    // Not an abbreviation's ("v.v. và").
    const bool abbreviation = c == '.' && (i < 2 || !u_isalpha(u.char32At(i - 2)));
    if ((c == '-' || c == 0x2013 || c == 0x2014 || c == '.') && !abbreviation &&
        u_islower(u.char32At(i - 1)) && u.charAt(i + 1) == ' ' && u_islower(u.char32At(i + 2))) {
      u.remove(i, 1);
    } else if (c == '-' && u.charAt(i - 1) == ',' && u_islower(u.char32At(i + 1))) {
      // A dash glued between a comma and the next word ("khai thác,-sử dụng").
      u.replace(i, 1, static_cast<UChar>(' '));
    }
  }
  std::vector<icu::UnicodeString> tokens;
  for (int32_t start = 0; start < u.length();) {
    int32_t end = u.indexOf(static_cast<UChar>(' '), start);
    if (end < 0) end = u.length();
    if (end > start) tokens.emplace_back(u, start, end - start);
    start = end + 1;
  }
  const auto junk = [](const icu::UnicodeString& t) {
    bool letter = false, digit = false, camel = false, joined = false;
    for (int32_t i = 0; i < t.length();) {
      const UChar32 c = t.char32At(i);
      if (u_isupper(c) && i > 0 && u_islower(t.char32At(t.moveIndex32(i, -1)))) camel = true;
      letter = letter || u_isalpha(c);
      digit = digit || u_isdigit(c);
      joined = joined || c == '/' || c == '-' || c == '.';
      i = t.moveIndex32(i, 1);
    }
    return camel || (letter && digit && !joined) || (!letter && !digit);
  };
  const auto short_capitals = [](const icu::UnicodeString& t) {
    if (t.countChar32() > 3) return false;
    for (int32_t i = 0; i < t.length(); i = t.moveIndex32(i, 1)) {
      if (!u_isupper(t.char32At(i))) return false;
    }
    return true;
  };
  std::size_t end = tokens.size();
  bool dropped = false;
  while (end > 1) {
    if (junk(tokens[end - 1])) {
      dropped = true;
    } else if (!(dropped && short_capitals(tokens[end - 1]))) {
      break;
    }
    --end;
  }
  // A symbol glued to the last word's end ("số hóa&").
  if (end > 0) {
    icu::UnicodeString& last = tokens[end - 1];
    while (last.length() > 1 &&
           std::u16string_view(u"&*#@~|_+=^<>").find(last.charAt(last.length() - 1)) !=
               std::u16string_view::npos) {
      last.truncate(last.length() - 1);
    }
  }
  std::string out;
  for (std::size_t i = 0; i < end; ++i) {
    if (i > 0) out += ' ';
    tokens[i].toUTF8String(out);
  }
  return out;
}

// A place's name without a full stop OCR read after one of its words ("Quang. Kim"): inside a
// name, after its unit, there is no abbreviation to end.
std::string NameWithoutStops(const std::string& name) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  for (int32_t i = 1; i + 2 < u.length(); ++i) {
    if (u.charAt(i) == '.' && u_islower(u.char32At(i - 1)) && u.charAt(i + 1) == ' ' &&
        u_isupper(u.char32At(i + 2))) {
      u.remove(i, 1);
    }
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A register book's number and year as "NN/YYYY" ("01/2020"), read without its slash ("01
// 2020": the number's first token and, when the next is a year, that year), with its slash
// read as a 7 or a 1 ("0172020"), the year's 0s as U or O ("01/2U2U"), the number's first 0
// lost ("1/2021"). Anything else as printed.
std::string BookNumber(const std::string& number, const std::vector<Token>& tokens) {
  std::string read = number;
  if (tokens.size() >= 2 && number.size() <= 3 && IsDigits(number)) {
    read += "/" + std::string(tokens[1].original);
  }
  for (char& c : read) {
    if (c == 'U' || c == 'u' || c == 'O' || c == 'o') c = '0';
  }
  std::string book, year;
  if (const std::size_t slash = read.find('/'); slash != std::string::npos) {
    book = read.substr(0, slash);
    year = read.substr(slash + 1);
  } else if (read.size() == 7 && read[0] == '0' && (read[2] == '7' || read[2] == '1')) {
    book = read.substr(0, 2);
    year = read.substr(3);
  }
  if (book.empty() || book.size() > 3 || !IsDigits(book) || year.size() != 4 ||
      !IsDigits(year) || (year.substr(0, 2) != "19" && year.substr(0, 2) != "20")) {
    return number;
  }
  return (book.size() == 1 ? "0" : "") + book + "/" + year;
}

bool IsNameKey(std::string_view key) { return key.substr(0, 6) == "ho_ten"; }
bool IsDateKey(std::string_view key) { return key.substr(0, 4) == "ngay"; }

// The province that words [from, to) name once one or two of them (OCR's dust) are left out,
// at least two words left: spelled exactly as the list spells it but for marks and case.
// Empty when none does, or when leaving out different words names different provinces.
std::string_view ProvinceAmidDust(const std::vector<Token>& words, std::size_t from,
                                  std::size_t to) {
  std::string_view found;
  const auto consider = [&](std::size_t skip1, std::size_t skip2) {
    std::string kept;
    std::size_t count = 0;
    for (std::size_t i = from; i < to; ++i) {
      if (i == skip1 || i == skip2) continue;
      kept += (kept.empty() ? "" : " ") + std::string(words[i].original);
      ++count;
    }
    if (count < 2) return true;
    const std::string_view listed = ProvinceNamed(kept);
    if (listed.empty() ||
        text::FoldToLettersAndDigits(listed) != text::FoldToLettersAndDigits(kept)) {
      return true;
    }
    if (!found.empty() && found != listed) return false;  // two provinces: neither
    found = listed;
    return true;
  };
  for (std::size_t a = from; a < to; ++a) {
    if (!consider(a, to)) return {};
    for (std::size_t b = a + 1; b < to; ++b) {
      if (!consider(a, b)) return {};
    }
  }
  return found;
}

// A hamlet's word as addresses write it ("Ấp", "Xóm", "Thôn") for its folded spelling;
// empty for other words.
std::string_view HamletWord(std::string_view folded) {
  return folded == "ap" ? "Ấp" : folded == "xom" ? "Xóm" : folded == "thon" ? "Thôn" : "";
}

// A place's name with each word OCR read in mixed case ("xã LŨng Cú") in title case. Words
// in capitals ("Tổ dân phố KCN") or lower case, and names with an apostrophe ("H'Mông"), stay.
std::string WordsInTitleCase(const std::string& name) {
  std::string out;
  std::istringstream in(name);
  for (std::string word; in >> word;) {
    // Also a word OCR read with a small first letter: place names are written in title case
    // ("xã hải Đông", seed 59's photocopied card 0239).
    if ((StartsUpper(word) || StartsLower(word)) && !IsCapitals(word) &&
        word.find('\'') == std::string::npos) {
      word = TitleCase(word);
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

// The province of the district `district` names in the gazetteer that `printed` can be read
// as, marks and case aside: its first word the province's first word, whatever follows ("Hà",
// "Cần Na", "Sơn Tạ: chìm", "Hồ Có giá trị đến" after a district of Hà Tĩnh, Cần Thơ, Sơn La,
// Hồ Chí Minh), or its words the province's last ones ("Nàng" after one of Đà Nẵng); with
// `printed` empty, the district's one province of unit `unit` (its name lost at the line's
// end: "huyện Củ Chi, thành phố"). Empty when the district is not listed, or when none or
// several of its provinces fit.
std::string ProvinceOfItsDistrict(const std::string& district, std::string_view unit,
                                  const std::string& printed) {
  if (district.empty()) return {};
  const std::vector<Token> read = Tokens(printed);
  if (!read.empty() && read[0].folded.empty()) return {};
  const auto fits = [&](const std::vector<Token>& listed) {
    if (listed[0].folded == read[0].folded) return true;
    if (read.size() >= listed.size()) return false;
    for (std::size_t i = 0; i < read.size(); ++i) {
      if (read[i].folded != listed[listed.size() - read.size() + i].folded) return false;
    }
    return true;
  };
  std::string found;
  for (const Province& province : ProvincesOfDistrict(district)) {
    const std::vector<Token> listed = Tokens(province.name);
    if (read.empty() ? province.unit != unit : !fits(listed)) continue;
    if (!found.empty()) return {};
    found = province.name;
  }
  return found;
}

// The province an address part names after its unit "tỉnh" or "thành phố" (words [from, to)
// of the part, `name` their text), as the province list writes it; empty when none is told.
// `district` is the name of the last part before with a unit, when that unit is a district's;
// `last` whether this part is the address's last.
std::string ProvinceOfPart(const std::vector<Token>& words, std::size_t from, std::size_t to,
                           const std::string& name, const Unit& unit, const std::string& district,
                           bool last) {
  if (const std::string_view listed = ProvinceNamed(name); !listed.empty()) {
    return std::string(listed);
  }
  if (to - from > 2) {
    // Dust among a province's words: a word after the name ("tỉnh Thanh Hóa HỒ", the name
    // read a letter off allowed), else one or two words anywhere ("tỉnh Nam - NuỆt Định",
    // "tỉnh pé SỆ Hà Tĩnh") where exactly one province remains.
    std::string_view listed = ProvinceNamed(Join(words, from, to - 1));
    if (listed.empty()) listed = ProvinceAmidDust(words, from, to);
    if (!listed.empty()) return std::string(listed);
  }
  // After a district the gazetteer knows, its province with the first word read right:
  // "huyện Đức Thọ, tỉnh Hà" (the line's end lost "Tĩnh"), "huyện Phong Điền, thành phố Cần
  // Na".
  if (std::string listed = ProvinceOfItsDistrict(district, unit.written, name); !listed.empty()) {
    return listed;
  }
  // More dust around the name: the one province whose words stand among the part's as the
  // list spells them, marks and case aside ("tỉnh — 2h HA Quảng Ninh BÀ").
  std::string_view found;
  for (std::size_t a = from; a < to; ++a) {
    for (std::size_t b = a + 2; b <= to && b <= a + 4; ++b) {
      const std::string words_read = Join(words, a, b);
      const std::string_view listed = ProvinceNamed(words_read);
      if (listed.empty() ||
          text::FoldToLettersAndDigits(listed) != text::FoldToLettersAndDigits(words_read)) {
        continue;
      }
      if (!found.empty() && found != listed) return {};
      found = listed;
    }
  }
  if (!found.empty()) return std::string(found);
  if (unit.folded == "tinh" && last) {
    // The address's last words lost at the line's end: "tỉnh Lào" is Lào Cai; or the last
    // one misread: "tỉnh Lâm Đềug" is Lâm Đồng. Only a "tỉnh": a "thành phố" may be a
    // province's city ("thành phố Long Xuyên", "thành phố Đà Lạt").
    std::string_view listed = ProvinceOpeningWith(name);
    if (listed.empty() && to - from > 1) listed = ProvinceOpeningWith(Join(words, from, to - 1));
    return std::string(listed);
  }
  return {};
}

// An address's last part whose "tỉnh" OCR read a letter off ("linh Thái Bình"), before a
// province the gazetteer lists as a tỉnh (not a city), as the list spells it: "tỉnh Thái
// Bình". Empty otherwise.
std::string ProvinceAfterMisreadTinh(const std::vector<Token>& words, std::size_t from) {
  if (words.size() < from + 3 || words[from].folded.size() != 4 ||
      text::EditDistance(words[from].folded, "tinh", 1) != 1) {
    return {};
  }
  const std::string rest = Join(words, from + 1, words.size());
  const std::string_view listed = ProvinceNamed(rest);
  if (listed.empty() ||
      text::FoldToLettersAndDigits(listed) != text::FoldToLettersAndDigits(rest) ||
      UnitOfProvince(listed) != "tỉnh") {
    return {};
  }
  return "tỉnh " + std::string(listed);
}

// An address's last part that is only a province's unit, its name lost at the line's end
// ("huyện Củ Chi, thành phố"), after a district the gazetteer lists in one province of that
// unit: that province with its unit ("thành phố Hồ Chí Minh"). Empty otherwise.
std::string ProvinceLostAfterItsUnit(const std::vector<Token>& words, std::size_t from,
                                     const std::string& district) {
  std::string folded;
  for (std::size_t i = from; i < words.size(); ++i) folded += words[i].folded;
  const std::string_view unit = folded == "tinh"       ? "tỉnh"
                                : folded == "thanhpho" ? "thành phố"
                                                       : "";
  if (unit.empty()) return {};
  const std::string province = ProvinceOfItsDistrict(district, unit, "");
  return province.empty() ? province : std::string(unit) + " " + province;
}

}  // namespace

// Declared in address.h.
bool IsCommuneUnit(std::string_view folded) {
  return folded == "xa" || folded == "phuong" || folded == "thitran";
}

bool IsDistrictUnit(std::string_view folded) {
  return folded == "huyen" || folded == "quan" || folded == "thixa" || folded == "thanhpho";
}

// Declared in address.h.
std::string NormalizeAddress(const std::string& printed) {
  // "xã.Phú Thuận": a full stop OCR read between a unit and its name is a space; "huyện Vũ
  // 'Thư": a lone quote glued to a word is dust; "tỉnh-Sơn La": so is a dash after a word in
  // lower case.
  const std::string value = UnglueWords(StopsToSpaces(WithoutLoneQuote(printed), u_isupper));
  std::vector<std::string> parts;
  std::string part;
  std::string out;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const bool end = i == value.size();
    const bool comma = !end && value[i] == ',';
    // "huyện Mộc Châu. tỉnh Sơn La": a period before a unit separates parts too.
    bool period = false;
    if (!end && value[i] == '.' && i + 1 < value.size() && value[i + 1] == ' ') {
      const std::vector<Token> next = Tokens(std::string_view(value).substr(i + 2));
      period = UnitAt(next, 0).has_value();
    }
    if (end || comma || period) {
      parts.push_back(part);
      part.clear();
    } else {
      part.push_back(value[i]);
    }
  }
  // Each part as written, with its unit (folded, "" for none) and its name.
  struct Written {
    std::string text;
    std::string_view level;
    std::string name;
  };
  std::vector<Written> done;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    // The name of the last part before with a unit, when that unit is a district's.
    const auto with_unit = std::find_if(done.rbegin(), done.rend(),
                                        [](const Written& w) { return !w.level.empty(); });
    const std::string district = with_unit != done.rend() && IsDistrictUnit(with_unit->level)
                                     ? with_unit->name
                                     : std::string();
    Written& entry = done.emplace_back();
    std::vector<Token> words = Tokens(parts[p]);
    // Dust before the address's first word (". Ủy ban nhân dân …").
    if (p == 0) {
      const auto first_word = std::find_if(words.begin(), words.end(),
                                           [](const Token& t) { return !t.folded.empty(); });
      words.erase(words.begin(), first_word);
    }
    std::string written;
    std::size_t from = 0;
    if (p == 0 && Folded(words, 0, "uy ban nhan dan")) {
      written = "Ủy ban nhân dân";
      from = 4;
    }
    // After the first part, every part opens with its unit: a word before the unit is dust
    // ("sạn thành phố Hồ Chí Minh").
    if (p > 0 && words.size() > 2 && !UnitAt(words, 0) && UnitAt(words, 1)) from = 1;
    // Or two words of dust, the first in lower case, neither with a digit ("mù sa tỉnh Thanh
    // Hóa", "lai Tài thành phố Hà Nội").
    const auto no_digit = [&](std::size_t i) {
      return !words[i].folded.empty() &&
             std::none_of(words[i].folded.begin(), words[i].folded.end(),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    };
    if (p > 0 && from == 0 && words.size() > 3 && !UnitAt(words, 0) && !UnitAt(words, 1) &&
        UnitAt(words, 2) && !StartsUpper(words[0].original) && no_digit(0) && no_digit(1)) {
      from = 2;
    }
    if (const auto unit = UnitAt(words, from)) {
      const std::size_t name_from = from + unit->second;
      // OCR lost the comma before the next unit ("xã Giao An huyền Giao Thủy"): a unit word
      // in lower case after the name's first word starts the next part.
      std::size_t name_to = words.size();
      for (std::size_t i = name_from + 1; i < words.size(); ++i) {
        if (!StartsUpper(words[i].original) && UnitAt(words, i)) {
          name_to = i;
          break;
        }
      }
      if (name_to < words.size()) {
        parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(p) + 1,
                     Join(words, name_to, words.size()));
      }
      std::string name = NameWithoutStops(WordsInTitleCase(Join(words, name_from, name_to)));
      // "quận Ninh Kiều;, thành phố …": a mark OCR read before the comma; "xã Phước Lộc —": a
      // dash after the name.
      while (!name.empty()) {
        if (std::string_view(";:. -").find(name.back()) != std::string_view::npos) {
          name.pop_back();
        } else if (name.ends_with("\u2013") || name.ends_with("\u2014")) {
          name.resize(name.size() - std::string_view("\u2013").size());
        } else {
          break;
        }
      }
      if (unit->first->folded == "tinh" || unit->first->folded == "thanhpho") {
        const std::string listed = ProvinceOfPart(words, name_from, name_to, name, *unit->first,
                                                  district, p + 1 == parts.size());
        if (!listed.empty()) name = listed;
      }
      written += (written.empty() ? "" : " ") + std::string(unit->first->written) + " " + name;
      entry.level = unit->first->folded;
      entry.name = name;
    } else if (const std::string lost =
                   p + 1 == parts.size() ? ProvinceLostAfterItsUnit(words, from, district) : "";
               !lost.empty()) {
      written += (written.empty() ? "" : " ") + lost;
    } else if (const std::string province =
                   p > 0 && p + 1 == parts.size() ? ProvinceAfterMisreadTinh(words, from) : "";
               !province.empty()) {
      written += (written.empty() ? "" : " ") + province;
    } else if (Folded(words, from, "to dan pho") && words.size() > from + 3) {
      // The residential group, with its marks as written ("Tố dân phố 3" read for it).
      written += (written.empty() ? "" : " ") + std::string("Tổ dân phố ") +
                 Join(words, from + 3, words.size());
    } else if (const std::string_view hamlet = p == 0 && words.size() > from + 1
                                                    ? HamletWord(words[from].folded)
                                                    : std::string_view{};
               !hamlet.empty()) {
      // The hamlet's word, with its marks as written ("Áp Bắc Sơn" read for "Ấp").
      written += (written.empty() ? "" : " ") + std::string(hamlet) + " " +
                 Join(words, from + 1, words.size());
    } else {
      const std::string rest = Join(words, from, words.size());
      written += (written.empty() || rest.empty() ? "" : " ") + rest;
    }
    entry.text = std::move(written);
  }
  // A district's name OCR misread before its province ("huyện Hoàng Ha, tỉnh Thanh Hóa",
  // "huyện Thanh TP, thành phố Hà Nội"): the one district of that unit in that province the
  // gazetteer lists within two letters of it, where the name read is no district anywhere.
  for (std::size_t i = 0; i + 1 < done.size(); ++i) {
    Written& district = done[i];
    const Written& province = done[i + 1];
    if (!IsDistrictUnit(district.level) || district.name.empty() ||
        (province.level != "tinh" && province.level != "thanhpho") ||
        UnitOfProvince(province.name).empty() || !ProvincesOfDistrict(district.name).empty()) {
      continue;
    }
    const std::size_t at = district.text.size() - district.name.size();
    const std::string_view listed = NearestDistrictOf(province.name, district.level, district.name);
    if (listed.empty() || district.text.compare(at, std::string::npos, district.name) != 0) {
      continue;
    }
    district.name = std::string(listed);
    district.text.replace(at, std::string::npos, listed);
  }
  // A commune is named after its district more often than not ("xã Nghi Thái, huyện Nghi
  // Lộc", "xã Hoằng Quỳ, huyện Hoằng Hóa"): a commune's first word that folds like the
  // district's first word, with other marks, is that word misread ("xã Nghỉ Thái").
  for (std::size_t i = 0; i + 1 < done.size(); ++i) {
    const Written& commune = done[i];
    const Written& of = done[i + 1];
    if (!IsCommuneUnit(commune.level) || !IsDistrictUnit(of.level)) {
      continue;
    }
    const std::string first = commune.name.substr(0, commune.name.find(' '));
    const std::string theirs = of.name.substr(0, of.name.find(' '));
    const std::size_t at = commune.text.size() - commune.name.size();
    if (first == theirs || first.empty() || IsCapitals(first) ||
        text::FoldForSearch(first) != text::FoldForSearch(theirs) ||
        commune.text.compare(at, first.size(), first) != 0) {
      continue;
    }
    done[i].text.replace(at, first.size(), theirs);
  }
  for (const Written& entry : done) {
    if (!entry.text.empty()) out += (out.empty() ? "" : ", ") + entry.text;
  }
  return out;
}

ExtractedFields ExtractFields(std::string_view doc_type, std::string_view text,
                              const std::vector<std::string>& codes) {
  ExtractedFields out;
  if (doc_type == "can_cuoc") {  // a card's labels, layout, zone and QR code are its own
    const std::set<std::string> coded = ExtractCardFields(text::SplitLines(text), codes, out);
    // Its values take the same one tone-mark placement as every other paper's.
    for (auto& [key, value] : out.fields) value = text::ToCanonical(value);
    // The spelling OCR read most does not overrule the QR code's.
    std::map<std::string, std::string> from_code;
    for (const std::string& key : coded) from_code[key] = out.fields[key];
    UnifyPlaceNames(text, out.fields,
                    from_code.count("noi_cu_tru") ? from_code["noi_cu_tru"] : std::string());
    for (auto& [key, value] : from_code) out.fields[key] = std::move(value);
    return out;
  }
  const auto& wanted = FieldsOf(doc_type);
  if (wanted.empty()) return out;
  std::map<std::string, std::string> raw;  // first value of each key, as printed
  std::string suffix;                      // "_chong" / "_vo" in a marriage extract's sections
  // The first value of a key wins; a label without one (a title that reads like a label) does
  // not count.
  // A marriage extract gives the husband's section first: his keys until a heading or a
  // second name says otherwise (OCR may lose the headings).
  const bool marriage = doc_type == "trich_luc_ket_hon";
  if (marriage) suffix = "_chong";
  const auto keep = [&](std::string_view key, std::string value) {
    const std::string tidy = Tidy(value);
    if (key.empty() || tidy.empty()) return;
    // A name is written with capitals: words in lower case after a name's label are a note's
    // whose parenthesis OCR lost ("G, ghỉ rõ họ, chữ đệm, tên, đóng dấu)", seed 71's
    // photocopied birth certificate 0025), not a person's name.
    if (IsNameKey(key)) {
      const std::vector<Token> words = Tokens(tidy);
      const auto first = std::find_if(words.begin(), words.end(),
                                      [](const Token& t) { return !t.folded.empty(); });
      if (first != words.end() && StartsLower(Unquoted(first->original))) return;
    }
    // A spouse's section suffixes the person's own keys, not the registration's.
    const bool personal = key == kIdPaper || key == "ho_ten" || key == "ngay_sinh" ||
                          key == "so_dinh_danh" || key == "gioi_tinh" || key == "dan_toc" ||
                          key == "quoc_tich";
    if (marriage && key == "ho_ten" && suffix == "_chong" && raw.count("ho_ten_chong")) {
      suffix = "_vo";
    }
    const std::string full = std::string(key) + (personal ? suffix : "");
    if (!raw.count(full)) raw[full] = std::move(value);
  };
  const std::vector<std::string_view> lines = text::SplitLines(text);
  std::string open_key, open_value;  // a value that may go on to the next line
  bool open_ended = false;             // ... though it ends in a full stop
  for (const std::string_view line : lines) {
    const std::vector<Token> tokens = Tokens(line);
    if (tokens.empty()) continue;
    std::string whole;
    for (const Token& t : tokens) whole += (whole.empty() ? "" : " ") + t.folded;
    if (whole.rfind("thong tin ve ben chong", 0) == 0) suffix = "_chong";
    if (whole.rfind("thong tin ve ben vo", 0) == 0) suffix = "_vo";
    std::vector<std::optional<std::pair<std::string_view, std::size_t>>> labels(tokens.size());
    bool labelled = false;
    int depth = 0;  // a label in parentheses is a note's words: "(Ký, ghi rõ họ, chữ đệm, tên)"
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (depth == 0) labels[i] = LabelAt(tokens, i);
      labelled = labelled || labels[i].has_value();
      for (const char c : tokens[i].original) depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
    }
    // A wrapped value goes on here when this line has no label, is not a heading in capitals
    // ("TM. ỦY BAN NHÂN DÂN") and is not too long to be the rest of it.
    std::string key, carried;
    if (!open_key.empty()) {
      const bool heading = IsCapitals(line);
      // After a full stop only what cannot start anything of its own: a sentence's words in
      // lower case ("hiện tại.\nchưa đăng ký …", a speck read as the stop), a province's name
      // cut in two ("tỉnh Hà.\nGiang"), a number after its word "số" ("theo Bản án
      // số...\n8/2021/HNGĐ-ST …", seed 47's photocopied 0004: specks read as the stops).
      const std::string before = open_ended ? Tidy(open_value) : std::string();
      const std::size_t space = before.rfind(' ');
      const bool after_number_word =
          open_ended && !tokens.front().folded.empty() &&
          std::isdigit(static_cast<unsigned char>(tokens.front().folded.front())) &&
          text::FoldForSearch(before.substr(space == std::string::npos ? 0 : space + 1)) == "so";
      const auto goes_on = [&] {
        if (!open_ended || after_number_word) return true;
        if (!tokens.front().folded.empty() && !StartsUpper(Unquoted(tokens.front().original)) &&
            std::isalpha(static_cast<unsigned char>(tokens.front().folded.front()))) {
          return true;
        }
        return !EndsWithWholeProvince(before) &&
               EndsWithWholeProvince(before + " " + std::string(tokens.front().original));
      };
      if (!labelled && !heading && tokens.size() <= kMostWrappedWords && goes_on()) {
        key = open_key;
        carried = open_value;
        if (after_number_word) {
          carried = before;  // its stops were specks
        } else if (open_ended) {
          carried.pop_back();  // the stop was a speck
        }
      } else {
        keep(open_key, open_value);
      }
      open_key.clear();
      open_value.clear();
    }
    std::size_t value_from = 0;
    const auto close = [&](std::size_t to) {
      std::string value = Join(tokens, value_from, to);
      if (!carried.empty()) value = carried + (value.empty() ? "" : " " + value);
      if (MayWrap(key) && to == tokens.size() && to > value_from &&
          text::CodePointCount(line) >= kFullLine) {
        open_key = key;  // perhaps wrapped: the next line decides
        open_value = value;
        open_ended = value.back() == '.';
        return;
      }
      keep(key, std::move(value));
    };
    for (std::size_t i = 0; i < tokens.size();) {
      const auto& label = labels[i];
      if (!label) {
        ++i;
        continue;
      }
      close(i);
      carried.clear();
      key = std::string(label->first);
      value_from = i + label->second;
      i = value_from;
    }
    close(tokens.size());
  }
  if (!open_key.empty()) keep(open_key, open_value);
  // The person's name whose label OCR garbled past knowing ("Họ, chữ đệm, lần:", seed 61's
  // photocopied birth certificate 0153): the first line whose words before a colon include
  // one of the label's ("họ", "chữ", "đệm", "tên") and whose words after it are a name
  // (NameShaped) in capitals. A civil-status paper prints its person's name so.
  if (wanted.count("ho_ten") && !raw.count("ho_ten") && doc_type != "trich_luc_ket_hon") {
    for (const std::string_view line : lines) {
      const std::vector<Token> tokens = Tokens(line);
      const auto colon = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) {
        return t.colon && t.original.back() == ':';
      });
      if (colon == tokens.end()) continue;
      // Not a parent's or a declarant's ("tên người mẹ:").
      const bool labelled =
          std::any_of(tokens.begin(), colon + 1,
                      [](const Token& t) {
                        return t.folded == "ho" || t.folded == "chu" || t.folded == "dem" ||
                               t.folded == "ten";
                      }) &&
          std::none_of(tokens.begin(), colon + 1, [](const Token& t) {
            return t.folded == "nguoi" || t.folded == "me" || t.folded == "cha";
          });
      const std::size_t from = static_cast<std::size_t>(colon - tokens.begin()) + 1;
      if (!labelled || !NameShaped(tokens, from, tokens.size()) ||
          !std::all_of(colon + 1, tokens.end(),
                       [](const Token& t) { return IsCapitals(t.original); })) {
        continue;
      }
      raw["ho_ten"] = Join(tokens, from, tokens.size());
      break;
    }
  }
  // A register's number whose "Số:" OCR lost: a number alone on the line above the book's
  // ("65\nQuyển số: 01/2019", seed 47's photocopied 0150).
  if (wanted.count("so") && wanted.count("quyen_so") && !raw.count("so")) {
    std::string_view above;
    for (const std::string_view line : lines) {
      const std::vector<Token> tokens = Tokens(line);
      if (tokens.empty()) continue;
      const auto label = LabelAt(tokens, 0);
      if (label && label->first == "quyen_so") {
        const std::vector<Token> number = Tokens(above);
        if (number.size() == 1 && number[0].folded.size() <= 5 && IsDigits(number[0].original)) {
          raw["so"] = std::string(number[0].original);
        }
        break;
      }
      above = line;
    }
  }
  // What the letterhead, the date line and the signature block say.
  if (std::string body = Letterhead(lines); !body.empty()) raw["co_quan_ban_hanh"] = body;
  if (const std::string_view issued = DateLine(lines); !issued.empty()) {
    raw[wanted.count("ngay_ban_hanh") ? "ngay_ban_hanh" : "ngay_cap"] = std::string(issued);
  }
  if (const SignerFound signer = Signer(lines); !signer.name.empty()) {
    raw["nguoi_ky"] = signer.name;
    if (const std::string position = signer.beside ? "" : Position(lines, signer.line);
        !position.empty()) {
      raw["chuc_vu_nguoi_ky"] = position;
    }
  }
  if (wanted.count("trich_yeu")) {
    if (std::string subject = Subject(doc_type, lines); !subject.empty()) {
      raw["trich_yeu"] = subject;
    }
  }
  if (wanted.count("so_ky_hieu") && raw.count("so")) raw["so_ky_hieu"] = raw["so"];

  // Dates and sex first: the ID numbers are checked against them.
  std::map<std::string, Date> dates;
  for (const auto& [key, value] : raw) {
    if (!IsDateKey(key) || !wanted.count(key)) continue;
    if (const std::optional<Date> date = ParseDate(value)) {
      dates[key] = *date;
      out.fields[key] = date->Iso();
    } else {
      out.needs_review[key] = "'" + Tidy(value) + "' is not a date that exists";
    }
  }
  // The birth date in words is a second reading of it: it stands in for digits that are no
  // date ("24/85/2016", or a lost label), and where both read as dates that differ, one of
  // them is misread and neither goes out.
  if (doc_type == "giay_khai_sinh" && !raw.count(std::string(kBirthInWords))) {
    // Its label garbled past knowing ("Chi bằng chữ:", "Ghi: bằng cníŸ:": seed 59's
    // photocopied 0121, seed 61's 0089): the one line that goes on from a "Ngày" in number
    // words alone is it. (A certificate writes no other date in words.)
    // It may wrap: the number words opening the next line go on with it ("… hai mươi\nmốt").
    std::vector<std::string> found;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const std::string spaced = text::ReplaceAll(std::string(lines[l]), {","}, ", ");
      const std::vector<Token> tokens = Tokens(spaced);
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].folded != "ngay") continue;
        std::string rest(spaced.substr(
            static_cast<std::size_t>(tokens[i].original.data() - spaced.data())));
        if (Tokens(rest).size() < 6 || !NumberWordsOnly(rest)) break;
        if (l + 1 < lines.size()) {
          for (const Token& next : Tokens(lines[l + 1])) {
            if (next.folded.empty() || !NumberWordsOnly(next.original)) break;
            rest += " " + std::string(next.original);
          }
        }
        if (ParseDate(rest)) found.push_back(rest);
        break;
      }
    }
    if (found.size() == 1) raw[std::string(kBirthInWords)] = found.front();
  }
  // Whether the paper's own ID (its person's) was read with the birth year `year` and not
  // `other`.
  const auto id_has_year = [&](int year, int other) {
    const auto id = raw.find("so_dinh_danh");
    if (id == raw.end()) return false;
    std::string digits;
    for (const char c : id->second) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    }
    const std::optional<int> id_year = BirthYearOfPersonalId(digits);
    return digits.size() == 12 && id_year && *id_year == year && year != other;
  };
  if (wanted.count("ngay_sinh") && raw.count(std::string(kBirthInWords))) {
    const std::string words =
        text::ReplaceAll(raw[std::string(kBirthInWords)], {","}, ", ");
    const std::optional<Date> written =
        NumberWordsOnly(words) ? ParseDate(words) : std::optional<Date>();
    if (written) {
      const auto digits = dates.find("ngay_sinh");
      if (digits == dates.end()) {
        dates["ngay_sinh"] = *written;
        out.fields["ngay_sinh"] = written->Iso();
        out.needs_review.erase("ngay_sinh");
      } else if (PositionsApart(digits->second.Iso(), written->Iso()) == 1 &&
                 id_has_year(digits->second.year, written->year)) {
        // One digit apart in the year, and the paper's ID has the digits' year, not the
        // words': a number word was lost ("năm hai nghìn không trăm mười" at a line's end for
        // 2019, its "chín" lost: seed 71's photocopied 0153). The digits stand.
      } else if (PositionsApart(digits->second.Iso(), written->Iso()) == 1) {
        // One digit apart: OCR misreads a digit as another ("18/03/2021" for 16/03/2021, seed
        // 47's photocopied 0153) far more often than a number word as another that also
        // makes a date; the words stand.
        digits->second = *written;
        out.fields["ngay_sinh"] = written->Iso();
      } else if (digits->second != *written) {
        out.needs_review["ngay_sinh"] = "printed '" + digits->second.Iso() +
                                        "' but written in words '" + Tidy(words) + "'";
        out.fields.erase("ngay_sinh");
        dates.erase(digits);
      }
    }
  }
  if (dates.count("ngay_sinh") && dates.count("ngay_dang_ky") &&
      dates["ngay_dang_ky"] < dates["ngay_sinh"]) {
    out.fields.erase("ngay_dang_ky");
    out.needs_review["ngay_dang_ky"] = "registration date is before the birth date";
  }
  // Nobody registers a paper 120 years after their birth: a misread century.
  for (const std::string section : {"", "_chong", "_vo"}) {
    const auto birth = dates.find("ngay_sinh" + section);
    const auto registered = dates.find("ngay_dang_ky");
    if (birth != dates.end() && registered != dates.end() &&
        registered->second.year - birth->second.year > 120) {
      out.fields.erase(birth->first);
      out.needs_review[birth->first] = "born over 120 years before the registration";
      dates.erase(birth);
    }
  }
  Sex sex = Sex::kUnknown;
  if (wanted.count("gioi_tinh") && raw.count("gioi_tinh")) {
    sex = ParseSex(Tidy(raw["gioi_tinh"]));
    if (sex == Sex::kUnknown) {
      out.needs_review["gioi_tinh"] = "'" + Tidy(raw["gioi_tinh"]) + "' is neither Nam nor Nữ";
    } else {
      out.fields["gioi_tinh"] = sex == Sex::kMale ? "Nam" : "Nữ";
    }
  }
  for (const std::string section : {"", "_chong", "_vo"}) {
    const std::string key = "so_dinh_danh" + section;
    if (!wanted.count(key)) continue;
    std::string value;
    if (raw.count(key)) {
      value = raw[key];
    } else if (raw.count(std::string(kIdPaper) + section)) {
      value = raw[std::string(kIdPaper) + section];
    } else {
      continue;
    }
    const std::string birth_key = "ngay_sinh" + section;
    const auto birth = dates.find(birth_key);
    const std::optional<Date> born =
        birth == dates.end() ? std::nullopt : std::optional<Date>(birth->second);
    const Sex of = section.empty() ? sex : section == "_vo" ? Sex::kFemale : Sex::kMale;
    // The number among the value's words ("Căn cước công dân số 0140…, cấp ngày …"), or two
    // or three of them that OCR split it into ("042 168367301").
    const std::vector<Token> tokens = Tokens(value);
    // A number well-formed on its own whose birth year is not the paper's: one of the two is
    // misread, and nothing says which.
    std::string disagreeing;
    const auto find_id = [&](std::optional<Date> when, std::string& problem) {
      problem = "no 12-digit number in '" + Tidy(value) + "'";
      for (std::size_t from = 0; from < tokens.size(); ++from) {
        std::string word;
        for (std::size_t to = from; to < std::min(tokens.size(), from + 3); ++to) {
          word += Tidy(std::string(tokens[to].original));
          if (word.size() < 10 || (to > from && word.size() != 12)) continue;
          if (std::optional<std::string> id = RepairPersonalId(word, when, of)) return id;
          if (word.size() != 12) continue;
          problem = "'" + word + "': " + CheckPersonalId(word, when, of).problem;
          if (when && word[0] == '0' && CheckPersonalId(word, std::nullopt, of).ok()) {
            disagreeing = word;
          }
        }
      }
      return std::optional<std::string>();
    };
    std::string problem;
    std::optional<std::string> id = find_id(born, problem);
    // A birth year before 1900 is a misread century (no one on a paper issued today was born
    // then): the one a century later where the number agrees with it ("1877" read for "1977").
    if (born && born->year < 1900) {
      const std::optional<Date> later = Date::Make(born->year + 100, born->month, born->day);
      std::string later_problem;
      std::optional<std::string> agreeing;
      if (later) agreeing = find_id(later, later_problem);
      if (agreeing && (*agreeing)[0] == '0') {
        id = agreeing;
        dates[birth_key] = *later;
        out.fields[birth_key] = later->Iso();
      } else {
        out.fields.erase(birth_key);
        out.needs_review[birth_key] = "'" + born->Iso() + "': born before 1900";
      }
    }
    // Valid in form but with a foreign country's code, on a paper a Vietnamese commune issued:
    // a 0 misread as a digit of like shape ("902…", "848…") when the number with its 0 also
    // agrees with the birth date (only the province code changes, and that is on the list).
    if (id && (*id)[0] != '0' && born && DigitsLike('0').find((*id)[0]) != std::string::npos) {
      const std::string zero = "0" + id->substr(1);
      if (CheckPersonalId(zero, born, of).ok()) id = zero;
    }
    if (!id && !disagreeing.empty() && out.fields.count(birth_key)) {
      // Neither goes out: on seed 37's photocopies both such birth dates were the misread one
      // ("1988" for "1958"), and a number misread in its year would give the same.
      out.fields.erase(birth_key);
      dates.erase(birth_key);
      out.needs_review[birth_key] =
          "'" + disagreeing + "': " + CheckPersonalId(disagreeing, born, of).problem;
    }
    if (id && (*id)[0] != '0') {
      // Valid in form, but a foreign country's code on a paper a Vietnamese commune issued is
      // more likely OCR's 9 for a 0.
      out.needs_review[key] = "'" + *id + "' starts with a foreign country's code; check it";
    } else if (id) {
      out.fields[key] = *id;
      // The number encodes the sex: where the printed one is missing or unreadable and the
      // number agreed with the birth date, it says which.
      const std::string sex_key = "gioi_tinh" + section;
      if (wanted.count(sex_key) && !out.fields.count(sex_key) && born) {
        out.fields[sex_key] = SexOfPersonalId(*id) == Sex::kFemale ? "Nữ" : "Nam";
        out.needs_review.erase(sex_key);
      }
    } else {
      out.needs_review[key] = problem;
    }
  }
  for (const auto& [key, value] : raw) {
    const bool position = key == "chuc_vu_nguoi_ky" && wanted.count("nguoi_ky");
    if ((!wanted.count(key) && !position) || IsDateKey(key) || key == "gioi_tinh" ||
        key.rfind("so_dinh_danh", 0) == 0) {
      continue;
    }
    std::string tidy = Tidy(value);
    if (tidy.empty()) {
      out.needs_review[key] = "label without a value";
      continue;
    }
    if (IsNameKey(key) || key == "nguoi_ky") {
      // Whose name it is may say the holder's sex: a wife's, a mother's; the paper's own.
      const auto ends = [&](std::string_view suffix) {
        return key.size() > suffix.size() && key.compare(key.size() - suffix.size(),
                                                         suffix.size(), suffix) == 0;
      };
      const Sex holder = ends("_vo") || ends("_me")      ? Sex::kFemale
                         : ends("_chong") || ends("_cha") ? Sex::kMale
                         : key == "ho_ten"                ? sex
                                                          : Sex::kUnknown;
      out.fields[key] = Name(tidy, holder);
    } else if (key == "so" || key == "quyen_so" || key == "so_ky_hieu") {
      // "12 cú": OCR dust after the number; ".01/2024": dust before it.
      const std::vector<Token> tokens = Tokens(tidy);
      std::string number = Tidy(std::string(tokens.front().original));
      // A symbol's dash read as a colon, which splits it ("624/QĐ:UÄND", seed 29's
      // photocopied 0242; not "3129/QĐ-UBNP:..", its 0114).
      if (key == "so_ky_hieu" && tokens.size() > 1 && tokens[0].colon &&
          tokens[0].original.back() == ':' && number.find('/') != std::string::npos &&
          number.find('-', number.find('/')) == std::string::npos && !tokens[1].folded.empty() &&
          std::isalpha(static_cast<unsigned char>(tokens[1].folded[0]))) {
        number += "-" + std::string(tokens[1].original);
      }
      number.erase(0, std::min(number.find_first_not_of(".,:;'`\"/"), number.size()));
      const bool by_committee =
          raw.count("co_quan_ban_hanh") &&
          text::FoldForSearch(text::ExpandAgencyNames(raw.at("co_quan_ban_hanh")))
                  .rfind("uy ban nhan dan", 0) == 0;
      const std::string value = key == "so_ky_hieu" ? NormalizeSymbol(number, by_committee)
                                : key == "so"         ? RegistrationNumber(number)
                                                      : BookNumber(number, tokens);
      // A number holds digits: a word read after the label is the next line's ("Số: GIẤY",
      // the number lost; seed 59's photocopied 0089).
      if (std::none_of(value.begin(), value.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        out.needs_review[key] = "'" + value + "' holds no number";
      } else {
        out.fields[key] = value;
      }
    } else if (key == "dan_toc") {
      out.fields[key] = Ethnicity(tidy);
    } else if (key.rfind("quoc_tich", 0) == 0) {
      out.fields[key] = Nationality(tidy);
    } else if (key == "muc_dich" || key == "trich_yeu" || key == "tinh_trang_hon_nhan") {
      out.fields[key] = WithoutDust(UnglueWords(WithoutLoneQuote(tidy)));
    } else if (key == "co_quan_ban_hanh" || key.rfind("noi_", 0) == 0 || key == "que_quan") {
      // "UBND xã …": one form to match.
      out.fields[key] = NormalizeAddress(text::ExpandAgencyNames(tidy));
    } else {
      out.fields[key] = tidy;
    }
  }
  // A commune opens a few register books a year, numbered from 01: a book number from 90 up is
  // its leading 0 misread, as OCR reads a worn bold 0 as 9 ("91/2018": seeds 37 and 43's
  // photocopied extracts 0061 and 0125, seed 59's 0093).
  if (out.fields.count("quyen_so")) {
    std::string& book = out.fields["quyen_so"];
    if (book.size() >= 2 && book[0] == '9' && std::isdigit(static_cast<unsigned char>(book[1])) &&
        (book.size() == 2 || book[2] == '/')) {
      book[0] = '0';
    }
  }
  // A register book is opened each year for that year's registrations ("Quyển số: 01/2019"):
  // a book's year still to come is misread, and up to two digits off the registration's it is
  // that year ("01/2819", "01/2042", "01/7922": seed 47's photocopied 0214). A past year that
  // differs stays: the registration's may be the misread one.
  if (out.fields.count("quyen_so") && out.fields.count("ngay_dang_ky")) {
    std::string& book = out.fields["quyen_so"];
    const std::string registered = std::to_string(dates.at("ngay_dang_ky").year);
    const std::size_t slash = book.find('/');
    const std::string year = slash == std::string::npos ? "" : book.substr(slash + 1);
    if (year.size() == registered.size() && IsDigits(year) && std::stoi(year) > ThisYear() &&
        text::EditDistance(year, registered, 2) <= 2) {
      book = book.substr(0, slash + 1) + registered;
    }
  }
  UnifyPlaceNames(text, out.fields);
  return out;
}

}  // namespace sohoa::ocr
