#include "sohoa/pipeline/qr_codes.h"

#include <zbar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string_view>

#include "mat_view.h"
#include "sohoa/core/text.h"

namespace sohoa::pipeline {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// A finder pattern: the 7x7-module square (dark ring, light ring, 3x3 dark core) a QR code
// has in three corners.
struct Finder {
  cv::Point2f centre;
  double side = 0;  // pixels
};

// Whether `bytes` are UTF-8: the NFC of them replaces no sequence with U+FFFD.
bool IsUtf8(const std::string& bytes) {
  const auto replacements = [](const std::string& s) {
    std::size_t count = 0;
    for (std::size_t at = s.find(kReplacement); at != std::string::npos;
         at = s.find(kReplacement, at + 1)) {
      ++count;
    }
    return count;
  };
  return replacements(text::ToNfc(bytes)) == replacements(bytes);
}

// The texts zbar reads in `grey`; those not UTF-8 (binary payloads) are left out: a record
// holds text.
std::vector<std::string> Scan(const cv::Mat& grey) {
  zbar::ImageScanner scanner;
  scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  // The bytes as encoded: zbar would otherwise guess a character set and convert them.
  scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_BINARY, 1);
  const cv::Mat packed = grey.isContinuous() ? grey : grey.clone();
  zbar::Image image(static_cast<unsigned>(packed.cols), static_cast<unsigned>(packed.rows), "Y800",
                    packed.data, packed.total());
  std::vector<std::string> found;
  if (scanner.scan(image) > 0) {
    for (auto symbol = image.symbol_begin(); symbol != image.symbol_end(); ++symbol) {
      if (std::string data = symbol->get_data(); IsUtf8(data)) found.push_back(std::move(data));
    }
  }
  image.set_data(nullptr, 0);  // the pixels are `packed`'s
  return found;
}

