// Orientation from the ink's layout, in three steps:
//  1. Direction of the text lines: on a ~100 dpi binarized copy whose gaps between letters are
//     filled, profiles of narrow strips taken along the lines are about twice as sharp (dense
//     x-height bands, empty gaps) as profiles taken across them.
//  2. Up or down, test one (profiles): in each strip every line's x-height band is found, and
//     the ink just above it (ascenders, capitals, Vietnamese tone marks and hats) is compared
//     with the ink just below it (descenders). Print is top-heavy.
//  3. Up or down, test two (strokes): Leptonica's ascender/descender count (hit-miss transforms
//     on a ~200 dpi copy, Bloomberg, Kopec & Dasari 1995), in the chosen direction and, as a
//     check of step 1 where its margin is thin, across it.
// Each test gives a z-score; the two up/down scores are combined (Stouffer: sum / sqrt 2).
#include "orientation.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "pix.h"
#include "sohoa/core/limits.h"

namespace sohoa::ocr {
namespace {

// The profiles' copy is box-reduced by a whole factor to between this and twice this
// resolution: 12 pt text then has an x-height of 7-15 pixels, enough to tell the band from
// what sticks out.
constexpr double kWorkDpi = 100;
// Width of the strips whose profiles are taken. Lines in a page skewed by 4 degrees drift by
// 0.02 inch across a strip, a quarter of a 12 pt x-height; a strip still holds 4-5 letters.
constexpr double kStripInches = 0.3;
// Gaps between letters up to this wide are filled before x-height bands are looked for.
constexpr double kSmearInches = 0.04;
// Paper level is the brightest pixel in tiles of this side (and their neighbours); a pixel
// darker than kInkRatio x paper is ink. Uneven paper, shadows and photocopy grey stay paper.
constexpr double kTileInches = 0.16;
constexpr double kInkRatio = 0.65;
// Ink running straight for longer than this is no letter (a 24 pt capital's stem is 0.23 inch).
constexpr double kMaxRunInches = 0.3;
// Tiles darker than this have no paper in them (a black bar, a photo): no ink is found there.
constexpr int kMinPaperLevel = 80;
// A profile position is in a line's x-height band when it holds at least half the ink of the
// densest position within this distance (about one x-height of 12 pt text).
constexpr double kBandWindowInches = 0.06;
// Bands thinner than 2 pixels are specks or rules; thicker than this are not a line of text
// (about 24 pt: titles still count, a seal's disc or a photo does not).
constexpr double kMaxBandInches = 0.17;
// Ink counted on each side of a band, as a share of the band's height: ascenders, capitals
// and tone marks reach 0.7-1 x-height above it, descenders 0.4-0.5 below; a longer reach
// takes in the neighbouring lines (0.7 scored best of 0.7, 1.0 and 1.3 on the sample pages).
constexpr double kTailShare = 0.7;
// Text lines make the profiles along them about twice as sharp (ProfileSharpness) as across
// them (measured 1.5-2.5 on fixtures and sample pages); below this ratio the page may hold no
// text lines at all (a photo, a drawing) and no answer is given.
constexpr double kMinDirectionRatio = 1.3;
// A line votes when at least this many ink pixels lie in its two tails together.
constexpr int kMinTailInk = 3;
// The stroke test works on a copy reduced by a whole factor to at least this resolution
// (Leptonica's hit-miss patterns are made for 150-300 dpi).
constexpr double kStrokeDpi = 150;
// The stroke test across the chosen direction beating the one along it by this much (in
// z-score, 1.4 standard deviations of the difference) means step 1 may have gone wrong: no
// answer is trusted then. Across text lines the test is not silent (Leptonica's notes say so):
// on the sample pages it reached up to 0.7 times the score along them, on a page of the
// letter fixture 1.03 times.
constexpr double kDisputedDirectionZ = 2.0;
// Step 1 is only checked so when its own margin is thin: from this direction ratio up the
// lines' direction is taken as found, and the stroke test across them (a quarter of the
// estimate's time, ~5 ms a page) is not run. Pages of text measure 1.77-2.2 (195 pages of two
// generated corpora; the fixtures 1.5-2.5); the eight pages below 1.7 hold a few lines beside
// a signature and a seal. On those 195 pages the check never fired: across beat along by at
// most 1.2 of the 2.0 it takes.
constexpr double kClearDirectionRatio = 1.7;

struct GreyPlane {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> values;
};

// Grey copy of the image (RGB weighted as in Rec. 601).
GreyPlane GreyCopy(const Image& image) {
  GreyPlane out;
  out.width = image.width;
  out.height = image.height;
  out.values.resize(static_cast<std::size_t>(out.width) * out.height);
  if (image.channels == 1) {
    std::copy_n(image.pixels.begin(), out.values.size(), out.values.begin());
    return out;
  }
  for (std::size_t i = 0; i < out.values.size(); ++i) {
    const std::uint8_t* rgb = image.pixels.data() + 3 * i;
    out.values[i] = static_cast<std::uint8_t>((299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] + 500) / 1000);
  }
  return out;
}

// Box-averaged copy, reduced by `factor` (at least 2) in each direction.
GreyPlane Reduce(const GreyPlane& grey, int factor) {
  GreyPlane out;
  out.width = grey.width / factor;
  out.height = grey.height / factor;
  out.values.resize(static_cast<std::size_t>(out.width) * out.height);
  std::vector<int> sums(out.width);
  const int area = factor * factor;
  for (int y = 0; y < out.height; ++y) {
    std::fill(sums.begin(), sums.end(), 0);
    for (int dy = 0; dy < factor; ++dy) {
      const std::uint8_t* row = grey.values.data() + static_cast<std::size_t>(y * factor + dy) * grey.width;
      for (int x = 0; x < out.width; ++x) {
        const std::uint8_t* box = row + x * factor;
        for (int dx = 0; dx < factor; ++dx) sums[x] += box[dx];
      }
    }
    std::uint8_t* out_row = out.values.data() + static_cast<std::size_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) out_row[x] = static_cast<std::uint8_t>((sums[x] + area / 2) / area);
  }
  return out;
}

