// Fuzz target: the record parser. The bytes are parsed by sohoa::pipeline::RecordFromJson; when
// they parse, the record is written back with RecordToJson, and that text must parse again and
// be a fixed point (writing the re-parsed record gives the same bytes): a record sohoa writes
// is a record sohoa (and the store) can read. A violation aborts, so libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sohoa/pipeline/record.h"

namespace {

// Records are a few KB; bigger inputs only slow the fuzzer down.
constexpr std::size_t kMaxInputBytes = 1024 * 1024;

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "record round trip: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto record = sohoa::pipeline::RecordFromJson(text);
  if (!record.ok()) return 0;

  const std::string written = sohoa::pipeline::RecordToJson(record.value());
  auto reread = sohoa::pipeline::RecordFromJson(written);
  if (!reread.ok()) {
    Fail("RecordFromJson refuses what RecordToJson wrote",
         reread.status().ToString() + "\n--- written:\n" + written);
  }
  const std::string rewritten = sohoa::pipeline::RecordToJson(reread.value());
  if (rewritten != written) {
    Fail("RecordToJson(RecordFromJson(x)) is not stable",
         "--- first:\n" + written + "--- second:\n" + rewritten);
  }
  return 0;
}
