// Page cleanup on synthetic scans with known defects: a known skew, a dark scanner border, a
// page scanned sideways, a red seal, a blank page, a shadowed page.
#include "sohoa/pipeline/cleanup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "support/opencv_image.h"

namespace sohoa::pipeline {
namespace {

constexpr double kDpi = 300;

Image ToImage(const cv::Mat& mat, double dpi = kDpi) { return testing::ImageFromMat(mat, dpi); }
using testing::MatFromImage;

// An A4 page (at `dpi`) of printed-looking text lines, black on white, grey or RGB.
cv::Mat TextPage(double dpi = kDpi, int channels = 1, int left_margin_in_tenths = 8) {
  const int width = static_cast<int>(8.27 * dpi), height = static_cast<int>(11.69 * dpi);
  cv::Mat page(height, width, channels == 1 ? CV_8UC1 : CV_8UC3, cv::Scalar::all(255));
  const double scale = dpi / 300 * 1.3;
  const char* lines[] = {"CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc",
                         "Giay khai sinh so 123/2024, quyen so 01",
                         "Ho va ten: Nguyen Van An, sinh ngay 06/02/2009",
                         "Noi sinh: Benh vien Da khoa tinh Thai Binh"};
  int i = 0;
  for (int y = static_cast<int>(dpi); y < height - static_cast<int>(dpi); y += dpi / 5, ++i) {
    cv::putText(page, lines[i % 5], {static_cast<int>(dpi * left_margin_in_tenths / 10), y},
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar::all(0),
                std::max(1, static_cast<int>(dpi / 110)), cv::LINE_AA);
  }
  return page;
}

// Rotates the content counter-clockwise by `degrees`, white outside, same size (a skewed scan).
cv::Mat Skewed(const cv::Mat& page, double degrees) {
  cv::Mat out;
  cv::warpAffine(page, out,
                 cv::getRotationMatrix2D({page.cols / 2.0f, page.rows / 2.0f}, degrees, 1.0),
                 page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(255));
  return out;
}

int DarkPixels(const cv::Mat& grey) { return cv::countNonZero(grey < 128); }

// The OCR copy shows the display page, at `min_ocr_dpi` when the scan is coarser (by default
// at the scan's own resolution).
void ExpectOcrCopyOfDisplay(const CleanPage& clean, double min_ocr_dpi = 0) {
  const double ocr_dpi = std::max(clean.display.dpi, min_ocr_dpi);
  EXPECT_DOUBLE_EQ(clean.ocr.dpi, ocr_dpi);
  EXPECT_EQ(clean.ocr.width, std::lround(clean.display.width * ocr_dpi / clean.display.dpi));
  EXPECT_EQ(clean.ocr.height, std::lround(clean.display.height * ocr_dpi / clean.display.dpi));
  EXPECT_EQ(clean.ocr.channels, 1);
}

// OCR copy pixels per display pixel (1.5 for a 200 dpi scan).
double OcrScale(const CleanPage& clean) {
  return static_cast<double>(clean.ocr.width) / clean.display.width;
}

// `r` (display pixels) in OCR copy pixels, rounded outwards.
cv::Rect InOcr(const CleanPage& clean, const cv::Rect& r) {
  const double s = OcrScale(clean);
  const cv::Point from(static_cast<int>(std::floor(r.x * s)),
                       static_cast<int>(std::floor(r.y * s)));
  const cv::Point to(static_cast<int>(std::ceil(r.br().x * s)),
                     static_cast<int>(std::ceil(r.br().y * s)));
  return cv::Rect(from, to) & cv::Rect(0, 0, clean.ocr.width, clean.ocr.height);
}

bool HasWarning(const CleanPage& clean, const std::string& text) {
  for (const auto& warning : clean.warnings) {
    if (warning.find(text) != std::string::npos) return true;
  }
  return false;
}

class SkewTest : public ::testing::TestWithParam<double> {};

TEST_P(SkewTest, KnownSkewIsMeasuredAndCorrected) {
  const double skew = GetParam();
  const cv::Mat scan = Skewed(TextPage(kDpi, 3), skew);
  const auto start = std::chrono::steady_clock::now();
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  RecordProperty("cleanup_seconds_a4_300dpi_rgb", std::to_string(seconds));
  std::printf("cleanup of an A4 300 dpi RGB page: %.3f s\n", seconds);
  EXPECT_NEAR(clean->skew_deg, skew, 0.3);
  EXPECT_EQ(clean->rotation_deg, 0);
  ExpectOcrCopyOfDisplay(*clean);
  EXPECT_EQ(clean->display.channels, 3);
  EXPECT_FALSE(HasWarning(*clean, "blank"));
  // The corrected page measures level.
  auto again = CleanupPage(clean->display, {}, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_NEAR(again->skew_deg, 0, 0.3);
  // The OCR copy holds the text: dark ink on white paper (its shading flattened to 255).
  const cv::Mat ocr = MatFromImage(clean->ocr);
  EXPECT_GT(cv::countNonZero(ocr == 255), ocr.total() * 8 / 10);
  EXPECT_LT(cv::mean(ocr, ocr < 255)[0], 96);
  EXPECT_GT(DarkPixels(ocr), DarkPixels(TextPage()) / 2);
}

INSTANTIATE_TEST_SUITE_P(Skews, SkewTest, ::testing::Values(3.0, -2.2, 0.0));

TEST(CleanupTest, DeskewCanBeTurnedOff) {
  CleanupOptions options;
  options.deskew = false;
  auto clean = CleanupPage(ToImage(Skewed(TextPage(150), 3.0), 150), options, nullptr);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->skew_deg, 0);
}

TEST(CleanupTest, DarkScannerBorderIsCroppedButTextIsKept) {
  const cv::Mat text = TextPage();
  cv::Mat scan = text.clone();
  // Scanner lid showing left (150 px), top (100 px) and right (60 px), slightly uneven.
  cv::rectangle(scan, {0, 0}, {149, scan.rows - 1}, cv::Scalar(25), cv::FILLED);
  cv::rectangle(scan, {0, 0}, {scan.cols - 1, 99}, cv::Scalar(40), cv::FILLED);
  cv::rectangle(scan, {scan.cols - 60, 0}, {scan.cols - 1, scan.rows - 1}, cv::Scalar(15),
                cv::FILLED);
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ExpectOcrCopyOfDisplay(*clean);
  EXPECT_NEAR(clean->display.width, text.cols - 210, 20);
  EXPECT_NEAR(clean->display.height, text.rows - 100, 20);
  const cv::Mat display = MatFromImage(clean->display);
  cv::Mat column_means, row_means;
  cv::reduce(display, column_means, 0, cv::REDUCE_AVG, CV_32F);
  cv::reduce(display, row_means, 1, cv::REDUCE_AVG, CV_32F);
  EXPECT_GT(column_means.at<float>(0, 0), 200);
  EXPECT_GT(column_means.at<float>(0, display.cols - 1), 200);
  EXPECT_GT(row_means.at<float>(0, 0), 200);
  // Every text pixel survived the crop.
  EXPECT_GE(DarkPixels(display), DarkPixels(text) * 99 / 100);
  EXPECT_LE(DarkPixels(display), DarkPixels(text) * 101 / 100);
}

TEST(CleanupTest, TextTouchingTheEdgeIsNotABorder) {
  const cv::Mat scan = TextPage(kDpi, 1, 0);  // lines start at the very left edge
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->display.width, scan.cols);
  EXPECT_EQ(clean->display.height, scan.rows);
}

TEST(CleanupTest, SidewaysPageIsTurnedUprightAsTheDetectorSays) {
  cv::Mat upright = TextPage(150);
  cv::rectangle(upright, {150, 100}, {210, 160}, cv::Scalar(0), cv::FILLED);  // top-left mark
  for (const double skew : {0.0, 2.0}) {
    SCOPED_TRACE(skew);
    cv::Mat scan;
    cv::rotate(Skewed(upright, skew), scan, cv::ROTATE_90_CLOCKWISE);
    int detector_channels = 0;
    OrientationDetector detector = [&](const Image& grey) -> Result<int> {
      detector_channels = grey.channels;
      return 270;
    };
    auto clean = CleanupPage(ToImage(scan, 150), {}, detector);
    ASSERT_TRUE(clean.ok()) << clean.status().ToString();
    EXPECT_EQ(detector_channels, 1);
    EXPECT_EQ(clean->rotation_deg, 270);
    EXPECT_EQ(clean->display.width, upright.cols);
    EXPECT_EQ(clean->display.height, upright.rows);
    ExpectOcrCopyOfDisplay(*clean);
    EXPECT_NEAR(clean->skew_deg, skew, 0.3);
    const cv::Mat display = MatFromImage(clean->display);
    EXPECT_LT(cv::mean(display(cv::Rect(165, 115, 30, 30)))[0], 60);
  }
}

// A scan at 150 dpi or coarser is its own analysis copy: turning that copy must not turn the
// caller's scan (it once did, in place, for a half turn: the page came out upside down).
TEST(CleanupTest, UpsideDownCoarseScanIsTurnedAndTheScanIsLeftAlone) {
  for (const double dpi : {150.0, 100.0}) {
    for (const int channels : {1, 3}) {
      SCOPED_TRACE(::testing::Message() << dpi << " dpi, " << channels << " channel(s)");
      cv::Mat upright = TextPage(dpi, channels);
      const cv::Rect mark(static_cast<int>(dpi), static_cast<int>(dpi * 2 / 3),
                          static_cast<int>(dpi * 0.4), static_cast<int>(dpi * 0.4));
      cv::rectangle(upright, mark, cv::Scalar::all(0), cv::FILLED);  // top-left mark
      cv::Mat scan;
      cv::rotate(upright, scan, cv::ROTATE_180);
      const Image image = ToImage(scan, dpi);
      const PixelBuffer as_scanned = image.pixels;
      OrientationDetector detector = [](const Image&) -> Result<int> { return 180; };
      auto clean = CleanupPage(image, {}, detector);
      ASSERT_TRUE(clean.ok()) << clean.status().ToString();
      EXPECT_EQ(clean->rotation_deg, 180);
      EXPECT_TRUE(image.pixels == as_scanned) << "the caller's scan was changed";
      const cv::Mat display = MatFromImage(clean->display);
      ASSERT_EQ(display.size(), upright.size());
      const cv::Rect inside(mark.x + mark.width / 4, mark.y + mark.height / 4, mark.width / 2,
                            mark.height / 2);
      EXPECT_LT(cv::mean(display(inside))[0], 60);
    }
  }
}

// A scan handed over (the pipeline's way) that needs no turn, deskew or crop becomes the
// display page as it is, without a copy; one that needs work comes out as from a scan lent.
TEST(CleanupTest, ScanHandedOverIsTheDisplayPageWhenNothingIsToBeDone) {
  Image straight = ToImage(TextPage(200, 3), 200);
  const PixelBuffer as_scanned = straight.pixels;
  const std::uint8_t* const scan_pixels = straight.pixels.data();
  auto clean = CleanupPage(std::move(straight), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->skew_deg, 0);
  EXPECT_EQ(clean->display.pixels.data(), scan_pixels) << "the page was copied";
  EXPECT_TRUE(clean->display.pixels == as_scanned);
  EXPECT_EQ(clean->display.dpi, 200);
  ExpectOcrCopyOfDisplay(*clean);

  const Image skewed = ToImage(Skewed(TextPage(200, 3), 2.0), 200);
  auto lent = CleanupPage(skewed, {}, nullptr);
  auto handed_over = CleanupPage(Image(skewed), {}, nullptr);
  ASSERT_TRUE(lent.ok() && handed_over.ok());
  EXPECT_NEAR(handed_over->skew_deg, 2.0, 0.1);
  EXPECT_TRUE(handed_over->display.pixels == lent->display.pixels);
  EXPECT_TRUE(handed_over->ocr.pixels == lent->ocr.pixels);
}

TEST(CleanupTest, FailingDetectorLeavesThePageAndWarns) {
  OrientationDetector detector = [](const Image&) -> Result<int> {
    return InternalError("engine crashed");
  };
  auto clean = CleanupPage(ToImage(TextPage(100), 100), {}, detector);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->rotation_deg, 0);
  EXPECT_TRUE(HasWarning(*clean, "orientation"));
}