// 1 where the page has ink, judged against the local paper level.
std::vector<std::uint8_t> InkMask(const GreyPlane& grey, int tile) {
  const int tiles_x = (grey.width + tile - 1) / tile, tiles_y = (grey.height + tile - 1) / tile;
  std::vector<int> brightest(static_cast<std::size_t>(tiles_x) * tiles_y, 0);
  // Each column's brightest pixel over a row of tiles first (whole rows: a loop the compiler
  // vectorizes), then each tile's over its columns.
  std::vector<std::uint8_t> columns(grey.width);
  for (int ty = 0; ty < tiles_y; ++ty) {
    std::fill(columns.begin(), columns.end(), 0);
    for (int y = ty * tile; y < std::min(grey.height, (ty + 1) * tile); ++y) {
      const std::uint8_t* row = grey.values.data() + static_cast<std::size_t>(y) * grey.width;
      for (int x = 0; x < grey.width; ++x) columns[x] = std::max(columns[x], row[x]);
    }
    int* tiles = brightest.data() + static_cast<std::size_t>(ty) * tiles_x;
    for (int tx = 0; tx < tiles_x; ++tx) {
      const int begin = tx * tile, end = std::min(grey.width, begin + tile);
      tiles[tx] = *std::max_element(columns.begin() + begin, columns.begin() + end);
    }
  }
  // A tile inside a big letter or a thick stroke may hold no paper: take the neighbours' too.
  // Pixels darker than kInkRatio x that level are ink (none where the level is too dark).
  std::vector<std::uint8_t> threshold(brightest.size(), 0);
  for (int ty = 0; ty < tiles_y; ++ty) {
    for (int tx = 0; tx < tiles_x; ++tx) {
      int level = 0;
      for (int ny = std::max(0, ty - 1); ny <= std::min(tiles_y - 1, ty + 1); ++ny) {
        for (int nx = std::max(0, tx - 1); nx <= std::min(tiles_x - 1, tx + 1); ++nx) {
          level = std::max(level, brightest[static_cast<std::size_t>(ny) * tiles_x + nx]);
        }
      }
      // At most ceil(0.65 x 255) = 166: a byte.
      threshold[static_cast<std::size_t>(ty) * tiles_x + tx] = static_cast<std::uint8_t>(
          level >= kMinPaperLevel ? static_cast<int>(std::ceil(kInkRatio * level)) : 0);
    }
  }
  // Each row of tiles' thresholds spread over its columns, then whole rows compared.
  std::vector<std::uint8_t> ink(grey.values.size());
  std::vector<std::uint8_t> limits(grey.width);
  for (int ty = 0; ty < tiles_y; ++ty) {
    const std::uint8_t* tiles = threshold.data() + static_cast<std::size_t>(ty) * tiles_x;
    for (int x = 0; x < grey.width; ++x) limits[x] = tiles[x / tile];
    for (int y = ty * tile; y < std::min(grey.height, (ty + 1) * tile); ++y) {
      const std::size_t offset = static_cast<std::size_t>(y) * grey.width;
      const std::uint8_t* row = grey.values.data() + offset;
      std::uint8_t* out = ink.data() + offset;
      for (int x = 0; x < grey.width; ++x) out[x] = row[x] < limits[x];
    }
  }
  return ink;
}

