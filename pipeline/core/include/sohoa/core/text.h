// Unicode handling for Vietnamese text (ICU behind the scenes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::text {

// NFC-normalizes UTF-8 text. Invalid UTF-8 sequences become U+FFFD.
std::string ToNfc(std::string_view utf8);

// Folds text for accent-insensitive search: NFD, combining marks dropped, Đ/đ (and the
// look-alike Ð U+00D0) to d, lower case, runs of white space to one space, trimmed.
// "Nguyễn Văn Đức" -> "nguyen van duc".
std::string FoldForSearch(std::string_view utf8);

// The lines of `text`, split at '\n' (a final '\n' ends the last line; views into `text`).
std::vector<std::string_view> SplitLines(std::string_view text);

// Number of Unicode code points in valid UTF-8 text.
std::size_t CodePointCount(std::string_view utf8);

}  // namespace sohoa::text
