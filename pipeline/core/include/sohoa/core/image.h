// A plain pixel buffer: the image type every public sohoa interface uses, so that OpenCV,
// Leptonica and Tesseract stay private to the modules that use them.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace sohoa {

// std::allocator, except that growing a vector with resize(n) leaves the new elements
// uninitialized instead of zeroing them. A page's pixel buffer is always written whole right
// after it is sized (decoding, cleanup's display and OCR copies): zeroing it first was a pass
// over tens of megabytes of memory per page for nothing. resize(n, value), assign and the
// constructors that take values still set them.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT: rebinding

  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Pixel bytes; resize(n) leaves new bytes uninitialized (see UninitializedAllocator).
using PixelBuffer = std::vector<std::uint8_t, UninitializedAllocator<std::uint8_t>>;

struct Image {
  int width = 0;
  int height = 0;
  // 1 = grey (0 black .. 255 white), 3 = RGB (in that byte order).
  int channels = 0;
  // Row-major, tightly packed: width * channels bytes per row.
  PixelBuffer pixels;
  // Resolution in dots per inch (the same horizontally and vertically); 0 when unknown.
  double dpi = 0;

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
  std::size_t row_bytes() const { return static_cast<std::size_t>(width) * channels; }
};

}  // namespace sohoa