// Clears runs of ink longer than `max_run` along rows and along columns: rules, table lines,
// scanner borders and dark blocks, which are no letters and would sharpen the profiles in
// both directions (a scan with its dark border left on otherwise looks like it has no lines).
void RemoveLongRuns(std::vector<std::uint8_t>& ink, int width, int height, int max_run) {
  constexpr std::uint8_t kInk = 1, kLong = 2;
  const auto at = [&](int x, int y) -> std::uint8_t& {
    return ink[static_cast<std::size_t>(y) * width + x];
  };
  // Along rows.
  for (int y = 0; y < height; ++y) {
    int run = 0;
    for (int x = 0; x <= width; ++x) {
      if (x < width && (at(x, y) & kInk)) {
        ++run;
        continue;
      }
      if (run > max_run) {
        for (int back = x - run; back < x; ++back) at(back, y) |= kLong;
      }
      run = 0;
    }
  }
  // Along columns, a row at a time (memory order).
  std::vector<int> runs(width, 0);
  for (int y = 0; y <= height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (y < height && (at(x, y) & kInk)) {
        ++runs[x];
        continue;
      }
      if (runs[x] > max_run) {
        for (int back = y - runs[x]; back < y; ++back) at(x, back) |= kLong;
      }
      runs[x] = 0;
    }
  }
  for (std::uint8_t& pixel : ink) pixel = pixel == kInk ? 1 : 0;
}

struct LineVotes {
  double difference = 0;
  double squared_difference = 0;
  void Add(int above, int below) {
    difference += above - below;
    squared_difference += static_cast<double>(above - below) * (above - below);
  }
  double z() const { return squared_difference > 0 ? difference / std::sqrt(squared_difference) : 0.0; }
};

// Ink-weighted mean of a set of profiles: high when the ink is packed into a few dense
// positions (text lines seen along their length), lower when it is spread evenly.
struct ProfileSharpness {
  double squares = 0;
  double sum = 0;
  void Add(const std::vector<int>& profile) {
    for (const int v : profile) {
      squares += static_cast<double>(v) * v;
      sum += v;
    }
  }
  double value() const { return sum > 0 ? squares / sum : 0.0; }
};

struct BandGeometry {
  int window = 0;    // kBandWindowInches in pixels
  int max_band = 0;  // kMaxBandInches in pixels
};

// Finds the x-height bands of the text lines in one strip's profiles (ink per position across
// the strip: `smeared` after gaps between letters were filled, `raw` before) and lets each
// vote. Filling the gaps makes the band a solid plateau even where letters are open in the
// middle (o, e, c), while stems, capitals and marks above it and descenders below stay thin.
void VoteOnProfile(const std::vector<int>& smeared, const std::vector<int>& raw,
                   const BandGeometry& geometry, LineVotes& votes) {
  const int n = static_cast<int>(smeared.size());
  std::vector<std::uint8_t> core(n, 0);
  for (int i = 0; i < n; ++i) {
    if (smeared[i] < 2) continue;
    int local_max = 0;
    for (int j = std::max(0, i - geometry.window); j <= std::min(n - 1, i + geometry.window); ++j) {
      local_max = std::max(local_max, smeared[j]);
    }
    core[i] = 2 * smeared[i] >= local_max;
  }
  int i = 0;
  while (i < n) {
    if (!core[i]) {
      ++i;
      continue;
    }
    const int first = i;
    while (i < n && core[i]) ++i;
    const int last = i - 1;
    const int height = last - first + 1;
    if (height < 2 || height > geometry.max_band) continue;
    const int tail = std::max(2, static_cast<int>(std::lround(kTailShare * height)));
    int above = 0, below = 0;
    for (int j = first - 1; j >= std::max(0, first - tail) && !core[j]; --j) above += raw[j];
    for (int j = last + 1; j <= std::min(n - 1, last + tail) && !core[j]; ++j) below += raw[j];
    if (above + below < kMinTailInk) continue;
    votes.Add(above, below);
  }
}

