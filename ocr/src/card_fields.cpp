#include "card_fields.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "address.h"
#include "names.h"
#include "tokens.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/card_code.h"
#include "sohoa/ocr/card_zone.h"
#include "sohoa/ocr/identifiers.h"

namespace sohoa::ocr {
namespace {

enum class Field {
  kNone,  // a label of the card whose value is no field (it still ends the value before it)
  kId,
  kName,
  kBirth,
  kSex,
  kNationality,
  kOrigin,
  kResidence,
  kIssue,
  kExpiry,
};

struct CardLabel {
  std::string_view words;  // accent-folded, lower case
  Field field;
};

// Both languages of each label, so that either half read well is enough; the longest match
// at a position wins ("ngay thang nam cap" over "ngay thang nam sinh" by one letter).
constexpr std::array<CardLabel, 34> kCardLabels{{
    {"so dinh danh ca nhan", Field::kId},
    {"personal identification number", Field::kId},
    {"identification number", Field::kId},
    {"so no", Field::kId},
    {"ho chu dem va ten khai sinh", Field::kName},
    {"ho chu dem va ten", Field::kName},
    {"ho va ten", Field::kName},
    {"full name", Field::kName},
    {"ngay thang nam sinh", Field::kBirth},
    {"ngay sinh", Field::kBirth},
    {"date of birth", Field::kBirth},
    {"gioi tinh", Field::kSex},
    {"sex", Field::kSex},
    {"quoc tich", Field::kNationality},
    {"nationality", Field::kNationality},
    {"que quan", Field::kOrigin},
    {"place of origin", Field::kOrigin},
    {"origin", Field::kOrigin},
    {"noi thuong tru", Field::kResidence},
    {"noi cu tru", Field::kResidence},
    {"place of residence", Field::kResidence},
    {"residence", Field::kResidence},  // the rest garbled: "Place oi residence"
    {"ngay thang nam cap", Field::kIssue},
    {"date of issue", Field::kIssue},
    {"ngay thang nam het han", Field::kExpiry},
    {"co gia tri den", Field::kExpiry},
    {"date of expiry", Field::kExpiry},
    {"dac diem nhan dang", Field::kNone},
    {"personal identification", Field::kNone},
    {"ngon tro trai", Field::kNone},
    {"bo cong an", Field::kNone},
    {"cuc truong", Field::kNone},
    // The signing department, "Cục Cảnh sát quản lý hành chính về trật tự xã hội": its "quản"
    // and "xã" are no address's units.
    {"quan ly", Field::kNone},
    {"trat tu xa hoi", Field::kNone},
}};

// A printed word as OCR read it: the token (split at white space and after ':') and its
// letters and digits accent-folded; a token of several words ("sinh/Date") gives several.
struct Word {
  std::string folded;
  std::size_t token;
};

struct Line {
  std::vector<std::string_view> tokens;
  std::vector<Word> words;
};

Line Split(std::string_view text) {
  Line line;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) {
      if (text[i++] == ':') break;  // "Sex:Nam"
    }
    if (i == start) continue;
    line.tokens.push_back(text.substr(start, i - start));
    std::string word;
    for (const char c : text::FoldForSearch(line.tokens.back()) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word.push_back(c);
      } else if (!word.empty()) {
        line.words.push_back({word, line.tokens.size() - 1});
        word.clear();
      }
    }
  }
  return line;
}

// Words equal as OCR allows: exact for short ones, a letter wrong in words of five or more.
bool SameWord(std::string_view read, std::string_view label) {
  if (read == label) return true;
  return label.size() >= 5 && text::EditDistance(read, label, 1) <= 1;
}

// Whether a line holds one of `cues` (accent-folded words), as SameWord allows.
bool HasCue(const Line& line, std::initializer_list<std::string_view> cues) {
  return std::any_of(line.words.begin(), line.words.end(), [&](const Word& w) {
    return std::any_of(cues.begin(), cues.end(),
                       [&](std::string_view cue) { return SameWord(w.folded, cue); });
  });
}

struct Found {
  Field field;
  std::size_t first_word, end_word;  // [first, end) of line.words
};

// The card's labels on a line, in order, each at its longest match.
std::vector<Found> Labels(const Line& line) {
  std::vector<Found> found;
  for (std::size_t at = 0; at < line.words.size();) {
    std::optional<Found> best;
    for (const CardLabel& label : kCardLabels) {
      std::size_t w = at, start = 0;
      bool match = true;
      while (start < label.words.size()) {
        std::size_t end = label.words.find(' ', start);
        if (end == std::string_view::npos) end = label.words.size();
        if (w >= line.words.size() ||
            !SameWord(line.words[w].folded, label.words.substr(start, end - start))) {
          match = false;
          break;
        }
        ++w;
        start = end + 1;
      }
      if (match && (!best || w > best->end_word)) best = Found{label.field, at, w};
    }
    if (best) {
      found.push_back(*best);
      at = best->end_word;
    } else {
      ++at;
    }
  }
  return found;
}

std::string JoinTokens(const Line& line, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < line.tokens.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += line.tokens[i];
  }
  return out;
}

// A value without the label's leftovers ("/", ":") around it and without a final period.
std::string Tidy(std::string value) {
  value = text::ToNfc(value);
  const auto junk = [](char c) {
    return c == ' ' || c == '/' || c == ':' || c == '.' || c == ',' || c == ';' || c == '-' ||
           c == '|';
  };
  while (!value.empty() && junk(value.back())) value.pop_back();
  std::size_t from = 0;
  while (from < value.size() && junk(value[from])) ++from;
  return value.substr(from);
}

// The name line without OCR's stray marks around it ("Vy TRẦN XUÂN VIỆT": the photo's edge
// read as a word): its words in capitals, where at least two are.
std::string CapitalWords(const std::string& value) {
  const Line line = Split(value);
  std::size_t first = 0, end = line.tokens.size();
  while (first < end && !IsCapitals(line.tokens[first])) ++first;
  while (end > first && !IsCapitals(line.tokens[end - 1])) --end;
  return end - first >= 2 ? JoinTokens(line, first, end) : value;
}

bool HasLetterOrDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c < 0; });
}

// ---- The machine-readable zone --------------------------------------------------------------

