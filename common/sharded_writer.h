// An index split into shards: DIR/shard-0 ... DIR/shard-(N-1), each an index
// of its own, listed in the stub file DIR/XAPIANDB ("auto shard-K" lines),
// which Xapian opens as one database (so does telusur). An article goes to
// the shard given by a stable hash of its id, so it always lands in the same
// shard and updates stay incremental. DIR/meta holds what Xapian's remote
// backend does not serve (spelling data, alias synonyms, metadata), for a
// query host whose stub lists remote shards. An index of one shard is a
// plain index in DIR itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index_writer.h"

namespace telusur {

// The shard (0..shards-1) of an article id: XXH3 of the id, modulo shards.
std::size_t shard_of(std::string_view id, std::size_t shards);

// How many shards the index at `dir` has: 0 when there is none, 1 for a plain
// index, N for a stub listing N local shards.
std::size_t shard_count(const std::string& dir);

// IndexWriter's interface over every shard (see index_writer.h for each
// call's contract).
class ShardedWriter {
 public:
  // `shards`: 0 keeps what `dir` holds (1 for a new index). A different
  // number than `dir` holds needs options.rebuild, which builds the new
  // shards beside the old index and swaps them in at finish(). Throws
  // IndexError.
  ShardedWriter(const std::string& dir, const WriterOptions& options, std::size_t shards);
  ~ShardedWriter();

  bool file_changed(const std::filesystem::path& file);
  AddResult add(const Article& article);
  bool skip_line(std::string_view raw_line, std::size_t line_no);
  void end_file(bool complete);
  void remove_missing_files(const std::vector<std::filesystem::path>& roots);
  bool finish();
  RunCounts counts() const;
  // IndexWriter::resumed() and resumed_rebuild() over the shards.
  std::uint64_t resumed() const;
  bool resumed_rebuild() const;
  std::uint64_t document_count() const;
  const std::string& stemmer() const;
  std::size_t shards() const { return writers_.size(); }

 private:
  std::string dir_;        // the index the user named
  std::string build_dir_;  // where the shards are written (dir_, or beside it to swap in)
  bool dry_run_ = false;
  std::vector<std::unique_ptr<IndexWriter>> writers_;
};

}  // namespace telusur
