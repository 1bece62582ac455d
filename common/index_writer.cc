#include "index_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>
#include <xapian.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "bulk_builder.h"
#include "document.h"
#include "entity_index.h"
#include "document_builder.h"
#include "file_bookkeeping.h"
#include "spelling_data.h"
#include "write_lock.h"
#include "names.h"
#include "root_table.h"
#include "schema.h"
#include "stored_fields.h"
#include "status.h"
#include "stemmer.h"
#include "text.h"

namespace telusur {
namespace {

NameIndexing name_indexing(const WriterOptions& o) {
  return !o.extract_names ? NameIndexing::kNone
         : o.name_fields  ? NameIndexing::kFields
                          : NameIndexing::kFacets;
}




// Smaller indexes are not worth compacting.
constexpr std::uint64_t kMinDocsToCompact = 1000;

// Installs the one-word names of each alias group as Xapian synonyms of each
// other, for free text and the name fields, so "Tiongkok" also finds "Cina"
// and "China" (the query parser expands with FLAG_AUTO_SYNONYMS).
// Done again only when the alias list or the stemmer changed (a hash of both
// is kept in the metadata), so a run with nothing to index loads no stemmer.
void install_alias_synonyms(Xapian::WritableDatabase& db, const std::string& stemmer_name) {
  std::string all = stemmer_name;
  for (const auto& group : builtin_alias_groups())
    for (const std::string& member : group) all += "\n" + member;
  const std::string hash = hex64(hash_of(all));
  if (db.get_metadata(str(schema::kMetaAliases)) == hash) return;
  const Xapian::Stem stem = make_stemmer(stemmer_name);
  for (const auto& group : builtin_alias_groups()) {
    std::vector<std::string> words;
    for (const std::string& member : group) {
      const std::string key = name_key(member);
      if (!key.empty() && key.find(' ') == std::string::npos) words.push_back(key);
    }
    for (std::string_view prefix :
         {std::string_view(), schema::kPersonPrefix, schema::kPlacePrefix, schema::kOrgPrefix}) {
      for (const std::string& from : words) {
        const std::string key = str(prefix) + from;
        db.clear_synonyms(key);
        for (const std::string& to : words) {
          if (to == from) continue;
          // Free text is matched by its stemmed Z-terms, name fields as written.
          db.add_synonym(key,
                         prefix.empty() ? str(schema::kStemPrefix) + stem(to) : str(prefix) + to);
        }
      }
    }
  }
  db.set_metadata(str(schema::kMetaAliases), hash);
}

}  // namespace

struct IndexWriter::Impl {
  std::string dir;        // the index searchers open
  std::string build_dir;  // where this run writes: dir, or dir + ".rebuild"
  std::unique_ptr<WriteLock> lock;
  Xapian::WritableDatabase db;  // unopened in a dry run
  Xapian::Database reader;      // db, or in a dry run the index read-only
  bool has_reader = false;
  bool dry_run = false;
  bool keep_deleted = false;
  bool rebuild = false;
  // A fresh build or rebuild that may take what an interrupted one left in
  // dir + ".parts" (bulk_builder.h); not with an explicit --rebuild.
  bool resume = false;
  std::string stemmer_name;
  bool stem_table = false;  // the stemmer's words go in the index's metadata
  std::size_t batch_size = 0;
  std::size_t pending = 0;
  std::uint64_t written = 0;
  std::uint64_t final_count = 0;
  std::uint64_t resumed = 0;     // articles an interrupted build had written
  bool resumed_rebuild = false;  // this run finishes an interrupted --rebuild
  bool closed = false;
  RunCounts counts;

