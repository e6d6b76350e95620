#include "sohoa/ocr/card_zone.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "tokens.h"
#include "sohoa/core/text.h"
#include "sohoa/ocr/engine.h"
#include "sohoa/ocr/identifiers.h"
#include "sohoa/ocr/page.h"

namespace sohoa::ocr {
namespace {

constexpr std::size_t kLineLength = 30;
// Search nodes (partial zones) tried at most; readings that leave more open give no zone.
constexpr std::size_t kMaxNodes = 200000;
// The first slots: the card number's digits (see ReconcileCardZone).
constexpr std::ptrdiff_t kCardNumberSlots = 9;
constexpr std::size_t kProvinceSlots = 10;  // the first of the ID's province code
// Combinations up to which each digit is also tried as its look-alikes.
constexpr std::size_t kMaxCombinationsToWiden = 256;

// A digit where the zone has one: the letters OCR reads for digits.
std::optional<char> ZoneDigit(char c) {
  if (std::isdigit(static_cast<unsigned char>(c))) return c;
  switch (c) {
    case 'O': case 'Q': case 'D': case 'U': return '0';
    case 'I': case 'L': case 'J': return '1';
    case 'Z': return '2';
    case 'S': return '5';
    case 'G': case 'C': return '6';
    case 'T': return '7';
    case 'B': return '8';
    default: return std::nullopt;
  }
}

// '<' as OCR reads it: '<', 'K' or 'C'.
bool ZoneFiller(char c) { return c == '<' || c == 'K' || c == 'C'; }

// Zone characters as read, each with the other characters OCR weighed for it.
struct Read {
  std::string chars;
  std::vector<std::string> others;  // one per character

  void Add(char c, std::string other = {}) {
    chars.push_back(c);
    others.push_back(std::move(other));
  }
  Read Sub(std::size_t from, std::size_t count = std::string::npos) const {
    Read out;
    out.chars = chars.substr(from, count);
    out.others.assign(others.begin() + static_cast<std::ptrdiff_t>(from),
                      others.begin() + static_cast<std::ptrdiff_t>(from + out.chars.size()));
    return out;
  }
  void Erase(std::size_t i) {
    chars.erase(i, 1);
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
  }
  Read& operator+=(const Read& more) {
    chars += more.chars;
    others.insert(others.end(), more.others.begin(), more.others.end());
    return *this;
  }
};

// The zone characters of a line of OCR text (see ZoneCharacters), with the alternatives given
// for its code points (none when `others` does not have one per code point); with
// `base_letters`, a Vietnamese letter as its base letter ("Ư" as U) instead of dropped.
Read ZoneRead(std::string_view line, const std::vector<std::string>& others,
              bool base_letters = false) {
  Read out;
  std::size_t point = 0;  // code point index of line[i]
  const auto other = [&](std::size_t at) -> std::string {
    if (at >= others.size()) return {};
    std::string upper;
    for (const char c : others[at]) {
      if (c == '<' || std::isdigit(static_cast<unsigned char>(c))) upper.push_back(c);
      if (std::isalpha(static_cast<unsigned char>(c))) {
        upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      }
    }
    return upper;
  };
  for (std::size_t i = 0; i < line.size(); ++point) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const std::size_t bytes = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == 0xC2 && i + 1 < line.size() &&
        (static_cast<unsigned char>(line[i + 1]) == 0xAB ||    // «
         static_cast<unsigned char>(line[i + 1]) == 0xBB)) {  // »
      out.Add('<');
      out.Add('<');
    } else if (c == 0xE2 && i + 2 < line.size() &&
               static_cast<unsigned char>(line[i + 1]) == 0x80 &&
               static_cast<unsigned char>(line[i + 2]) == 0xB9) {  // ‹
      out.Add('<');
    } else if (c == '<' || std::isdigit(c)) {
      out.Add(static_cast<char>(c), other(point));
    } else if (std::isalpha(c) && c < 0x80) {
      out.Add(static_cast<char>(std::toupper(c)), other(point));
    } else if (base_letters && c >= 0xC3 && i + bytes <= line.size()) {
      // A Vietnamese letter for a zone letter: its base letter ("DƯƠN6" is DUON6).
      const std::string base = text::FoldForSearch(line.substr(i, bytes));
      if (base.size() == 1 && std::isalpha(static_cast<unsigned char>(base[0]))) {
        out.Add(static_cast<char>(std::toupper(static_cast<unsigned char>(base[0]))),
                other(point));
      }
    }
    i += bytes;
  }
  if (others.size() != point) {
    for (std::string& o : out.others) o.clear();
  }
  return out;
}

