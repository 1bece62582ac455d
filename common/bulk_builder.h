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

namespace telusur {

// Articles per commit of a builder thread in a fresh build, and per database
// of a builder thread (a B-tree that grows large slows every insertion down:
// at 221k articles, one database per thread took 260 s, 1.4 times ten times
// the time for 22k).
inline constexpr std::size_t kBulkChunk = 250;
inline constexpr std::size_t kChunksPerPart = 80;  // 20,000 articles
// A fresh build in parallel: articles go, in chunks, to builder threads (chunk
// k to thread k mod N, so the result does not depend on timing); each thread
// analyses its chunks and writes them into a database of its own, committing
// after each chunk (Xapian slows down with bigger batches). finish() returns
// the databases, which Xapian's compactor then merges (thread 0's articles,
// then thread 1's, ...): no thread waits for a single writer.
class BulkBuilder {
 public:
  // Throws Error for an unknown stemmer.
  BulkBuilder(std::string parts_dir, std::size_t threads, const std::string& stemmer,
              NameIndexing names, bool stem_table, std::size_t chunk_size)
      : parts_dir_(std::move(parts_dir)),
        chunk_size_(std::max<std::size_t>(chunk_size, 1)),
        queues_(threads) {
    std::error_code ec;
    std::filesystem::remove_all(parts_dir_, ec);  // leftovers of a killed build
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
              thread_parts_[i].push_back(parts_dir_ + "/" + std::to_string(i) + "-" +
                                         std::to_string(thread_parts_[i].size()));
              db.emplace(thread_parts_[i].back(),
                         Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
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
    current_.push_back({article, std::move(info)});
    if (current_.size() >= chunk_size_) flush();
  }

  // Waits for every chunk; returns the databases written. Rethrows the first error.
  std::vector<std::string> finish() {
    flush();
    stop();
    if (error_) std::rethrow_exception(error_);
    std::vector<std::string> written;
    for (const auto& parts : thread_parts_)
      for (const std::string& p : parts)
        if (std::filesystem::exists(std::filesystem::path(p) / "iamglass")) written.push_back(p);
    return written;
  }

 private:
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

  std::string parts_dir_;
  std::size_t chunk_size_;
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
