// Writing articles into a Xapian index (the only writer of the schema in
// schema.h). Xapian types stay inside the core: this header is what the CLIs see.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "article.h"

namespace telusur {

struct WriterOptions {
  // Start from an empty index, discarding what the directory held (default: update).
  bool rebuild = false;
  // Stemmer name (see stemmer.h). An existing index keeps the stemmer it was
  // built with; asking for another one without `rebuild` is an error.
  std::string stemmer = "dictionary";
  // Find persons, places and organisations and index them as name fields.
  bool extract_names = true;
  // Commit after this many added articles (and at commit()/destruction).
  std::size_t batch_size = 1000;
  // Threads that analyse articles (words, stems, names) while the calling
  // thread writes to Xapian; 0: one per core.
  std::size_t threads = 0;
};

// Opens or creates the index directory for writing and holds Xapian's write
// lock until destroyed. Not thread-safe (one thread calls it; it runs its own
// analysis threads).
class IndexWriter {
 public:
  // Throws IndexError when the directory cannot be created or opened, is
  // locked by another writer, or holds an index of another schema/stemmer.
  IndexWriter(const std::string& dir, const WriterOptions& options);
  // Commits what was added; errors at this point are swallowed (call commit()
  // to see them).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds the article, replacing any indexed article with the same id from an
  // earlier run. Returns false (and adds nothing) when an article with this id
  // was already added by this writer: ids are unique. The article is copied
  // and analysed on another thread; it is written in the order added, at the
  // latest by commit(). Throws IndexError (naming the article) or Error, for
  // this article or for one added before it.
  bool add(const Article& article);

  // Makes everything added so far durable and visible to searchers. Throws IndexError.
  void commit();

  // Commits, then, when this writer added at least half of the articles in
  // the index (a fresh build), rewrites the index compactly with Xapian's
  // compaction and swaps it in atomically (a rename exchange): a build in
  // batches leaves its B-trees about half full. Returns true when it compacted.
  // The writer is closed afterwards (the write lock released); only
  // document_count() and stemmer() may be called. Throws IndexError; a failed
  // compaction leaves the committed, uncompacted index in place.
  bool finish();

  // Articles in the index, including those written but not yet committed (an
  // article still being analysed counts once commit() has run).
  std::uint64_t document_count() const;

  // The stemmer name recorded in the index.
  const std::string& stemmer() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace telusur