TEST(CleanupTest, RedSealAndBlueSignatureAreKeptForDisplayButNotForOcr) {
  const cv::Mat text = TextPage(kDpi, 3);
  // Stamp and signature inks darken the paper under them but leave black text black.
  cv::Mat ink_layer(text.size(), CV_8UC3, cv::Scalar::all(255));
  const cv::Point centre(1000, 2000);
  const cv::Scalar red(210, 35, 40), blue(35, 45, 150);  // RGB
  cv::circle(ink_layer, centre, 300, red, 25, cv::LINE_AA);
  cv::circle(ink_layer, centre, 240, red, 8, cv::LINE_AA);
  cv::putText(ink_layer, "UY BAN NHAN DAN", centre + cv::Point(-220, 0), cv::FONT_HERSHEY_SIMPLEX,
              1.5, red, 5, cv::LINE_AA);
  cv::ellipse(ink_layer, centre + cv::Point(-500, 450), {250, 80}, 10, 0, 300, blue, 6,
              cv::LINE_AA);
  cv::Mat scan;
  cv::min(text, ink_layer, scan);
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  auto clean_text = CleanupPage(ToImage(text), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_TRUE(clean_text.ok());
  ExpectOcrCopyOfDisplay(*clean);
  const cv::Mat display = MatFromImage(clean->display);
  const cv::Mat ocr = MatFromImage(clean->ocr);
  const cv::Mat ocr_text = MatFromImage(clean_text->ocr);
  ASSERT_EQ(display.size(), scan.size());  // nothing to crop, no skew
  ASSERT_EQ(ocr_text.size(), scan.size());
  EXPECT_NEAR(clean->skew_deg, clean_text->skew_deg, 0.1);  // seal ink does not tilt the page
  // The seal is red on display.
  const cv::Vec3b ring_colour = display.at<cv::Vec3b>(centre.y, centre.x - 300);
  EXPECT_GT(ring_colour[0], 150);
  EXPECT_LT(ring_colour[1], 90);
  // For OCR, the seal and signature areas hold the black text only, as if never stamped.
  const cv::Rect seal(centre.x - 320, centre.y - 320, 640, 640);
  const cv::Rect signature(centre.x - 800, centre.y + 330, 600, 250);
  for (const cv::Rect& area : {seal, signature}) {
    cv::Mat stamped;
    cv::absdiff(scan(area), text(area), stamped);
    cv::cvtColor(stamped, stamped, cv::COLOR_RGB2GRAY);
    const int coloured_ink = cv::countNonZero(stamped > 10);
    ASSERT_GT(coloured_ink, 1000);
    const int extra = cv::countNonZero(ocr(area) < 128) - cv::countNonZero(ocr_text(area) < 128);
    EXPECT_LT(std::abs(extra), coloured_ink / 20) << "coloured ink left in the OCR copy";
  }
  // The black text under the seal is still there for OCR.
  EXPECT_GT(cv::countNonZero(ocr(seal) < 128), cv::countNonZero(ocr_text(seal) < 128) * 9 / 10);
}

TEST(CleanupTest, VioletReceivedStampIsLiftedButBlackTextUnderItStays) {
  const cv::Mat text = TextPage(kDpi, 3);
  // A received stamp in violet ink (red and blue alike, green low), as clerks stamp copies.
  cv::Mat ink_layer(text.size(), CV_8UC3, cv::Scalar::all(255));
  const cv::Scalar violet(150, 72, 150);  // RGB
  const cv::Rect box(600, 1150, 900, 420);
  cv::rectangle(ink_layer, box, violet, 8, cv::LINE_AA);
  cv::putText(ink_layer, "BO PHAN MOT CUA", box.tl() + cv::Point(60, 110), cv::FONT_HERSHEY_SIMPLEX,
              2.0, violet, 5, cv::LINE_AA);
  cv::putText(ink_layer, "DEN  Ngay: 28/10/21", box.tl() + cv::Point(60, 300),
              cv::FONT_HERSHEY_SIMPLEX, 2.0, violet, 5, cv::LINE_AA);
  cv::Mat scan;
  cv::multiply(text, ink_layer, scan, 1.0 / 255);
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  auto clean_text = CleanupPage(ToImage(text), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_TRUE(clean_text.ok());
  const cv::Mat display = MatFromImage(clean->display);
  const cv::Mat ocr = MatFromImage(clean->ocr), ocr_text = MatFromImage(clean_text->ocr);
  ASSERT_EQ(ocr.size(), ocr_text.size());
  // Still violet for the reader.
  const cv::Vec3b frame = display.at<cv::Vec3b>(box.y + 300, box.x);
  EXPECT_GT(frame[0], frame[1] + 40);
  EXPECT_GT(frame[2], frame[1] + 40);
  cv::Mat stamped;
  cv::absdiff(scan(box), text(box), stamped);
  cv::cvtColor(stamped, stamped, cv::COLOR_RGB2GRAY);
  const int stamp_ink = cv::countNonZero(stamped > 10);
  ASSERT_GT(stamp_ink, 5000);
  const int text_ink = cv::countNonZero(ocr_text(box) < 128);
  const int extra = cv::countNonZero(ocr(box) < 128) - text_ink;
  EXPECT_LT(std::abs(extra), stamp_ink / 20) << "stamp ink left in the OCR copy";
  EXPECT_GT(text_ink, 1000);  // black text runs under the stamp, and stays
}

TEST(CleanupTest, PhotocopyGreyTextUnderAVioletStampStays) {
  // A received stamp on a photocopy: the text under it is toner grey, not black.
  cv::Mat text = TextPage(kDpi, 3);
  text.setTo(cv::Scalar::all(90), text < 128);
  cv::Mat ink_layer(text.size(), CV_8UC3, cv::Scalar::all(255));
  const cv::Rect box(600, 1150, 900, 420);
  ink_layer(box).setTo(cv::Scalar(150, 72, 150));  // a solid violet patch over the text
  cv::Mat scan;
  cv::multiply(text, ink_layer, scan, 1.0 / 255);
  auto clean = CleanupPage(ToImage(scan), {}, nullptr);
  auto clean_text = CleanupPage(ToImage(text), {}, nullptr);
  ASSERT_TRUE(clean.ok() && clean_text.ok());
  const cv::Mat ocr = MatFromImage(clean->ocr), ocr_text = MatFromImage(clean_text->ocr);
  const int text_ink = cv::countNonZero(ocr_text(box) < 128);
  ASSERT_GT(text_ink, 1000);
  // Most of the grey text under the stamp is still ink, and the stamp itself is not.
  EXPECT_GT(cv::countNonZero(ocr(box) < 128), 0.7 * text_ink);
  EXPECT_LT(cv::countNonZero(ocr(box) < 128), 1.3 * text_ink);
}

TEST(CleanupTest, ThinStampFrameOnAGreyPhotocopyIsLifted) {
  // A 200 dpi photocopy (grey paper, toner-grey text) with a received stamp's frame: a dark
  // violet line 3 pixels wide, saved as a JPEG that halves the colour resolution. (A plain
  // mean of the neighbourhood's colour left about half the frame in the OCR copy.)
  constexpr double dpi = 200;
  cv::Mat text = TextPage(dpi, 3);
  cv::Mat photocopy = text * (150.0 / 255) + cv::Scalar::all(55);  // paper 205, text 55
  cv::Mat scan = photocopy.clone();
  const cv::Rect box(300, 560, 700, 220);
  constexpr int kLineWidth = 3;
  cv::rectangle(scan, box, cv::Scalar(105, 70, 105), kLineWidth, cv::LINE_8);
  // An RGB page through a quality-75 JPEG (empty if encoding failed).
  const auto as_jpeg = [](const cv::Mat& rgb) {
    cv::Mat bgr, decoded;
    std::vector<std::uint8_t> jpeg;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 75})) return decoded;
    cv::cvtColor(cv::imdecode(jpeg, cv::IMREAD_COLOR), decoded, cv::COLOR_BGR2RGB);
    return decoded;
  };
  const cv::Mat decoded = as_jpeg(scan), unstamped = as_jpeg(photocopy);
  ASSERT_FALSE(decoded.empty() || unstamped.empty());
  auto clean = CleanupPage(ToImage(decoded, dpi), {}, nullptr);
  auto clean_text = CleanupPage(ToImage(unstamped, dpi), {}, nullptr);
  ASSERT_TRUE(clean.ok() && clean_text.ok());
  ASSERT_EQ(clean->ocr.width, clean_text->ocr.width);
  ASSERT_EQ(clean->ocr.height, clean_text->ocr.height);
  const cv::Mat ocr = MatFromImage(clean->ocr), ocr_text = MatFromImage(clean_text->ocr);
  // Along the frame (a band 6 pixels wide around each side) the OCR copy holds the text only.
  cv::Mat band = cv::Mat::zeros(ocr.size(), CV_8U);
  cv::rectangle(band, box, cv::Scalar(255), 6);
  const int frame_pixels = 2 * (box.width + box.height) * kLineWidth;
  const int extra =
      cv::countNonZero((ocr < 255) & band) - cv::countNonZero((ocr_text < 255) & band);
  EXPECT_LT(extra, frame_pixels / 10) << "the stamp's frame is left in the OCR copy";
  // The text the frame crosses is still there.
  EXPECT_GT(cv::countNonZero(ocr(box) < 255), 0.9 * cv::countNonZero(ocr_text(box) < 255));
}

