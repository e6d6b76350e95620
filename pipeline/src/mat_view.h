// Private: OpenCV views of sohoa::Image buffers, shared by the pipeline's OpenCV code.
#pragma once

#include <opencv2/core.hpp>

#include "sohoa/core/image.h"

namespace sohoa::pipeline::internal {

// A cv::Mat header over `image`'s pixels (no copy). The Mat aliases the buffer: callers must
// not write through it when the image is the caller's input, and must not outlive `image`.
inline cv::Mat MatView(const Image& image) {
  return cv::Mat(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                 const_cast<std::uint8_t*>(image.pixels.data()), image.row_bytes());
}

}  // namespace sohoa::pipeline::internal
