// Writing articles into a Xapian index (the only writer of the schema in
// schema.h), incrementally: an article is rewritten only when its content
// changed, a file is read only when it changed, and articles whose file lost
// them are removed. Xapian types stay inside the core: this header is what
// the CLIs see.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace telusur {

struct WriterOptions {
  // Build a fresh index beside the old one and swap it in atomically at
  // finish(); searchers see the old index until then (default: update).
  bool rebuild = false;
  // Stemmer name (see stemmer.h). An existing index keeps the stemmer it was
  // built with; asking for another one without `rebuild` is an error.
  std::string stemmer = "dictionary";
  // Find persons, places and organisations and index them as name fields.
  bool extract_names = true;
  // With extract_names: index the names as search fields (person:, place:,
  // org:, name:) and exact filter terms. False keeps them only for facets and
  // --json output: a smaller, faster build, and a way to measure what
  // extraction alone costs.
  bool name_fields = true;
  // Commit after this many written articles (and at commit()/finish()).
  std::size_t batch_size = 1000;
  // Threads that analyse articles (words, stems, names) while the calling
  // thread writes to Xapian; 0: one per core.
  std::size_t threads = 0;
  // Decide and count everything, write nothing (the index need not exist).
  bool dry_run = false;
  // Keep the articles that their file no longer holds, or whose file is gone.
  bool keep_deleted = false;
  // Resolve the collection's entities (entities.h) at finish(). The shards
  // of a sharded index leave it to the sharded writer, which resolves them
  // once over all shards.
  bool entity_table = true;
  // When another telusur-index that is running holds the index's lock: wait
  // this long for it before failing (0: fail at once). A holder that is no
  // longer running is always waited for a few seconds (write_lock.h).
  std::chrono::milliseconds lock_wait{0};
};

// What a run did (or, in a dry run, would do), in articles.
struct RunCounts {
  std::uint64_t added = 0;      // new ids
  std::uint64_t updated = 0;    // known ids with other content or from another file
  std::uint64_t deleted = 0;    // removed: gone from their file, or their file gone
  std::uint64_t unchanged = 0;  // same content, not rewritten
};

// How add() took an article.
enum class AddResult { kAdded, kUpdated, kUnchanged, kDuplicate };

// Opens or creates the index directory and holds the index's write lock (a
// file in the directory naming this process) until destroyed. Not
// thread-safe (one thread calls it; it runs its own analysis threads).
//
// Change detection: each article stores a signature (hash of its content and
// of its file's path); each file read completely stores its size, mtime and
// content hash in the index's metadata. Everything is committed in batches,
// in the order it was added, so a crash at any point leaves the last commit,
// and the next run finishes the work.
class IndexWriter {
 public:
  // Throws IndexError when the directory cannot be created or opened, is
  // locked by another telusur-index ("... locked by another telusur-index
  // (pid N)"), or holds an index of another schema/stemmer.
  IndexWriter(const std::string& dir, const WriterOptions& options);
  // Commits what was added; errors at this point are swallowed (call commit()
  // to see them).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Whether `file` must be read: false when it has the size and mtime (or,
  // failing those, the content) it had when it was last read completely; its
  // articles then count as unchanged. After true, add() the file's articles
  // and call end_file(). Never throws for an unreadable file (true: reading
  // it reports the problem).
  bool file_changed(const std::filesystem::path& file);

  // Adds the article, or replaces the indexed article with the same id when
  // its content or file differs. kDuplicate (nothing added) when an article
  // with this id was already added in this run: ids are unique. The article
  // is copied and analysed on another thread, and written in the order added
  // by commit() at the latest. Throws IndexError (naming the article) or
  // Error, for this article or for one added before it.
  AddResult add(const Article& article);

  // For the JSONL file of the last file_changed(): whether `raw_line` is,
  // byte for byte, the line an indexed article of this file was read from;
  // then it counts as unchanged and need not be parsed (when lines before
  // it came or went, its stored line number becomes `line_no`, without
  // analysing it again). Otherwise the line's hash becomes the signature of
  // the article add()ed next.
  bool skip_line(std::string_view raw_line, std::size_t line_no);

  // Ends the file of the last file_changed(). With `complete` (every article
  // of the file was read), removes the articles last indexed from this file
  // that it no longer holds (unless keep_deleted) and records the file's
  // signature; otherwise keeps everything, so the next run reads it again.
  void end_file(bool complete);

  // Removes the articles of files under `roots` indexed before that no
  // longer exist (unless keep_deleted), with their signatures. A file that
  // exists but was not read (unreadable) keeps its articles.
  void remove_missing_files(const std::vector<std::filesystem::path>& roots);

  // Makes everything added so far durable and visible to searchers. Throws
  // IndexError. In a fresh build (the index was empty, or `rebuild`),
  // articles are built in parallel into chunk databases and become visible
  // only at finish().
  void commit();

  // Commits, then, when this run wrote at least half of the articles in the
  // index (a fresh build), rewrites the index compactly with Xapian's
  // compaction; with `rebuild`, swaps the new index in (a rename exchange).
  // Returns true when it compacted. The writer is closed afterwards (the
  // lock released); only counts(), document_count() and stemmer() may be
  // called. Throws IndexError; a failed compaction leaves the committed,
  // uncompacted index in place.
  bool finish();

  const RunCounts& counts() const;

  // After finish(): the articles of this fresh build (or rebuild) that an
  // interrupted one had already built, kept instead of built again.
  std::uint64_t resumed() const;
  // Whether this run, asked to update, finishes an interrupted --rebuild
  // with the same options instead (an explicit --rebuild starts over).
  bool resumed_rebuild() const;

  // Articles in the index, including those written but not yet committed (an
  // article still being analysed counts once commit() has run).
  std::uint64_t document_count() const;

  // The stemmer name recorded in the index.
  const std::string& stemmer() const;

 private:
  bool finish_bulk();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace telusur
