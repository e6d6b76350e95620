// Intake: from command-line inputs to dossiers, and from files to page images.
#pragma once

#include <string>
#include <vector>

#include "sohoa/core/image.h"
#include "sohoa/core/limits.h"
#include "sohoa/core/status.h"

namespace sohoa::pipeline {

struct DossierSource {
  std::string name;                // folder name, or the file's stem for a lone file
  std::vector<std::string> files;  // page files in natural filename order
};

// Expands inputs into dossiers: a folder is one dossier made of the supported files directly
// in it (.png .jpg .jpeg .tif .tiff .pdf, any case) in natural order ("page-2" before
// "page-10"); a file is a dossier of its own. Fails with kIo naming a missing input and
// kInvalidInput naming a folder with no supported file. Hidden files are skipped.
Result<std::vector<DossierSource>> CollectDossiers(const std::vector<std::string>& inputs);

// Natural ("version") order of file names: digit runs compare as numbers.
bool NaturalLess(const std::string& a, const std::string& b);

struct LoadOptions {
  double dpi_override = 0;                   // > 0: use this, whatever the file says
  double default_dpi = limits::kDefaultDpi;  // when the file does not say
};

struct LoadedPage {
  std::string file;
  int page_in_file = 1;  // 1-based
  Image image;           // channels 1 or 3; dpi always set
  // True when the resolution came from the file: its metadata (accepted within
  // limits::kMinDpi..kMaxDpi), or for a PDF the pixel size of its page image.
  bool dpi_from_file = false;
  // Caveats for the record, e.g. that a 600 dpi scan was downsampled to 300 dpi.
  std::vector<std::string> warnings;
};

struct LoadedFile {
  std::vector<LoadedPage> pages;
  // Pages of a multi-page file that could not be decoded; each names the file and page.
  std::vector<Status> page_errors;
};

// Decodes every page of an image file (PNG, JPEG, TIFF incl. multi-page) or an image-only PDF
// (rasterized at the resolution of its page images). Whole-file failures: kIo (unreadable),
// kInvalidInput (0 bytes, corrupt, truncated, encrypted PDF, already-signed PDF, page over
// limits::kMaxPixelsPerPage), kUnsupported (other formats). Messages name the file and page.
// The format is told by the file's first bytes, not its extension. Sizes are checked from the
// header before any pixel is decoded. When every page of a multi-page file fails, the first
// page's error is returned. Grey and bilevel images load as 1-channel grey, colour and
// palette images as RGB (16-bit samples become 8-bit, transparency is composed onto white).
// A page finer than limits::kMaxWorkingDpi (by its file or by options) is downsampled to
// limits::kDefaultDpi, with a warning on the page. Thread-safe.
Result<LoadedFile> LoadPages(const std::string& path, const LoadOptions& options = {});

}  // namespace sohoa::pipeline
