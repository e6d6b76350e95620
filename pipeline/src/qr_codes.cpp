#include "sohoa/pipeline/qr_codes.h"

#include <zbar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "mat_view.h"

namespace sohoa::pipeline {
namespace {

// A finder pattern: the 7x7-module square (dark ring, light ring, 3x3 dark core) a QR code
// has in three corners.
struct Finder {
  cv::Point2f centre;
  double side = 0;  // pixels
};

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
      found.push_back(symbol->get_data());
    }
  }
  image.set_data(nullptr, 0);  // the pixels are `packed`'s
  return found;
}

// Finder patterns in `grey` binarized by a mean threshold over `block` pixels less `offset`:
// a dark outline holding a hole holding a dark core, squarish, the core about 9/49 of the
// outline's area and centred in it.
std::vector<Finder> FindersIn(const cv::Mat& grey, int block, double offset) {
  cv::Mat dark;
  cv::adaptiveThreshold(grey, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                        block | 1, offset);
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> tree;
  cv::findContours(dark, contours, tree, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
  std::vector<Finder> found;
  for (std::size_t i = 0; i < contours.size(); ++i) {
    const int hole = tree[i][2];
    if (hole < 0) continue;
    const int core = tree[hole][2];
    if (core < 0) continue;
    const double outer_area = cv::contourArea(contours[i]);
    if (outer_area < 60 || outer_area > 40000) continue;
    const cv::Rect box = cv::boundingRect(contours[i]);
    const double aspect = static_cast<double>(box.width) / box.height;
    if (aspect < 0.7 || aspect > 1.4) continue;
    const double core_share = cv::contourArea(contours[core]) / outer_area;
    const double hole_share = cv::contourArea(contours[hole]) / outer_area;
    if (core_share < 0.08 || core_share > 0.4 || hole_share < 0.25 || hole_share > 0.8) continue;
    const cv::Moments outer = cv::moments(contours[i]);
    const cv::Moments inner = cv::moments(contours[core]);
    if (outer.m00 <= 0 || inner.m00 <= 0) continue;
    const cv::Point2f outer_centre(outer.m10 / outer.m00, outer.m01 / outer.m00);
    const cv::Point2f inner_centre(inner.m10 / inner.m00, inner.m01 / inner.m00);
    const double side = std::sqrt(outer_area);
    if (cv::norm(outer_centre - inner_centre) > 0.15 * side) continue;
    found.push_back({(outer_centre + inner_centre) * 0.5f, side});
  }
  return found;
}

// Adds the finders not already in `finders` (same place), mapped from a window of the page
// at `origin` magnified `scale` times back to page pixels.
void AddFinders(std::vector<Finder>& finders, const std::vector<Finder>& more,
                cv::Point2f origin = {0, 0}, double scale = 1) {
  for (Finder finder : more) {
    finder.centre = finder.centre * static_cast<float>(1 / scale) + origin;
    finder.side /= scale;
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
    cv::Mat terms(n * n, 4, CV_64F);
    cv::Mat observed(n * n, 1, CV_64F);
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) {
        const int i = r * n + c;
        terms.at<double>(i, 0) = 1;
        terms.at<double>(i, 1) = dark[i];
        terms.at<double>(i, 2) = edges(r, c);
        terms.at<double>(i, 3) = corners(r, c);
        observed.at<double>(i, 0) = shades[i];
      }
    }
    cv::Mat weights;
    if (!cv::solve(terms, observed, weights, cv::DECOMP_SVD)) break;
    const double base = weights.at<double>(0), own = weights.at<double>(1);
    const double edge = weights.at<double>(2), corner = weights.at<double>(3);
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

// The code whose finders are `corner` (top left as the code is read), `right` and `below`:
// its size from the finders' spacing (a version either side of it tried too), each module's
// shade sampled where the three centres place it (an affine grid: a scan is flat), the grid
// also shifted and stretched by fractions of a module where the centres are a little off.
std::vector<std::string> ReadGrid(const cv::Mat& grey, const Finder& corner, Finder right,
                                  Finder below) {
  cv::Point2f across = right.centre - corner.centre;
  cv::Point2f down = below.centre - corner.centre;
  if (across.x * down.y - across.y * down.x < 0) {  // mirrored: the other two swap roles
    std::swap(right, below);
    std::swap(across, down);
  }
  const double module = (corner.side + right.side + below.side) / 3 / 7;
  const double spacing = (cv::norm(across) + cv::norm(down)) / 2;
  const int guess = static_cast<int>(std::lround((spacing / module + 7 - 17) / 4.0));
  for (const int version : {guess, guess - 1, guess + 1, guess - 2, guess + 2}) {
    if (version < 1 || version > 40) continue;
    const int n = 17 + 4 * version;
    for (const double shift_x : {0.0, -0.2, 0.2}) {
      for (const double shift_y : {0.0, -0.2, 0.2}) {
        for (const double stretch : {0.0, -0.01, 0.01}) {
          std::vector<float> shades(static_cast<std::size_t>(n) * n);
          for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
              // Module centres at c + 0.5; the finders' centres at 3.5 and n - 3.5.
              const double fx = (c - 3 + shift_x) / (n - 7) * (1 + stretch);
              const double fy = (r - 3 + shift_y) / (n - 7) * (1 + stretch);
              const cv::Point2f at =
                  corner.centre + across * static_cast<float>(fx) + down * static_cast<float>(fy);
              cv::Mat pixel;
              cv::getRectSubPix(grey, {1, 1}, at, pixel, CV_32F);
              shades[static_cast<std::size_t>(r) * n + c] = pixel.at<float>(0, 0);
            }
          }
          for (const int rounds : {3, 0}) {
            std::vector<std::string> found = ScanGrid(DarkModules(shades, n, rounds), n);
            if (!found.empty()) return found;
          }
        }
      }
    }
  }
  return {};
}

// Tries each three finders of like size that make a right angle with equal legs.
std::vector<std::string> ReadFromFinders(const cv::Mat& grey, std::vector<Finder> finders) {
  // Text gives a few finder-like marks; a page with very many is no page to search this way.
  constexpr std::size_t kMostFinders = 40;
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
  found = ReadFromFinders(grey, finders);
  if (!found.empty()) return found;

  // Where only some finders showed: the window a large card code around each could fill,
  // magnified twice, with more thresholds. Of the 57 harsh card pages' codes read (see the
  // header), 27 were read from the page as scanned and 30 this way.
  constexpr std::size_t kMostWindows = 12;
  constexpr double kModulesAround = 60;
  const std::vector<Finder> seeds(finders.begin(),
                                  finders.begin() + std::min(finders.size(), kMostWindows));
  for (const Finder& seed : seeds) {
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
    found = ReadFromFinders(magnified, near);
    if (!found.empty()) return found;
  }
  return {};
}

}  // namespace sohoa::pipeline
