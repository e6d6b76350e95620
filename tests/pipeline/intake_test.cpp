// Intake on real files: folders become dossiers in natural order, every supported format
// decodes with its resolution, and every bad input is refused with the right code and a
// message naming the file (and page).
#include "sohoa/pipeline/intake.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace sohoa::pipeline {
namespace {
namespace fs = std::filesystem;

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sohoa-intake-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  std::string WriteBytes(const std::string& name, const std::string& bytes) {
    std::ofstream out(PathOf(name), std::ios::binary);
    out << bytes;
    return PathOf(name);
  }

  static std::string ReadBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // A grey page with a dark bar, so decoding can be checked beyond its size.
  static PixPtr GreyPage(int width, int height) {
    PixPtr pix(pixCreate(width, height, 8));
    pixSetAllArbitrary(pix.get(), 255);
    pixRasterop(pix.get(), width / 4, height / 4, width / 2, 10, PIX_CLR, nullptr, 0, 0);
    return pix;
  }

  std::string WritePix(const std::string& name, PIX* pix, int format, int dpi) {
    pixSetResolution(pix, dpi, dpi);
    EXPECT_EQ(pixWrite(PathOf(name).c_str(), pix, format), 0);
    return PathOf(name);
  }

  fs::path dir_;
};

// Expects `result` to have failed with `code`, naming the file (and page when given).
template <typename T>
void ExpectFailure(const Result<T>& result, StatusCode code, const std::string& file,
                   const std::string& message_part, int page = 0) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), code) << result.status().ToString();
  EXPECT_NE(result.status().ToString().find(fs::path(file).filename().string()), std::string::npos)
      << result.status().ToString();
  EXPECT_NE(result.status().message().find(message_part), std::string::npos)
      << result.status().ToString();
  if (page > 0) {
    EXPECT_EQ(result.status().page(), page) << result.status().ToString();
  }
}

TEST(NaturalLessTest, NumbersCompareByValue) {
  EXPECT_TRUE(NaturalLess("page-2.png", "page-10.png"));
  EXPECT_FALSE(NaturalLess("page-10.png", "page-2.png"));
  EXPECT_TRUE(NaturalLess("scan 9", "scan 10"));
  EXPECT_TRUE(NaturalLess("a1b2", "a1b10"));
  EXPECT_TRUE(NaturalLess("Page-1", "page-2"));  // case does not split the order
  EXPECT_TRUE(NaturalLess("p007", "p8"));
  // Equal in natural order still gives a strict, stable order.
  EXPECT_NE(NaturalLess("p01", "p1"), NaturalLess("p1", "p01"));
  EXPECT_FALSE(NaturalLess("same", "same"));
}

TEST_F(IntakeTest, FolderBecomesOneDossierInNaturalOrder) {
  const fs::path folder = dir_ / "ho-so-001";
  fs::create_directories(folder / "nested");
  for (const char* name : {"page-10.png", "page-2.JPG", "page-1.tif", ".hidden.png", "notes.txt",
                           "nested/page-3.png", "page-11.pdf"}) {
    std::ofstream(folder / name) << "x";
  }
  auto dossiers = CollectDossiers({(folder.string() + "/"), PathOf("ho-so-001/page-10.png")});
  ASSERT_TRUE(dossiers.ok()) << dossiers.status().ToString();
  ASSERT_EQ(dossiers->size(), 2u);
  EXPECT_EQ((*dossiers)[0].name, "ho-so-001");
  std::vector<std::string> names;
  for (const auto& file : (*dossiers)[0].files) names.push_back(fs::path(file).filename());
  EXPECT_EQ(names,
            (std::vector<std::string>{"page-1.tif", "page-2.JPG", "page-10.png", "page-11.pdf"}));
  EXPECT_EQ((*dossiers)[1].name, "page-10");
  EXPECT_EQ((*dossiers)[1].files.size(), 1u);
}

TEST_F(IntakeTest, MissingInputAndEmptyFolderAreRefused) {
  ExpectFailure(CollectDossiers({PathOf("no-such-folder")}), StatusCode::kIo, "no-such-folder",
                "no such file");
  fs::create_directories(dir_ / "empty-dossier");
  std::ofstream(dir_ / "empty-dossier" / "readme.txt") << "not a page";
  ExpectFailure(CollectDossiers({PathOf("empty-dossier")}), StatusCode::kInvalidInput,
                "empty-dossier", "no page files");
}

