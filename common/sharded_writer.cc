#include "sharded_writer.h"

#include "entity_index.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "schema.h"
#include "atomic_file.h"
#include "hash.h"
#include "status.h"

namespace telusur {
namespace {

constexpr const char* kStub = "XAPIANDB";

std::string str_meta_file_prefix() { return std::string(schema::kMetaFilePrefix); }

std::string shard_dir(const std::string& dir, std::size_t k) {
  return dir + "/shard-" + std::to_string(k);
}

void write_stub(const std::string& dir, std::size_t shards) {
  std::string text;
  for (std::size_t k = 0; k < shards; ++k) text += "auto shard-" + std::to_string(k) + "\n";
  try {
    write_file_atomically(dir + "/" + kStub, text);
  } catch (const Error& e) {
    throw IndexError(std::string("the stub file: ") + e.what());
  }
}

// DIR/meta: a database of no articles holding what Xapian's remote backend
// does not serve: the spelling data of every shard (summed), the alias
// synonyms and the metadata (schema, stemmer, the stems of every shard's
// words). telusur opens it first, beside the shards.
void write_meta(const std::string& dir, std::size_t shards) {
  try {
    Xapian::WritableDatabase meta(dir + "/meta.new",
                                  Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    for (std::size_t k = 0; k < shards; ++k) {
      const Xapian::Database shard(shard_dir(dir, k));
      for (auto w = shard.spellings_begin(); w != shard.spellings_end(); ++w)
        meta.add_spelling(*w, w.get_termfreq());
      for (auto key = shard.metadata_keys_begin(); key != shard.metadata_keys_end(); ++key)
        if ((*key).rfind(str_meta_file_prefix(), 0) != 0)
          meta.set_metadata(*key, shard.get_metadata(*key));
      if (k == 0)
        for (auto key = shard.synonym_keys_begin(); key != shard.synonym_keys_end(); ++key)
          for (auto syn = shard.synonyms_begin(*key); syn != shard.synonyms_end(*key); ++syn)
            meta.add_synonym(*key, *syn);
    }
    // The entities of the whole collection, not of the last shard.
    Xapian::Database all;
    for (std::size_t k = 0; k < shards; ++k) all.add_database(Xapian::Database(shard_dir(dir, k)));
    write_entity_table(meta, all);
    meta.commit();
    meta.close();
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot write '" + dir + "/meta': " + e.get_msg());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir + "/meta", ec);
  std::filesystem::rename(dir + "/meta.new", dir + "/meta", ec);
  if (ec) throw IndexError("cannot write '" + dir + "/meta': " + ec.message());
}

}  // namespace

std::size_t shard_of(std::string_view id, std::size_t shards) {
  return shards <= 1 ? 0 : static_cast<std::size_t>(hash_of(id) % shards);
}

std::size_t shard_count(const std::string& dir) {
  std::error_code ec;
  const std::string stub = dir + "/" + kStub;
  if (std::filesystem::exists(stub, ec)) {
    std::ifstream in(stub);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);)
      if (line.rfind("auto shard-", 0) == 0) ++n;
    return n;
  }
  return std::filesystem::exists(dir + "/iamglass", ec) ? 1 : 0;
}

ShardedWriter::ShardedWriter(const std::string& dir, const WriterOptions& options,
                             std::size_t shards)
    : dir_(dir), build_dir_(dir), dry_run_(options.dry_run) {
  const std::size_t existing = shard_count(dir);
  if (shards == 0) shards = std::max<std::size_t>(existing, 1);
  const bool layout_changes = existing != 0 && existing != shards;
  if (layout_changes && !options.rebuild)
    throw IndexError("index '" + dir + "' has " + std::to_string(existing) + " shard" +
                     (existing == 1 ? "" : "s") + "; making it " + std::to_string(shards) +
                     " needs --rebuild");
  if (shards == 1 && !layout_changes) {
    writers_.push_back(std::make_unique<IndexWriter>(dir, options));
    return;
  }
  WriterOptions each = options;
  if (layout_changes) {
    // A new layout is built whole beside the old index and swapped in at finish().
    build_dir_ = dir + ".reshard";
    std::error_code ec;
    std::filesystem::remove_all(build_dir_, ec);
    each.rebuild = false;
  }
  const std::size_t threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  each.threads = std::max<std::size_t>(1, threads / shards);
  each.entity_table = shards == 1;  // else write_meta() resolves them over all shards
  std::error_code ec;
  if (!options.dry_run) std::filesystem::create_directories(build_dir_, ec);
  if (ec) throw IndexError("cannot create index '" + build_dir_ + "': " + ec.message());
  if (shards == 1) {
    writers_.push_back(std::make_unique<IndexWriter>(build_dir_, each));
    return;
  }
  for (std::size_t k = 0; k < shards; ++k)
    writers_.push_back(std::make_unique<IndexWriter>(shard_dir(build_dir_, k), each));
  if (!options.dry_run) write_stub(build_dir_, shards);
}

ShardedWriter::~ShardedWriter() = default;

bool ShardedWriter::file_changed(const std::filesystem::path& file) {
  // Every shard keeps the file's signature; if any of them (after a crash
  // between shard commits) has not seen it whole, it is read again.
  bool changed = false;
  for (auto& w : writers_) changed = w->file_changed(file) || changed;
  return changed;
}

AddResult ShardedWriter::add(const Article& article) {
  return writers_[shard_of(article.id, writers_.size())]->add(article);
}

bool ShardedWriter::skip_line(std::string_view raw_line, std::size_t line_no) {
  // The shard that holds the line skips it; every other shard only notes the
  // line's signature for an article it will not get.
  bool skip = false;
  for (auto& w : writers_) skip = w->skip_line(raw_line, line_no) || skip;
  return skip;
}

void ShardedWriter::end_file(bool complete) {
  for (auto& w : writers_) w->end_file(complete);
}

void ShardedWriter::remove_missing_files(const std::vector<std::filesystem::path>& roots) {
  for (auto& w : writers_) w->remove_missing_files(roots);
}

bool ShardedWriter::finish() {
  bool compacted = false;
  for (auto& w : writers_) compacted = w->finish() || compacted;
  if (writers_.size() > 1 && !dry_run_) write_meta(build_dir_, writers_.size());
  if (build_dir_ != dir_) {
    // Swap the new layout in at once (renameat2 exchange), then drop the old.
    std::error_code ec;
    if (!std::filesystem::exists(dir_, ec)) {
      std::filesystem::rename(build_dir_, dir_, ec);
    } else if (::renameat2(AT_FDCWD, build_dir_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) !=
               0) {
      throw IndexError("cannot swap the new shards of '" + dir_ +
                       "' in: " + std::error_code(errno, std::generic_category()).message());
    }
    std::filesystem::remove_all(build_dir_, ec);  // now the old index
  }
  return compacted;
}

std::uint64_t ShardedWriter::resumed() const {
  std::uint64_t n = 0;
  for (const auto& w : writers_) n += w->resumed();
  return n;
}

bool ShardedWriter::resumed_rebuild() const {
  for (const auto& w : writers_)
    if (w->resumed_rebuild()) return true;
  return false;
}

RunCounts ShardedWriter::counts() const {
  RunCounts sum;
  for (const auto& w : writers_) {
    const RunCounts& c = w->counts();
    sum.added += c.added;
    sum.updated += c.updated;
    sum.deleted += c.deleted;
    sum.unchanged += c.unchanged;
  }
  return sum;
}

std::uint64_t ShardedWriter::document_count() const {
  std::uint64_t n = 0;
  for (const auto& w : writers_) n += w->document_count();
  return n;
}

const std::string& ShardedWriter::stemmer() const { return writers_.front()->stemmer(); }

}  // namespace telusur
