// Every limit sohoa enforces, named and in one place. Inputs beyond a limit are rejected with
// a message naming the file (and page) and the limit, never processed half-way.
#pragma once

#include <chrono>
#include <cstdint>

namespace sohoa::limits {

// A page image larger than this (width * height) is refused: 20000 x 10000 covers A0 at 200 dpi.
inline constexpr std::int64_t kMaxPixelsPerPage = 200'000'000;
// Smallest page side we try to read text from; smaller images are stamps or thumbnails.
inline constexpr int kMinPageSidePx = 64;
inline constexpr int kMaxPagesPerDossier = 2000;
// Input files larger than this are refused before decoding.
inline constexpr std::int64_t kMaxInputFileBytes = 512LL * 1024 * 1024;
// Resolution bounds: metadata outside them is treated as missing.
inline constexpr double kMinDpi = 50;
inline constexpr double kMaxDpi = 1200;
// Used when neither the file nor --dpi gives a resolution.
inline constexpr double kDefaultDpi = 300;
// Pages scanned finer than this are downsampled to kDefaultDpi when loaded (with a warning):
// OCR reads no better past about 400 dpi, while its time and the archive's size grow with the
// pixels.
inline constexpr double kMaxWorkingDpi = 400;
// Wall-clock budget for OCR of one page; past it the page is reported and the dossier goes on.
inline constexpr std::chrono::seconds kOcrTimePerPage{120};
// Bytes reserved in a PDF for the CMS signature (/Contents), before hex encoding.
inline constexpr std::size_t kSignatureReserveBytes = 32 * 1024;
inline constexpr std::int64_t kMaxPdfBytesToSign = 1024LL * 1024 * 1024;
inline constexpr std::chrono::seconds kHttpTimeout{30};
// How long a store writer waits for another process's lock before failing.
inline constexpr std::chrono::milliseconds kStoreBusyTimeout{30'000};
// A search never returns more than this many hits, whatever the query asks.
inline constexpr int kMaxFindResults = 1000;

}  // namespace sohoa::limits
