// Fuzz target: signature verification. The bytes are handed to sohoa::signing::VerifyPdf as a
// PDF, with the committed TEST root (samples/pki/root-TEST-ca.pem) as the only trust anchor and
// a fixed clock, so that inputs derived from a valid signed seed reach the CMS, digest and
// chain checks. Any outcome is fine except a crash, a sanitizer report, a hang, an exception
// escaping, or a report that calls a signature valid while listing problems for it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sohoa/core/clock.h"
#include "sohoa/signing/pades.h"

namespace {

// Bigger PDFs only slow the fuzzer down; the seeds are a few KB.
constexpr std::size_t kMaxInputBytes = 2 * 1024 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  // 2026-01-15 10:00 in Vietnam: inside the TEST certificates' validity (2024-2044).
  static const sohoa::FixedClock clock(std::chrono::system_clock::from_time_t(1768446000));
  static const sohoa::signing::VerifyOptions options = [] {
    sohoa::signing::VerifyOptions o;
    o.trust_anchor_pem_files = {std::string(SOHOA_SOURCE_DIR) + "/samples/pki/root-TEST-ca.pem"};
    o.clock = &clock;
    return o;
  }();

  const std::string_view pdf(reinterpret_cast<const char*>(data), size);
  auto report = sohoa::signing::VerifyPdf(pdf, options);
  if (!report.ok()) {
    // The trust anchor is committed: failing to read it means the harness is broken.
    if (report.status().code() == sohoa::StatusCode::kIo) {
      std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
      std::abort();
    }
    return 0;
  }
  for (const auto& signature : report.value().signatures) {
    if (signature.valid() && !signature.problems.empty()) std::abort();
  }
  return 0;
}
