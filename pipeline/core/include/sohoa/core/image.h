// A plain pixel buffer: the image type every public sohoa interface uses, so that OpenCV,
// Leptonica and Tesseract stay private to the modules that use them.
#pragma once

#include <cstdint>
#include <vector>

namespace sohoa {

struct Image {
  int width = 0;
  int height = 0;
  // 1 = grey (0 black .. 255 white), 3 = RGB (in that byte order).
  int channels = 0;
  // Row-major, tightly packed: width * channels bytes per row.
  std::vector<std::uint8_t> pixels;
  // Resolution in dots per inch (the same horizontally and vertically); 0 when unknown.
  double dpi = 0;

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
  std::size_t row_bytes() const { return static_cast<std::size_t>(width) * channels; }
};

}  // namespace sohoa
