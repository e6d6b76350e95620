// Private: a page's ink as horizontal runs, joined into 8-connected components.
//
// Cleanup only ever asks of its components what cv::connectedComponentsWithStats tells
// (bounding box, area, centroid) and which pixels belong to which; ink is a few percent of a
// page, in runs of a few pixels. Kept as runs, the components of a 300 dpi page are found
// from one pass over its mask (or over rows the caller thresholds one at a time, so that no
// page-sized mask is written at all) instead of a 4-byte label per pixel, which OpenCV writes
// and every later pass had to read back: 20 of cleanup's 150 ms per page went there.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>  // cv::CC_STAT_*
#include <span>
#include <vector>

namespace sohoa::pipeline::internal {

// Columns [begin, end) of one row, and the component they belong to (after Label()).
struct InkRun {
  int begin = 0;
  int end = 0;
  int label = 0;
};

class InkRuns {
 public:
  // Starts an empty `rows` x `cols` mask; the runs' storage is kept for reuse.
  void Reset(int rows, int cols);

  // The next row (rows come top to bottom): its pixels that are not 0 are ink. Requires
  // fewer than rows() rows added so far and `cols` bytes at `mask_row`.
  void AddRow(const std::uint8_t* mask_row);

  // Joins the runs of the rows added (missing rows are empty) into 8-connected components,
  // numbered 1 .. count - 1 in the order of their first pixel (row by row, left to right).
  // `stats` (CV_32S, count x cv::CC_STAT_MAX) and `centroids` (CV_64F, count x 2) are laid out
  // as cv::connectedComponentsWithStats lays them out, with the same values for every
  // component (OpenCV numbers them in another order); row 0, the background, holds only its area
  // (its box is the whole mask, its centroid NaN). Returns count. Runs added later are not
  // labelled: call Reset first.
  int Label(cv::Mat& stats, cv::Mat& centroids);

  int rows() const { return rows_; }
  int cols() const { return cols_; }
  // Row `y`'s runs, left to right.
  std::span<const InkRun> Row(int y) const {
    return {runs_.data() + row_start_[y], runs_.data() + row_start_[y + 1]};
  }

  // Writes `value[label]` over each run of `mask` (CV_8U, rows() x cols()) and 0 everywhere
  // else.
  void Paint(const std::vector<std::uint8_t>& value, cv::Mat& mask) const;

 private:
  int rows_ = 0, cols_ = 0;
  std::vector<InkRun> runs_;
  std::vector<int> row_start_;  // runs_ index of each row's first run; rows_ + 1 entries
  std::vector<int> parent_;     // union-find over runs_ while labelling
};

}  // namespace sohoa::pipeline::internal
