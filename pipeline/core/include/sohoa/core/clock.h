// An injectable clock, so that tests can produce byte-identical signed PDFs and records.
#pragma once

#include <chrono>
#include <string>

namespace sohoa {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point t) : t_(t) {}
  std::chrono::system_clock::time_point Now() const override { return t_; }

 private:
  std::chrono::system_clock::time_point t_;
};

// The process-wide default (a SystemClock). Thread-safe.
const Clock& DefaultClock();

// CPU time the calling thread has used, in seconds (CLOCK_THREAD_CPUTIME_ID): the work a
// stage did, without the time it waited for a core.
double ThreadCpuSeconds();

// ISO 8601 in Vietnam's time zone, e.g. "2026-11-22T09:30:00+07:00".
std::string FormatIsoVietnam(std::chrono::system_clock::time_point t);

}  // namespace sohoa
