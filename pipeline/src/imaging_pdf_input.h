// Private to sohoa_pipeline: loading the pages of an image-only PDF (poppler renders, PoDoFo
// tells the resolution of the page images).
#pragma once

#include <string>

#include "sohoa/pipeline/intake.h"

namespace sohoa::pipeline {

// Rasterizes each page of the PDF in `bytes` (read from `file`) at the resolution of its
// largest image (options.default_dpi when it has none; options.dpi_override wins), grey when
// that image is grey. Refuses encrypted and already-signed PDFs with kInvalidInput; a page that
// fails goes into page_errors unless every page fails.
Result<LoadedFile> LoadImageOnlyPdf(const std::string& bytes, const std::string& file,
                                    const LoadOptions& options);

// True when the PDF carries a signature value (a /ByteRange of four integers).
bool PdfLooksSigned(const std::string& bytes);

}  // namespace sohoa::pipeline
