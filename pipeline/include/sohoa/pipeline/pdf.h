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
  const Image* image = nullptr;     // what the page shows; image->dpi > 0 sets the page size
  std::vector<ocr::Word> words;     // boxes in `image` pixel coordinates
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
// JPEG (colour/grey) or CCITT G4/Flate (bilevel), and each word drawn invisibly (render mode
// 3, glyphless font with Identity-H and ToUnicode) horizontally scaled to fill its box, so
// pdftotext returns NFC Vietnamese and selecting a word selects that word. Info dictionary and
// XMP carry title, author, creator and dates. Fails with kInvalidInput on a page without an
// image or dpi, kInternal when PoDoFo fails.
Result<std::string> BuildSearchablePdf(const std::vector<PdfPageInput>& pages, const PdfInfo& info,
                                       const PdfOptions& options = {});

}  // namespace sohoa::pipeline
