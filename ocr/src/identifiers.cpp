#include "sohoa/ocr/identifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <functional>
#include <numeric>
#include <utility>
#include <vector>

#include "sohoa/core/text.h"
#include "tokens.h"

namespace sohoa::ocr {
namespace {

// The 63 province codes in force until 2025 (numbers already issued keep them).
constexpr std::array<std::pair<std::string_view, std::string_view>, 63> kProvinces{{
    {"001", "Hà Nội"},
    {"002", "Hà Giang"},
    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},
    {"010", "Lào Cai"},
    {"011", "Điện Biên"},
    {"012", "Lai Châu"},
    {"014", "Sơn La"},
    {"015", "Yên Bái"},
    {"017", "Hòa Bình"},
    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},
    {"022", "Quảng Ninh"},
    {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},
    {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},
    {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},
    {"034", "Thái Bình"},
    {"035", "Hà Nam"},
    {"036", "Nam Định"},
    {"037", "Ninh Bình"},
    {"038", "Thanh Hóa"},
    {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},
    {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},
    {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},
    {"052", "Bình Định"},
    {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},
    {"058", "Ninh Thuận"},
    {"060", "Bình Thuận"},
    {"062", "Kon Tum"},
    {"064", "Gia Lai"},
    {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},
    {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},
    {"074", "Bình Dương"},
    {"075", "Đồng Nai"},
    {"077", "Bà Rịa - Vũng Tàu"},
    {"079", "TP Hồ Chí Minh"},
    {"080", "Long An"},
    {"082", "Tiền Giang"},
    {"083", "Bến Tre"},
    {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},
    {"087", "Đồng Tháp"},
    {"089", "An Giang"},
    {"091", "Kiên Giang"},
    {"092", "Cần Thơ"},
    {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},
    {"095", "Bạc Liêu"},
    {"096", "Cà Mau"},
}};

int Digits(std::string_view s) {
  int value = 0;
  for (const char c : s) value = value * 10 + (c - '0');
  return value;
}

std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !std::isalnum(static_cast<unsigned char>(folded[i]))) ++i;
    const std::size_t start = i;
    while (i < folded.size() && std::isalnum(static_cast<unsigned char>(folded[i]))) ++i;
    if (i > start) words.push_back(folded.substr(start, i - start));
  }
  return words;
}

// A province as the list names it, without "TP ", with the keys names are compared by.
struct ListedName {
  std::string_view name;
  std::string squeezed;            // letters and digits, folded ("hochiminh")
  std::vector<std::string> words;  // folded words ("ho", "chi", "minh")
};

// kProvinces' names, keyed once.
const std::array<ListedName, kProvinces.size()>& ListedNames() {
  static const std::array<ListedName, kProvinces.size()> kNames = [] {
    std::array<ListedName, kProvinces.size()> names;
    for (std::size_t i = 0; i < kProvinces.size(); ++i) {
      std::string_view name = kProvinces[i].second;
      if (name.substr(0, 3) == "TP ") name.remove_prefix(3);
      names[i].name = name;
      names[i].squeezed = text::FoldToLettersAndDigits(name);
      const std::string folded = text::FoldForSearch(name);
      for (const std::string_view word : Words(folded)) names[i].words.emplace_back(word);
    }
    return names;
  }();
  return kNames;
}

std::optional<int> Digit(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDigits{{
      {"khong", 0},
      {"mot", 1},
      {"hai", 2},
      {"ba", 3},
      {"bon", 4},
      {"nam", 5},
      {"sau", 6},
      {"bay", 7},
      {"tam", 8},
      {"chin", 9},
  }};
  for (const auto& [name, value] : kDigits) {
    if (word == name) return value;
  }
  if (word == "tu") return 4;   // "hai mươi tư"
  if (word == "lam") return 5;  // "mười lăm"
  return std::nullopt;
}

