// The display page's deskew: see DeskewWarp below.
#include "deskew_warp.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "avx2_clones.h"

namespace sohoa::pipeline::internal {
namespace {

// Bytes every row buffer here reaches past its end: a run's last vector may go that far.
constexpr int kPad = 64;
// Runs other than a row's last are rounded up to this many bytes (the next run writes over the
// excess), so that the vectorized loop does not end in its one-byte-at-a-time remainder.
constexpr int kVectorBytes = 16;

// out[i] = a[i] + (b[i] - a[i]) * w / 256 rounded, w = (fraction[i] + shift) mod 256, in
// 16-bit lanes (at most 255 * 256 + 128 = 65408).
[[gnu::always_inline]] inline void Lerp(const std::uint8_t* __restrict a,
                                        const std::uint8_t* __restrict b,
                                        const std::uint8_t* __restrict fraction, std::uint8_t shift,
                                        std::uint8_t* __restrict out, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    const std::uint16_t w = static_cast<std::uint8_t>(fraction[i] + shift);
    const std::uint16_t from = a[i], to = b[i];
    out[i] =
        static_cast<std::uint8_t>(static_cast<std::uint16_t>(from * (256 - w) + to * w + 128) >> 8);
  }
}

// Each span's bytes interpolated, the next row's bytes of pass 1 fetched ahead.
SOHOA_AVX2_CLONES void LerpSpans(const DeskewWarp::Span* spans, std::size_t count,
                                 std::uint8_t shift) {
  for (std::size_t s = 0; s < count; ++s) {
    const DeskewWarp::Span& span = spans[s];
    if (span.ahead != nullptr) {
      for (int i = 0; i < span.bytes; i += 64) __builtin_prefetch(span.ahead + i);
    }
    Lerp(span.a, span.b, span.fraction, shift, span.out, span.bytes);
  }
}

// A run's bytes: rounded up to whole vectors unless it ends the row (`room` bytes are left
// from the run's start).
int RunBytes(int bytes, bool ends_row, std::int64_t room) {
  if (ends_row) return bytes;
  return static_cast<int>(
      std::min<std::int64_t>((bytes + kVectorBytes - 1) / kVectorBytes * kVectorBytes, room));
}

}  // namespace

// A small turn of a 300 dpi colour page by cv::warpAffine costs about 30 ms, most of it the
// per-pixel work of its general remap (each pixel's own source coordinates, weights and four
// taps per channel). A turn of less than 45 degrees splits into two passes of linear
// interpolation along one axis each (Catmull and Smith's two-pass transform): pass 1 reads
// each source column u at the source row p u + q y + r where display row y crosses it, into
// an intermediate row; pass 2 reads display pixel x of that row at source column
// a x + b y + e. Along a row, pass 1 keeps the same two source rows for runs of 1 / |p|
// columns (44 at 1.3 degrees) and pass 2 the same column offset for runs of 1 / (1 - a)
// pixels (thousands); each byte's weight is a table's, per page, plus a constant per row, so
// each run is one vectorized loop over contiguous bytes. Positions are kept in 256ths of a
// pixel (OpenCV's warp: 32nds).
DeskewWarp::DeskewWarp(const cv::Mat& source, const cv::Matx23d& inverse, cv::Size display_size,
                       const cv::Scalar& border)
    : source_(source), display_size_(display_size), channels_(source.channels()) {
  CV_Assert(source.depth() == CV_8U && (channels_ == 1 || channels_ == 3 || channels_ == 4));
  a_ = inverse(0, 0);
  b_ = inverse(0, 1);
  e_ = inverse(0, 2);
  const double c = inverse(1, 0), d = inverse(1, 1), f = inverse(1, 2);
  CV_Assert(a_ > 0.7);  // a turn under 45 degrees, not mirrored
  const double p = c / a_;
  q_ = d - c * b_ / a_;
  r_ = f - c * e_ / a_;
  // The source columns the display reaches, one more on either side.
  double lowest = INFINITY, highest = -INFINITY;
  for (const int x : {0, display_size.width - 1}) {
    for (const int y : {0, display_size.height - 1}) {
      lowest = std::min(lowest, a_ * x + b_ * y + e_);
      highest = std::max(highest, a_ * x + b_ * y + e_);
    }
  }
  u_first_ = static_cast<std::int64_t>(std::floor(lowest)) - 1;
  const std::int64_t u_last = static_cast<std::int64_t>(std::floor(highest)) + 2;
  const int ch = channels_;
  const auto steps = [ch](int count, double step, Steps& into) {
    into.at.resize(static_cast<std::size_t>(count));
    into.fraction.resize(static_cast<std::size_t>(count) * ch + kPad);
    for (int i = 0; i < count; ++i) {
      into.at[i] = std::llround(step * 256 * i);
      std::fill_n(into.fraction.begin() + static_cast<std::ptrdiff_t>(i) * ch, ch,
                  static_cast<std::uint8_t>(into.at[i] & 255));
    }
  };
  steps(source.cols, p, along_columns_);
  along_columns_.from = static_cast<int>(std::clamp<std::int64_t>(u_first_, 0, source.cols));
  along_columns_.to = static_cast<int>(std::clamp<std::int64_t>(u_last + 1, 0, source.cols));
  along_columns_.Index();
  steps(display_size.width, a_ - 1, along_row_);
  along_row_.to = display_size.width;
  along_row_.Index();
  std::uint8_t colour[4];
  for (int k = 0; k < ch; ++k) colour[k] = cv::saturate_cast<std::uint8_t>(border[k]);
  const auto fill = [&](std::vector<std::uint8_t>& row, std::int64_t pixels) {
    row.resize(static_cast<std::size_t>(pixels * ch + kPad));
    for (std::size_t i = 0; i < row.size(); ++i) row[i] = colour[i % ch];
  };
  fill(paper_row_, source.cols);
  fill(between_, u_last - u_first_ + 1);  // pass 1 writes the source's columns only
}

