#include "write_lock.h"

#include <fcntl.h>
#include <signal.h>
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

namespace {

// The pid written in the lock file, 0 when there is none.
long holder_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

}  // namespace

bool WriteLock::live_holder(long pid) {
  if (pid <= 0) return false;
  if (pid == ::getpid()) return true;
  // "Name:", "State:" and the pending signals of /proc/PID/status: a process
  // gone, a zombie, one with SIGKILL pending (being torn down) or one that
  // is no telusur tool (the pid was reused) holds nothing for long.
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  bool telusur = false, dying = false, seen = false;
  for (std::string line; std::getline(status, line);) {
    seen = true;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (key == "Name") telusur = value.starts_with("telusur");
    if (key == "State") dying = dying || value.starts_with("Z") || value.starts_with("X");
    if (key == "SigPnd" || key == "ShdPnd")
      dying = dying || (std::strtoull(value.c_str(), nullptr, 16) & (1ULL << (SIGKILL - 1)));
  }
  return seen && telusur && !dying;
}

WriteLock::WriteLock(const std::string& dir, std::chrono::milliseconds wait) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory '" + dir + "': " + ec.message());
  const std::string path = (std::filesystem::path(dir) / kLockFile).string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw IndexError("cannot open the lock file of index '" + dir + "': " + std::strerror(errno));
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    if (why == EINTR) continue;
    const long pid = why == EWOULDBLOCK ? holder_pid(fd_) : 0;
    const bool live = live_holder(pid);
    const auto waited = Clock::now() - start;
    if (why == EWOULDBLOCK && waited < (live ? wait : std::max(wait, kDeadHolderWait))) {
      ::usleep(50 * 1000);
      continue;
    }
    ::close(fd_);
    fd_ = -1;
    if (why != EWOULDBLOCK) throw IndexError("cannot lock index '" + dir + "': " + std::strerror(why));
    const std::string who = pid > 0 ? " (pid " + std::to_string(pid) + ")" : "";
    if (!live)
      throw IndexError("index '" + dir + "' is locked by a telusur-index that is no longer running" +
                       who + ", and the lock was not released within " +
                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(waited).count()) +
                       " s; check that no process still has " + path + " open");
    throw IndexError("index '" + dir + "' is locked by another telusur-index" + who +
                     (wait.count() > 0 ? "; gave up after waiting --wait " +
                                             std::to_string(wait.count() / 1000) + " s"
                                       : "; to wait for it, run with --wait SECONDS"));
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
