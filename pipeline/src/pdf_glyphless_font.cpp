// Builds the glyphless TrueType font in code rather than embedding Tesseract's pdf.ttf read
// from the tessdata folder: PDF assembly then needs no OCR data at run time (a PDF can be
// rebuilt from a stored record on a machine without tessdata), the bytes are ours and
// identical everywhere, and the metrics (advance, ascent, descent) are the constants the text
// layer computes its scaling from.
#include "pdf_glyphless_font.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sohoa::pipeline::internal {
namespace {

// Big-endian byte writer for sfnt tables.
class TableWriter {
 public:
  void U8(std::uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void U16(std::uint32_t v) {
    U8(static_cast<std::uint8_t>(v >> 8));
    U8(static_cast<std::uint8_t>(v));
  }
  void S16(int v) { U16(static_cast<std::uint16_t>(static_cast<std::int16_t>(v))); }
  void U32(std::uint32_t v) {
    U16(v >> 16);
    U16(v & 0xFFFF);
  }
  void Zeros(int n) {
    for (int i = 0; i < n; ++i) U8(0);
  }
  void Ascii(std::string_view s) {
    for (char c : s) U8(static_cast<std::uint8_t>(c));
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

struct Table {
  std::array<char, 4> tag;
  std::string data;
};

std::uint32_t Checksum(std::string_view data) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < data.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      word <<= 8;
      if (i + j < data.size()) word |= static_cast<std::uint8_t>(data[i + j]);
    }
    sum += word;
  }
  return sum;
}

std::string Head() {
  TableWriter w;
  w.U32(0x00010000);  // version
  w.U32(0x00010000);  // fontRevision
  w.U32(0);           // checkSumAdjustment, patched once the whole font is known
  w.U32(0x5F0F3CF5);  // magicNumber
  w.U16(0x0003);      // flags: baseline at y=0, left sidebearing at x=0
  w.U16(kGlyphlessUnitsPerEm);
  w.Zeros(16);  // created, modified: zero keeps the bytes reproducible
  w.S16(0);     // xMin..yMax: no glyph has outlines
  w.S16(0);
  w.S16(0);
  w.S16(0);
  w.U16(0);  // macStyle
  w.U16(8);  // lowestRecPPEM
  w.S16(2);  // fontDirectionHint
  w.S16(0);  // indexToLocFormat: short offsets
  w.S16(0);  // glyphDataFormat
  return std::move(w.bytes());
}

std::string Hhea() {
  TableWriter w;
  w.U32(0x00010000);
  w.S16(kGlyphlessAscent);
  w.S16(kGlyphlessDescent);
  w.S16(0);  // lineGap
  w.U16(kGlyphlessAdvance);
  w.S16(0);  // minLeftSideBearing
  w.S16(0);  // minRightSideBearing
  w.S16(0);  // xMaxExtent
  w.S16(1);  // caretSlopeRise
  w.S16(0);  // caretSlopeRun
  w.S16(0);  // caretOffset
  w.Zeros(8);
  w.S16(0);  // metricDataFormat
  w.U16(2);  // numberOfHMetrics
  return std::move(w.bytes());
}

std::string Maxp() {
  TableWriter w;
  w.U32(0x00010000);
  w.U16(2);     // numGlyphs
  w.U16(0);     // maxPoints
  w.U16(0);     // maxContours
  w.U16(0);     // maxCompositePoints
  w.U16(0);     // maxCompositeContours
  w.U16(2);     // maxZones
  w.Zeros(16);  // twilight points .. component depth
  return std::move(w.bytes());
}

std::string Os2() {
  TableWriter w;
  w.U16(4);                  // version
  w.S16(kGlyphlessAdvance);  // xAvgCharWidth
  w.U16(400);                // usWeightClass: regular
  w.U16(5);                  // usWidthClass: medium
  w.U16(0);                  // fsType: installable embedding, no restriction
  for (int v : {650, 600, 0, 75, 650, 600, 0, 350}) w.S16(v);  // sub-/superscript
  w.S16(50);                                                   // yStrikeoutSize
  w.S16(250);                                                  // yStrikeoutPosition
  w.S16(0);                                                    // sFamilyClass
  w.Zeros(10);                                                 // panose
  w.Zeros(16);                                                 // ulUnicodeRange1..4
  w.Ascii("NONE");                                             // achVendID
  w.U16(0x0040);                                               // fsSelection: REGULAR
  w.U16(0x0020);                                               // usFirstCharIndex
  w.U16(0xFFFF);                                               // usLastCharIndex
  w.S16(kGlyphlessAscent);                                     // sTypoAscender
  w.S16(kGlyphlessDescent);                                    // sTypoDescender
  w.S16(0);                                                    // sTypoLineGap
  w.U16(kGlyphlessAscent);                                     // usWinAscent
  w.U16(-kGlyphlessDescent);                                   // usWinDescent
  w.Zeros(8);                                                  // ulCodePageRange1..2
  w.S16(500);                                                  // sxHeight
  w.S16(kGlyphlessAscent);                                     // sCapHeight
  w.U16(0);                                                    // usDefaultChar
  w.U16(0x0020);                                               // usBreakChar
  w.U16(0);                                                    // usMaxContext
  return std::move(w.bytes());
}

std::string Hmtx() {
  TableWriter w;
  for (int glyph = 0; glyph < 2; ++glyph) {
    w.U16(kGlyphlessAdvance);
    w.S16(0);
  }
  return std::move(w.bytes());
}

// A Windows Unicode cmap with only the mandatory final segment: the PDF reaches glyphs through
// /CIDToGIDMap, never through the font's own cmap, but some font loaders insist on one.
std::string Cmap() {
  TableWriter w;
  w.U16(0);  // version
  w.U16(1);  // numTables
  w.U16(3);  // platform: Windows
  w.U16(1);  // encoding: Unicode BMP
  w.U32(12);
  w.U16(4);       // format
  w.U16(24);      // length
  w.U16(0);       // language
  w.U16(2);       // segCountX2
  w.U16(2);       // searchRange
  w.U16(0);       // entrySelector
  w.U16(0);       // rangeShift
  w.U16(0xFFFF);  // endCode
  w.U16(0);       // reservedPad
  w.U16(0xFFFF);  // startCode
  w.S16(1);       // idDelta
  w.U16(0);       // idRangeOffset
  return std::move(w.bytes());
}

std::string Loca() {
  TableWriter w;
  w.Zeros(6);  // three short offsets, all 0: both glyphs are empty
  return std::move(w.bytes());
}

std::string Name() {
  const std::vector<std::pair<int, std::string_view>> names = {
      {1, "Sohoa Glyphless"}, {2, "Regular"},     {3, "Sohoa Glyphless Regular 1.0"},
      {4, "Sohoa Glyphless"}, {5, "Version 1.0"}, {6, kGlyphlessFontName}};
  TableWriter strings;
  TableWriter w;
  w.U16(0);  // format
  w.U16(static_cast<std::uint16_t>(names.size()));
  w.U16(static_cast<std::uint16_t>(6 + 12 * names.size()));  // stringOffset
  for (const auto& [name_id, value] : names) {
    w.U16(3);       // platform: Windows
    w.U16(1);       // encoding: Unicode BMP
    w.U16(0x0409);  // language: en-US
    w.U16(static_cast<std::uint16_t>(name_id));
    w.U16(static_cast<std::uint16_t>(value.size() * 2));
    w.U16(static_cast<std::uint16_t>(strings.bytes().size()));
    for (char c : value) strings.U16(static_cast<std::uint8_t>(c));  // ASCII as UTF-16BE
  }
  w.bytes() += strings.bytes();
  return std::move(w.bytes());
}

std::string Post() {
  TableWriter w;
  w.U32(0x00030000);  // version 3: no glyph names
  w.U32(0);           // italicAngle
  w.S16(-100);        // underlinePosition
  w.S16(50);          // underlineThickness
  w.U32(1);           // isFixedPitch
  w.Zeros(16);        // memory hints
  return std::move(w.bytes());
}

std::string BuildFont() {
  // Directory order must be sorted by tag (byte order: upper case first).
  std::vector<Table> tables = {
      {{'O', 'S', '/', '2'}, Os2()},         {{'c', 'm', 'a', 'p'}, Cmap()},
      {{'g', 'l', 'y', 'f'}, std::string()}, {{'h', 'e', 'a', 'd'}, Head()},
      {{'h', 'h', 'e', 'a'}, Hhea()},        {{'h', 'm', 't', 'x'}, Hmtx()},
      {{'l', 'o', 'c', 'a'}, Loca()},        {{'m', 'a', 'x', 'p'}, Maxp()},
      {{'n', 'a', 'm', 'e'}, Name()},        {{'p', 'o', 's', 't'}, Post()}};
  const auto num_tables = static_cast<std::uint16_t>(tables.size());
  std::uint16_t search_range = 16;
  std::uint16_t entry_selector = 0;
  while (search_range * 2 <= num_tables * 16) {
    search_range *= 2;
    ++entry_selector;
  }

  TableWriter w;
  w.U32(0x00010000);  // sfnt version: TrueType outlines
  w.U16(num_tables);
  w.U16(search_range);
  w.U16(entry_selector);
  w.U16(static_cast<std::uint16_t>(num_tables * 16 - search_range));
  std::uint32_t offset = 12 + 16 * num_tables;
  std::size_t head_offset = 0;
  for (const Table& table : tables) {
    for (char c : table.tag) w.U8(static_cast<std::uint8_t>(c));
    w.U32(Checksum(table.data));
    w.U32(offset);
    w.U32(static_cast<std::uint32_t>(table.data.size()));
    if (std::string_view(table.tag.data(), 4) == "head") head_offset = offset;
    offset += static_cast<std::uint32_t>((table.data.size() + 3) & ~std::size_t{3});
  }
  std::string font = std::move(w.bytes());
  for (const Table& table : tables) {
    font += table.data;
    font.append((4 - table.data.size() % 4) % 4, '\0');
  }
  const std::uint32_t adjustment = 0xB1B0AFBA - Checksum(font);
  for (int i = 0; i < 4; ++i) {
    font[head_offset + 8 + i] = static_cast<char>(adjustment >> (24 - 8 * i));
  }
  return font;
}

}  // namespace

const std::string& GlyphlessTrueTypeFont() {
  static const std::string* const kFont = new std::string(BuildFont());
  return *kFont;
}

}  // namespace sohoa::pipeline::internal