// Fills gaps of up to `gap` pixels between ink along rows (along_rows) or along columns.
std::vector<std::uint8_t> Smear(const std::vector<std::uint8_t>& ink, int width, int height,
                                int gap, bool along_rows) {
  std::vector<std::uint8_t> out = ink;
  // Walked row by row in memory order either way; along columns each column remembers its
  // last ink.
  std::vector<int> last_ink(along_rows ? 1 : width, -1);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = ink.data() + static_cast<std::size_t>(y) * width;
    if (along_rows) last_ink[0] = -1;
    for (int x = 0; x < width; ++x) {
      if (!row[x]) continue;
      int& last = last_ink[along_rows ? 0 : x];
      const int pos = along_rows ? x : y;
      if (last >= 0 && pos - last - 1 <= gap) {
        for (int fill = last + 1; fill < pos; ++fill) {
          out[along_rows ? static_cast<std::size_t>(y) * width + fill
                         : static_cast<std::size_t>(fill) * width + x] = 1;
        }
      }
      last = pos;
    }
  }
  return out;
}

struct ProfileEvidence {
  double sharpness_horizontal = 0;
  double sharpness_vertical = 0;
  double z_horizontal = 0;
  double z_vertical = 0;
};

// The ink both tests look at: InkMask without long runs, as 0/1 per pixel of `grey` (at dpi).
std::vector<std::uint8_t> LetterInk(const GreyPlane& grey, double dpi) {
  std::vector<std::uint8_t> ink =
      InkMask(grey, std::max(1, static_cast<int>(std::lround(kTileInches * dpi))));
  RemoveLongRuns(ink, grey.width, grey.height,
                 std::max(1, static_cast<int>(std::lround(kMaxRunInches * dpi))));
  return ink;
}

// Steps 1 and 2 on the ~100 dpi copy `grey`, whose LetterInk is `ink`.
ProfileEvidence MeasureProfiles(const GreyPlane& grey, const std::vector<std::uint8_t>& ink,
                                double dpi) {
  const auto pixels = [&](double inches) {
    return std::max(1, static_cast<int>(std::lround(inches * dpi)));
  };
  const int strip = pixels(kStripInches);
  const auto profiles = [&](const std::vector<std::uint8_t>& mask, bool rows) {
    // Row profiles of vertical strips, or column profiles of horizontal strips.
    const int strips = ((rows ? grey.width : grey.height) + strip - 1) / strip;
    std::vector<std::vector<int>> out(strips, std::vector<int>(rows ? grey.height : grey.width, 0));
    // The masks hold 0 and 1: counting ink is adding the mask up, a loop without branches.
    for (int y = 0; y < grey.height; ++y) {
      const std::uint8_t* line = mask.data() + static_cast<std::size_t>(y) * grey.width;
      if (rows) {
        for (int s = 0; s < strips; ++s) {
          int count = 0;
          for (int x = s * strip; x < std::min(grey.width, (s + 1) * strip); ++x) count += line[x];
          out[s][y] += count;
        }
      } else {
        int* profile = out[y / strip].data();
        for (int x = 0; x < grey.width; ++x) profile[x] += line[x];
      }
    }
    return out;
  };
  const BandGeometry geometry{pixels(kBandWindowInches), pixels(kMaxBandInches)};
  ProfileEvidence evidence;
  for (const bool rows : {true, false}) {
    const auto raw = profiles(ink, rows);
    const auto smeared =
        profiles(Smear(ink, grey.width, grey.height, pixels(kSmearInches), rows), rows);
    LineVotes votes;
    ProfileSharpness sharpness;
    for (std::size_t s = 0; s < raw.size(); ++s) {
      VoteOnProfile(smeared[s], raw[s], geometry, votes);
      sharpness.Add(smeared[s]);
    }
    (rows ? evidence.sharpness_horizontal : evidence.sharpness_vertical) = sharpness.value();
    (rows ? evidence.z_horizontal : evidence.z_vertical) = votes.z();
  }
  return evidence;
}

using internal::PixPtr;

// Step 3: Leptonica's ascender/descender test on the binarized copy (`ink`, the LetterInk of
// `grey`, 0 or 1 a pixel): along rows, or on the copy turned a quarter clockwise (which puts
// tops that pointed to column 0 at row 0).
class StrokeTest {
 public:
  StrokeTest(const GreyPlane& grey, const std::vector<std::uint8_t>& ink)
      : binary_(pixCreate(grey.width, grey.height, 1)) {
    if (!binary_) return;
    l_uint32* data = pixGetData(binary_.get());
    const int words_per_line = pixGetWpl(binary_.get());
    for (int y = 0; y < grey.height; ++y) {
      l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
      const std::uint8_t* row = ink.data() + static_cast<std::size_t>(y) * grey.width;
      // A word of 32 pixels at a time, the first pixel in the top bit (SET_DATA_BIT's order);
      // whole words eight pixels (0 or 1 each) at a time where the first is the lowest byte
      // read: the multiplication moves its bit to the top of the product's top byte, and the
      // eighth pixel's to that byte's bottom.
      int x0 = 0;
      for (; std::endian::native == std::endian::little && x0 + 32 <= grey.width; x0 += 32) {
        l_uint32 word = 0;
        for (int octet = 0; octet < 4; ++octet) {
          std::uint64_t eight = 0;
          std::memcpy(&eight, row + x0 + 8 * octet, 8);
          word = (word << 8) | static_cast<l_uint32>((eight * 0x8040201008040201ULL) >> 56);
        }
        line[x0 / 32] = word;
      }
      for (; x0 < grey.width; x0 += 32) {
        l_uint32 word = 0;
        const int end = std::min(grey.width, x0 + 32);
        for (int x = x0; x < end; ++x) word |= static_cast<l_uint32>(row[x]) << (31 - (x - x0));
        line[x0 / 32] = word;
      }
    }
  }

