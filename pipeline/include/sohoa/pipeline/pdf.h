// Searchable PDF assembly: page images with an invisible, correctly placed Unicode text layer.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sohoa/core/image.h"
#include "sohoa/core/status.h"
#include "sohoa/ocr/engine.h"

namespace sohoa::pipeline {

struct PdfPageInput {
  const Image* image = nullptr;  // what the page shows; image->dpi > 0 sets the page size
  std::vector<ocr::Word> words;  // boxes in `image` pixel coordinates
};

struct PdfInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string creator = "sohoa";
  std::chrono::system_clock::time_point created{};
  // Extra XMP/record data may be added by later issues.
};

struct PdfOptions {
  int jpeg_quality = 80;  // colour and grey page images
};

// Builds the whole PDF in memory: one page per input, page size = image size / dpi, image as
// JPEG (colour/grey, OpenCV at options.jpeg_quality) or CCITT G4 (bilevel: grey with only 0 and
// 255), and each word drawn invisibly (render mode 3, a glyphless font with Identity-H and
// ToUnicode) horizontally scaled to fill its box, so pdftotext returns NFC Vietnamese and
// selecting a word selects that word. Words sharing a line_index share one baseline, so they
// come out as one line. Info dictionary and XMP carry title, author, subject, keywords,
// creator, producer "sohoa" and `created` (UTC) as creation and modification date, plus the
// PDF/A-2b identification and an sRGB output intent.
//
// Deterministic: the same pages, info and options give the same bytes (no clock, no random
// file ID). The input images are not modified.
//
// Fails with kInvalidInput on an empty page list or a page without an image, with a malformed
// image or without dpi (naming the 1-based page); kDependency naming the file and the package
// (icc-profiles-free) when the sRGB ICC profile is missing ($SOHOA_SRGB_ICC overrides the
// build-time path); kInternal when PoDoFo or an encoder fails. Thread-safe: calls share
// no state.
Result<std::string> BuildSearchablePdf(const std::vector<PdfPageInput>& pages, const PdfInfo& info,
                                       const PdfOptions& options = {});

}  // namespace sohoa::pipeline
