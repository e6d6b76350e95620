#include "sohoa/pipeline/cleanup.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <numeric>
#include <optional>
#include <opencv2/core.hpp>
#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "avx2_clones.h"
#include "deskew_warp.h"
#include "ink_runs.h"
#include "mat_view.h"
#include "ocr_grey.h"

namespace sohoa::pipeline {

namespace {

// Page decisions (orientation too) are made on a copy at this resolution: enough to see
// text lines and borders, small enough to be cheap. Skew at 150 dpi is found to ~0.05 degrees
// because a text line spans over a thousand pixels.
constexpr double kAnalysisDpi = 150;
constexpr double kMaxSkewDeg = 5.0;
// Skews below this are left alone: rotating would only blur the page.
constexpr double kMinCorrectedSkewDeg = 0.05;
// CleanupOptions::ocr_dpi: the grey is resampled (Lanczos) before it is binarized, so the
// strokes' edges come from the grey levels, not from blocky 200 dpi ink. On 47 harsh and
// photocopy pages of two development corpora (samples script, seeds 7 and 11) reading 200 dpi
// scans at 300 dpi took CER from 2.12 to 1.96 % (photocopy 2.90 -> 2.68 %), but not on the
// held-out corpus (see the option). Bilinear and bicubic resampling soften thin strokes so
// that a grey photocopied seal is no longer told from the text
// (CleanupTest.GreySealOfAPhotocopyIsDroppedButFadedTextStays); binarizing at 200 dpi and
// enlarging the result read worse than no resampling (2.31 %).

using internal::InkRun;
using internal::InkRuns;
using internal::MatView;

// Page-sized scratch buffers, kept per thread and reused from page to page: a fresh
// page-sized buffer costs a page fault per 4 KiB touched, which made cleanup several times
// slower than its arithmetic. Grow-only; by their sizes about 20 MB for an A4 colour page at
// 300 dpi (about 45 MB once a page needed a quarter turn and a deskew).
struct Scratch {
  cv::Mat grey;
  cv::Mat fine_grey;  // the OCR grey of a coarse scan, brought to CleanupOptions::ocr_dpi
  cv::Mat turned;     // a page turned a quarter before its deskew
  InkRuns runs;       // ink components, of the analysis copy or the OCR copy, one at a time
  // BinarizeForOcr's sums of a window's rows of cells (grey, grey squared).
  std::vector<double> cell_ring;
  cv::Mat cell_paper, cell_flatten;  // CV_8U, CV_32F
  cv::Mat analysis;                  // the scan at kAnalysisDpi, as it came (colour or grey)
  std::vector<cv::Point> points;     // ink pixels of the analysis copy
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// A `size` x `type` matrix over `store`, which grows (never shrinks) to hold it.
cv::Mat ScratchMat(cv::Mat& store, cv::Size size, int type) {
  const std::size_t bytes = static_cast<std::size_t>(size.area()) * CV_ELEM_SIZE(type);
  if (store.empty() || store.total() < bytes) {
    store.release();
    store.create(std::max(1, size.height), std::max(1, size.width) * CV_ELEM_SIZE(type), CV_8U);
  }
  return cv::Mat(size, type, store.data);
}

Image ImageFromMat(const cv::Mat& mat, double dpi) {
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

// Sizes a result image's pixel buffer. Linux maps a buffer this big fresh from the kernel, a
// page fault per 4 KiB touched (on a virtual machine a fault costs microseconds: tens of
// milliseconds for a colour page); asking for huge pages first cuts the faults 512-fold where
// the kernel grants them. Only a hint: without it the buffer is the same, just slower to fill.
void SizePixels(Image& image) {
  const std::size_t bytes = image.row_bytes() * static_cast<std::size_t>(image.height);
  image.pixels.clear();
  image.pixels.reserve(bytes);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(image.pixels.data());
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (start + bytes) & ~(kHugePage - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
  image.pixels.resize(bytes);
}

cv::Mat ToGrey(const cv::Mat& mat) {
  if (mat.channels() == 1) return mat;
  cv::Mat grey;
  cv::cvtColor(mat, grey, cv::COLOR_RGB2GRAY);
  return grey;
}

// Area averaging where the factor is a whole one (OpenCV's fast path); otherwise bilinear when
// the copy keeps over half the pixels per side (each output pixel then sees every input pixel
// but a few; the 150 dpi copy of a 200 dpi colour page took 23-40 ms by area, about 5 ms so).
// `store` is reused for the copy (scratch).
cv::Mat Downscale(const cv::Mat& mat, double scale, cv::Mat& store) {
  if (scale >= 1.0) return mat;
  const cv::Size size(std::max(1, static_cast<int>(std::lround(mat.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(mat.rows * scale))));
  const double inverse = 1.0 / scale;
  const bool whole = std::abs(inverse - std::round(inverse)) < 1e-6;
  cv::Mat small = ScratchMat(store, size, mat.type());
  cv::resize(mat, small, size, 0, 0, whole || scale < 0.5 ? cv::INTER_AREA : cv::INTER_LINEAR);
  return small;
}

// Sums of the `channels` (1 or 3) channels of `n` pixels at `values` whose `grey` is at least
// `level`, added to `sums`; returns how many there were. A plain loop the compiler vectorizes
// (AVX2 where the processor has it).
SOHOA_AVX2_CLONES int SumWhereAtLeast(const std::uint8_t* __restrict values,
                                      const std::uint8_t* __restrict grey, int n, int channels,
                                      int level, std::uint64_t* sums) {
  std::uint32_t count = 0;
  if (channels == 1) {
    std::uint32_t sum = 0;
    for (int x = 0; x < n; ++x) {
      const std::uint32_t keep = grey[x] >= level ? 1 : 0;
      sum += keep * values[x];
      count += keep;
    }
    sums[0] += sum;
    return static_cast<int>(count);
  }
  std::uint32_t r = 0, g = 0, b = 0;
  for (int x = 0; x < n; ++x) {
    const std::uint32_t keep = grey[x] >= level ? 1 : 0;
    r += keep * values[3 * x];
    g += keep * values[3 * x + 1];
    b += keep * values[3 * x + 2];
    count += keep;
  }
  sums[0] += r;
  sums[1] += g;
  sums[2] += b;
  return static_cast<int>(count);
}

// cv::mean(image, grey >= level), without the mask (a page-sized pass of its own) and
// OpenCV's masked sums, which are not vectorized: 2.5-3.7 ms per page, now under 1.
cv::Scalar MeanWhereAtLeast(const cv::Mat& image, const cv::Mat& grey, int level) {
  CV_Assert(image.size() == grey.size() && image.depth() == CV_8U && grey.type() == CV_8U &&
            (image.channels() == 1 || image.channels() == 3));
  std::uint64_t sums[3] = {0, 0, 0};
  std::uint64_t count = 0;
  for (int y = 0; y < image.rows; ++y) {
    count += SumWhereAtLeast(image.ptr<std::uint8_t>(y), grey.ptr<std::uint8_t>(y), image.cols,
                             image.channels(), level, sums);
  }
  // As cv::mean gives it: the sums times the reciprocal of the count.
  const double scale = count > 0 ? 1. / static_cast<double>(count) : 0;
  cv::Scalar mean;
  for (int c = 0; c < image.channels(); ++c) mean[c] = static_cast<double>(sums[c]) * scale;
  return mean;
}

// The grey level of the paper: most of a page is paper, so a high percentile of the histogram.
int PaperLevel(const cv::Mat& grey) {
  std::array<int, 256> histogram{};
  for (int y = 0; y < grey.rows; ++y) {
    const std::uint8_t* row = grey.ptr<std::uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
  }
  const std::int64_t target = static_cast<std::int64_t>(grey.total()) * 3 / 4;
  std::int64_t seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[level];
    if (seen > target) return std::max(level, 96);
  }
  return 255;
}

// The 8-connected components of `mask` (ink where not 0) as `runs`, with their statistics
// as cv::connectedComponentsWithStats gives them. Returns the number of labels, background
// included.
int InkComponentsWithStats(const cv::Mat& mask, InkRuns& runs, cv::Mat& stats, cv::Mat& centroids) {
  runs.Reset(mask.rows, mask.cols);
  for (int y = 0; y < mask.rows; ++y) runs.AddRow(mask.ptr<std::uint8_t>(y));
  return runs.Label(stats, centroids);
}

// Filing punch holes: the scanner's lid or the copier shows through them as dark, round,
// filled discs 4-9 mm across whose centre lies within 25 mm of a page edge.
constexpr double kHoleMinMm = 4, kHoleMaxMm = 9, kHoleEdgeMm = 25;

bool IsPunchHole(const cv::Mat& stats, const cv::Mat& centroids, int label, cv::Size page,
                 double dpi) {
  const int w = stats.at<int>(label, cv::CC_STAT_WIDTH);
  const int h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
  const double diameter = (w + h) / 2.0;
  const double px_per_mm = dpi / 25.4;
  if (diameter < kHoleMinMm * px_per_mm || diameter > kHoleMaxMm * px_per_mm) return false;
  if (std::abs(w - h) > 0.2 * diameter) return false;
  if (stats.at<int>(label, cv::CC_STAT_AREA) < 0.8 * CV_PI * diameter * diameter / 4) return false;
  const double cx = centroids.at<double>(label, 0), cy = centroids.at<double>(label, 1);
  return std::min({cx, cy, page.width - cx, page.height - cy}) <= kHoleEdgeMm * px_per_mm;
}

// Dark scanner borders: dark regions touching the image edge that run along a good part of it
// (or are big). A word that happens to touch the edge is neither. The same dark regions hold
// the punch holes: `holes` gets their (centre x, centre y, radius) when given.
cv::Mat BorderMask(const cv::Mat& grey, int paper_level, double dpi,
                   std::vector<cv::Vec3f>* holes = nullptr) {
  cv::Mat dark;
  cv::threshold(grey, dark, paper_level * 0.45, 255, cv::THRESH_BINARY_INV);
  InkRuns& runs = ThreadScratch().runs;
  cv::Mat stats, centroids;
  const int count = InkComponentsWithStats(dark, runs, stats, centroids);
  std::vector<std::uint8_t> is_border(count, 0);
  bool any = false;
  if (holes != nullptr) holes->clear();
  for (int label = 1; label < count; ++label) {
    const int x = stats.at<int>(label, cv::CC_STAT_LEFT), y = stats.at<int>(label, cv::CC_STAT_TOP);
    const int w = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(label, cv::CC_STAT_AREA);
    const bool touches_side = x == 0 || x + w == grey.cols;
    const bool touches_end = y == 0 || y + h == grey.rows;
    double along = 0;
    if (touches_side) along = std::max(along, static_cast<double>(h) / grey.rows);
    if (touches_end) along = std::max(along, static_cast<double>(w) / grey.cols);
    if ((touches_side || touches_end) &&
        (along >= 0.2 || area >= 0.02 * static_cast<double>(grey.total()))) {
      is_border[label] = 255;
      any = true;
    } else if (holes != nullptr && IsPunchHole(stats, centroids, label, grey.size(), dpi)) {
      holes->emplace_back(static_cast<float>(centroids.at<double>(label, 0)),
                          static_cast<float>(centroids.at<double>(label, 1)),
                          static_cast<float>((w + h) / 4.0));
    }
  }
  if (!any) return cv::Mat::zeros(grey.size(), CV_8U);
  runs.Paint(is_border, dark);
  return dark;
}

// Ink (text, lines, stamps) on the analysis copy. Scanner borders are not ink, and neither is
// anything dark joined to them: the blurred edge of a border is darker than the ink
// threshold for a few pixels; nor are specks. `all` holds the rest; `short_ink` leaves out
// components taller than `max_component_height` too (photos, vertical rules), for the skew
// search.
struct AnalysisInk {
  cv::Mat all, short_ink;
};

AnalysisInk InkMask(const cv::Mat& grey, const cv::Mat& border, int paper_level,
                    int max_component_height) {
  cv::Mat ink;
  cv::threshold(grey, ink, paper_level * 0.6, 255, cv::THRESH_BINARY_INV);
  InkRuns& runs = ThreadScratch().runs;
  cv::Mat stats, centroids;
  const int count = InkComponentsWithStats(ink, runs, stats, centroids);
  // Per label: 0 not ink, 1 ink, 2 ink short enough for the skew search.
  std::vector<std::uint8_t> keep(count, 0);
  for (int label = 1; label < count; ++label) {
    if (stats.at<int>(label, cv::CC_STAT_AREA) < 4) continue;
    keep[label] = stats.at<int>(label, cv::CC_STAT_HEIGHT) <= max_component_height ? 2 : 1;
  }
  for (int y = 0; y < runs.rows(); ++y) {
    const std::uint8_t* is_border = border.ptr<std::uint8_t>(y);
    for (const InkRun& run : runs.Row(y)) {
      if (std::any_of(is_border + run.begin, is_border + run.end,
                      [](std::uint8_t b) { return b != 0; })) {
        keep[run.label] = 0;
      }
    }
  }
  std::vector<std::uint8_t> all(keep.size()), short_ink(keep.size());
  for (std::size_t label = 0; label < keep.size(); ++label) {
    all[label] = keep[label] != 0 ? 255 : 0;
    short_ink[label] = keep[label] == 2 ? 255 : 0;
  }
  AnalysisInk result;
  result.all = ink;
  result.short_ink.create(grey.size(), CV_8U);
  runs.Paint(all, result.all);
  runs.Paint(short_ink, result.short_ink);
  return result;
}

// Projection-profile skew search (Postl): text lines make the profile of ink along the right
// direction sharp. Returns the counter-clockwise skew of the content in degrees. Coarse to
// fine: every 0.25 degree, then every 0.1 and every 0.02 degree around the best, and a
// parabola between.
double EstimateSkewDeg(const cv::Mat& ink) {
  std::vector<cv::Point>& points = ThreadScratch().points;
  cv::findNonZero(ink, points);
  if (points.size() < 200) return 0;
  // A sample of the ink is enough: 150 000 points (the ink of a dense A4 page of text), and
  // for the coarse steps 50 000.
  const std::size_t stride = std::max<std::size_t>(1, points.size() / 150000);
  const std::size_t coarse_stride = std::max<std::size_t>(stride, points.size() / 50000);
  const double margin = ink.cols * std::tan(kMaxSkewDeg * CV_PI / 180) + 2;
  const std::size_t bin_count = static_cast<std::size_t>(ink.rows + 2 * margin + 2);
  // Four histograms filled in turn, added up at the end: neighbouring points of a row fall in
  // the same bin, and one histogram would make each increment wait for the one before.
  std::vector<std::int32_t> bins(4 * bin_count);
  std::int32_t* const histogram[4] = {bins.data(), bins.data() + bin_count,
                                      bins.data() + 2 * bin_count, bins.data() + 3 * bin_count};
  const auto score = [&](double degrees, std::size_t step) {
    std::fill(bins.begin(), bins.end(), 0);
    const double slope = std::tan(degrees * CV_PI / 180);
    const auto bin = [&](const cv::Point& p) {
      return static_cast<std::size_t>(p.y + p.x * slope + margin);
    };
    std::size_t i = 0;
    for (; i + 3 * step < points.size(); i += 4 * step) {
      ++histogram[0][bin(points[i])];
      ++histogram[1][bin(points[i + step])];
      ++histogram[2][bin(points[i + 2 * step])];
      ++histogram[3][bin(points[i + 3 * step])];
    }
    for (; i < points.size(); i += step) ++histogram[0][bin(points[i])];
    double sum = 0;
    std::int32_t previous = 0;
    for (std::size_t b = 0; b < bin_count; ++b) {
      const std::int32_t count =
          histogram[0][b] + histogram[1][b] + histogram[2][b] + histogram[3][b];
      if (b > 0) {
        const double d = count - previous;
        sum += d * d;
      }
      previous = count;
    }
    return sum;
  };
  // Scores already computed, by angle and point step: the searches below meet again at the
  // same angles (each centred on the one before's best, the parabola on the last's).
  std::vector<std::pair<std::pair<double, std::size_t>, double>> known;
  const auto scored = [&](double degrees, std::size_t step) {
    for (const auto& [key, value] : known) {
      if (key.first == degrees && key.second == step) return value;
    }
    const double value = score(degrees, step);
    known.push_back({{degrees, step}, value});
    return value;
  };
  // The k in -reach..reach for which centre + k x step scores best.
  const auto search = [&](double centre, int reach, double step, std::size_t point_step) {
    double best = -1;
    int best_k = 0;
    for (int k = -reach; k <= reach; ++k) {
      const double s = scored(centre + k * step, point_step);
      if (s > best) {
        best = s;
        best_k = k;
      }
    }
    return best_k;
  };
  const double coarse = 0.25 * search(0, static_cast<int>(kMaxSkewDeg / 0.25), 0.25, coarse_stride);
  const double medium = coarse + 0.1 * search(coarse, 3, 0.1, stride);
  const double fine_step = 0.02;
  const int k = search(medium, 5, fine_step, stride);
  double fine = medium + k * fine_step;
  // Parabola through the best step and its neighbours places the peak between steps.
  const double left = scored(medium + (k - 1) * fine_step, stride), mid = scored(fine, stride),
               right = scored(medium + (k + 1) * fine_step, stride);
  const double curvature = left - 2 * mid + right;
  if (curvature < 0) fine += 0.5 * fine_step * (left - right) / curvature;
  if (scored(fine, stride) <= scored(0, stride) * 1.0001) return 0;  // no direction beats level
  return std::round(fine * 100) / 100;
}

// 2x3 affine matrix rotating a width x height image clockwise by `quarter_turns` * 90 degrees.
cv::Matx33d QuarterTurn(int clockwise_deg, int width, int height) {
  switch (clockwise_deg) {
    case 90:
      return {0, -1, height - 1.0, 1, 0, 0, 0, 0, 1};
    case 180:
      return {-1, 0, width - 1.0, 0, -1, height - 1.0, 0, 0, 1};
    case 270:
      return {0, 1, 0, -1, 0, width - 1.0, 0, 0, 1};
    default:
      return cv::Matx33d::eye();
  }
}

void RotateQuarter(const cv::Mat& in, cv::Mat& out, int clockwise_deg) {
  switch (clockwise_deg) {
    case 90:
      cv::rotate(in, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 180:
      cv::rotate(in, out, cv::ROTATE_180);
      break;
    case 270:
      cv::rotate(in, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      out = in;
      break;
  }
}

// Rotation (about the centre) that undoes a counter-clockwise skew.
cv::Matx33d Deskew(double skew_deg, cv::Size size) {
  const cv::Mat m = cv::getRotationMatrix2D(
      cv::Point2f((size.width - 1) / 2.0f, (size.height - 1) / 2.0f), -skew_deg, 1.0);
  return {m.at<double>(0, 0),
          m.at<double>(0, 1),
          m.at<double>(0, 2),
          m.at<double>(1, 0),
          m.at<double>(1, 1),
          m.at<double>(1, 2),
          0,
          0,
          1};
}

cv::Mat Affine2x3(const cv::Matx33d& m) {
  return (cv::Mat_<double>(2, 3) << m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2));
}

// How far the scanner border reaches in from one side, for each row (or column) in
// [first_line, last_line): pixels outside the scan (`valid` = 0, left by the deskew rotation)
// are walked over, and the reach ends at the last border pixel before the paper starts. A
// high percentile of the reaches covers a wedge of border left by a paper lying askew on the
// scanner bed, and ignores a few odd lines. Lines reaching past a third of the page lie in the
// border of a neighbouring side and are not counted.
int BorderReach(const cv::Mat& border, const cv::Mat& valid, bool from_far_end, bool by_column,
                int first_line, int last_line) {
  // The walk along a line stops where the paper starts, so it touches little beyond the
  // border itself: columns are walked in place, without transposing the masks.
  const int length = by_column ? border.rows : border.cols;
  const auto at = [&](const cv::Mat& mask, int line, int along) {
    return by_column ? mask.at<std::uint8_t>(along, line) : mask.at<std::uint8_t>(line, along);
  };
  std::vector<int> reach;
  for (int line = first_line; line < last_line; ++line) {
    int line_reach = 0;
    for (int step = 0; step < length; ++step) {
      const int along = from_far_end ? length - 1 - step : step;
      if (at(border, line, along)) {
        line_reach = step + 1;
      } else if (at(valid, line, along)) {
        break;
      }
    }
    if (line_reach <= length / 3) reach.push_back(line_reach);
  }
  if (reach.empty()) return 0;
  const auto at_percentile = reach.begin() + reach.size() * 98 / 100;
  std::nth_element(reach.begin(), at_percentile, reach.end());
  return *at_percentile;
}

// The part of the upright analysis copy to keep: scanner border cropped from each side (plus
// a pixel for the shadow along the paper's edge), then grown back to hold every bit of ink
// with a margin, so text is never cut.
cv::Rect CropRect(const cv::Mat& border, const cv::Mat& valid, const cv::Mat& ink, int margin) {
  int left = 0, right = border.cols, top = 0, bottom = border.rows;
  // Twice: the second time each side only looks between the borders found for its neighbours.
  for (int pass = 0; pass < 2; ++pass) {
    const int new_left = BorderReach(border, valid, false, false, top, bottom);
    const int new_right = border.cols - BorderReach(border, valid, true, false, top, bottom);
    top = BorderReach(border, valid, false, true, left, right);
    bottom = border.rows - BorderReach(border, valid, true, true, left, right);
    left = new_left;
    right = new_right;
  }
  if (left > 0) ++left;
  if (top > 0) ++top;
  if (right < border.cols) --right;
  if (bottom < border.rows) --bottom;
  if (right - left < border.cols / 4 || bottom - top < border.rows / 4) {
    return {0, 0, border.cols, border.rows};  // nothing page-like left: keep the scan whole
  }
  cv::Rect crop(left, top, right - left, bottom - top);
  std::vector<cv::Point> ink_points;
  cv::findNonZero(ink, ink_points);
  if (!ink_points.empty()) {
    cv::Rect text = cv::boundingRect(ink_points);
    text -= cv::Point(margin, margin);
    text += cv::Size(2 * margin, 2 * margin);
    crop |= text;
    crop &= cv::Rect(0, 0, border.cols, border.rows);
  }
  return crop;
}

// The side of the square of page pixels one pixel of the paper's brightness (background)
// stands for: about 40 dpi.
int BackgroundBlock(double dpi) {
  int block = 1;
  while (dpi / block > 50) block *= 2;
  return block;
}

// The brightest grey level of each `block` x `block` square of `grey` whose rows lie in
// [first, last) (`first` a multiple of `block`, `last` one too or the last row), into the rows
// of `maxima` (a pixel per square).
void AddBlockMaxima(const cv::Mat& grey, int first, int last, int block, cv::Mat& maxima) {
  std::vector<std::uint8_t> column_max(static_cast<std::size_t>(grey.cols));
  for (int top = first; top < last; top += block) {
    std::fill(column_max.begin(), column_max.end(), 0);
    for (int y = top; y < std::min(last, top + block); ++y) {
      const std::uint8_t* in = grey.ptr<std::uint8_t>(y);
      for (int x = 0; x < grey.cols; ++x) column_max[x] = std::max(column_max[x], in[x]);
    }
    std::uint8_t* out = maxima.ptr<std::uint8_t>(top / block);
    for (int bx = 0; bx < maxima.cols; ++bx) {
      const auto from = column_max.begin() + bx * block;
      const auto to = column_max.begin() + std::min(grey.cols, (bx + 1) * block);
      out[bx] = *std::max_element(from, to);
    }
  }
}

// Paper brightness of the OCR grey at about 40 dpi, without the ink, from its block maxima
// (AddBlockMaxima, which erase strokes): a wider max filter and a median then erase whole
// characters.
cv::Mat BackgroundEstimate(cv::Mat block_maxima, double dpi, int block) {
  cv::Mat background = block_maxima;
  const int kernel = std::max(3, static_cast<int>(std::lround(dpi / block * 0.12)) | 1);
  cv::dilate(background, background, cv::getStructuringElement(cv::MORPH_RECT, {kernel, kernel}));
  cv::medianBlur(background, background, 5);
  cv::GaussianBlur(background, background, cv::Size(5, 5), 0);
  return background;
}

// Sums over `side` (odd) neighbours centred on each of the `n` elements at `in`, into `out`,
// the ends repeated beyond the edges (cv::boxFilter's unnormalized box with BORDER_REPLICATE,
// in one dimension).
void BoxSumReplicate(const double* in, double* out, int n, int side) {
  const int r = side / 2;
  const auto at = [&](int i) { return in[std::clamp(i, 0, n - 1)]; };
  double running = 0;
  for (int i = -r; i <= r; ++i) running += at(i);
  for (int i = 0; i < n; ++i) {
    out[i] = running;
    running += at(i + r + 1) - at(i - r);
  }
}

std::vector<double> BoxSumReplicate(const std::vector<double>& values, int side) {
  std::vector<double> out(values.size());
  BoxSumReplicate(values.data(), out.data(), static_cast<int>(values.size()), side);
  return out;
}

// What the OCR copy's ink was told from, per square cell of `cell` x `cell` page pixels
// (a quarter of the Sauvola window or less).
struct InkThreshold {
  int cell = 1;
  cv::Mat flatten;  // CV_32F: 255 / paper brightness there (grey * flatten = flattened grey)
  std::vector<int> cell_of_column;  // page column -> cell column
};

// The ink of the OCR grey (OcrGreyRows of the display page, at `dpi`): the grey flattened by the
// paper's brightness (flat paper under shadows and yellowing), then Sauvola's threshold
// T = m * (1 + k * (s / R - 1)) with the mean m and standard deviation s of the flattened grey
// over a window of about a tenth of an inch. Both the flattening and the threshold are worked
// out per cell, from each cell's sums of grey and grey squared: the paper's brightness and a
// window's statistics barely change across a cell, while flattening and box-filtering every
// pixel in floats took about 47 ms of a 300 dpi page. On 100 pages of two development corpora
// the per-cell threshold read as well (1 156 character errors against 1 147). `ink` gets the
// runs of grey below the threshold of its cell, thresholded a row at a time: no page-sized
// mask is written. `block_maxima` are the grey's (AddBlockMaxima, BackgroundBlock(dpi)).
void BinarizeForOcr(const cv::Mat& grey, double dpi, const cv::Mat& block_maxima, InkRuns& ink,
                    InkThreshold& threshold) {
  // k = 0.34 read best of 0.1, 0.2, 0.34, 0.45 (Tesseract vie on the sample dossiers).
  constexpr double k = 0.34, R = 128;
  const int block = BackgroundBlock(dpi);
  const cv::Mat background = BackgroundEstimate(block_maxima, dpi, block);
  const int window = std::max(15, static_cast<int>(std::lround(dpi / 10)) | 1);
  const int cell = std::max(1, static_cast<int>(std::lround(dpi / 75)));
  // The window in cells: the odd count nearest to its width.
  const int window_cells = std::max(
      3, 2 * static_cast<int>(std::lround((static_cast<double>(window) / cell - 1) / 2)) + 1);
  const int cols = grey.cols, rows = grey.rows;
  const int cells_x = (cols + cell - 1) / cell, cells_y = (rows + cell - 1) / cell;
  threshold.cell = cell;
  threshold.cell_of_column.resize(static_cast<std::size_t>(cols));
  for (int x = 0; x < cols; ++x) threshold.cell_of_column[x] = x / cell;

  // The paper's brightness at each cell's centre, bilinear between background pixels (each
  // stands for a block x block square); flattening multiplies by 255 over it.
  const double scale = static_cast<double>(cell) / block;
  const cv::Matx23d to_background(scale, 0, 0.5 * scale - 0.5, 0, scale, 0.5 * scale - 0.5);
  Scratch& scratch = ThreadScratch();
  const cv::Size cells(cells_x, cells_y);
  cv::Mat paper = ScratchMat(scratch.cell_paper, cells, CV_8U);
  cv::warpAffine(background, paper, to_background, cells, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                 cv::BORDER_REPLICATE);
  CV_Assert(paper.data == scratch.cell_paper.data);
  threshold.flatten = ScratchMat(scratch.cell_flatten, cells, CV_32F);
  for (int cy = 0; cy < cells_y; ++cy) {
    const std::uint8_t* level = paper.ptr<std::uint8_t>(cy);
    float* factor = threshold.flatten.ptr<float>(cy);
    for (int cx = 0; cx < cells_x; ++cx) {
      factor[cx] = 255.0f / std::max(static_cast<float>(level[cx]), 1.0f);
    }
  }
  // Over the window of cells around each cell. The pixels a window holds are the product of
  // the rows of its cells and their columns.
  std::vector<double> rows_in_cell(static_cast<std::size_t>(cells_y)),
      cols_in_cell(static_cast<std::size_t>(cells_x));
  for (int cy = 0; cy < cells_y; ++cy) {
    rows_in_cell[cy] = std::min(rows, (cy + 1) * cell) - cy * cell;
  }
  for (int cx = 0; cx < cells_x; ++cx) {
    cols_in_cell[cx] = std::min(cols, (cx + 1) * cell) - cx * cell;
  }
  const std::vector<double> window_rows = BoxSumReplicate(rows_in_cell, window_cells);
  const std::vector<double> window_cols = BoxSumReplicate(cols_in_cell, window_cells);

  // One pass down the page, a row of cells at a time: the row's sums, the window sums of the
  // row `r` above it (a running sum down each column of cells, then along the row), that
  // row's threshold, and its pixels thresholded into `ink` while they are still in the cache.
  // Only the window's rows of sums are kept (`ring`): page-sized planes of sums, written and
  // read back pass after pass, made this step several times slower with two workers sharing
  // the memory bus.
  const int r = window_cells / 2;
  const int ring_rows = window_cells + 1;  // rows y - r .. y + r + 1 of the running sums
  std::vector<double>& ring = scratch.cell_ring;
  ring.resize(2 * static_cast<std::size_t>(ring_rows) * cells_x);
  const auto sums_of = [&](int cy) {  // cy's sums of flattened grey (and squares), as stored
    return ring.data() + 2 * static_cast<std::size_t>(cy % ring_rows) * cells_x;
  };
  std::vector<std::uint32_t> s1(static_cast<std::size_t>(cols)), s2(static_cast<std::size_t>(cols));
  int summed = 0;  // rows of cells summed so far
  // A cell's sums of grey and grey squared, times its flattening factor and its square.
  const auto sum_next_row = [&] {
    const int cy = summed++;
    std::fill(s1.begin(), s1.end(), 0);
    std::fill(s2.begin(), s2.end(), 0);
    const int first = cy * cell, last = std::min(rows, first + cell);
    // Column sums over the cell's rows first (a vectorized loop), then per cell.
    for (int y = first; y < last; ++y) {
      const std::uint8_t* __restrict in = grey.ptr<std::uint8_t>(y);
      std::uint32_t* __restrict sum1 = s1.data();
      std::uint32_t* __restrict sum2 = s2.data();
      int x = 0;
#if CV_SIMD128
      // Adds eight 16-bit values to the eight 32-bit sums at `to`.
      const auto add = [](std::uint32_t* to, const cv::v_uint16x8& values) {
        cv::v_uint32x4 low, high;
        cv::v_expand(values, low, high);
        cv::v_store(to, cv::v_load(to) + low);
        cv::v_store(to + 4, cv::v_load(to + 4) + high);
      };
      // A square of 8 bits fits 16: squared in 16-bit lanes, widened only to be added (the
      // compiler's own loop multiplied in 32 bits, slow without SSE4.1).
      for (; x + 16 <= cols; x += 16) {
        cv::v_uint16x8 lo, hi;
        cv::v_expand(cv::v_load(in + x), lo, hi);
        add(sum1 + x, lo);
        add(sum1 + x + 8, hi);
        add(sum2 + x, cv::v_mul_wrap(lo, lo));
        add(sum2 + x + 8, cv::v_mul_wrap(hi, hi));
      }
#endif
      for (; x < cols; ++x) {
        const std::uint32_t v = in[x];
        sum1[x] += v;
        sum2[x] += v * v;
      }
    }
    const float* f = threshold.flatten.ptr<float>(cy);
    double* out1 = sums_of(cy);
    double* out2 = out1 + cells_x;
    for (int cx = 0; cx < cells_x; ++cx) {
      const int from = cx * cell, to = std::min(cols, from + cell);
      std::uint32_t a = 0, b = 0;
      for (int x = from; x < to; ++x) {
        a += s1[x];
        b += s2[x];
      }
      const double factor = f[cx];
      out1[cx] = a * factor;
      out2[cx] = b * (factor * factor);
    }
  };
  // Row cy of sums (rows beyond the page repeat its first and last), summed when first needed.
  const auto sums_row = [&](int cy) {
    cy = std::clamp(cy, 0, cells_y - 1);
    while (summed <= cy) sum_next_row();
    return sums_of(cy);
  };
  std::vector<double> run(2 * static_cast<std::size_t>(cells_x), 0.0);
  for (int cy = -r; cy <= r; ++cy) {
    const double* in = sums_row(cy);
    for (int cx = 0; cx < 2 * cells_x; ++cx) run[cx] += in[cx];
  }
  std::vector<double> window_sum(static_cast<std::size_t>(cells_x)),
      window_sum_sq(static_cast<std::size_t>(cells_x));
  std::vector<std::uint8_t> limit(static_cast<std::size_t>(cells_x));
  ink.Reset(rows, cols);
  std::vector<std::uint8_t> row_limit(static_cast<std::size_t>(cols)),
      row_ink(static_cast<std::size_t>(cols));
  for (int cy = 0; cy < cells_y; ++cy) {
    BoxSumReplicate(run.data(), window_sum.data(), cells_x, window_cells);
    BoxSumReplicate(run.data() + cells_x, window_sum_sq.data(), cells_x, window_cells);
    // The threshold per cell, back in grey levels: grey below it is ink.
    const float* f = threshold.flatten.ptr<float>(cy);
    for (int cx = 0; cx < cells_x; ++cx) {
      const double n = window_rows[cy] * window_cols[cx];
      const double mean = window_sum[cx] / n;
      const double deviation = std::sqrt(std::max(0.0, window_sum_sq[cx] / n - mean * mean));
      const double flat_threshold = mean * (1 + k * (deviation / R - 1));
      // Integer grey g lies below t exactly when it lies below t rounded up.
      limit[cx] = cv::saturate_cast<std::uint8_t>(std::ceil(flat_threshold / f[cx] - 1e-9));
    }
    for (int x = 0; x < cols; ++x) row_limit[x] = limit[threshold.cell_of_column[x]];
    for (int y = cy * cell; y < std::min(rows, (cy + 1) * cell); ++y) {
      const std::uint8_t* in = grey.ptr<std::uint8_t>(y);
      for (int x = 0; x < cols; ++x) row_ink[x] = in[x] < row_limit[x] ? 255 : 0;
      ink.AddRow(row_ink.data());
    }
    // The running sums move a row down.
    if (cy + 1 < cells_y) {
      const double* add = sums_row(cy + r + 1);
      const double* drop = sums_row(cy - r);
      for (int cx = 0; cx < 2 * cells_x; ++cx) run[cx] += add[cx] - drop[cx];
    }
  }
}

// Marks printed fainter than the page's text are not text: a red seal, a violet received
// stamp or a blue signature that a photocopier or a greyscale scan turned grey (its darkness
// about 70 % of black toner's), or what is left of a coloured stamp after OcrGreyRows lifted
// most of it. Each ink component's mean darkness (255 - flattened grey) is compared with the
// page's text darkness, the area-weighted median over components of letter height; a
// component below kFaintShare of it is faint. A faint component alone among dark ones is
// usually a thin letter or a tone mark that blur lightened, so a faint component is erased
// only where faint ink makes up at least kFaintPatchShare of all ink within about half an
// inch (seals, stamps and signatures are patches of faint marks; one letter is about 2 % of
// the ink there). Decided per component, so kept letters keep their shape.
// Both shares read best among 0.75-0.85 and 0 (no patch rule), 0.03, 0.06, 0.12, 0.25, 0.5
// on a 32-document development corpus (samples script, seed 7).
constexpr double kFaintShare = 0.8;
constexpr double kFaintPatchShare = 0.06;
constexpr double kLetterMinInches = 0.04, kLetterMaxInches = 0.3;

// The ink components of the OCR copy (8-connected), shared by the rules that erase some.
struct InkComponents {
  const InkRuns* runs = nullptr;
  cv::Mat stats, centroids;
  int count = 0;
  std::vector<std::uint8_t> erase;  // per label: 1 when the component is not text
};

void DropFaintInk(InkComponents& ink, const cv::Mat& grey, const InkThreshold& threshold,
                  double dpi) {
  const int count = ink.count;
  if (count < 20) return;  // too little ink to tell text from anything else
  std::vector<double> darkness_sum(count, 0.0);
  for (int y = 0; y < ink.runs->rows(); ++y) {
    const std::uint8_t* value = grey.ptr<std::uint8_t>(y);
    const float* flatten = threshold.flatten.ptr<float>(y / threshold.cell);
    for (const InkRun& run : ink.runs->Row(y)) {
      double& sum = darkness_sum[run.label];
      for (int x = run.begin; x < run.end; ++x) {
        const float flat = std::min(255.0f, value[x] * flatten[threshold.cell_of_column[x]]);
        sum += 255.0f - flat;
      }
    }
  }
  const cv::Mat& stats = ink.stats;
  std::vector<double> darkness(count, 0.0);
  std::vector<std::pair<double, int>> letters;  // (mean darkness, area)
  std::int64_t letter_area = 0;
  for (int label = 1; label < count; ++label) {
    const int area = stats.at<int>(label, cv::CC_STAT_AREA);
    darkness[label] = static_cast<double>(darkness_sum[label]) / area;
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    if (height >= kLetterMinInches * dpi && height <= kLetterMaxInches * dpi) {
      letters.emplace_back(darkness[label], area);
      letter_area += area;
    }
  }
  if (letters.size() < 20) return;
  std::sort(letters.begin(), letters.end());
  std::int64_t seen = 0;
  double text_darkness = letters.back().first;
  for (const auto& [mean, area] : letters) {
    seen += area;
    if (2 * seen >= letter_area) {
      text_darkness = mean;
      break;
    }
  }
  const double floor = kFaintShare * text_darkness;
  // Faint and all ink area on a grid of 1/8 inch cells, summed over 9 x 9 cells.
  const int cell = std::max(4, static_cast<int>(std::lround(dpi / 8)));
  cv::Mat faint_area = cv::Mat::zeros((ink.runs->rows() + cell - 1) / cell,
                                      (ink.runs->cols() + cell - 1) / cell, CV_32F);
  cv::Mat all_area = faint_area.clone();
  const auto cell_of = [&](int label) {
    return cv::Point(static_cast<int>(ink.centroids.at<double>(label, 0)) / cell,
                     static_cast<int>(ink.centroids.at<double>(label, 1)) / cell);
  };
  bool any = false;
  for (int label = 1; label < count; ++label) {
    const float area = static_cast<float>(stats.at<int>(label, cv::CC_STAT_AREA));
    all_area.at<float>(cell_of(label)) += area;
    if (darkness[label] < floor) {
      faint_area.at<float>(cell_of(label)) += area;
      any = true;
    }
  }
  if (!any) return;
  cv::boxFilter(faint_area, faint_area, -1, {9, 9}, {-1, -1}, false, cv::BORDER_CONSTANT);
  cv::boxFilter(all_area, all_area, -1, {9, 9}, {-1, -1}, false, cv::BORDER_CONSTANT);
  for (int label = 1; label < count; ++label) {
    if (darkness[label] >= floor) continue;
    const cv::Point at = cell_of(label);
    if (faint_area.at<float>(at) >= kFaintPatchShare * all_area.at<float>(at)) {
      ink.erase[label] = 1;
    }
  }
}

// The pixels of a square `inches` on a side, at `dpi`.
int SquarePixels(double inches, double dpi) {
  return static_cast<int>(std::lround(std::pow(inches * dpi, 2)));
}

// Toner dust and sensor specks read as junk marks ("_", ".", "ˆ"). A dot of ink no bigger
// than `kMaxSpeckInches` square is erased from the OCR copy unless a bigger component (not
// already erased as faint) lies within `kSpeckReachInches` of it: the dots of i, colons,
// periods and Vietnamese diacritics (tone marks stacked above a circumflex too) all sit that
// close to their letters.
constexpr double kMaxSpeckInches = 0.025;
constexpr double kSpeckReachInches = 0.08;
void DespeckleOcrCopy(InkComponents& ink, double dpi) {
  const int max_area = std::max(2, SquarePixels(kMaxSpeckInches, dpi));
  const cv::Mat& stats = ink.stats;
  // Where bigger components are, on a grid of `cell`-pixel squares, grown by the reach.
  constexpr int cell = 4;
  const int rows = ink.runs->rows(), cols = ink.runs->cols();
  cv::Mat near_text = cv::Mat::zeros((rows + cell - 1) / cell, (cols + cell - 1) / cell, CV_8U);
  for (int label = 1; label < ink.count; ++label) {
    if (ink.erase[label] || stats.at<int>(label, cv::CC_STAT_AREA) <= max_area) continue;
    const int x = stats.at<int>(label, cv::CC_STAT_LEFT), y = stats.at<int>(label, cv::CC_STAT_TOP);
    const int w = stats.at<int>(label, cv::CC_STAT_WIDTH),
              h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    near_text(cv::Rect(x / cell, y / cell, (x + w - 1) / cell - x / cell + 1,
                       (y + h - 1) / cell - y / cell + 1))
        .setTo(255);
  }
  const int reach = std::max(1, static_cast<int>(std::lround(kSpeckReachInches * dpi / cell)));
  cv::dilate(near_text, near_text,
             cv::getStructuringElement(cv::MORPH_RECT, {2 * reach + 1, 2 * reach + 1}));
  for (int label = 1; label < ink.count; ++label) {
    if (ink.erase[label] || stats.at<int>(label, cv::CC_STAT_AREA) > max_area) continue;
    const int cx = static_cast<int>(ink.centroids.at<double>(label, 0)) / cell;
    const int cy = static_cast<int>(ink.centroids.at<double>(label, 1)) / cell;
    if (!near_text.at<std::uint8_t>(cy, cx)) ink.erase[label] = 1;
  }
}

// Broken strokes. A worn photocopier leaves toner-less specks inside the strokes it prints;
// they are lighter than the ink but darker than the paper, and the adaptive threshold takes
// them for paper, so a letter comes apart into fragments or fills with pinholes and OCR
// misreads it ("0" for "8", "h" for "n", "Thu" for "Thủ"). Such a page is told by its small
// pieces per letter-sized component (`kLetterInches` square or more): fragments of ink
// (`kFragmentInches` square up to a letter) plus pinholes (areas of paper enclosed by ink, half
// a fragment or less). On the 328 pages of a development corpus (samples script, seed 17) the
// clean, mild and harsh papers held 0.30 to 0.71 small pieces a letter; of the photocopied
// papers, all 27 whose toner bloated and broke held 1.50 to 2.60, 29 of the 31 whose toner
// broke 1.00 or more (0.99 to 2.35), and 3 of the 16 whose toner only bloated (0.44 to 1.22).
// The sizes are those of body text: a căn cước card's 6-7 pt letters count as fragments (its
// pages held 0.66 to 3.86), which is why the card re-read turns mending off.
constexpr double kFragmentInches = 0.02;
constexpr double kLetterInches = 0.05;
constexpr double kBrokenStrokePieces = 1.0;
constexpr int kMinLettersToJudge = 20;

// The areas of paper of at most `max_area` pixels, 4-connected, that ink (`ink`'s components
// not erased) encloses, counted from the gaps between its runs: only gaps of at most
// `max_area` pixels can belong to one, and one joined to a longer gap is open paper. The same
// count as cv::connectedComponentsWithStats over the paper gives, without labelling the whole
// page's paper: with it, cleanup of a corpus's 328 pages (seed 17) took 68.6 s instead of 22.7.
int CountPinholes(const InkComponents& ink, int max_area) {
  struct Gap {
    int begin, end;
    int id;  // union-find node of a short gap, -1 for a long one
  };
  std::vector<Gap> previous, current;
  std::vector<int> parent, area;
  std::vector<std::uint8_t> open;
  const auto find = [&](int id) {
    while (parent[id] != id) id = parent[id] = parent[parent[id]];
    return id;
  };
  const auto join = [&](int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    parent[b] = a;
    area[a] += area[b];
    open[a] |= open[b];
  };
  const int cols = ink.runs->cols();
  for (int y = 0; y < ink.runs->rows(); ++y) {
    current.clear();
    const auto add_gap = [&](int begin, int end) {
      if (end <= begin) return;
      int id = -1;
      if (end - begin <= max_area) {
        id = static_cast<int>(parent.size());
        parent.push_back(id);
        area.push_back(end - begin);
        open.push_back(0);
      }
      current.push_back({begin, end, id});
    };
    int x = 0;
    for (const InkRun& run : ink.runs->Row(y)) {
      if (ink.erase[run.label]) continue;
      add_gap(x, run.begin);
      x = run.end;
    }
    add_gap(x, cols);
    // Gaps of the row above sharing a column touch (4-connected).
    std::size_t first = 0;
    for (const Gap& gap : current) {
      while (first < previous.size() && previous[first].end <= gap.begin) ++first;
      for (std::size_t k = first; k < previous.size() && previous[k].begin < gap.end; ++k) {
        const Gap& above = previous[k];
        if (gap.id >= 0 && above.id >= 0) {
          join(above.id, gap.id);
        } else if (gap.id >= 0) {
          open[find(gap.id)] = 1;
        } else if (above.id >= 0) {
          open[find(above.id)] = 1;
        }
      }
    }
    std::swap(previous, current);
  }
  int pinholes = 0;
  for (int id = 0; id < static_cast<int>(parent.size()); ++id) {
    if (parent[id] == id && !open[id] && area[id] <= max_area) ++pinholes;
  }
  return pinholes;
}

// Small pieces of the OCR copy's ink (`ink`'s components not erased) per letter-sized
// component; 0 when it holds under `kMinLettersToJudge` letters.
double SmallPiecesPerLetter(const InkComponents& ink, double dpi) {
  const int fragment = std::max(2, SquarePixels(kFragmentInches, dpi));
  const int letter = SquarePixels(kLetterInches, dpi);
  int fragments = 0, letters = 0;
  for (int label = 1; label < ink.count; ++label) {
    if (ink.erase[label]) continue;
    const int area = ink.stats.at<int>(label, cv::CC_STAT_AREA);
    if (area >= letter) {
      ++letters;
    } else if (area >= fragment) {
      ++fragments;
    }
  }
  if (letters < kMinLettersToJudge) return 0.0;
  const int pinholes = CountPinholes(ink, fragment / 2);
  return static_cast<double>(fragments + pinholes) / letters;
}

// Mends the breaks of `out` (the OCR copy): a pixel not kept as ink, with ink on two opposite
// sides within `kMendReachInches` (a morphological closing of the ink) and darker than
// `kMendLevel` once flattened (the paper flattens to 255; a break's pixels keep some toner),
// takes its flattened grey. The reach bridges a break of up to about 0.02 inch and leaves the
// paper between letters, which is light. On the 80 photocopied papers of each of two
// development corpora (seeds 13 and 17) character errors went from 3 070 to 2 782 and from
// 3 400 to 3 108, fields right from 585 to 619 and from 591 to 630; no clean, mild or harsh
// paper changed. Applied to every page instead, the closing also filled the curls of tone
// marks on blurred harsh scans ("ổ" read "ố") and cost copies whose toner only bloated.
constexpr double kMendReachInches = 0.01;
constexpr int kMendLevel = 230;
void MendBrokenStrokes(const cv::Mat& grey, const InkThreshold& threshold, double dpi,
                       const cv::Mat& kept, cv::Mat& out) {
  const int reach = std::max(1, static_cast<int>(std::lround(kMendReachInches * dpi)));
  cv::Mat closed;
  cv::morphologyEx(kept, closed, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {2 * reach + 1, 2 * reach + 1}));
  cv::parallel_for_(cv::Range(0, out.rows), [&](const cv::Range& range) {
    for (int y = range.start; y < range.end; ++y) {
      const std::uint8_t* value = grey.ptr<std::uint8_t>(y);
      const float* flatten = threshold.flatten.ptr<float>(y / threshold.cell);
      const std::uint8_t* bridged = closed.ptr<std::uint8_t>(y);
      const std::uint8_t* ink = kept.ptr<std::uint8_t>(y);
      std::uint8_t* to = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < out.cols; ++x) {
        if (!bridged[x] || ink[x]) continue;
        const float level = value[x] * flatten[threshold.cell_of_column[x]];
        if (level < kMendLevel) to[x] = cv::saturate_cast<std::uint8_t>(level);
      }
    }
  });
}

// The OCR copy `out` from the Sauvola `ink`, without faint marks and specks: paper 255,
// each ink pixel its flattened grey level (below 255). Tesseract lays the page out on its own
// (Otsu) binarization of this copy, which splits it between the ink and the white paper, but
// its line recognizer reads the grey it was given: how dark each stroke pixel is helps it with
// broken and bloated strokes. Against a bilevel copy, on 46 harsh and photocopy development
// pages (samples script, seeds 7 and 11) CER went from 2.12 to 1.98 %, and on the 64 documents
// of seed 11 from 1.38 to 1.33 % (clean and mild unchanged or better).
void CleanOcrInk(InkRuns& runs, const cv::Mat& grey, const InkThreshold& threshold, double dpi,
                 const CleanupOptions& options, cv::Mat& out) {
  InkComponents ink;
  ink.runs = &runs;
  ink.count = runs.Label(ink.stats, ink.centroids);
  ink.erase.assign(static_cast<std::size_t>(ink.count), 0);
  if (options.erase_faint_ink) DropFaintInk(ink, grey, threshold, dpi);
  DespeckleOcrCopy(ink, dpi);
  cv::parallel_for_(cv::Range(0, out.rows), [&](const cv::Range& range) {
    for (int y = range.start; y < range.end; ++y) {
      const std::uint8_t* value = grey.ptr<std::uint8_t>(y);
      const float* flatten = threshold.flatten.ptr<float>(y / threshold.cell);
      std::uint8_t* to = out.ptr<std::uint8_t>(y);
      std::memset(to, 255, static_cast<std::size_t>(out.cols));
      for (const InkRun& run : runs.Row(y)) {
        if (ink.erase[run.label]) continue;
        for (int x = run.begin; x < run.end; ++x) {
          to[x] = cv::saturate_cast<std::uint8_t>(
              std::min(254.0f, value[x] * flatten[threshold.cell_of_column[x]]));
        }
      }
    }
  });
  if (options.mend_broken_strokes && SmallPiecesPerLetter(ink, dpi) >= kBrokenStrokePieces) {
    MendBrokenStrokes(grey, threshold, dpi, out < 255, out);
  }
}

// Page warnings. Dark: below this grey level; a page more than `kNearlyBlackShare` dark is
// an exposure or feeding fault. Small: either side under `kSmallPageInches`.
constexpr int kDarkLevel = 64;
constexpr double kNearlyBlackShare = 0.6;
constexpr double kSmallPageInches = 2.0;
constexpr double kPhotographShare = 0.3;

// Share of the page in continuous tone, on squares of about 0.1 inch of the analysis copy: a
// square with under 10 % paper-bright pixels, not dark all over, and textured (standard
// deviation of 6 levels or more) is part of a picture. Text squares always hold some paper; a
// shadow or an evenly toned paper is smooth.
double ContinuousToneShare(const cv::Mat& grey, int paper_level, double dpi) {
  const int side = std::max(4, static_cast<int>(std::lround(dpi / 10)));
  // Paper: at least 0.85 x paper_level (the least whole level that is).
  const int paper_bright = static_cast<int>(std::ceil(0.85 * paper_level));
  const int across = grey.cols / side;
  if (across == 0) return 0.0;
  // A row of squares' sums gathered column by column, a row at a time (memory order, a loop
  // the compiler vectorizes), then each square's columns added up. 32 bits hold the squares
  // of a square up to 181 pixels a side (on the analysis copy a side is 15).
  const int width = across * side;
  std::vector<std::int32_t> column_sums(width), column_squares(width), column_papers(width);
  int count = 0, toned = 0;
  for (int y = 0; y + side <= grey.rows; y += side) {
    std::fill(column_sums.begin(), column_sums.end(), 0);
    std::fill(column_squares.begin(), column_squares.end(), 0);
    std::fill(column_papers.begin(), column_papers.end(), 0);
    for (int row = y; row < y + side; ++row) {
      const std::uint8_t* in = grey.ptr<std::uint8_t>(row);
      for (int x = 0; x < width; ++x) {
        const std::int32_t v = in[x];
        column_sums[x] += v;
        column_squares[x] += v * v;
        column_papers[x] += v >= paper_bright;
      }
    }
    for (int from = 0; from < width; from += side) {
      const auto add_up = [&](const std::vector<std::int32_t>& columns) {
        return std::accumulate(columns.begin() + from, columns.begin() + from + side, 0);
      };
      ++count;
      // As cv::meanStdDev computes them.
      const double scale = 1.0 / (side * side);
      const double mean = static_cast<double>(add_up(column_sums)) * scale;
      const double deviation = std::sqrt(
          std::max(static_cast<double>(add_up(column_squares)) * scale - mean * mean, 0.0));
      if (mean < kDarkLevel || deviation < 6) continue;
      if (add_up(column_papers) * 10 < side * side) ++toned;
    }
  }
  return count == 0 ? 0.0 : static_cast<double>(toned) / count;
}

// `taken`, when given, is `scan` itself, whose pixels (only they) may be moved into the
// display page.
Result<CleanPage> CleanupPageOrThrow(const Image& scan, const CleanupOptions& options,
                                     const OrientationDetector& detector, Image* taken) {
  CleanPage clean;
  const double dpi = scan.dpi > 0 ? scan.dpi : 300;
  const cv::Mat source = MatView(scan);
  // Analysis copy and paper colour.
  const double analysis_scale = std::min(1.0, kAnalysisDpi / dpi);
  const cv::Mat small_source = Downscale(source, analysis_scale, ThreadScratch().analysis);
  cv::Mat small = ToGrey(small_source);
  // A grey scan at kAnalysisDpi or coarser is its own analysis copy: `small` is turned in place
  // below, which must not turn the caller's scan.
  if (small.data == source.data) small = small.clone();
  const int paper_level = PaperLevel(small);
  const cv::Scalar paper_colour = MeanWhereAtLeast(small_source, small, paper_level - 20);
  const double small_dpi = dpi * analysis_scale;
  std::vector<cv::Vec3f> holes;  // punch holes on the analysis copy
  cv::Mat border = options.crop_borders ? BorderMask(small, paper_level, small_dpi, &holes)
                                        : cv::Mat::zeros(small.size(), CV_8U);
  // (a) Orientation, judged on the grey analysis copy with the scanner border painted over.
  int rotation = 0;
  if (options.fix_orientation && detector) {
    cv::Mat grey = small.clone();
    grey.setTo(paper_level, border);
    auto detected = detector(ImageFromMat(grey, small_dpi));
    if (!detected.ok()) {
      clean.warnings.push_back("orientation not detected (" + detected.status().message() +
                               "); page left as scanned");
    } else if (*detected == 0 || *detected == 90 || *detected == 180 || *detected == 270) {
      rotation = *detected;
    } else {
      clean.warnings.push_back("orientation detector answered " + std::to_string(*detected) +
                               " degrees; page left as scanned");
    }
  }
  const cv::Matx33d turn = QuarterTurn(rotation, small.cols, small.rows);
  RotateQuarter(small, small, rotation);
  RotateQuarter(border, border, rotation);

  // (b) Skew, measured on the ink of the upright analysis copy.
  const int tall = static_cast<int>(kAnalysisDpi * std::min(1.0, dpi / kAnalysisDpi) * 0.5);
  AnalysisInk ink = InkMask(small, border, paper_level, tall);
  double skew = 0;
  if (options.deskew) skew = EstimateSkewDeg(ink.short_ink);
  clean.skew_deg = skew;
  const bool rotate_skew = std::abs(skew) >= kMinCorrectedSkewDeg;
  clean.rotation_deg = rotation;

  // (c) Border crop, decided on the analysis copy's masks deskewed, where the paper's edges run
  // along the image axes. Without a border there is nothing to crop.
  const bool has_border = options.crop_borders && cv::countNonZero(border) > 0;
  cv::Rect small_crop(0, 0, small.cols, small.rows);
  const cv::Matx33d deskew = rotate_skew ? Deskew(skew, small.size()) : cv::Matx33d::eye();
  // The holes were found on the scan as it came: turned and deskewed with the page.
  for (cv::Vec3f& hole : holes) {
    const cv::Vec3d upright = deskew * turn * cv::Vec3d(hole[0], hole[1], 1);
    hole[0] = static_cast<float>(upright[0]);
    hole[1] = static_cast<float>(upright[1]);
  }
  if (has_border) {
    cv::Mat valid(small.size(), CV_8U, cv::Scalar(255));  // inside the scan
    if (rotate_skew) {
      // The masks turned with the page (nearest pixel: they stay masks); the grey copy is
      // only read for whole-page shares later, which the small turn does not change.
      const cv::Mat warp = Affine2x3(deskew);
      const auto deskew_mask = [&](cv::Mat& mask) {
        cv::Mat upright;
        cv::warpAffine(mask, upright, warp, small.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                       cv::Scalar(0));
        mask = upright;
      };
      deskew_mask(valid);
      deskew_mask(border);
      deskew_mask(ink.all);
    }
    small_crop = CropRect(border, valid, ink.all, static_cast<int>(std::lround(0.1 * small_dpi)));
  }
  const cv::Size upright_size =
      (rotation == 90 || rotation == 270) ? cv::Size(source.rows, source.cols) : source.size();
  const double sx = static_cast<double>(small.cols) / upright_size.width;
  const double sy = static_cast<double>(small.rows) / upright_size.height;
  cv::Rect crop(static_cast<int>(std::floor(small_crop.x / sx)),
                static_cast<int>(std::floor(small_crop.y / sy)), 0, 0);
  crop.width =
      std::min(upright_size.width, static_cast<int>(std::ceil(small_crop.br().x / sx))) - crop.x;
  crop.height =
      std::min(upright_size.height, static_cast<int>(std::ceil(small_crop.br().y / sy))) - crop.y;

  // (d) The display page, written straight into the result (turn, deskew and crop in one
  // interpolation, or none when there is no skew to correct), and the OCR copy: grey, coloured
  // ink removed, resampled to options.ocr_dpi when the scan is coarser, flattened, binarized;
  // the ink kept keeps its flattened grey (CleanOcrInk).
  // A page needing no turn, deskew or crop is shown as scanned: from a scan handed over, its
  // own pixels (no copy of the page, no fresh memory to fault in).
  const bool as_scanned =
      rotation == 0 && !rotate_skew && crop == cv::Rect(0, 0, source.cols, source.rows);
  const bool take_scan = as_scanned && taken != nullptr;
  if (take_scan) clean.display.pixels = std::move(taken->pixels);
  clean.display.width = crop.width;
  clean.display.height = crop.height;
  clean.display.channels = scan.channels;
  clean.display.dpi = dpi;
  if (take_scan) {
    clean.display.pixels.resize(clean.display.row_bytes() * clean.display.height);
  } else {
    SizePixels(clean.display);
  }
  cv::Mat display = MatView(clean.display);
  const double ocr_dpi = dpi < options.ocr_dpi ? options.ocr_dpi : dpi;
  const double to_ocr = ocr_dpi / dpi;  // display pixels -> OCR copy pixels
  const cv::Size ocr_size = to_ocr == 1.0
                                ? crop.size()
                                : cv::Size(static_cast<int>(std::lround(crop.width * to_ocr)),
                                           static_cast<int>(std::lround(crop.height * to_ocr)));
  clean.ocr.width = ocr_size.width;
  clean.ocr.height = ocr_size.height;
  clean.ocr.channels = 1;
  clean.ocr.dpi = ocr_dpi;
  SizePixels(clean.ocr);
  cv::Mat ocr_copy = MatView(clean.ocr);
  Scratch& scratch = ThreadScratch();
  cv::Mat grey = ScratchMat(scratch.grey, crop.size(), CV_8U);
  const bool resample = ocr_size != crop.size();
  // The background's block maxima, of the grey OCR reads (the resampled one when resampling).
  const int block = BackgroundBlock(ocr_dpi);
  cv::Mat block_maxima((ocr_size.height + block - 1) / block, (ocr_size.width + block - 1) / block,
                       CV_8U);
  // Display rows [first, last).
  std::function<void(int, int)> display_rows;
  std::optional<internal::DeskewWarp> warp;
  cv::Mat upright = source;
  if (rotate_skew) {
    // A page turned a quarter is turned first, on its own: warping across the source's rows
    // reads it down its columns, at twice the cost of the turn and the deskew together.
    if (rotation != 0) {
      upright = ScratchMat(scratch.turned, upright_size, source.type());
      RotateQuarter(source, upright, rotation);
    }
    // Display pixel -> upright scan pixel.
    const cv::Matx33d shift(1, 0, -crop.x, 0, 1, -crop.y, 0, 0, 1);
    cv::Matx23d inverse;
    cv::invertAffineTransform(Affine2x3(shift * Deskew(skew, upright_size)), inverse);
    warp.emplace(upright, inverse, display.size(), paper_colour);
    display_rows = [&](int first, int last) { warp->Rows(first, last, display); };
  } else {
    // The crop seen in the scan's own coordinates, then turned.
    const int W = source.cols, H = source.rows;
    cv::Rect seen = crop;
    if (rotation == 90) seen = {crop.y, H - crop.br().x, crop.height, crop.width};
    if (rotation == 180) seen = {W - crop.br().x, H - crop.br().y, crop.width, crop.height};
    if (rotation == 270) seen = {W - crop.br().y, crop.x, crop.height, crop.width};
    if (take_scan) {
      display_rows = [](int, int) {};  // the display page is the scan
    } else if (rotation == 0) {
      display_rows = [&, seen](int first, int last) {
        source(seen).rowRange(first, last).copyTo(display.rowRange(first, last));
      };
    } else {
      // Turned whole (rare: a page fed sideways or upside down).
      RotateQuarter(source(seen), display, rotation);
      display_rows = [](int, int) {};
    }
  }
  CV_Assert(display.data == clean.display.pixels.data());
  // A band of rows at a time, made grey and its blocks' maxima taken while the band is in the
  // cache: made whole one after the other, each step read the page back from memory, which
  // two workers share (held-out eval with two workers: these steps 36-41 -> 34 ms per page;
  // the same alone).
  constexpr int kBandRows = 64;  // a multiple of every block (BackgroundBlock)
  int grey_rows = 0, maxima_rows = 0;
  for (int first = 0; first < display.rows; first += kBandRows) {
    const int last = std::min(display.rows, first + kBandRows);
    display_rows(first, last);
    const int ready = last == display.rows ? last : last - 2;  // OcrGreyRows looks 2 rows down
    internal::OcrGreyRows(display, grey_rows, ready, grey);
    grey_rows = ready;
    if (!resample) {
      const int blocks_to = ready == grey.rows ? ready : ready / block * block;
      AddBlockMaxima(grey, maxima_rows, blocks_to, block, block_maxima);
      maxima_rows = blocks_to;
    }
  }
  if (resample) {
    cv::Mat fine = ScratchMat(scratch.fine_grey, ocr_size, CV_8U);
    cv::resize(grey, fine, ocr_size, 0, 0, cv::INTER_LANCZOS4);
    grey = fine;
    AddBlockMaxima(grey, 0, grey.rows, block, block_maxima);
  }
  InkThreshold threshold;
  BinarizeForOcr(grey, ocr_dpi, block_maxima, scratch.runs, threshold);
  CleanOcrInk(scratch.runs, grey, threshold, ocr_dpi, options, ocr_copy);
  // Scanner border left inside the crop (ragged corners) is not text either.
  std::vector<cv::Point> border_left;
  cv::findNonZero(border(small_crop), border_left);
  const cv::Rect ocr_page(0, 0, ocr_copy.cols, ocr_copy.rows);
  for (const cv::Point& p : border_left) {
    const double left = (p.x + small_crop.x) / sx - crop.x,
                 top = (p.y + small_crop.y) / sy - crop.y;
    const double right = (p.x + small_crop.x + 1) / sx - crop.x;
    const double bottom = (p.y + small_crop.y + 1) / sy - crop.y;
    const cv::Point from(static_cast<int>(std::floor(left * to_ocr)),
                         static_cast<int>(std::floor(top * to_ocr)));
    const cv::Point to(static_cast<int>(std::ceil(right * to_ocr)),
                       static_cast<int>(std::ceil(bottom * to_ocr)));
    ocr_copy(cv::Rect(from, to) & ocr_page).setTo(255);
  }
  // Punch holes are neither text nor paper worth showing: paper in both copies.
  if (options.crop_borders) {
    for (const cv::Vec3f& hole : holes) {
      const cv::Point2d centre(hole[0] / sx - crop.x, hole[1] / sy - crop.y);
      // Grown by a quarter and two pixels: the hole's soft, shadowed rim goes too.
      const double radius = hole[2] / sx * 1.25 + 2;
      cv::circle(display,
                 cv::Point(static_cast<int>(std::lround(centre.x)),
                           static_cast<int>(std::lround(centre.y))),
                 static_cast<int>(std::ceil(radius)), paper_colour, cv::FILLED);
      cv::circle(ocr_copy,
                 cv::Point(static_cast<int>(std::lround(centre.x * to_ocr)),
                           static_cast<int>(std::lround(centre.y * to_ocr))),
                 static_cast<int>(std::ceil(radius * to_ocr)), cv::Scalar(255), cv::FILLED);
    }
  }
  // (e) Blank pages are kept (the back of a form is part of the dossier) but flagged.
  const double ink_share = static_cast<double>(cv::countNonZero(ink.all(small_crop))) /
                           static_cast<double>(small_crop.area());
  if (ink_share < 1e-4) clean.warnings.push_back("page looks blank");
  // (f) Other pages worth a human look; they are cleaned and kept all the same. Judged on the
  // upright analysis copy (not deskewed: a few degrees do not change these shares).
  const cv::Mat page_grey = small(small_crop);
  if (cv::countNonZero(page_grey < kDarkLevel) > kNearlyBlackShare * page_grey.total()) {
    clean.warnings.push_back("page is nearly black");
  }
  if (scan.width < kSmallPageInches * dpi || scan.height < kSmallPageInches * dpi) {
    clean.warnings.push_back("page is very small (stamp or slip?)");
  }
  if (ContinuousToneShare(page_grey, paper_level, small_dpi) > kPhotographShare) {
    clean.warnings.push_back("page looks like a photograph");
  }
  return clean;
}

// The checks and error handling of both CleanupPage overloads.
Result<CleanPage> CheckedCleanup(const Image& scan, const CleanupOptions& options,
                                 const OrientationDetector& detector, Image* taken) {
  if (scan.empty()) return InvalidInput("empty page image");
  if ((scan.channels != 1 && scan.channels != 3) ||
      scan.pixels.size() < scan.row_bytes() * static_cast<std::size_t>(scan.height)) {
    return InternalError("page image has " + std::to_string(scan.channels) +
                         " channels or too few pixels for its size");
  }
  try {
    return CleanupPageOrThrow(scan, options, detector, taken);
  } catch (const cv::Exception& e) {
    return InternalError(std::string("image cleanup failed (OpenCV): ") + e.what());
  } catch (const std::bad_alloc&) {
    return InvalidInput("not enough memory to clean up a " + std::to_string(scan.width) + " x " +
                        std::to_string(scan.height) + " page");
  }
}

}  // namespace

Result<CleanPage> CleanupPage(const Image& scan, const CleanupOptions& options,
                              const OrientationDetector& detector) {
  return CheckedCleanup(scan, options, detector, nullptr);
}

Result<CleanPage> CleanupPage(Image&& scan, const CleanupOptions& options,
                              const OrientationDetector& detector) {
  return CheckedCleanup(scan, options, detector, &scan);
}

}  // namespace sohoa::pipeline
