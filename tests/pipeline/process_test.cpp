// The coordinator with fault injection at the OCR seam: the real intake, cleanup and PDF
// assembly run; the engine fails where a test says so.
#include "sohoa/pipeline/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <thread>

#include "sohoa/core/files.h"
#include "support/opencv_image.h"

namespace sohoa::pipeline {
namespace {
namespace fs = std::filesystem;

// Recognizes one fixed word per page, or fails for pages narrower than `fail_below` pixels at
// 100 dpi, the tests' scan resolution (cleanup may trim a few pixels, never a hundred; OCR may
// read a finer copy).
class ScriptedEngine : public ocr::Engine {
 public:
  explicit ScriptedEngine(int fail_below, bool time_out = false)
      : fail_below_(fail_below), time_out_(time_out) {}
  Result<ocr::OcrPage> Recognize(const Image& image) override {
    const bool narrow = image.width * 100 / image.dpi < fail_below_;
    if (narrow && time_out_) {
      return TimeoutError("OCR stopped at the time limit of 120000 ms per page");
    }
    if (narrow) return InternalError("engine crashed on this page");
    ocr::OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.words.push_back({"Quyết", {100, 100, 200, 50}, 0.9f, 0, 0, 50});
    page.text = "Quyết";
    page.mean_confidence = 0.9;
    return page;
  }
  Result<ocr::OcrPage> RecognizeRegion(const Image& image, const ocr::Box&,
                                       std::string_view) override {
    return ocr::OcrPage{image.width, image.height, {}, "", 0};
  }
  Result<ocr::Orientation> DetectOrientation(const Image&) override { return ocr::Orientation{}; }

 private:
  int fail_below_;
  bool time_out_;
};

// ScriptedEngine that first waits 150 ms (as a page waits for a busy core) and then works
// 30 ms of CPU.
class WaitingEngine : public ScriptedEngine {
 public:
  WaitingEngine() : ScriptedEngine(0) {}
  Result<ocr::OcrPage> Recognize(const Image& image) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const double start = ThreadCpuSeconds();
    volatile double sink = 0;
    while (ThreadCpuSeconds() - start < 0.03) sink = sink + 1;
    return ScriptedEngine::Recognize(image);
  }
};

// Reads one word whose box is the bounding box of all ink in the image it is given.
class InkBoxEngine : public ocr::Engine {
 public:
  Result<ocr::OcrPage> Recognize(const Image& image) override {
    const cv::Rect ink = cv::boundingRect(testing::MatFromImage(image) < 128);
    ocr::OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.words.push_back({"Quyết",
                          {ink.x, ink.y, ink.width, ink.height},
                          0.9f,
                          0,
                          0,
                          static_cast<float>(ink.height)});
    page.text = "Quyết";
    page.mean_confidence = 0.9;
    return page;
  }
  Result<ocr::OcrPage> RecognizeRegion(const Image& image, const ocr::Box&,
                                       std::string_view) override {
    return ocr::OcrPage{image.width, image.height, {}, "", 0};
  }
  Result<ocr::Orientation> DetectOrientation(const Image&) override { return ocr::Orientation{}; }
};

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sohoa-process-" + std::string(::testing::UnitTest::GetInstance()
                                                ->current_test_info()
                                                ->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A white page with a few dark text-like bars, saved as PNG.
  std::string MakePage(const std::string& dossier, const std::string& name, int width) {
    fs::create_directories(dir_ / "in" / dossier);
    cv::Mat page(width * 14 / 10, width, CV_8UC1, cv::Scalar(255));
    for (int y = 100; y < page.rows - 100; y += 60) {
      cv::rectangle(page, {80, y}, {width - 80, y + 20}, cv::Scalar(0), cv::FILLED);
    }
    const std::string path = (dir_ / "in" / dossier / name).string();
    EXPECT_TRUE(cv::imwrite(path, page));
    return path;
  }

  ProcessOptions Options(int fail_below, bool time_out = false) {
    ProcessOptions options;
    options.out_dir = (dir_ / "out").string();
    options.jobs = 2;
    options.load.dpi_override = 100;
    options.engine_factory = [fail_below, time_out]() -> Result<std::unique_ptr<ocr::Engine>> {
      return std::unique_ptr<ocr::Engine>(new ScriptedEngine(fail_below, time_out));
    };
    return options;
  }

