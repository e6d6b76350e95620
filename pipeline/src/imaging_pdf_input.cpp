#include "imaging_pdf_input.h"

#include <podofo/podofo.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string_view>

namespace sohoa::pipeline {

namespace {

// What the largest image on a page tells about how the page was scanned.
struct PageImageInfo {
  std::int64_t width = 0;
  std::int64_t height = 0;
  bool grey = false;
};

void SilencePdfLibraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
  });
}

const PoDoFo::PdfObject* Resolve(const PoDoFo::PdfObject* object) {
  if (object != nullptr && object->IsReference() && object->GetOwner() != nullptr) {
    return object->GetOwner()->GetObject(object->GetReference());
  }
  return object;
}

bool IsGreyColourSpace(const PoDoFo::PdfObject* space, int depth = 0) {
  space = Resolve(space);
  if (space == nullptr || depth > 3) return false;
  if (space->IsName()) {
    const std::string name = space->GetName().GetName();
    return name == "DeviceGray" || name == "CalGray" || name == "G";
  }
  if (space->IsArray() && !space->GetArray().empty()) {
    const PoDoFo::PdfArray& array = space->GetArray();
    const PoDoFo::PdfObject* family = Resolve(&array[0]);
    if (family == nullptr || !family->IsName()) return false;
    const std::string name = family->GetName().GetName();
    if (name == "CalGray") return true;
    if ((name == "Indexed" || name == "I") && array.size() > 1) {
      return IsGreyColourSpace(&array[1], depth + 1);
    }
    if (name == "ICCBased" && array.size() > 1) {
      const PoDoFo::PdfObject* stream = Resolve(&array[1]);
      if (stream != nullptr && stream->IsDictionary()) {
        const PoDoFo::PdfObject* components = stream->GetIndirectKey(PoDoFo::PdfName("N"));
        return components != nullptr && components->IsNumber() && components->GetNumber() == 1;
      }
    }
  }
  return false;
}

bool IsGreyImage(const PoDoFo::PdfObject& image) {
  const PoDoFo::PdfObject* mask = image.GetIndirectKey(PoDoFo::PdfName("ImageMask"));
  if (mask != nullptr && mask->IsBool() && mask->GetBool()) return true;
  const PoDoFo::PdfObject* bits = image.GetIndirectKey(PoDoFo::PdfName("BitsPerComponent"));
  if (bits != nullptr && bits->IsNumber() && bits->GetNumber() == 1) return true;
  return IsGreyColourSpace(image.GetIndirectKey(PoDoFo::PdfName("ColorSpace")));
}

// Finds the largest image drawn from `resources`, looking into form XObjects a few levels deep.
void FindLargestImage(const PoDoFo::PdfObject* resources, int depth, PageImageInfo& best) {
  resources = Resolve(resources);
  if (resources == nullptr || !resources->IsDictionary() || depth > 3) return;
  const PoDoFo::PdfObject* xobjects = resources->GetIndirectKey(PoDoFo::PdfName("XObject"));
  if (xobjects == nullptr || !xobjects->IsDictionary()) return;
  for (const auto& [key, value] : xobjects->GetDictionary().GetKeys()) {
    const PoDoFo::PdfObject* xobject = Resolve(value);
    if (xobject == nullptr || !xobject->IsDictionary()) continue;
    const PoDoFo::PdfObject* subtype = xobject->GetIndirectKey(PoDoFo::PdfName("Subtype"));
    if (subtype == nullptr || !subtype->IsName()) continue;
    if (subtype->GetName() == PoDoFo::PdfName("Form")) {
      FindLargestImage(xobject->GetIndirectKey(PoDoFo::PdfName("Resources")), depth + 1, best);
      continue;
    }
    if (subtype->GetName() != PoDoFo::PdfName("Image")) continue;
    const PoDoFo::PdfObject* width = xobject->GetIndirectKey(PoDoFo::PdfName("Width"));
    const PoDoFo::PdfObject* height = xobject->GetIndirectKey(PoDoFo::PdfName("Height"));
    if (width == nullptr || height == nullptr || !width->IsNumber() || !height->IsNumber()) {
      continue;
    }
    if (width->GetNumber() * height->GetNumber() > best.width * best.height) {
      best.width = width->GetNumber();
      best.height = height->GetNumber();
      best.grey = IsGreyImage(*xobject);
    }
  }
}

// The largest image of every page, or an empty list when PoDoFo cannot read the file (poppler
// may still render it; the pages then get the default resolution).
std::vector<PageImageInfo> LargestImagePerPage(const std::string& bytes) {
  std::vector<PageImageInfo> pages;
  try {
    PoDoFo::PdfMemDocument document;
    document.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()));
    const int count = document.GetPageCount();
    for (int i = 0; i < count; ++i) {
      PageImageInfo info;
      if (PoDoFo::PdfPage* page = document.GetPage(i)) {
        FindLargestImage(page->GetResources(), 0, info);
      }
      pages.push_back(info);
    }
  } catch (const PoDoFo::PdfError&) {
    pages.clear();
  } catch (const std::exception&) {
    pages.clear();
  }
  return pages;
}