TEST(CleanupTest, GreySealOfAPhotocopyIsDroppedButFadedTextStays) {
  // A photocopy of a sealed paper: toner-grey text (level 80), and the red seal turned a
  // lighter grey (level 140) by the copier: a ring with lettering and a star, over blank paper
  // beside the signer's title.
  cv::Mat page = TextPage(200);
  page.setTo(80, page < 128);
  const cv::Rect area(page.cols / 2, page.rows / 2, page.cols / 2 - 40, 420);
  page(area).setTo(255);
  const cv::Point centre(area.x + 260, area.y + 210);
  cv::circle(page, centre, 160, cv::Scalar(140), 5, cv::LINE_AA);
  cv::circle(page, centre, 120, cv::Scalar(140), 3, cv::LINE_AA);
  cv::putText(page, "UY BAN NHAN DAN", centre + cv::Point(-105, -40), cv::FONT_HERSHEY_SIMPLEX,
              0.75, cv::Scalar(140), 2, cv::LINE_AA);
  cv::putText(page, "XA TAM QUANG", centre + cv::Point(-90, 70), cv::FONT_HERSHEY_SIMPLEX, 0.75,
              cv::Scalar(140), 2, cv::LINE_AA);
  cv::drawMarker(page, centre + cv::Point(0, 10), cv::Scalar(140), cv::MARKER_STAR, 50, 4);
  // The signer's title beside it, in toner grey like the rest of the text.
  cv::putText(page, "CHU TICH", {area.x + 480, area.y + 200}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(80), 2, cv::LINE_AA);
  auto clean = CleanupPage(ToImage(page, 200), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->display.width, page.cols);  // nothing to crop: same coordinates
  const cv::Mat ocr = MatFromImage(clean->ocr);
  const double area_scale = OcrScale(*clean) * OcrScale(*clean);
  const cv::Rect seal(centre.x - 170, centre.y - 170, 340, 340);
  EXPECT_LT(cv::countNonZero(ocr(InOcr(*clean, seal)) < 128), 100 * area_scale)
      << "grey seal left in the OCR copy";
  const cv::Rect title(area.x + 470, area.y + 160, 220, 60);
  EXPECT_GT(cv::countNonZero(ocr(InOcr(*clean, title)) < 128), 400 * area_scale)
      << "the title beside the seal was lost";
  const cv::Rect body(0, 0, page.cols, area.y);
  EXPECT_GT(cv::countNonZero(ocr(InOcr(*clean, body)) < 128),
            0.8 * area_scale * cv::countNonZero(page(body) < 128));
}