// Number words [begin, end) of folded words: exactly one number 0-9999, or nothing. A digit
// string alone is read as its value.
std::optional<int> NumberOfWords(const std::vector<std::string_view>& w, std::size_t begin,
                                 std::size_t end) {
  if (begin >= end) return std::nullopt;
  if (end - begin == 1 && IsDigits(w[begin]) && w[begin].size() <= 4) return Digits(w[begin]);
  std::size_t i = begin;
  int value = 0;
  bool any = false;
  const auto at = [&](std::string_view word) { return i < end && w[i] == word; };
  // Thousands and hundreds: "<digit> nghìn", "<digit> trăm" ("không trăm" included).
  for (const std::string_view scale : {"nghin", "tram"}) {
    const bool thousands = scale == "nghin";
    if (i + 1 < end) {
      const std::optional<int> d = Digit(w[i]);
      const bool named = w[i + 1] == scale || (thousands && w[i + 1] == "ngan");
      if (d && named) {
        value += *d * (thousands ? 1000 : 100);
        i += 2;
        any = true;
      }
    }
  }
  // Tens: "mười" (10) or "<digit> mươi"; after a hundred with no tens, "linh" / "lẻ" and the
  // units.
  bool tens = false;
  if (at("muoi")) {
    value += 10;
    ++i;
    tens = true;
  } else if (i + 1 < end && w[i + 1] == "muoi" && Digit(w[i]).value_or(0) >= 2) {
    value += *Digit(w[i]) * 10;
    i += 2;
    tens = true;
  } else if (any && (at("linh") || at("le"))) {
    ++i;
    if (i >= end) return std::nullopt;  // "linh" needs its units
  }
  if (i < end) {
    const std::optional<int> d = Digit(w[i]);
    if (!d || (*d == 0 && (tens || any))) return std::nullopt;
    // "lăm" is 5 only after tens ("mười lăm"); "tư" is 4 there and as a month ("tháng tư").
    if (!tens && w[i] == "lam") return std::nullopt;
    value += *d;
    ++i;
    any = true;
  }
  if (i != end || (!any && !tens)) return std::nullopt;
  return value;
}

// A year: four digits (papers print four), or words.
std::optional<int> Year(const std::vector<std::string_view>& w, std::size_t begin,
                        std::size_t end) {
  if (end - begin == 1 && IsDigits(w[begin]) && w[begin].size() == 4) return Digits(w[begin]);
  if (end - begin == 1 && IsDigits(w[begin])) return std::nullopt;
  return NumberOfWords(w, begin, end);
}

// "ngày D tháng M năm Y" from word `day_word` on (the "ngay" word): the year's words run as far
// as they make one number. Nothing when it does not parse.
std::optional<Date> DateLine(const std::vector<std::string_view>& w, std::size_t day_word) {
  std::size_t month_word = day_word + 1;
  while (month_word < w.size() && w[month_word] != "thang" && month_word - day_word <= 4) {
    ++month_word;
  }
  if (month_word >= w.size() || w[month_word] != "thang") return std::nullopt;
  const std::optional<int> day = NumberOfWords(w, day_word + 1, month_word);
  if (!day) return std::nullopt;
  // "tháng năm năm ...": the month's words end at a "năm" after which a year follows.
  for (std::size_t year_word = month_word + 2; year_word < w.size() && year_word <= month_word + 4;
       ++year_word) {
    if (w[year_word] != "nam") continue;
    const std::optional<int> month = NumberOfWords(w, month_word + 1, year_word);
    if (!month) continue;
    // The longest run of words after "năm" that is one year.
    for (std::size_t end = std::min(w.size(), year_word + 9); end > year_word + 1; --end) {
      const std::optional<int> year = Year(w, year_word + 1, end);
      if (!year) continue;
      if (std::optional<Date> date = Date::Make(*year, *month, *day)) return date;
    }
  }
  return std::nullopt;
}

// "dd/mm/yyyy" (or with '-' or '.') at `at` of `s`.
std::optional<Date> NumericDate(std::string_view s, std::size_t at) {
  std::size_t i = at;
  const auto number = [&](std::size_t most) -> std::optional<int> {
    const std::size_t start = i;
    while (i < s.size() && i - start < most && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
    return Digits(s.substr(start, i - start));
  };
  const auto separator = [&](char expected) {
    if (i < s.size() && s[i] == expected) {
      ++i;
      return true;
    }
    return false;
  };
  const std::optional<int> day = number(2);
  if (!day || i >= s.size()) return std::nullopt;
  const char sep = s[i];
  // A space: both slashes lost to OCR ("22 09 2023"); only with a four-digit year after it.
  if (sep != '/' && sep != '-' && sep != '.' && sep != ' ') return std::nullopt;
  ++i;
  // A space OCR read after a slash ("09/10/ 1986", "05/ 10/2022": seed 47's photocopied 0278).
  const auto space = [&] {
    if (sep != ' ' && i < s.size() && s[i] == ' ') ++i;
  };
  space();
  const std::optional<int> month = number(2);
  if (!month || !separator(sep)) return std::nullopt;
  space();
  const std::size_t year_start = i;
  const std::optional<int> year = number(4);
  if (!year || i - year_start != 4) return std::nullopt;
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') return std::nullopt;  // more digits
  return Date::Make(*year, *month, *day);
}

char DigitLookAlike(char c) {
  switch (c) {
    case 'O':
    case 'o':
    case 'D':
    case 'Q':
      return '0';
    case 'I':
    case 'l':
    case '|':
    case 'i':
    case '!':
      return '1';
    case 'Z':
    case 'z':
      return '2';
    case 'S':
    case 's':
      return '5';
    case 'G':
    case 'b':
      return '6';
    case 'T':
      return '7';
    case 'B':
      return '8';
    case 'g':
    case 'q':
      return '9';
    default:
      return c;
  }
}

std::optional<int> MrzValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c == '<') return 0;
  return std::nullopt;
}

