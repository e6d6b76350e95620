#include "sohoa/core/status.h"

namespace sohoa {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid input";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kIo: return "i/o error";
    case StatusCode::kCrypto: return "crypto error";
    case StatusCode::kNetwork: return "network error";
    case StatusCode::kDependency: return "missing dependency";
    case StatusCode::kTimeout: return "time limit";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status Status::WithFile(const std::string& file, int page) const {
  if (ok() || !file_.empty()) return *this;
  Status s = *this;
  s.file_ = file;
  if (s.page_ == 0) s.page_ = page;
  return s;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  Status s = *this;
  s.message_ = context + ": " + message_;
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!file_.empty()) out += file_ + ": ";
  if (page_ > 0) out += "page " + std::to_string(page_) + ": ";
  out += message_;
  return out;
}

}  // namespace sohoa
