// The run-based components cleanup uses must be OpenCV's 8-connected components: the same
// components with the same boxes, areas and centroids, so that replacing one by the other
// changes no page.
#include "ink_runs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <vector>

namespace sohoa::pipeline::internal {
namespace {

// Labels `mask` both ways and compares everything InkRuns promises.
void ExpectSameAsOpenCv(const cv::Mat& mask) {
  cv::Mat labels, cv_stats, cv_centroids;
  const int cv_count =
      cv::connectedComponentsWithStats(mask, labels, cv_stats, cv_centroids, 8, CV_32S);

  InkRuns runs;
  runs.Reset(mask.rows, mask.cols);
  for (int y = 0; y < mask.rows; ++y) runs.AddRow(mask.ptr<std::uint8_t>(y));
  cv::Mat stats, centroids;
  const int count = runs.Label(stats, centroids);

  ASSERT_EQ(count, cv_count);
  EXPECT_EQ(stats.at<int>(0, cv::CC_STAT_AREA), cv_stats.at<int>(0, cv::CC_STAT_AREA));
  // The same pixels form each component (OpenCV numbers its components in another order:
  // `to_cv` maps ours to its, one to one), and background pixels lie in no run.
  std::vector<int> to_cv(static_cast<std::size_t>(count), -1);
  std::vector<int> ink_pixels(static_cast<std::size_t>(count), 0);
  int mismatches = 0;
  for (int y = 0; y < mask.rows; ++y) {
    for (const InkRun& run : runs.Row(y)) {
      ASSERT_GT(run.label, 0);
      ASSERT_LT(run.label, count);
      int& cv_label = to_cv[static_cast<std::size_t>(run.label)];
      for (int x = run.begin; x < run.end; ++x) {
        if (cv_label < 0) cv_label = labels.at<int>(y, x);
        mismatches += labels.at<int>(y, x) != cv_label;
        ++ink_pixels[static_cast<std::size_t>(run.label)];
      }
    }
  }
  ASSERT_EQ(mismatches, 0);
  std::vector<int> sorted(to_cv.begin() + 1, to_cv.end());
  std::sort(sorted.begin(), sorted.end());
  for (int label = 1; label < count; ++label) ASSERT_EQ(sorted[label - 1], label);  // one to one
  for (int label = 1; label < count; ++label) {
    const int theirs = to_cv[static_cast<std::size_t>(label)];
    EXPECT_EQ(ink_pixels[static_cast<std::size_t>(label)], stats.at<int>(label, cv::CC_STAT_AREA));
    for (int stat = 0; stat < cv::CC_STAT_MAX; ++stat) {
      EXPECT_EQ(stats.at<int>(label, stat), cv_stats.at<int>(theirs, stat))
          << "label " << label << " stat " << stat;
    }
    EXPECT_NEAR(centroids.at<double>(label, 0), cv_centroids.at<double>(theirs, 0), 1e-9);
    EXPECT_NEAR(centroids.at<double>(label, 1), cv_centroids.at<double>(theirs, 1), 1e-9);
  }
  // Ours are numbered in raster order of their first pixel.
  int next = 1;
  for (int y = 0; y < mask.rows; ++y) {
    for (const InkRun& run : runs.Row(y)) {
      ASSERT_LE(run.label, next);
      if (run.label == next) ++next;
    }
  }

  // Paint draws back exactly the ink of the components asked for.
  std::vector<std::uint8_t> odd(static_cast<std::size_t>(count), 0);
  cv::Mat expected(mask.size(), CV_8U, cv::Scalar(0));
  for (int label = 1; label < count; label += 2) {
    odd[static_cast<std::size_t>(label)] = 255;
    expected.setTo(255, labels == to_cv[static_cast<std::size_t>(label)]);
  }
  cv::Mat painted(mask.size(), CV_8U, cv::Scalar(7));
  runs.Paint(odd, painted);
  EXPECT_EQ(cv::countNonZero(painted != expected), 0);
}

TEST(InkRunsTest, RandomSpecklesMatchOpenCv) {
  std::mt19937 random(20261204);
  for (const double share : {0.02, 0.2, 0.5, 0.8}) {
    cv::Mat noise(97, 131, CV_8U);
    std::uniform_real_distribution<double> uniform(0, 1);
    for (int y = 0; y < noise.rows; ++y) {
      for (int x = 0; x < noise.cols; ++x) {
        noise.at<std::uint8_t>(y, x) = uniform(random) < share ? 255 : 0;
      }
    }
    SCOPED_TRACE(share);
    ExpectSameAsOpenCv(noise);
  }
}

TEST(InkRunsTest, DiagonalTouchJoinsButAGapDoesNot) {
  cv::Mat mask(6, 12, CV_8U, cv::Scalar(0));
  // A staircase joined only corner to corner: one component.
  for (int i = 0; i < 5; ++i) mask.at<std::uint8_t>(i, i) = 255;
  // Two runs one blank pixel apart on neighbouring rows are joined diagonally only when their
  // ends are one column apart: (0, 8-9) and (1, 11) are not.
  mask(cv::Rect(8, 0, 2, 1)).setTo(255);
  mask.at<std::uint8_t>(1, 11) = 255;
  // A U shape whose arms meet only at the bottom row: its arms must end as one component.
  mask(cv::Rect(6, 2, 1, 4)).setTo(255);
  mask(cv::Rect(9, 2, 1, 4)).setTo(255);
  mask(cv::Rect(6, 5, 4, 1)).setTo(255);
  ExpectSameAsOpenCv(mask);

  InkRuns runs;
  runs.Reset(mask.rows, mask.cols);
  for (int y = 0; y < mask.rows; ++y) runs.AddRow(mask.ptr<std::uint8_t>(y));
  cv::Mat stats, centroids;
  EXPECT_EQ(runs.Label(stats, centroids), 5);  // background, stairs, the pair's two, the U
}

TEST(InkRunsTest, EmptyFullAndEdgeTouchingMasks) {
  ExpectSameAsOpenCv(cv::Mat(5, 9, CV_8U, cv::Scalar(0)));
  ExpectSameAsOpenCv(cv::Mat(1, 1, CV_8U, cv::Scalar(255)));
  cv::Mat frame(40, 23, CV_8U, cv::Scalar(0));
  cv::rectangle(frame, cv::Rect(0, 0, 23, 40), cv::Scalar(255));
  frame(cv::Rect(5, 5, 13, 30)).setTo(255);
  ExpectSameAsOpenCv(frame);
  // Rows wider than the eight-byte skip, with ink in the last column.
  cv::Mat wide(3, 37, CV_8U, cv::Scalar(0));
  wide.at<std::uint8_t>(0, 36) = 255;
  wide.at<std::uint8_t>(1, 35) = 1;  // any non-zero byte is ink
  wide.at<std::uint8_t>(2, 16) = 255;
  ExpectSameAsOpenCv(wide);
}

TEST(InkRunsTest, RowsLeftOutAreEmpty) {
  InkRuns runs;
  runs.Reset(4, 4);
  const std::uint8_t ink[4] = {255, 255, 0, 0};
  runs.AddRow(ink);
  cv::Mat stats, centroids;
  ASSERT_EQ(runs.Label(stats, centroids), 2);
  EXPECT_EQ(stats.at<int>(1, cv::CC_STAT_AREA), 2);
  EXPECT_EQ(stats.at<int>(0, cv::CC_STAT_AREA), 14);
  EXPECT_TRUE(runs.Row(3).empty());
}

}  // namespace
}  // namespace sohoa::pipeline::internal
