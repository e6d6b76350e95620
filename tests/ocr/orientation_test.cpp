// The ink-layout orientation estimate (ocr/src/orientation.h) on the committed fixtures
// (tests/ocr/data, Liberation Serif 12 pt at 300 dpi) turned, reduced and skewed as scanners
// deliver pages, and on pages without text.
#include "orientation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>

#include "fixtures.h"
#include "support/opencv_image.h"

namespace sohoa::ocr {
namespace {

namespace fs = std::filesystem;

const fs::path& kData = sohoa::testing::kOcrData;

using sohoa::testing::ImageFromMat;
using sohoa::testing::LoadGrey;
using sohoa::testing::TurnClockwise;

cv::Mat Rescale(const cv::Mat& mat, double factor) {
  if (factor == 1) return mat.clone();
  cv::Mat scaled;
  cv::resize(mat, scaled, cv::Size(), factor, factor, cv::INTER_AREA);
  return scaled;
}

// Turns the page counter-clockwise by `degrees` (small skew), white paper filling the corners.
cv::Mat Skew(const cv::Mat& mat, double degrees) {
  const cv::Point2f centre(mat.cols / 2.0f, mat.rows / 2.0f);
  cv::Mat skewed;
  cv::warpAffine(mat, skewed, cv::getRotationMatrix2D(centre, degrees, 1.0), mat.size(),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return skewed;
}

// An A4 page at 300 dpi holding the letter fixture three times on slightly grey paper, as the
// pipeline hands it over: reduced to `dpi` and skewed by `skew_deg`.
cv::Mat A4Letter(double dpi, double skew_deg) {
  const cv::Mat letter = LoadGrey(kData / "vn_letter.png");
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  for (int copy = 0; copy < 3; ++copy) {
    letter.copyTo(page(cv::Rect(200, 150 + copy * letter.rows, letter.cols, letter.rows)));
  }
  page = page * (235.0 / 255.0);  // paper tone: ink stays black, paper turns light grey
  return Skew(Rescale(page, dpi / 300), skew_deg);
}

struct TurnCase {
  double dpi;
  double skew_deg;
  int turned_clockwise_deg;
};

class InkOrientationOnA4 : public ::testing::TestWithParam<TurnCase> {};

// A full page of text, fed at any of the four quarter turns, is answered confidently enough
// that Tesseract is not asked, and right.
TEST_P(InkOrientationOnA4, FindsTheTurnConfidently) {
  const TurnCase& c = GetParam();
  const cv::Mat turned = TurnClockwise(A4Letter(c.dpi, c.skew_deg), c.turned_clockwise_deg);
  const InkOrientation estimate = EstimateOrientationFromInk(ImageFromMat(turned, c.dpi));
  EXPECT_EQ(estimate.rotate_clockwise_deg, (360 - c.turned_clockwise_deg) % 360);
  EXPECT_GE(estimate.confidence, kInkOrientationTrusted)
      << "profile z " << estimate.profile_z << ", stroke z " << estimate.stroke_z
      << ", across " << estimate.stroke_z_across << ", direction ratio " << estimate.direction_ratio;
  EXPECT_EQ(estimate.horizontal, c.turned_clockwise_deg % 180 == 0);
}

INSTANTIATE_TEST_SUITE_P(
    Turns, InkOrientationOnA4,
    ::testing::Values(TurnCase{200, 0, 0}, TurnCase{200, 0, 90}, TurnCase{200, 0, 180},
                      TurnCase{200, 0, 270}, TurnCase{200, 3, 0}, TurnCase{200, -3, 90},
                      TurnCase{200, 3, 180}, TurnCase{200, -3, 270}, TurnCase{300, 2, 90},
                      TurnCase{300, -2, 180}, TurnCase{150, 0, 270}),
    [](const auto& info) {
      const TurnCase& c = info.param;
      return std::to_string(static_cast<int>(c.dpi)) + "dpi_skew" +
             (c.skew_deg < 0 ? "minus" : "") +
             std::to_string(static_cast<int>(std::abs(c.skew_deg))) + "_turned" +
             std::to_string(c.turned_clockwise_deg);
    });

struct FixtureCase {
  const char* fixture;
  double dpi;
  int turned_clockwise_deg;
};

class InkOrientationOnFixtures : public ::testing::TestWithParam<FixtureCase> {};

// Nine lines, or only three: the best guess is still right (whether it is trusted depends on
// how much text there is; the engine checks the unsure ones with OSD).
TEST_P(InkOrientationOnFixtures, BestGuessIsRight) {
  const FixtureCase& c = GetParam();
  const cv::Mat upright = Rescale(LoadGrey(kData / c.fixture), c.dpi / 300);
  const cv::Mat turned = TurnClockwise(upright, c.turned_clockwise_deg);
  const InkOrientation estimate = EstimateOrientationFromInk(ImageFromMat(turned, c.dpi));
  EXPECT_EQ(estimate.rotate_clockwise_deg, (360 - c.turned_clockwise_deg) % 360);
  EXPECT_GT(estimate.confidence, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, InkOrientationOnFixtures,
    ::testing::Values(FixtureCase{"vn_letter.png", 200, 0}, FixtureCase{"vn_letter.png", 200, 90},
                      FixtureCase{"vn_letter.png", 200, 180},
                      FixtureCase{"vn_letter.png", 200, 270},
                      FixtureCase{"vn_letter.png", 300, 90}, FixtureCase{"vn_short.png", 200, 0},
                      FixtureCase{"vn_short.png", 200, 90}, FixtureCase{"vn_short.png", 200, 180},
                      FixtureCase{"vn_short.png", 200, 270}),
    [](const auto& info) {
      std::string name = info.param.fixture;
      name = name.substr(0, name.find('.'));
      return name + "_" + std::to_string(static_cast<int>(info.param.dpi)) + "dpi_turned" +
             std::to_string(info.param.turned_clockwise_deg);
    });

TEST(InkOrientation, BlankPageAnswersZeroWithConfidenceZero) {
  const cv::Mat blank(2339, 1654, CV_8UC1, cv::Scalar(245));
  const InkOrientation estimate = EstimateOrientationFromInk(ImageFromMat(blank, 200));
  EXPECT_EQ(estimate.rotate_clockwise_deg, 0);
  EXPECT_EQ(estimate.confidence, 0.0);
}

TEST(InkOrientation, EmptyOrMalformedImageAnswersZero) {
  EXPECT_EQ(EstimateOrientationFromInk(Image{}).confidence, 0.0);
  Image two_channels;
  two_channels.width = 100;
  two_channels.height = 100;
  two_channels.channels = 2;
  two_channels.pixels.assign(100 * 100 * 2, 0);
  EXPECT_EQ(EstimateOrientationFromInk(two_channels).confidence, 0.0);
  Image short_buffer;
  short_buffer.width = 100;
  short_buffer.height = 100;
  short_buffer.channels = 1;
  short_buffer.pixels.assign(10, 0);
  EXPECT_EQ(EstimateOrientationFromInk(short_buffer).confidence, 0.0);
}

// Ink without text lines (scattered blobs, a photo-like page) must not be answered with a
// confidence that would keep Tesseract from checking.
TEST(InkOrientation, InkWithoutTextIsNotTrusted) {
  cv::Mat page(2339, 1654, CV_8UC1, cv::Scalar(240));
  std::mt19937 random(7);
  std::uniform_int_distribution<int> x(0, 1653), y(0, 2338), size(3, 40);
  for (int i = 0; i < 3000; ++i) {
    cv::circle(page, cv::Point(x(random), y(random)), size(random) / 2, cv::Scalar(20), -1);
  }
  const InkOrientation estimate = EstimateOrientationFromInk(ImageFromMat(page, 200));
  EXPECT_LT(estimate.confidence, kInkOrientationTrusted)
      << "answered " << estimate.rotate_clockwise_deg << ", direction ratio "
      << estimate.direction_ratio;
}

TEST(InkOrientation, RgbPageAnswersLikeGrey) {
  const cv::Mat grey = TurnClockwise(A4Letter(200, 1), 90);
  cv::Mat rgb;
  cv::cvtColor(grey, rgb, cv::COLOR_GRAY2RGB);
  const InkOrientation from_grey = EstimateOrientationFromInk(ImageFromMat(grey, 200));
  const InkOrientation from_rgb = EstimateOrientationFromInk(ImageFromMat(rgb, 200));
  EXPECT_EQ(from_rgb.rotate_clockwise_deg, 270);
  EXPECT_EQ(from_rgb.rotate_clockwise_deg, from_grey.rotate_clockwise_deg);
  EXPECT_NEAR(from_rgb.confidence, from_grey.confidence, 1e-9);
}

}  // namespace
}  // namespace sohoa::ocr
