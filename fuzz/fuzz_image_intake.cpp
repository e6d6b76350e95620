// Fuzz target: page intake. The bytes are written to a file and decoded by
// sohoa::pipeline::LoadPages, which sniffs the format from the content and decodes PNG, JPEG,
// TIFF (multi-page) or rasterizes an image-only PDF. Any outcome is fine except a crash, a
// sanitizer report, a hang, or an exception escaping the public function.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sohoa/pipeline/intake.h"

namespace {

// Larger inputs only slow the fuzzer down; the seeds are a few KB.
constexpr std::size_t kMaxInputBytes = 2 * 1024 * 1024;

// One fixed path per process (LoadPages reads a file, not memory). /dev/shm keeps the writes off
// the disk when it exists.
const std::string& InputPath() {
  static const std::string path = [] {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/sohoa-fuzz-intake-" + std::to_string(getpid()) + ".bin";
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  std::FILE* file = std::fopen(InputPath().c_str(), "wb");
  if (file == nullptr) std::abort();  // the harness itself is broken
  if (size > 0 && std::fwrite(data, 1, size, file) != size) std::abort();
  if (std::fclose(file) != 0) std::abort();

  sohoa::pipeline::LoadOptions options;
  auto loaded = sohoa::pipeline::LoadPages(InputPath(), options);
  // Removed at once: libFuzzer ends with _Exit, so atexit handlers would not run.
  std::remove(InputPath().c_str());
  if (loaded.ok()) {
    // Every decoded page must hold exactly the pixels its size promises.
    for (const auto& page : loaded.value().pages) {
      const auto& image = page.image;
      if (image.width <= 0 || image.height <= 0 ||
          (image.channels != 1 && image.channels != 3) || image.dpi <= 0 ||
          image.pixels.size() != image.row_bytes() * static_cast<std::size_t>(image.height)) {
        std::fprintf(stderr, "LoadPages returned an inconsistent page %d: %dx%dx%d, %zu bytes\n",
                     page.page_in_file, image.width, image.height, image.channels,
                     image.pixels.size());
        std::abort();
      }
    }
  }
  return 0;
}
