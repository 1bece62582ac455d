#include "index_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "names.h"
#include "schema.h"
#include "status.h"
#include "stemmer.h"
#include "text.h"

namespace telusur {
namespace {

std::string str(std::string_view s) { return std::string(s); }

// Positions between two names in a name field.
constexpr Xapian::termpos kNameGap = 10;

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

std::string document_data(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["title"] = a.title;
  j["title_derived"] = a.title_derived;
  j["date"] = a.date ? nlohmann::ordered_json(a.date->iso()) : nlohmann::ordered_json(nullptr);
  j["source"] = a.source;
  j["author"] = a.author;
  j["dateline"] = a.dateline;
  j["category"] = a.category;
  j["url"] = a.url;
  j["path"] = a.path;
  j["line"] = a.line;
  j["body"] = a.body;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Installs the one-word names of each alias group as Xapian synonyms of each
// other, for free text and the name fields, so "Tiongkok" also finds "Cina"
// and "China" (the query parser expands with FLAG_AUTO_SYNONYMS).
void install_alias_synonyms(Xapian::WritableDatabase& db, Xapian::Stem stem) {
  for (const auto& group : NameExtractor::builtin().alias_groups()) {
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
}

// One article made into a Xapian document, ready to be written.
struct Prepared {
  std::string id_term;
  Xapian::Document doc;
  std::vector<std::pair<std::string, std::string>> new_stems;  // word, stem
};

// Analyses an article: words, terms, names, values and data. Runs on an
// analysis thread; touches no database.
Prepared prepare(const Article& a, TermIndexer& ix, bool extract_names) {
  Prepared p;
  p.id_term = str(schema::kIdPrefix) + a.id;
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
  Xapian::termpos field_pos = 0;
  ix.index(p.doc, a.author, schema::kAuthorPrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.source, schema::kSourcePrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.category, schema::kCategoryPrefix, 1, field_pos, false);

  // Names: each in its field, with gaps so a phrase never spans two names;
  // the canonical form and every spelling found ("Kim Jong-un", "KCNA").
  const std::vector<Name> names =
      extract_names ? NameExtractor::builtin().extract(title, title_words, body, body_words)
                    : std::vector<Name>();
  std::string names_value;
  for (const Name& name : names) {
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
    names_value += name.type == NameType::kPerson ? 'p' : name.type == NameType::kPlace ? 'l' : 'o';
    names_value += '\t' + name.name + '\n';
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
  p.doc.set_data(document_data(a));
  ix.drain_new_stems([&](const std::string& word, const std::string& stem) {
    p.new_stems.emplace_back(word, stem);
  });
  return p;
}

// Analysis threads: articles in, documents out (as futures, so the writer
// takes them in the order they were added). Each thread has its own
// TermIndexer, stemmer and stem cache (a Xapian::Stem is not thread-safe).
class AnalysisPool {
 public:
  // Throws Error for an unknown stemmer.
  AnalysisPool(std::size_t threads, const std::string& stemmer, bool extract_names) {
    std::vector<Xapian::Stem> stems;
    for (std::size_t i = 0; i < threads; ++i) stems.push_back(make_stemmer(stemmer));
    for (std::size_t i = 0; i < threads; ++i)
      threads_.emplace_back([this, stem = stems[i], extract_names] {
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
            job.done.set_value(prepare(job.article, ix, extract_names));
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

  std::future<Prepared> submit(const Article& article) {
    Job job{article, {}};
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
    std::promise<Prepared> done;
  };
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

struct IndexWriter::Impl {
  std::string dir;
  Xapian::WritableDatabase db;
  std::string stemmer_name;
  bool stem_table = false;  // the stemmer's words go in the index's metadata
  std::unordered_set<std::string> ids_this_run;
  std::size_t batch_size = 0;
  std::size_t pending = 0;
  std::uint64_t added = 0;
  std::uint64_t final_count = 0;
  bool closed = false;
  // Articles being analysed, oldest first, with their ids; at most `window`.
  std::deque<std::pair<std::string, std::future<Prepared>>> in_flight;
  std::size_t window = 0;
  std::vector<std::pair<std::string, std::string>> new_stems;  // for the next commit
  std::unique_ptr<AnalysisPool> pool;                          // last: its threads stop first

  [[noreturn]] void fail(const std::string& what, const Xapian::Error& e) const {
    throw IndexError(what + " index '" + dir + "': " + e.get_msg() +
                     (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : ""));
  }

  // Writes the oldest article in flight (waiting for its analysis).
  void write_next() {
    auto [id, future] = std::move(in_flight.front());
    in_flight.pop_front();
    try {
      Prepared p = future.get();
      if (stem_table)
        new_stems.insert(new_stems.end(), std::make_move_iterator(p.new_stems.begin()),
                         std::make_move_iterator(p.new_stems.end()));
      db.replace_document(p.id_term, p.doc);
    } catch (const Xapian::Error& e) {
      fail("cannot add article " + id + " to", e);
    }
    ++added;
    if (++pending >= batch_size) commit();
  }

  // Writes everything in flight and commits it, with the stems of its words,
  // so the searcher can look them up instead of loading the stemmer's dictionary.
  void commit() {
    while (!in_flight.empty()) write_next();
    try {
      for (const auto& [word, stem] : new_stems) db.set_metadata(stem_table_key(word), stem);
      new_stems.clear();
      db.commit();
      pending = 0;
    } catch (const Xapian::Error& e) {
      fail("cannot commit", e);
    }
  }
};

IndexWriter::IndexWriter(const std::string& dir, const WriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->dir = dir;
  impl_->batch_size = options.batch_size == 0 ? 1 : options.batch_size;
  const Xapian::Stem stem = make_stemmer(options.stemmer);  // validates the name
  try {
    const int flags =
        (options.rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
        Xapian::DB_BACKEND_GLASS;
    impl_->db = Xapian::WritableDatabase(dir, flags);
    const std::string schema = impl_->db.get_metadata(str(schema::kMetaSchema));
    const std::string stemmer = impl_->db.get_metadata(str(schema::kMetaStemmer));
    if (impl_->db.get_doccount() > 0 || !schema.empty()) {
      if (schema != schema::kSchemaVersion)
        throw IndexError("index '" + dir + "' has schema version '" + schema +
                         "', this telusur-index writes version " + str(schema::kSchemaVersion) +
                         ": run again with --rebuild");
      if (stemmer != options.stemmer)
        throw IndexError("index '" + dir + "' was built with stemmer '" + stemmer + "', not '" +
                         options.stemmer + "': run again with --rebuild to change it");
    }
    impl_->db.set_metadata(str(schema::kMetaSchema), str(schema::kSchemaVersion));
    impl_->db.set_metadata(str(schema::kMetaStemmer), options.stemmer);
    impl_->db.set_metadata(str(schema::kMetaVersion), TELUSUR_VERSION);
    install_alias_synonyms(impl_->db, Xapian::Stem(stem));
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("index '" + dir +
                     "' is locked by another telusur-index (or another Xapian writer)");
  } catch (const Xapian::Error& e) {
    impl_->fail("cannot open", e);
  }
  impl_->stemmer_name = options.stemmer;
  impl_->stem_table = stemmer_uses_lookup_table(options.stemmer);
  const std::size_t threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  impl_->window = 4 * threads + 16;
  impl_->pool = std::make_unique<AnalysisPool>(threads, options.stemmer, options.extract_names);
}

IndexWriter::~IndexWriter() {
  if (!impl_ || impl_->closed) return;
  try {
    impl_->commit();
  } catch (...) {
    // Reported by an explicit commit(); nothing useful to do in a destructor.
  }
}

bool IndexWriter::add(const Article& a) {
  if (!impl_->ids_this_run.insert(a.id).second) return false;
  impl_->in_flight.emplace_back(a.id, impl_->pool->submit(a));
  while (impl_->in_flight.size() > impl_->window) impl_->write_next();
  return true;
}

void IndexWriter::commit() { impl_->commit(); }

bool IndexWriter::finish() {
  commit();
  const std::uint64_t total = impl_->db.get_doccount();
  impl_->final_count = total;
  const bool fresh = total >= kMinDocsToCompact && impl_->added * 2 >= total;
  try {
    impl_->db.close();
  } catch (const Xapian::Error& e) {
    impl_->fail("cannot close", e);
  }
  impl_->closed = true;
  if (!fresh) return false;
  const std::string tmp = impl_->dir + ".compacting";
  std::error_code ec;
  std::filesystem::remove_all(tmp, ec);
  try {
    Xapian::Database(impl_->dir)
        .compact(tmp, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(tmp, ec);
    impl_->fail("cannot compact", e);
  }
  if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, impl_->dir.c_str(), RENAME_EXCHANGE) != 0) {
    const std::string why = std::strerror(errno);
    std::filesystem::remove_all(tmp, ec);
    throw IndexError("cannot swap in the compacted index '" + impl_->dir + "': " + why);
  }
  std::filesystem::remove_all(tmp, ec);  // now the uncompacted copy
  return true;
}

std::uint64_t IndexWriter::document_count() const {
  return impl_->closed ? impl_->final_count : impl_->db.get_doccount();
}

const std::string& IndexWriter::stemmer() const { return impl_->stemmer_name; }

}  // namespace telusur
