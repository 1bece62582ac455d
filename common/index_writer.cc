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

#include "names.h"
#include "root_table.h"
#include "schema.h"
#include "stored_fields.h"
#include "status.h"
#include "stemmer.h"
#include "text.h"

namespace telusur {
namespace {

std::string str(std::string_view s) { return std::string(s); }

// Positions between two names in a name field.
constexpr Xapian::termpos kNameGap = 10;

// Articles per commit of a builder thread in a fresh build, and per database
// of a builder thread (a B-tree that grows large slows every insertion down:
// at 221k articles, one database per thread took 260 s, 1.4 times ten times
// the time for 22k).
constexpr std::size_t kBulkChunk = 250;
constexpr std::size_t kChunksPerPart = 80;  // 20,000 articles

// Smaller indexes are not worth compacting.
constexpr std::uint64_t kMinDocsToCompact = 1000;

// Mirrors Xapian's rule for which words get a stemmed Z-term: those starting
// with a lower-case or uncased letter (not digits).
bool should_stem(const std::string& term) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(term.data()), i, static_cast<int32_t>(term.size()), c);
  if (c < 0) return false;
  const int8_t type = u_charType(c);
  return type == U_LOWERCASE_LETTER || type == U_TITLECASE_LETTER || type == U_MODIFIER_LETTER ||
         type == U_OTHER_LETTER;
}

// Name fields hold no stemmed terms: a name is matched as written (the query
// front end makes QueryParser leave name-field words unstemmed).
bool is_name_prefix(std::string_view prefix) {
  return prefix == schema::kPersonPrefix || prefix == schema::kPlacePrefix ||
         prefix == schema::kOrgPrefix;
}

class TermIndexer {
 public:
  explicit TermIndexer(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {}

  // Adds `text` as positional terms with `prefix` (and unprefixed too when
  // `also_plain`), plus stemmed Z-terms; positions continue from `pos`.
  void index(Xapian::Document& doc, std::string_view text, std::string_view prefix,
             Xapian::termcount wdf, Xapian::termpos& pos, bool also_plain) {
    index(doc, tokenize(normalize(text)), prefix, wdf, pos, also_plain);
  }

  // The same for text already split into tokens. A one-word name gets no
  // position: only phrases need positions, and a phrase never matches it.
  void index(Xapian::Document& doc, const std::vector<Token>& tokens, std::string_view prefix,
             Xapian::termcount wdf, Xapian::termpos& pos, bool also_plain) {
    const bool name = !also_plain && is_name_prefix(prefix);
    const bool positions = !name || tokens.size() > 1;
    for (const Token& t : tokens) {
      ++pos;
      const bool stem = should_stem(t.term) && !name;
      const std::string& stemmed = stem ? stem_of(t.term) : t.term;
      if (!prefix.empty()) {
        if (positions)
          doc.add_posting(str(prefix) + t.term, pos, wdf);
        else
          doc.add_term(str(prefix) + t.term, wdf);
        if (stem) doc.add_term(str(schema::kStemPrefix) + str(prefix) + stemmed, wdf);
      }
      if (also_plain) {
        doc.add_posting(t.term, pos, wdf);
        if (stem) doc.add_term(str(schema::kStemPrefix) + stemmed, wdf);
      }
    }
  }

  // Hands the words stemmed since the last call to `fn(word, stem)`.
  template <typename Fn>
  void drain_new_stems(Fn&& fn) {
    for (const std::string* word : new_words_) fn(*word, cache_.at(*word));
    new_words_.clear();
  }

 private:
  // Stems are memoised: word frequencies are Zipfian.
  const std::string& stem_of(const std::string& word) {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() > kMaxCachedStems && new_words_.empty()) cache_.clear();
    it = cache_.emplace(word, stemmer_(word)).first;
    new_words_.push_back(&it->first);
    return it->second;
  }

  static constexpr std::size_t kMaxCachedStems = 1000000;
  Xapian::Stem stemmer_;
  std::unordered_map<std::string, std::string> cache_;
  std::vector<const std::string*> new_words_;  // keys of cache_ (stable addresses)
};

std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

