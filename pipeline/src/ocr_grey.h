// Private: the grey page Tesseract reads, from the colour display page, with stamps, seals and
// signatures in colour lifted towards paper (OcrGreyRows in ocr_grey.cpp says how and why).
#pragma once

#include <opencv2/core.hpp>

namespace sohoa::pipeline::internal {

// How a row's grey levels and colour marks are computed; every kernel gives the same bytes.
enum class GreyKernel {
  kBest,      // the fastest this processor runs
  kBaseline,  // x86-64's baseline vector instructions (SSE2) or plain C++
};

// Rows [first, last) of the OCR grey of `display` (CV_8UC1, or CV_8UC3 in RGB order) into
// `grey` (CV_8UC1, display's size). A coloured pixel looks at the display's rows up to two
// above and below it (its edge rows repeated at the page's edges): those must be there.
void OcrGreyRows(const cv::Mat& display, int first, int last, cv::Mat& grey,
                 GreyKernel kernel = GreyKernel::kBest);

}  // namespace sohoa::pipeline::internal
