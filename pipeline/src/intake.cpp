#include "sohoa/pipeline/intake.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

#include <opencv2/imgproc.hpp>

#include "imaging_format.h"
#include "mat_view.h"
#include "imaging_pdf_input.h"
#include "sohoa/core/files.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Collecting dossiers

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string s) {
  for (char& c : s) c = LowerAscii(c);
  return s;
}

bool HasSupportedExtension(const fs::path& path) {
  const std::string ext = LowerAscii(path.extension().string());
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" ||
         ext == ".pdf";
}

// Compares natural order ignoring ASCII case; 0 when equal in that order.
int NaturalCompare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      std::size_t i_end = i, j_end = j;
      while (i_end < a.size() && IsDigit(a[i_end])) ++i_end;
      while (j_end < b.size() && IsDigit(b[j_end])) ++j_end;
      // Leading zeros do not change a number's value; compare the significant digits.
      std::size_t i_sig = i, j_sig = j;
      while (i_sig + 1 < i_end && a[i_sig] == '0') ++i_sig;
      while (j_sig + 1 < j_end && b[j_sig] == '0') ++j_sig;
      const std::size_t i_len = i_end - i_sig, j_len = j_end - j_sig;
      if (i_len != j_len) return i_len < j_len ? -1 : 1;
      const int cmp = a.substr(i_sig, i_len).compare(b.substr(j_sig, j_len));
      if (cmp != 0) return cmp < 0 ? -1 : 1;
      i = i_end;
      j = j_end;
      continue;
    }
    const char ca = LowerAscii(a[i]), cb = LowerAscii(b[j]);
    if (ca != cb) return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb) ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

std::string FolderName(const fs::path& folder) {
  fs::path normal = folder.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();  // "dossier/" -> "dossier"
  std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") {
    std::error_code ec;
    name = fs::weakly_canonical(folder, ec).filename().string();
  }
  return name.empty() ? std::string("dossier") : name;
}

}  // namespace

bool NaturalLess(const std::string& a, const std::string& b) {
  const int cmp = NaturalCompare(a, b);
  // Names equal in natural order ("p01" and "p1", "A" and "a") still need a stable order.
  return cmp != 0 ? cmp < 0 : a < b;
}

Result<std::vector<DossierSource>> CollectDossiers(const std::vector<std::string>& inputs) {
  std::vector<DossierSource> dossiers;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) return IoError("no such file or folder", input);
    if (fs::is_directory(status)) {
      DossierSource dossier;
      dossier.name = FolderName(input);
      std::vector<std::pair<std::string, std::string>> named;  // file name, full path
      for (fs::directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        const std::string name = path.filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code file_ec;
        if (!it->is_regular_file(file_ec) || !HasSupportedExtension(path)) continue;
        named.emplace_back(name, path.string());
      }
      if (ec) return IoError("cannot list the folder: " + ec.message(), input);
      if (named.empty()) {
        return InvalidInput(
            "no page files in the folder (expected .png .jpg .jpeg .tif .tiff or .pdf)", input);
      }
      std::sort(named.begin(), named.end(),
                [](const auto& x, const auto& y) { return NaturalLess(x.first, y.first); });
      for (auto& [name, path] : named) dossier.files.push_back(std::move(path));
      dossiers.push_back(std::move(dossier));
    } else {
      DossierSource dossier;
      dossier.name = fs::path(input).stem().string();
      dossier.files.push_back(input);
      dossiers.push_back(std::move(dossier));
    }
  }
  return dossiers;
}

// ---------------------------------------------------------------------------------------------
// Decoding raster images with Leptonica

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Leptonica reports problems on stderr; our callers get a Status instead.
void SilenceLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

Status CorruptImage(const std::string& file, int page, const char* format) {
  return InvalidInput(std::string("cannot decode the ") + format +
                          " image (corrupt or truncated?); scan the page again",
                      file, page);
}

