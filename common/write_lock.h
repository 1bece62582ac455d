// The index directory's write lock and the atomic swap of a rebuilt index.
// Internal to the index writer.
#pragma once

#include <xapian.h>

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
class WriteLock {
 public:
  // Creates the directory if need be and takes the lock. Throws IndexError
  // naming the holder's pid when another telusur-index holds it.
  explicit WriteLock(const std::string& dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  static constexpr const char* kLockFile = "telusur-index.lock";

 private:
  int fd_ = -1;
};

// Exchanges two directories atomically (both must exist).
void exchange_dirs(const std::string& a, const std::string& b);

}  // namespace telusur