  std::unordered_set<std::string> ids_this_run;
  std::unordered_set<std::string> deleted_ids;  // deleted in this run
  std::unordered_set<std::string> files_seen;   // file hashes of files met in this run
  FileIdentities file_identity;
  // The file of the last file_changed(), reset as a whole for each file.
  struct CurrentFile {
    bool open = false;
    std::uint64_t articles = 0;  // read from it in this run
    // Its JSONL lines in the index: line hash -> document and the line
    // number it has stored; loaded on demand.
    struct StoredLine {
      Xapian::docid docid;
      std::size_t line;
    };
    std::unordered_map<std::string, StoredLine> lines;
    bool lines_loaded = false;
    std::string line_hash;  // of the line add() gets next
    std::string term;       // its file term
    FileSignature signature;
  };
  CurrentFile file;
  std::unordered_set<Xapian::docid> seen_docids;  // skipped lines' documents, in this run
  // The signatures in the index, by file hash; loaded by the first file_changed().
  std::unordered_map<std::string, FileSignature> known_files;
  bool known_files_loaded = false;
  // add()'s cache: the file term of the last article's path.
  std::string last_path, last_file_term, last_file_hash;

  // Writes in the order they were asked for: an article (being analysed),
  // a deletion, or a metadata entry. At most `window` articles in flight.
  struct Op {
    std::string id;                 // article id (add, delete)
    std::future<Prepared> article;  // valid: add
    std::string meta_key;           // non-empty: set metadata (empty value deletes)
    std::string meta_value;
  };
  std::deque<Op> ops;
  std::size_t articles_in_flight = 0;
  std::size_t window = 0;
  std::size_t threads = 1;
  NameIndexing names = NameIndexing::kFields;
  std::vector<std::pair<std::string, std::string>> new_stems;  // for the next commit
  std::unique_ptr<AnalysisPool> pool;  // its threads stop before the rest goes
  // A fresh build (the index was empty): articles go to the bulk builder.
  bool bulk_mode = false;
  bool entity_table = true;  // WriterOptions::entity_table
  std::size_t chunk_size = 1000;
  std::unique_ptr<BulkBuilder> bulk;

  // The builder of a fresh build, started by its first article.
  void start_bulk() {
    if (bulk) return;
    bulk = std::make_unique<BulkBuilder>(dir + ".parts", threads, stemmer_name, names, stem_table,
                                         chunk_size, resume);
    write_build_marker(dir, rebuild, part_manifest(stemmer_name, names, stem_table));
  }

  // A fresh build: whether the JSONL line of file.line_hash is one an
  // interrupted build wrote, as it is and on the same line; if so it is
  // taken, unparsed.
  bool take_resumed_line(std::size_t line_no) {
    if (!resume || !file.open) return false;
    if (!bulk && !std::filesystem::exists(dir + ".parts")) return false;  // nothing to resume
    start_bulk();
    const std::string signature = file.line_hash + file.signature.file_hash;
    // An id already added is a duplicate: read and reported as such.
    if (!bulk->take_resumed_line(signature, line_no, [this](const std::string& id) {
          return ids_this_run.insert(id).second;
        }))
      return false;
    file.line_hash.clear();
    ++counts.added;
    ++file.articles;
    return true;
  }

  [[noreturn]] void fail(const std::string& what, const Xapian::Error& e) const {
    throw IndexError(what + " index '" + dir + "': " + describe(e));
  }

  void write_next() {
    Op op = std::move(ops.front());
    ops.pop_front();
    try {
      if (op.article.valid()) {
        --articles_in_flight;
        Prepared p = op.article.get();
        if (stem_table)
          new_stems.insert(new_stems.end(), std::make_move_iterator(p.new_stems.begin()),
                           std::make_move_iterator(p.new_stems.end()));
        remove_old_spellings(db, p.id_term);
        adjust_spellings(db, p.doc, true);
        db.replace_document(p.id_term, p.doc);
        ++written;
        if (++pending >= batch_size) commit();
      } else if (!op.meta_key.empty()) {
        db.set_metadata(op.meta_key, op.meta_value);
      } else {
        remove_old_spellings(db, str(schema::kIdPrefix) + op.id);
        db.delete_document(str(schema::kIdPrefix) + op.id);
      }
    } catch (const Xapian::Error& e) {
      fail("cannot write article " + op.id + " to", e);
    }
  }

  void push(Op op) {
    if (dry_run) return;
    if (op.article.valid()) ++articles_in_flight;
    ops.push_back(std::move(op));
    while (articles_in_flight > window) write_next();
  }