std::uint64_t hash_of(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

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

// What is done with names: nothing, keep them for facets and display only
// (value slot), or also index them as search fields and exact terms.
enum class NameIndexing { kNone, kFacets, kFields };

// Whether a term feeds the spelling corrector: an unprefixed word of three
// or more bytes without digits (names included, numbers and stems not).
bool spelling_word(const std::string& term) {
  if (term.size() < 3 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  return term.find_first_of("0123456789") == std::string::npos;
}

// Adds (or removes) a document's words to the spelling data, each with its
// wdf, so the data always sums the words of the articles in the index.
void adjust_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc, bool add) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!spelling_word(term)) continue;
    if (add)
      db.add_spelling(term, t.get_wdf());
    else
      db.remove_spelling(term, t.get_wdf());
  }
}

// Removes the spelling data of the article with `id_term`, if the index holds it.
void remove_old_spellings(Xapian::WritableDatabase& db, const std::string& id_term) {
  const auto it = db.postlist_begin(id_term);
  if (it != db.postlist_end(id_term)) adjust_spellings(db, db.get_document(*it), false);
}

// The answer-type markers of a text (schema::kHasNumberTerm, kHasDateTerm).
void add_answer_markers(Xapian::Document& doc, const std::vector<Word>& ws) {
  bool number = false, date = false;
  for (const Word& w : ws) {
    const std::string_view t = w.text;
    if (t.empty()) continue;
    const bool digits = t.find_first_not_of("0123456789") == std::string_view::npos;
    number = number || (t[0] >= '0' && t[0] <= '9');
    date = date || (digits && t.size() == 4 && (t.starts_with("19") || t.starts_with("20"))) ||
           (!digits && t.size() >= 3 && month_from_name(t) != 0);
    if (number && date) break;
  }
  if (number) doc.add_boolean_term(str(schema::kHasNumberTerm));
  if (date) doc.add_boolean_term(str(schema::kHasDateTerm));
}

// One article made into a Xapian document, ready to be written.
struct Prepared {
  std::string id_term;
  Xapian::Document doc;
  std::vector<std::pair<std::string, std::string>> new_stems;  // word, stem
};

// What an analysis thread needs besides the article.
struct JobInfo {
  std::string signature;  // value of schema::kSignatureSlot
  std::string file_term;  // schema::kFilePrefix term of the article's file
};

// Analyses an article: words, terms, names, values and data. Runs on an
// analysis thread; touches no database.
Prepared prepare(const Article& a, const JobInfo& info, TermIndexer& ix, NameIndexing names_mode) {
  Prepared p;
  p.id_term = str(schema::kIdPrefix) + a.id;
  p.doc.add_boolean_term(info.file_term);
  p.doc.add_value(schema::kSignatureSlot, info.signature);
  Xapian::termpos pos = 0;
  // Title and body are split into words once, for terms and for names.
  const std::string title = normalize(a.title);
  const std::string body = normalize(a.body);
  const std::vector<Word> title_words = words(title);
  const std::vector<Word> body_words = words(body);
  ix.index(p.doc, tokens_from_words(title, title_words), schema::kTitlePrefix, schema::kTitleWdf,
           pos, true);
  pos += schema::kTitleBodyGap;
  ix.index(p.doc, tokens_from_words(body, body_words), "", 1, pos, true);
  add_answer_markers(p.doc, body_words);
  Xapian::termpos field_pos = 0;
  ix.index(p.doc, a.author, schema::kAuthorPrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.source, schema::kSourcePrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.category, schema::kCategoryPrefix, 1, field_pos, false);

  // Names: each in its field, with gaps so a phrase never spans two names;
  // the canonical form and every spelling found ("Kim Jong-un", "KCNA").
  const std::vector<Name> names =
      names_mode != NameIndexing::kNone
          ? NameExtractor::builtin().extract(title, title_words, body, body_words)
          : std::vector<Name>();
  std::string names_value;
  for (const Name& name : names) {
    names_value += name.type == NameType::kPerson ? 'p' : name.type == NameType::kPlace ? 'l' : 'o';
    names_value += '\t' + name.name + '\n';
    if (names_mode != NameIndexing::kFields) continue;
    std::string_view prefix = schema::kPersonPrefix, exact = schema::kPersonExactPrefix;
    if (name.type == NameType::kPlace)
      prefix = schema::kPlacePrefix, exact = schema::kPlaceExactPrefix;
    if (name.type == NameType::kOrganisation)
      prefix = schema::kOrgPrefix, exact = schema::kOrgExactPrefix;
    field_pos += kNameGap;
    ix.index(p.doc, name.name, prefix, 1, field_pos, false);
    for (const std::string& surface : name.surfaces) {
      // Only spellings with other words than the name's ("Cina" for China,
      // "KCNA"); "Kim Jong-un" and a short "Choe" add nothing.
      const std::string key = name_key(surface);
      bool other_words = false;
      for (const Token& t : tokenize(key))
        other_words =
            other_words || (" " + name.key + " ").find(" " + t.term + " ") == std::string::npos;
      if (!other_words) continue;
      field_pos += kNameGap;
      ix.index(p.doc, surface, prefix, 1, field_pos, false);
    }
    p.doc.add_boolean_term(str(exact) + name.key.substr(0, 200));
  }
  if (!names_value.empty()) p.doc.add_value(schema::kNamesSlot, names_value);

  p.doc.add_boolean_term(p.id_term);
  if (a.date) {
    const std::string ymd = a.date->compact();
    p.doc.add_boolean_term(str(schema::kYearPrefix) + ymd.substr(0, 4));
    p.doc.add_boolean_term(str(schema::kMonthPrefix) + ymd.substr(0, 6));
    p.doc.add_boolean_term(str(schema::kDayPrefix) + ymd);
    p.doc.add_value(schema::kDateSlot, ymd);
  }
  if (!a.source.empty()) p.doc.add_value(schema::kSourceSlot, a.source);
  p.doc.add_value(schema::kFieldsSlot, encode_fields(a));
  p.doc.set_data(a.body);
  ix.drain_new_stems([&](const std::string& word, const std::string& stem) {
    p.new_stems.emplace_back(word, stem);
  });
  return p;
}

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

