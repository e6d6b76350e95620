// File helpers with the guarantees the pipeline promises: outputs appear whole or not at all.
#pragma once

#include <string>
#include <string_view>

#include "sohoa/core/status.h"

namespace sohoa::files {

// Reads a whole file. Fails with kIo (missing, unreadable) or kInvalidInput (larger than
// limits::kMaxInputFileBytes), naming the path.
Result<std::string> ReadAll(const std::string& path);

// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename,
// fsync of the folder. On failure nothing is left at `path` or beside it.
Status WriteAtomic(const std::string& path, std::string_view bytes);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace sohoa::files
