// Status and Result<T>: the one model for expected failures across sohoa.
//
// Every adapter (OpenCV, Tesseract, PoDoFo, OpenSSL, curl, SQLite) turns its library's failure
// into a Status at the edge. A Status names the file (and page, when there is one) it concerns,
// so the message a user sees says where the problem is and what to do.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sohoa {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the input is malformed, truncated, encrypted, too large...
  kUnsupported,   // a valid input we do not handle (format, feature)
  kIo,            // reading or writing a file failed
  kCrypto,        // key, certificate, signature or digest problem
  kNetwork,       // HTTP, TSA, OCSP, store unreachable
  kDependency,    // a runtime dependency is missing (tessdata, ICC profile...)
  kTimeout,       // a named time limit ran out (e.g. limits::kOcrTimePerPage)
  kInternal,      // a bug: an invariant did not hold
};

// Short lower-case name of a code, e.g. "invalid input".
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string file = {}, int page = 0)
      : code_(code), message_(std::move(message)), file_(std::move(file)), page_(page) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  // 1-based page number, 0 when the status concerns the whole file.
  int page() const { return page_; }

  // Returns a copy naming `file` (and `page`) unless a file is already named.
  Status WithFile(const std::string& file, int page = 0) const;
  // Returns a copy whose message is "<context>: <message>".
  Status WithContext(const std::string& context) const;

  // "FILE: page N: message" (parts omitted when unknown); "ok" for OK.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string file_;
  int page_ = 0;
};

// Convenience constructors.
inline Status InvalidInput(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kInvalidInput, std::move(m), std::move(f), p};
}
inline Status Unsupported(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kUnsupported, std::move(m), std::move(f), p};
}
inline Status IoError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kIo, std::move(m), std::move(f), p};
}
inline Status CryptoError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kCrypto, std::move(m), std::move(f), p};
}
inline Status NetworkError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kNetwork, std::move(m), std::move(f), p};
}
inline Status DependencyError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kDependency, std::move(m), std::move(f), p};
}
inline Status TimeoutError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kTimeout, std::move(m), std::move(f), p};
}
inline Status InternalError(std::string m, std::string f = {}, int p = 0) {
  return {StatusCode::kInternal, std::move(m), std::move(f), p};
}

// A value or a failed Status. Constructing from an OK status is a bug (becomes kInternal).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status)                      // NOLINT(google-explicit-constructor)
      : v_(status.ok() ? InternalError("Result built from an OK status") : std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace sohoa

// Returns early from the enclosing function when `expr` (a Status) failed.
#define SOHOA_RETURN_IF_ERROR(expr)            \
  do {                                         \
    ::sohoa::Status sohoa_status_ = (expr);    \
    if (!sohoa_status_.ok()) return sohoa_status_; \
  } while (0)

#define SOHOA_CONCAT_INNER_(a, b) a##b
#define SOHOA_CONCAT_(a, b) SOHOA_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result<T> expression, or returns its Status on failure.
#define SOHOA_ASSIGN_OR_RETURN(lhs, expr) \
  SOHOA_ASSIGN_OR_RETURN_IMPL_(SOHOA_CONCAT_(sohoa_result_, __LINE__), lhs, expr)
#define SOHOA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