// The identity of a file across runs: its absolute path with symbolic links
// of its directories resolved. Directories are resolved once each (a
// corpus is many files in few directories).
class FileIdentities {
 public:
  std::string operator()(const std::filesystem::path& file) {
    if (cwd_.empty()) cwd_ = std::filesystem::current_path();
    const std::filesystem::path absolute =
        (file.is_absolute() ? file : cwd_ / file).lexically_normal();
    const std::string parent = absolute.parent_path().string();
    auto it = dirs_.find(parent);
    if (it == dirs_.end()) {
      std::error_code ec;
      std::filesystem::path resolved = std::filesystem::weakly_canonical(parent, ec);
      it = dirs_.emplace(parent, ec ? parent : resolved.string()).first;
    }
    return (std::filesystem::path(it->second) / absolute.filename()).string();
  }

 private:
  std::filesystem::path cwd_;
  std::unordered_map<std::string, std::string> dirs_;
};

// The content of an article that the index shows or searches: its
// signature changes when any of it does (not with its line number).
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

// A file's signature, kept as one metadata entry per file:
//   key   "telusur.file." FILE_HASH " " SIZE " " MTIME_NS " " ARTICLES
//   value CONTENT_HASH "\n" PATH
// Size, mtime and the article count sit in the key, so one scan of the keys
// (no lookup per file) tells which files are unchanged. ARTICLES: how many
// of the index's articles came from the file.
struct FileSignature {
  std::string file_hash;  // hex of the path's hash, as in the kFilePrefix term
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t articles = 0;
  std::string content_hash;  // from the value: read on demand
  std::string path;          // from the value: read on demand

  std::string key() const {
    return str(schema::kMetaFilePrefix) + file_hash + " " + std::to_string(size) + " " +
           std::to_string(mtime_ns) + " " + std::to_string(articles);
  }
  std::string value() const { return content_hash + "\n" + path; }
  static std::optional<FileSignature> from_key(const std::string& key) {
    FileSignature s;
    std::istringstream in(key.substr(schema::kMetaFilePrefix.size()));
    if (!(in >> s.file_hash >> s.size >> s.mtime_ns >> s.articles)) return std::nullopt;
    return s;
  }
  void read_value(const std::string& value) {
    const std::size_t nl = value.find('\n');
    content_hash = value.substr(0, nl);
    path = nl == std::string::npos ? std::string() : value.substr(nl + 1);
  }
};

// Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(out).str();
}

// The index's write lock: a file in the index directory, locked with flock()
// (released by the kernel when the process ends, however it ends) and
// holding the pid of its holder for the error message of the next one.
class WriteLock {
 public:
  explicit WriteLock(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IndexError("cannot create index directory '" + dir + "': " + ec.message());
    const std::string path = (std::filesystem::path(dir) / kLockFile).string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw IndexError("cannot open the lock file of index '" + dir + "': " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int why = errno;
      char buf[32] = {};
      const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
      ::close(fd_);
      fd_ = -1;
      if (why == EWOULDBLOCK) {
        std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
        while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
        throw IndexError("index '" + dir + "' is locked by another telusur-index" +
                         (pid.empty() ? "" : " (pid " + pid + ")"));
      }
      throw IndexError("cannot lock index '" + dir + "': " + std::strerror(why));
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
      // The lock holds without the pid; the message of a second writer is less precise.
    }
  }
  ~WriteLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  static constexpr const char* kLockFile = "telusur-index.lock";

