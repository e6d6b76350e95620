// Page cleanup: orientation, deskew, border crop, and a binarized copy for OCR.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sohoa/core/image.h"
#include "sohoa/core/status.h"

namespace sohoa::pipeline {

struct CleanupOptions {
  bool fix_orientation = true;
  bool deskew = true;
  bool crop_borders = true;
  // Scans coarser than this are read from an OCR copy resampled to it (Lanczos, before
  // binarization); 0 = every scan is read at its own resolution. Off by default: on the
  // held-out benchmark corpus reading 200 dpi scans at 300 dpi made OCR 50 % slower and
  // photocopies no better (CER 3.38 -> 3.93 %, harsh 1.17 -> 1.06 %; bench/RESULTS.md).
  double ocr_dpi = 0;
  // Marks printed fainter than the page's text are erased from the OCR copy where they make
  // a patch (a seal, stamp or signature a photocopier or greyscale scan turned grey). Off for
  // a page whose regular print is much lighter than its bold print, as on a căn cước card:
  // there the rule took the small labels for a stamp.
  bool erase_faint_ink = true;
  // On a page whose strokes came apart (a worn photocopier's toner-less specks: many ink
  // fragments and pinholes per letter), the OCR copy bridges breaks of about 0.02 inch where
  // the scan is darker than the paper. Off for a căn cước card's re-read: its 6-7 pt print
  // has letters that close, and bridging them cost 7 of the 164 fields of 20 card copies.
  bool mend_broken_strokes = true;
};

struct CleanPage {
  // What the PDF shows: colour (or grey) kept, upright, deskewed (the corners the rotation
  // uncovers are filled with the paper's colour), dark scanner borders cropped. Never cropped
  // into text: the crop always keeps the inked area plus a 0.1 inch margin.
  Image display;
  // What OCR reads: 1 channel, paper 255 and ink below it (each ink pixel its grey level with
  // the paper's shading flattened away, so the recogniser sees how dark a stroke is; which
  // pixels are ink was decided here, by an adaptive threshold), the same page as `display`. It
  // keeps the display's geometry (width, height, dpi), so word boxes found on it place text on
  // `display` exactly, unless CleanupOptions::ocr_dpi resampled a coarser scan (`ocr.dpi` =
  // ocr_dpi, width and height scaled by ocr_dpi / display.dpi and rounded): scale its word
  // boxes by display.width / ocr.width and display.height / ocr.height. Shadows and
  // paper tone are flattened away; coloured ink of any hue (seals, received stamps, blue
  // signatures) is lifted to paper while black text printed under it stays; isolated specks
  // (toner dust) far from any bigger mark are erased, dots and diacritics near letters kept.
  Image ocr;
  int rotation_deg = 0;  // clockwise rotation applied: 0, 90, 180 or 270
  // Skew measured on the scan (positive = counter-clockwise), searched within +-5 degrees;
  // corrected when at least 0.05 degrees.
  double skew_deg = 0;
  // Caveats; the page is still returned. "page looks blank", "page is nearly black" (over
  // 60 % of it dark), "page is very small (stamp or slip?)" (a side under 2 inches),
  // "page looks like a photograph" (a large continuous-tone area), or why orientation was not
  // fixed.
  std::vector<std::string> warnings;
};

// Returns the clockwise rotation (0/90/180/270) that makes a grey page upright; typically
// backed by ocr::Engine::DetectOrientation.
using OrientationDetector = std::function<Result<int>(const Image& grey)>;

// Cleans one scanned page. `detector` may be empty (orientation then left as scanned); it is
// called once, with a grey copy at up to 150 dpi whose scanner border is painted over; when it
// fails, the page is left as scanned with a warning. Fails with kInvalidInput on an empty
// image, kInternal on a malformed one; never throws. Thread-safe (no shared state). Takes
// about 0.13 s for an A4 colour page at 300 dpi on one core, 0.16-0.17 s at 200 dpi (read at
// 300 dpi); keeps scratch buffers per calling thread for the next page (about 55 MB for A4).
Result<CleanPage> CleanupPage(const Image& scan, const CleanupOptions& options,
                              const OrientationDetector& detector);
// The same from a scan handed over: when the page needs no turn, deskew or crop, the scan's
// pixels become `display` as they are, without a copy. `scan` is left empty or unchanged.
Result<CleanPage> CleanupPage(Image&& scan, const CleanupOptions& options,
                              const OrientationDetector& detector);

}  // namespace sohoa::pipeline