  // z-score, positive when the letters' tops point to row 0 (horizontal) or column 0.
  double Z(bool horizontal) const {
    if (!binary_) return 0;
    PixPtr turned;
    if (!horizontal) {
      turned.reset(pixRotate90(binary_.get(), 1));
      if (!turned) return 0;
    }
    // Leptonica's confidence is 2 (up - down) / sqrt(up + down): twice a z-score. It answers
    // 0 below 70 counted strokes (a few lines of text).
    l_float32 up = 0;
    if (pixUpDownDetect(horizontal ? binary_.get() : turned.get(), &up, 0, 0, 0) != 0) return 0;
    return up / 2.0;
  }

 private:
  PixPtr binary_;
};

}  // namespace

InkOrientation EstimateOrientationFromInk(const Image& image) {
  InkOrientation result;
  if (image.empty() || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() < image.row_bytes() * static_cast<std::size_t>(image.height)) {
    return result;
  }
  const double dpi = (image.dpi >= limits::kMinDpi && image.dpi <= limits::kMaxDpi)
                         ? image.dpi
                         : limits::kDefaultDpi;
  // The stroke test's copy first, the profiles' copy reduced from it.
  const int stroke_factor = std::max(1, static_cast<int>(dpi / kStrokeDpi + 1e-6));
  const double stroke_dpi = dpi / stroke_factor;
  GreyPlane fine = GreyCopy(image);
  if (stroke_factor > 1) fine = Reduce(fine, stroke_factor);
  const int profile_factor = std::max(1, static_cast<int>(stroke_dpi / kWorkDpi + 1e-6));
  const GreyPlane reduced = profile_factor > 1 ? Reduce(fine, profile_factor) : GreyPlane{};
  const GreyPlane& coarse = profile_factor > 1 ? reduced : fine;
  if (coarse.width < 8 || coarse.height < 8) return result;
  // One ink mask for both tests when they look at the same copy (a 150 dpi page).
  const std::vector<std::uint8_t> fine_ink = LetterInk(fine, stroke_dpi);
  const double coarse_dpi = stroke_dpi / profile_factor;
  const ProfileEvidence profiles = MeasureProfiles(
      coarse, profile_factor > 1 ? LetterInk(coarse, coarse_dpi) : fine_ink, coarse_dpi);
  result.horizontal = profiles.sharpness_horizontal >= profiles.sharpness_vertical;
  const double sharp = std::max(profiles.sharpness_horizontal, profiles.sharpness_vertical);
  const double flat = std::min(profiles.sharpness_horizontal, profiles.sharpness_vertical);
  result.direction_ratio = flat > 0 ? sharp / flat : 0;
  result.profile_z = result.horizontal ? profiles.z_horizontal : profiles.z_vertical;
  if (result.direction_ratio < kMinDirectionRatio) return result;
  const StrokeTest strokes(fine, fine_ink);
  result.stroke_z = strokes.Z(result.horizontal);
  if (result.direction_ratio < kClearDirectionRatio) {
    result.stroke_z_across = strokes.Z(!result.horizontal);
  }
  const double z = (result.profile_z + result.stroke_z) / std::sqrt(2.0);
  if (z == 0) return result;
  if (result.horizontal) {
    result.rotate_clockwise_deg = z > 0 ? 0 : 180;
  } else {
    // Tops of the letters towards column 0 (the left): the page was turned a quarter
    // counter-clockwise, and a quarter clockwise puts it back.
    result.rotate_clockwise_deg = z > 0 ? 90 : 270;
  }
  const bool disputed =
      std::abs(result.stroke_z_across) - std::abs(result.stroke_z) >= kDisputedDirectionZ;
  result.confidence = disputed ? 0.0 : std::abs(z);
  return result;
}

}  // namespace sohoa::ocr
