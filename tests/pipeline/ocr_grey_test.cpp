// The OCR grey's kernels (AVX2 where the processor has it, SSE2 otherwise) must give the same
// bytes, made whole or a band of rows at a time, so that a page reads the same on any machine.
#include "ocr_grey.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <random>

namespace sohoa::pipeline::internal {
namespace {

cv::Mat Grey(const cv::Mat& display, GreyKernel kernel, int band) {
  cv::Mat grey(display.size(), CV_8U, cv::Scalar(7));
  for (int first = 0; first < display.rows; first += band) {
    OcrGreyRows(display, first, std::min(display.rows, first + band), grey, kernel);
  }
  return grey;
}

void ExpectKernelsAgree(const cv::Mat& display) {
  const cv::Mat baseline = Grey(display, GreyKernel::kBaseline, display.rows);
  for (int band : {1, 5, display.rows}) {
    const cv::Mat best = Grey(display, GreyKernel::kBest, band);
    EXPECT_EQ(cv::countNonZero(best != baseline), 0) << display.cols << " x " << display.rows;
    EXPECT_EQ(cv::countNonZero(Grey(display, GreyKernel::kBaseline, band) != baseline), 0);
  }
}

TEST(OcrGreyTest, KernelsAgreeOnRandomColours) {
  std::mt19937 rng(3);
  // Widths around the kernels' steps (8 and 16 pixels) and their tails.
  for (int cols : {1, 7, 8, 15, 16, 17, 33, 101}) {
    cv::Mat display(9, cols, CV_8UC3);
    cv::randu(display, 0, 256);
    ExpectKernelsAgree(display);
  }
}

TEST(OcrGreyTest, KernelsAgreeOnStampsOverText) {
  // Paper-toned page, black text strokes, a red seal ring and blue ballpoint over them, with
  // scanner noise: the pixels each kernel marks as coloured and lifts.
  cv::Mat display(120, 203, CV_8UC3, cv::Scalar(236, 230, 214));
  for (int y = 10; y < 110; y += 12) cv::line(display, {5, y}, {195, y}, cv::Scalar(20, 20, 20), 2);
  cv::circle(display, {100, 60}, 40, cv::Scalar(210, 40, 50), 3);
  cv::line(display, {20, 100}, {180, 20}, cv::Scalar(30, 50, 170), 2);
  cv::Mat noise(display.size(), CV_8UC3);
  cv::randn(noise, 0, 12);
  display += noise;
  ExpectKernelsAgree(display);
}

TEST(OcrGreyTest, KernelsAgreeAtTheColourThresholds) {
  // Patches on either side of the coloured-pixel test ("chroma over 12 and brightest channel
  // at least 1.2 times the darkest"): both exactly met; chroma 12; ratio 1.2 exactly met;
  // ratio just under.
  const int colours[4][3] = {{78, 65, 65}, {72, 60, 60}, {90, 75, 75}, {89, 75, 75}};
  const bool coloured[4] = {true, false, true, false};
  cv::Mat display(24, 4 * 21, CV_8UC3, cv::Scalar(240, 240, 240));
  for (int i = 0; i < 4; ++i) {
    display(cv::Rect(i * 21 + 2, 2, 17, 20))
        .setTo(cv::Scalar(colours[i][0], colours[i][1], colours[i][2]));
  }
  ExpectKernelsAgree(display);
  const cv::Mat grey = Grey(display, GreyKernel::kBest, 24);
  for (int i = 0; i < 4; ++i) {
    const int luminance =
        (77 * colours[i][0] + 150 * colours[i][1] + 29 * colours[i][2] + 128) >> 8;
    const int value = grey.at<std::uint8_t>(12, i * 21 + 10);
    // Coloured ink is lifted above its luminance; the rest keeps it.
    if (coloured[i]) {
      EXPECT_GT(value, luminance) << "patch " << i;
    } else {
      EXPECT_EQ(value, luminance) << "patch " << i;
    }
  }
}

TEST(OcrGreyTest, ColouredInkIsLiftedAndBlackInkStays) {
  cv::Mat display(40, 64, CV_8UC3, cv::Scalar(245, 245, 245));
  display(cv::Rect(0, 0, 32, 40)).setTo(cv::Scalar(200, 30, 40));  // red seal ink (RGB)
  display(cv::Rect(32, 0, 32, 40)).setTo(cv::Scalar(25, 25, 25));  // black text
  const cv::Mat grey = Grey(display, GreyKernel::kBest, 8);
  EXPECT_GT(grey.at<std::uint8_t>(20, 10), 230);  // the seal is nearly paper
  EXPECT_LT(grey.at<std::uint8_t>(20, 50), 40);   // the text stays black
}

TEST(OcrGreyTest, GreyPageIsCopied) {
  cv::Mat display(17, 31, CV_8U);
  cv::randu(display, 0, 256);
  EXPECT_EQ(cv::countNonZero(Grey(display, GreyKernel::kBest, 4) != display), 0);
}

}  // namespace
}  // namespace sohoa::pipeline::internal