// `count` digits read at `from` (look-alike letters as their digits, and the alternatives that
// are digits or look-alikes), nothing when any is neither.
std::optional<Read> DigitsAt(const Read& read, std::size_t from, std::size_t count) {
  if (from + count > read.chars.size()) return std::nullopt;
  Read out;
  for (std::size_t i = from; i < from + count; ++i) {
    const std::optional<char> d = ZoneDigit(read.chars[i]);
    if (!d) return std::nullopt;
    std::string others;
    for (const char o : read.others[i]) {
      const std::optional<char> alt = ZoneDigit(o);
      if (alt && *alt != *d && others.find(*alt) == std::string::npos) others.push_back(*alt);
    }
    out.Add(*d, std::move(others));
  }
  return out;
}

// How many of the card number's digits agree with its copy at the ID's end.
int CopiesAgree(std::string_view digits) {
  return 9 - PositionsApart(digits.substr(0, 9), digits.substr(13, 9));
}

// Line 1's 22 digits (card number, its check digit, the ID) from the digits OCR read between
// "IDVNM" and the fillers. With one or two digits too many (OCR reads a worn 0 as two
// glyphs), the readings with that many dropped that bring the card number's two copies into
// the best agreement (at least six of nine digits).
std::vector<Read> Line1Variants(const Read& digits) {
  if (digits.chars.size() == 22) return {digits};
  if (digits.chars.size() != 23 && digits.chars.size() != 24) return {};
  std::vector<Read> best;
  int most = 6;
  const auto consider = [&](Read trial) {
    const int same = CopiesAgree(trial.chars);
    if (same < most) return;
    if (same > most) best.clear();
    most = same;
    if (std::none_of(best.begin(), best.end(),
                     [&](const Read& b) { return b.chars == trial.chars; })) {
      best.push_back(std::move(trial));
    }
  };
  for (std::size_t i = 0; i < digits.chars.size(); ++i) {
    Read one = digits;
    one.Erase(i);
    if (one.chars.size() == 22) {
      consider(one);
      continue;
    }
    for (std::size_t j = i; j < one.chars.size(); ++j) {
      Read two = one;
      two.Erase(j);
      consider(two);
    }
  }
  return best;
}

// Line 1's readings: the digits after a prefix that reads like "IDVNM" ("TDVNM", "TDVNWM",
// "1DVRM", "TD NM" …: up to seven characters, a V, N or M among them) up to the fillers.
std::vector<Read> Line1Digits(const Read& read) {
  const std::string& chars = read.chars;
  // The fillers that close the line, read as '<', K or C.
  std::size_t end = chars.size();
  while (end > 0 && ZoneFiller(chars[end - 1])) --end;
  end = std::min(end, chars.find('<'));
  for (std::size_t from = 3; from <= 7 && from < end; ++from) {
    const std::string prefix = chars.substr(0, from);
    if (std::isdigit(static_cast<unsigned char>(prefix.back())) ||
        prefix.find_first_of("VNM") == std::string::npos || !ZoneDigit(chars[from])) {
      continue;
    }
    if (end - from < 22 || end - from > 24) continue;
    if (const std::optional<Read> digits = DigitsAt(read, from, end - from)) {
      std::vector<Read> variants = Line1Variants(*digits);
      if (!variants.empty()) return variants;
    }
  }
  return {};
}

// A date field of line 2 (YYMMDD and its check digit) from what was read for it: as read when
// seven digits, else with one digit dropped where that passes the check digit.
std::vector<Read> DateVariants(const Read& read) {
  const std::optional<Read> digits = DigitsAt(read, 0, read.chars.size());
  if (!digits) return {};
  if (digits->chars.size() == 7) return {*digits};
  std::vector<Read> out;
  if (digits->chars.size() != 8) return out;
  for (std::size_t i = 0; i < 8; ++i) {
    Read trial = *digits;
    trial.Erase(i);
    const std::optional<int> check = MrzCheckDigit(trial.chars.substr(0, 6));
    if (check && trial.chars[6] == '0' + *check &&
        std::none_of(out.begin(), out.end(),
                     [&](const Read& o) { return o.chars == trial.chars; })) {
      out.push_back(std::move(trial));
    }
  }
  return out;
}

