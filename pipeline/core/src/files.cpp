#include "sohoa/core/files.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "sohoa/core/limits.h"

namespace sohoa::files {
namespace fs = std::filesystem;

Result<std::string> ReadAll(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return IoError("cannot read: " + ec.message(), path);
  if (static_cast<std::int64_t>(size) > limits::kMaxInputFileBytes) {
    return InvalidInput("file is " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(limits::kMaxInputFileBytes) + "; split it",
                        path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(std::string("cannot open: ") + std::strerror(errno), path);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) return IoError("short read", path);
  return bytes;
}

namespace {

Status SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return IoError(std::string("cannot open folder: ") + std::strerror(errno), dir);
  ::fsync(fd);
  ::close(fd);
  return Status::Ok();
}

}  // namespace

Status WriteAtomic(const std::string& path, std::string_view bytes) {
  const fs::path target(path);
  const fs::path dir = target.parent_path();
  std::random_device rd;
  const fs::path tmp =
      dir / ("." + target.filename().string() + ".tmp-" + std::to_string(rd()) + "-" +
             std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(std::string("cannot create: ") + std::strerror(errno), path);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return IoError("cannot write: " + why, path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return IoError("cannot flush: " + why, path);
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return IoError("cannot rename into place: " + why, path);
  }
  return SyncDirectory(dir);
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

}  // namespace sohoa::files