// Finder patterns in `grey` binarized by a mean threshold over `block` pixels less `offset`: a
// dark outline (7x7 modules) holding a light hole (5x5) holding one dark core (3x3) at its
// centre, told by the outline's shape where it is square, else by the hole's alone: blur joins
// the outline to the dark modules beyond the one-module light border round a finder, and it is
// no square then. Both may name one finder (AddFinders keeps the first, the hole's).
std::vector<Finder> FindersIn(const cv::Mat& grey, int block, double offset) {
  cv::Mat dark;
  cv::adaptiveThreshold(grey, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                        block | 1, offset);
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> tree;  // next, previous, first child, parent
  cv::findContours(dark, contours, tree, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
  const auto centre = [&](int contour) {
    const cv::Moments m = cv::moments(contours[contour]);
    return m.m00 > 0 ? std::optional<cv::Point2f>(cv::Point2f(m.m10 / m.m00, m.m01 / m.m00))
                     : std::nullopt;
  };
  const auto squarish = [](const cv::Rect& box) {
    const double aspect = static_cast<double>(box.width) / box.height;
    return aspect >= 0.7 && aspect <= 1.4;
  };
  std::vector<Finder> found;
  for (std::size_t outline = 0; outline < contours.size(); ++outline) {
    const double outline_area = cv::contourArea(contours[outline]);
    for (int hole = tree[outline][2]; hole >= 0; hole = tree[hole][0]) {
      const int core = tree[hole][2];
      if (core < 0 || tree[core][0] >= 0) continue;  // one core, alone in the hole
      const double hole_area = cv::contourArea(contours[hole]);
      const double core_area = cv::contourArea(contours[core]);
      const std::optional<cv::Point2f> core_centre = centre(core);
      if (hole_area < 20 || hole_area > 20000 || !core_centre) continue;
      // The hole's: square, the core's share 9 of its 25 modules.
      const cv::Rect box = cv::boundingRect(contours[hole]);
      const std::optional<cv::Point2f> hole_centre = centre(hole);
      if (hole_centre && squarish(box) && std::abs(box.area() - hole_area) <= 0.35 * box.area() &&
          core_area / hole_area >= 0.2 && core_area / hole_area <= 0.6 &&
          cv::norm(*hole_centre - *core_centre) <= 0.1 * std::sqrt(hole_area) * 7 / 5) {
        found.push_back({(*hole_centre + *core_centre) * 0.5f, std::sqrt(hole_area) * 7 / 5});
      }
      // The outline's shape: 49 modules, the hole's share 25 and the core's 9 of them.
      if (const std::optional<cv::Point2f> outline_centre = centre(static_cast<int>(outline));
          outline_centre && outline_area >= 60 && outline_area <= 40000 &&
          squarish(cv::boundingRect(contours[outline])) && core_area / outline_area >= 0.08 &&
          core_area / outline_area <= 0.4 && hole_area / outline_area >= 0.25 &&
          hole_area / outline_area <= 0.8) {
        const double side = std::sqrt(outline_area);
        if (cv::norm(*outline_centre - *core_centre) <= 0.15 * side) {
          found.push_back({(*outline_centre + *core_centre) * 0.5f, side});
        }
      }
    }
  }
  return found;
}

// Adds the finders of `more` not already in `finders` (at the same place).
void AddFinders(std::vector<Finder>& finders, const std::vector<Finder>& more) {
  for (const Finder& finder : more) {
    const bool known = std::any_of(finders.begin(), finders.end(), [&](const Finder& other) {
      return cv::norm(finder.centre - other.centre) < other.side / 2;
    });
    if (!known) finders.push_back(finder);
  }
}

// Which of the n x n modules are dark, from their sampled shades. A first guess by the median
// shade (a QR code's mask keeps about half its modules dark); then, a few times over, each
// shade is modelled as a0 + a1 * own + a2 * (4 edge neighbours) + a3 * (4 corner neighbours),
// the weights fitted by least squares to the current guess, and each module taken as whichever
// of dark or light its neighbours' current values make nearer its shade. At 2 pixels a module
// blur makes a light module among dark ones darker than the median; on a harsh card page this
// took wrong modules from 104 of 2401 to none.
std::vector<unsigned char> DarkModules(const std::vector<float>& shades, int n, int rounds) {
  std::vector<float> sorted = shades;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float median = sorted[sorted.size() / 2];
  std::vector<unsigned char> dark(shades.size());
  for (std::size_t i = 0; i < shades.size(); ++i) dark[i] = shades[i] < median;
  const auto at = [&](int r, int c) -> double {
    return r < 0 || c < 0 || r >= n || c >= n ? 0 : dark[static_cast<std::size_t>(r) * n + c];
  };
  const auto edges = [&](int r, int c) {
    return at(r - 1, c) + at(r + 1, c) + at(r, c - 1) + at(r, c + 1);
  };
  const auto corners = [&](int r, int c) {
    return at(r - 1, c - 1) + at(r - 1, c + 1) + at(r + 1, c - 1) + at(r + 1, c + 1);
  };
  for (int round = 0; round < rounds; ++round) {
    // Normal equations of the four weights, summed over the modules.
    cv::Matx44d gram = cv::Matx44d::zeros();
    cv::Vec4d moment(0, 0, 0, 0);
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) {
        const std::size_t i = static_cast<std::size_t>(r) * n + c;
        const cv::Vec4d term(1, dark[i], edges(r, c), corners(r, c));
        gram += term * term.t();
        moment += term * static_cast<double>(shades[i]);
      }
    }
    cv::Vec4d weights;
    if (!cv::solve(gram, moment, weights, cv::DECOMP_SVD)) break;
    const double base = weights[0], own = weights[1], edge = weights[2], corner = weights[3];
    std::vector<unsigned char> next(dark.size());
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) {
        const double light = base + edge * edges(r, c) + corner * corners(r, c);
        const double shade = shades[static_cast<std::size_t>(r) * n + c];
        next[static_cast<std::size_t>(r) * n + c] =
            std::abs(shade - (light + own)) < std::abs(shade - light);
      }
    }
    dark = std::move(next);
  }
  return dark;
}

// zbar's reading of an n x n grid drawn clean: 6 pixels a module, a 4-module quiet zone.
std::vector<std::string> ScanGrid(const std::vector<unsigned char>& dark, int n) {
  constexpr int kPixels = 6, kQuiet = 4;
  cv::Mat drawing((n + 2 * kQuiet) * kPixels, (n + 2 * kQuiet) * kPixels, CV_8U, cv::Scalar(255));
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if (dark[static_cast<std::size_t>(r) * n + c]) {
        drawing(cv::Rect((c + kQuiet) * kPixels, (r + kQuiet) * kPixels, kPixels, kPixels)) = 0;
      }
    }
  }
  return Scan(drawing);
}