void DeskewWarp::Steps::Index() {
  // first_reaching[t - lowest]: the first index i of [from, to) with sign * at[i] >= t.
  if (from >= to) return;
  sign = at[to - 1] >= at[from] ? 1 : -1;
  lowest = sign * at[from];
  first_reaching.assign(static_cast<std::size_t>(sign * at[to - 1] - lowest + 1), to);
  std::int64_t t = lowest;
  for (int i = from; i < to; ++i) {
    for (; t <= sign * at[i]; ++t) first_reaching[t - lowest] = i;
  }
}

const std::vector<DeskewWarp::Run>& DeskewWarp::Steps::RunsFor(std::int64_t base) {
  const int wanted = static_cast<int>(base & 255);
  if (wanted == phase) return runs;
  phase = wanted;
  runs.clear();
  // A run of whole part w ends where at + phase reaches 256 (w + 1) (growing) or falls below
  // 256 w (shrinking).
  const auto first_reaching_at = [&](std::int64_t t) {
    const std::int64_t i = t - lowest;
    if (i <= 0) return from;
    return i < static_cast<std::int64_t>(first_reaching.size()) ? first_reaching[i] : to;
  };
  for (int first = from; first < to;) {
    const std::int64_t whole = (at[first] + phase) >> 8;  // floor, also below 0
    const int last = sign > 0 ? first_reaching_at((whole + 1) * 256 - phase)
                              : first_reaching_at(-(whole * 256 - phase - 1));
    runs.push_back({first, last, whole});
    first = last;
  }
  return runs;
}

const std::uint8_t* DeskewWarp::SourceRow(std::int64_t y) const {
  return y >= 0 && y < source_.rows ? source_.ptr<std::uint8_t>(static_cast<int>(y))
                                    : paper_row_.data();
}

void DeskewWarp::Rows(int first, int last, cv::Mat& display) {
  CV_Assert(display.size() == display_size_ && display.type() == source_.type());
  const int ch = channels_;
  const int valid_from = along_columns_.from, valid_to = along_columns_.to;
  const int width = display_size_.width;
  for (int y = first; y < last; ++y) {
    // Pass 1: source column u at source row p u + q y + r, into the intermediate row. The
    // next display row reads the rows below these: the lower one's bytes are fetched ahead.
    const std::int64_t rows_base = std::llround((q_ * y + r_) * 256);
    std::uint8_t* between = between_.data() + (valid_from - u_first_) * ch;
    spans_.clear();
    for (const Run& run : along_columns_.RunsFor(rows_base)) {
      const std::int64_t row = (rows_base >> 8) + run.whole;
      const int offset = run.from * ch;
      spans_.push_back(
          {SourceRow(row) + offset, SourceRow(row + 1) + offset,
           along_columns_.fraction.data() + offset, between + (run.from - valid_from) * ch,
           SourceRow(row + 2) + offset,
           RunBytes((run.to - run.from) * ch, run.to == valid_to, (valid_to - run.from) * ch)});
    }
    LerpSpans(spans_.data(), spans_.size(), static_cast<std::uint8_t>(rows_base & 255));
    // Pass 2: display pixel x at the intermediate row's column a x + b y + e, that is
    // x + (a - 1) x + b y + e.
    const std::int64_t columns_base = std::llround((b_ * y + e_) * 256);
    std::uint8_t* out = display.ptr<std::uint8_t>(y);
    spans_.clear();
    for (const Run& run : along_row_.RunsFor(columns_base)) {
      const std::int64_t column = run.from + (columns_base >> 8) + run.whole - u_first_;
      CV_DbgAssert(column >= 0);
      const std::uint8_t* left = between_.data() + column * ch;
      const std::int64_t readable = static_cast<std::int64_t>(between_.size()) - (column + 1) * ch;
      spans_.push_back({left, left + ch, along_row_.fraction.data() + run.from * ch,
                        out + run.from * ch, nullptr,
                        RunBytes((run.to - run.from) * ch, run.to == width,
                                 std::min<std::int64_t>((width - run.from) * ch, readable))});
    }
    LerpSpans(spans_.data(), spans_.size(), static_cast<std::uint8_t>(columns_base & 255));
  }
}

}  // namespace sohoa::pipeline::internal
