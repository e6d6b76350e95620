// Private: the display page's deskew, a small turn of a colour page done as two passes along
// rows (DeskewWarp in deskew_warp.cpp says how and why).
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::pipeline::internal {

// Bilinear resampling of `source` (CV_8UC1, CV_8UC3 or CV_8UC4) by an affine map that turns
// it by less than 45 degrees, in place of cv::warpAffine(source, display, inverse, size,
// INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, border): at least as close to exact
// bilinear interpolation at the deskew's angles (up to 5 degrees; on a 300 dpi page the two
// differ by 0.04-0.05 levels on average and up to 10 at stroke edges). `inverse` maps a display
// pixel to the source pixel it shows; outside the source is `border`. The source must outlive the
// warp; one thread at a time.
class DeskewWarp {
 public:
  DeskewWarp(const cv::Mat& source, const cv::Matx23d& inverse, cv::Size display_size,
             const cv::Scalar& border);

  // Rows [first, last) of `display` (display_size, the source's type).
  void Rows(int first, int last, cv::Mat& display);

  // One run of bytes to interpolate (internal to deskew_warp.cpp).
  struct Span {
    const std::uint8_t* a;
    const std::uint8_t* b;
    const std::uint8_t* fraction;
    std::uint8_t* out;
    const std::uint8_t* ahead;  // bytes to prefetch for the next row, or null
    int bytes;
  };

 private:
  // A run of indices [from, to) along which floor((at[i] + phase) / 256) is `whole`.
  struct Run {
    int from, to;
    std::int64_t whole;
  };
  // Per column (pass 1) or per display column (pass 2): the position's part that grows along
  // the row, in 256ths of a pixel; its low byte repeated for each channel.
  struct Steps {
    std::vector<std::int64_t> at;
    std::vector<std::uint8_t> fraction;  // (at & 255) per byte of a row
    int from = 0, to = 0;                // the indices a row reads
    // Where `at` reaches each value: the first index of [from, to) with sign * at >= lowest + t.
    int sign = 1;
    std::int64_t lowest = 0;
    std::vector<int> first_reaching;
    int phase = -1;  // runs' phase (a row's position mod 256), -1: none yet
    std::vector<Run> runs;
    void Index();  // first_reaching, once at, from and to are set
    // The runs of a row whose constant part of the position is `base` 256ths: the same for
    // every row of the same phase.
    const std::vector<Run>& RunsFor(std::int64_t base);
  };

  const std::uint8_t* SourceRow(std::int64_t y) const;

  cv::Mat source_;
  cv::Size display_size_;
  int channels_;
  double a_, b_, e_;      // source x = a x + b y + e (display x, y)
  double q_, r_;          // source y at source column u, display row y: p u + q y + r
  std::int64_t u_first_;  // the intermediate row's first column, in source columns
  Steps along_columns_;   // pass 1: p u over the source columns the display reaches
  Steps along_row_;       // pass 2: (a - 1) x over the display's columns
  std::vector<std::uint8_t> paper_row_;  // a row of border colour, source-wide
  std::vector<std::uint8_t> between_;    // the intermediate row: source columns, display row
  std::vector<Span> spans_;
};

}  // namespace sohoa::pipeline::internal