// `grey`'s shade at `at` (pixel centres at whole coordinates, as contours and moments have
// them), bilinear between the four pixels around it (the border's pixels outside the image).
float ShadeAt(const cv::Mat& grey, cv::Point2f at) {
  const float x = std::clamp(at.x, 0.0f, static_cast<float>(grey.cols - 1));
  const float y = std::clamp(at.y, 0.0f, static_cast<float>(grey.rows - 1));
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, grey.cols - 1), y1 = std::min(y0 + 1, grey.rows - 1);
  const float fx = x - x0, fy = y - y0;
  const std::uint8_t* top = grey.ptr<std::uint8_t>(y0);
  const std::uint8_t* bottom = grey.ptr<std::uint8_t>(y1);
  return (1 - fy) * ((1 - fx) * top[x0] + fx * top[x1]) +
         fy * ((1 - fx) * bottom[x0] + fx * bottom[x1]);
}

// An n x n module grid on the page: the finders' centres (modules 3.5 from the code's edges)
// at `corner`, `corner + across` and `corner + down`, shifted by `shift` modules and stretched
// by 1 + `stretch` where those centres are a little off.
struct Grid {
  cv::Point2f corner, across, down;
  int n = 0;
  cv::Point2f shift{0, 0};
  double stretch = 0;

  // The centre of module (r, c) on the page.
  cv::Point2f At(int r, int c) const {
    const double fx = (c - 3 + shift.x) / (n - 7) * (1 + stretch);
    const double fy = (r - 3 + shift.y) / (n - 7) * (1 + stretch);
    return corner + across * static_cast<float>(fx) + down * static_cast<float>(fy);
  }
};

std::vector<float> GridShades(const cv::Mat& grey, const Grid& grid) {
  std::vector<float> shades(static_cast<std::size_t>(grid.n) * grid.n);
  for (int r = 0; r < grid.n; ++r) {
    for (int c = 0; c < grid.n; ++c) {
      shades[static_cast<std::size_t>(r) * grid.n + c] = ShadeAt(grey, grid.At(r, c));
    }
  }
  return shades;
}

// The share of the modules of the two timing patterns (row and column 6 between the finders,
// dark and light in turn) that the grid finds so, each told by its two neighbours along the
// pattern. A grid on three marks that are no code's finders gets about half.
double TimingAgreement(const cv::Mat& grey, const Grid& grid) {
  int right = 0, total = 0;
  for (int k = 9; k < grid.n - 9; ++k) {
    const bool dark_expected = k % 2 == 0;
    for (const auto [r, c, dr, dc] : {std::array<int, 4>{6, k, 0, 1}, {k, 6, 1, 0}}) {
      const float own = ShadeAt(grey, grid.At(r, c));
      const float around =
          (ShadeAt(grey, grid.At(r - dr, c - dc)) + ShadeAt(grey, grid.At(r + dr, c + dc))) / 2;
      right += (own < around) == dark_expected ? 1 : 0;
      ++total;
    }
  }
  return total > 0 ? static_cast<double>(right) / total : 0;
}

// The code whose finders are `corner` (top left as the code is read), `right` and `below`:
// its size from the finders' spacing (a version either side of it tried too), each module's
// shade sampled where the three centres place it (an affine grid: a scan is flat), the grid
// also shifted and stretched by fractions of a module. Only grids whose timing patterns show
// are read, best first: on a card page text and the fingerprint boxes give finder-like marks,
// and each grid read costs two zbar readings.
std::vector<std::string> ReadGrid(const cv::Mat& grey, const Finder& corner, const Finder& right,
                                  const Finder& below) {
  cv::Point2f across = right.centre - corner.centre;
  cv::Point2f down = below.centre - corner.centre;
  if (across.x * down.y - across.y * down.x < 0) {  // mirrored: the other two swap roles
    std::swap(across, down);
  }
  const double module = (corner.side + right.side + below.side) / 3 / 7;
  const double spacing = (cv::norm(across) + cv::norm(down)) / 2;
  const int guess = static_cast<int>(std::lround((spacing / module + 7 - 17) / 4.0));
  constexpr double kTimingShown = 0.7;
  std::vector<std::pair<double, Grid>> shown;
  for (const int version : {guess, guess - 1, guess + 1, guess - 2, guess + 2}) {
    if (version < 1 || version > 40) continue;
    for (const float shift_x : {0.0f, -0.2f, 0.2f}) {
      for (const float shift_y : {0.0f, -0.2f, 0.2f}) {
        for (const double stretch : {0.0, -0.01, 0.01}) {
          const Grid grid{corner.centre,      across, down, 17 + 4 * version,
                          {shift_x, shift_y}, stretch};
          if (const double agreement = TimingAgreement(grey, grid); agreement >= kTimingShown) {
            shown.emplace_back(agreement, grid);
          }
        }
      }
    }
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [agreement, grid] : shown) {
    const std::vector<float> shades = GridShades(grey, grid);
    for (const int rounds : {3, 0}) {
      std::vector<std::string> found = ScanGrid(DarkModules(shades, grid.n, rounds), grid.n);
      if (!found.empty()) return found;
    }
  }
  return {};
}

