#include "write_lock.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "document.h"
#include "names.h"
#include "schema.h"
#include "stemmer.h"
#include "stored_fields.h"
#include "status.h"
#include "text.h"

namespace telusur {

WriteLock::WriteLock(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory '" + dir + "': " + ec.message());
  const std::string path = (std::filesystem::path(dir) / kLockFile).string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw IndexError("cannot open the lock file of index '" + dir + "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    char buf[32] = {};
    const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    ::close(fd_);
    fd_ = -1;
    if (why == EWOULDBLOCK) {
      std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      throw IndexError("index '" + dir + "' is locked by another telusur-index" +
                       (pid.empty() ? "" : " (pid " + pid + ")"));
    }
    throw IndexError("cannot lock index '" + dir + "': " + std::strerror(why));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the pid; the message of a second writer is less precise.
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);
}

void exchange_dirs(const std::string& a, const std::string& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
    throw IndexError("cannot swap '" + a + "' into '" + b + "': " + std::strerror(errno));
}

}  // namespace telusur
