// Fuzz target: the embedded store's intake. One sohoa::storage::LocalStore is opened in a fresh
// temporary folder per process; each input is split at its first NUL byte into a PDF (before)
// and a record JSON (after; empty when there is no NUL), passed to Put, and the whole input is
// then used as the text of a Find. Any outcome is fine except a crash, a sanitizer report, a
// hang, an exception escaping, or a store that fails with kIo/kInternal on its own folder
// (which means the input broke the index).
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "sohoa/storage/local_store.h"

namespace {

namespace fs = std::filesystem;

// Records and test PDFs are a few KB; bigger inputs only slow the fuzzer down.
constexpr std::size_t kMaxInputBytes = 1024 * 1024;

constexpr std::string_view kStoreDirPrefix = "sohoa-fuzz-store-";

// /dev/shm keeps SQLite's fsyncs (synchronous=FULL) off the disk when it exists.
const fs::path& StoreBase() {
  static const fs::path base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  return base;
}

const fs::path& StoreDir() {
  static const fs::path dir =
      StoreBase() / (std::string(kStoreDirPrefix) + std::to_string(getpid()));
  return dir;
}

// libFuzzer ends with _Exit and crashes skip atexit, so stores of processes that are gone are
// removed by the next run.
void RemoveStaleStoreDirs() {
  std::error_code ec;
  for (fs::directory_iterator it(StoreBase(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kStoreDirPrefix, 0) != 0) continue;
    const pid_t pid = std::atoi(name.c_str() + kStoreDirPrefix.size());
    if (pid > 0 && kill(pid, 0) != 0 && errno == ESRCH) {
      std::error_code remove_ec;
      fs::remove_all(it->path(), remove_ec);
    }
  }
}

void RemoveStoreDir() {
  std::error_code ec;
  fs::remove_all(StoreDir(), ec);
}

sohoa::storage::LocalStore& Store() {
  static std::unique_ptr<sohoa::storage::LocalStore> store = [] {
    RemoveStaleStoreDirs();
    RemoveStoreDir();
    std::atexit(RemoveStoreDir);
    sohoa::storage::OpenOptions options;
    options.actor = "fuzz";
    auto opened = sohoa::storage::LocalStore::Open(StoreDir().string(), options);
    if (!opened.ok()) {
      std::fprintf(stderr, "cannot open the store: %s\n", opened.status().ToString().c_str());
      std::abort();
    }
    return std::move(opened).value();
  }();
  return *store;
}

// kIo or kInternal from the store's own temporary folder is a store bug, not a bad input.
void CheckNotBroken(const sohoa::Status& status, const char* call) {
  if (status.code() == sohoa::StatusCode::kIo || status.code() == sohoa::StatusCode::kInternal) {
    std::fprintf(stderr, "%s failed on a healthy folder: %s\n", call, status.ToString().c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view pdf = input.substr(0, nul);
  const std::string_view record =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);

  sohoa::storage::LocalStore& store = Store();
  auto put = store.Put(pdf, record);
  if (!put.ok()) CheckNotBroken(put.status(), "Put");

  sohoa::storage::Query query;
  query.text = std::string(input);
  query.limit = 5;
  auto found = store.Find(query);
  if (!found.ok()) CheckNotBroken(found.status(), "Find");

  if (put.ok()) {
    // What was just stored must be readable back under its id.
    auto stored = store.GetRecord(put.value().document_id);
    if (!stored.ok()) {
      std::fprintf(stderr, "GetRecord of a stored document failed: %s\n",
                   stored.status().ToString().c_str());
      std::abort();
    }
  }
  return 0;
}
