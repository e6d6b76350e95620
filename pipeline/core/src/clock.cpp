#include "sohoa/core/clock.h"

#include <ctime>

namespace sohoa {

const Clock& DefaultClock() {
  static const SystemClock clock;
  return clock;
}

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

std::string FormatIsoVietnam(std::chrono::system_clock::time_point t) {
  // Vietnam has used UTC+7 without daylight saving since 1975: a fixed offset is exact.
  const std::time_t secs = std::chrono::system_clock::to_time_t(t) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

}  // namespace sohoa