  fs::path dir_;
};

TEST_F(ProcessTest, AFailedPageStopsOnlyItsDossierAndIsNamed) {
  MakePage("good", "page-1.png", 600);
  MakePage("good", "page-2.png", 600);
  MakePage("bad", "page-1.png", 600);
  MakePage("bad", "page-2.png", 400);  // the engine fails on pages this narrow
  auto dossiers = CollectDossiers({(dir_ / "in" / "good").string(), (dir_ / "in" / "bad").string()});
  ASSERT_TRUE(dossiers.ok()) << dossiers.status().ToString();

  auto report = ProcessDossiers(*dossiers, Options(450));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->documents.size(), 2u);
  const DocumentOutcome& good = report->documents[0];
  const DocumentOutcome& bad = report->documents[1];
  EXPECT_TRUE(good.ok());
  EXPECT_EQ(good.pages, 2);
  EXPECT_TRUE(fs::exists(good.pdf_path));
  EXPECT_TRUE(fs::exists(good.json_path));

  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_NE(bad.errors[0].file().find("page-2.png"), std::string::npos);
  EXPECT_EQ(bad.errors[0].page(), 1);
  EXPECT_NE(bad.errors[0].ToString().find("engine crashed"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "out" / "bad"));  // nothing partial
  EXPECT_TRUE(report->any_failure());
  EXPECT_EQ(report->pages_failed, 1);
}

TEST_F(ProcessTest, APageThatTimesOutIsKeptWithoutTextAndFlagged) {
  MakePage("d", "page-1.png", 600);
  MakePage("d", "page-2.png", 400);  // OCR runs out of time on pages this narrow
  auto dossiers = CollectDossiers({(dir_ / "in" / "d").string()});
  ASSERT_TRUE(dossiers.ok());
  auto report = ProcessDossiers(*dossiers, Options(450, /*time_out=*/true));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const DocumentOutcome& d = report->documents[0];
  ASSERT_TRUE(d.ok()) << d.errors[0].ToString();
  EXPECT_EQ(report->pages_failed, 0);
  ASSERT_TRUE(fs::exists(d.pdf_path));
  auto record = RecordFromJson(*files::ReadAll(d.json_path));
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->pages.size(), 2u);  // the dossier is whole
  EXPECT_EQ(record->pages[0].text, "Quyết");
  EXPECT_EQ(record->pages[1].text, "");
  const auto& warnings = record->pages[1].warnings;
  const auto timed_out = std::find_if(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w.find("time limit") != std::string::npos && w.find("without text") != std::string::npos;
  });
  EXPECT_NE(timed_out, warnings.end());
  EXPECT_EQ(std::count_if(warnings.begin(), warnings.end(),
                          [](const std::string& w) { return w == "no text recognized"; }),
            0);
  // The run's report names the file and page.
  EXPECT_TRUE(std::any_of(d.warnings.begin(), d.warnings.end(), [](const std::string& w) {
    return w.find("page-2.png: page 1: OCR stopped at the time limit") != std::string::npos;
  }));
  EXPECT_TRUE(report->any_warning());
}

TEST_F(ProcessTest, RecordDescribesPagesInOrder) {
  for (int i : {10, 2, 1}) MakePage("d", "page-" + std::to_string(i) + ".png", 600);
  auto dossiers = CollectDossiers({(dir_ / "in" / "d").string()});
  ASSERT_TRUE(dossiers.ok());
  const FixedClock clock(std::chrono::system_clock::from_time_t(1795000000));
  ProcessOptions options = Options(-1);
  options.clock = &clock;
  auto report = ProcessDossiers(*dossiers, options);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->documents[0].ok());
  auto record = RecordFromJson(*files::ReadAll(report->documents[0].json_path));
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->pages.size(), 3u);
  EXPECT_NE(record->pages[0].source.find("page-1.png"), std::string::npos);
  EXPECT_NE(record->pages[1].source.find("page-2.png"), std::string::npos);
  EXPECT_NE(record->pages[2].source.find("page-10.png"), std::string::npos);
  EXPECT_EQ(record->pages[2].number, 3);
  EXPECT_EQ(record->pages[0].text, "Quyết");
  EXPECT_EQ(record->digitized_at, FormatIsoVietnam(clock.Now()));
  EXPECT_EQ(record->sha256, files::Sha256Hex(*files::ReadAll(report->documents[0].pdf_path)));
}

