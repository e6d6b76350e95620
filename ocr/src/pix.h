// Private to sohoa_ocr: an owning pointer for Leptonica images.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace sohoa::ocr::internal {

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

}  // namespace sohoa::ocr::internal