// YYMMDD of a machine-readable zone in the given century.
std::optional<Date> MrzDate(std::string_view yymmdd, int century) {
  if (!IsDigits(yymmdd) || yymmdd.size() != 6) return std::nullopt;
  return Date::Make(century + Digits(yymmdd.substr(0, 2)), Digits(yymmdd.substr(2, 2)),
                    Digits(yymmdd.substr(4, 2)));
}

// The first year of the century a personal ID's digit G (0-7) names: 0/1 1900, 2/3 2000…
int CenturyOfDigit(char g) { return 1900 + 100 * ((g - '0') / 2); }

bool AllFillers(std::string_view field) {
  return std::all_of(field.begin(), field.end(), [](char c) { return c == '<'; });
}

}  // namespace

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int PositionsApart(std::string_view a, std::string_view b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0, std::plus<>(),
                            std::not_equal_to<>());
}

int ThisYear() {
  return static_cast<int>(
      std::chrono::year_month_day{
          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}
          .year());
}

std::optional<Date> Date::Make(int year, int month, int day) {
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return Date{year, month, day};
}

std::string Date::Iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<int> ParseNumberWords(std::string_view words) {
  const std::string folded = text::FoldForSearch(words);
  const std::vector<std::string_view> w = Words(folded);
  return NumberOfWords(w, 0, w.size());
}

std::optional<Date> ParseDate(std::string_view text) {
  const std::string folded = text::FoldForSearch(text);
  // Whichever comes first: a numeric date or a date line.
  std::optional<std::pair<std::size_t, Date>> numeric;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] < '0' || folded[i] > '9' ||
        (i > 0 && folded[i - 1] >= '0' && folded[i - 1] <= '9')) {
      continue;
    }
    if (std::optional<Date> date = NumericDate(folded, i)) {
      numeric = std::pair(i, *date);
      break;
    }
  }
  const std::vector<std::string_view> w = Words(folded);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] != "ngay") continue;
    const std::size_t offset = static_cast<std::size_t>(w[i].data() - folded.data());
    if (numeric && numeric->first < offset) break;
    if (std::optional<Date> date = DateLine(w, i)) return date;
  }
  if (numeric) return numeric->second;
  return std::nullopt;
}

std::string_view ProvinceOpeningWith(std::string_view printed) {
  const std::string folded = text::FoldForSearch(printed);
  const std::vector<std::string_view> wanted = Words(folded);
  if (wanted.empty()) return {};
  std::string_view found;
  for (const ListedName& listed : ListedNames()) {
    if (listed.words.size() <= wanted.size() ||
        !std::equal(wanted.begin(), wanted.end(), listed.words.begin())) {
      continue;
    }
    if (!found.empty() && found != listed.name) return {};
    found = listed.name;
  }
  return found;
}

Sex ParseSex(std::string_view text) {
  const std::string folded = text::FoldForSearch(text);
  const std::vector<std::string_view> w = Words(folded);
  if (w.size() != 1) return Sex::kUnknown;
  // "Nam" folds like "năm"; "Nữ" to "nu".
  if (w[0] == "nam" || w[0] == "m" || w[0] == "male") return Sex::kMale;
  // "Nam" with its second or third letter misread ("Nnm", "Nan"); no spelling of "Nữ" is
  // three letters.
  if (w[0].size() == 3 && w[0][0] == 'n' && text::EditDistance(w[0], "nam", 1) == 1) {
    return Sex::kMale;
  }
  if (w[0] == "nu" || w[0] == "f" || w[0] == "female") return Sex::kFemale;
  return Sex::kUnknown;
}

