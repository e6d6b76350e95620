// The OCR grey: see OcrGreyRows below.
#include "ocr_grey.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <opencv2/core/hal/intrin.hpp>
#include <vector>

namespace sohoa::pipeline::internal {
namespace {

constexpr int kChromaFrom = 12, kChromaRamp = 8;

int ChromaWeight(int r, int g, int b) {
  const int brightest = std::max({r, g, b}), darkest = std::min({r, g, b});
  const int chroma = brightest - darkest;
  if (chroma <= kChromaFrom || brightest * 5 < darkest * 6) return 0;
  return std::min(chroma - kChromaFrom, kChromaRamp);
}

// Weight of a pixel of darkness d (256 - luminance) in the neighbourhood's colour:
// d^1.5 / 16, at least 1.
const std::array<int, 257>& DarknessWeights() {
  static const std::array<int, 257> weights = [] {
    std::array<int, 257> w{};
    for (int d = 0; d <= 256; ++d) w[d] = static_cast<int>(std::lround(std::pow(d, 1.5) / 16)) + 1;
    return w;
  }();
  return weights;
}

// One coloured pixel of the OCR grey: (x, y) of the 3-channel `display`.
std::uint8_t LiftedGrey(const cv::Mat& display, int x, int y) {
  const std::uint8_t* in = display.ptr<std::uint8_t>(y) + 3 * x;
  const int r = in[0], g = in[1], b = in[2];
  const int value = (77 * r + 150 * g + 29 * b + 128) >> 8;
  const int own = ChromaWeight(r, g, b);
  if (own == 0) return static_cast<std::uint8_t>(value);
  // The 5 x 5 darkness-weighted mean per channel, rounded.
  const std::array<int, 257>& darkness_weight = DarknessWeights();
  int sum[3] = {0, 0, 0}, total = 0;
  for (int dy = -2; dy <= 2; ++dy) {
    const std::uint8_t* row = display.ptr<std::uint8_t>(std::clamp(y + dy, 0, display.rows - 1));
    for (int dx = -2; dx <= 2; ++dx) {
      const std::uint8_t* p = row + 3 * std::clamp(x + dx, 0, display.cols - 1);
      const int w = darkness_weight[256 - ((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8)];
      sum[0] += w * p[0];
      sum[1] += w * p[1];
      sum[2] += w * p[2];
      total += w;
    }
  }
  const int weight =
      std::min(own, ChromaWeight((sum[0] + total / 2) / total, (sum[1] + total / 2) / total,
                                 (sum[2] + total / 2) / total));
  if (weight == 0) return static_cast<std::uint8_t>(value);
  const int brightest = std::max({r, g, b});
  const int lifted = brightest + 5 * (brightest - std::min({r, g, b})) * brightest / 255;
  return static_cast<std::uint8_t>(std::min(255, value + (lifted - value) * weight / kChromaRamp));
}

#if defined(__GNUC__) && defined(__x86_64__)
#define SOHOA_GREY_ROW_AVX2 1
// A row's grey levels (`out`) and a 1 in `coloured` where ChromaWeight's own test finds colour,
// for `n` pixels at `in`, in a plain loop the compiler vectorizes with AVX2 instructions here:
// 2-3 times as fast as the SSE2 loop below (microbenchmark on 300 dpi A4 pages, lifting aside:
// 5 against 11-16 ms a page), which stays for processors without AVX2.
__attribute__((target("avx2"))) void GreyRowAvx2(const std::uint8_t* __restrict in,
                                                 std::uint8_t* __restrict out,
                                                 std::uint8_t* __restrict coloured, int n) {
  for (int x = 0; x < n; ++x) {
    const std::uint16_t r = in[3 * x], g = in[3 * x + 1], b = in[3 * x + 2];
    out[x] =
        static_cast<std::uint8_t>(static_cast<std::uint16_t>(77 * r + 150 * g + 29 * b + 128) >> 8);
    const std::uint16_t brightest = std::max(std::max(r, g), b);
    const std::uint16_t darkest = std::min(std::min(r, g), b);
    coloured[x] = static_cast<std::uint8_t>((brightest - darkest > kChromaFrom) &
                                            (brightest * 5 >= darkest * 6));
  }
}

// LiftedGrey for the pixels of row `y` marked in `coloured`, into `out`; most of a page has
// none, eight marks at a time are skipped.
void LiftColouredPixels(const cv::Mat& display, int y, const std::uint8_t* coloured,
                        std::uint8_t* out) {
  const int n = display.cols;
  int x = 0;
  for (; x + 8 <= n; x += 8) {
    std::uint64_t marks;
    std::memcpy(&marks, coloured + x, sizeof marks);
    if (marks == 0) continue;
    for (int i = x; i < x + 8; ++i) {
      if (coloured[i]) out[i] = LiftedGrey(display, i, y);
    }
  }
  for (; x < n; ++x) {
    if (coloured[x]) out[x] = LiftedGrey(display, x, y);
  }
}
#endif

}  // namespace

// The OCR grey of `display`, with coloured ink (seals and stamps of any colour, blue
// signatures and ballpoint) lifted towards paper: OCR should not read them as text. A pixel
// whose chroma (brightest minus darkest channel) exceeds kChromaFrom and whose brightest
// channel is 20 % above its darkest (paper tone stays below that) moves, over a ramp of
// kChromaRamp levels of chroma, from its luminance to its brightest channel plus five times
// the chroma scaled by that brightest channel (0..1): stamp ink becomes white, even where
// JPEG's halved colour resolution has bled half of a thin stroke's chroma away, while text
// printed under a stamp stays dark: all its channels are dark when it is black, and when it
// is a photocopy's grey its brightest channel is dark enough to damp the lift (without that
// damping, grey text under a violet stamp was lifted away: development corpus CER mild 0.87
// -> 0.62 %, harsh 1.80 -> 1.42 %, photocopy 2.80 -> 2.35 % with it).
// The pixel's 5 x 5 neighbourhood (mean of each channel, edge pixels repeated at the page's
// edges) must be coloured too: a scanner's per-channel noise gives single dark pixels of text
// a chroma as high as thin stamp strokes have, but averages away. The mean is weighted by
// darkness d = 256 - luminance as d^1.5 (DarknessWeights), so that it is the colour of the
// ink around the pixel more than of the paper: a stamp's 2-pixel frame line on a
// photocopy's grey paper kept too little chroma in a plain mean and stayed as a line through
// the text under it. On the development corpora (samples script) CER went from 0.97 to
// 0.88 % (seed 7; photocopy 1.85 -> 1.53 %, harsh 1.00 -> 1.03 %) and from 1.31 to 1.15 %
// (seed 11; photocopy 3.17 -> 2.63 %, harsh 1.27 -> 1.17 %). Weights d (0.92 and 1.21 %) and
// d^2 (1.02 and 1.18 %) did worse, and a plain 3 x 3 mean lifted the tone marks of blurred
// harsh pages (seed 7 harsh 1.36 %). Only pixels coloured themselves look at
// their neighbourhood, so a mostly grey page costs one vector pass.
void OcrGreyRows(const cv::Mat& display, int first, int last, cv::Mat& grey, GreyKernel kernel) {
  if (display.channels() == 1) {
    display.rowRange(first, last).copyTo(grey.rowRange(first, last));
    return;
  }
#if SOHOA_GREY_ROW_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2 && kernel == GreyKernel::kBest) {
    std::vector<std::uint8_t> coloured(static_cast<std::size_t>(display.cols));
    for (int y = first; y < last; ++y) {
      std::uint8_t* out = grey.ptr<std::uint8_t>(y);
      GreyRowAvx2(display.ptr<std::uint8_t>(y), out, coloured.data(), display.cols);
      LiftColouredPixels(display, y, coloured.data(), out);
    }
    return;
  }
#else
  (void)kernel;
#endif
  for (int y = first; y < last; ++y) {
    const std::uint8_t* in = display.ptr<std::uint8_t>(y);
    std::uint8_t* out = grey.ptr<std::uint8_t>(y);
    int x = 0;
#if CV_SIMD128
    const cv::v_uint8x16 chroma_from = cv::v_setall_u8(kChromaFrom);
    const cv::v_uint16x8 wr = cv::v_setall_u16(77), wg = cv::v_setall_u16(150),
                         wb = cv::v_setall_u16(29), half = cv::v_setall_u16(128);
    for (; x + 16 <= display.cols; x += 16) {
      cv::v_uint8x16 r, g, b;
      cv::v_load_deinterleave(in + 3 * x, r, g, b);
      cv::v_uint16x8 r0, r1, g0, g1, b0, b1;
      cv::v_expand(r, r0, r1);
      cv::v_expand(g, g0, g1);
      cv::v_expand(b, b0, b1);
      // At most 77 * 255 + 150 * 255 + 29 * 255 + 128 = 65408: no 16-bit overflow.
      const cv::v_uint16x8 lo = (r0 * wr + g0 * wg + b0 * wb + half) >> 8;
      const cv::v_uint16x8 hi = (r1 * wr + g1 * wg + b1 * wb + half) >> 8;
      cv::v_store(out + x, cv::v_pack(lo, hi));
      // Any pixel coloured by ChromaWeight's own test (paper tone is not)? Its chroma test
      // first, in bytes: most of a page is grey, and the tone test needs 16-bit lanes.
      const cv::v_uint8x16 brightest = cv::v_max(cv::v_max(r, g), b);
      const cv::v_uint8x16 darkest = cv::v_min(cv::v_min(r, g), b);
      const cv::v_uint8x16 chroma = (brightest - darkest) > chroma_from;
      if (!cv::v_check_any(chroma)) continue;
      cv::v_uint16x8 bright0, bright1, dark0, dark1;
      cv::v_expand(brightest, bright0, bright1);
      cv::v_expand(darkest, dark0, dark1);
      const cv::v_uint16x8 five = cv::v_setall_u16(5), six = cv::v_setall_u16(6);
      const cv::v_uint8x16 toned =
          cv::v_pack(cv::v_reinterpret_as_u16(bright0 * five >= dark0 * six),
                     cv::v_reinterpret_as_u16(bright1 * five >= dark1 * six));
      const cv::v_uint8x16 coloured = chroma & toned;
      if (cv::v_check_any(coloured)) {
        // Only those pixels can be lifted; the others keep the luminance stored above.
        std::uint8_t lanes[16];
        cv::v_store(lanes, coloured);
        for (int i = 0; i < 16; ++i) {
          if (lanes[i]) out[x + i] = LiftedGrey(display, x + i, y);
        }
      }
    }
#endif
    for (; x < display.cols; ++x) out[x] = LiftedGrey(display, x, y);
  }
}

}  // namespace sohoa::pipeline::internal