// Line 2 as 30 characters: birth date and check digit, sex, expiry and check digit (or seven
// fillers), "VNM", eleven fillers, the composite check digit ('?' when the reading lost it).
// Several when a date was read with a digit too many.
std::vector<Read> Line2Characters(const Read& read) {
  const std::string& chars = read.chars;
  for (std::size_t at = 13; at <= 19 && at + 2 <= chars.size(); ++at) {
    // "VNM" with one letter misread, or with one lost ("VM") before the fillers, or its M
    // read as two letters ("VNIi", seed 47's photocopied card 0079).
    std::size_t width = 0;
    const int same3 = at + 3 <= chars.size()
                          ? (chars[at] == 'V') + (chars[at + 1] == 'N') + (chars[at + 2] == 'M')
                          : 0;
    if (same3 >= 2 && (at + 3 == chars.size() || ZoneFiller(chars[at + 3]))) {
      width = 3;
    } else if ((chars.compare(at, 2, "VM") == 0 || chars.compare(at, 2, "VN") == 0) &&
               at + 2 < chars.size() && chars[at + 2] == '<') {
      width = 2;
    } else if (chars.compare(at, 2, "VN") == 0 && at + 4 < chars.size() &&
               std::isalpha(static_cast<unsigned char>(chars[at + 2])) &&
               std::isalpha(static_cast<unsigned char>(chars[at + 3])) && chars[at + 4] == '<') {
      width = 4;
    } else if (chars[at] == 'V' && (at == 15 || at == 16)) {
      // Where the 15 characters before it were read as many (16 with the sex's M read as two
      // glyphs, below), a V opens the nationality however the rest of it was read ("V<",
      // "V11<", "VitJ<": seed 43's photocopied card 0079).
      width = 1;
      while (width < 4 && at + width < chars.size() && !ZoneFiller(chars[at + width])) ++width;
      if (at + width < chars.size() && !ZoneFiller(chars[at + width])) continue;
    } else {
      continue;
    }
    // The sex: M or F (H and N read for M, E and P for F) after the birth date's seven or
    // eight digits.
    const auto sex_of = [&](std::size_t i) -> char {
      const char c = chars[i];
      if (c == 'M' || c == 'H' || c == 'N') return 'M';
      if (c == 'F' || c == 'E' || c == 'P') return 'F';
      return 0;
    };
    std::size_t sex_at = 7;
    if (!sex_of(7) && at > 8 && sex_of(8)) sex_at = 8;
    char sex = sex_of(sex_at);
    std::size_t expiry_at = sex_at + 1;
    // Bold and thickened by a copier, an M is read as two glyphs ("01", "12", "71") between
    // the birth date's seven characters and the expiry's: the sex is then either, and the ID's
    // sex digit tells which. Read as two letters, it is an M ("MH", seed 29's card 0207).
    const bool split_sex = !sex && at == 16 && !ZoneFiller(chars[7]) && !ZoneFiller(chars[8]);
    if (split_sex) {
      sex = 'M';
      expiry_at = 9;
    } else if (sex && sex_at == 7 && at == 16 && sex_of(8)) {
      expiry_at = 9;  // its two glyphs read as letters ("MH")
    }
    if (!sex) return {};
    const std::vector<Read> births = DateVariants(read.Sub(0, sex_at));
    const Read expiry = read.Sub(expiry_at, at - expiry_at);
    std::vector<Read> expiries;
    if (expiry.chars.size() >= 5 &&
        std::all_of(expiry.chars.begin(), expiry.chars.end(), ZoneFiller)) {
      Read none;
      for (int i = 0; i < 7; ++i) none.Add('<');  // no expiry; OCR miscounts the fillers
      expiries.push_back(none);
    } else {
      expiries = DateVariants(expiry);
    }
    // The composite digit ends the line; a reading cut short before it lost it.
    const Read tail = read.Sub(at + width);
    std::optional<Read> composite;
    if (tail.chars.size() >= 6 && tail.chars.back() != '<' && tail.chars.back() != 'K') {
      composite = DigitsAt(tail, tail.chars.size() - 1, 1);
    }
    Read fixed;
    fixed.Add(sex, split_sex ? "F" : "");
    Read nationality;
    for (const char c : std::string("VNM") + std::string(11, '<')) nationality.Add(c);
    std::vector<Read> out;
    for (const Read& birth : births) {
      for (const Read& ends : expiries) {
        Read line = birth;
        line += fixed;
        line += ends;
        line += nationality;
        if (composite) {
          line += *composite;
        } else {
          line.Add('?');
        }
        out.push_back(std::move(line));
      }
    }
    return out;
  }
  return {};
}

// Line 3: SURNAME<<GIVEN<NAMES padded with fillers; digits dropped, and the fillers at the end
// as OCR reads them (no Vietnamese syllable ends in K).
std::optional<std::string> Line3Characters(std::string read) {
  while (!read.empty() && (read.back() == '<' || read.back() == 'K')) read.pop_back();
  // The name line has no digit: one read there is a letter of like shape ("DTEU61AN6" for
  // DIEU<GIANG, seed 37's mild card 0095), or dust.
  for (char& c : read) {
    static constexpr std::string_view kDigits = "0125678", kLetters = "OIZSGTB";
    if (const std::size_t at = kDigits.find(c); at != std::string_view::npos) c = kLetters[at];
  }
  read.erase(std::remove_if(read.begin(), read.end(),
                            [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }),
             read.end());
  if (read.size() < 3 || read.size() > kLineLength || read.find('<') == std::string::npos) {
    return std::nullopt;
  }
  read.resize(kLineLength, '<');
  return read;
}