// Converts any Leptonica image to sohoa's 8-bit grey or RGB: colormaps expanded, bilevel to
// 0/255, 2/4/16-bit to 8-bit, alpha composed onto white.
Result<Image> ImageFromPix(PIX* source, const std::string& file, int page) {
  PIX* pix = source;
  PixPtr converted;
  const auto replace = [&](PIX* next) {
    if (next == nullptr) return false;
    converted.reset(next);
    pix = next;
    return true;
  };
  bool ok = true;
  if (pixGetColormap(pix) != nullptr)
    ok = replace(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  if (ok) {
    switch (pixGetDepth(pix)) {
      case 1:
        ok = replace(pixConvert1To8(nullptr, pix, 255, 0));
        break;
      case 2:
      case 4:
        ok = replace(pixConvertTo8(pix, 0));
        break;
      case 16:
        ok = replace(pixConvert16To8(pix, L_MS_BYTE));
        break;
      default:
        break;
    }
  }
  if (ok && pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    ok = replace(pixAlphaBlendUniform(pix, 0xffffff00));
  }
  const int depth = pixGetDepth(pix);
  if (!ok || (depth != 8 && depth != 32)) {
    return Unsupported(
        "unsupported pixel layout (" + std::to_string(pixGetDepth(source)) + " bits per pixel)",
        file, page);
  }
  Image image;
  image.width = static_cast<int>(pixGetWidth(pix));
  image.height = static_cast<int>(pixGetHeight(pix));
  image.channels = depth == 8 ? 1 : 3;
  image.pixels.resize(image.row_bytes() * image.height);
  const l_uint32* data = pixGetData(pix);
  const int words_per_line = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = data + static_cast<std::size_t>(y) * words_per_line;
    std::uint8_t* out = image.pixels.data() + y * image.row_bytes();
    if (depth == 8) {
      for (int x = 0; x < image.width; ++x) out[x] = GET_DATA_BYTE(line, x);
    } else {
      for (int x = 0; x < image.width; ++x) {
        const l_uint32 word = line[x];
        out[3 * x + 0] = (word >> L_RED_SHIFT) & 0xff;
        out[3 * x + 1] = (word >> L_GREEN_SHIFT) & 0xff;
        out[3 * x + 2] = (word >> L_BLUE_SHIFT) & 0xff;
      }
    }
  }
  return image;
}

Status CheckPixelLimit(std::int64_t width, std::int64_t height, const std::string& file, int page) {
  if (width <= 0 || height <= 0) {
    return InvalidInput("the image header gives no size (corrupt or truncated?)", file, page);
  }
  if (width * height > limits::kMaxPixelsPerPage) {
    return InvalidInput("page is " + std::to_string(width) + " x " + std::to_string(height) +
                            " pixels, over the limit of " +
                            std::to_string(limits::kMaxPixelsPerPage) +
                            " pixels per page; scan it at a lower resolution",
                        file, page);
  }
  return Status::Ok();
}

// A truncated JPEG decodes "successfully" with the missing part painted grey, so look for the
// end-of-image marker after the last start-of-scan instead. Inside entropy-coded data 0xFF is
// always followed by 0x00 or a restart marker, so FF D9 there is the real end marker.
bool JpegHasEndMarker(std::string_view bytes) {
  const std::size_t last_scan = bytes.rfind("\xFF\xDA");
  if (last_scan == std::string_view::npos) return false;
  return bytes.find("\xFF\xD9", last_scan) != std::string_view::npos;
}

// A truncated PNG makes libpng print to stderr before Leptonica gives up, so walk the chunk
// list first: every chunk must fit in the file, up to the IEND chunk.
bool PngHasAllChunks(std::string_view bytes) {
  std::size_t at = 8;  // after the signature
  while (at + 12 <= bytes.size()) {
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) length = (length << 8) | static_cast<std::uint8_t>(bytes[at + i]);
    const std::string_view type = bytes.substr(at + 4, 4);
    if (length > bytes.size() - at - 12) return false;
    if (type == "IEND") return true;
    at += 12 + static_cast<std::size_t>(length);
  }
  return false;
}

void SetResolution(LoadedPage& page, int file_dpi, const LoadOptions& options) {
  if (options.dpi_override > 0) {
    page.image.dpi = options.dpi_override;
  } else if (file_dpi >= limits::kMinDpi && file_dpi <= limits::kMaxDpi) {
    page.image.dpi = file_dpi;
    page.dpi_from_file = true;
  } else {
    page.image.dpi = options.default_dpi > 0 ? options.default_dpi : limits::kDefaultDpi;
  }
}

