// A tiny TrueType font whose every glyph is empty: the font behind the invisible text layer.
// Private to sohoa_pipeline.
#pragma once

#include <string>

namespace sohoa::pipeline::internal {

// Font design units per em of the glyphless font.
inline constexpr int kGlyphlessUnitsPerEm = 1000;
// Advance width of every glyph, in font units (so in PDF glyph space: /DW 500).
inline constexpr int kGlyphlessAdvance = 500;
// Ascent and descent in font units; the PDF FontDescriptor repeats them.
inline constexpr int kGlyphlessAscent = 800;
inline constexpr int kGlyphlessDescent = -200;
// PostScript name of the font, also its /BaseFont and /FontName in the PDF.
inline constexpr const char* kGlyphlessFontName = "SohoaGlyphless";

// Returns the bytes of a complete TrueType font (head, hhea, maxp, OS/2, hmtx, cmap, loca,
// glyf, name, post) with two glyphs, .notdef and glyph 1, both without outlines and
// kGlyphlessAdvance wide. The bytes are the same on every call.
const std::string& GlyphlessTrueTypeFont();

}  // namespace sohoa::pipeline::internal