struct Parsed {
  std::vector<Read> line1;  // readings of its 22 digits
  std::vector<Read> line2;  // readings of its 30 characters
  std::optional<std::string> line3;
  bool seen = false;  // a line of the zone was there, parsed or not
};

Parsed Parse(const std::vector<ZoneText>& lines) {
  Parsed out;
  std::size_t after = lines.size();  // the line after the last of lines 1 and 2 found
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Read read = ZoneRead(lines[l].text, lines[l].others);
    if (read.chars.size() < 10) continue;
    out.seen = out.seen || LooksLikeZoneLine(lines[l].text);
    if (out.line1.empty()) {
      out.line1 = Line1Digits(read);
      if (!out.line1.empty()) {
        after = l + 1;
        continue;
      }
    }
    if (out.line2.empty() && read.chars.size() >= 20) {
      out.line2 = Line2Characters(read);
      if (!out.line2.empty()) after = l + 1;
    }
  }
  // The name: the next line with zone characters (letters and fillers).
  for (std::size_t k = after; k < lines.size() && !out.line3; ++k) {
    // Read with Vietnamese letters as their base letters (seed 17's clean card 0023:
    // "DƯƠN6<<DTEU<LUA"): the name line holds letters only, where a digit line's Vietnamese
    // letter is a misread digit.
    const Read name = ZoneRead(lines[k].text, {}, true);
    if (name.chars.size() >= 10 && Line2Characters(name).empty()) {
      out.line3 = Line3Characters(name.chars);
    }
  }
  return out;
}

// Positions of the zone that must hold the same character, and the votes for each character.
struct Slot {
  std::vector<std::pair<int, int>> at;           // (line 0 or 1, position)
  std::vector<std::pair<char, int>> candidates;  // most votes first
  std::string look_alikes;                       // candidates no reading gave: look-alikes

  // One reading's characters for the slot: each character it read gets a vote (once), each
  // alternative it weighed becomes a candidate without one.
  void Take(const std::string& read, const std::string& others) {
    for (std::size_t i = 0; i < read.size(); ++i) {
      if (read[i] != '?' && read.find(read[i]) == i) Add(read[i], 1);
    }
    for (const char c : others) Add(c, 0);
  }
  void Add(char c, int votes) {
    for (auto& [ch, v] : candidates) {
      if (ch == c) {
        v += votes;
        return;
      }
    }
    candidates.emplace_back(c, votes);
  }
};

struct Score {
  bool birthday_expiry = false;  // expiry on the 14th, 25th, 40th or 60th birthday, or none
  int votes = 0;
  int look_alikes = 0;  // digits read as a look-alike of what was voted for
  auto Key() const { return std::make_tuple(birthday_expiry, -look_alikes, votes); }
};

// Nothing when the lines fail a check; when they pass, whether the expiry is on the 14th, 25th,
// 40th or 60th birthday (true too for a card that does not expire).
std::optional<bool> Checks(const std::string& line1, const std::string& line2) {
  static const std::string line3(kLineLength, '<');  // no check digit covers the name
  const Td1Reading read = ReadTd1(line1, line2, line3);
  if (!read.check.ok() || !read.fields.birth || read.fields.personal_id.size() != 12) {
    return std::nullopt;
  }
  if (!CheckPersonalId(read.fields.personal_id, read.fields.birth, read.fields.sex).ok()) {
    return std::nullopt;
  }
  if (!read.fields.expiry) return true;
  const Date& b = *read.fields.birth;
  const Date& e = *read.fields.expiry;
  const int years = e.year - b.year;
  const bool same_day = (e.month == b.month && e.day == b.day) ||
                        (b.month == 2 && b.day == 29 && ((e.month == 2 && e.day == 28) ||
                                                         (e.month == 3 && e.day == 1)));
  return same_day && (years == 14 || years == 25 || years == 40 || years == 60);
}

struct Best {
  std::string line1, line2;
  Score score;
  bool tied = false;
};

bool CheckDigitMatches(std::string_view field, char digit) {
  const std::optional<int> check = MrzCheckDigit(field);
  return check && digit == '0' + *check;
}