Result<LoadedPage> DecodeSingleImage(const std::string& bytes, ImageFormat format,
                                     const std::string& file, const LoadOptions& options) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  const char* name = FormatName(format);
  l_int32 lept_format = 0, width = 0, height = 0, bps = 0, spp = 0, colormap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &lept_format, &width, &height, &bps, &spp, &colormap) !=
      0) {
    return CorruptImage(file, 1, name);
  }
  SOHOA_RETURN_IF_ERROR(CheckPixelLimit(width, height, file, 1));
  if ((format == ImageFormat::kJpeg && !JpegHasEndMarker(bytes)) ||
      (format == ImageFormat::kPng && !PngHasAllChunks(bytes))) {
    return CorruptImage(file, 1, name);
  }
  PixPtr pix;
  if (format == ImageFormat::kJpeg) {
    l_int32 warnings = 0;
    pix.reset(pixReadMemJpeg(data, bytes.size(), 0, 1, &warnings, 0));
    // libjpeg warns (and fills in grey) on damaged entropy-coded data.
    if (warnings > 0) return CorruptImage(file, 1, name);
  } else {
    pix.reset(pixReadMem(data, bytes.size()));
  }
  if (!pix) return CorruptImage(file, 1, name);
  LoadedPage page;
  page.file = file;
  page.page_in_file = 1;
  SOHOA_ASSIGN_OR_RETURN(page.image, ImageFromPix(pix.get(), file, 1));
  SetResolution(page, pixGetXRes(pix.get()) > 0 ? pixGetXRes(pix.get()) : pixGetYRes(pix.get()),
                options);
  return page;
}

Result<int> CountTiffPages(const std::string& bytes, const std::string& file) {
  FILE* stream = fopenReadFromMemory(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size());
  if (stream == nullptr) return InternalError("cannot open the TIFF in memory", file);
  l_int32 count = 0;
  const bool ok = tiffGetCount(stream, &count) == 0;
  std::fclose(stream);
  if (!ok || count <= 0) return CorruptImage(file, 1, "TIFF");
  return static_cast<int>(count);
}

Result<LoadedPage> DecodeTiffPage(const std::string& bytes, int index, const std::string& file,
                                  const LoadOptions& options) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  const int page_number = index + 1;
  l_int32 width = 0, height = 0, bps = 0, spp = 0, res = 0, colormap = 0, compression = 0;
  if (readHeaderMemTiff(data, bytes.size(), index, &width, &height, &bps, &spp, &res, &colormap,
                        &compression) != 0) {
    return CorruptImage(file, page_number, "TIFF");
  }
  SOHOA_RETURN_IF_ERROR(CheckPixelLimit(width, height, file, page_number));
  PixPtr pix(pixReadMemTiff(data, bytes.size(), index));
  if (!pix) return CorruptImage(file, page_number, "TIFF");
  LoadedPage page;
  page.file = file;
  page.page_in_file = page_number;
  SOHOA_ASSIGN_OR_RETURN(page.image, ImageFromPix(pix.get(), file, page_number));
  SetResolution(page, pixGetXRes(pix.get()) > 0 ? pixGetXRes(pix.get()) : pixGetYRes(pix.get()),
                options);
  return page;
}

// Follows a classic TIFF's chain of image directories (IFDs) through the raw bytes. libtiff
// stops quietly at a directory that lies past the end of a truncated file, so without this
// check the pages after it would simply be missing from the dossier.
struct TiffChain {
  int directories = 0;     // directories wholly inside the file
  bool truncated = false;  // the chain points past the end (or loops)
};

TiffChain WalkTiffChain(std::string_view b) {
  TiffChain chain;
  if (b.size() < 8) return {0, true};
  const bool little_endian = b[0] == 'I';
  const auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])); };
  const auto u16 = [&](std::size_t at) {
    return little_endian ? byte(at) | byte(at + 1) << 8 : byte(at) << 8 | byte(at + 1);
  };
  const auto u32 = [&](std::size_t at) {
    return little_endian ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2);
  };
  std::uint64_t offset = u32(4);
  std::vector<std::uint64_t> seen;
  while (offset != 0) {
    if (offset + 2 > b.size() || std::find(seen.begin(), seen.end(), offset) != seen.end() ||
        chain.directories > limits::kMaxPagesPerDossier) {
      chain.truncated = true;
      return chain;
    }
    seen.push_back(offset);
    const std::uint64_t next_at = offset + 2 + 12ULL * u16(static_cast<std::size_t>(offset));
    if (next_at + 4 > b.size()) {
      chain.truncated = true;
      return chain;
    }
    ++chain.directories;
    offset = u32(static_cast<std::size_t>(next_at));
  }
  return chain;
}