// Why a zone that passes only with look-alikes, unconfirmed, is not taken.
constexpr std::string_view kUnconfirmedZone =
    "machine-readable zone: its check digits pass only with digits read otherwise, which the "
    "printed ID does not confirm";

struct Mrz {
  Td1 fields;
  bool valid = false;
  int look_alikes = 0;  // see CardZone
  std::string problem;  // why a zone that was found did not validate
};

// The zone from the card's lines, with the front's printed numbers as one more reading of
// them when given.
Mrz ReadZone(const std::vector<std::string_view>& lines, const PrintedNumbers* printed) {
  Mrz zone;
  const CardZone read =
      printed != nullptr ? ReconcileCardZone({lines}, *printed) : ReconcileCardZone({lines});
  zone.problem = read.problem;
  if (!read.found()) return zone;
  const std::string name = read.lines[2].empty() ? std::string(30, '<') : read.lines[2];
  const Td1Reading reading = ReadTd1(read.lines[0], read.lines[1], name);
  zone.fields = reading.fields;
  zone.valid = reading.check.ok();
  zone.look_alikes = read.look_alikes;
  return zone;
}

// The ID's value: its tokens joined, without words that hold no digit around it ("N
// 001089685631": the photo's edge).
std::string IdDigits(const std::string& value) {
  const Line line = Split(value);
  const auto has_digit = [](std::string_view token) {
    return std::any_of(token.begin(), token.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  std::size_t first = 0, end = line.tokens.size();
  while (first < end && !has_digit(line.tokens[first])) ++first;
  while (end > first && !has_digit(line.tokens[end - 1])) --end;
  std::string digits;
  for (std::size_t i = first; i < end; ++i) digits += line.tokens[i];
  return digits;
}

// The sex's value: the first word that says which ("Sec Nam" is the label's other half
// misread, then Nam).
Sex PrintedSex(const std::string& value) {
  const Line line = Split(value);
  Sex sex = Sex::kUnknown;
  for (std::size_t i = 0; i < line.tokens.size() && sex == Sex::kUnknown; ++i) {
    sex = ParseSex(Tidy(std::string(line.tokens[i])));
  }
  return sex;
}

// ---- Names ----------------------------------------------------------------------------------

// The zone's spelling of a name: folded, upper case ("NGUYEN VAN AN").
std::string ZoneSpelling(const std::string& name) {
  std::string folded = text::FoldForSearch(name);
  for (char& c : folded) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return folded;
}

// ---- Addresses ------------------------------------------------------------------------------

// An address from its first unit word ("Thôn", "xã" …) when a garbled label's words precede it
// ("Piace of crigfrr xã Chiềng Mung, …"), or the national motto OCR read under the label
// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ga Ì Tờ xã Tiên Dược, …"); as it is when there is none
// among its first words.
std::string FromAddressStart(const std::string& value) {
  static constexpr std::array<std::string_view, 12> kStarts{
      "thon", "xom", "ap", "to", "so", "ban", "khu", "xa", "phuong", "thi", "huyen", "duong"};
  static constexpr std::array<std::string_view, 4> kMottoEnd{"chu", "nghia", "viet", "nam"};
  const Line line = Split(value);
  std::size_t first = 0;  // the first word after the motto, if any
  for (std::size_t i = 0; i + kMottoEnd.size() <= line.words.size() && first == 0; ++i) {
    if (std::equal(kMottoEnd.begin(), kMottoEnd.end(), line.words.begin() + i,
                   [](std::string_view m, const Word& w) { return m == w.folded; })) {
      first = i + kMottoEnd.size();
    }
  }
  const std::size_t first_token = first < line.words.size() ? line.words[first].token : 0;
  for (std::size_t i = first;
       i < line.words.size() && line.words[i].token < first_token + 6; ++i) {
    const std::string& w = line.words[i].folded;
    if (std::find(kStarts.begin(), kStarts.end(), w) == kStarts.end()) continue;
    // "Tổ" and "Số" open an address before a number, "dân phố" or "nhà" ("Tổ 5", "Tổ dân phố
    // 3", "Số nhà 12"); "Tờ" alone is dust.
    const std::string next = i + 1 < line.words.size() ? line.words[i + 1].folded : "";
    if ((w == "to" || w == "so") && next != "dan" && next != "nha" &&
        (next.empty() || !std::isdigit(static_cast<unsigned char>(next[0])))) {
      continue;
    }
    if (line.words[i].token == 0) return value;
    return Tidy(JoinTokens(line, line.words[i].token, line.tokens.size()));
  }
  return value;
}

// A card's date as OCR reads its small print: "22/07/2003", or with a slash read as 1, l, I, i,
// !, Í, ƒ or lost ("22l07I2003", "13/02!2024", "31Í05I2025", "180811951", "17/042025"). The
// first run of date characters on the line that gives a real date between 1900 and 2100 when
// its separators are put back.
std::optional<Date> CardDate(std::string_view printed) {
  if (const std::optional<Date> plain = ParseDate(printed)) return plain;
  const std::string value = text::ReplaceAll(std::string(printed), {"Í", "í", "Ì", "ì", "ƒ"}, "/");
  std::string run;
  const auto try_run = [](const std::string& r) -> std::optional<Date> {
    std::string digits;  // separators as 's'
    for (const char c : r) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits.push_back(c);
      } else if (c == 'O' || c == 'o') {
        digits.push_back('0');
      } else {
        digits.push_back('s');
      }
    }
    // Candidates: separators where read as such or as a 1 after the day and the month.
    std::vector<std::string> plain;
    const auto add = [&](std::string d) {
      d.erase(std::remove(d.begin(), d.end(), 's'), d.end());
      if (d.size() == 8) plain.push_back(d);
    };
    add(digits);
    for (const std::size_t at : {std::size_t{2}, std::size_t{4}, std::size_t{5}}) {
      if (at < digits.size() && (digits[at] == '1' || digits[at] == 's')) {
        std::string d = digits;
        d.erase(at, 1);
        add(d);
        for (const std::size_t second : {std::size_t{4}, std::size_t{5}}) {
          if (second > at && second < d.size() && d[second] == '1') {
            std::string e = d;
            e.erase(second, 1);
            add(e);
          }
        }
      }
    }
    const auto date_of = [](const std::string& d) -> std::optional<Date> {
      const std::optional<Date> date = Date::Make(std::stoi(d.substr(4)), std::stoi(d.substr(2, 2)),
                                                  std::stoi(d.substr(0, 2)));
      if (!date || date->year < 1900 || date->year > 2100) return std::nullopt;
      return date;
    };
    std::optional<Date> found;
    for (const std::string& d : plain) {
      const std::optional<Date> date = date_of(d);
      if (!date) continue;
      if (found && *found != *date) return std::nullopt;  // two readings: neither
      found = date;
    }
    if (found) return found;
    // A photocopier fills a 0's counter, and OCR reads it 6, 8 or 9: a day's or a month's
    // first digit so read, where no day or month can start with it ("25/97/2021", "87/04/2022"),
    // was a 0. Not where the day's or month's other digit is such a digit too and a 0 for it
    // also gives a date: it may be a filled 0 as well, or another of them misread ("28/92/2021"
    // for 26/02/2021, seed 67's card 0271).
    const auto filled = [](char c) { return c == '6' || c == '8' || c == '9'; };
    for (const std::string& d : plain) {
      std::string mended = d;
      for (const std::size_t at : {std::size_t{0}, std::size_t{2}}) {
        if (filled(mended[at])) mended[at] = '0';
      }
      if (mended == d) continue;
      bool doubtful = false;
      for (const std::size_t at : {std::size_t{1}, std::size_t{3}}) {
        std::string other = mended;
        other[at] = '0';
        doubtful = doubtful || (filled(mended[at]) && date_of(other).has_value());
      }
      if (doubtful) continue;
      const std::optional<Date> date = date_of(mended);
      if (!date) continue;
      if (found && *found != *date) return std::nullopt;
      found = date;
    }
    return found;
  };
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const char c = i < value.size() ? value[i] : ' ';
    const bool date_char = std::isdigit(static_cast<unsigned char>(c)) || c == '/' || c == 'l' ||
                           c == 'I' || c == 'i' || c == '!' || c == '|' || c == 'O' ||
                           c == 'o' || c == '.' || c == '-';
    if (date_char) {
      run.push_back(c);
      continue;
    }
    if (std::count_if(run.begin(), run.end(),
                      [](char d) { return std::isdigit(static_cast<unsigned char>(d)); }) >= 7) {
      if (const std::optional<Date> date = try_run(run)) return date;
    }
    run.clear();
  }
  return std::nullopt;
}

