// Unicode handling for Vietnamese text (ICU behind the scenes).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::text {

// NFC-normalizes UTF-8 text. Invalid UTF-8 sequences become U+FFFD.
std::string ToNfc(std::string_view utf8);

// NFC with one tone-mark placement, the one official names are printed with ("Hòa Bình",
// "Thanh Hóa", "Khánh Hòa"): in a syllable ending in a bare "oa", "oe" or "uy" (the u not
// part of "qu"), the tone mark sits on the first vowel. "hoà" -> "hòa", "thuỷ" -> "thủy",
// "khoẻ" -> "khỏe"; "quý", "hoàn", "thuyền", "huệ" are left as they are (both placements agree
// there). Input in NFD or with the other placement comes out the same. OCR's Icelandic eth
// (Ð, ð), which Vietnamese never uses, becomes Đ, đ. Invalid UTF-8 sequences become U+FFFD.
std::string ToCanonical(std::string_view utf8);

// An agency abbreviation of Vietnamese administrative writing and what it stands for:
// `folded` as FoldForSearch gives it, `full` as the expansion is written mid-sentence.
struct Abbreviation {
  std::string_view folded;  // "ubnd"
  std::string_view full;    // "Ủy ban nhân dân"
};
// UBND (Ủy ban nhân dân), HĐND (Hội đồng nhân dân), MTTQ (Mặt trận Tổ quốc).
const std::vector<Abbreviation>& AgencyAbbreviations();

// `utf8` with each agency abbreviation standing as a word of its own written out: "UBND xã
// Đông Sang" -> "Ủy ban nhân dân xã Đông Sang". The abbreviation matches whatever its case and
// marks (UBND, Ubnd, HĐND, HDND); inside a document symbol ("2818/QĐ-UBND", "UBND-VP"),
// where a letter, digit, '-' or '/' touches it, it stays as printed.
std::string ExpandAgencyNames(std::string_view utf8);

// Folds text for accent-insensitive search: NFD, combining marks dropped, Đ/đ (and the
// look-alike Ð U+00D0) to d, lower case, runs of white space to one space, trimmed.
// "Nguyễn Văn Đức" -> "nguyen van duc".
std::string FoldForSearch(std::string_view utf8);

// FoldForSearch's letters and digits only, spaces and punctuation dropped: a key that compares
// spellings whatever OCR made of their spacing. "Thanh Hóa," -> "thanhhoa".
std::string FoldToLettersAndDigits(std::string_view utf8);

// The lines of `text`, split at '\n' (a final '\n' ends the last line; views into `text`).
std::vector<std::string_view> SplitLines(std::string_view text);

// Levenshtein distance between byte strings (meant for folded ASCII text), giving up once it
// exceeds `limit`: then limit + 1.
int EditDistance(std::string_view a, std::string_view b, int limit);

// `text` with every occurrence of each of `from` (in turn, left to right) replaced by `to`;
// what a replacement writes is not searched again. Empty strings in `from` are skipped.
std::string ReplaceAll(std::string text, std::initializer_list<std::string_view> from,
                       std::string_view to);

// Number of Unicode code points in valid UTF-8 text.
std::size_t CodePointCount(std::string_view utf8);

}  // namespace sohoa::text