TEST_F(IntakeTest, ResolutionComesFromPngJpegAndTiffMetadata) {
  PixPtr grey = GreyPage(300, 400);
  struct Case {
    const char* name;
    int format;
  } cases[] = {{"a.png", IFF_PNG}, {"a.jpg", IFF_JFIF_JPEG}, {"a.tif", IFF_TIFF_LZW}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = WritePix(c.name, grey.get(), c.format, 200);
    auto loaded = LoadPages(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ASSERT_EQ(loaded->pages.size(), 1u);
    const LoadedPage& page = loaded->pages[0];
    EXPECT_EQ(page.image.width, 300);
    EXPECT_EQ(page.image.height, 400);
    EXPECT_EQ(page.image.channels, 1);
    EXPECT_DOUBLE_EQ(page.image.dpi, 200);
    EXPECT_TRUE(page.dpi_from_file);
    // The bar drawn at a quarter of the height is dark, the paper is white.
    EXPECT_LT(page.image.pixels[100 * 300 + 150], 60);
    EXPECT_GT(page.image.pixels[10 * 300 + 10], 200);

    LoadOptions override_dpi;
    override_dpi.dpi_override = 400;
    auto overridden = LoadPages(path, override_dpi);
    ASSERT_TRUE(overridden.ok());
    EXPECT_DOUBLE_EQ(overridden->pages[0].image.dpi, 400);
    EXPECT_FALSE(overridden->pages[0].dpi_from_file);
  }
}

TEST_F(IntakeTest, MissingOrImplausibleResolutionFallsBackToDefault) {
  PixPtr grey = GreyPage(120, 90);
  const std::string no_dpi = WritePix("no-dpi.png", grey.get(), IFF_PNG, 0);
  const std::string silly_dpi = WritePix("silly-dpi.tif", grey.get(), IFF_TIFF_ZIP, 5000);
  for (const std::string& path : {no_dpi, silly_dpi}) {
    auto loaded = LoadPages(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_DOUBLE_EQ(loaded->pages[0].image.dpi, limits::kDefaultDpi) << path;
    EXPECT_FALSE(loaded->pages[0].dpi_from_file);
    LoadOptions options;
    options.default_dpi = 240;
    EXPECT_DOUBLE_EQ(LoadPages(path, options)->pages[0].image.dpi, 240) << path;
  }
}

TEST_F(IntakeTest, FineScansAreDownsampledToWorkingResolutionWithAWarning) {
  PixPtr grey(pixCreate(2400, 3000, 8));
  pixSetAllArbitrary(grey.get(), 255);
  const std::string path = WritePix("fine.png", grey.get(), IFF_PNG, 600);
  auto loaded = LoadPages(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const LoadedPage& page = loaded->pages[0];
  EXPECT_DOUBLE_EQ(page.image.dpi, limits::kDefaultDpi);
  EXPECT_EQ(page.image.width, 1200);
  EXPECT_EQ(page.image.height, 1500);
  EXPECT_EQ(page.image.pixels.size(), 1200u * 1500u);
  EXPECT_EQ(page.image.pixels[750 * 1200 + 600], 255);
  ASSERT_EQ(page.warnings.size(), 1u);
  EXPECT_EQ(page.warnings[0], "scanned at 600 dpi; processed and archived at 300 dpi");
  // Up to the ceiling, pages keep their resolution and get no warning.
  const std::string usual = WritePix("usual.png", grey.get(), IFF_PNG, 400);
  auto kept = LoadPages(usual);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->pages[0].image.width, 2400);
  EXPECT_TRUE(kept->pages[0].warnings.empty());
}

TEST_F(IntakeTest, FormatIsSniffedNotTakenFromTheExtension) {
  PixPtr grey = GreyPage(64, 80);
  const std::string png = WritePix("real-png.png", grey.get(), IFF_PNG, 300);
  const std::string misnamed = WriteBytes("misnamed.jpg", ReadBytes(png));
  auto loaded = LoadPages(misnamed);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->pages[0].image.width, 64);
}

TEST_F(IntakeTest, PixelLayoutsBecomeGreyOrRgb) {
  // Bilevel -> grey 0/255.
  PixPtr bilevel(pixCreate(40, 30, 1));
  pixSetPixel(bilevel.get(), 5, 5, 1);
  auto loaded = LoadPages(WritePix("bilevel.png", bilevel.get(), IFF_PNG, 300));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->pages[0].image.channels, 1);
  EXPECT_EQ(loaded->pages[0].image.pixels[5 * 40 + 5], 0);
  EXPECT_EQ(loaded->pages[0].image.pixels[0], 255);

  // Colour -> RGB in that byte order.
  PixPtr rgb(pixCreate(40, 30, 32));
  pixSetAllArbitrary(rgb.get(), 0xff000000);  // pure red, Leptonica's RGBA word
  loaded = LoadPages(WritePix("red.png", rgb.get(), IFF_PNG, 300));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->pages[0].image.channels, 3);
  EXPECT_EQ(loaded->pages[0].image.pixels[0], 255);
  EXPECT_EQ(loaded->pages[0].image.pixels[1], 0);
  EXPECT_EQ(loaded->pages[0].image.pixels[2], 0);

  // Transparent pixels land on white paper; 16-bit grey becomes 8-bit.
  cv::Mat rgba(30, 40, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  ASSERT_TRUE(cv::imwrite(PathOf("alpha.png"), rgba));
  loaded = LoadPages(PathOf("alpha.png"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->pages[0].image.pixels[0], 255);
  cv::Mat deep(30, 40, CV_16UC1, cv::Scalar(40000));
  ASSERT_TRUE(cv::imwrite(PathOf("deep.png"), deep));
  loaded = LoadPages(PathOf("deep.png"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->pages[0].image.channels, 1);
  EXPECT_NEAR(loaded->pages[0].image.pixels[0], 40000 / 257, 1);
  // A palette image in colour stays colour.
  PixPtr palette(pixCreate(40, 30, 8));
  PIXCMAP* colours = pixcmapCreate(8);
  pixcmapAddColor(colours, 0, 0, 255);
  pixSetColormap(palette.get(), colours);
  loaded = LoadPages(WritePix("palette.png", palette.get(), IFF_PNG, 300));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->pages[0].image.channels, 3);
  EXPECT_EQ(loaded->pages[0].image.pixels[2], 255);
}

TEST_F(IntakeTest, MultiPageTiffLoadsEveryPageWithItsResolution) {
  const std::string path = PathOf("scan.tiff");
  PixPtr first = GreyPage(200, 300);
  PixPtr second(pixCreate(250, 120, 32));
  pixSetAllArbitrary(second.get(), 0x00ff0000);
  PixPtr third(pixCreate(100, 100, 1));
  pixSetResolution(first.get(), 300, 300);
  pixSetResolution(second.get(), 150, 150);
  ASSERT_EQ(pixWriteTiff(path.c_str(), first.get(), IFF_TIFF_LZW, "w"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), second.get(), IFF_TIFF_ZIP, "a"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), third.get(), IFF_TIFF_G4, "a"), 0);
  auto loaded = LoadPages(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->pages.size(), 3u);
  EXPECT_TRUE(loaded->page_errors.empty());
  EXPECT_EQ(loaded->pages[0].image.width, 200);
  EXPECT_EQ(loaded->pages[0].page_in_file, 1);
  EXPECT_DOUBLE_EQ(loaded->pages[0].image.dpi, 300);
  EXPECT_EQ(loaded->pages[1].image.channels, 3);
  EXPECT_EQ(loaded->pages[1].image.height, 120);
  EXPECT_DOUBLE_EQ(loaded->pages[1].image.dpi, 150);
  EXPECT_EQ(loaded->pages[1].image.pixels[1], 255);  // green
  EXPECT_EQ(loaded->pages[2].page_in_file, 3);
  EXPECT_EQ(loaded->pages[2].image.channels, 1);
  EXPECT_EQ(loaded->pages[2].file, path);
}

