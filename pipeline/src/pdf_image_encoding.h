// Page images encoded for a PDF image XObject. Private to sohoa_pipeline; no PoDoFo here.
#pragma once

#include <string>

#include "sohoa/core/image.h"
#include "sohoa/core/status.h"

namespace sohoa::pipeline::internal {

enum class PdfImageFilter {
  kDct,         // `data` is a JPEG file (baseline, JFIF)
  kCcittG4,     // `data` is CCITT Group 4 (K -1), 0 = black as the filter decodes it
  kFlateLater,  // `data` is raw samples; the PDF writer compresses them with Flate
};

struct EncodedPdfImage {
  PdfImageFilter filter = PdfImageFilter::kDct;
  std::string data;
  int width = 0;
  int height = 0;
  int components = 1;          // 1 = DeviceGray, 3 = DeviceRGB
  int bits_per_component = 8;  // 1 for bilevel pages
};

// True when `image` is grey and every pixel is 0 or 255: a bilevel (black and white) scan.
bool IsBilevel(const Image& image);

// Encodes a page image: bilevel as CCITT G4 (1 bit, through Leptonica; 1-bit Flate if that
// fails), grey and colour as JPEG at `jpeg_quality` (1..100, through OpenCV). Fails with
// kInvalidInput when the image is malformed (size, channels), kInternal when an encoder fails.
Result<EncodedPdfImage> EncodePdfImage(const Image& image, int jpeg_quality);

}  // namespace sohoa::pipeline::internal