Image ImageFromRendering(const poppler::image& rendered, double dpi) {
  Image image;
  image.width = rendered.width();
  image.height = rendered.height();
  image.dpi = dpi;
  const bool grey = rendered.format() == poppler::image::format_gray8;
  image.channels = grey ? 1 : 3;
  image.pixels.resize(image.row_bytes() * image.height);
  const auto* data = reinterpret_cast<const std::uint8_t*>(rendered.const_data());
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* in = data + static_cast<std::size_t>(y) * rendered.bytes_per_row();
    std::uint8_t* out = image.pixels.data() + y * image.row_bytes();
    if (grey) {
      std::copy(in, in + image.width, out);
      continue;
    }
    for (int x = 0; x < image.width; ++x) {
      // ARGB32 words in native (little-endian) order: B, G, R, A in memory.
      out[3 * x + 0] = in[4 * x + 2];
      out[3 * x + 1] = in[4 * x + 1];
      out[3 * x + 2] = in[4 * x + 0];
    }
  }
  return image;
}

Result<LoadedPage> RenderPage(poppler::document& document, int index, const PageImageInfo* info,
                              const std::string& file, const LoadOptions& options) {
  const int page_number = index + 1;
  std::unique_ptr<poppler::page> page(document.create_page(index));
  if (!page) return InvalidInput("cannot read the page (corrupt PDF?)", file, page_number);
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  const double width_pt = std::abs(box.width()), height_pt = std::abs(box.height());
  if (width_pt < 1 || height_pt < 1) {
    return InvalidInput("the page has no size (corrupt PDF?)", file, page_number);
  }
  LoadedPage loaded;
  loaded.file = file;
  loaded.page_in_file = page_number;
  double dpi = options.default_dpi > 0 ? options.default_dpi : limits::kDefaultDpi;
  if (info != nullptr && info->width > 0 && info->height > 0) {
    // Long side against long side: a page image may be stored rotated.
    const double image_dpi = std::round(static_cast<double>(std::max(info->width, info->height)) /
                                        (std::max(width_pt, height_pt) / 72.0));
    if (image_dpi >= limits::kMinDpi && image_dpi <= limits::kMaxDpi) {
      dpi = image_dpi;
      loaded.dpi_from_file = true;
    }
  }
  if (options.dpi_override > 0) {
    dpi = options.dpi_override;
    loaded.dpi_from_file = false;
  }
  const auto width_px = static_cast<std::int64_t>(std::ceil(width_pt * dpi / 72.0));
  const auto height_px = static_cast<std::int64_t>(std::ceil(height_pt * dpi / 72.0));
  if (width_px * height_px > limits::kMaxPixelsPerPage) {
    return InvalidInput("page is " + std::to_string(width_px) + " x " + std::to_string(height_px) +
                            " pixels at " + std::to_string(static_cast<int>(dpi)) +
                            " dpi, over the limit of " + std::to_string(limits::kMaxPixelsPerPage) +
                            " pixels per page; pass a lower --dpi",
                        file, page_number);
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(info != nullptr && info->grey ? poppler::image::format_gray8
                                                          : poppler::image::format_argb32);
  const poppler::image rendered = renderer.render_page(page.get(), dpi, dpi);
  if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0) {
    return InvalidInput("cannot render the page (corrupt PDF?)", file, page_number);
  }
  loaded.image = ImageFromRendering(rendered, dpi);
  return loaded;
}

}  // namespace

bool PdfLooksSigned(const std::string& bytes) {
  // A signature value dictionary is written uncompressed (its /Contents is patched in place),
  // so a byte search finds it; "/ByteRange [a b c d]" alone marks a signature, an empty
  // signature field does not have one.
  static constexpr std::string_view kKey = "/ByteRange";
  const auto is_space = [](char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
  };
  for (std::size_t at = bytes.find(kKey); at != std::string::npos;
       at = bytes.find(kKey, at + kKey.size())) {
    std::size_t i = at + kKey.size();
    while (i < bytes.size() && is_space(bytes[i])) ++i;
    if (i >= bytes.size() || bytes[i] != '[') continue;
    ++i;
    int integers = 0;
    while (i < bytes.size() && integers < 5) {
      while (i < bytes.size() && is_space(bytes[i])) ++i;
      const std::size_t start = i;
      while (i < bytes.size() && bytes[i] >= '0' && bytes[i] <= '9') ++i;
      if (i == start) break;
      ++integers;
    }
    if (integers == 4 && i < bytes.size() && bytes[i] == ']') return true;
  }
  return false;
}

Result<LoadedFile> LoadImageOnlyPdf(const std::string& bytes, const std::string& file,
                                    const LoadOptions& options) {
  SilencePdfLibraries();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return InvalidInput("PDF too large", file);
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    return InvalidInput("cannot read the PDF (corrupt or truncated?)", file);
  }
  if (document->is_locked() || document->is_encrypted()) {
    return InvalidInput("encrypted PDF; remove the password first", file);
  }
  if (PdfLooksSigned(bytes)) {
    return InvalidInput("already signed; verify it with `sohoa verify` instead", file);
  }
  const int count = document->pages();
  if (count <= 0) return InvalidInput("the PDF has no pages", file);
  if (count > limits::kMaxPagesPerDossier) {
    return InvalidInput("the PDF has " + std::to_string(count) + " pages, over the limit of " +
                            std::to_string(limits::kMaxPagesPerDossier) + "; split it",
                        file);
  }
  const std::vector<PageImageInfo> images = LargestImagePerPage(bytes);
  LoadedFile loaded;
  for (int index = 0; index < count; ++index) {
    const PageImageInfo* info =
        images.size() == static_cast<std::size_t>(count) ? &images[index] : nullptr;
    auto page = RenderPage(*document, index, info, file, options);
    if (page.ok()) {
      loaded.pages.push_back(std::move(page).value());
    } else {
      loaded.page_errors.push_back(page.status());
    }
  }
  if (loaded.pages.empty()) return loaded.page_errors.front();
  return loaded;
}

}  // namespace sohoa::pipeline
