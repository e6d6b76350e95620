// Test support: moving pictures between OpenCV (which tests draw with) and sohoa::Image.
#pragma once

#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "sohoa/core/image.h"

namespace sohoa::testing {

// Copies an 8-bit grey or 3-channel Mat (channel order kept as is) into an Image at `dpi`.
inline Image ImageFromMat(const cv::Mat& mat, double dpi) {
  Image image;
  image.width = mat.cols;
  image.height = mat.rows;
  image.channels = mat.channels();
  image.dpi = dpi;
  image.pixels.resize(image.row_bytes() * image.height);
  for (int y = 0; y < mat.rows; ++y) {
    std::memcpy(image.pixels.data() + y * image.row_bytes(), mat.ptr(y), image.row_bytes());
  }
  return image;
}

// A Mat holding a copy of `image`'s pixels.
inline cv::Mat MatFromImage(const Image& image) {
  return cv::Mat(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                 const_cast<std::uint8_t*>(image.pixels.data()), image.row_bytes())
      .clone();
}

// Turns a page clockwise by `degrees` (0, 90, 180, 270), as a scanner fed sideways would.
inline cv::Mat TurnClockwise(const cv::Mat& mat, int degrees) {
  cv::Mat turned;
  switch (degrees) {
    case 90:
      cv::rotate(mat, turned, cv::ROTATE_90_CLOCKWISE);
      break;
    case 180:
      cv::rotate(mat, turned, cv::ROTATE_180);
      break;
    case 270:
      cv::rotate(mat, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      turned = mat.clone();
  }
  return turned;
}

}  // namespace sohoa::testing
