#include "sohoa/ocr/fields.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

#include "card_fields.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/identifiers.h"

namespace sohoa::ocr {
namespace {

// A label's words, accent-folded and without punctuation, and the key its value goes to ("" for
// labels whose values are not fields yet: they still end the value before them). kIdPaper: the
// identity paper line ("Căn cước công dân số 0140…"), whose 12 digits are the personal ID.
constexpr std::string_view kIdPaper = "@id_paper";
struct Label {
  std::string_view words;
  std::string_view key;
};
constexpr std::array<Label, 34> kLabels{{
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
    {"noi cu tru cuoi cung", ""},
    {"noi cu tru", ""},
    {"nguyen nhan chet", ""},
    {"da chet vao luc", ""},
    {"ghi bang chu", ""},
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
  if (doc_type == "giay_khai_sinh") return birth;
  if (doc_type == "trich_luc_ket_hon") return marriage;
  if (doc_type == "trich_luc_khai_tu") return death;
  if (doc_type == "xac_nhan_tinh_trang_hon_nhan") return marital;
  if (doc_type == "quyet_dinh" || doc_type == "cong_van") return official;
  return none;
}

// Values that may wrap onto the next line: addresses and sentences.
bool MayWrap(std::string_view key) {
  return key == "noi_sinh" || key == "que_quan" || key == "noi_dang_ky" ||
         key == "tinh_trang_hon_nhan" || key == "muc_dich";
}

// A line as long as a printed line gets, which a value may have wrapped at.
constexpr std::size_t kFullLine = 60;
// A wrapped value's next line: at most this many words.
constexpr std::size_t kMostWrappedWords = 30;

struct Token {
  std::string_view original;
  std::string folded;  // letters and digits only
  bool colon;          // the token ends in ':' or ';'
};

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
    for (const char c : text::FoldForSearch(token.original)) {
      if (std::isalnum(static_cast<unsigned char>(c))) token.folded.push_back(c);
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

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

// The label starting at tokens[at], longest first: its key and word count.
std::optional<std::pair<std::string_view, std::size_t>> LabelAt(const std::vector<Token>& tokens,
                                                                std::size_t at) {
  std::optional<std::pair<std::string_view, std::size_t>> best;
  for (const Label& label : kLabels) {
    const std::size_t words =
        static_cast<std::size_t>(std::count(label.words.begin(), label.words.end(), ' ')) + 1;
    if ((best && words <= best->second) || !Folded(tokens, at, label.words)) continue;
    // A label's colon ends it: none inside. Short labels need theirs ("Số:"); long ones are
    // labels even where OCR lost it.
    const auto colon = [&](std::size_t i) { return tokens[at + i].colon; };
    bool inner_colon = false;
    for (std::size_t i = 0; i + 1 < words; ++i) inner_colon = inner_colon || colon(i);
    if (!inner_colon && (colon(words - 1) || words >= 4)) best = std::pair(label.key, words);
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
  value = text::ToNfc(value);
  while (!value.empty() && (value.back() == '.' || value.back() == ',' || value.back() == ';' ||
                            value.back() == ':' || value.back() == ' ')) {
    value.pop_back();
  }
  while (!value.empty() && (value.front() == ' ' || value.front() == '-')) value.erase(0, 1);
  return value;
}

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
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 30> kFamilies{{
      {"nguyen", "Nguyễn"}, {"tran", "Trần"},   {"le", "Lê"},         {"pham", "Phạm"},
      {"hoang", "Hoàng"},   {"huynh", "Huỳnh"}, {"phan", "Phan"},     {"vu", "Vũ"},
      {"vo", "Võ"},         {"dang", "Đặng"},   {"bui", "Bùi"},       {"do", "Đỗ"},
      {"ho", "Hồ"},         {"ngo", "Ngô"},     {"duong", "Dương"},   {"ly", "Lý"},
      {"trinh", "Trịnh"},   {"dinh", "Đinh"},   {"truong", "Trương"}, {"doan", "Đoàn"},
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
// family name's marks from the list above, title case.
std::string Name(const std::string& printed) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(printed), letters;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c) || u_getCombiningClass(c) != 0) {
      letters.append(c);
    } else if (u_isUWhiteSpace(c) && !letters.isEmpty() && !letters.endsWith(u" ")) {
      letters.append(static_cast<UChar>(' '));
    }
  }
  std::string name;
  letters.trim().toUTF8String(name);
  name = TitleCase(name);
  const std::size_t space = name.find(' ');
  const std::string first = name.substr(0, space);
  const std::string_view family = FamilyName(text::FoldForSearch(first));
  if (!family.empty())
    name = std::string(family) + (space == std::string::npos ? "" : name.substr(space));
  return name;
}

bool StartsUpper(std::string_view word) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  return !u.isEmpty() && u_isupper(u.char32At(0));
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
    for (std::size_t k = 0; k + 4 <= tokens.size(); ++k) {
      if (!Folded(tokens, k, "uy ban nhan dan")) continue;
      // The place: the rest of this line, or else one of the next lines (OCR leaves empty ones
      // between a letterhead's halves), up to the motto.
      for (std::size_t next = l; next < std::min(first_lines, l + 4); ++next) {
        const std::vector<Token> place = next == l ? tokens : Tokens(lines[next]);
        std::size_t from = next == l ? k + 4 : 0, to = from;
        while (to < place.size() && !Folded(place, to, "cong hoa") &&
               !Folded(place, to, "doc lap") && !place[to].colon) {
          ++to;
        }
        for (const auto& [unit, written] : kUnits) {
          if (!Folded(place, from, unit)) continue;
          const std::size_t unit_words = unit.find(' ') == std::string_view::npos ? 1 : 2;
          if (from + unit_words >= to) break;
          return "Ủy ban nhân dân " + std::string(written) + " " +
                 TitleCase(Join(place, from + unit_words, to));
        }
      }
      return {};
    }
  }
  return {};
}

// The place-and-date line under the motto ("Đông Sang, ngày 03 tháng 10 năm 2025"), or "".
std::string_view DateLine(const std::vector<std::string_view>& lines) {
  for (std::size_t l = 0; l < std::min<std::size_t>(lines.size(), 15); ++l) {
    const std::string folded = text::FoldForSearch(lines[l]);
    const std::size_t at = folded.find(", ngay ");
    if (at == std::string::npos || folded.find("thang", at) == std::string::npos) continue;
    if (ParseDate(lines[l])) return lines[l];
  }
  return {};
}

// The signer: the last of the document's last lines that is a person's name (two to five
// capitalized words, no digits, a family name first); titles ("Phó Chủ tịch") are not.
std::string Signer(const std::vector<std::string_view>& lines) {
  int looked = 0;
  for (std::size_t l = lines.size(); l-- > 0 && looked < 8;) {
    const std::vector<Token> tokens = Tokens(lines[l]);
    if (tokens.empty()) continue;
    ++looked;
    if (tokens.size() < 2 || tokens.size() > 5) continue;
    const bool words = std::all_of(tokens.begin(), tokens.end(), [](const Token& t) {
      return StartsUpper(t.original) && !t.folded.empty() &&
             std::none_of(t.folded.begin(), t.folded.end(),
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    });
    if (words && !FamilyName(tokens[0].folded).empty()) return Name(std::string(lines[l]));
  }
  return {};
}

// A decision's subject ("Về việc …") or an official letter's ("V/v …", without the "V/v"),
// with the lines it wraps onto: up to a line in capitals, a label, the legal bases, the
// addressee or the date line.
std::string Subject(std::string_view doc_type, const std::vector<std::string_view>& lines) {
  const bool letter = doc_type == "cong_van";
  for (std::size_t l = 0; l < std::min<std::size_t>(lines.size(), 25); ++l) {
    const std::vector<Token> tokens = Tokens(lines[l]);
    if (tokens.empty()) continue;
    const bool starts = letter ? tokens[0].folded == "vv" : Folded(tokens, 0, "ve viec");
    if (!starts || (letter && tokens.size() < 2)) continue;
    std::string subject = Join(tokens, letter ? 1 : 0, tokens.size());
    for (std::size_t next = l + 1; next < lines.size() && subject.back() != '.'; ++next) {
      const std::vector<Token> more = Tokens(lines[next]);
      if (more.empty()) continue;
      std::string folded = text::FoldForSearch(lines[next]);
      folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
      bool labelled = false;
      for (std::size_t i = 0; i < more.size() && !labelled; ++i) {
        labelled = LabelAt(more, i).has_value();
      }
      // (Spaces dropped: OCR joins "Kínhgửi".)
      if (labelled || IsCapitals(lines[next]) || folded.rfind("cancu", 0) == 0 ||
          folded.find("kinhgui") != std::string::npos ||
          folded.find(",ngay") != std::string::npos) {
        break;
      }
      subject += " " + Join(more, 0, more.size());
    }
    return subject;
  }
  return {};
}

bool IsNameKey(std::string_view key) { return key.substr(0, 6) == "ho_ten"; }
bool IsDateKey(std::string_view key) { return key.substr(0, 4) == "ngay"; }

}  // namespace

ExtractedFields ExtractFields(std::string_view doc_type, std::string_view text) {
  ExtractedFields out;
  if (doc_type == "can_cuoc") {  // a card's labels, layout and zone are its own
    ExtractCardFields(text::SplitLines(text), out);
    return out;
  }
  const auto& wanted = FieldsOf(doc_type);
  if (wanted.empty()) return out;
  std::map<std::string, std::string> raw;  // first value of each key, as printed
  std::string suffix;                      // "_chong" / "_vo" in a marriage extract's sections
  // The first value of a key wins; a label without one (a title that reads like a label) does
  // not count.
  const auto keep = [&](std::string_view key, std::string value) {
    if (key.empty() || Tidy(value).empty()) return;
    // A spouse's section suffixes the person's own keys, not the registration's.
    const bool personal = key == kIdPaper || key == "ho_ten" || key == "ngay_sinh" ||
                          key == "so_dinh_danh" || key == "gioi_tinh" || key == "dan_toc" ||
                          key == "quoc_tich";
    const std::string full = std::string(key) + (personal ? suffix : "");
    if (!raw.count(full)) raw[full] = std::move(value);
  };
  const std::vector<std::string_view> lines = text::SplitLines(text);
  std::string open_key, open_value;  // a value that may go on to the next line
  for (const std::string_view line : lines) {
    const std::vector<Token> tokens = Tokens(line);
    if (tokens.empty()) continue;
    std::string whole;
    for (const Token& t : tokens) whole += (whole.empty() ? "" : " ") + t.folded;
    if (whole.rfind("thong tin ve ben chong", 0) == 0) suffix = "_chong";
    if (whole.rfind("thong tin ve ben vo", 0) == 0) suffix = "_vo";
    std::vector<std::optional<std::pair<std::string_view, std::size_t>>> labels(tokens.size());
    bool labelled = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      labels[i] = LabelAt(tokens, i);
      labelled = labelled || labels[i].has_value();
    }
    // A wrapped value goes on here when this line has no label, is not a heading in capitals
    // ("TM. ỦY BAN NHÂN DÂN") and is not too long to be the rest of it.
    std::string key, carried;
    if (!open_key.empty()) {
      const bool heading = IsCapitals(line);
      if (!labelled && !heading && tokens.size() <= kMostWrappedWords) {
        key = open_key;
        carried = open_value;
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
          text::CodePointCount(line) >= kFullLine && value.back() != '.') {
        open_key = key;  // perhaps wrapped: the next line decides
        open_value = value;
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
  // What the letterhead, the date line and the signature block say.
  if (std::string body = Letterhead(lines); !body.empty()) raw["co_quan_ban_hanh"] = body;
  if (const std::string_view issued = DateLine(lines); !issued.empty()) {
    raw[wanted.count("ngay_ban_hanh") ? "ngay_ban_hanh" : "ngay_cap"] = std::string(issued);
  }
  if (std::string signer = Signer(lines); !signer.empty()) raw["nguoi_ky"] = signer;
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
    const auto birth = dates.find("ngay_sinh" + section);
    const std::optional<Date> born =
        birth == dates.end() ? std::nullopt : std::optional<Date>(birth->second);
    const Sex of = section.empty() ? sex : section == "_vo" ? Sex::kFemale : Sex::kMale;
    // The number among the value's words ("Căn cước công dân số 0140…, cấp ngày …").
    std::optional<std::string> id;
    std::string problem = "no 12-digit number in '" + Tidy(value) + "'";
    for (const Token& token : Tokens(value)) {
      const std::string word = Tidy(std::string(token.original));
      if (word.size() < 10) continue;
      id = RepairPersonalId(word, born, of);
      if (id) break;
      const Check check = CheckPersonalId(word, born, of);
      if (word.size() == 12) problem = "'" + word + "': " + check.problem;
    }
    if (id && (*id)[0] != '0') {
      // Valid in form, but a foreign country's code on a paper a Vietnamese commune issued is
      // more likely OCR's 9 for a 0.
      out.needs_review[key] = "'" + *id + "' starts with a foreign country's code; check it";
    } else if (id) {
      out.fields[key] = *id;
    } else {
      out.needs_review[key] = problem;
    }
  }
  for (const auto& [key, value] : raw) {
    if (!wanted.count(key) || IsDateKey(key) || key == "gioi_tinh" ||
        key.rfind("so_dinh_danh", 0) == 0) {
      continue;
    }
    std::string tidy = Tidy(value);
    if (tidy.empty()) {
      out.needs_review[key] = "label without a value";
      continue;
    }
    if (IsNameKey(key) || key == "nguoi_ky") {
      out.fields[key] = Name(tidy);
    } else if (key == "so" || key == "quyen_so" || key == "so_ky_hieu") {
      out.fields[key] = Tidy(std::string(Tokens(tidy).front().original));  // "12 cú": OCR dust
    } else {
      out.fields[key] = tidy;
    }
  }
  return out;
}

}  // namespace sohoa::ocr