Result<LoadedFile> LoadTiff(const std::string& bytes, const std::string& file,
                            const LoadOptions& options) {
  SOHOA_ASSIGN_OR_RETURN(const int count, CountTiffPages(bytes, file));
  if (count > limits::kMaxPagesPerDossier) {
    return InvalidInput("the TIFF has " + std::to_string(count) + " pages, over the limit of " +
                            std::to_string(limits::kMaxPagesPerDossier) + "; split it",
                        file);
  }
  LoadedFile loaded;
  for (int index = 0; index < count; ++index) {
    auto page = DecodeTiffPage(bytes, index, file, options);
    if (page.ok()) {
      loaded.pages.push_back(std::move(page).value());
    } else {
      loaded.page_errors.push_back(page.status());
    }
  }
  if (const TiffChain chain = WalkTiffChain(bytes); chain.truncated) {
    loaded.page_errors.push_back(InvalidInput(
        "the TIFF is cut short after page " + std::to_string(chain.directories) +
            ": the pages after it are missing; copy or scan the file again",
        file, chain.directories + 1));
  }
  if (loaded.pages.empty()) return loaded.page_errors.front();
  return loaded;
}

// Scans finer than limits::kMaxWorkingDpi become kDefaultDpi pages (area averaging, so fine
// strokes are kept as grey rather than aliased away).
void LimitResolution(LoadedPage& page) {
  if (page.image.dpi <= limits::kMaxWorkingDpi) return;
  const double scale = limits::kDefaultDpi / page.image.dpi;
  Image smaller;
  smaller.channels = page.image.channels;
  smaller.width = std::max(1, static_cast<int>(std::lround(page.image.width * scale)));
  smaller.height = std::max(1, static_cast<int>(std::lround(page.image.height * scale)));
  smaller.dpi = limits::kDefaultDpi;
  smaller.pixels.resize(smaller.row_bytes() * static_cast<std::size_t>(smaller.height));
  cv::Mat out = internal::MatView(smaller);
  cv::resize(internal::MatView(page.image), out, out.size(), 0, 0, cv::INTER_AREA);
  page.warnings.push_back("scanned at " + std::to_string(std::lround(page.image.dpi)) +
                          " dpi; processed and archived at " +
                          std::to_string(std::lround(limits::kDefaultDpi)) + " dpi");
  page.image = std::move(smaller);
}

Result<LoadedFile> LoadPagesUnlimited(const std::string& path, const LoadOptions& options) {
  SilenceLeptonica();
  SOHOA_ASSIGN_OR_RETURN(const std::string bytes, files::ReadAll(path));
  if (bytes.empty()) return InvalidInput("empty file (0 bytes); copy or scan it again", path);
  const ImageFormat format = SniffFormat(bytes);
  switch (format) {
    case ImageFormat::kPng:
    case ImageFormat::kJpeg: {
      SOHOA_ASSIGN_OR_RETURN(LoadedPage page, DecodeSingleImage(bytes, format, path, options));
      LoadedFile loaded;
      loaded.pages.push_back(std::move(page));
      return loaded;
    }
    case ImageFormat::kTiff:
      return LoadTiff(bytes, path, options);
    case ImageFormat::kPdf:
      return LoadImageOnlyPdf(bytes, path, options);
    case ImageFormat::kUnknown:
      if (bytes.size() < 16) {
        return InvalidInput("file is too short to be an image (corrupt or truncated?)", path);
      }
      return Unsupported(std::string("not a page image; supported formats: ") + kSupportedFormats,
                         path);
    default:
      return Unsupported(std::string(FormatName(format)) +
                             " files are not supported; convert to one of: " + kSupportedFormats,
                         path);
  }
}

}  // namespace

Result<LoadedFile> LoadPages(const std::string& path, const LoadOptions& options) {
  SOHOA_ASSIGN_OR_RETURN(LoadedFile loaded, LoadPagesUnlimited(path, options));
  try {
    for (LoadedPage& page : loaded.pages) LimitResolution(page);
  } catch (const cv::Exception& e) {
    return InternalError(std::string("downsampling failed (OpenCV): ") + e.what(), path);
  }
  return loaded;
}

}  // namespace sohoa::pipeline