  // Writes everything asked for and commits it, with the stems of its words,
  // so the searcher can look them up instead of loading the stemmer's dictionary.
  void commit() {
    if (dry_run) return;
    while (!ops.empty()) write_next();
    try {
      for (const auto& [word, stem] : new_stems) db.set_metadata(stem_table_key(word), stem);
      new_stems.clear();
      db.commit();
      pending = 0;
    } catch (const Xapian::Error& e) {
      fail("cannot commit", e);
    }
  }

  // The line hash and stored line number of each article of the current
  // file, in one pass over the signature and fields value streams.
  void load_lines() {
    file.lines_loaded = true;
    Xapian::ValueIterator v = reader.valuestream_begin(schema::kSignatureSlot);
    const Xapian::ValueIterator end = reader.valuestream_end(schema::kSignatureSlot);
    Xapian::ValueIterator fields = reader.valuestream_begin(schema::kFieldsSlot);
    const Xapian::ValueIterator fields_end = reader.valuestream_end(schema::kFieldsSlot);
    for (auto it = reader.postlist_begin(file.term); it != reader.postlist_end(file.term); ++it) {
      if (v == end) break;
      v.skip_to(*it);
      if (v == end) break;
      if (v.get_docid() != *it) continue;
      std::size_t line = 0;
      if (fields != fields_end) fields.skip_to(*it);
      if (fields != fields_end && fields.get_docid() == *it) line = decode_fields(*fields).line;
      file.lines.emplace((*v).substr(0, 16), CurrentFile::StoredLine{*it, line});
    }
  }

  // Gives the stored fields of document `docid` (an unchanged JSONL line,
  // stored with another line number: load_lines()) the line number
  // `line_no`. The document is written in order with the others (a commit
  // point never holds half of it).
  void move_line(Xapian::docid docid, std::size_t line_no) {
    if (dry_run) return;
    try {
      Xapian::Document doc = reader.get_document(docid);
      const std::string encoded = doc.get_value(schema::kFieldsSlot);
      doc.add_value(schema::kFieldsSlot, with_line(encoded, line_no));
      while (!ops.empty()) write_next();  // everything added before it first
      db.replace_document(docid, doc);
      if (++pending >= batch_size) commit();
    } catch (const Xapian::Error& e) {
      fail("cannot renumber the line of an article in", e);
    }
  }

  // Deletes the articles of the index filed under `term` that this run has
  // not added (unless keep_deleted). Returns how many there are.
  std::uint64_t delete_articles_of(const std::string& term) {
    if (!has_reader) return 0;
    std::vector<std::string> gone;
    for (auto it = reader.postlist_begin(term); it != reader.postlist_end(term); ++it) {
      if (seen_docids.count(*it)) continue;
      std::string id = article_id(reader, *it);
      if (!id.empty() && !ids_this_run.count(id)) gone.push_back(std::move(id));
    }
    if (keep_deleted) return gone.size();
    for (std::string& id : gone) {
      if (!deleted_ids.insert(id).second) continue;
      ++counts.deleted;
      Op op;
      op.id = std::move(id);
      push(std::move(op));
    }
    return gone.size();
  }

  void load_known_files() {
    if (known_files_loaded) return;
    known_files_loaded = true;
    if (!has_reader) return;
    const std::string prefix(schema::kMetaFilePrefix);
    for (auto it = reader.metadata_keys_begin(prefix); it != reader.metadata_keys_end(prefix); ++it)
      if (std::optional<FileSignature> sig = FileSignature::from_key(*it))
        known_files[sig->file_hash] = std::move(*sig);
  }

  // Records a file's signature (replacing the entry of its old one).
  void record(const FileSignature& sig) {
    auto it = known_files.find(sig.file_hash);
    if (it != known_files.end() && it->second.key() != sig.key())
      set_metadata(it->second.key(), "");
    set_metadata(sig.key(), sig.value());
    known_files[sig.file_hash] = sig;
  }

