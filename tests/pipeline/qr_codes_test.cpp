// ReadQrCodes on pages the test draws: a code encoded by libqrencode, drawn at a given number
// of pixels a module, turned, blurred, grained and JPEG-compressed the way a scan is.
#include "sohoa/pipeline/qr_codes.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "support/opencv_image.h"

namespace sohoa::pipeline {
namespace {

// A card's code text (the samples script's form): ID|old ID|name|DDMMYYYY|sex|address|DDMMYYYY.
const std::string kCardText =
    "001077207652|448273649|Nguyễn Duy Lâm|27081977|Nam|"
    "Ấp Trung, xã Vĩnh Quỳnh, huyện Thanh Trì, thành phố Hà Nội|28052022";

struct Scan {
  double pixels_per_module = 6;
  double turn_deg = 0;
  double blur_sigma = 0;  // pixels
  double grain = 0;       // standard deviation of the noise, grey levels
  int jpeg_quality = 0;   // 0: not compressed
};

// A grey 900 x 900 page: a few lines of text, and the code for `text` (error correction M)
// with a quiet zone of two modules, as `scan` says.
Image PageWithCode(const std::string& text, const Scan& scan) {
  QRcode* code =
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  EXPECT_NE(code, nullptr);
  const int n = code->width;
  const double module = scan.pixels_per_module;
  const int side = static_cast<int>(std::ceil((n + 4) * module));
  cv::Mat symbol(side, side, CV_8U, cv::Scalar(235));
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if ((code->data[r * n + c] & 1) == 0) continue;
      const cv::Point from(static_cast<int>(std::lround((c + 2) * module)),
                           static_cast<int>(std::lround((r + 2) * module)));
      const cv::Point to(static_cast<int>(std::lround((c + 3) * module)) - 1,
                         static_cast<int>(std::lround((r + 3) * module)) - 1);
      cv::rectangle(symbol, from, to, cv::Scalar(35), cv::FILLED);
    }
  }
  QRcode_free(code);

  cv::Mat page(900, 900, CV_8U, cv::Scalar(235));
  for (int line = 0; line < 6; ++line) {
    cv::putText(page, "Noi thuong tru / Place of residence: 0123", {40, 80 + 40 * line},
                cv::FONT_HERSHEY_SIMPLEX, 0.7, cv::Scalar(40), 2);
  }
  symbol.copyTo(page(cv::Rect(420, 380, side, side)));
  if (scan.turn_deg != 0) {
    const cv::Mat turn = cv::getRotationMatrix2D({450, 450}, scan.turn_deg, 1);
    cv::warpAffine(page, page, turn, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(235));
  }
  if (scan.blur_sigma > 0) cv::GaussianBlur(page, page, {0, 0}, scan.blur_sigma);
  if (scan.grain > 0) {
    cv::Mat noise(page.size(), CV_16S);
    cv::randn(noise, 0, scan.grain);
    cv::Mat wide;
    page.convertTo(wide, CV_16S);
    cv::add(wide, noise, wide);
    wide.convertTo(page, CV_8U);
  }
  if (scan.jpeg_quality > 0) {
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", page, bytes, {cv::IMWRITE_JPEG_QUALITY, scan.jpeg_quality});
    page = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  }
  return testing::ImageFromMat(page, 200);
}

TEST(ReadQrCodes, SharpCodeAsEncoded) {
  const std::vector<std::string> codes = ReadQrCodes(PageWithCode(kCardText, {}));
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], kCardText);  // the UTF-8 bytes as encoded, not converted
}

// A 14 mm card code of 49 modules scanned at 200 dpi: 2.2 pixels a module, turned 2 degrees
// (laid on the scanner by hand), blurred so that a light module among dark ones stays grey, and
// compressed. zbar alone reads nothing of this page, nor does the module grid told by its
// median shade alone (at any turn from -4 to 5 degrees); with the blur's spread to the
// neighbours taken out, it decodes.
TEST(ReadQrCodes, BlurredCodeOfTwoPixelModulesReadFromItsGrid) {
  const Scan scan{
      .pixels_per_module = 2.2, .turn_deg = 2, .blur_sigma = 0.9, .grain = 6, .jpeg_quality = 60};
  const std::vector<std::string> codes = ReadQrCodes(PageWithCode(kCardText, scan));
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], kCardText);
}

// The finders say which corner is which: a code upside down reads the same.
TEST(ReadQrCodes, UpsideDownCodeReadFromItsGrid) {
  const Scan scan{.pixels_per_module = 2.5, .turn_deg = 178, .blur_sigma = 0.7};
  const std::vector<std::string> codes = ReadQrCodes(PageWithCode(kCardText, scan));
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], kCardText);
}

TEST(ReadQrCodes, PageWithoutCodeGivesNothing) {
  cv::Mat page(900, 900, CV_8U, cv::Scalar(235));
  for (int line = 0; line < 15; ++line) {
    cv::putText(page, "CONG HOA XA HOI CHU NGHIA VIET NAM @ 0 8 O", {30, 50 + 55 * line},
                cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(30), 2);
  }
  EXPECT_TRUE(ReadQrCodes(testing::ImageFromMat(page, 200)).empty());
  EXPECT_TRUE(ReadQrCodes(Image{}).empty());
}

// A code of bytes that are no UTF-8 text ("Nguyễn" in Windows-1258, say) is not passed on as
// text: the record that would hold it is JSON.
TEST(ReadQrCodes, CodeThatIsNotUtf8IsLeftOut) {
  const std::string cp1258 = "001077207652||Nguy\xEAn Duy L\xE2m|27081977|Nam|\xC2p Trung|28052022";
  EXPECT_TRUE(ReadQrCodes(PageWithCode(cp1258, {})).empty());
  EXPECT_EQ(ReadQrCodes(PageWithCode("Nguyễn", {})), std::vector<std::string>{"Nguyễn"});
}

// A code half painted over is beyond its error correction: nothing is read, rather than
// something wrong.
TEST(ReadQrCodes, CodeBeyondItsErrorCorrectionGivesNothing) {
  Image page = PageWithCode(kCardText, {.pixels_per_module = 3});
  cv::Mat view(page.height, page.width, CV_8U, page.pixels.data(), page.row_bytes());
  cv::rectangle(view, cv::Rect(440, 450, 120, 90), cv::Scalar(35), cv::FILLED);
  EXPECT_TRUE(ReadQrCodes(page).empty());
}

}  // namespace
}  // namespace sohoa::pipeline