// A 200 dpi RGB page of text with two filing holes (6 mm) on its left edge showing the dark
// scanner lid.
struct PunchedPage {
  cv::Mat page = TextPage(200, 3);
  int r = static_cast<int>(3.0 * 200 / 25.4);
  cv::Point top{static_cast<int>(12 * 200 / 25.4), page.rows / 2 - 315};
  cv::Point bottom{top.x, page.rows / 2 + 315};
  PunchedPage() {
    for (const cv::Point& c : {top, bottom})
      cv::circle(page, c, r, cv::Scalar::all(30), cv::FILLED);
  }
  // Neither copy shows the holes (positions on the upright page).
  void ExpectHolesGone(const CleanPage& clean) const {
    const cv::Mat ocr = MatFromImage(clean.ocr), display = MatFromImage(clean.display);
    for (const cv::Point& c : {top, bottom}) {
      const cv::Rect hole(c.x - r - 4, c.y - r - 4, 2 * r + 8, 2 * r + 8);
      EXPECT_EQ(cv::countNonZero(ocr(InOcr(clean, hole)) < 128), 0)
          << "punch hole read as ink at " << c;
      EXPECT_GT(display.at<cv::Vec3b>(c)[0], 200) << "punch hole still dark at " << c;
    }
  }
};

TEST(CleanupTest, PunchHolesBecomePaperButTextAndBulletsStay) {
  // The holes, and a big bullet dot in the text column (round and filled too, but far from
  // the edge).
  PunchedPage punched;
  cv::Mat& page = punched.page;
  const cv::Point bullet(page.cols / 2, page.rows / 2);
  page(cv::Rect(bullet.x - 40, bullet.y - 40, 80, 80)).setTo(cv::Scalar::all(255));
  cv::circle(page, bullet, 12, cv::Scalar::all(0), cv::FILLED);
  auto clean = CleanupPage(ToImage(page, 200), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->display.width, page.cols);  // nothing cropped: same coordinates
  punched.ExpectHolesGone(*clean);
  const cv::Mat ocr = MatFromImage(clean->ocr);
  EXPECT_LT(ocr.at<std::uint8_t>(InOcr(*clean, {bullet, cv::Size(1, 1)}).tl()), 128)
      << "a bullet in the text is not a hole";
  const cv::Rect body(page.cols / 4, 0, page.cols / 2, page.rows);
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_RGB2GRAY);
  EXPECT_GT(cv::countNonZero(ocr(InOcr(*clean, body)) < 128),
            0.8 * OcrScale(*clean) * OcrScale(*clean) * cv::countNonZero(grey(body) < 128));
}