// The year a value ends in: its last run of four digits, from 1900 to 2100 ("11/33/2022"),
// when no digit follows ("2022" but not "20226").
std::optional<int> LoneYear(std::string_view value) {
  std::size_t end = value.size();
  while (end > 0 && !std::isdigit(static_cast<unsigned char>(value[end - 1]))) --end;
  std::size_t begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(value[begin - 1]))) --begin;
  if (end - begin != 4) return std::nullopt;
  const int year = std::stoi(std::string(value.substr(begin, 4)));
  if (year < 1900 || year > 2100) return std::nullopt;
  return year;
}

// Cards with the 12-digit personal number (căn cước công dân, then căn cước) have been issued
// since the Law on Citizen Identification took effect on 1 January 2016.
const Date kFirstCardIssued = *Date::Make(2016, 1, 1);

Date Anniversary(const Date& birth, int years) {
  if (const std::optional<Date> d = Date::Make(birth.year + years, birth.month, birth.day)) {
    return *d;
  }
  return *Date::Make(birth.year + years, 2, 28);  // born on 29 February
}

// Whether `date` is one of the birthdays `ages` of one born on `birth`.
bool IsBirthday(const Date& date, const Date& birth, std::initializer_list<int> ages) {
  return std::any_of(ages.begin(), ages.end(),
                     [&](int age) { return date == Anniversary(birth, age); });
}

// When a card issued on `issued` to one born on `birth` expires (Luật Căn cước 2023, Art. 21,
// as the Law on Citizen Identification before it): on the 25th, 40th or 60th birthday, the
// next of them when it was issued within two years before one; never when issued from 58 on.
std::optional<Date> CardExpiry(const Date& birth, const Date& issued) {
  for (const int age : {25, 40, 60}) {
    if (issued < Anniversary(birth, age - 2)) return Anniversary(birth, age);
  }
  return std::nullopt;
}

}  // namespace

// Whether an address already ends in a whole province ("…, tỉnh Thanh Hóa"; not "…, tỉnh
// Thanh", whose name wrapped).
bool EndsWithWholeProvince(const std::string& value) {
  const std::size_t comma = value.rfind(',');
  const std::string part = value.substr(comma == std::string::npos ? 0 : comma + 1);
  const std::string folded = text::FoldForSearch(part);
  const int unit_words = folded.rfind("tinh ", 0) == 0        ? 1
                         : folded.rfind("thanh pho ", 0) == 0 ? 2
                                                              : 0;
  if (unit_words == 0) return false;
  const Line words = Split(part);
  if (words.tokens.size() <= static_cast<std::size_t>(unit_words)) return false;
  std::string rest;
  for (std::size_t i = unit_words; i < words.tokens.size(); ++i) {
    rest += (rest.empty() ? "" : " ") + std::string(words.tokens[i]);
  }
  return !ProvinceNamed(rest).empty();
}