Sex SexOfPersonalId(std::string_view id) {
  if (id.size() != 12 || !std::all_of(id.begin(), id.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return Sex::kUnknown;
  }
  return (id[3] - '0') % 2 == 1 ? Sex::kFemale : Sex::kMale;
}

std::string_view ProvinceOfCode(std::string_view code) {
  for (const auto& [number, name] : kProvinces) {
    if (number == code) return name;
  }
  return {};
}

std::string_view ProvinceNamed(std::string_view printed) {
  const std::string wanted = text::FoldToLettersAndDigits(printed);
  if (wanted.empty()) return {};
  const int allowed = static_cast<int>(wanted.size()) / 6;
  std::string_view best;
  int best_distance = allowed + 1;
  bool tie = false;
  for (const ListedName& listed : ListedNames()) {
    const int distance = text::EditDistance(wanted, listed.squeezed, allowed);
    if (distance < best_distance) {
      best = listed.name;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance && distance <= allowed) {
      tie = true;
    }
  }
  return tie ? std::string_view{} : best;
}

std::optional<int> BirthYearOfPersonalId(std::string_view id) {
  if (id.size() != 12 || !IsDigits(id) || id[3] > '7') return std::nullopt;
  return CenturyOfDigit(id[3]) + Digits(id.substr(4, 2));
}

Check CheckPersonalId(std::string_view id, std::optional<Date> birth, Sex sex) {
  if (id.size() != 12 || !IsDigits(id)) return {"not 12 digits"};
  const std::string_view province = id.substr(0, 3);
  if (province[0] == '0' && ProvinceOfCode(province).empty()) {
    return {"province code " + std::string(province) + " is not on the list"};
  }
  const int g = id[3] - '0';
  if (g > 7) return {"century and sex digit " + std::string(1, id[3]) + " is not 0-7"};
  const int year = *BirthYearOfPersonalId(id);
  if (birth && birth->year != year) {
    return {"birth year " + std::to_string(year) + " in the number, " +
            std::to_string(birth->year) + " on the paper"};
  }
  const Sex in_number = g % 2 == 1 ? Sex::kFemale : Sex::kMale;
  if (sex != Sex::kUnknown && sex != in_number) {
    return {std::string("sex digit says ") + (in_number == Sex::kFemale ? "female" : "male") +
            ", the paper the other"};
  }
  return {};
}

std::optional<std::string> RepairPersonalId(std::string_view read, std::optional<Date> birth,
                                            Sex sex) {
  std::string digits;
  for (std::size_t i = 0; i < read.size(); ++i) {
    const char c = read[i];
    if (c == ' ' || c == '.' || c == '-') {
      // Only between digits (or look-alikes): "026 209 123 456".
      if (!digits.empty() && i + 1 < read.size()) continue;
      return std::nullopt;
    }
    const char d = DigitLookAlike(c);
    if (d < '0' || d > '9') return std::nullopt;
    digits.push_back(d);
  }
  if (CheckPersonalId(digits, birth, sex).ok()) return digits;
  if (digits.size() != 12 || !birth) return std::nullopt;
  // A number well-formed on its own (a listed province, a century digit 0-7, a birth year
  // already past) that disagrees only with the birth date is not mended towards it: OCR
  // misreads a date's digits as often as the number's ("11/12/1958" beside a right
  // 034056711988), and the caller sends both to review.
  if (CheckPersonalId(digits, std::nullopt, sex).ok() &&
      *BirthYearOfPersonalId(digits) <= ThisYear()) {
    return std::nullopt;
  }
  // A digit OCR read as one of like shape ("043…" for "048…", "1979" for "1919") in the six
  // the checks cover (province, century and sex, birth year): repaired when exactly one such
  // reading validates against the paper's birth date and sex. A reading that validates with a
  // foreign country's code ("840…": born abroad, or a 0 misread) is not changed: the caller
  // sends it to review.
  std::optional<std::string> repaired;
  for (std::size_t i = 0; i < 6; ++i) {
    for (const char like : DigitsLike(digits[i])) {
      std::string trial = digits;
      trial[i] = like;
      if (!CheckPersonalId(trial, birth, sex).ok()) continue;
      if (repaired) return std::nullopt;  // two readings validate: neither
      repaired = std::move(trial);
    }
  }
  return repaired;
}

std::string_view DigitsLike(char digit) {
  static constexpr std::array<std::string_view, 10> kLike{
      "689", "47", "7", "58", "19", "36", "0589", "12", "0369", "048"};
  return digit >= '0' && digit <= '9' ? kLike[digit - '0'] : std::string_view{};
}

std::optional<int> MrzCheckDigit(std::string_view field) {
  static constexpr std::array<int, 3> kWeights{7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const std::optional<int> value = MrzValue(field[i]);
    if (!value) return std::nullopt;
    sum += *value * kWeights[i % 3];
  }
  return sum % 10;
}

Td1Reading ReadTd1(std::string_view line1, std::string_view line2, std::string_view line3) {
  Td1Reading out;
  for (const std::string_view line : {line1, line2, line3}) {
    if (line.size() != 30 ||
        !std::all_of(line.begin(), line.end(), [](char c) { return MrzValue(c).has_value(); })) {
      out.check.problem = "a line is not 30 characters of A-Z, 0-9 and <";
      return out;
    }
  }
  const auto checked = [&](std::string_view field, char digit, const char* what) {
    const std::optional<int> expected = MrzCheckDigit(field);
    const bool matches = (expected && digit == '0' + *expected) ||
                         (digit == '<' && AllFillers(field));  // an empty field's digit
    if (out.check.ok() && !matches) {
      out.check.problem = std::string(what) + " check digit does not match";
    }
  };
  Td1& f = out.fields;
  f.document_number = std::string(line1.substr(5, 9));
  checked(line1.substr(5, 9), line1[14], "document number");
  const std::string_view optional = line1.substr(15, 15);
  const std::size_t filler = std::min(optional.find('<'), optional.size());
  if (filler >= 12 && IsDigits(optional.substr(0, 12))) f.personal_id = optional.substr(0, 12);
  checked(line2.substr(0, 6), line2[6], "birth date");
  checked(line2.substr(8, 6), line2[14], "expiry date");
  // Composite: line 1 from the document number on, birth and expiry with their digits, line 2's
  // optional data.
  std::string composite(line1.substr(5, 25));
  composite += line2.substr(0, 7);
  composite += line2.substr(8, 7);
  composite += line2.substr(18, 11);
  checked(composite, line2[29], "composite");
  // Expiry: 2000s; all fillers for a card that does not expire. Birth: the century the
  // personal ID's digit G names; without it the 2000s when that is before the expiry,
  // otherwise the 1900s.
  const std::string_view expiry = line2.substr(8, 6);
  if (!AllFillers(expiry)) {
    f.expiry = MrzDate(expiry, 2000);
    if (out.check.ok() && !f.expiry) out.check.problem = "expiry date does not exist";
  }
  const std::string_view birth = line2.substr(0, 6);
  int century = 1900;
  if (!f.personal_id.empty() && f.personal_id[3] <= '7') {
    century = CenturyOfDigit(f.personal_id[3]);
  } else if (IsDigits(birth) && f.expiry && 2000 + Digits(birth.substr(0, 2)) < f.expiry->year) {
    century = 2000;
  }
  f.birth = MrzDate(birth, century);
  if (out.check.ok() && !f.birth) out.check.problem = "birth date does not exist";
  f.sex = line2[7] == 'M' ? Sex::kMale : line2[7] == 'F' ? Sex::kFemale : Sex::kUnknown;
  f.nationality = std::string(line2.substr(15, 3));
  // SURNAME<<GIVEN<NAMES, '<' fillers after: the name ends at the first three, whatever OCR
  // read among the fillers after them ("TRAN<<THI<BAO<TUYET<<<<<<<SSSS").
  std::string name(line3.substr(0, line3.find("<<<")));
  while (!name.empty() && name.back() == '<') name.pop_back();
  std::string spaced;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '<') {
      spaced.push_back(name[i]);
    } else if (!spaced.empty() && spaced.back() != ' ') {
      spaced.push_back(' ');
    }
  }
  f.name = spaced;
  if (out.check.ok() && !f.personal_id.empty()) {
    const Check id = CheckPersonalId(f.personal_id, f.birth, f.sex);
    if (!id.ok()) out.check.problem = "personal ID: " + id.problem;
  }
  return out;
}

}  // namespace sohoa::ocr