// The report's CPU seconds are the work a stage did; its wall-clock seconds also count waiting.
TEST_F(ProcessTest, StageTimesTellWorkFromWaiting) {
  for (int i : {1, 2, 3}) MakePage("d", "page-" + std::to_string(i) + ".png", 600);
  auto dossiers = CollectDossiers({(dir_ / "in" / "d").string()});
  ASSERT_TRUE(dossiers.ok());
  ProcessOptions options = Options(-1);
  options.engine_factory = []() -> Result<std::unique_ptr<ocr::Engine>> {
    return std::unique_ptr<ocr::Engine>(new WaitingEngine());
  };
  auto report = ProcessDossiers(*dossiers, options);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->documents[0].ok());
  const StageSeconds& wall = report->stage_seconds;
  const StageSeconds& cpu = report->stage_cpu_seconds;
  EXPECT_GE(wall.ocr, 3 * 0.18);
  EXPECT_GE(cpu.ocr, 3 * 0.03);
  EXPECT_LT(cpu.ocr, 3 * 0.1);
  EXPECT_GT(cpu.cleanup, 0);
  EXPECT_GT(cpu.load, 0);
  EXPECT_GT(cpu.assemble, 0);
  for (auto [w, c] : {std::pair{wall.load, cpu.load}, std::pair{wall.cleanup, cpu.cleanup},
                      std::pair{wall.assemble, cpu.assemble}, std::pair{wall.write, cpu.write}}) {
    EXPECT_LE(c, w + 0.005);  // one thread's CPU time cannot outrun the clock
  }
}

