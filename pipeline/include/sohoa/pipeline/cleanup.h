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
};

struct CleanPage {
  // What the PDF shows: colour (or grey) kept, upright, deskewed, dark borders cropped.
  Image display;
  // What OCR reads: grey or bilevel, the same geometry (width, height, dpi) as `display`,
  // so word boxes found on it place text on `display` exactly.
  Image ocr;
  int rotation_deg = 0;   // clockwise rotation applied: 0, 90, 180 or 270
  double skew_deg = 0;    // skew measured on the scan (positive = counter-clockwise), corrected
  std::vector<std::string> warnings;  // e.g. "page looks blank"
};

// Returns the clockwise rotation (0/90/180/270) that makes a grey page upright; typically
// backed by ocr::Engine::DetectOrientation.
using OrientationDetector = std::function<Result<int>(const Image& grey)>;

// Cleans one scanned page. `detector` may be empty (orientation then left as scanned).
// Fails with kInvalidInput on an empty image; never throws.
Result<CleanPage> CleanupPage(const Image& scan, const CleanupOptions& options,
                              const OrientationDetector& detector);

}  // namespace sohoa::pipeline
