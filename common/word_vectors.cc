#include "word_vectors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "atomic_file.h"
#include "status.h"

namespace telusur {
namespace {

constexpr char kMagic[8] = {'T', 'L', 'S', 'V', 'E', 'C', '0', '1'};
constexpr std::size_t kUuidBytes = 40;
constexpr std::size_t kHeaderBytes = 8 + 4 * 4 + 3 * 8 + kUuidBytes;

std::size_t pad4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void put_all(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

void pad(std::string& out) { out.resize(pad4(out.size()), '\0'); }

template <typename T>
T get(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::string encode(const VectorTable& t) {
  std::string out(kMagic, sizeof kMagic);
  put(out, t.dim);
  put(out, static_cast<std::uint32_t>(t.words.size()));
  put(out, static_cast<std::uint32_t>(t.doc_first.size() - 2));
  put(out, t.doc_first.back());
  put(out, t.revision);
  put(out, t.trained_docs);
  put(out, t.changed_docs);
  std::string uuid = t.uuid.substr(0, kUuidBytes);
  uuid.resize(kUuidBytes, '\0');
  out += uuid;
  std::uint32_t end = 0;
  for (const std::string& w : t.words) put(out, end += static_cast<std::uint32_t>(w.size()));
  for (const std::string& w : t.words) out += w;
  pad(out);
  put_all(out, t.idf);
  put_all(out, t.word_vectors);
  pad(out);
  put_all(out, t.doc_first);
  put_all(out, t.window_vectors);
  return out;
}

}  // namespace

void append_quantised(const std::vector<float>& v, std::vector<std::int8_t>& out) {
  double norm = 0;
  for (float x : v) norm += static_cast<double>(x) * x;
  norm = std::sqrt(norm);
  for (float x : v)
    out.push_back(norm > 0 ? static_cast<std::int8_t>(std::lround(127 * x / norm)) : 0);
}

void write_vector_table(const VectorTable& t, const std::string& path) {
  if (t.doc_first.size() < 2 || t.idf.size() != t.words.size() ||
      t.word_vectors.size() != t.words.size() * t.dim ||
      t.window_vectors.size() != std::size_t{t.doc_first.back()} * t.dim)
    throw Error("vectors for '" + path + "': inconsistent table");
  write_file_atomically(path, encode(t));
}

void set_vector_revision(const std::string& path, std::uint64_t revision) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(sizeof kMagic + 16));
  f.write(reinterpret_cast<const char*>(&revision), sizeof revision);
  f.flush();
  if (!f) throw Error("cannot write '" + path + "': " + std::strerror(errno));
}

std::unique_ptr<WordVectors> WordVectors::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return nullptr;
    throw Error("cannot read '" + path + "': " + std::strerror(errno));
  }
  struct stat st {};
  std::unique_ptr<WordVectors> v(new WordVectors);
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    v->size_ = static_cast<std::size_t>(st.st_size);
    void* p = mmap(nullptr, v->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) v->data_ = static_cast<const char*>(p);
  }
  ::close(fd);
  if (!v->data_) v->size_ = 0;
  v->parse(path);
  return v;
}

WordVectors::~WordVectors() {
  if (data_) munmap(const_cast<char*>(data_), size_);
}

void WordVectors::parse(const std::string& path) {
  const auto damaged = [&](const std::string& why) {
    return Error("'" + path + "' is not a usable vectors file (" + why +
                 "); rebuild it with telusur-index --vectors");
  };
  if (size_ < kHeaderBytes || std::memcmp(data_, kMagic, sizeof kMagic) != 0)
    throw damaged("no TLSVEC01 header");
  const char* p = data_ + sizeof kMagic;
  dim_ = get<std::uint32_t>(p);
  words_ = get<std::uint32_t>(p + 4);
  max_docid_ = get<std::uint32_t>(p + 8);
  windows_ = get<std::uint32_t>(p + 12);
  revision_ = get<std::uint64_t>(p + 16);
  trained_docs_ = get<std::uint64_t>(p + 24);
  changed_docs_ = get<std::uint64_t>(p + 32);
  uuid_.assign(p + 40, kUuidBytes);
  uuid_.resize(std::strlen(uuid_.c_str()));
  if (dim_ == 0 || dim_ > 4096) throw damaged("bad dimension");
  std::size_t at = kHeaderBytes;
  const auto need = [&](std::size_t bytes) {
    if (bytes > size_ || at > size_ - bytes) throw damaged("truncated");
  };
  need(std::size_t{words_} * 4);
  word_end_ = reinterpret_cast<const std::uint32_t*>(data_ + at);
  at += std::size_t{words_} * 4;
  const std::size_t pool_bytes = words_ ? word_end_[words_ - 1] : 0;
  need(pool_bytes);
  pool_ = data_ + at;
  at = pad4(at + pool_bytes);
  need(std::size_t{words_} * (4 + dim_));
  idf_ = reinterpret_cast<const float*>(data_ + at);
  word_vectors_ = reinterpret_cast<const std::int8_t*>(data_ + at + std::size_t{words_} * 4);
  at = pad4(at + std::size_t{words_} * (4 + dim_));
  need((std::size_t{max_docid_} + 2) * 4);
  doc_first_ = reinterpret_cast<const std::uint32_t*>(data_ + at);
  at += (std::size_t{max_docid_} + 2) * 4;
  if (doc_first_[max_docid_ + 1] != windows_) throw damaged("bad window table");
  need(std::size_t{windows_} * dim_);
  windows_data_ = reinterpret_cast<const std::int8_t*>(data_ + at);
  if (at + std::size_t{windows_} * dim_ != size_) throw damaged("trailing bytes");
}

std::string_view WordVectors::word(std::size_t i) const {
  const std::uint32_t begin = i ? word_end_[i - 1] : 0;
  return {pool_ + begin, word_end_[i] - begin};
}

std::size_t WordVectors::find(std::string_view w) const {
  std::size_t lo = 0, hi = words_;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (word(mid) < w)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < words_ && word(lo) == w ? lo : npos;
}

std::size_t WordVectors::articles() const {
  std::size_t n = 0;
  for (std::uint32_t d = 0; d <= max_docid_; ++d) n += window_count(d) > 0;
  return n;
}

std::size_t WordVectors::window_count(std::uint32_t d) const {
  if (d > max_docid_) return 0;
  return doc_first_[d + 1] - doc_first_[d];
}

std::span<const std::int8_t> WordVectors::window(std::uint32_t d, std::size_t k) const {
  return {windows_data_ + (std::size_t{doc_first_[d]} + k) * dim_, dim_};
}

std::vector<float> WordVectors::mean(const std::vector<std::string>& words) const {
  std::vector<float> sum(dim_, 0);
  for (const std::string& w : words) {
    const std::size_t i = find(w);
    if (i == npos) continue;
    const std::span<const std::int8_t> v = vector(i);
    for (std::size_t k = 0; k < dim_; ++k) sum[k] += idf(i) * v[k];
  }
  double norm = 0;
  for (float x : sum) norm += static_cast<double>(x) * x;
  norm = std::sqrt(norm);
  if (norm > 0)
    for (float& x : sum) x = static_cast<float>(x / norm);
  return sum;
}

double cosine(const std::vector<float>& unit, std::span<const std::int8_t> quantised) {
  double dot = 0;
  const std::size_t n = std::min(unit.size(), quantised.size());
  for (std::size_t k = 0; k < n; ++k) dot += unit[k] * quantised[k];
  return dot / 127.0;
}

}  // namespace telusur
