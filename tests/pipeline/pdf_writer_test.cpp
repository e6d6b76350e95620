// BuildSearchablePdf checked the way a user would: with poppler-utils and qpdf reading the
// bytes it produces.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sohoa/core/text.h"
#include "sohoa/pipeline/pdf.h"
#include "sohoa/pipeline/record.h"

namespace sohoa::pipeline {
namespace {

namespace fs = std::filesystem;

struct CommandOutput {
  int exit_code = -1;
  std::string out;
};

CommandOutput RunCommand(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// How far a word's extracted box may sit from its image box.
constexpr double kBoxTolerancePt = 2.0;

// A word as the test places it: text and its box in image pixels.
ocr::Word MakeWord(std::string text, int x, int y, int width, int height, int line) {
  ocr::Word word;
  word.text = std::move(text);
  word.box = {x, y, width, height};
  word.line_index = line;
  word.confidence = 0.9f;
  return word;
}

// The Vietnamese test words, laid out on an A4 page at `dpi` (boxes scale with dpi).
std::vector<ocr::Word> VietnameseWords(double dpi) {
  const double s = dpi / 300.0;
  auto px = [s](int v) { return static_cast<int>(v * s); };
  std::vector<ocr::Word> words;
  // Line 0: the national motto, words of different heights (descenders, diacritics).
  const std::vector<std::pair<std::string, int>> motto = {
      {"CỘNG", 150}, {"HÒA", 130},   {"XÃ", 90},    {"HỘI", 110},
      {"CHỦ", 130},  {"NGHĨA", 190}, {"VIỆT", 140}, {"NAM", 140}};
  int x = 500;
  for (const auto& [text, width] : motto) {
    words.push_back(MakeWord(text, px(x), px(300), px(width), px(52 + (width % 3)), 0));
    x += width + 30;
  }
  words.push_back(MakeWord("Số:", px(300), px(600), px(110), px(50), 1));
  words.push_back(MakeWord("1811/QĐ-UBND", px(440), px(600), px(420), px(50), 1));
  words.push_back(MakeWord("Quyết", px(1000), px(900), px(200), px(60), 2));
  words.push_back(MakeWord("định", px(1230), px(900), px(150), px(60), 2));
  words.push_back(MakeWord("Nguyễn", px(300), px(1200), px(260), px(55), 3));
  words.push_back(MakeWord("Văn", px(590), px(1200), px(140), px(55), 3));
  words.push_back(MakeWord("Đức", px(760), px(1200), px(130), px(55), 3));
  return words;
}

// A scan-like page: paper tint, scanner noise, dark strokes in every word box and a red seal.
Image MakePage(int width, int height, double dpi, int channels, const std::vector<ocr::Word>& words,
               bool noise = true) {
  cv::Mat page(height, width, CV_8UC3, cv::Scalar(236, 240, 244));
  for (const ocr::Word& w : words) {
    cv::putText(page, "Xxxxx", {w.box.x, w.box.y + w.box.height - w.box.height / 5},
                cv::FONT_HERSHEY_SIMPLEX, w.box.height / 40.0, cv::Scalar(30, 30, 30),
                std::max(1, w.box.height / 18));
  }
  cv::circle(page, {width * 2 / 3, height * 3 / 4}, width / 10, cv::Scalar(40, 40, 200),
             std::max(2, width / 200));
  if (noise) {
    cv::Mat grain(height, width, CV_8UC3);
    cv::RNG rng(42);
    rng.fill(grain, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(3));
    cv::add(page, grain, page, cv::noArray(), CV_8UC3);
  }
  cv::Mat out;
  if (channels == 1) {
    cv::cvtColor(page, out, cv::COLOR_BGR2GRAY);
  } else {
    cv::cvtColor(page, out, cv::COLOR_BGR2RGB);
  }
  Image image;
  image.width = width;
  image.height = height;
  image.channels = channels;
  image.dpi = dpi;
  image.pixels.assign(out.data, out.data + out.total() * out.elemSize());
  return image;
}

Image Binarize(Image image) {
  for (auto& v : image.pixels) v = v < 128 ? 0 : 255;
  return image;
}

// The issuer as OCR might hand it over: XML's special characters and a stray control character.
constexpr const char* kAwkwardIssuer = "UBND xã Tân Lập & \"Hội đồng\" <tạm>\x01";
// What XMP must say for it: the same text, the control character dropped.
constexpr const char* kAwkwardIssuerInXmp = "UBND xã Tân Lập & \"Hội đồng\" <tạm>";

Record TestRecord() {
  Record record;
  record.document_id = "ho-so-1811-01";
  record.dossier = "ho-so-1811";
  record.source = {"scan-001.jpg"};
  record.sha256 = std::string(64, 'a');  // stands for the signed PDF's hash
  record.doc_type = "quyet_dinh";
  record.doc_type_confidence = 0.95;
  record.fields = {{"so_ky_hieu", "1811/QĐ-UBND"},
                   {"ngay_ban_hanh", "2026-11-20"},
                   {"co_quan_ban_hanh", kAwkwardIssuer},
                   {"so_dinh_danh", "026209123456"},
                   {"trich_yeu", "Về việc công nhận xã đạt chuẩn"}};
  PageRecord page;
  page.number = 1;
  page.source = "scan-001.jpg";
  page.text = "QUYẾT ĐỊNH\nVề việc công nhận xã đạt chuẩn";
  record.pages = {page};
  record.digitized_by = "UBND xã Tân Lập";
  record.digitized_at = "2026-11-24T09:30:00+07:00";
  record.signed_by = "CN=UBND xã TEST";
  return record;
}

PdfInfo TestInfo() {
  PdfInfo info;
  info.title = "Quyết định số 1811/QĐ-UBND";
  info.author = "UBND xã Tân Lập";
  info.subject = "Hồ sơ thử nghiệm";
  info.keywords = "quyet_dinh";
  info.created = std::chrono::system_clock::time_point(std::chrono::seconds(1795487400));
  AttachRecord(TestRecord(), &info);
  return info;
}

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sohoa_pdf_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Save(const std::string& bytes, const std::string& name = "out.pdf") {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  std::string BuildOrFail(const std::vector<PdfPageInput>& pages,
                          const PdfInfo& info = TestInfo()) {
    auto pdf = BuildSearchablePdf(pages, info);
    EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
    return pdf.ok() ? *pdf : std::string();
  }

  fs::path dir_;
};

// The value of `field` in `pdfinfo` output ("Title", "Pages"...), trimmed.
std::string InfoField(const std::string& pdfinfo_output, const std::string& field) {
  std::istringstream lines(pdfinfo_output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(field + ":", 0) != 0) continue;
    const std::size_t start = line.find_first_not_of(' ', field.size() + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return "<no " + field + ">";
}

// Page size from `pdfinfo`, in points.
std::pair<double, double> PageSize(const std::string& pdfinfo_output) {
  std::smatch m;
  static const std::regex kSize(R"re(Page size:\s+([0-9.]+) x ([0-9.]+) pts)re");
  if (!std::regex_search(pdfinfo_output, m, kSize)) return {0, 0};
  return {std::stod(m[1]), std::stod(m[2])};
}

TEST_F(PdfWriterTest, ExtractedTextIsTheVietnameseWordsInNfcOnePerLine) {
  const double dpi = 150;
  std::vector<ocr::Word> words = VietnameseWords(dpi);
  // One word arrives decomposed (NFD); the PDF must still carry the composed form.
  words.back().text =
      "Đu\xCC\x9B\xCC\x81"
      "c";  // Đ + u + horn + acute + c = "Đức" NFD
  ASSERT_NE(words.back().text, text::ToNfc(words.back().text));
  const Image page = MakePage(1240, 1754, dpi, 3, words);
  const std::string path = Save(BuildOrFail({{&page, words}}));

  for (const char* mode : {"", "-layout"}) {
    const CommandOutput text = RunCommand(std::string("pdftotext ") + mode + " " + path + " -");
    ASSERT_EQ(text.exit_code, 0) << text.out;
    SCOPED_TRACE(text.out);
    for (const char* expected : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nguyễn Văn Đức",
                                 "Quyết định", "Số: 1811/QĐ-UBND"}) {
      EXPECT_NE(text.out.find(text::ToNfc(expected)), std::string::npos) << expected;
    }
    EXPECT_EQ(text.out, text::ToNfc(text.out));
  }
}

// A second, independent reader of the text layer (its CMap handling differs from poppler's).
TEST_F(PdfWriterTest, GhostscriptReadsTheTextLayerToo) {
  if (RunCommand("gs --version").exit_code != 0) GTEST_SKIP() << "ghostscript not installed";
  const double dpi = 150;
  const std::vector<ocr::Word> words = VietnameseWords(dpi);
  const Image page = MakePage(1240, 1754, dpi, 1, words, /*noise=*/false);
  const std::string path = Save(BuildOrFail({{&page, words}}));
  const CommandOutput text =
      RunCommand("gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile=- " + path);
  ASSERT_EQ(text.exit_code, 0) << text.out;
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nguyễn Văn Đức", "Quyết định", "Số: 1811/QĐ-UBND"}) {
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  }
}

TEST_F(PdfWriterTest, WordBoxesLandOnTheirImageBoxes) {
  const double dpi = 150;
  const std::vector<ocr::Word> words = VietnameseWords(dpi);
  const Image page = MakePage(1240, 1754, dpi, 1, words);
  const std::string path = Save(BuildOrFail({{&page, words}}));
  const CommandOutput bbox = RunCommand("pdftotext -bbox " + path + " -");
  ASSERT_EQ(bbox.exit_code, 0) << bbox.out;

  static const std::regex kWord(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  int checked = 0;
  for (auto it = std::sregex_iterator(bbox.out.begin(), bbox.out.end(), kWord);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    for (const ocr::Word& word : words) {
      if (word.text != m[5].str() || word.line_index == 0) continue;  // line 0: heights vary
      SCOPED_TRACE(word.text);
      const double k = 72.0 / dpi;
      EXPECT_NEAR(std::stod(m[1]), word.box.x * k, kBoxTolerancePt);
      EXPECT_NEAR(std::stod(m[3]), (word.box.x + word.box.width) * k, kBoxTolerancePt);
      EXPECT_NEAR(std::stod(m[2]), word.box.y * k, kBoxTolerancePt);
      EXPECT_NEAR(std::stod(m[4]), (word.box.y + word.box.height) * k, kBoxTolerancePt);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 7) << bbox.out;
}

TEST_F(PdfWriterTest, QpdfFindsNoProblems) {
  const std::vector<ocr::Word> words = VietnameseWords(100);
  const Image colour = MakePage(827, 1169, 100, 3, words);
  const Image bilevel = Binarize(MakePage(827, 1169, 100, 1, words, /*noise=*/false));
  const std::string path = Save(BuildOrFail({{&colour, words}, {&bilevel, words}}));
  const CommandOutput check = RunCommand("qpdf --check " + path);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos) << check.out;
  const CommandOutput info = RunCommand("pdfinfo " + path);
  EXPECT_EQ(InfoField(info.out, "Pages"), "2");
  // Text of page 2 is on page 2.
  const CommandOutput page2 = RunCommand("pdftotext -f 2 -l 2 " + path + " -");
  EXPECT_NE(page2.out.find("Quyết định"), std::string::npos) << page2.out;
}

TEST_F(PdfWriterTest, ImageKeepsItsPixelSizeAndResolution) {
  const std::vector<ocr::Word> words = VietnameseWords(200);
  const Image page = MakePage(1654, 2339, 200, 3, words);
  const std::string path = Save(BuildOrFail({{&page, words}}));
  const CommandOutput list = RunCommand("pdfimages -list " + path);
  ASSERT_EQ(list.exit_code, 0) << list.out;
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  static const std::regex kRow(
      R"re(\n\s*1\s+0\s+image\s+(\d+)\s+(\d+)\s+(\w+)\s+(\d)\s+(\d+)\s+(\w+)\s+\w+\s+\d+\s+\d+\s+(\d+)\s+(\d+))re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.out, m, kRow)) << list.out;
  EXPECT_EQ(m[1], "1654");
  EXPECT_EQ(m[2], "2339");
  EXPECT_EQ(m[3], "rgb");
  EXPECT_EQ(m[4], "3");
  EXPECT_EQ(m[5], "8");
  EXPECT_EQ(m[6], "jpeg");
  EXPECT_EQ(m[7], "200");
  EXPECT_EQ(m[8], "200");
}

TEST_F(PdfWriterTest, ColoursRenderAsScanned) {
  // Left half red, right half blue (RGB order, as sohoa::Image stores it).
  Image page;
  page.width = 400;
  page.height = 200;
  page.channels = 3;
  page.dpi = 100;
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      const bool left = x < page.width / 2;
      page.pixels.insert(page.pixels.end(),
                         {std::uint8_t(left ? 220 : 20), 20, std::uint8_t(left ? 20 : 220)});
    }
  }
  const std::string path = Save(BuildOrFail({{&page, {}}}));
  const CommandOutput render =
      RunCommand("pdftoppm -r 25 -singlefile " + path + " " + (dir_ / "render").string());
  ASSERT_EQ(render.exit_code, 0) << render.out;
  std::ifstream ppm(dir_ / "render.ppm", std::ios::binary);
  std::string magic;
  int w = 0, h = 0, maxval = 0;
  ppm >> magic >> w >> h >> maxval;
  ppm.get();
  std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
  ppm.read(reinterpret_cast<char*>(rgb.data()), static_cast<std::streamsize>(rgb.size()));
  ASSERT_EQ(w, 100);
  const std::size_t left = (static_cast<std::size_t>(h / 2) * w + w / 4) * 3;
  const std::size_t right = (static_cast<std::size_t>(h / 2) * w + w * 3 / 4) * 3;
  EXPECT_GT(rgb[left], 180);  // red
  EXPECT_LT(rgb[left + 2], 60);
  EXPECT_LT(rgb[right], 60);  // blue
  EXPECT_GT(rgb[right + 2], 180);
}

TEST_F(PdfWriterTest, PageSizeFollowsDpi) {
  for (const auto& [width, height, dpi] :
       std::vector<std::tuple<int, int, double>>{{1654, 2339, 200}, {2480, 3508, 300}}) {
    SCOPED_TRACE(dpi);
    const Image page = MakePage(width, height, dpi, 1, {}, /*noise=*/false);
    const std::string path = Save(BuildOrFail({{&page, {}}}));
    const auto [w, h] = PageSize(RunCommand("pdfinfo " + path).out);
    EXPECT_NEAR(w, width * 72.0 / dpi, 0.01);  // A4 is 595.28 x 841.89 pt
    EXPECT_NEAR(h, height * 72.0 / dpi, 0.01);
    EXPECT_NEAR(w, 595.3, 0.5);
    EXPECT_NEAR(h, 841.9, 0.5);
  }
}

TEST_F(PdfWriterTest, BilevelPageIsStoredAsOneBitAndMuchSmaller) {
  const std::vector<ocr::Word> words = VietnameseWords(300);
  const Image bilevel = Binarize(MakePage(2480, 3508, 300, 1, words, /*noise=*/false));
  Image almost_bilevel = bilevel;
  almost_bilevel.pixels[0] = 128;  // one grey pixel: the page goes out as grey JPEG
  const std::string bilevel_pdf = BuildOrFail({{&bilevel, words}});
  const std::string jpeg_pdf = BuildOrFail({{&almost_bilevel, words}});
  std::cout << "bilevel A4 300 dpi: " << bilevel_pdf.size()
            << " bytes; as grey JPEG: " << jpeg_pdf.size() << " bytes\n";
  EXPECT_LT(bilevel_pdf.size() * 4, jpeg_pdf.size());

  const std::string path = Save(bilevel_pdf);
  const CommandOutput list = RunCommand("pdfimages -list " + path);
  EXPECT_NE(list.out.find("gray    1   1  ccitt"), std::string::npos) << list.out;
  // Rendered, the page is mostly white paper: black and white are not swapped.
  const CommandOutput render =
      RunCommand("pdftoppm -gray -r 50 -singlefile " + path + " " + (dir_ / "render").string());
  ASSERT_EQ(render.exit_code, 0) << render.out;
  std::ifstream pgm(dir_ / "render.pgm", std::ios::binary);
  std::string magic;
  int w = 0, h = 0, maxval = 0;
  pgm >> magic >> w >> h >> maxval;
  pgm.get();
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h);
  pgm.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
  ASSERT_GT(w * h, 0);
  double mean = 0;
  for (unsigned char p : pixels) mean += p;
  mean /= pixels.size();
  EXPECT_GT(mean, 200) << "the bilevel page renders dark: inverted?";
  // The seal's outline (right-most point of the circle) is dark.
  int darkest = 255;
  for (int dy = -4; dy <= 4; ++dy) {
    for (int dx = -4; dx <= 4; ++dx) {
      darkest = std::min<int>(
          darkest,
          pixels[static_cast<std::size_t>(w) * (h * 3 / 4 + dy) + w * 2 / 3 + w / 10 + dx]);
    }
  }
  EXPECT_LT(darkest, 100) << "the seal outline should render dark";
}

TEST_F(PdfWriterTest, RejectsEmptyInputAndPagesWithoutDpi) {
  auto none = BuildSearchablePdf({}, TestInfo());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidInput);

