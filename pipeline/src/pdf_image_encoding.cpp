#include "pdf_image_encoding.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string_view>
#include <vector>

#include "mat_view.h"

namespace sohoa::pipeline::internal {
namespace {

// Samples packed 8 to a byte, most significant bit first, 1 = white (DeviceGray).
std::string PackBits(const Image& image) {
  const std::size_t row_bytes = (static_cast<std::size_t>(image.width) + 7) / 8;
  std::string packed(row_bytes * image.height, '\0');
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width;
    char* out = packed.data() + static_cast<std::size_t>(y) * row_bytes;
    for (int x = 0; x < image.width; ++x) {
      if (row[x] != 0) out[x / 8] = static_cast<char>(out[x / 8] | (0x80 >> (x % 8)));
    }
  }
  return packed;
}

// Reads an unsigned TIFF integer of `size` bytes at `offset`; false when out of range.
bool ReadTiffUint(std::string_view tiff, std::size_t offset, int size, bool little_endian,
                  std::uint32_t* value) {
  if (offset + size > tiff.size()) return false;
  *value = 0;
  for (int i = 0; i < size; ++i) {
    const auto byte = static_cast<std::uint8_t>(tiff[offset + (little_endian ? size - 1 - i : i)]);
    *value = (*value << 8) | byte;
  }
  return true;
}

// The single strip of a one-strip TIFF: for a G4 TIFF, exactly the bytes a PDF
// /CCITTFaxDecode filter with /K -1 decodes. Empty when the file is not laid out that way.
std::string SingleTiffStrip(std::string_view tiff) {
  if (tiff.size() < 8 || (tiff.substr(0, 2) != "II" && tiff.substr(0, 2) != "MM")) return {};
  const bool le = tiff[0] == 'I';
  std::uint32_t ifd = 0, entries = 0;
  if (!ReadTiffUint(tiff, 4, 4, le, &ifd) || !ReadTiffUint(tiff, ifd, 2, le, &entries)) return {};
  std::uint32_t strip_offset = 0, strip_bytes = 0;
  int found = 0;
  for (std::uint32_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * static_cast<std::size_t>(i);
    std::uint32_t tag = 0, type = 0, count = 0, value = 0;
    if (!ReadTiffUint(tiff, entry, 2, le, &tag) || !ReadTiffUint(tiff, entry + 2, 2, le, &type) ||
        !ReadTiffUint(tiff, entry + 4, 4, le, &count)) {
      return {};
    }
    if (tag != 273 && tag != 279) continue;  // StripOffsets, StripByteCounts
    if (count != 1 || (type != 3 && type != 4)) return {};
    if (!ReadTiffUint(tiff, entry + 8, type == 3 ? 2 : 4, le, &value)) return {};
    (tag == 273 ? strip_offset : strip_bytes) = value;
    ++found;
  }
  if (found != 2 || strip_bytes == 0 ||
      static_cast<std::size_t>(strip_offset) + strip_bytes > tiff.size()) {
    return {};
  }
  return std::string(tiff.substr(strip_offset, strip_bytes));
}

// CCITT G4, encoded by Leptonica (libtiff) into an in-memory TIFF whose one strip is the data.
// Empty on failure.
std::string EncodeG4(const Image& image) {
  PIX* pix = pixCreate(image.width, image.height, 1);
  if (pix == nullptr) return {};
  // Leptonica's 1 bpp convention is 1 = black.
  l_uint32* data = pixGetData(pix);
  const l_int32 words_per_line = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width;
    l_uint32* line = data + static_cast<std::size_t>(y) * words_per_line;
    for (int x = 0; x < image.width; ++x) {
      if (row[x] == 0) SET_DATA_BIT(line, x);
    }
  }
  l_uint8* tiff = nullptr;
  size_t tiff_size = 0;
  std::string out;
  if (pixWriteMemTiff(&tiff, &tiff_size, pix, IFF_TIFF_G4) == 0 && tiff != nullptr) {
    out = SingleTiffStrip(std::string_view(reinterpret_cast<const char*>(tiff), tiff_size));
  }
  lept_free(tiff);
  pixDestroy(&pix);
  return out;
}

}  // namespace

bool IsBilevel(const Image& image) {
  if (image.channels != 1 || image.empty()) return false;
  return std::all_of(image.pixels.begin(), image.pixels.end(),
                     [](std::uint8_t v) { return v == 0 || v == 255; });
}

Result<EncodedPdfImage> EncodePdfImage(const Image& image, int jpeg_quality) {
  if (image.empty()) return InvalidInput("the page has no image");
  if (image.channels != 1 && image.channels != 3) {
    return InvalidInput("page image has " + std::to_string(image.channels) +
                        " channels; expected 1 (grey) or 3 (RGB)");
  }
  if (image.pixels.size() != image.row_bytes() * static_cast<std::size_t>(image.height)) {
    return InvalidInput("page image buffer does not match its size (" +
                        std::to_string(image.width) + "x" + std::to_string(image.height) + ")");
  }
  EncodedPdfImage encoded;
  encoded.width = image.width;
  encoded.height = image.height;
  encoded.components = image.channels;
  if (IsBilevel(image)) {
    encoded.bits_per_component = 1;
    encoded.data = EncodeG4(image);
    if (!encoded.data.empty()) {
      encoded.filter = PdfImageFilter::kCcittG4;
    } else {
      encoded.filter = PdfImageFilter::kFlateLater;
      encoded.data = PackBits(image);
    }
    return encoded;
  }
  try {
    const cv::Mat view = internal::MatView(image);
    // imencode wants BGR. Convert into a fresh Mat: `view` aliases the caller's pixels, which
    // must not change.
    cv::Mat to_encode;
    if (image.channels == 3) {
      cv::cvtColor(view, to_encode, cv::COLOR_RGB2BGR);
    } else {
      to_encode = view;
    }
    std::vector<std::uint8_t> jpeg;
    const std::vector<int> params = {cv::IMWRITE_JPEG_QUALITY, std::clamp(jpeg_quality, 1, 100),
                                     cv::IMWRITE_JPEG_OPTIMIZE, 1};
    if (!cv::imencode(".jpg", to_encode, jpeg, params)) {
      return InternalError("OpenCV could not encode the page image as JPEG");
    }
    encoded.filter = PdfImageFilter::kDct;
    encoded.data.assign(jpeg.begin(), jpeg.end());
  } catch (const cv::Exception& e) {
    return InternalError(std::string("JPEG encoding failed: ") + e.what());
  }
  return encoded;
}

}  // namespace sohoa::pipeline::internal