 private:
  int fd_ = -1;
};

// Exchanges two directories atomically (both must exist).
void exchange_dirs(const std::string& a, const std::string& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
    throw IndexError("cannot swap '" + a + "' into '" + b + "': " + std::strerror(errno));
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
  std::string stemmer_name;
  bool stem_table = false;  // the stemmer's words go in the index's metadata
  std::size_t batch_size = 0;
  std::size_t pending = 0;
  std::uint64_t written = 0;
  std::uint64_t final_count = 0;
  bool closed = false;
  RunCounts counts;

  std::unordered_set<std::string> ids_this_run;
  std::unordered_set<std::string> deleted_ids;  // deleted in this run
  std::unordered_set<std::string> files_seen;   // file hashes of files met in this run
  FileIdentities file_identity;
  // The file of the last file_changed().
  bool in_file = false;
  std::uint64_t file_articles = 0;  // read from it in this run
  // Its JSONL lines in the index: line hash -> document; loaded on demand.
  std::unordered_map<std::string, Xapian::docid> file_lines;
  bool file_lines_loaded = false;
  std::string line_hash;                          // of the line add() gets next
  std::unordered_set<Xapian::docid> seen_docids;  // skipped lines' documents
  std::string file_term;
  FileSignature file_signature;
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
  std::size_t chunk_size = 1000;
  std::unique_ptr<BulkBuilder> bulk;

  [[noreturn]] void fail(const std::string& what, const Xapian::Error& e) const {
    throw IndexError(what + " index '" + dir + "': " + e.get_msg() +
                     (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : ""));
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

  // The id of a document of the index.
  std::string id_of(Xapian::docid did) const {
    Xapian::TermIterator t = reader.termlist_begin(did);
    t.skip_to(str(schema::kIdPrefix));
    if (t == reader.termlist_end(did)) return {};
    const std::string term = *t;
    return term.rfind(schema::kIdPrefix, 0) == 0 ? term.substr(schema::kIdPrefix.size())
                                                 : std::string();
  }

  // Deletes the articles of the index filed under `term` that this run has
  // not added (unless keep_deleted). Returns how many there are.
  std::uint64_t delete_articles_of(const std::string& term) {
    if (!has_reader) return 0;
    std::vector<std::string> gone;
    for (auto it = reader.postlist_begin(term); it != reader.postlist_end(term); ++it) {
      if (seen_docids.count(*it)) continue;
      std::string id = id_of(*it);
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
    w.lock = std::make_unique<WriteLock>(dir);
    w.build_dir = w.rebuild ? dir + ".rebuild" : dir;
    if (w.rebuild) {
      std::error_code ec;
      std::filesystem::remove_all(w.build_dir, ec);  // a crashed rebuild's leftovers
    }
    w.db =
        Xapian::WritableDatabase(w.build_dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    check(w.db);
    w.bulk_mode = w.db.get_doccount() == 0;
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
  w.names = !options.extract_names ? NameIndexing::kNone
            : options.name_fields  ? NameIndexing::kFields
                                   : NameIndexing::kFacets;
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
  w.in_file = true;
  w.file_articles = 0;
  w.file_lines.clear();
  w.file_lines_loaded = false;
  w.line_hash.clear();
  w.file_term = str(schema::kFilePrefix) + hash;
  w.files_seen.insert(hash);
  w.file_signature = FileSignature{};
  w.file_signature.file_hash = hash;
  w.file_signature.path = path;
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) return true;
  w.file_signature.size = static_cast<std::uint64_t>(st.st_size);
  w.file_signature.mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  FileSignature* known = nullptr;
  try {
    w.load_known_files();
    if (auto it = w.known_files.find(hash); it != w.known_files.end()) known = &it->second;
    const auto unchanged = [&] {
      w.in_file = false;
      w.counts.unchanged += known->articles;
      return false;
    };
    if (known && known->size == w.file_signature.size &&
        known->mtime_ns == w.file_signature.mtime_ns)
      return unchanged();
    // Size or mtime differ (or the file is new): the content decides.
    const std::optional<std::string> bytes = slurp(file);
    if (!bytes) return true;
    w.file_signature.content_hash = hex64(hash_of(*bytes));
    if (known) {
      known->read_value(w.reader.get_metadata(known->key()));
      if (known->content_hash == w.file_signature.content_hash) {
        w.file_signature.articles = known->articles;
        w.record(w.file_signature);  // the new mtime
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
  if (w.in_file) ++w.file_articles;
  if (a.path != w.last_path) {
    w.last_path = a.path;
    w.last_file_hash = hex64(hash_of(w.file_identity(a.path)));
    w.last_file_term = str(schema::kFilePrefix) + w.last_file_hash;
  }
  const std::string signature =
      (w.line_hash.empty() ? hex64(article_hash(a)) : w.line_hash) + w.last_file_hash;
  w.line_hash.clear();
  const std::string id_term = str(schema::kIdPrefix) + a.id;
  bool known = false;
  try {
    if (w.has_reader) {
      Xapian::PostingIterator it = w.reader.postlist_begin(id_term);
      if (it != w.reader.postlist_end(id_term)) {
        known = true;
        // Its line was skipped as unchanged earlier in this run: a duplicate.
        if (w.seen_docids.count(*it)) {
          if (w.in_file) --w.file_articles;
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
      if (!w.bulk)
        w.bulk = std::make_unique<BulkBuilder>(w.dir + ".parts", w.threads, w.stemmer_name, w.names,
                                               w.stem_table, w.chunk_size);
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

bool IndexWriter::skip_line(std::string_view raw_line) {
  Impl& w = *impl_;
  w.line_hash = hex64(hash_of(raw_line));
  if (!w.in_file || !w.has_reader) return false;
  try {
    if (!w.file_lines_loaded) {
      w.file_lines_loaded = true;
      Xapian::ValueIterator v = w.reader.valuestream_begin(schema::kSignatureSlot);
      const Xapian::ValueIterator end = w.reader.valuestream_end(schema::kSignatureSlot);
      for (auto it = w.reader.postlist_begin(w.file_term); it != w.reader.postlist_end(w.file_term);
           ++it) {
        if (v == end) break;
        v.skip_to(*it);
        if (v == end) break;
        if (v.get_docid() == *it) w.file_lines.emplace((*v).substr(0, 16), *it);
      }
    }
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
  const auto it = w.file_lines.find(w.line_hash);
  if (it == w.file_lines.end() || !w.seen_docids.insert(it->second).second) return false;
  w.line_hash.clear();
  ++w.counts.unchanged;
  ++w.file_articles;
  return true;
}

void IndexWriter::end_file(bool complete) {
  Impl& w = *impl_;
  if (!w.in_file) return;
  w.in_file = false;
  if (!complete || w.file_signature.content_hash.empty()) return;
  try {
    const std::uint64_t gone = w.delete_articles_of(w.file_term);
    w.file_signature.articles = w.file_articles + (w.keep_deleted ? gone : 0);
  } catch (const Xapian::Error& e) {
    w.fail("cannot read", e);
  }
  w.record(w.file_signature);
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
    w.bulk.reset();
    {
      // Spelling data: every word of the collection once, with its
      // collection frequency (cheaper than word by word while building).
      Xapian::Database words;
      for (const std::string& part : parts) words.add_database(Xapian::Database(part));
      for (auto t = words.allterms_begin(); t != words.allterms_end(); ++t) {
        const std::string term = *t;
        if (spelling_word(term)) w.db.add_spelling(term, words.get_collection_freq(term));
      }
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
  std::filesystem::remove_all(w.dir + ".parts", ec);
  if (w.build_dir != w.dir) std::filesystem::remove_all(w.build_dir, ec);
  exchange_dirs(tmp, w.dir);
  std::filesystem::remove_all(tmp, ec);  // now the old (empty) index
  return true;
}

const RunCounts& IndexWriter::counts() const { return impl_->counts; }

std::uint64_t IndexWriter::document_count() const {
  if (impl_->closed) return impl_->final_count;
  if (impl_->bulk_mode) return impl_->counts.added;
  return impl_->dry_run ? (impl_->has_reader ? impl_->reader.get_doccount() : 0)
                        : impl_->db.get_doccount();
}

const std::string& IndexWriter::stemmer() const { return impl_->stemmer_name; }

}  // namespace telusur
