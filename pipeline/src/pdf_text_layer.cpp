#include "pdf_text_layer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "pdf_glyphless_font.h"
#include "sohoa/core/text.h"

namespace sohoa::pipeline::internal {
namespace {

constexpr std::uint16_t kFirstBeyondBmpCid = 0xD800;
constexpr std::uint16_t kLastBeyondBmpCid = 0xDFFF;
constexpr std::uint16_t kReplacementCid = 0xFFFD;
constexpr std::uint16_t kSpaceCid = 0x0020;
// Fraction of the font size taken by one glyph's advance.
constexpr double kAdvancePerEm = static_cast<double>(kGlyphlessAdvance) / kGlyphlessUnitsPerEm;
constexpr double kDescentPerEm = -static_cast<double>(kGlyphlessDescent) / kGlyphlessUnitsPerEm;

// Decodes UTF-8 that ToNfc has already made valid.
std::vector<char32_t> CodePoints(std::string_view utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = length == 1   ? lead
                  : length == 2 ? lead & 0x1F
                  : length == 3 ? lead & 0x0F
                                : lead & 0x07;
    for (int k = 1; k < length && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

void AppendHex4(std::string& out, std::uint32_t value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04X", value & 0xFFFF);
  out += buffer;
}

// UTF-16BE hex of a code point, as a ToUnicode destination string.
std::string Utf16Hex(char32_t cp) {
  std::string out;
  if (cp < 0x10000) {
    AppendHex4(out, cp);
  } else {
    const char32_t v = cp - 0x10000;
    AppendHex4(out, 0xD800 + (v >> 10));
    AppendHex4(out, 0xDC00 + (v & 0x3FF));
  }
  return out;
}

std::string HexString(const std::vector<std::uint16_t>& cids) {
  std::string out = "<";
  for (std::uint16_t cid : cids) AppendHex4(out, cid);
  out += ">";
  return out;
}

// A word ready to draw, in PDF points.
struct PlacedWord {
  std::vector<std::uint16_t> cids;
  double left = 0;
  double width = 0;
};

}  // namespace

std::string FormatPdfNumber(double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "0";
  std::string out(buffer, end);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::vector<std::uint16_t> CidEncoder::Encode(std::string_view utf8) {
  std::vector<std::uint16_t> cids;
  for (char32_t cp : CodePoints(text::ToNfc(utf8))) {
    if (cp < 0x20 || cp == 0x7F) continue;
    if (cp < 0x10000) {
      // Lone surrogates cannot come out of valid UTF-8; FFFD guards the block we reuse.
      cids.push_back(cp >= 0xD800 && cp <= 0xDFFF ? kReplacementCid
                                                  : static_cast<std::uint16_t>(cp));
      continue;
    }
    auto it = beyond_bmp_.find(cp);
    if (it == beyond_bmp_.end()) {
      const std::size_t next = kFirstBeyondBmpCid + beyond_bmp_.size();
      if (next > kLastBeyondBmpCid) {
        cids.push_back(kReplacementCid);
        continue;
      }
      it = beyond_bmp_.emplace(cp, static_cast<std::uint16_t>(next)).first;
    }
    cids.push_back(it->second);
  }
  return cids;
}

std::string CidEncoder::ToUnicodeCMap() const {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  // Identity for the whole BMP in one range, as Tesseract writes it. Strictly a bfrange should
  // vary only in its last byte, but Ghostscript misreads every range whose destination does not
  // start at <00xx> (it adds the high byte instead of carrying it), while this one range is read
  // right by poppler, Ghostscript, pdf.js, MuPDF and Acrobat. The surrogate-block CIDs handed
  // out for characters beyond the BMP are then mapped one by one; readers apply CMap entries in
  // order, so those bfchar lines override the range.
  out +=
      "1 beginbfrange\n"
      "<0000> <FFFF> <0000>\n"
      "endbfrange\n";
  std::vector<std::pair<std::uint16_t, char32_t>> chars;
  for (const auto& [cp, cid] : beyond_bmp_) chars.emplace_back(cid, cp);
  std::sort(chars.begin(), chars.end());
  for (std::size_t i = 0; i < chars.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, chars.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = 0; k < n; ++k) {
      out += "<";
      AppendHex4(out, chars[i + k].first);
      out += "> <" + Utf16Hex(chars[i + k].second) + ">\n";
    }
    out += "endbfchar\n";
  }
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

std::string TextLayerOperators(const std::vector<ocr::Word>& words, const PageGeometry& geometry,
                               std::string_view font_name, CidEncoder& encoder) {
  // Lines in line_index order; within a line, words left to right.
  std::map<int, std::vector<const ocr::Word*>> lines;
  for (const ocr::Word& word : words) {
    if (word.box.width <= 0 || word.box.height <= 0) continue;
    lines[word.line_index].push_back(&word);
  }
  const double scale = geometry.points_per_pixel;
  std::string out;
  for (auto& [line_index, line_words] : lines) {
    std::stable_sort(line_words.begin(), line_words.end(),
                     [](const ocr::Word* a, const ocr::Word* b) { return a->box.x < b->box.x; });
    int top_px = line_words.front()->box.y;
    int bottom_px = top_px + line_words.front()->box.height;
    std::vector<PlacedWord> placed;
    for (const ocr::Word* word : line_words) {
      PlacedWord p{encoder.Encode(word->text), word->box.x * scale, word->box.width * scale};
      if (p.cids.empty()) continue;
      top_px = std::min(top_px, word->box.y);
      bottom_px = std::max(bottom_px, word->box.y + word->box.height);
      placed.push_back(std::move(p));
    }
    if (placed.empty()) continue;
    // One baseline and size per line, so extraction keeps a line's words together even when
    // their boxes differ by a descender; the glyph cell (ascent..descent) spans the line box.
    const double font_size = (bottom_px - top_px) * scale;
    const double baseline = geometry.height_pt - bottom_px * scale + kDescentPerEm * font_size;
    const double advance = kAdvancePerEm * font_size;
    if (out.empty()) out += "BT\n3 Tr\n";
    out += "/" + std::string(font_name) + " " + FormatPdfNumber(font_size, 3) + " Tf\n";
    for (std::size_t i = 0; i < placed.size(); ++i) {
      const PlacedWord& word = placed[i];
      const double word_scaling = 100.0 * word.width / (advance * word.cids.size());
      out += FormatPdfNumber(word_scaling, 4) + " Tz 1 0 0 1 " + FormatPdfNumber(word.left, 3) +
             " " + FormatPdfNumber(baseline, 3) + " Tm " + HexString(word.cids) + " Tj\n";
      if (i + 1 < placed.size()) {
        // The space fills the gap to the next word; a tiny one where boxes touch or overlap.
        const double gap =
            std::max(placed[i + 1].left - (word.left + word.width), 0.05 * font_size);
        out +=
            FormatPdfNumber(100.0 * gap / advance, 4) + " Tz " + HexString({kSpaceCid}) + " Tj\n";
      }
    }
  }
  if (!out.empty()) out += "ET\n";
  return out;
}

}  // namespace sohoa::pipeline::internal