TEST_F(IntakeTest, TruncatedMultiPageTiffReportsTheMissingPages) {
  // Found by fuzzing: a two-page TIFF cut in half used to load as one page, silently.
  const std::string path = SOHOA_SOURCE_DIR "/fuzz/corpus/fuzz_image_intake/two-pages-truncated.tif";
  auto loaded = LoadPages(path);
  if (loaded.ok()) {
    ASSERT_FALSE(loaded->page_errors.empty()) << "a page went missing without a word";
    const Status& error = loaded->page_errors.back();
    EXPECT_EQ(error.file(), path);
    EXPECT_NE(error.message().find("cut short"), std::string::npos) << error.ToString();
  } else {
    EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  }
}

TEST_F(IntakeTest, OversizedTiffPageIsRefusedAloneBeforeDecoding) {
  const std::string path = PathOf("huge.tif");
  PixPtr normal = GreyPage(100, 100);
  // 16000 x 14000 white bilevel: 224 million pixels, a few kilobytes in G4.
  PixPtr huge(pixCreate(16000, 14000, 1));
  ASSERT_EQ(pixWriteTiff(path.c_str(), normal.get(), IFF_TIFF_LZW, "w"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), huge.get(), IFF_TIFF_G4, "a"), 0);
  huge.reset();
  EXPECT_LT(fs::file_size(path), 1'000'000u);
  auto loaded = LoadPages(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->pages.size(), 1u);
  ASSERT_EQ(loaded->page_errors.size(), 1u);
  const Status& error = loaded->page_errors[0];
  EXPECT_EQ(error.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(error.page(), 2);
  EXPECT_EQ(error.file(), path);
  EXPECT_NE(error.message().find(std::to_string(limits::kMaxPixelsPerPage)), std::string::npos)
      << error.ToString();
}

