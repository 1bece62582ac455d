// A fresh build: analysis threads (AnalysisPool) and builder threads that
// write chunk databases in parallel (BulkBuilder), merged at the end.
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
#include <unordered_set>
#include <vector>

#include "article.h"
#include "schema.h"
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "document_builder.h"
#include "root_table.h"
#include "spelling_data.h"
#include "status.h"
#include "stored_fields.h"

namespace telusur {

// Articles per commit of a builder thread in a fresh build, and per database
// of a builder thread (a B-tree that grows large slows every insertion down:
// at 221k articles, one database per thread took 260 s, 1.4 times ten times
// the time for 22k).
inline constexpr std::size_t kBulkChunk = 250;
inline constexpr std::size_t kChunksPerPart = 80;  // 20,000 articles
// The metadata key of a builder database's manifest (part_manifest()).
inline constexpr std::string_view kMetaPart = "telusur.part";

// What the documents of a builder database depend on: the schema, the
// analysis fingerprint (analysis_fingerprint.h), the stemmer and the name
// options. A later run resumes only a database with its own manifest.
std::string part_manifest(const std::string& stemmer, NameIndexing names, bool stem_table);

// The builder databases of an interrupted build in `parts_dir` that open
// (committed) and carry `manifest`, by name; every other entry of the
// directory is removed. `next_generation` is set past the generations of
// the names found ("G-T-K": generation, thread, database of the thread).
std::vector<std::string> recover_parts(const std::string& parts_dir, const std::string& manifest,
                                       unsigned& next_generation);

// The marker of a fresh build or rebuild in progress, in its parts directory
// (`index_dir` + ".parts/BUILD"): "rebuild" or "fresh", a newline, then the
// manifest of its parts. An interrupted --rebuild is finished by the next
// run that asks for an update with the same manifest.
void write_build_marker(const std::string& index_dir, bool rebuild, const std::string& manifest);
// Whether the parts directory of `index_dir` holds an interrupted --rebuild
// whose parts carry `manifest`.
bool interrupted_rebuild(const std::string& index_dir, const std::string& manifest);

// A fresh build in parallel: articles go, in chunks, to builder threads (chunk
// k to thread k mod N, so the result does not depend on timing); each thread
// analyses its chunks and writes them into a database of its own, committing
// after each chunk (Xapian slows down with bigger batches). finish() returns
// the databases, which Xapian's compactor then merges (thread 0's articles,
// then thread 1's, ...): no thread waits for a single writer.
//
// Resuming: each database commits after each chunk, so a build killed at any
// point leaves committed databases. With `resume`, those that carry this
// build's manifest are kept (the others removed), and an article they hold
// with the same signature (content and file) on the same line is not built
// again (a JSONL line is taken unparsed: take_resumed_line()); at
// finish(), the articles they hold that this run did not add (or added with
// another signature) are deleted from them, so the result holds exactly the
// articles added.
class BulkBuilder {
 public:
  // Throws Error for an unknown stemmer, IndexError when the parts cannot
  // be read or written.
  BulkBuilder(std::string parts_dir, std::size_t threads, const std::string& stemmer,
              NameIndexing names, bool stem_table, std::size_t chunk_size, bool resume)
      : parts_dir_(std::move(parts_dir)),
        chunk_size_(std::max<std::size_t>(chunk_size, 1)),
        manifest_(part_manifest(stemmer, names, stem_table)),
        queues_(threads) {
    std::error_code ec;
    if (resume) {
      resumed_parts_ = recover_parts(parts_dir_, manifest_, generation_);
      load_resumed();
    } else {
      std::filesystem::remove_all(parts_dir_, ec);  // leftovers of a killed build
    }
    std::filesystem::create_directories(parts_dir_, ec);
    if (ec) throw IndexError("cannot create '" + parts_dir_ + "': " + ec.message());
    std::vector<Xapian::Stem> stems;
    for (std::size_t i = 0; i < threads; ++i) stems.push_back(make_stemmer(stemmer));
    thread_parts_.resize(threads);
    for (std::size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([this, i, stem = stems[i], names, stem_table] {
        TermIndexer ix(stem);
        std::optional<Xapian::WritableDatabase> db;
        std::size_t in_db = 0;
        for (;;) {
          std::vector<Item> chunk;
          {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return stop_ || !queues_[i].empty(); });
            if (queues_[i].empty()) break;
            chunk = std::move(queues_[i].front());
            queues_[i].pop_front();
          }
          space_.notify_all();
          try {
            // A new database every kChunksPerPart chunks: none grows large.
            if (db && in_db >= kChunksPerPart * chunk_size_) {
              db->close();
              db.reset();
            }
            if (!db) {
              thread_parts_[i].push_back(parts_dir_ + "/" + std::to_string(generation_) + "-" +
                                         std::to_string(i) + "-" +
                                         std::to_string(thread_parts_[i].size()));
              db.emplace(thread_parts_[i].back(),
                         Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
              db->set_metadata(str(kMetaPart), manifest_);  // in its first commit
              in_db = 0;
            }
            in_db += chunk.size();
            for (const Item& item : chunk) {
              Prepared p = prepare(item.article, item.info, ix, names);
              db->replace_document(p.id_term, p.doc);
              if (stem_table)
                for (const auto& [word, stem] : p.new_stems)
                  db->set_metadata(stem_table_key(word), stem);
            }
            db->commit();
          } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_) error_ = std::current_exception();
          }
        }
        try {
          if (db) db->close();
        } catch (...) {
          std::lock_guard lock(mutex_);
          if (!error_) error_ = std::current_exception();
        }
      });
    }
  }
  ~BulkBuilder() { stop(); }
  BulkBuilder(const BulkBuilder&) = delete;
  BulkBuilder& operator=(const BulkBuilder&) = delete;

  void add(const Article& article, JobInfo info) {
    if (resumed_.empty() || !take_resumed(article.id, info.signature, article.line)) {
      current_.push_back({article, std::move(info)});
      if (current_.size() >= chunk_size_) flush();
    }
  }

  // Articles added that an interrupted build had already written.
  std::uint64_t resumed() const { return resumed_count_; }

  // Keeps the article the resumed databases hold with `signature` at JSONL
  // line `line`, not yet taken, if there is one and `accept(its id)` says
  // so (the caller's duplicate check); whether it was kept. (A JSONL line's
  // signature is its hash and its file's: a line can be taken before it is
  // parsed.)
  template <typename Accept>
  bool take_resumed_line(const std::string& signature, std::size_t line, Accept&& accept) {
    const auto it = find_resumed(signature, line);
    if (it == resumed_.end() || !accept(it->second.id)) return false;
    keep(it);
    return true;
  }

  // Waits for every chunk; prunes the resumed databases; returns the
  // databases that hold the articles (the resumed first). Rethrows the first
  // error; Xapian errors propagate.
  std::vector<std::string> finish() {
    flush();
    stop();
    if (error_) std::rethrow_exception(error_);
    std::vector<std::string> written = prune_resumed();
    for (const auto& parts : thread_parts_)
      for (const std::string& p : parts)
        if (std::filesystem::exists(std::filesystem::path(p) / "iamglass")) written.push_back(p);
    return written;
  }

 private:
  struct Resumed {
    Xapian::docid docid;  // in the resumed parts as one database (interleaved)
    std::string id;
    std::size_t line;  // JSONL line, 0 for a .txt file
  };
  struct Item {
    Article article;
    JobInfo info;
  };

  void flush() {
    if (current_.empty()) return;
    const std::size_t to = chunks_++ % queues_.size();
    {
      std::unique_lock lock(mutex_);
      // At most two chunks waiting per thread: memory stays bounded.
      space_.wait(lock, [&] { return queues_[to].size() < 2 || error_; });
      if (error_) std::rethrow_exception(error_);
      queues_[to].push_back(std::move(current_));
    }
    ready_.notify_all();
    current_.clear();
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      stop_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  // The id, signature and line number of every article of the resumed
  // databases, read in one sequential pass over each (the signature and
  // fields value streams, then the id terms) instead of a look-up per
  // article added.
  void load_resumed() {
    const auto n = static_cast<Xapian::docid>(resumed_parts_.size());
    const std::string prefix(schema::kIdPrefix);
    for (Xapian::docid k = 0; k < n; ++k) {
      const Xapian::Database part(resumed_parts_[k]);
      std::unordered_map<Xapian::docid, std::string> signatures;
      for (auto v = part.valuestream_begin(schema::kSignatureSlot);
           v != part.valuestream_end(schema::kSignatureSlot); ++v)
        signatures.emplace(v.get_docid(), *v);
      std::unordered_map<Xapian::docid, std::size_t> lines;
      for (auto v = part.valuestream_begin(schema::kFieldsSlot);
           v != part.valuestream_end(schema::kFieldsSlot); ++v)
        lines.emplace(v.get_docid(), decode_fields(*v).line);
      const auto line_of = [&lines](Xapian::docid d) {
        const auto l = lines.find(d);
        return l == lines.end() ? std::size_t{0} : l->second;
      };
      for (auto t = part.allterms_begin(prefix); t != part.allterms_end(prefix); ++t) {
        auto p = part.postlist_begin(*t);
        if (p == part.postlist_end(*t)) continue;
        auto sig = signatures.find(*p);
        if (sig == signatures.end()) continue;
        // The union's docid: the parts' docids interleaved, as in prune_resumed.
        resumed_.emplace(std::move(sig->second),
                         Resumed{(*p - 1) * n + k + 1, (*t).substr(prefix.size()), line_of(*p)});
      }
    }
  }

  // Whether the resumed databases hold article `id` with `signature` at
  // `line` (its stored line number: one that moved is written again); if
  // so, it is kept and counted.
  bool take_resumed(const std::string& id, const std::string& signature, std::size_t line) {
    const auto it = find_resumed(signature, line, &id);
    if (it == resumed_.end()) return false;
    keep(it);
    return true;
  }

  using ResumedMap = std::unordered_multimap<std::string, Resumed>;

  // The resumed article with `signature` at `line` (and id `*id` if given),
  // or end().
  ResumedMap::iterator find_resumed(const std::string& signature, std::size_t line,
                                    const std::string* id = nullptr) {
    auto [it, end] = resumed_.equal_range(signature);
    while (it != end && (it->second.line != line || (id && it->second.id != *id))) ++it;
    return it == end ? resumed_.end() : it;
  }

  void keep(ResumedMap::iterator it) {
    kept_.insert(it->second.docid);
    resumed_.erase(it);
    ++resumed_count_;
  }

  // Deletes from the resumed databases every article not kept; returns
  // those left with articles.
  std::vector<std::string> prune_resumed() {
    std::vector<std::string> left;
    const auto n = static_cast<Xapian::docid>(resumed_parts_.size());
    resumed_.clear();
    for (Xapian::docid k = 0; k < n; ++k) {
      std::vector<Xapian::docid> gone;
      Xapian::doccount count = 0;
      {
        const Xapian::Database part(resumed_parts_[k]);
        count = part.get_doccount();
        for (auto it = part.postlist_begin(""); it != part.postlist_end(""); ++it)
          if (!kept_.count((*it - 1) * n + k + 1)) gone.push_back(*it);  // the union's docid
      }
      if (!gone.empty()) {  // most parts lose nothing: no commit for them
        Xapian::WritableDatabase part(resumed_parts_[k], Xapian::DB_OPEN);
        for (Xapian::docid d : gone) part.delete_document(d);
        part.commit();
        part.close();
      }
      if (count > gone.size()) left.push_back(resumed_parts_[k]);
    }
    return left;
  }

  std::string parts_dir_;
  std::size_t chunk_size_;
  std::string manifest_;
  unsigned generation_ = 0;
  std::vector<std::string> resumed_parts_;
  ResumedMap resumed_;  // by signature, not yet kept
  std::unordered_set<Xapian::docid> kept_;  // docids of resumed_ added again
  std::uint64_t resumed_count_ = 0;
  std::vector<Item> current_;
  std::size_t chunks_ = 0;
  std::vector<std::vector<std::string>> thread_parts_;  // each written by its thread only
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::vector<std::deque<std::vector<Item>>> queues_;
  bool stop_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

// Analysis threads: articles in, documents out (as futures, so the writer
// takes them in the order they were added). Each thread has its own
// TermIndexer, stemmer and stem cache (a Xapian::Stem is not thread-safe).
class AnalysisPool {
 public:
  // Throws Error for an unknown stemmer.
  AnalysisPool(std::size_t threads, const std::string& stemmer, NameIndexing names) {
    std::vector<Xapian::Stem> stems;
    for (std::size_t i = 0; i < threads; ++i) stems.push_back(make_stemmer(stemmer));
    for (std::size_t i = 0; i < threads; ++i)
      threads_.emplace_back([this, stem = stems[i], names] {
        TermIndexer ix(stem);
        for (;;) {
          Job job;
          {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
          }
          try {
            job.done.set_value(prepare(job.article, job.info, ix, names));
          } catch (...) {
            job.done.set_exception(std::current_exception());
          }
        }
      });
  }
  ~AnalysisPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  AnalysisPool(const AnalysisPool&) = delete;
  AnalysisPool& operator=(const AnalysisPool&) = delete;

  std::future<Prepared> submit(const Article& article, JobInfo info) {
    Job job{article, std::move(info), {}};
    std::future<Prepared> result = job.done.get_future();
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return result;
  }

 private:
  struct Job {
    Article article;
    JobInfo info;
    std::promise<Prepared> done;
  };
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace telusur
