#include "file_bookkeeping.h"

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
#include <vector>

#include "document.h"
#include "names.h"
#include "schema.h"
#include "stemmer.h"
#include "stored_fields.h"
#include "text.h"

namespace telusur {

std::uint64_t article_hash(const Article& a) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  const auto put = [&](std::string_view s) {
    const std::uint64_t n = s.size();
    XXH3_64bits_update(state, &n, sizeof n);
    XXH3_64bits_update(state, s.data(), s.size());
  };
  put(a.id);
  put(a.title);
  put(a.title_derived ? "1" : "0");
  put(a.body);
  put(a.date ? a.date->iso() : "");
  put(a.source);
  put(a.author);
  put(a.dateline);
  put(a.category);
  put(a.url);
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

std::optional<std::uint64_t> file_content_hash(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buf(1 << 20);
  bool ok = true;
  for (;;) {
    const ssize_t got = ::read(fd, buf.data(), buf.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      ok = got == 0;
      break;
    }
    XXH3_64bits_update(state, buf.data(), static_cast<std::size_t>(got));
  }
  ::close(fd);
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (!ok) return std::nullopt;
  return h;
}

}  // namespace telusur
