// The index directory's write lock and the atomic swap of a rebuilt index.
// Internal to the index writer.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "schema.h"

namespace telusur {

// The index's write lock: a file in the index directory, locked with flock()
// (released by the kernel when the process ends, however it ends) and
// holding the pid of its holder for the error message of the next one.
//
// The kernel releases the lock of a killed process a moment after the
// process is gone (its threads and files torn down): while the pid in the
// file names no live process (or a process that is not a telusur tool: the
// pid was reused), the lock is waited for up to kDeadHolderWait. A live
// holder is waited for `wait` (0: not at all).
class WriteLock {
 public:
  // Creates the directory if need be and takes the lock. Throws IndexError
  // naming the holder's pid when another telusur-index holds it past the
  // waits above ("... locked by another telusur-index (pid N); ... --wait").
  explicit WriteLock(const std::string& dir, std::chrono::milliseconds wait = {});
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  static constexpr const char* kLockFile = "telusur-index.lock";
  static constexpr std::chrono::milliseconds kDeadHolderWait{10000};

  // Whether `pid` is a live process (not a zombie) of a telusur tool, or
  // this process. Reads /proc.
  static bool live_holder(long pid);

 private:
  int fd_ = -1;
};

// Exchanges two directories atomically (both must exist).
void exchange_dirs(const std::string& a, const std::string& b);

}  // namespace telusur
