// The invisible text layer of a searchable PDF page, as content-stream operators, and the CID
// encoding shared by all pages of a document. Private to sohoa_pipeline; no PoDoFo here.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/ocr/engine.h"

namespace sohoa::pipeline::internal {

// Maps text to 2-byte CIDs for the glyphless Identity-H font: a character of the Basic
// Multilingual Plane is its own UTF-16 code unit; characters beyond it get CIDs from the
// surrogate block U+D800..U+DFFF (which never occur as characters themselves), one per distinct
// character in order of first use, U+FFFD once that block is used up. The ToUnicode CMap then
// maps every CID back, so copy and search return the original text.
class CidEncoder {
 public:
  // CIDs for NFC-normalized `utf8`; control characters are dropped.
  std::vector<std::uint16_t> Encode(std::string_view utf8);

  // The ToUnicode CMap for every CID handed out so far (identity for the BMP).
  std::string ToUnicodeCMap() const;

 private:
  std::map<char32_t, std::uint16_t> beyond_bmp_;
};

// Geometry of one page: how image pixels map to PDF points.
struct PageGeometry {
  double points_per_pixel = 1;  // 72 / dpi
  double height_pt = 0;         // page height, for flipping y
};

// Content-stream operators (BT ... ET, render mode 3) drawing `words` invisibly with the font
// resource `font_name`: words grouped by line_index onto one baseline per line, font size the
// line's height, each word horizontally scaled to span its box, and a space between
// neighbouring words of a line so text extraction splits them. Empty when nothing to draw.
std::string TextLayerOperators(const std::vector<ocr::Word>& words, const PageGeometry& geometry,
                               std::string_view font_name, CidEncoder& encoder);

// `value` in fixed notation with at most `decimals` decimals, trailing zeros dropped,
// independent of the C locale (content streams must not say "1,5").
std::string FormatPdfNumber(double value, int decimals);

}  // namespace sohoa::pipeline::internal