  void set_metadata(const std::string& key, const std::string& value) {
    Op op;
    op.meta_key = key;
    op.meta_value = value;
    push(std::move(op));
  }
};

IndexWriter::IndexWriter(const std::string& dir, const WriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& w = *impl_;
  w.dir = dir;
  w.dry_run = options.dry_run;
  w.entity_table = options.entity_table;
  w.keep_deleted = options.keep_deleted;
  w.rebuild = options.rebuild;
  w.batch_size = options.batch_size == 0 ? 1 : options.batch_size;
  w.stemmer_name = options.stemmer;
  w.stem_table = stemmer_uses_lookup_table(options.stemmer);
  {
    const std::vector<std::string> known = stemmer_names();
    if (std::find(known.begin(), known.end(), options.stemmer) == known.end())
      make_stemmer(options.stemmer);  // throws Error naming the known stemmers
  }
  const auto check = [&](const Xapian::Database& db) {
    const std::string schema = db.get_metadata(str(schema::kMetaSchema));
    const std::string stemmer = db.get_metadata(str(schema::kMetaStemmer));
    if (db.get_doccount() == 0 && schema.empty()) return;
    if (schema != schema::kSchemaVersion)
      throw IndexError("index '" + dir + "' has schema version '" + schema +
                       "', this telusur-index writes version " + str(schema::kSchemaVersion) +
                       ": run again with --rebuild");
    if (stemmer != options.stemmer)
      throw IndexError("index '" + dir + "' was built with stemmer '" + stemmer + "', not '" +
                       options.stemmer + "': run again with --rebuild to change it");
  };
  try {
    if (w.dry_run) {
      // Read what is there, if anything; write nothing, lock nothing.
      if (!w.rebuild && std::filesystem::exists(std::filesystem::path(dir) / "iamglass")) {
        w.reader = Xapian::Database(dir);
        w.has_reader = true;
        check(w.reader);
      }
      return;
    }
    w.lock = std::make_unique<WriteLock>(dir, options.lock_wait);
    w.resume = !w.rebuild;
    if (!w.rebuild &&
        interrupted_rebuild(dir, part_manifest(options.stemmer, name_indexing(options),
                                               stemmer_uses_lookup_table(options.stemmer))))
      w.rebuild = w.resumed_rebuild = true;
    w.build_dir = w.rebuild ? dir + ".rebuild" : dir;
    if (w.rebuild) {
      std::error_code ec;
      std::filesystem::remove_all(w.build_dir, ec);  // a crashed rebuild's leftovers
    }
    w.db =
        Xapian::WritableDatabase(w.build_dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    check(w.db);
    w.bulk_mode = w.db.get_doccount() == 0;
    if (!w.bulk_mode) {
      // Parts of a build killed after its swap, or of a rebuild with other
      // options: nothing will resume them.
      std::error_code ec;
      std::filesystem::remove_all(dir + ".parts", ec);
    }
    if (w.bulk_mode && w.build_dir == dir) {
      // A fresh build is built beside the (empty) index and swapped in when
      // complete, like --rebuild: nothing of it, not even the signatures of
      // the files read, is visible before all of it is.
      w.db.close();
      w.build_dir = dir + ".rebuild";
      std::error_code ec;
      std::filesystem::remove_all(w.build_dir, ec);
      w.db = Xapian::WritableDatabase(w.build_dir,
                                      Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    }
    w.reader = w.db;
    w.has_reader = true;
    w.db.set_metadata(str(schema::kMetaSchema), str(schema::kSchemaVersion));
    w.db.set_metadata(str(schema::kMetaStemmer), options.stemmer);
    w.db.set_metadata(str(schema::kMetaVersion), TELUSUR_VERSION);
    install_alias_synonyms(w.db, options.stemmer);
    if (stemmer_uses_lookup_table(options.stemmer)) write_root_table(w.db);
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("index '" + dir + "' is locked by another Xapian writer");
  } catch (const Xapian::Error& e) {
    w.fail("cannot open", e);
  }
  const std::size_t threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  w.window = 4 * threads + 16;
  w.threads = threads;
  w.names = name_indexing(options);
  // Xapian's cost per article grows with the batch: a fresh build commits
  // each thread's database every kBulkChunk articles (CLICK-ID on 2 cores:
  // 19.0 s with 250, 20.1 s with 1,000, 23.6 s with 3,000).
  w.chunk_size = std::min(w.batch_size, kBulkChunk);
}

IndexWriter::~IndexWriter() {
  if (!impl_ || impl_->closed) return;
  try {
    impl_->commit();
  } catch (...) {
    // Reported by an explicit commit(); nothing useful to do in a destructor.
  }
}

bool IndexWriter::file_changed(const std::filesystem::path& file) {
  Impl& w = *impl_;
  const std::string path = w.file_identity(file);
  const std::string hash = hex64(hash_of(path));
  w.file = Impl::CurrentFile{};
  w.file.open = true;
  w.file.term = str(schema::kFilePrefix) + hash;
  w.files_seen.insert(hash);
  w.file.signature.file_hash = hash;
  w.file.signature.path = path;
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) return true;
  w.file.signature.size = static_cast<std::uint64_t>(st.st_size);
  w.file.signature.mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  FileSignature* known = nullptr;
  try {
    w.load_known_files();
    if (auto it = w.known_files.find(hash); it != w.known_files.end()) known = &it->second;
    const auto unchanged = [&] {
      w.file.open = false;
      w.counts.unchanged += known->articles;
      return false;
    };
    if (known && known->size == w.file.signature.size &&
        known->mtime_ns == w.file.signature.mtime_ns)
      return unchanged();
    // Size or mtime differ (or the file is new): the content decides.
    const std::optional<std::uint64_t> content = file_content_hash(file);
    if (!content) return true;
    w.file.signature.content_hash = hex64(*content);
    if (known) {
      known->read_value(w.reader.get_metadata(known->key()));
      if (known->content_hash == w.file.signature.content_hash) {
        w.file.signature.articles = known->articles;
        w.record(w.file.signature);  // the new mtime
        known = &w.known_files[hash];
        return unchanged();
      }
    }
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
  return true;
}

AddResult IndexWriter::add(const Article& a) {
  Impl& w = *impl_;
  if (!w.ids_this_run.insert(a.id).second) return AddResult::kDuplicate;
  if (w.file.open) ++w.file.articles;
  if (a.path != w.last_path) {
    w.last_path = a.path;
    w.last_file_hash = hex64(hash_of(w.file_identity(a.path)));
    w.last_file_term = str(schema::kFilePrefix) + w.last_file_hash;
  }
  const std::string signature =
      (w.file.line_hash.empty() ? hex64(article_hash(a)) : w.file.line_hash) + w.last_file_hash;
  w.file.line_hash.clear();
  const std::string id_term = str(schema::kIdPrefix) + a.id;
  bool known = false;
  try {
    if (w.has_reader) {
      Xapian::PostingIterator it = w.reader.postlist_begin(id_term);
      if (it != w.reader.postlist_end(id_term)) {
        known = true;
        // Its line was skipped as unchanged earlier in this run: a duplicate.
        if (w.seen_docids.count(*it)) {
          if (w.file.open) --w.file.articles;
          return AddResult::kDuplicate;
        }
        if (w.reader.get_document(*it).get_value(schema::kSignatureSlot) == signature &&
            !w.deleted_ids.count(a.id)) {
          ++w.counts.unchanged;
          return AddResult::kUnchanged;
        }
      }
    }
  } catch (const Xapian::Error& e) {
    w.fail("cannot read article " + a.id + " from", e);
  }
  AddResult result = known ? AddResult::kUpdated : AddResult::kAdded;
  if (w.deleted_ids.erase(a.id)) {  // deleted from one file, found in another: moved
    --w.counts.deleted;
    result = AddResult::kUpdated;
  }
  ++(result == AddResult::kAdded ? w.counts.added : w.counts.updated);
  if (w.bulk_mode) {
    try {
      w.start_bulk();
      w.bulk->add(a, JobInfo{signature, w.last_file_term});
    } catch (const Xapian::Error& e) {
      w.fail("cannot add article " + a.id + " to", e);
    }
    return result;
  }
  if (!w.dry_run) {
    Impl::Op op;
    op.id = a.id;
    // The analysis threads (and the stemmer's dictionary) only when needed.
    if (!w.pool) w.pool = std::make_unique<AnalysisPool>(w.threads, w.stemmer_name, w.names);
    op.article = w.pool->submit(a, JobInfo{signature, w.last_file_term});
    w.push(std::move(op));
  }
  return result;
}

bool IndexWriter::skip_line(std::string_view raw_line, std::size_t line_no) {
  Impl& w = *impl_;
  w.file.line_hash = hex64(hash_of(raw_line));
  if (w.bulk_mode) {
    try {
      return w.take_resumed_line(line_no);
    } catch (const Xapian::Error& e) {
      w.fail("cannot resume into", e);
    }
  }
  if (!w.file.open || !w.has_reader) return false;
  try {
    if (!w.file.lines_loaded) w.load_lines();
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
  const auto it = w.file.lines.find(w.file.line_hash);
  if (it == w.file.lines.end() || !w.seen_docids.insert(it->second.docid).second) return false;
  w.file.line_hash.clear();
  if (it->second.line != line_no) w.move_line(it->second.docid, line_no);
  ++w.counts.unchanged;
  ++w.file.articles;
  return true;
}

void IndexWriter::end_file(bool complete) {
  Impl& w = *impl_;
  if (!w.file.open) return;
  w.file.open = false;
  if (!complete || w.file.signature.content_hash.empty()) return;
  try {
    const std::uint64_t gone = w.delete_articles_of(w.file.term);
    w.file.signature.articles = w.file.articles + (w.keep_deleted ? gone : 0);
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
  w.record(w.file.signature);
}

void IndexWriter::remove_missing_files(const std::vector<std::filesystem::path>& roots) {
  Impl& w = *impl_;
  if (!w.has_reader) return;
  std::vector<std::string> root_paths;
  for (const auto& r : roots) {
    std::error_code ec;
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(r, ec);
    root_paths.push_back(ec ? std::filesystem::absolute(r).lexically_normal().string()
                            : resolved.string());
  }
  const auto under_a_root = [&](const std::string& path) {
    for (const std::string& r : root_paths)
      if (path == r || (path.rfind(r, 0) == 0 && path.size() > r.size() &&
                        (path[r.size()] == '/' || r.back() == '/')))
        return true;
    return false;
  };
  std::vector<FileSignature> gone;
  try {
    w.load_known_files();
    for (auto& [hash, sig] : w.known_files) {
      if (w.files_seen.count(hash)) continue;
      sig.read_value(w.reader.get_metadata(sig.key()));
      if (!under_a_root(sig.path)) continue;
      std::error_code ec;
      const bool exists = std::filesystem::exists(std::filesystem::symlink_status(sig.path, ec));
      if (exists || (ec && ec != std::errc::no_such_file_or_directory)) continue;
      gone.push_back(sig);
    }
    for (const FileSignature& sig : gone) {
      w.delete_articles_of(str(schema::kFilePrefix) + sig.file_hash);
      if (w.keep_deleted) continue;
      w.set_metadata(sig.key(), "");
      w.known_files.erase(sig.file_hash);
    }
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
}

void IndexWriter::commit() { impl_->commit(); }

bool IndexWriter::finish() {
  Impl& w = *impl_;
  if (w.dry_run) {
    w.final_count =
        (w.has_reader ? w.reader.get_doccount() : 0) + w.counts.added - w.counts.deleted;
    w.closed = true;
    return false;
  }
  commit();
  if (w.bulk_mode) return finish_bulk();
  const RunCounts& c = w.counts;
  // (An index of an earlier version keeps no table, nor does an empty one.)
  if (w.entity_table && (c.added + c.updated + c.deleted > 0 ||
      (w.db.get_metadata(str(schema::kMetaEntities)).empty() &&
       w.db.get_metadata(str(schema::kMetaEntitySingles)).empty()))) {
    // The entities of the whole collection again: added articles may merge
    // entities, deleted ones split them or lower their counts.
    try {
      write_entity_table(w.db, w.db);
      w.db.commit();
    } catch (const Xapian::Error& e) {
      w.fail("cannot write the entity table", e);
    }
  }
  const std::uint64_t total = w.db.get_doccount();
  w.final_count = total;
  const bool fresh = total >= kMinDocsToCompact && w.written * 2 >= total;
  try {
    w.db.close();
  } catch (const Xapian::Error& e) {
    w.fail("cannot close", e);
  }
  w.closed = true;
  // An update is written in place (a fresh build, --rebuild included, is a
  // bulk build); a large enough one is compacted beside it and swapped in.
  if (!fresh) return false;
  std::error_code ec;
  const std::string tmp = w.dir + ".compacting";
  std::filesystem::remove_all(tmp, ec);
  try {
    Xapian::Database(w.dir).compact(tmp, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(tmp, ec);
    w.fail("cannot compact", e);
  }
  // The lock file moves with the old index; the lock itself stays ours (an
  // open file) until the writer is destroyed.
  exchange_dirs(tmp, w.dir);
  std::filesystem::remove_all(tmp, ec);  // now the old index
  return true;
}

// A fresh build: the builder threads' databases and the one holding the
// metadata and synonyms, merged by Xapian's compactor, swapped in.
bool IndexWriter::finish_bulk() {
  Impl& w = *impl_;
  std::error_code ec;
  const std::string tmp = w.dir + ".compacting";
  try {
    const std::vector<std::string> parts = w.bulk ? w.bulk->finish() : std::vector<std::string>();
    if (w.bulk) w.resumed = w.bulk->resumed();
    w.bulk.reset();
    {
      const auto open_parts = [&parts] {
        Xapian::Database all;
        for (const std::string& part : parts) all.add_database(Xapian::Database(part));
        return all;
      };
      // The entity table on a second core (its own Database objects: they
      // are not shared between threads) while this one does the spelling.
      std::future<std::vector<std::pair<std::string, std::string>>> entities;
      if (w.entity_table)
        entities = std::async(std::launch::async, [&] { return entity_table_entries(open_parts()); });
      // Spelling data: every word of the collection once, with its
      // collection frequency (cheaper than word by word while building).
      const Xapian::Database words = open_parts();
      for (auto t = words.allterms_begin(); t != words.allterms_end(); ++t) {
        const std::string term = *t;
        if (spelling_word(term)) w.db.add_spelling(term, words.get_collection_freq(term));
      }
      if (entities.valid())
        for (const auto& [key, value] : entities.get()) w.db.set_metadata(key, value);
      w.db.commit();
    }
    w.db.close();
    Xapian::Database all(w.build_dir);
    for (const std::string& part : parts) all.add_database(Xapian::Database(part));
    w.final_count = all.get_doccount();
    std::filesystem::remove_all(tmp, ec);
    all.compact(tmp,
                Xapian::DB_BACKEND_GLASS | (parts.size() > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0));
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(tmp, ec);
    std::filesystem::remove_all(w.dir + ".parts", ec);
    w.closed = true;
    w.fail("cannot build", e);
  }
  w.closed = true;
  if (w.build_dir != w.dir) std::filesystem::remove_all(w.build_dir, ec);
  exchange_dirs(tmp, w.dir);
  // The parts go only now: a build killed before the swap resumes from them.
  std::filesystem::remove_all(w.dir + ".parts", ec);
  std::filesystem::remove_all(tmp, ec);  // now the old (empty) index
  return true;
}

const RunCounts& IndexWriter::counts() const { return impl_->counts; }

std::uint64_t IndexWriter::resumed() const { return impl_->resumed; }

bool IndexWriter::resumed_rebuild() const { return impl_->resumed_rebuild; }

std::uint64_t IndexWriter::document_count() const {
  if (impl_->closed) return impl_->final_count;
  if (impl_->bulk_mode) return impl_->counts.added;
  return impl_->dry_run ? (impl_->has_reader ? impl_->reader.get_doccount() : 0)
                        : impl_->db.get_doccount();
}

const std::string& IndexWriter::stemmer() const { return impl_->stemmer_name; }

}  // namespace telusur
