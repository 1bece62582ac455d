// Word vectors trained on an index's own articles (vector_training.h), and
// the vectors of each article's text windows, in one file beside the index:
// DIR/telusur.vectors. This is the file's one encoder and one parser; the
// reranker reads it (rerank_features.h) for its semantic features.
//
// Layout (host byte order; the magic tells a file of another order or
// version apart):
//   "TLSVEC01"                     8 bytes
//   u32 dim, u32 words, u32 max_docid, u32 windows
//   u64 revision                   the index revision the windows describe
//   u64 trained_docs               articles when the words were trained
//   u64 changed_docs               articles added or changed since then
//   char uuid[40]                  the index's UUID, NUL-padded
//   u32 word_end[words]            end of each word in the pool
//   char pool[word_end[words-1]]   the words, sorted, back to back
//   (zero padding to a multiple of 4)
//   f32 idf[words]
//   i8  word_vector[words][dim]    unit vectors times 127
//   (zero padding to a multiple of 4)
//   u32 doc_first[max_docid + 2]   first window of article d; d's windows
//                                  are [doc_first[d], doc_first[d + 1])
//   i8  window[windows][dim]       per article: its whole text first, then
//                                  its windows (kWindowWords words, every
//                                  kWindowStep words, at most kMaxWindows)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

inline constexpr std::string_view kVectorsFile = "telusur.vectors";
inline constexpr std::size_t kWindowWords = 20;
inline constexpr std::size_t kWindowStep = 10;
inline constexpr std::size_t kMaxWindows = 16;

// What the file holds, in memory, for writing.
struct VectorTable {
  std::uint32_t dim = 0;
  std::uint64_t revision = 0;
  std::uint64_t trained_docs = 0;
  std::uint64_t changed_docs = 0;
  std::string uuid;
  std::vector<std::string> words;           // sorted, unique
  std::vector<float> idf;                   // one per word
  std::vector<std::int8_t> word_vectors;    // words.size() * dim
  std::vector<std::uint32_t> doc_first;     // max_docid + 2 entries
  std::vector<std::int8_t> window_vectors;  // doc_first.back() * dim
};

// `v` (any length but zero) scaled to unit length and quantised to int8,
// appended to `out`; a zero vector appends zeros.
void append_quantised(const std::vector<float>& v, std::vector<std::int8_t>& out);

// Writes `table` to `path` atomically (a temporary file renamed over it).
// Throws Error naming the file.
void write_vector_table(const VectorTable& table, const std::string& path);

// Marks the file at `path` as describing index revision `revision` (the
// index changed, its articles did not). Throws Error naming the file.
void set_vector_revision(const std::string& path, std::uint64_t revision);

// A vectors file, mapped read-only. Cheap to open: pages are read as used.
class WordVectors {
 public:
  // nullptr when `path` does not exist; throws Error naming the file when it
  // is not a vectors file or is truncated.
  static std::unique_ptr<WordVectors> open(const std::string& path);
  ~WordVectors();
  WordVectors(const WordVectors&) = delete;
  WordVectors& operator=(const WordVectors&) = delete;

  std::uint32_t dim() const { return dim_; }
  std::uint64_t revision() const { return revision_; }
  std::uint64_t trained_docs() const { return trained_docs_; }
  std::uint64_t changed_docs() const { return changed_docs_; }
  const std::string& uuid() const { return uuid_; }
  std::size_t word_count() const { return words_; }
  std::string_view word(std::size_t i) const;

  // The index of `w` among the words, or npos.
  std::size_t find(std::string_view w) const;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  float idf(std::size_t i) const { return idf_[i]; }
  std::span<const std::int8_t> vector(std::size_t i) const {
    return {word_vectors_ + i * dim_, dim_};
  }

  // The highest docid the file describes, and how many articles it holds
  // vectors for.
  std::uint32_t max_docid() const { return max_docid_; }
  std::size_t articles() const;

  // Article `d`'s vectors: its whole text first, then its windows; empty
  // for an article the file does not know.
  std::size_t window_count(std::uint32_t d) const;
  std::span<const std::int8_t> window(std::uint32_t d, std::size_t k) const;

  // The idf-weighted mean of the unit vectors of `words` that have one,
  // unit length (all zero when none has).
  std::vector<float> mean(const std::vector<std::string>& words) const;

 private:
  WordVectors() = default;
  void parse(const std::string& path);

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::uint32_t dim_ = 0, words_ = 0, max_docid_ = 0, windows_ = 0;
  std::uint64_t revision_ = 0, trained_docs_ = 0, changed_docs_ = 0;
  std::string uuid_;
  const std::uint32_t* word_end_ = nullptr;
  const char* pool_ = nullptr;
  const float* idf_ = nullptr;
  const std::int8_t* word_vectors_ = nullptr;
  const std::uint32_t* doc_first_ = nullptr;
  const std::int8_t* windows_data_ = nullptr;
};

// Cosine of a unit query vector and a quantised unit vector.
double cosine(const std::vector<float>& unit, std::span<const std::int8_t> quantised);

}  // namespace telusur