// Slot order (see ReconcileCardZone): the card number 0-8, its check digit 9, the province
// code 10-12, line 2's characters 2-14 as 13-25, the composite 26. Each field is checked as soon
// as its slots are filled, so that the search drops a wrong reading of it early.
class Search {
 public:
  explicit Search(const std::vector<Slot>& slots) : slots_(slots) {
    line1_ = "IDVNM" + std::string(22, '0') + "<<<";
    line2_ = std::string(15, '0') + "VNM" + std::string(11, '<') + "0";
    // A foreign country's code (a citizen registered abroad, or a 0 misread) is only taken as
    // the readings gave it: not where they disagree, weighed others or read a look-alike.
    trust_foreign_ = std::all_of(slots.begin(), slots.end(), [](const Slot& s) {
      return s.candidates.size() == 1 && s.look_alikes.empty();
    });
  }

  // The best zone found into `best` (a tie marked); false when the search gave up.
  bool Run(std::optional<Best>& best);

 private:
  bool Consistent(std::size_t slot) const {
    switch (slot) {
      case 9:
        return CheckDigitMatches(std::string_view(line1_).substr(5, 9), line1_[14]);
      case 12:
        return line1_[15] == '0' ? !ProvinceOfCode(std::string_view(line1_).substr(15, 3)).empty()
                                 : trust_foreign_;
      case 17: {
        const int month = (line2_[2] - '0') * 10 + (line2_[3] - '0');
        const int day = (line2_[4] - '0') * 10 + (line2_[5] - '0');
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
               CheckDigitMatches(std::string_view(line2_).substr(0, 6), line2_[6]);
      }
      case 25: {
        const std::string_view expiry = std::string_view(line2_).substr(8, 7);
        if (std::all_of(expiry.begin(), expiry.end(), [](char c) { return c == '<'; })) return true;
        return std::all_of(expiry.begin(), expiry.end(),
                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
               CheckDigitMatches(expiry.substr(0, 6), expiry[6]);
      }
      default:
        return true;
    }
  }

  void Go(std::size_t slot, int votes, int look_alikes, std::optional<Best>& best);

  const std::vector<Slot>& slots_;
  std::string line1_, line2_;
  bool trust_foreign_ = false;
  std::size_t nodes_ = 0;
};

bool Search::Run(std::optional<Best>& best) {
  Go(0, 0, 0, best);
  return nodes_ <= kMaxNodes;
}

void Search::Go(std::size_t slot, int votes, int look_alikes, std::optional<Best>& best) {
  if (++nodes_ > kMaxNodes) return;
  if (slot == slots_.size()) {
    const std::optional<bool> birthday = Checks(line1_, line2_);
    if (!birthday) return;
    Score score{*birthday, votes, look_alikes};
    if (!best || score.Key() > best->score.Key()) {
      best = Best{line1_, line2_, score, false};
    } else if (score.Key() == best->score.Key() &&
               (line1_ != best->line1 || line2_ != best->line2)) {
      best->tied = true;
    }
    return;
  }
  for (const auto& [c, v] : slots_[slot].candidates) {
    for (const auto& [line, pos] : slots_[slot].at) (line == 0 ? line1_ : line2_)[pos] = c;
    const bool like = slots_[slot].look_alikes.find(c) != std::string::npos;
    if (Consistent(slot)) Go(slot + 1, votes + v, look_alikes + (like ? 1 : 0), best);
    if (nodes_ > kMaxNodes) return;
  }
}

std::size_t Combinations(const std::vector<Slot>& slots) {
  std::size_t n = 1;
  for (const Slot& slot : slots) {
    n *= slot.candidates.size();
    if (n > kMaxNodes) return n;
  }
  return n;
}

}  // namespace

std::string ZoneCharacters(std::string_view line) { return ZoneRead(line, {}).chars; }

bool LooksLikeZoneLine(std::string_view line) {
  const std::string read = ZoneCharacters(line);
  return read.size() >= 24 && std::count(read.begin(), read.end(), '<') >= 3;
}

