// Identifiers and dates as Vietnamese civil-status papers print them: parsed from OCR text,
// validated, and repaired only where the repair validates. A value that does not validate is
// never passed off as good: the checks say why, for the record's needs_review.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace sohoa::ocr {

// A calendar date that exists (proleptic Gregorian, years 1800-2199).
struct Date {
  int year = 0, month = 0, day = 0;

  // The date, or nothing when there is no such day (31/04, 29/02/2023) or the year is out of
  // range.
  static std::optional<Date> Make(int year, int month, int day);
  std::string Iso() const;  // "2018-05-14"
  auto operator<=>(const Date&) const = default;
};

// A date as papers print it: "14/05/2018", "14-5-2018", "14.05.2018" ("14 05 2018": slashes
// OCR lost), or the date line's
// "ngày 14 tháng 5 năm 2018" with digits or words ("ngày mười bốn tháng năm năm hai nghìn
// không trăm mười tám"), accents or none. The first date in `text`; nothing when none parses
// or the day does not exist.
std::optional<Date> ParseDate(std::string_view text);

// A number written in Vietnamese words, accents optional ("hai nghìn không trăm mười tám",
// "hai mươi mốt", "một trăm linh năm"), 0-9999; nothing when the words are not exactly one
// number.
std::optional<int> ParseNumberWords(std::string_view words);

enum class Sex { kUnknown, kMale, kFemale };

// "Nam" / "Nữ" as printed (accents optional; "Nam" also with one of its last two letters
// misread, "Nnm"), or kUnknown.
Sex ParseSex(std::string_view text);

// The sex a 12-digit personal ID encodes in its century digit G (odd: female), or kUnknown for
// anything but 12 digits.
Sex SexOfPersonalId(std::string_view id);

// The birth year a 12-digit personal ID encodes in its century digit G (0-7) and year YY, or
// nothing for anything else.
std::optional<int> BirthYearOfPersonalId(std::string_view id);

// Why a value failed its check, empty when it passed.
struct Check {
  std::string problem;
  bool ok() const { return problem.empty(); }
};

// The province (or city) a personal ID's first three digits name, from the list in force until
// 2025 ("001" -> "Hà Nội"); empty for codes not on it.
std::string_view ProvinceOfCode(std::string_view code);

// The province (or city) on that list whose name `printed` is, as the list writes it: equal
// accent- and case-insensitively (spaces and hyphens ignored), or one letter off in six (OCR
// read "Đấk Láắk" for "Đắk Lắk"); "Hồ Chí Minh" for TP Hồ Chí Minh. Empty when none is, or
// when two are equally near.
std::string_view ProvinceNamed(std::string_view printed);

// The one province (or city) on that list whose name opens with the words of `printed` and
// goes on ("Lào" -> "Lào Cai": OCR lost the last word), accents and case ignored; empty when
// none or several do ("Hà", "Quảng"), or when `printed` is a whole name.
std::string_view ProvinceOpeningWith(std::string_view printed);

// A 12-digit personal identification number, PPP G YY RRRRRR: PPP a province code on the list
// (a first digit other than 0 is a foreign country's code, accepted), G the century and sex
// (0/1 1900s male/female, 2/3 2000s, 4/5 2100s, 6/7 2200s), YY the birth year's last two digits.
// With the birth date and sex printed on the same paper, G and YY must agree with them.
Check CheckPersonalId(std::string_view id, std::optional<Date> birth = std::nullopt,
                      Sex sex = Sex::kUnknown);

// A personal ID as OCR read it: spaces, dots and dashes between digits dropped, letters that
// look like digits read as those digits (O, o, D, Q -> 0; I, l, |, i, ! -> 1; Z, z -> 2;
// S, s -> 5; G, b -> 6; T -> 7; B -> 8; g, q -> 9). The result only when it is 12 digits that
// CheckPersonalId accepts with the paper's birth date and sex; a reading that needed no repair
// is returned as it is only if it validates too. With the birth date known, a digit misread as
// one of like shape (8 for 0, 3 for 8, 7 for 1 …) among the first six is repaired when exactly
// one such change validates, unless the number as read is well-formed on its own (a listed
// province, a century digit 0-7, a birth year already past): then the birth date may as well
// be the misread one, and nothing is returned. A reading that validates with a foreign
// country's code (first digit not 0: born abroad, or a 0 misread) is returned as it is.
std::optional<std::string> RepairPersonalId(std::string_view read,
                                            std::optional<Date> birth = std::nullopt,
                                            Sex sex = Sex::kUnknown);

// The digits OCR reads in place of `digit` in print ("689" for 0: 0 read as 6, 8 or 9); empty
// for anything but a digit.
std::string_view DigitsLike(char digit);

// ICAO 9303 check digit of a machine-readable-zone field: digits their value, A-Z 10-35, '<' 0,
// weights 7, 3, 1 repeating, sum mod 10. Nothing for any other character.
std::optional<int> MrzCheckDigit(std::string_view field);

// The three 30-character lines of a TD1 machine-readable zone (the back of a căn cước card).
struct Td1 {
  std::string document_number;  // 9 characters, the card number (its first 9 ID digits)
  std::string personal_id;      // line 1's optional data: the 12-digit personal ID
  std::optional<Date> birth, expiry;
  Sex sex = Sex::kUnknown;
  std::string nationality;  // "VNM"
  std::string name;         // "NGUYEN VAN AN" from "NGUYEN<<VAN<AN"
};

// The zone's fields; `problem` names the first check digit that fails (or the malformed line).
struct Td1Reading {
  Td1 fields;
  Check check;
};
Td1Reading ReadTd1(std::string_view line1, std::string_view line2, std::string_view line3);

}  // namespace sohoa::ocr
