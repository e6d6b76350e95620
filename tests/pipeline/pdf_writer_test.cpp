// BuildSearchablePdf checked the way a user would: with poppler-utils and qpdf reading the
// bytes it produces.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sohoa/core/text.h"
#include "sohoa/pipeline/pdf.h"

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

PdfInfo TestInfo() {
  PdfInfo info;
  info.title = "Quyết định số 1811/QĐ-UBND";
  info.author = "UBND xã Tân Lập";
  info.subject = "Hồ sơ thử nghiệm";
  info.keywords = "quyet_dinh";
  info.created = std::chrono::system_clock::time_point(std::chrono::seconds(1795487400));
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
  EXPECT_NE(meta.out.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos) << meta.out;
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

}  // namespace
}  // namespace sohoa::pipeline