namespace {

// The printed numbers as a parsed reading: '?' where the card prints nothing (check digits,
// and what was not read).
Parsed FromPrinted(const PrintedNumbers& printed) {
  Parsed out;
  const std::string& id = printed.personal_id;
  if (id.size() == 12 && IsDigits(id)) {
    Read line1;
    for (const char c : id.substr(3) + "?" + id) line1.Add(c);
    out.line1.push_back(std::move(line1));
  }
  const auto yymmdd = [](const std::optional<Date>& date) {
    if (!date) return std::string(6, '?');
    std::string out;
    for (const int two : {date->year % 100, date->month, date->day}) {
      out += static_cast<char>('0' + two / 10);
      out += static_cast<char>('0' + two % 10);
    }
    return out;
  };
  if (printed.birth || printed.expiry || printed.sex != Sex::kUnknown) {
    const char sex = printed.sex == Sex::kMale ? 'M' : printed.sex == Sex::kFemale ? 'F' : '?';
    Read line2;
    for (const char c : yymmdd(printed.birth) + "?" + sex + yymmdd(printed.expiry) + "?VNM" +
                            std::string(11, '<') + "?") {
      line2.Add(c);
    }
    out.line2.push_back(std::move(line2));
  }
  return out;
}

// The zone from readings of it, and the printed numbers as one more when given.
CardZone Reconcile(const std::vector<std::vector<ZoneText>>& readings,
                   const PrintedNumbers* printed) {
  CardZone zone;
  std::vector<Parsed> parsed;
  bool seen = false;
  for (const auto& reading : readings) {
    parsed.push_back(Parse(reading));
    seen = seen || parsed.back().seen;
  }
  if (printed != nullptr) parsed.push_back(FromPrinted(*printed));
  const auto unreadable = [&](std::string why) {
    if (seen) zone.problem = "machine-readable zone: " + std::move(why);
    return zone;
  };

  // Line 1 is "IDVNM" + 22 digits + "<<<" (positions 5-26): the card number at 5-13 is the
  // ID's end at 18-26, and the ID's birth year (19-20) is line 2's first two characters.
  std::vector<Slot> slots;
  for (int i = 0; i < 9; ++i) {
    Slot slot;
    slot.at = {{0, 5 + i}, {0, 18 + i}};
    if (i == 1 || i == 2) slot.at.emplace_back(1, i - 1);
    slots.push_back(slot);
  }
  for (const int pos : {14, 15, 16, 17}) slots.push_back(Slot{{{0, pos}}, {}, {}});
  for (int pos = 2; pos <= 14; ++pos) slots.push_back(Slot{{{1, pos}}, {}, {}});
  slots.push_back(Slot{{{1, 29}}, {}, {}});
  for (const Parsed& p : parsed) {
    for (Slot& slot : slots) {
      std::string read, others;  // what this reading's variants give the slot's positions
      for (const auto& [line, pos] : slot.at) {
        for (const Read& v : line == 0 ? p.line1 : p.line2) {
          const std::size_t i = line == 0 ? static_cast<std::size_t>(pos - 5) : pos;
          read.push_back(v.chars[i]);
          others += v.others[i];
        }
      }
      slot.Take(read, others);
    }
  }
  for (Slot& slot : slots) {
    if (std::none_of(slot.candidates.begin(), slot.candidates.end(),
                     [](const auto& c) { return c.second > 0; })) {
      return unreadable("a line or its check digit is unreadable");
    }
    std::stable_sort(slot.candidates.begin(), slot.candidates.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }

  std::optional<Best> best;
  if (!Search(slots).Run(best)) return unreadable("its readings leave too much open");
  // Where the readings agree (but for the card number's two copies, which a check digit
  // settles), one digit may be a look-alike of what they read.
  const bool agreed = std::all_of(slots.begin() + kCardNumberSlots, slots.end(),
                                  [](const Slot& slot) { return slot.candidates.size() == 1; });
  if (!best && agreed && Combinations(slots) <= kMaxCombinationsToWiden) {
    // In a listed province code, which only the composite check digit covers, only a 0: the
    // zone's slashed 0 is what OCR misreads most (as 8, 9 or 6: "082…" for 002…, seed 53's
    // photocopied card 0143). Any look-alike tried there, one passed a composite that was
    // itself misread (seed 43's mild card 0159: "066…" read right and composite 5 read as B
    // gave 096…). A code read as no province is a misread one ("949…" for 049…): any may be.
    std::string code;
    for (std::size_t s = kProvinceSlots; s < kProvinceSlots + 3; ++s) {
      code += slots[s].candidates.front().first;
    }
    const bool listed_code = !ProvinceOfCode(code).empty();
    for (std::size_t s = 0; s < slots.size(); ++s) {
      Slot& slot = slots[s];
      const bool code_slot = s >= kProvinceSlots && s < kProvinceSlots + 3;
      const char seen_as = slot.candidates.front().first;
      for (const char like : DigitsLike(seen_as)) {
        if ((listed_code && code_slot && like != '0') ||
            std::any_of(slot.candidates.begin(), slot.candidates.end(),
                        [&](const auto& c) { return c.first == like; })) {
          continue;
        }
        const auto kept = slot.candidates;
        slot.candidates = {{like, 0}};
        slot.look_alikes = std::string(1, like);
        Search(slots).Run(best);
        slot.candidates = kept;
        slot.look_alikes.clear();
      }
    }
  }
  if (!best) {
    // A 0 that no reading gave, where they read 8, 9 or 6: a photocopier's toner fills a bold
    // 0's narrow counter, and OCR reads what is left as any of them, often several times in
    // one zone (seed 53's card 0111: "8296959M…" for 820605…). Each such 0 counts as a
    // look-alike, fewer winning, and a zone that needs any is taken only with its expiry on a
    // birthday a card runs to (or none): the check digits alone let wrong mixes through.
    for (Slot& slot : slots) {
      const auto has = [&](const auto& wanted) {
        return std::any_of(slot.candidates.begin(), slot.candidates.end(), wanted);
      };
      if (has([](const auto& c) { return c.first == '0'; }) ||
          !has([](const auto& c) {
            return c.second > 0 && std::string_view("689").find(c.first) != std::string_view::npos;
          })) {
        continue;
      }
      slot.candidates.emplace_back('0', 0);
      slot.look_alikes += '0';
    }
    if (!Search(slots).Run(best) || (best && !best->score.birthday_expiry)) best.reset();
  }
  if (!best) return unreadable("no reading passes its check digits");
  if (best->tied) return unreadable("two readings pass its check digits");

  // The name: the line most readings agree on; on a tie, the line of the reading that read the
  // other two lines best.
  std::map<std::string, std::pair<int, int>> names;  // line -> (readings, best agreement)
  const auto agree = [](const std::vector<Read>& variants, std::string_view line) {
    int most = 0;
    for (const Read& v : variants) {
      int same = 0;
      for (std::size_t i = 0; i < v.chars.size(); ++i) same += v.chars[i] == line[i];
      most = std::max(most, same);
    }
    return most;
  };
  for (const Parsed& p : parsed) {
    if (!p.line3) continue;
    auto& [count, agreement] = names[*p.line3];
    ++count;
    agreement = std::max(agreement, agree(p.line1, std::string_view(best->line1).substr(5)) +
                                        agree(p.line2, best->line2));
  }
  std::string line3;
  std::pair<int, int> most{0, -1};
  for (const auto& [name, standing] : names) {
    if (standing > most) {
      most = standing;
      line3 = name;
    }
  }
  zone.lines = {best->line1, best->line2, line3};
  zone.look_alikes = best->score.look_alikes;
  return zone;
}

std::vector<std::vector<ZoneText>> AsZoneTexts(
    const std::vector<std::vector<std::string_view>>& readings) {
  std::vector<std::vector<ZoneText>> texts;
  for (const auto& reading : readings) {
    texts.emplace_back();
    for (const std::string_view line : reading) texts.back().push_back({line, {}});
  }
  return texts;
}

}  // namespace

CardZone ReconcileCardZone(const std::vector<std::vector<std::string_view>>& readings) {
  return Reconcile(AsZoneTexts(readings), nullptr);
}

CardZone ReconcileCardZone(const std::vector<std::vector<std::string_view>>& readings,
                           const PrintedNumbers& printed) {
  return Reconcile(AsZoneTexts(readings), &printed);
}

CardZone ReconcileCardZone(const std::vector<std::vector<ZoneText>>& readings) {
  return Reconcile(readings, nullptr);
}

namespace {

// A line of a page: its words [first, end) in page.words, their text and box, and the others
// of each code point (empty for the spaces between words).
struct PageLine {
  std::size_t first = 0, end = 0;
  std::string text;
  Box box;
  std::vector<std::string> others{};
};

std::vector<PageLine> Lines(const std::vector<Word>& words) {
  std::vector<PageLine> lines;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (i == 0 || w.line_index != words[i - 1].line_index ||
        w.block_index != words[i - 1].block_index) {
      lines.push_back({i, i, "", w.box});
    }
    PageLine& line = lines.back();
    line.end = i + 1;
    if (!line.text.empty()) {
      line.text += ' ';
      line.others.emplace_back();
    }
    line.text += w.text;
    if (w.others.empty()) {
      line.others.resize(line.others.size() + text::CodePointCount(w.text));
    } else {
      line.others.insert(line.others.end(), w.others.begin(), w.others.end());
    }
    line.box = Enclosing(line.box, w.box);
  }
  return lines;
}

// Whether zone characters open like line 1 ("IDVNM", "TDVNH", "TD NM" …) and go on in digits.
bool Line1Like(const std::string& read) {
  const std::string head = read.substr(0, 6);
  if (head.find("VN") == std::string::npos && head.find("DV") == std::string::npos &&
      head.find("NM") == std::string::npos) {
    return false;
  }
  const std::size_t digits = std::count_if(read.begin(), read.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  return digits >= 15;
}

// Whether OCR text reads as one of the zone's lines: fillers in it, or line 1's opening and
// digits.
bool ZoneLine(std::string_view text) {
  const Read read = ZoneRead(text, {});
  if (read.chars.size() < 10) return false;
  return std::count(read.chars.begin(), read.chars.end(), '<') >= 2 || Line1Like(read.chars);
}

// Whether OCR text reads as the zone's name line.
bool NameLine(std::string_view text) {
  const Read read = ZoneRead(text, {});
  return ZoneLine(text) && Line1Digits(read).empty() && Line2Characters(read).empty();
}

}  // namespace

bool MendCardZone(Engine& engine, const Image& image, OcrPage& page) {
  const std::vector<PageLine> lines = Lines(page.words);
  std::vector<ZoneText> mine;  // the page's own reading
  std::vector<std::size_t> zone_lines;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    mine.push_back({lines[l].text, {}});
    if (ZoneLine(lines[l].text)) zone_lines.push_back(l);
  }
  if (zone_lines.empty()) return false;
  // A zone that passes only with more than one look-alike is read again too: the fields take
  // such a zone only as the printed ID confirms it.
  if (const CardZone own = ReconcileCardZone({mine});
      own.found() && own.look_alikes <= kMostUnconfirmedLookAlikes) {
    return false;
  }