// A PNG whose header claims 30000 x 30000 pixels; the rest is junk that must never be decoded.
std::string HugePngHeader() {
  std::string ihdr("IHDR");
  for (std::uint32_t v : {30000u, 30000u}) {
    for (int shift = 24; shift >= 0; shift -= 8) ihdr.push_back(static_cast<char>(v >> shift));
  }
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, no interlace
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : ihdr) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xffffffffu;
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string("\x00\x00\x00\x0d", 4) + ihdr;
  for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>(crc >> shift));
  png += std::string(200, '\x5a');
  return png;
}

TEST_F(IntakeTest, BadFilesAreRefusedWithCodeAndFileName) {
  const std::string empty = WriteBytes("empty.png", "");
  ExpectFailure(LoadPages(empty), StatusCode::kInvalidInput, empty, "empty file (0 bytes)");

  PixPtr grey = GreyPage(400, 400);
  for (const auto& [name, format] :
       {std::pair{"cut.png", IFF_PNG}, std::pair{"cut.jpg", IFF_JFIF_JPEG},
        std::pair{"cut.tif", IFF_TIFF_ZIP}}) {
    SCOPED_TRACE(name);
    const std::string whole =
        ReadBytes(WritePix(std::string("whole-") + name, grey.get(), format, 300));
    const std::string cut = WriteBytes(name, whole.substr(0, whole.size() * 2 / 3));
    ExpectFailure(LoadPages(cut), StatusCode::kInvalidInput, cut, "corrupt or truncated");
  }

  const std::string text = WriteBytes("letter.png", "Kính gửi: Ủy ban nhân dân xã, this is text");
  ExpectFailure(LoadPages(text), StatusCode::kUnsupported, text, "PNG, JPEG, TIFF");
  const std::string gif =
      WriteBytes("scan.gif", std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 13));
  ExpectFailure(LoadPages(gif), StatusCode::kUnsupported, gif, "GIF");
  const std::string docx =
      WriteBytes("form.docx", std::string("PK\x03\x04", 4) + std::string(64, '\0'));
  ExpectFailure(LoadPages(docx), StatusCode::kUnsupported, docx, "PNG, JPEG, TIFF");

  const std::string huge = WriteBytes("huge.png", HugePngHeader());
  ExpectFailure(LoadPages(huge), StatusCode::kInvalidInput, huge,
                std::to_string(limits::kMaxPixelsPerPage), 1);

  ExpectFailure(LoadPages(PathOf("missing.png")), StatusCode::kIo, "missing.png", "");
}

// Writes an A4 PDF whose only content is one 150 dpi page image per entry (grey or RGB).
void WriteImagePdf(const std::string& path, const std::vector<bool>& grey_pages) {
  PoDoFo::PdfMemDocument document;
  const PoDoFo::PdfRect a4(0, 0, 595.28, 841.89);
  const int width = 1240, height = 1754;  // A4 at 150 dpi
  for (bool grey : grey_pages) {
    const int channels = grey ? 1 : 3;
    std::string pixels(static_cast<std::size_t>(width) * height * channels, '\xff');
    for (int y = 400; y < 420; ++y) {  // a dark bar a quarter of the way down
      for (int x = 200; x < 1000; ++x) {
        for (int c = 0; c < channels; ++c) {
          pixels[(static_cast<std::size_t>(y) * width + x) * channels + c] =
              static_cast<char>(grey || c == 2 ? 0 : 200);
        }
      }
    }
    PoDoFo::PdfPage* page = document.CreatePage(a4);
    PoDoFo::PdfImage image(&document);
    image.SetImageColorSpace(grey ? PoDoFo::ePdfColorSpace_DeviceGray
                                  : PoDoFo::ePdfColorSpace_DeviceRGB);
    PoDoFo::PdfMemoryInputStream stream(pixels.data(),
                                        static_cast<PoDoFo::pdf_long>(pixels.size()));
    image.SetImageData(width, height, 8, &stream);
    PoDoFo::PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage(0, 0, &image, a4.GetWidth() / width, a4.GetHeight() / height);
    painter.FinishPage();
  }
  document.Write(path.c_str());
}

