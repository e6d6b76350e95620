#include "ink_runs.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <limits>

namespace sohoa::pipeline::internal {

void InkRuns::Reset(int rows, int cols) {
  rows_ = rows;
  cols_ = cols;
  runs_.clear();
  row_start_.clear();
  row_start_.reserve(static_cast<std::size_t>(rows) + 1);
  row_start_.push_back(0);
}

void InkRuns::AddRow(const std::uint8_t* mask_row) {
  const int cols = cols_;
  int x = 0;
  while (x < cols) {
    // Most of a row is paper: skip it eight bytes at a time.
    while (x + 8 <= cols) {
      std::uint64_t word;
      std::memcpy(&word, mask_row + x, sizeof word);
      if (word != 0) break;
      x += 8;
    }
    while (x < cols && mask_row[x] == 0) ++x;
    if (x == cols) break;
    const int begin = x;
    while (x < cols && mask_row[x] != 0) ++x;
    runs_.push_back({begin, x, 0});
  }
  row_start_.push_back(static_cast<int>(runs_.size()));
}

int InkRuns::Label(cv::Mat& stats, cv::Mat& centroids) {
  while (static_cast<int>(row_start_.size()) < rows_ + 1) row_start_.push_back(row_start_.back());
  const int run_count = static_cast<int>(runs_.size());
  parent_.resize(static_cast<std::size_t>(run_count));
  for (int i = 0; i < run_count; ++i) parent_[i] = i;
  const auto find = [&](int i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];  // path halving
      i = parent_[i];
    }
    return i;
  };
  // A run touches (8-connected) each run of the row above that overlaps it widened by a
  // pixel on each side. The earlier run stays the root, so roots come in raster order.
  for (int y = 1; y < rows_; ++y) {
    int above = row_start_[y - 1];
    const int above_end = row_start_[y];
    for (int i = row_start_[y]; i < row_start_[y + 1]; ++i) {
      const InkRun& run = runs_[i];
      while (above < above_end && runs_[above].end < run.begin) ++above;
      for (int j = above; j < above_end && runs_[j].begin <= run.end; ++j) {
        const int a = find(i), b = find(j);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  struct Extent {
    int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
    std::int64_t area = 0, sum_x = 0, sum_y = 0;
  };
  std::vector<Extent> extent(1);
  std::int64_t ink_area = 0;
  for (int y = 0; y < rows_; ++y) {
    for (int i = row_start_[y]; i < row_start_[y + 1]; ++i) {
      const int root = find(i);
      InkRun& run = runs_[i];
      if (root == i) {
        run.label = static_cast<int>(extent.size());
        extent.emplace_back();
      } else {
        run.label = runs_[root].label;  // the root comes first, so it is labelled already
      }
      Extent& e = extent[static_cast<std::size_t>(run.label)];
      const std::int64_t length = run.end - run.begin;
      e.left = std::min(e.left, run.begin);
      e.right = std::max(e.right, run.end - 1);
      e.top = std::min(e.top, y);
      e.bottom = y;
      e.area += length;
      e.sum_x += (static_cast<std::int64_t>(run.begin) + run.end - 1) * length / 2;
      e.sum_y += static_cast<std::int64_t>(y) * length;
      ink_area += length;
    }
  }
  const int count = static_cast<int>(extent.size());
  stats.create(count, cv::CC_STAT_MAX, CV_32S);
  centroids.create(count, 2, CV_64F);
  int* background = stats.ptr<int>(0);
  background[cv::CC_STAT_LEFT] = background[cv::CC_STAT_TOP] = 0;
  background[cv::CC_STAT_WIDTH] = cols_;
  background[cv::CC_STAT_HEIGHT] = rows_;
  background[cv::CC_STAT_AREA] =
      static_cast<int>(static_cast<std::int64_t>(rows_) * cols_ - ink_area);
  centroids.at<double>(0, 0) = centroids.at<double>(0, 1) =
      std::numeric_limits<double>::quiet_NaN();
  for (int label = 1; label < count; ++label) {
    const Extent& e = extent[static_cast<std::size_t>(label)];
    int* out = stats.ptr<int>(label);
    out[cv::CC_STAT_LEFT] = e.left;
    out[cv::CC_STAT_TOP] = e.top;
    out[cv::CC_STAT_WIDTH] = e.right - e.left + 1;
    out[cv::CC_STAT_HEIGHT] = e.bottom - e.top + 1;
    out[cv::CC_STAT_AREA] = static_cast<int>(e.area);
    double* centre = centroids.ptr<double>(label);
    centre[0] = static_cast<double>(e.sum_x) / static_cast<double>(e.area);
    centre[1] = static_cast<double>(e.sum_y) / static_cast<double>(e.area);
  }
  return count;
}

void InkRuns::Paint(const std::vector<std::uint8_t>& value, cv::Mat& mask) const {
  CV_Assert(mask.type() == CV_8U && mask.rows == rows_ && mask.cols == cols_);
  for (int y = 0; y < rows_; ++y) {
    std::uint8_t* out = mask.ptr<std::uint8_t>(y);
    std::memset(out, 0, static_cast<std::size_t>(cols_));
    for (const InkRun& run : Row(y)) {
      const std::uint8_t v = value[static_cast<std::size_t>(run.label)];
      if (v != 0) std::memset(out + run.begin, v, static_cast<std::size_t>(run.end - run.begin));
    }
  }
}

}  // namespace sohoa::pipeline::internal