  // The region: the zone lines seen, grown to the zone's three lines (about 3.8 line heights
  // from the first's top to the last's bottom) and 30 characters (about 26 line heights), with
  // a margin.
  std::vector<int> heights;
  Box u = lines[zone_lines.front()].box;
  for (const std::size_t l : zone_lines) {
    heights.push_back(lines[l].box.height);
    u = Enclosing(u, lines[l].box);
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int h = std::max(1, heights[heights.size() / 2]);
  const int span = h * 38 / 10;
  if (u.height < span) {
    // Line 1 seen: the rest is below it. Otherwise line 1, the top line, is above what was.
    if (!Line1Like(ZoneCharacters(lines[zone_lines.front()].text))) u.y -= span - u.height;
    u.height = span;
  }
  u.width = std::max(u.width, 26 * h);
  const int left = std::max(0, u.x - h);
  const int top = std::max(0, u.y - h / 2);
  const int right = std::min(image.width, u.x + u.width + h);
  const int bottom = std::min(image.height, u.y + u.height + h / 2);
  if (right <= left || bottom <= top) return false;
  const Box region{left, top, right - left, bottom - top};

  auto again = engine.RecognizeRegion(image, region, kZoneCharset);
  if (!again.ok()) return false;
  const std::vector<PageLine> reread = Lines(again->words);
  std::vector<ZoneText> theirs;
  for (const PageLine& line : reread) theirs.push_back({line.text, line.others});
  const CardZone zone = ReconcileCardZone({mine, theirs});
  if (!zone.found() || zone.look_alikes > kMostUnconfirmedLookAlikes) return false;

  // The page's zone lines inside the region give way to the zone's three lines, boxed where
  // the second reading found them (else thirds of the region).
  std::vector<Box> boxes;
  for (const PageLine& line : reread) {
    if (ZoneLine(line.text)) boxes.push_back(line.box);
  }
  if (boxes.size() != 3) {
    boxes.clear();
    for (int k = 0; k < 3; ++k) {
      boxes.push_back({region.x, region.y + k * region.height / 3, region.width, region.height / 3});
    }
  }
  const auto inside = [&](const Box& b) {
    const int cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    return cx >= region.x && cx < region.x + region.width && cy >= region.y &&
           cy < region.y + region.height;
  };
  std::vector<bool> drop(page.words.size(), false);
  std::optional<std::size_t> at;
  int block = -1;
  const bool named = !zone.lines[2].empty();
  for (const std::size_t l : zone_lines) {
    if (!inside(lines[l].box) || (!named && NameLine(lines[l].text))) continue;
    if (!at) {
      at = lines[l].first;
      block = page.words[lines[l].first].block_index;
    }
    for (std::size_t i = lines[l].first; i < lines[l].end; ++i) drop[i] = true;
  }
  if (!at) return false;  // no zone line inside the region: nothing to replace
  const float confidence = static_cast<float>(again->mean_confidence);
  std::vector<Word> words;
  for (std::size_t i = 0; i <= page.words.size(); ++i) {
    if (i == *at) {
      for (int k = 0; k < (named ? 3 : 2); ++k) {
        Word word;
        word.text = zone.lines[k];
        word.box = boxes[k];
        word.confidence = confidence;
        word.line_index = -1000 - k;
        word.block_index = block;
        word.font_size_px = static_cast<float>(h);
        words.push_back(std::move(word));
      }
    }
    if (i < page.words.size() && !drop[i]) words.push_back(std::move(page.words[i]));
  }
  page.words = std::move(words);
  RebuildPage(page);
  return true;
}

}  // namespace sohoa::ocr