TEST_F(IntakeTest, ImageOnlyPdfIsRasterizedAtItsImageResolution) {
  const std::string path = PathOf("dossier.pdf");
  WriteImagePdf(path, {true, false});
  auto loaded = LoadPages(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->pages.size(), 2u);
  for (const LoadedPage& page : loaded->pages) {
    EXPECT_DOUBLE_EQ(page.image.dpi, 150);
    EXPECT_TRUE(page.dpi_from_file);
    EXPECT_NEAR(page.image.width, 1240, 1);
    EXPECT_NEAR(page.image.height, 1754, 1);
  }
  EXPECT_EQ(loaded->pages[0].image.channels, 1);
  EXPECT_EQ(loaded->pages[1].image.channels, 3);
  EXPECT_EQ(loaded->pages[1].page_in_file, 2);
  // The bar is where it was drawn, in its colour (yellow on page 2).
  const Image& colour = loaded->pages[1].image;
  const std::size_t at = (410 * static_cast<std::size_t>(colour.width) + 600) * 3;
  EXPECT_LT(colour.pixels[at + 2], 40);
  EXPECT_GT(colour.pixels[at + 0], 150);
  const Image& grey = loaded->pages[0].image;
  EXPECT_LT(grey.pixels[410 * static_cast<std::size_t>(grey.width) + 600], 40);
  EXPECT_GT(grey.pixels[100 * static_cast<std::size_t>(grey.width) + 600], 220);

  LoadOptions options;
  options.dpi_override = 100;
  auto overridden = LoadPages(path, options);
  ASSERT_TRUE(overridden.ok());
  EXPECT_NEAR(overridden->pages[0].image.width, 827, 1);
}

TEST_F(IntakeTest, EncryptedPdfIsRefused) {
  const std::string plain = PathOf("plain.pdf");
  WriteImagePdf(plain, {true});
  if (std::system("qpdf --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "qpdf not installed";
  const std::string locked = PathOf("locked.pdf");
  const std::string command = "qpdf --encrypt user owner 256 -- '" + plain + "' '" + locked + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ExpectFailure(LoadPages(locked), StatusCode::kInvalidInput, locked,
                "encrypted PDF; remove the password first");
}

TEST_F(IntakeTest, AlreadySignedPdfIsRefused) {
  const std::string plain = PathOf("plain.pdf");
  WriteImagePdf(plain, {true});
  // An incremental update adding a signature value, as a signer writes it.
  std::string bytes = ReadBytes(plain);
  bytes +=
      "\n99 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
      "/ByteRange [0 1000 3000 500] /Contents <3082> >>\nendobj\n";
  const std::string signed_pdf = WriteBytes("signed.pdf", bytes);
  ExpectFailure(LoadPages(signed_pdf), StatusCode::kInvalidInput, signed_pdf,
                "already signed; verify it with `sohoa verify` instead");
  // A mere mention of /ByteRange without a range is not a signature.
  const std::string unsigned_pdf =
      WriteBytes("unsigned.pdf", ReadBytes(plain) + "\n% /ByteRange [ ] placeholder\n");
  EXPECT_TRUE(LoadPages(unsigned_pdf).ok());
}

TEST_F(IntakeTest, CorruptPdfIsRefused) {
  const std::string plain = PathOf("plain.pdf");
  WriteImagePdf(plain, {true});
  const std::string bytes = ReadBytes(plain);
  const std::string cut = WriteBytes("cut.pdf", bytes.substr(0, 300));
  auto loaded = LoadPages(cut);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput) << loaded.status().ToString();
  EXPECT_EQ(loaded.status().file(), cut);
}

}  // namespace
}  // namespace sohoa::pipeline
