// A line's words as the field extractors read them, and a test they share. Private to sohoa_ocr.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::ocr {

struct Token {
  std::string_view original;  // a piece of the line
  std::string folded;         // accent-folded, lower case, letters and digits only
  bool colon;                 // the token ends in ':' or ';'
};

// The line's words: split at white space and right after a colon or semicolon ("Số:53" is
// "Số:" and "53"). Implemented in fields.cpp.
std::vector<Token> Tokens(std::string_view line);

// True when `s` is one or more ASCII digits. Implemented in identifiers.cpp.
bool IsDigits(std::string_view s);

// At how many positions two strings of the same length differ (OCR's misread characters when
// it read none too many or too few). Implemented in identifiers.cpp.
int PositionsApart(std::string_view a, std::string_view b);

// The current year, by the system clock. Implemented in identifiers.cpp.
int ThisYear();

}  // namespace sohoa::ocr