// Tries each three finders of like size that make a right angle with equal legs, at most
// `grids_left` of them (counted down).
std::vector<std::string> ReadFromFinders(const cv::Mat& grey, std::vector<Finder> finders,
                                         int& grids_left) {
  // A card page gives 6 finder-like marks in the median, 68 at most (text, the fingerprint
  // boxes' rings); a page with very many more is no page to search this way.
  constexpr std::size_t kMostFinders = 100;
  if (finders.size() > kMostFinders) finders.resize(kMostFinders);
  const std::size_t count = finders.size();
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t j = i + 1; j < count; ++j) {
        if (i == k || j == k) continue;
        const Finder &corner = finders[k], &a = finders[i], &b = finders[j];
        const double side = (corner.side + a.side + b.side) / 3;
        if (std::abs(corner.side - side) > 0.3 * side || std::abs(a.side - side) > 0.3 * side ||
            std::abs(b.side - side) > 0.3 * side) {
          continue;
        }
        const cv::Point2f to_a = a.centre - corner.centre, to_b = b.centre - corner.centre;
        const double leg_a = cv::norm(to_a), leg_b = cv::norm(to_b);
        if (std::abs(leg_a - leg_b) > 0.1 * std::max(leg_a, leg_b)) continue;
        if (std::abs(to_a.dot(to_b)) > 0.1 * leg_a * leg_b) continue;  // not within ~6 degrees
        // Versions 1-40 put the finders 14 to 170 modules apart; a card's, 30 to 50.
        if (leg_a < 2 * side || leg_a > 25 * side) continue;
        if (grids_left-- <= 0) return {};
        std::vector<std::string> found = ReadGrid(grey, corner, a, b);
        if (!found.empty()) return found;
      }
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> ReadQrCodes(const Image& page) {
  if (page.empty()) return {};
  cv::Mat grey;
  if (page.channels == 1) {
    grey = internal::MatView(page);
  } else {
    cv::cvtColor(internal::MatView(page), grey, cv::COLOR_RGB2GRAY);
  }
  std::vector<std::string> found = Scan(grey);
  if (!found.empty()) return found;

  // The module grid: finders on the page as scanned (two thresholds: one for a sharp code,
  // one for a blurred code's greyer light ring).
  std::vector<Finder> finders;
  AddFinders(finders, FindersIn(grey, 21, 10));
  AddFinders(finders, FindersIn(grey, 41, 4));
  // A bound on the work a page can cause: the 210 harsh, photocopied and mild card pages of
  // seven corpora tried 168 grids at most.
  int grids_left = 400;
  found = ReadFromFinders(grey, finders, grids_left);
  if (!found.empty()) return found;

  // Where only some finders showed: the window a large card code around each could fill,
  // magnified twice, with more thresholds.
  constexpr std::size_t kMostWindows = 40;
  constexpr double kModulesAround = 60;
  for (std::size_t k = 0; k < std::min(finders.size(), kMostWindows); ++k) {
    const Finder& seed = finders[k];
    const double reach = seed.side / 7 * kModulesAround;
    cv::Rect window(static_cast<int>(seed.centre.x - reach),
                    static_cast<int>(seed.centre.y - reach), static_cast<int>(2 * reach),
                    static_cast<int>(2 * reach));
    window &= cv::Rect(0, 0, grey.cols, grey.rows);
    if (window.area() < 100) continue;
    cv::Mat magnified;
    cv::resize(grey(window), magnified, {}, 2, 2, cv::INTER_CUBIC);
    std::vector<Finder> near;
    for (const double offset : {10.0, 4.0, 18.0, 0.0}) {
      for (const int block : {43, 83}) AddFinders(near, FindersIn(magnified, block, offset));
    }
    found = ReadFromFinders(magnified, near, grids_left);
    if (!found.empty() || grids_left <= 0) return found;
  }
  return {};
}

}  // namespace sohoa::pipeline