std::set<std::string> ExtractCardFields(const std::vector<std::string_view>& lines,
                                        const std::vector<std::string>& codes,
                                        ExtractedFields& out) {
  std::vector<Line> split;
  std::vector<std::vector<Found>> labels;
  split.reserve(lines.size());
  for (const std::string_view line : lines) {
    split.push_back(Split(line));
    labels.push_back(Labels(split.back()));
  }
  // A line that is part of the zone: nothing else's value goes on into it. Also one whose
  // fillers OCR lost, told by its run of digits, longer than any printed number
  // ("IDVNNS0ð58846852602395894669").
  // Told once per line: the checks below ask of each line many times.
  std::vector<bool> zone_lines(lines.size());
  for (std::size_t l = 0; l < lines.size(); ++l) {
    zone_lines[l] =
        LooksLikeZoneLine(lines[l]) ||
        std::any_of(split[l].tokens.begin(), split[l].tokens.end(), [](std::string_view token) {
          return std::count_if(token.begin(), token.end(), [](char c) {
                   return std::isdigit(static_cast<unsigned char>(c));
                 }) >= 18;
        });
  }
  const auto zone_like = [&](std::size_t l) { return static_cast<bool>(zone_lines[l]); };
  // The next line with text after line l, or lines.size().
  const auto next_line = [&](std::size_t l) {
    for (++l; l < lines.size(); ++l) {
      if (!split[l].tokens.empty()) return l;
    }
    return l;
  };

  // The first value of each field, as printed; addresses joined over their lines.
  std::map<Field, std::string> raw;
  std::map<Field, std::size_t> raw_line;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Line& line = split[l];
    const std::vector<Found>& found = labels[l];
    for (std::size_t i = 0; i < found.size(); ++i) {
      // "Giới tính / Sex:": the value follows the last label of a pair.
      if (i + 1 < found.size() && found[i + 1].field == found[i].field) continue;
      const Field field = found[i].field;
      if (field == Field::kNone || raw.count(field)) continue;
      const std::size_t from = line.words[found[i].end_word - 1].token + 1;
      const std::size_t to =
          i + 1 < found.size() ? line.words[found[i + 1].first_word].token : line.tokens.size();
      std::string value = Tidy(JoinTokens(line, from, to));
      std::size_t at = l;
      const bool own_line = field == Field::kId || field == Field::kName ||
                            field == Field::kOrigin || field == Field::kResidence;
      // Words ending in the label's colon are the label's other half, garbled ("Ful name:");
      // so is anything not in capitals where the card prints the name ("7 Fl name.").
      if (own_line && to > from && line.tokens[to - 1].back() == ':') value.clear();
      if (field == Field::kName) {
        const std::string name = CapitalWords(value);
        value = IsCapitals(name) ? name : "";
      }
      if (!HasLetterOrDigit(value) && own_line) {
        // The value is on the next line ("Full name:" above the name in capitals).
        const std::size_t next = next_line(l);
        if (next >= lines.size() || !labels[next].empty() || zone_like(next)) continue;
        at = next;
        value = Tidy(JoinTokens(split[next], 0, split[next].tokens.size()));
        if (field == Field::kName) value = CapitalWords(value);
      }
      if (field == Field::kOrigin || field == Field::kResidence) {
        // An address goes on over at most two more lines without a label, not in capitals.
        for (int more = 0; more < 2; ++more) {
          const std::size_t next = next_line(at);
          if (next >= lines.size() || !labels[next].empty() || zone_like(next) ||
              IsCapitals(lines[next]) || CardDate(lines[next])) {
            break;
          }
          const std::size_t words = split[next].tokens.size();
          // Done at a whole province; a city's name may still wrap ("thành phố Quy / Nhơn,
          // tỉnh Bình Định").
          if (EndsWithWholeProvince(value)) break;
          // The comma ending the line (dropped by Tidy) still separates the parts.
          const bool comma = !split[at].tokens.empty() && split[at].tokens.back().back() == ',';
          value = Tidy(value + (comma ? ", " : " ") + JoinTokens(split[next], 0, words));
          at = next;
        }
      }
      if (field == Field::kOrigin || field == Field::kResidence) value = FromAddressStart(value);
      if (!value.empty()) {
        raw[field] = value;
        raw_line[field] = l;
      }
    }
  }

  // Dates whose label OCR garbled beyond the label list: one distinctive word of it is enough
  // ("Cogi đến Date ofexprry: 11/06/2031"); without one, a date before cards were issued can
  // only be the birth date ("Ngày Date of binh: 12/06/1953").
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::optional<Date> date = zone_like(l) ? std::nullopt : CardDate(lines[l]);
    if (!date) continue;
    bool labelled = false;
    for (const Found& f : labels[l]) labelled = labelled || f.field != Field::kNone;
    if (labelled) continue;
    const auto has = [&](std::initializer_list<std::string_view> cues) {
      return HasCue(split[l], cues);
    };
    Field field = Field::kNone;
    if (has({"birth", "sinh"})) {
      field = Field::kBirth;
    } else if (has({"issue", "cap"})) {
      field = Field::kIssue;
    } else if (has({"expiry", "han", "den", "tri"})) {
      field = Field::kExpiry;
    } else if (*date < kFirstCardIssued) {
      field = Field::kBirth;
    }
    if (field != Field::kNone && !raw.count(field)) raw[field] = std::string(lines[l]);
  }

  // The zone; where its own reading passes no check, again with the numbers the front prints
  // as a second reading of the digits it repeats. On a photocopy OCR misreads a zone's 0 as 9
  // or 8 and a 6 as 8 ("TDVNM9962635391049096263539<<<" for card 040096263539) where it reads
  // the printed number right, and the other way round ("040096283539"); the check digits
  // tell which reading of each digit is the card's. Such a zone is taken only where it mends
  // at most one digit of each printed number: with a check digit misread too, a mix of
  // readings can pass every check (seed 43's card 0047: 001169911567 for 001169115167).
  // A zone that passes only with 0s no reading gave (ReconcileCardZone's look-alikes) in more
  // than one place is taken only where the printed ID was read and it mends at most one digit
  // of it: on the 70 photocopied cards of seven corpora, 1 such zone went out with a wrong ID
  // without that (seed 43's card 0047 again).
  Mrz zone = ReadZone(lines, nullptr);
  if (zone.look_alikes > kMostUnconfirmedLookAlikes) {
    zone.valid = false;
    zone.problem = kUnconfirmedZone;
  }
  if (!zone.valid && !zone.problem.empty()) {
    PrintedNumbers printed;
    if (raw.count(Field::kId)) {
      printed.personal_id = IdDigits(raw[Field::kId]);
      if (printed.personal_id.size() != 12 || !IsDigits(printed.personal_id)) {
        printed.personal_id.clear();
      }
    } else {
      // The label lost ("— số/Na: 949177704560", seed 47's card 0047): the one 12-digit
      // number outside the zone.
      std::set<std::string> numbers;
      for (std::size_t l = 0; l < lines.size(); ++l) {
        if (zone_like(l)) continue;
        for (const std::string_view token : split[l].tokens) {
          const std::string digits = Tidy(std::string(token));
          if (digits.size() == 12 && IsDigits(digits)) numbers.insert(digits);
        }
      }
      if (numbers.size() == 1) printed.personal_id = *numbers.begin();
    }
    if (raw.count(Field::kBirth)) printed.birth = CardDate(raw[Field::kBirth]);
    if (raw.count(Field::kExpiry)) printed.expiry = CardDate(raw[Field::kExpiry]);
    if (raw.count(Field::kSex)) printed.sex = PrintedSex(raw[Field::kSex]);
    const auto near = [](const std::string& a, const std::string& b) {
      return a.empty() || b.empty() || (a.size() == b.size() && PositionsApart(a, b) <= 1);
    };
    const auto iso = [](const std::optional<Date>& date) {
      return date ? date->Iso() : std::string();
    };
    if (Mrz again = ReadZone(lines, &printed);
        again.valid && near(printed.personal_id, again.fields.personal_id) &&
        near(iso(printed.birth), iso(again.fields.birth)) &&
        near(iso(printed.expiry), iso(again.fields.expiry)) &&
        (again.look_alikes <= kMostUnconfirmedLookAlikes ||
         (!printed.personal_id.empty() && near(printed.personal_id, again.fields.personal_id)))) {
      zone = std::move(again);
    }
  }

  auto& fields = out.fields;
  auto& review = out.needs_review;
  const auto disagree = [&](const std::string& key, const std::string& printed,
                            const std::string& zoned) {
    review[key] = "printed '" + printed + "' but the machine-readable zone has '" + zoned + "'";
  };

  // Dates and sex first: the ID is checked against them. Where the zone validated, its birth
  // date, expiry (a birthday a card runs to, below) and ID stand even against a printed value
  // that reads otherwise: each has its own check digit, which any one digit misread changes,
  // and the composite check digit covers them again. On the 160 cards of four corpora of 320
  // papers (seeds 17, 29, 37, 41) all 8 such disagreements, each on a photocopy, were the
  // printed value misread ("1983-08-22" for "1983-06-22"). The zone's sex and name have no
  // check digit: a disagreement there goes to review.
  std::optional<Date> birth;
  if (raw.count(Field::kBirth)) birth = CardDate(raw[Field::kBirth]);
  if (zone.valid && zone.fields.birth) {
    birth = zone.fields.birth;
  } else if (!birth && raw.count(Field::kBirth)) {
    review["ngay_sinh"] = "'" + raw[Field::kBirth] + "' is not a date that exists";
  }
  // What the ID is checked against: also a birth date misread into the 1800s (the holder of a
  // card issued since 2016 was not born then), which no ID agrees with, so that both go to
  // review; nothing else is checked against that one.
  const std::optional<Date> id_birth = birth;
  if (birth && birth->year < 1900) {
    review["ngay_sinh"] = "'" + birth->Iso() + "': a card holder born before 1900";
    birth.reset();
  }
  if (birth) fields["ngay_sinh"] = birth->Iso();

  Sex sex = raw.count(Field::kSex) ? PrintedSex(raw[Field::kSex]) : Sex::kUnknown;
  if (zone.valid && zone.fields.sex != Sex::kUnknown) {
    if (sex != Sex::kUnknown && sex != zone.fields.sex) {
      disagree("gioi_tinh", sex == Sex::kMale ? "Nam" : "Nữ",
               zone.fields.sex == Sex::kMale ? "M" : "F");
      sex = Sex::kUnknown;
    } else {
      sex = zone.fields.sex;
    }
  } else if (sex == Sex::kUnknown && raw.count(Field::kSex)) {
    review["gioi_tinh"] = "'" + raw[Field::kSex] + "' is neither Nam nor Nữ";
  }
  if (sex != Sex::kUnknown) fields["gioi_tinh"] = sex == Sex::kMale ? "Nam" : "Nữ";

  // The ID: twelve digits on the label's line or the next, as OCR split or garbled them.
  std::optional<std::string> id;
  std::string id_problem;
  // A number well-formed on its own whose birth year is not the printed birth date's: one of
  // the two is misread, and nothing says which (seed 43's card 0047: "05/03/1988" for 1969
  // beside a right 001169115167; seed 37's 0079: "18/04/1953" beside a right 052193104344),
  // so neither goes out.
  // The expiry is still checked against both readings: the printed birth date, and its day and
  // month in the number's year.
  // A birth date misread into the 1800s counts too (its day and month may be right).
  std::vector<Date> doubtful_births;
  std::string doubtful_id;            // the number that contradicted the birth date
  std::optional<Date> id_year_birth;  // the printed day and month in the number's year
  const auto contradicts_birth = [&](const std::string& digits) {
    if (zone.valid || !id_birth || digits.size() != 12 || digits[0] != '0' ||
        !CheckPersonalId(digits, std::nullopt, sex).ok()) {
      return false;
    }
    fields.erase("ngay_sinh");
    review["ngay_sinh"] = "'" + digits + "': " + CheckPersonalId(digits, id_birth, sex).problem;
    doubtful_births.push_back(*id_birth);
    doubtful_id = digits;
    id_year_birth = Date::Make(*BirthYearOfPersonalId(digits), id_birth->month, id_birth->day);
    if (id_year_birth) doubtful_births.push_back(*id_year_birth);
    birth.reset();
    return true;
  };
  if (raw.count(Field::kId)) {
    const std::string digits = IdDigits(raw[Field::kId]);
    // With the zone's birth date and sex (when it validated) even where the printed ones
    // are missing; a printed number that does not validate is reported, not repaired blindly.
    id = RepairPersonalId(digits, id_birth, sex);
    if (!id) {
      id_problem = "'" + raw[Field::kId] + "': " + CheckPersonalId(digits, id_birth, sex).problem;
      contradicts_birth(digits);
    }
  }
  if (zone.valid && !zone.fields.personal_id.empty()) {
    if (zone.fields.personal_id.substr(3) != zone.fields.document_number) {
      review["so_dinh_danh"] = "the machine-readable zone's card number '" +
                               zone.fields.document_number + "' is not the end of its ID '" +
                               zone.fields.personal_id + "'";
      id.reset();
    } else {
      id = zone.fields.personal_id;
    }
  } else if (!id) {
    // The label lost: a number on a line of its own, or after a garbled "Số / No.:", that
    // validates against the birth date and sex.
    for (std::size_t l = 0; l < lines.size() && !id; ++l) {
      if (zone_like(l)) continue;
      for (const std::string_view token : split[l].tokens) {
        if (token.size() < 12 || token.size() > 14) continue;
        const std::string digits = Tidy(std::string(token));
        id = RepairPersonalId(digits, id_birth, sex);
        if (id) break;
        if (doubtful_id.empty() && id_problem.empty() && contradicts_birth(digits)) {
          id_problem = "'" + digits + "': " + CheckPersonalId(digits, id_birth, sex).problem;
        }
      }
    }
    if (!id && !id_problem.empty()) review["so_dinh_danh"] = id_problem;
  }
  if (id && (*id)[0] != '0') {
    review["so_dinh_danh"] = "'" + *id + "' starts with a foreign country's code; check it";
  } else if (id) {
    fields["so_dinh_danh"] = *id;
    // The number encodes the sex: where the printed one is unreadable and the number agreed
    // with the birth date, it says which.
    const bool unreadable = review.count("gioi_tinh") &&
                            review["gioi_tinh"].find("neither Nam nor") != std::string::npos;
    if (!fields.count("gioi_tinh") && (!review.count("gioi_tinh") || unreadable) && birth) {
      review.erase("gioi_tinh");
      fields["gioi_tinh"] = SexOfPersonalId(*id) == Sex::kFemale ? "Nữ" : "Nam";
    }
  }

  // No check digit covers the zone's name, and OCR misreads its letters as often as the
  // printed name's ("TSUYENS XUAN TUANS" under "NGUYỄN XUÂN TUẤN"): the two agree when they
  // differ in at most a quarter of the zone's letters (and two in a short name).
  const int name_tolerance = std::max(2, static_cast<int>(zone.fields.name.size() / 4));
  const auto zone_agrees = [&](const std::string& name) {
    return text::EditDistance(ZoneSpelling(name), zone.fields.name, name_tolerance) <=
           name_tolerance;
  };
  // The zone's name finds the printed name line where the label was lost or the line after it
  // is something else: the line that spells the same letters.
  if (zone.valid && !zone.fields.name.empty() &&
      (!raw.count(Field::kName) || !zone_agrees(Name(raw[Field::kName])))) {
    for (std::size_t l = 0; l < lines.size(); ++l) {
      if (!zone_like(l) && labels[l].empty() &&
          text::EditDistance(ZoneSpelling(Name(lines[l])), zone.fields.name, 2) <= 2) {
        raw[Field::kName] = std::string(lines[l]);
        break;
      }
    }
  }
  // Without label or zone: the card prints nothing else in capitals that opens with a family
  // name, so such a line of two to five words is the holder's name.
  if (!raw.count(Field::kName)) {
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const Line line = Split(lines[l]);
      if (zone_like(l) || !labels[l].empty() || line.tokens.size() < 2 ||
          line.tokens.size() > 5 || !IsCapitals(lines[l]) || line.words.empty() ||
          FamilyName(line.words.front().folded).empty()) {
        continue;
      }
      raw[Field::kName] = std::string(lines[l]);
      break;
    }
  }
  if (raw.count(Field::kName)) {
    const std::string name = Name(raw[Field::kName], sex);
    if (name.find(' ') == std::string::npos) {
      review["ho_ten"] = "'" + raw[Field::kName] + "' is not a full name";
    } else if (zone.valid && !zone.fields.name.empty() && !zone_agrees(name)) {
      disagree("ho_ten", name, zone.fields.name);
    } else {
      fields["ho_ten"] = name;
    }
  } else if (zone.valid && !zone.fields.name.empty()) {
    review["ho_ten"] = "only in the machine-readable zone, without its marks: '" +
                       zone.fields.name + "'";
  }

  // No other nationality opens with "Việt": "Việt" and a short word read garbled ("Việt
  // Nom", "Việt em") is Việt Nam, whatever the misread English label before it.
  const auto ends_in_viet_nam = [](const std::string& value) {
    std::string letters;
    for (const char c : text::FoldForSearch(value)) {
      if (std::isalpha(static_cast<unsigned char>(c))) letters.push_back(c);
    }
    const std::size_t viet = letters.rfind("viet");
    return viet != std::string::npos && letters.size() - (viet + 4) <= 3;
  };
  if (raw.count(Field::kNationality)) {
    fields["quoc_tich"] =
        ends_in_viet_nam(raw[Field::kNationality]) ? "Việt Nam" : raw[Field::kNationality];
  } else if (zone.valid && zone.fields.nationality == "VNM") {
    fields["quoc_tich"] = "Việt Nam";
  } else if (raw.count(Field::kSex) && ends_in_viet_nam(raw[Field::kSex])) {
    // The card prints the nationality after the sex on one line: with its label unreadable
    // ("Nauonality:", "Quốctch/Neieswt:"), the sex's value runs on to "Việt Nam".
    fields["quoc_tich"] = "Việt Nam";
  }

  // The residence's label unreadable: the card's last address (a line naming two units or
  // more, with the line it wraps onto) that is not the home town.
  if (!raw.count(Field::kResidence)) {
    static constexpr std::array<std::string_view, 7> kUnits{
        "xa", "huyen", "tinh", "phuong", "quan", "thi tran", "thanh pho"};
    for (std::size_t l = 0; l < lines.size(); ++l) {
      if (zone_like(l) || !labels[l].empty() || CardDate(lines[l]) ||
          (raw_line.count(Field::kOrigin) && raw_line[Field::kOrigin] >= l)) {
        continue;
      }
      const std::string folded = " " + text::FoldForSearch(lines[l]) + " ";
      int units = 0;
      for (const std::string_view unit : kUnits) {
        units += folded.find(" " + std::string(unit) + " ") != std::string::npos ? 1 : 0;
      }
      if (units < 2 || (raw.count(Field::kOrigin) && raw[Field::kOrigin].find(std::string(
                                                         lines[l])) != std::string::npos)) {
        continue;
      }
      std::string value = Tidy(std::string(lines[l]));
      const std::size_t next = next_line(l);
      if (next < lines.size() && labels[next].empty() && !zone_like(next) &&
          !IsCapitals(lines[next]) && !CardDate(lines[next]) && split[next].tokens.size() <= 6 &&
          !EndsWithWholeProvince(value)) {
        const bool comma = !lines[l].empty() && lines[l].back() == ',';
        value = Tidy(value + (comma ? ", " : " ") + std::string(lines[next]));
        l = next;  // the wrapped rest is this address's, not another
      }
      raw[Field::kResidence] = FromAddressStart(value);
    }
  }
  // The home town's label unreadable ("Quâ quân / Piáce ơf êm", "Quỗ qưn / Paca mờ:": seeds
  // 43, 41 and 29's photocopied cards 0047, 0271 and 0239): the card prints its value on the
  // line above the residence's label, an address of two units or more (a unit of five letters
  // or more may have one wrong: "buyện"). A first word of two letters with the tilde of "xã"
  // is "xã" ("wã", "sã").
  if (!raw.count(Field::kOrigin) && raw_line.count(Field::kResidence)) {
    for (std::size_t l = raw_line[Field::kResidence], looked = 0; l-- > 0 && looked < 2;) {
      if (split[l].tokens.empty()) continue;
      ++looked;
      if (zone_like(l) || !labels[l].empty() || IsCapitals(lines[l]) || CardDate(lines[l])) {
        continue;
      }
      int units = 0;
      for (std::size_t w = 0; w < split[l].words.size(); ++w) {
        const std::string& word = split[l].words[w].folded;
        const std::string next = w + 1 < split[l].words.size() ? split[l].words[w + 1].folded : "";
        const bool unit = word == "xa" || word == "tinh" || word == "quan" ||
                          (word == "thanh" && next == "pho") || (word == "thi" && next == "xa") ||
                          text::EditDistance(word, "huyen", 1) <= 1 ||
                          text::EditDistance(word, "phuong", 1) <= 1;
        units += unit ? 1 : 0;
      }
      if (units < 2) continue;
      std::string value = Tidy(std::string(lines[l]));
      const Line read = Split(value);
      if (!read.tokens.empty() && read.tokens[0].size() == 3 && read.tokens[0].substr(1) == "ã") {
        value = "xã" + value.substr(3);
      }
      raw[Field::kOrigin] = FromAddressStart(value);
      break;
    }
  }
  if (raw.count(Field::kOrigin)) fields["que_quan"] = NormalizeAddress(raw[Field::kOrigin]);
  if (raw.count(Field::kResidence)) {
    fields["noi_cu_tru"] = NormalizeAddress(raw[Field::kResidence]);
  }

  // Expiry: a date, or "Không thời hạn" (no field) after 58; the zone's fillers say the same.
  std::optional<Date> expiry;
  bool never = false;
  if (raw.count(Field::kExpiry)) {
    expiry = CardDate(raw[Field::kExpiry]);
    never = !expiry && text::FoldForSearch(raw[Field::kExpiry]).find("khong thoi han") !=
                           std::string::npos;
  }
  const std::optional<Date> read_expiry = expiry;
  if (zone.valid) {
    // The zone's expiry stands against a printed one only where it is a birthday a card runs
    // to (the 14th, 25th, 40th or 60th of the zone's birth date): a zone line OCR read with a
    // digit too many can line up into one whose check digits pass ("2035-04-14" for
    // "2035-10-11", seed 37's card 0319).
    const bool milestone = zone.fields.birth && zone.fields.expiry &&
                           IsBirthday(*zone.fields.expiry, *zone.fields.birth, {14, 25, 40, 60});
    if ((expiry && !zone.fields.expiry) || (never && zone.fields.expiry) ||
        (expiry && *expiry != *zone.fields.expiry && !milestone)) {
      disagree("co_gia_tri_den", expiry ? expiry->Iso() : "Không thời hạn",
               zone.fields.expiry ? zone.fields.expiry->Iso() : "no expiry");
      expiry.reset();
    } else {
      expiry = zone.fields.expiry;
    }
  } else if (const std::vector<Date> births = birth ? std::vector<Date>{*birth} : doubtful_births;
             expiry && !births.empty()) {
    // Cards run to the 25th, 40th or 60th birthday.
    if (std::none_of(births.begin(), births.end(), [&](const Date& b) {
          return IsBirthday(*expiry, b, {25, 40, 60});
        })) {
      review["co_gia_tri_den"] = "'" + expiry->Iso() + "' is not the 25th, 40th or 60th birthday";
      expiry.reset();
    }
  } else if (!expiry && !never && raw.count(Field::kExpiry)) {
    review["co_gia_tri_den"] = "'" + raw[Field::kExpiry] + "' is not a date that exists";
  }
  if (expiry) fields["co_gia_tri_den"] = expiry->Iso();

  // A number and a birth date that disagree on the year: the expiry says which is misread, as
  // a card runs to the 25th, 40th or 60th birthday. An expiry that is such a birthday of the
  // printed day and month in the number's year confirms both the number and that date; one
  // whose year alone fits the number's (its day or month misread too) confirms the number
  // ("05/03/1988" beside 001169115167 and an expiry "08/03/2029": seed 43's card 0047).
  if (!doubtful_id.empty() && read_expiry) {
    const int id_year = *BirthYearOfPersonalId(doubtful_id);
    const auto fits = [&](int year) {
      const int age = read_expiry->year - year;
      return age == 25 || age == 40 || age == 60;
    };
    if (fits(id_year) && !fits(id_birth->year)) {
      fields["so_dinh_danh"] = doubtful_id;
      review.erase("so_dinh_danh");
      id = doubtful_id;
      if (id_year_birth && IsBirthday(*read_expiry, *id_year_birth, {25, 40, 60})) {
        birth = id_year_birth;
        fields["ngay_sinh"] = birth->Iso();
        review.erase("ngay_sinh");
        expiry = read_expiry;
        fields["co_gia_tri_den"] = expiry->Iso();
        review.erase("co_gia_tri_den");
      }
    }
  }

  // A card prints three dates: with the issue date's label and cue words unreadable, or its
  // value no date ("26Í07Í." with the year read on another line), the one date that is
  // neither the birth date nor the expiry is it (checked below like any).
  if (!raw.count(Field::kIssue) || !CardDate(raw[Field::kIssue])) {
    // A year read on the issue date's own line ("11/33/2022") is the one the issue date has:
    // another date is then the expiry, whose label OCR garbled ("c? exréy: 18/07/2026").
    std::optional<int> issue_year;
    for (std::size_t l = 0; l < lines.size() && !issue_year; ++l) {
      const bool issue_label =
          std::any_of(labels[l].begin(), labels[l].end(),
                      [](const Found& f) { return f.field == Field::kIssue; }) ||
          HasCue(split[l], {"issue", "cap"});
      if (issue_label && !zone_like(l)) issue_year = LoneYear(lines[l]);
    }
    std::string only, line;
    int others = 0;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      // Not a line another date was read from (by its label or a cue word), whether or not
      // that date passed its checks.
      const bool labelled = std::any_of(labels[l].begin(), labels[l].end(), [](const Found& f) {
        return f.field != Field::kNone && f.field != Field::kIssue;
      });
      const auto read_from = [&](Field field) {
        return raw.count(field) && !raw[field].empty() &&
               lines[l].find(raw[field]) != std::string_view::npos;
      };
      if (zone_like(l) || labelled || read_from(Field::kBirth) || read_from(Field::kExpiry)) {
        continue;
      }
      const std::optional<Date> date = CardDate(lines[l]);
      if (!date || (birth && *date == *birth) || (expiry && *date == *expiry) ||
          (issue_year && date->year != *issue_year)) {
        continue;
      }
      if (others == 0 || only != date->Iso()) ++others;
      only = date->Iso();
      line = lines[l];
    }
    if (others == 1) raw[Field::kIssue] = line;
  }

  std::optional<Date> issued;
  if (raw.count(Field::kIssue)) {
    issued = CardDate(raw[Field::kIssue]);
    if (!issued) {
      review["ngay_cap"] = "'" + raw[Field::kIssue] + "' is not a date that exists";
    } else if (*issued < kFirstCardIssued) {
      review["ngay_cap"] = "'" + issued->Iso() + "' is before cards with a 12-digit number";
    } else if (birth && *issued < Anniversary(*birth, 14)) {
      review["ngay_cap"] = "'" + issued->Iso() + "' is before the 14th birthday";
    } else if (expiry && !(*issued < *expiry)) {
      review["ngay_cap"] = "'" + issued->Iso() + "' is not before the expiry";
    } else {
      fields["ngay_cap"] = issued->Iso();
    }
  }

  // The card's QR code, where one decoded: it is Reed-Solomon coded, so it holds what was
  // printed, where OCR of a worn copy misreads a digit or a letter. Its ID, name, birth date,
  // sex, residence and issue date stand against the printed text; a zone whose check digits
  // passed and that says otherwise sends the field to review, as does a code whose own values
  // fail their checks (a card whose code and zone disagree is no card to trust either way).
  std::optional<CardCode> code;
  for (const std::string& payload : codes) {
    if ((code = ParseCardCode(payload))) break;
  }
  std::set<std::string> coded;
  if (code) {
    const auto take = [&](const std::string& key, const std::string& value) {
      fields[key] = value;
      review.erase(key);
      coded.insert(key);
    };
    const auto refuse = [&](const std::string& key, const std::string& why) {
      fields.erase(key);
      review[key] = why;
    };
    const auto versus_zone = [](const std::string& in_code, const std::string& zoned) {
      return "the QR code has '" + in_code + "' but the machine-readable zone has '" + zoned + "'";
    };
    const std::string coded_sex = code->sex == Sex::kMale ? "Nam" : "Nữ";
    if (zone.valid && zone.fields.sex != Sex::kUnknown && zone.fields.sex != code->sex) {
      refuse("gioi_tinh", versus_zone(coded_sex, zone.fields.sex == Sex::kMale ? "M" : "F"));
    } else {
      take("gioi_tinh", coded_sex);
      sex = code->sex;
    }
    if (zone.valid && zone.fields.birth && *zone.fields.birth != code->birth) {
      refuse("ngay_sinh", versus_zone(code->birth.Iso(), zone.fields.birth->Iso()));
      birth.reset();
    } else {
      take("ngay_sinh", code->birth.Iso());
      birth = code->birth;
    }
    if (const Check check = CheckPersonalId(code->personal_id, code->birth, code->sex);
        !check.ok()) {
      refuse("so_dinh_danh", "the QR code's '" + code->personal_id + "': " + check.problem);
    } else if (zone.valid && !zone.fields.personal_id.empty() &&
               zone.fields.personal_id != code->personal_id) {
      refuse("so_dinh_danh", versus_zone(code->personal_id, zone.fields.personal_id));
    } else {
      take("so_dinh_danh", code->personal_id);
    }
    take("ho_ten", Name(code->name, code->sex));
    take("noi_cu_tru", NormalizeAddress(code->residence));
    if (code->issued < kFirstCardIssued || code->issued < Anniversary(code->birth, 14)) {
      refuse("ngay_cap", "the QR code's issue date '" + code->issued.Iso() +
                             "' is before cards with a 12-digit number or the 14th birthday");
      issued.reset();
    } else {
      take("ngay_cap", code->issued.Iso());
      issued = code->issued;
    }
  }

  // The expiry the card's own rule gives settles one whose day or month OCR garbled, or that
  // the zone misplaced: with the birth and issue dates read, a printed expiry in that
  // birthday's year is that birthday ("15/92/2036" for 16/02/2036). Its day and month say
  // nothing more (every birthday has the birth's); a year that differs is left to review: the
  // birth year may be the misread one.
  if (!fields.count("co_gia_tri_den") && raw.count(Field::kExpiry) && birth && issued &&
      fields.count("ngay_cap")) {
    if (const std::optional<Date> due = CardExpiry(*birth, *issued);
        due && raw[Field::kExpiry].find(std::to_string(due->year)) != std::string::npos) {
      fields["co_gia_tri_den"] = due->Iso();
      review.erase("co_gia_tri_den");
    }
  }
  if (!zone.valid && !zone.problem.empty() && !fields.count("so_dinh_danh") &&
      !review.count("so_dinh_danh")) {
    review["so_dinh_danh"] = zone.problem;
  }
  return coded;
}

}  // namespace sohoa::ocr