TEST(CleanupTest, PunchHolesAreFoundOnASkewedSidewaysScan) {
  // The same holes on a page scanned askew and sideways: they are found on the scan as it
  // came and must be erased where the page ends up once turned and deskewed.
  const PunchedPage punched;
  cv::Mat scan;
  cv::rotate(Skewed(punched.page, 2.0), scan, cv::ROTATE_90_CLOCKWISE);
  OrientationDetector detector = [](const Image&) -> Result<int> { return 270; };
  auto clean = CleanupPage(ToImage(scan, 200), {}, detector);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->rotation_deg, 270);
  ASSERT_NEAR(clean->skew_deg, 2.0, 0.1);
  ASSERT_EQ(clean->display.width, punched.page.cols);
  punched.ExpectHolesGone(*clean);
}

TEST(CleanupTest, IsolatedSpecksAreErasedButDotsNearLettersStay) {
  cv::Mat page = TextPage(200);
  // Toner dust in the empty bottom margin, far from any text.
  cv::Mat dust = cv::Mat::zeros(page.size(), CV_8U);
  const int margin_top = page.rows - 150;
  for (int i = 0; i < 40; ++i) {
    const cv::Point speck(100 + i * 35, margin_top + 30 + (i * 37) % 90);
    cv::circle(page, speck, 1, cv::Scalar(40), cv::FILLED);
  }
  // Dots of i and a colon, as small as the dust, right next to their letters.
  const cv::Point word(300, margin_top - 300);
  cv::putText(page, "ll ll ll", word, cv::FONT_HERSHEY_SIMPLEX, 1.3, cv::Scalar(0), 2, cv::LINE_AA);
  std::vector<cv::Point> dots;
  for (int i = 0; i < 3; ++i) dots.push_back(word + cv::Point(6 + i * 66, -42));
  for (const cv::Point& dot : dots) cv::circle(page, dot, 1, cv::Scalar(40), cv::FILLED);
  auto clean = CleanupPage(ToImage(page, 200), {}, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  const cv::Mat ocr = MatFromImage(clean->ocr);
  ASSERT_EQ(clean->display.width, page.cols);  // nothing cropped: same coordinates
  const cv::Rect margin(0, margin_top, page.cols, 150);
  EXPECT_GT(DarkPixels(page(margin)), 40);
  EXPECT_EQ(DarkPixels(ocr(InOcr(*clean, margin))), 0) << "dust left in the OCR copy";
  for (const cv::Point& dot : dots) {
    EXPECT_GT(DarkPixels(ocr(InOcr(*clean, cv::Rect(dot - cv::Point(2, 2), cv::Size(5, 5))))), 0)
        << "dot near a letter erased at " << dot;
  }
}

// A photocopy whose worn toner broke its strokes, at 200 dpi: text in toner grey (level 70)
// on paper (245), with toner-less specks (level 190) over about a quarter of it, in blobs of
// a few pixels. Returns the page and, in `strokes`, where its text was printed.
cv::Mat BrokenStrokesPhotocopy(cv::Mat& strokes) {
  cv::Mat page(2339, 1654, CV_8UC1, cv::Scalar(245));
  for (int y = 200, i = 0; y < 2100; y += 60, ++i) {
    cv::putText(page, i % 2 ? "Noi sinh: Benh vien Da khoa tinh" : "Ho va ten: Nguyen Van An 0481",
                {160, y}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(70), 3, cv::LINE_AA);
  }
  strokes = page < 160;
  cv::Mat field(page.rows / 3, page.cols / 3, CV_8UC1);
  cv::RNG(17).fill(field, cv::RNG::UNIFORM, 0, 256);
  cv::resize(field, field, page.size(), 0, 0, cv::INTER_LINEAR);
  page.setTo(190, (field > 175) & strokes);
  return page;
}

TEST(CleanupTest, BrokenPhotocopyStrokesAreMendedButLetterGapsStayPaper) {
  cv::Mat strokes;
  const cv::Mat page = BrokenStrokesPhotocopy(strokes);
  CleanupOptions unmended;
  unmended.mend_broken_strokes = false;
  auto broken = CleanupPage(ToImage(page, 200), unmended, nullptr);
  auto mended = CleanupPage(ToImage(page, 200), {}, nullptr);
  ASSERT_TRUE(broken.ok() && mended.ok());
  ASSERT_EQ(mended->ocr.width, page.cols);  // nothing cropped: same coordinates
  const cv::Mat before = MatFromImage(broken->ocr), after = MatFromImage(mended->ocr);
  // The share of the printed strokes the OCR copy holds as ink.
  const auto covered = [&](const cv::Mat& ocr) {
    return static_cast<double>(cv::countNonZero((ocr < 255) & strokes)) / cv::countNonZero(strokes);
  };
  // Blobs wider than a break the mending bridges (about 0.02 inch) stay.
  EXPECT_LT(covered(before), 0.85) << "the specks did not break the strokes";
  EXPECT_GT(covered(after), 0.92) << "breaks left in the strokes";
  // Mended pixels carry the scan's grey (lighter than the toner), not black.
  const cv::Mat mended_pixels = (after < 255) & (before == 255);
  ASSERT_GT(cv::countNonZero(mended_pixels), 0);
  EXPECT_GT(cv::mean(after, mended_pixels)[0], cv::mean(after, before < 255)[0] + 50);
  // Paper more than 3 pixels from any stroke (between letters and lines) stays paper.
  cv::Mat near_strokes;
  cv::dilate(strokes, near_strokes, cv::Mat::ones(7, 7, CV_8U));
  EXPECT_EQ(cv::countNonZero((after < 255) & ~near_strokes), 0);
}

TEST(CleanupTest, WholeStrokesAreLeftAsTheyAre) {
  // A page of body text without broken strokes: mending is not applied, so blurred edges and
  // the curls of tone marks are not filled in.
  cv::Mat page = TextPage(300);
  cv::GaussianBlur(page, page, {5, 5}, 1.2);
  CleanupOptions unmended;
  unmended.mend_broken_strokes = false;
  auto plain = CleanupPage(ToImage(page), unmended, nullptr);
  auto mended = CleanupPage(ToImage(page), {}, nullptr);
  ASSERT_TRUE(plain.ok() && mended.ok());
  EXPECT_EQ(cv::countNonZero(MatFromImage(plain->ocr) != MatFromImage(mended->ocr)), 0);
}

TEST(CleanupTest, NearlyBlackTinyAndPhotographPagesAreFlaggedNotFailed) {
  cv::Mat black(1754, 1240, CV_8UC1);
  cv::randn(black, 20, 5);
  cv::putText(black, "Trang toi", {200, 300}, cv::FONT_HERSHEY_SIMPLEX, 2, cv::Scalar(200), 3);
  auto dark = CleanupPage(ToImage(black, 150), {}, nullptr);
  ASSERT_TRUE(dark.ok()) << dark.status().ToString();
  EXPECT_TRUE(HasWarning(*dark, "page is nearly black"));

  cv::Mat slip(220, 500, CV_8UC1, cv::Scalar(250));  // 0.73 x 1.67 inch at 300 dpi
  cv::putText(slip, "Da nhan", {40, 120}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
  auto small = CleanupPage(ToImage(slip, 300), {}, nullptr);
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(HasWarning(*small, "page is very small (stamp or slip?)"));

  // A photograph: smooth shapes of many tones plus film grain, no white paper anywhere.
  cv::Mat coarse(12, 9, CV_8UC1);
  cv::randu(coarse, 60, 200);
  cv::Mat photo;
  cv::resize(coarse, photo, {1240, 1754}, 0, 0, cv::INTER_CUBIC);
  cv::Mat grain(photo.size(), CV_8UC1);
  cv::randn(grain, 0, 12);
  cv::Mat photo_rgb;
  cv::cvtColor(photo + grain, photo_rgb, cv::COLOR_GRAY2RGB);
  auto picture = CleanupPage(ToImage(photo_rgb, 150), {}, nullptr);
  ASSERT_TRUE(picture.ok());
  EXPECT_TRUE(HasWarning(*picture, "page looks like a photograph"));

  // An ordinary page, a shadowed one and a grainy one get none of these.
  cv::Mat shadowed = TextPage(200);
  for (int x = 0; x < shadowed.cols; ++x) {
    shadowed.col(x).convertTo(shadowed.col(x), CV_8U, 1.0 - 0.5 * x / shadowed.cols);
  }
  cv::Mat noisy = TextPage(200), noise(noisy.size(), CV_8UC1);
  cv::randn(noise, 0, 16);
  noisy = noisy * 0.75 + noise;
  for (const cv::Mat& page : {TextPage(300), shadowed, noisy}) {
    auto clean = CleanupPage(ToImage(page, page.cols > 2000 ? 300 : 200), {}, nullptr);
    ASSERT_TRUE(clean.ok());
    EXPECT_TRUE(clean->warnings.empty()) << clean->warnings.front();
  }
}

// With CleanupOptions::ocr_dpi = 300 a 200 dpi scan is archived at 200 dpi and read from a
// 300 dpi copy showing the same text in the same places.
TEST(CleanupTest, CoarseScanIsReadFromA300DpiCopyOfTheSamePage) {
  const cv::Mat page = TextPage(200);
  CleanupOptions options;
  options.ocr_dpi = 300;
  auto clean = CleanupPage(ToImage(page, 200), options, nullptr);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->display.width, page.cols);  // nothing cropped: same coordinates
  EXPECT_DOUBLE_EQ(clean->display.dpi, 200);
  EXPECT_DOUBLE_EQ(clean->ocr.dpi, 300);
  EXPECT_EQ(clean->ocr.width, std::lround(page.cols * 1.5));
  EXPECT_EQ(clean->ocr.height, std::lround(page.rows * 1.5));
  // Every text line sits where it is on the page: ink rows of the OCR copy, brought back to
  // page rows, are the page's ink rows (within a pixel of the page).
  const cv::Mat ocr = MatFromImage(clean->ocr);
  cv::Mat page_rows, ocr_rows;
  cv::reduce(page < 128, page_rows, 1, cv::REDUCE_MAX);
  cv::reduce(ocr < 128, ocr_rows, 1, cv::REDUCE_MAX);
  int lines = 0, misplaced = 0;
  for (int y = 1; y < page.rows; ++y) {
    if (page_rows.at<std::uint8_t>(y) && !page_rows.at<std::uint8_t>(y - 1)) {  // a line's top
      ++lines;
      const int ocr_y = static_cast<int>(std::lround(y * 1.5));
      bool found = false;
      for (int d = -2; d <= 2 && !found; ++d) {
        found = ocr_rows.at<std::uint8_t>(std::clamp(ocr_y + d, 0, ocr.rows - 1)) != 0 &&
                ocr_rows.at<std::uint8_t>(std::clamp(ocr_y + d - 2, 0, ocr.rows - 1)) == 0;
      }
      if (!found) ++misplaced;
    }
  }
  EXPECT_GT(lines, 40);
  EXPECT_EQ(misplaced, 0);
  // No stroke lost, none bloated into blobs: about as much ink per page area as the scan
  // (somewhat more: Sauvola takes in the anti-aliased edges of 1-pixel strokes, 1.45 here).
  const double ink_ratio = static_cast<double>(DarkPixels(ocr)) / (2.25 * DarkPixels(page));
  EXPECT_GT(ink_ratio, 0.8);
  EXPECT_LT(ink_ratio, 1.6);
}

TEST(CleanupTest, BlankPageIsKeptWithAWarning) {
  cv::Mat blank(1754, 1240, CV_8UC1);
  cv::randn(blank, 235, 3);
  cv::circle(blank, {600, 900}, 2, cv::Scalar(60), cv::FILLED);  // a dust speck
  auto clean = CleanupPage(ToImage(blank, 150), {}, nullptr);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(HasWarning(*clean, "page looks blank"));
  EXPECT_EQ(clean->display.width, 1240);
  ExpectOcrCopyOfDisplay(*clean);

  cv::Mat one_line(1754, 1240, CV_8UC1, cv::Scalar(255));
  cv::putText(one_line, "Trang nay de trong", {200, 300}, cv::FONT_HERSHEY_SIMPLEX, 0.7,
              cv::Scalar(0), 2);
  auto written = CleanupPage(ToImage(one_line, 150), {}, nullptr);
  ASSERT_TRUE(written.ok());
  EXPECT_FALSE(HasWarning(*written, "blank"));
}

TEST(CleanupTest, ShadowedPageBinarizesToCleanPaper) {
  const cv::Mat text = TextPage(200);
  cv::Mat page = text.clone();
  // A shadow darkening the paper towards the right edge, as near a book's spine.
  for (int x = 0; x < page.cols; ++x) {
    const double shade = 1.0 - 0.5 * x / page.cols;
    page.col(x).convertTo(page.col(x), CV_8U, shade);
  }
  auto clean = CleanupPage(ToImage(page, 200), {}, nullptr);
  auto clean_text = CleanupPage(ToImage(text, 200), {}, nullptr);
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(clean_text.ok());
  const cv::Mat ocr = MatFromImage(clean->ocr), ocr_text = MatFromImage(clean_text->ocr);
  // The right margin (shadowed, no text) is white paper; text on the shadowed side is ink
  // much as on the unshadowed page.
  EXPECT_EQ(cv::countNonZero(ocr(cv::Rect(ocr.cols - 100, 0, 100, ocr.rows)) < 128), 0);
  const cv::Rect shadowed(ocr.cols / 2, 0, ocr.cols / 4, ocr.rows);
  const int ink = cv::countNonZero(ocr(shadowed) < 128);
  const int ink_unshadowed = cv::countNonZero(ocr_text(shadowed) < 128);
  EXPECT_GT(ink_unshadowed, 1000);
  EXPECT_NEAR(ink, ink_unshadowed, ink_unshadowed / 10);
}

TEST(CleanupTest, TinyImagesAreHandled) {
  for (const cv::Size size : {cv::Size(1, 1), cv::Size(7, 3), cv::Size(40, 2000)}) {
    auto clean =
        CleanupPage(ToImage(cv::Mat(size, CV_8UC3, cv::Scalar::all(128)), 300), {}, nullptr);
    ASSERT_TRUE(clean.ok()) << clean.status().ToString();
    EXPECT_EQ(clean->display.width, size.width);
    ExpectOcrCopyOfDisplay(*clean);
  }
}

TEST(CleanupTest, EmptyImageIsInvalidInput) {
  auto clean = CleanupPage(Image{}, {}, nullptr);
  ASSERT_FALSE(clean.ok());
  EXPECT_EQ(clean.status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace sohoa::pipeline