  const Image good = MakePage(200, 300, 100, 1, {}, false);
  Image no_dpi = good;
  no_dpi.dpi = 0;
  auto missing_dpi = BuildSearchablePdf({{&good, {}}, {&no_dpi, {}}}, TestInfo());
  EXPECT_EQ(missing_dpi.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(missing_dpi.status().page(), 2);
  EXPECT_NE(missing_dpi.status().message().find("dpi"), std::string::npos);

  auto no_image = BuildSearchablePdf({{nullptr, {}}}, TestInfo());
  EXPECT_EQ(no_image.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(no_image.status().page(), 1);

  Image truncated = good;
  truncated.pixels.resize(10);
  EXPECT_EQ(BuildSearchablePdf({{&truncated, {}}}, TestInfo()).status().code(),
            StatusCode::kInvalidInput);
}

TEST_F(PdfWriterTest, InfoDictionaryAndXmpCarryTheMetadata) {
  const Image page = MakePage(400, 566, 50, 3, {}, false);
  const std::string path = Save(BuildOrFail({{&page, {}}}));
  const CommandOutput info = RunCommand("pdfinfo -isodates " + path);
  EXPECT_EQ(InfoField(info.out, "Title"), "Quyết định số 1811/QĐ-UBND");
  EXPECT_EQ(InfoField(info.out, "Author"), "UBND xã Tân Lập");
  EXPECT_EQ(InfoField(info.out, "Subject"), "Hồ sơ thử nghiệm");
  EXPECT_EQ(InfoField(info.out, "Keywords"), "quyet_dinh");
  EXPECT_EQ(InfoField(info.out, "Producer"), "sohoa");
  EXPECT_EQ(InfoField(info.out, "Creator"), "sohoa");
  EXPECT_EQ(InfoField(info.out, "CreationDate"), "2026-11-24T02:30:00Z");
  EXPECT_EQ(InfoField(info.out, "ModDate"), "2026-11-24T02:30:00Z");
  EXPECT_EQ(InfoField(info.out, "Metadata Stream"), "yes");
  const CommandOutput meta = RunCommand("pdfinfo -meta " + path);
  EXPECT_NE(meta.out.find("<pdfaid:part>3</pdfaid:part>"), std::string::npos) << meta.out;
  EXPECT_NE(meta.out.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(meta.out.find("Quyết định số 1811/QĐ-UBND</rdf:li>"), std::string::npos);
  EXPECT_NE(meta.out.find("<xmp:CreateDate>2026-11-24T02:30:00+00:00</xmp:CreateDate>"),
            std::string::npos);
  // PDF/A output intent with the sRGB profile, and a file identifier.
  const std::string bytes = BuildOrFail({{&page, {}}});
  EXPECT_NE(bytes.find("/GTS_PDFA1"), std::string::npos);
  EXPECT_NE(bytes.find("/DestOutputProfile"), std::string::npos);
  EXPECT_NE(bytes.find("/ID[<"), std::string::npos);
}

TEST_F(PdfWriterTest, SameInputGivesTheSameBytes) {
  const std::vector<ocr::Word> words = VietnameseWords(100);
  const Image page = MakePage(827, 1169, 100, 3, words);
  const std::string first = BuildOrFail({{&page, words}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a clock would show now
  const std::string second = BuildOrFail({{&page, words}});
  EXPECT_FALSE(first.empty());
  EXPECT_TRUE(first == second) << "two builds of the same input differ";
  PdfInfo later = TestInfo();
  later.created += std::chrono::hours(24);
  EXPECT_NE(first, BuildOrFail({{&page, words}}, later));
}

TEST_F(PdfWriterTest, MissingIccProfileIsADependencyError) {
  const Image page = MakePage(200, 300, 100, 1, {}, false);
  const std::string missing = (dir_ / "no-such-sRGB.icc").string();
  ::setenv("SOHOA_SRGB_ICC", missing.c_str(), 1);
  auto pdf = BuildSearchablePdf({{&page, {}}}, TestInfo());
  ::unsetenv("SOHOA_SRGB_ICC");
  EXPECT_EQ(pdf.status().code(), StatusCode::kDependency);
  EXPECT_EQ(pdf.status().file(), missing);
  EXPECT_NE(pdf.status().message().find("icc-profiles-free"), std::string::npos);
}

TEST_F(PdfWriterTest, CharactersBeyondTheBmpSurviveExtraction) {
  const std::vector<ocr::Word> words = {MakeWord("Ký", 100, 100, 120, 50, 0),
                                        MakeWord("\xF0\x9D\x90\x80"
                                                 "B",
                                                 250, 100, 120, 50, 0)};
  const Image page = MakePage(800, 600, 100, 1, words, false);
  const std::string path = Save(BuildOrFail({{&page, words}}));
  const CommandOutput text = RunCommand("pdftotext " + path + " -");
  EXPECT_NE(text.out.find("Ký \xF0\x9D\x90\x80"
                          "B"),
            std::string::npos)
      << text.out;
}

// Sizes a user pays for: a typical A4 colour scan at 300 dpi, and what the text layer adds.
TEST_F(PdfWriterTest, ReportsSizeOfTypicalPageAndTextLayerOverhead) {
  std::vector<ocr::Word> words;
  // A full page of running text: 40 lines of 10 words, word gaps a third of the line height.
  for (int line = 0; line < 40; ++line) {
    int x = 250 + (line % 3) * 40;
    for (int i = 0; i < 10; ++i) {
      const bool long_word = (i + line) % 2 == 1;
      words.push_back(MakeWord(long_word ? "Nguyễn" : "định", x, 300 + line * 75,
                               long_word ? 170 : 110, 50, line));
      x += (long_word ? 170 : 110) + 17;
    }
  }
  const Image page = MakePage(2480, 3508, 300, 3, words);
  const Image copy = page;
  const std::string with_text = BuildOrFail({{&page, words}});
  const std::string image_only = BuildOrFail({{&page, {}}});
  EXPECT_TRUE(copy.pixels == page.pixels) << "building the PDF changed the caller's image";
  const auto overhead = static_cast<long>(with_text.size()) - static_cast<long>(image_only.size());
  std::cout << "A4 300 dpi colour page, JPEG q80: " << image_only.size() << " bytes image-only, "
            << with_text.size() << " bytes with " << words.size()
            << " words; text layer + font overhead " << overhead << " bytes\n";
  RecordProperty("a4_300dpi_colour_bytes", static_cast<int>(with_text.size()));
  RecordProperty("text_layer_overhead_bytes", static_cast<int>(overhead));
  EXPECT_GT(overhead, 0);
  EXPECT_LT(overhead, 16 * 1024);  // font + CMap + 320 words stay small beside the image
  EXPECT_NE(RunCommand("pdftotext " + Save(with_text) + " -").out.find("định Nguyễn định Nguyễn"),
            std::string::npos);
}

// ---- PDF/A-3b and the embedded record, read back with qpdf, poppler and libxml2 ----

using nlohmann::json;

// Every object of the file as qpdf reads it (`qpdf --json=2`): "obj:N G R" → {"value": …} or
// {"stream": {"dict": …}}, and "trailer" → {"value": …}. Names come as "/Name", text strings
// as "u:text", references as "N G R".
json QpdfObjects(const std::string& path) {
  const CommandOutput out = RunCommand("qpdf --json=2 --json-key=qpdf " + path);
  EXPECT_EQ(out.exit_code, 0) << "qpdf (Debian package qpdf) failed: " << out.out;
  const json parsed = json::parse(out.out, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("qpdf")) return json::object();
  return parsed["qpdf"][1];
}

// A value with references followed: an object's value, or a stream's dictionary.
json Resolve(const json& objects, const json& value) {
  if (!value.is_string()) return value;
  const std::string text = value.get<std::string>();
  if (text.size() < 3 || text.compare(text.size() - 2, 2, " R") != 0) return value;
  const auto it = objects.find("obj:" + text);
  if (it == objects.end()) return json();
  if (it->contains("stream")) return (*it)["stream"]["dict"];
  return (*it)["value"];
}

json Member(const json& objects, const json& dict, const std::string& key) {
  if (!dict.is_object() || !dict.contains(key)) return json();
  return Resolve(objects, dict[key]);
}

json Catalog(const json& objects) { return Member(objects, objects["trailer"]["value"], "/Root"); }

// A stream's data after its filters, by object reference ("12 0 R").
std::string StreamData(const std::string& path, const std::string& ref) {
  const std::string number = ref.substr(0, ref.find(' '));
  return RunCommand("qpdf --show-object=" + number + " --filtered-stream-data " + path).out;
}

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

XmlDoc ParseXml(const std::string& text) {
  return XmlDoc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "xmp.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

// The text of every node `expression` selects, with the XMP namespaces registered.
std::vector<std::string> XPathTexts(xmlDoc* doc, const std::string& expression) {
  std::vector<std::string> texts;
  xmlXPathContext* context = xmlXPathNewContext(doc);
  const std::pair<const char*, const char*> namespaces[] = {
      {"x", "adobe:ns:meta/"},
      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
      {"dc", "http://purl.org/dc/elements/1.1/"},
      {"pdf", "http://ns.adobe.com/pdf/1.3/"},
      {"xmp", "http://ns.adobe.com/xap/1.0/"},
      {"pdfaid", "http://www.aiim.org/pdfa/ns/id/"},
      {"pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"},
      {"pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"},
      {"pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"},
      {"sohoa", "urn:sohoa:xmp:record:1/"},
  };
  for (const auto& [prefix, uri] : namespaces) {
    xmlXPathRegisterNs(context, reinterpret_cast<const xmlChar*>(prefix),
                       reinterpret_cast<const xmlChar*>(uri));
  }
  xmlXPathObject* result =
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context);
  if (result != nullptr && result->nodesetval != nullptr) {
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      xmlChar* content = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
      texts.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
      xmlFree(content);
    }
  }
  xmlXPathFreeObject(result);
  xmlXPathFreeContext(context);
  return texts;
}

std::string XPathText(xmlDoc* doc, const std::string& expression) {
  const auto texts = XPathTexts(doc, expression);
  return texts.size() == 1 ? texts[0] : "<" + std::to_string(texts.size()) + " nodes>";
}

// The XMP packet as stored, checked to be an uncompressed Metadata stream on the way.
std::string XmpOf(const std::string& path) {
  const json objects = QpdfObjects(path);
  const json catalog = Catalog(objects);
  const json metadata = Member(objects, catalog, "/Metadata");
  EXPECT_EQ(metadata.value("/Type", ""), "/Metadata");
  EXPECT_EQ(metadata.value("/Subtype", ""), "/XML");
  EXPECT_FALSE(metadata.contains("/Filter")) << "PDF/A wants the XMP stream uncompressed";
  if (!catalog.contains("/Metadata")) return {};
  return StreamData(path, catalog["/Metadata"].get<std::string>());
}

TEST_F(PdfWriterTest, XmpDeclaresPdfA3bAndTheDocumentFactsInADescribedSchema) {
  const Image page = MakePage(400, 566, 50, 3, {}, false);
  const std::string path = Save(BuildOrFail({{&page, {}}}));
  const std::string xmp = XmpOf(path);
  const XmlDoc doc = ParseXml(xmp);
  ASSERT_TRUE(doc) << "the XMP packet is not well-formed XML:\n" << xmp;

  EXPECT_EQ(XPathText(doc.get(), "//pdfaid:part"), "3");
  EXPECT_EQ(XPathText(doc.get(), "//pdfaid:conformance"), "B");

  // The facts, with XML's special characters back as they were and the control character gone.
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:documentId"), "ho-so-1811-01");
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:docType"), "quyet_dinh");
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:documentNumber"), "1811/QĐ-UBND");
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:documentDate"), "2026-11-20");
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:issuer"), kAwkwardIssuerInXmp);
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:ownerId"), "026209123456");
  EXPECT_NE(xmp.find("&amp; &quot;Hội đồng&quot; &lt;tạm&gt;"), std::string::npos) << xmp;

  // PDF/A accepts the sohoa properties only with the schema described in the packet: the
  // namespace, its prefix and every property used, with a value type, category and description.
  const std::string schema = "//pdfaExtension:schemas/rdf:Bag/rdf:li[pdfaSchema:prefix='sohoa']";
  EXPECT_EQ(XPathText(doc.get(), schema + "/pdfaSchema:namespaceURI"), "urn:sohoa:xmp:record:1/");
  EXPECT_NE(XPathText(doc.get(), schema + "/pdfaSchema:schema"), "");
  const std::vector<std::string> declared =
      XPathTexts(doc.get(), schema + "/pdfaSchema:property/rdf:Seq/rdf:li/pdfaProperty:name");
  const std::vector<std::string> used = XPathTexts(doc.get(), "//sohoa:*");
  ASSERT_EQ(used.size(), 6u);
  for (const char* name :
       {"documentId", "docType", "documentNumber", "documentDate", "issuer", "ownerId"}) {
    SCOPED_TRACE(name);
    EXPECT_NE(std::find(declared.begin(), declared.end(), name), declared.end());
    const std::string property =
        schema + "/pdfaSchema:property/rdf:Seq/rdf:li[pdfaProperty:name='" + name + "']";
    const std::string type = XPathText(doc.get(), property + "/pdfaProperty:valueType");
    EXPECT_TRUE(type == "Text" || type == "Date") << type;
    EXPECT_EQ(XPathText(doc.get(), property + "/pdfaProperty:category"), "external");
    EXPECT_FALSE(XPathText(doc.get(), property + "/pdfaProperty:description").empty());
  }

  // XMP mirrors the Info dictionary, as PDF/A requires.
  const CommandOutput info = RunCommand("pdfinfo " + path);
  EXPECT_EQ(XPathText(doc.get(), "//dc:title/rdf:Alt/rdf:li"), InfoField(info.out, "Title"));
  EXPECT_EQ(XPathText(doc.get(), "//dc:creator/rdf:Seq/rdf:li"), InfoField(info.out, "Author"));
  EXPECT_EQ(XPathText(doc.get(), "//dc:description/rdf:Alt/rdf:li"),
            InfoField(info.out, "Subject"));
  EXPECT_EQ(XPathText(doc.get(), "//pdf:Keywords"), InfoField(info.out, "Keywords"));
  EXPECT_EQ(XPathText(doc.get(), "//pdf:Producer"), InfoField(info.out, "Producer"));
  EXPECT_EQ(XPathText(doc.get(), "//xmp:CreatorTool"), InfoField(info.out, "Creator"));
}

TEST_F(PdfWriterTest, XmpStaysWellFormedWhateverTheTextAndLeavesOutMalformedDates) {
  PdfInfo info = TestInfo();
  info.title =
      "Quyết \xC3 định \xFF\xFE"
      "\x1B[0m </x:xmpmeta> ]]>";  // broken UTF-8, ESC
  info.keywords.clear();
  info.facts.date = "20/11/2026";  // not an XMP Date: left out rather than written wrong
  info.facts.owner_id.clear();
  const Image page = MakePage(400, 566, 50, 3, {}, false);
  const std::string path = Save(BuildOrFail({{&page, {}}}, info));
  const std::string xmp = XmpOf(path);
  const XmlDoc doc = ParseXml(xmp);
  ASSERT_TRUE(doc) << xmp;
  EXPECT_EQ(XPathText(doc.get(), "//dc:title/rdf:Alt/rdf:li"), "Quyết  định [0m </x:xmpmeta> ]]>");
  EXPECT_EQ(XPathText(doc.get(), "//dc:title/rdf:Alt/rdf:li"),
            InfoField(RunCommand("pdfinfo " + path).out, "Title"));
  EXPECT_TRUE(XPathTexts(doc.get(), "//sohoa:documentDate").empty());
  EXPECT_TRUE(XPathTexts(doc.get(), "//sohoa:ownerId").empty());
  EXPECT_TRUE(XPathTexts(doc.get(), "//pdf:Keywords").empty());
  EXPECT_EQ(XPathText(doc.get(), "//sohoa:issuer"), kAwkwardIssuerInXmp);
}

TEST_F(PdfWriterTest, RecordIsAnAssociatedFileThatPdfdetachExtracts) {
  const PdfInfo info = TestInfo();
  ASSERT_FALSE(info.record_json.empty());
  const Image page = MakePage(400, 566, 50, 3, {}, false);
  const std::string path = Save(BuildOrFail({{&page, {}}}, info));
  const json objects = QpdfObjects(path);
  const json catalog = Catalog(objects);

  const json af = Member(objects, catalog, "/AF");
  ASSERT_TRUE(af.is_array() && af.size() == 1) << catalog.dump();
  const json spec = Resolve(objects, af[0]);
  EXPECT_EQ(spec.value("/Type", ""), "/Filespec");
  EXPECT_EQ(spec.value("/AFRelationship", ""), "/Data");
  EXPECT_EQ(spec.value("/F", ""), "u:ho-so-1811-01.json");
  EXPECT_EQ(spec.value("/UF", ""), "u:ho-so-1811-01.json");
  EXPECT_NE(spec.value("/Desc", ""), "");
  const json ef = Member(objects, spec, "/EF");
  ASSERT_TRUE(ef.contains("/F")) << spec.dump();
  const json file = Resolve(objects, ef["/F"]);
  EXPECT_EQ(file.value("/Type", ""), "/EmbeddedFile");
  EXPECT_EQ(file.value("/Subtype", ""), "/application/json");
  const json params = Member(objects, file, "/Params");
  EXPECT_EQ(params.value("/ModDate", ""), "u:D:20261124023000+00'00'");
  EXPECT_EQ(params.value("/Size", -1), static_cast<int>(info.record_json.size()));
  EXPECT_TRUE(StreamData(path, ef["/F"].get<std::string>()) == info.record_json)
      << "the embedded stream is not the record";

  // Listed as an attachment too, pointing at the same file specification.
  const json embedded = Member(objects, Member(objects, catalog, "/Names"), "/EmbeddedFiles");
  const json leaf = Member(objects, embedded, "/Names");
  ASSERT_TRUE(leaf.is_array() && leaf.size() == 2) << embedded.dump();
  EXPECT_EQ(leaf[0], "u:ho-so-1811-01.json");
  EXPECT_EQ(leaf[1], af[0]);

  // What a user does: list and save the attachment.
  const CommandOutput list = RunCommand("pdfdetach -list " + path);
  EXPECT_NE(list.out.find("1: ho-so-1811-01.json"), std::string::npos) << list.out;
  const fs::path saved = dir_ / "saved.json";
  const CommandOutput save = RunCommand("pdfdetach -save 1 -o " + saved.string() + " " + path);
  ASSERT_EQ(save.exit_code, 0) << save.out;
  std::ifstream in(saved, std::ios::binary);
  const std::string extracted((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
  EXPECT_TRUE(extracted == info.record_json) << extracted;

  // Without a record there is no attachment.
  PdfInfo bare = info;
  bare.record_json.clear();
  const json bare_catalog = Catalog(QpdfObjects(Save(BuildOrFail({{&page, {}}}, bare), "b.pdf")));
  EXPECT_FALSE(bare_catalog.contains("/AF"));
  EXPECT_FALSE(bare_catalog.contains("/Names"));
}

TEST_F(PdfWriterTest, ARecordNameBeyondAsciiKeepsAPlainFileName) {
  PdfInfo info = TestInfo();
  info.record_name = "hồ-sơ-01.json";
  const Image page = MakePage(400, 566, 50, 3, {}, false);
  const std::string path = Save(BuildOrFail({{&page, {}}}, info));
  const json objects = QpdfObjects(path);
  const json spec = Resolve(objects, Member(objects, Catalog(objects), "/AF")[0]);
  EXPECT_EQ(spec.value("/F", ""), "u:record.json");
  EXPECT_EQ(spec.value("/UF", ""), "u:hồ-sơ-01.json");
  EXPECT_NE(RunCommand("pdfdetach -list " + path).out.find("hồ-sơ-01.json"), std::string::npos);
}

// Keys PDF/A forbids anywhere (actions, scripts, links out of the file), and fonts without
// their program, found by walking every object qpdf reads.
void CollectForbiddenAndFonts(const json& objects, const json& value,
                              std::vector<std::string>* forbidden, std::vector<json>* font_dicts) {
  if (value.is_array()) {
    for (const json& item : value) CollectForbiddenAndFonts(objects, item, forbidden, font_dicts);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      for (const char* bad :
           {"/JavaScript", "/JS", "/Launch", "/URI", "/AA", "/OpenAction", "/Encrypt"}) {
        if (key == bad) forbidden->push_back(key);
      }
      if (item.is_string() && (item == "/JavaScript" || item == "/Launch" || item == "/URI" ||
                               item == "/GoToR" || item == "/ImportData")) {
        forbidden->push_back(key + " " + item.get<std::string>());
      }
      CollectForbiddenAndFonts(objects, item, forbidden, font_dicts);
    }
    if (value.value("/Type", "") == "/Font") font_dicts->push_back(value);
  }
}

TEST_F(PdfWriterTest, FileMeetsThePdfA3StructuralRequirements) {
  const std::vector<ocr::Word> words = VietnameseWords(100);
  const Image page = MakePage(827, 1169, 100, 3, words);
  const std::string bytes = BuildOrFail({{&page, words}});
  const std::string path = Save(bytes);

  // PDF 1.7 header, then a comment of at least four bytes above 127 (marks the file binary).
  ASSERT_EQ(bytes.compare(0, 9, "%PDF-1.7\n"), 0) << bytes.substr(0, 16);
  ASSERT_EQ(bytes[9], '%');
  for (int i = 10; i < 14; ++i) EXPECT_GE(static_cast<unsigned char>(bytes[i]), 128) << i;

  const CommandOutput check = RunCommand("qpdf --check " + path);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_EQ(check.out.find("WARNING"), std::string::npos) << check.out;

  const json objects = QpdfObjects(path);
  const json trailer = objects["trailer"]["value"];
  ASSERT_TRUE(trailer.contains("/ID")) << trailer.dump();
  ASSERT_EQ(trailer["/ID"].size(), 2u);
  EXPECT_FALSE(trailer.contains("/Encrypt"));

  std::vector<std::string> forbidden;
  std::vector<json> fonts;
  for (const auto& [key, object] : objects.items()) {
    if (key == "trailer") continue;
    CollectForbiddenAndFonts(objects,
                             object.contains("stream") ? object["stream"]["dict"] : object["value"],
                             &forbidden, &fonts);
  }
  EXPECT_TRUE(forbidden.empty()) << testing::PrintToString(forbidden);

  // Every font's program is embedded; the CID font maps CIDs to glyphs and gives widths.
  int programs = 0;
  for (const json& font : fonts) {
    SCOPED_TRACE(font.dump());
    const std::string subtype = font.value("/Subtype", "");
    if (subtype == "/Type0") {
      EXPECT_TRUE(font.contains("/DescendantFonts"));
      EXPECT_TRUE(font.contains("/ToUnicode"));
      continue;
    }
    const json descriptor = Member(objects, font, "/FontDescriptor");
    ASSERT_TRUE(descriptor.is_object());
    const bool embedded = descriptor.contains("/FontFile2") || descriptor.contains("/FontFile") ||
                          descriptor.contains("/FontFile3");
    EXPECT_TRUE(embedded) << "font program not embedded";
    programs += embedded;
    if (subtype == "/CIDFontType2") {
      EXPECT_TRUE(descriptor.contains("/FontFile2"));
      EXPECT_TRUE(font.contains("/CIDToGIDMap"));
      EXPECT_TRUE(font.contains("/DW") || font.contains("/W"));
    }
  }
  EXPECT_EQ(programs, 1) << "the text layer's font was not found";

  // The sRGB output intent with its profile.
  const json intents = Member(objects, Catalog(objects), "/OutputIntents");
  ASSERT_TRUE(intents.is_array() && intents.size() == 1);
  const json intent = Resolve(objects, intents[0]);
  EXPECT_EQ(intent.value("/S", ""), "/GTS_PDFA1");
  EXPECT_EQ(Member(objects, intent, "/DestOutputProfile").value("/N", 0), 3);
}

TEST(AttachRecordTest, TakesTheFactsFromTheRecordAndLeavesItsHashOut) {
  const Record record = TestRecord();
  PdfInfo info;
  AttachRecord(record, &info);
  EXPECT_EQ(info.facts.document_id, "ho-so-1811-01");
  EXPECT_EQ(info.facts.doc_type, "quyet_dinh");
  EXPECT_EQ(info.facts.number, "1811/QĐ-UBND");
  EXPECT_EQ(info.facts.date, "2026-11-20");
  EXPECT_EQ(info.facts.issuer, kAwkwardIssuer);
  EXPECT_EQ(info.facts.owner_id, "026209123456");
  EXPECT_EQ(info.keywords, std::string("quyet_dinh; 1811/QĐ-UBND; 2026-11-20; ") + kAwkwardIssuer +
                               "; 026209123456");
  EXPECT_EQ(info.record_name, "ho-so-1811-01.json");

  // The embedded record is the record, but for the hash of the signed PDF it will be in.
  Record without_hash = record;
  without_hash.sha256.clear();
  EXPECT_EQ(info.record_json, RecordToJson(without_hash));
  EXPECT_NE(info.record_json.find("\"sha256\": \"\""), std::string::npos);
  EXPECT_EQ(info.record_json.find(record.sha256), std::string::npos);

  // A civil-status paper: its register number, registration date and place; keywords given
  // by the caller stay.
  Record birth;
  birth.doc_type = "giay_khai_sinh";
  birth.fields = {{"so", "187"}, {"ngay_dang_ky", "2018-11-23"}, {"noi_dang_ky", "UBND xã A"}};
  PdfInfo birth_info;
  birth_info.keywords = "given";
  AttachRecord(birth, &birth_info);
  EXPECT_EQ(birth_info.facts.number, "187");
  EXPECT_EQ(birth_info.facts.date, "2018-11-23");
  EXPECT_EQ(birth_info.facts.issuer, "UBND xã A");
  EXPECT_EQ(birth_info.facts.owner_id, "");
  EXPECT_EQ(birth_info.keywords, "given");
  EXPECT_EQ(birth_info.record_name, "record.json");
}

}  // namespace
}  // namespace sohoa::pipeline