// A 200 dpi scan is read from a finer (300 dpi) copy; its words must still land on their ink
// in the PDF: the text layer's word box (pdftotext -bbox) against the ink of the page image as
// poppler renders it.
TEST_F(ProcessTest, WordsOfA200DpiScanLandOnTheirInkInThePdf) {
  if (std::system("pdftotext -v > /dev/null 2>&1") != 0 ||
      std::system("pdftoppm -v > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "poppler-utils not installed";
  }
  fs::create_directories(dir_ / "in" / "d");
  cv::Mat page(2339, 1654, CV_8UC1, cv::Scalar(255));  // A4 at 200 dpi
  cv::putText(page, "Quyet dinh so 123", {400, 900}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0),
              4, cv::LINE_AA);
  ASSERT_TRUE(cv::imwrite((dir_ / "in" / "d" / "page-1.png").string(), page));
  auto dossiers = CollectDossiers({(dir_ / "in" / "d").string()});
  ASSERT_TRUE(dossiers.ok());
  ProcessOptions options = Options(-1);
  options.load.dpi_override = 200;
  options.cleanup.ocr_dpi = 300;
  options.engine_factory = []() -> Result<std::unique_ptr<ocr::Engine>> {
    return std::unique_ptr<ocr::Engine>(new InkBoxEngine());
  };
  auto report = ProcessDossiers(*dossiers, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const DocumentOutcome& d = report->documents[0];
  ASSERT_TRUE(d.ok()) << d.errors[0].ToString();

  const std::string bbox_path = (dir_ / "bbox.html").string();
  ASSERT_EQ(std::system(("pdftotext -bbox " + d.pdf_path + " " + bbox_path).c_str()), 0);
  const std::string bbox = *files::ReadAll(bbox_path);
  const std::regex word_re(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">Quyết</word>)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(bbox, m, word_re)) << bbox;
  // The page as a reader sees it, at 72 dpi: one pixel per point.
  const std::string render = (dir_ / "render").string();
  ASSERT_EQ(std::system(("pdftoppm -r 72 -gray -singlefile " + d.pdf_path + " " + render).c_str()),
            0);
  const cv::Mat shown = cv::imread(render + ".pgm", cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(shown.empty());
  const cv::Rect ink = cv::boundingRect(shown < 160);
  constexpr double kTolerancePt = 2.0;
  EXPECT_NEAR(std::stod(m[1]), ink.x, kTolerancePt);
  EXPECT_NEAR(std::stod(m[3]), ink.br().x, kTolerancePt);
  EXPECT_NEAR(std::stod(m[2]), ink.y, kTolerancePt);
  EXPECT_NEAR(std::stod(m[4]), ink.br().y, kTolerancePt);
}

// An engine that reads every page as a căn cước card's title, boxed around the page's ink,
// and notes the size of each image it was given.
class CardTitleEngine : public ocr::Engine {
 public:
  Result<ocr::OcrPage> Recognize(const Image& image) override {
    sizes.emplace_back(image.width, image.height);
    const cv::Rect ink = cv::boundingRect(testing::MatFromImage(image) < 128);
    ocr::OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.words.push_back({"CĂN", {ink.x, ink.y, ink.width / 4, ink.height}, 0.9f, 0, 0,
                          static_cast<float>(ink.height)});
    page.text = "CĂN CƯỚC CÔNG DÂN";
    page.mean_confidence = 0.9;
    return page;
  }
  Result<ocr::OcrPage> RecognizeRegion(const Image& image, const ocr::Box&,
                                       std::string_view) override {
    return ocr::OcrPage{image.width, image.height, {}, "", 0};
  }
  Result<ocr::Orientation> DetectOrientation(const Image&) override { return ocr::Orientation{}; }
  std::vector<std::pair<int, int>> sizes;
};

// An A4 page at `dpi` with a card's title on it (its box in `ink`), read by RecognizePage
// (no orientation detection) with `engine`.
Result<RecognizedPage> ReadCardTitlePage(double dpi, CardTitleEngine& engine, cv::Rect& ink) {
  const double scale = dpi / 200;
  cv::Mat page(static_cast<int>(std::lround(11.69 * dpi)),
               static_cast<int>(std::lround(8.27 * dpi)), CV_8UC1, cv::Scalar(255));
  cv::putText(
      page, "CAN CUOC CONG DAN", {static_cast<int>(300 * scale), static_cast<int>(700 * scale)},
      cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0), static_cast<int>(2 * scale), cv::LINE_AA);
  ink = cv::boundingRect(page < 128);
  CleanupOptions cleanup;
  cleanup.fix_orientation = false;
  return RecognizePage(testing::ImageFromMat(page, dpi), cleanup, engine, nullptr);
}

// A card copy scanned at 200 dpi: its 6-7 pt print is read again from a 300 dpi copy, and the
// words of that reading are placed on the 200 dpi page.
TEST(RecognizePageTest, CardScannedAt200DpiIsReadAgainAt300Dpi) {
  CardTitleEngine engine;
  cv::Rect ink;
  auto read = ReadCardTitlePage(200, engine, ink);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(engine.sizes.size(), 2u);
  EXPECT_EQ(engine.sizes[0], std::make_pair(1654, 2338));  // first reading: the scan's own
  EXPECT_EQ(engine.sizes[1], std::make_pair(2481, 3507));  // the card's re-read: 300 dpi
  ASSERT_EQ(read->ocr.words.size(), 1u);
  EXPECT_EQ(read->ocr.width, 1654);
  EXPECT_NEAR(read->ocr.words[0].box.x, ink.x, 2);
  EXPECT_NEAR(read->ocr.words[0].box.y, ink.y, 2);
  EXPECT_NEAR(read->ocr.words[0].box.height, ink.height, 3);
}

// A card scanned at 300 dpi or finer is read again at its own resolution.
TEST(RecognizePageTest, CardScannedAt300DpiIsReadAgainAtItsOwnResolution) {
  CardTitleEngine engine;
  cv::Rect ink;
  auto read = ReadCardTitlePage(300, engine, ink);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(engine.sizes.size(), 2u);
  EXPECT_EQ(engine.sizes[1], engine.sizes[0]);
  EXPECT_EQ(engine.sizes[1], std::make_pair(2481, 3507));
}

TEST_F(ProcessTest, EngineThatCannotStartFailsTheRunUpFront) {
  MakePage("d", "page-1.png", 600);
  auto dossiers = CollectDossiers({(dir_ / "in" / "d").string()});
  ASSERT_TRUE(dossiers.ok());
  ProcessOptions options = Options(-1);
  options.engine_factory = []() -> Result<std::unique_ptr<ocr::Engine>> {
    return DependencyError("Tesseract language data 'vie' not found; install tesseract-ocr-vie");
  };
  auto report = ProcessDossiers(*dossiers, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kDependency);
  EXPECT_FALSE(fs::exists(dir_ / "out" / "d"));
}

}  // namespace
}  // namespace sohoa::pipeline
