// Private to sohoa_pipeline: recognizing an input file's format from its first bytes.
#pragma once

#include <string_view>

namespace sohoa::pipeline {

enum class ImageFormat { kUnknown, kPng, kJpeg, kTiff, kPdf, kGif, kBmp, kWebp, kJpeg2000, kZip };

inline constexpr char kSupportedFormats[] = "PNG, JPEG, TIFF (also multi-page) or image-only PDF";

// The format the magic bytes announce, whatever the file's extension says. A PDF header may
// follow up to 1024 bytes of junk, as PDF readers accept.
inline ImageFormat SniffFormat(std::string_view bytes) {
  const auto starts = [&](std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
  };
  if (starts("\x89PNG\r\n\x1a\n")) return ImageFormat::kPng;
  if (starts("\xFF\xD8\xFF")) return ImageFormat::kJpeg;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) {
    return ImageFormat::kTiff;
  }
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return ImageFormat::kPdf;
  if (starts("GIF87a") || starts("GIF89a")) return ImageFormat::kGif;
  if (starts("BM")) return ImageFormat::kBmp;
  if (starts("RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") {
    return ImageFormat::kWebp;
  }
  if (starts(std::string_view("\0\0\0\x0CjP  ", 8)) || starts("\xFF\x4F\xFF\x51")) {
    return ImageFormat::kJpeg2000;
  }
  if (starts(std::string_view("PK\x03\x04", 4))) return ImageFormat::kZip;
  return ImageFormat::kUnknown;
}

inline const char* FormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng:
      return "PNG";
    case ImageFormat::kJpeg:
      return "JPEG";
    case ImageFormat::kTiff:
      return "TIFF";
    case ImageFormat::kPdf:
      return "PDF";
    case ImageFormat::kGif:
      return "GIF";
    case ImageFormat::kBmp:
      return "BMP";
    case ImageFormat::kWebp:
      return "WebP";
    case ImageFormat::kJpeg2000:
      return "JPEG 2000";
    case ImageFormat::kZip:
      return "ZIP (or Office document)";
    case ImageFormat::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace sohoa::pipeline
