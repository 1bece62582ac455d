#include "searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <optional>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "dates.h"
#include "document.h"
#include "entity_facets.h"
#include "entity_index.h"
#include "entity_query.h"
#include "entity_table.h"
#include "query.h"
#include "rerank_features.h"
#include "rerank_model.h"
#include "questions.h"
#include "remote_shard.h"
#include "indonesian_stemmer.h"
#include "root_table.h"
#include "schema.h"
#include "snippet_window.h"
#include "stored_fields.h"
#include "spelling.h"
#include "status.h"
#include "stemmer.h"
#include "stopwords.h"
#include "text.h"
#include "weighting.h"
#include "word_vectors.h"

namespace telusur {
namespace {


// Whether a term is the stem of a word of any text: Z, then a lower-case
// letter or digit (not a field, id, date or name term).
bool is_text_stem(std::string_view term) {
  return term.size() > 2 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
}

// Undated articles sort after dated ones in both directions.
class DateKey : public Xapian::KeyMaker {
 public:
  explicit DateKey(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    const std::string v = doc.get_value(schema::kDateSlot);
    if (v.empty()) return newest_first_ ? std::string() : std::string("\xff");
    return v;
  }

 private:
  bool newest_first_;
};

void fill_stopper(Xapian::SimpleStopper& stopper) {
  for (const std::string& w : stopwords()) stopper.add(w);
}

// The stemmer an index names, without creating it when it is costly: the
// stem of every indexed word is recorded in the index (stem_table_key), so a
// query word is looked up; only a word the index has never seen is analysed,
// by the real stemmer, created on first need. With `fall_back` false an
// unseen word is its own stem (for snippets, whose words are all indexed
// except the odd token the snippet tokeniser cuts differently).
class LookupStemmer : public Xapian::StemImplementation {
 public:
  LookupStemmer(Xapian::Database db, std::string name, bool fall_back)
      : db_(std::move(db)), name_(std::move(name)), fall_back_(fall_back) {}

  // For snippets: only words holding one of `fragments` (term_fragments() of
  // the query's terms) may share a stem with the query and are looked up;
  // the others cannot match and stay as they are.
  void set_query_fragments(std::vector<std::string> fragments) {
    fragments_ = std::move(fragments);
    filter_ = true;
  }

  std::string operator()(const std::string& word) override {
    if (filter_) {
      bool candidate = false;
      for (const std::string& f : fragments_)
        if (word.find(f) != std::string::npos) {
          candidate = true;
          break;
        }
      if (!candidate) return word;
    }
    if (auto it = memo_.find(word); it != memo_.end()) return it->second;
    std::string stem = db_.get_metadata(stem_table_key(word));
    if (stem.empty()) stem = fall_back_ ? analyse(word) : word;
    return memo_.emplace(word, std::move(stem)).first->second;
  }
  std::string get_description() const override { return "lookup(" + name_ + ")"; }

  // Root-table look-ups made for unseen words so far.
  std::size_t root_lookups() const { return roots_ ? roots_->lookups() : 0; }

 private:
  // A word the index has never seen: the stemmer over the index's root
  // table, or (an index without one) over the whole dictionary, loaded.
  std::string analyse(const std::string& word) {
    if (!real_) {
      if (has_root_table(db_)) {
        roots_ = std::make_shared<IndexRootTable>(db_);
        real_ = std::make_unique<Xapian::Stem>(new IndonesianStemmer(roots_));
      } else {
        real_ = std::make_unique<Xapian::Stem>(make_stemmer(name_));
      }
    }
    return (*real_)(word);
  }

  Xapian::Database db_;
  std::string name_;
  bool fall_back_;
  std::shared_ptr<IndexRootTable> roots_;
  std::unique_ptr<Xapian::Stem> real_;
  std::unordered_map<std::string, std::string> memo_;
  std::vector<std::string> fragments_;
  bool filter_ = false;
};

// An alias group written "xalias:G" by the query front end: one
// OP_SYNONYM over the group's forms with each of `prefixes` (OR'ed when there
// are several), so Xapian weighs the group as one term. A one-word form is
// its stemmed Z-term (unstemmed in name fields, as indexed), a form of
// several words a phrase of its words.
class AliasProcessor : public Xapian::FieldProcessor {
 public:
  // Without `phrases`, forms of several words are left out (see
  // uses_collection_frequency()).
  AliasProcessor(std::vector<std::string> prefixes, bool stemmed, Xapian::Stem stem, bool phrases)
      : prefixes_(std::move(prefixes)), stemmed_(stemmed), stem_(std::move(stem)), phrases_(phrases) {}

  Xapian::Query operator()(const std::string& group) override {
    std::size_t g = 0;
    for (char c : group) g = c >= '0' && c <= '9' ? g * 10 + static_cast<std::size_t>(c - '0') : g;
    const std::vector<std::vector<std::string>>& forms = alias_forms(g);
    const bool phrases = phrases_ || std::none_of(forms.begin(), forms.end(),
                                                  [](const auto& f) { return f.size() == 1; });
    std::vector<Xapian::Query> per_prefix;
    for (const std::string& prefix : prefixes_) {
      std::vector<Xapian::Query> alternatives;
      for (const std::vector<std::string>& words : forms) {
        if (words.size() == 1) {
          const std::string& w = words[0];
          const bool stem = stemmed_ && !(w[0] >= '0' && w[0] <= '9');
          alternatives.emplace_back(stem ? str(schema::kStemPrefix) + prefix + stem_(w) : prefix + w);
          continue;
        }
        if (!phrases) continue;
        std::vector<Xapian::Query> terms;
        for (const std::string& w : words) terms.emplace_back(prefix + w);
        alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                  static_cast<Xapian::termcount>(terms.size()));
      }
      per_prefix.emplace_back(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
    }
    if (per_prefix.size() == 1) return per_prefix[0];
    return Xapian::Query(Xapian::Query::OP_OR, per_prefix.begin(), per_prefix.end());
  }

 private:
  std::vector<std::string> prefixes_;
  bool stemmed_;
  Xapian::Stem stem_;
  bool phrases_;
};


// The evidence for a question asking for a person, place or organisation:
// `weight` for an article whose names (the names value slot) hold one of that
// kind that the question does not name (some word of it is not among the
// question's words), 0 for the others.
class AnswerNameSource : public Xapian::ValuePostingSource {
 public:
  AnswerNameSource(char type, std::vector<std::string> question_words, double weight)
      : Xapian::ValuePostingSource(schema::kNamesSlot),
        type_(type),
        question_(std::move(question_words)),
        weight_(weight) {}

  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(weight_);
  }
  double get_weight() const override {
    return names_answer(get_value(), type_, question_) ? weight_ : 0.0;
  }
  AnswerNameSource* clone() const override {
    return new AnswerNameSource(type_, question_, weight_);
  }
  std::string name() const override { return "telusur::AnswerNameSource"; }

 private:
  char type_;
  std::vector<std::string> question_;
  double weight_;
};

// Whether a query is words combined by OR alone, whose count Xapian can only
// estimate without reading every posting: words, and phrases and alias
// groups (whose forms may be phrases) OR'ed with other words, and weights of
// them ("anak-anak", a phrase, in a title). A lone phrase or alias group is a
// selective query: not a disjunction.
bool is_disjunction_of_words(const Xapian::Query& q, bool among_others = false) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return true;
    case Xapian::Query::OP_PHRASE:
      return among_others;
    case Xapian::Query::OP_SCALE_WEIGHT:
      return is_disjunction_of_words(q.get_subquery(0), among_others);
    case Xapian::Query::OP_SYNONYM:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query sub = q.get_subquery(i);
        const bool phrase = sub.get_type() == Xapian::Query::OP_PHRASE;
        if (!(sub.get_type() == Xapian::Query::LEAF_TERM || (phrase && among_others)))
          return false;
      }
      return true;
    case Xapian::Query::OP_OR:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (!is_disjunction_of_words(q.get_subquery(i), true)) return false;
      return true;
    default:
      return false;
  }
}

std::string unescape_html(std::string_view s);

// The snippet of a hit's body: Xapian's, over the window of the body around
// the query's words (snippet_window.h), with the omission marks of the text
// left out around the window.
std::string snippet_of(const Xapian::MSet& mset, const std::string& body,
                       const std::vector<std::string>& fragments, std::size_t bytes,
                       const Xapian::Stem& stem) {
  static const std::string kOmit = "\xe2\x80\xa6";
  const TextWindow w = snippet_window(body, fragments, bytes);
  const std::string hs(1, kHighlightStart), he(1, kHighlightEnd);
  std::string s = mset.snippet(std::string(w.text), bytes, stem, 0, hs, he, kOmit);
  if (w.cut_start && !s.starts_with(kOmit)) s = kOmit + s;
  if (w.cut_end && !s.ends_with(kOmit)) s += kOmit;
  return unescape_html(s);
}

// Xapian's snippets escape &, < and > for HTML; Telusur prints plain text.
std::string unescape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool done = false;
      for (const auto& [entity, ch] : kEntities) {
        if (s.substr(i).starts_with(entity)) {
          out += ch;
          i += entity.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i] == '\n' ? ' ' : s[i];
  }
  // Paragraph breaks become double spaces: collapse them.
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  return collapsed;
}


}  // namespace

namespace {

// "k=v,k=v" into pairs; throws Error naming `what` and the bad item.
std::vector<std::pair<std::string, double>> key_values(std::string_view text, const char* what) {
  std::vector<std::pair<std::string, double>> out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string item(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const std::size_t eq = item.find('=');
    char* end = nullptr;
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    const double v = std::strtod(value.c_str(), &end);
    if (eq == std::string::npos || value.empty() || end != value.c_str() + value.size() ||
        !std::isfinite(v) || v < 0)
      throw Error(std::string(what) + ": expected NAME=NUMBER (>= 0), not '" + item + "'");
    out.emplace_back(item.substr(0, eq), v);
  }
  return out;
}

}  // namespace

namespace {

// One NAME of a "NAME=NUMBER,..." setting and what it sets.
struct Setting {
  const char* name;
  std::function<void(double)> set;
};

// Applies "NAME=NUMBER,..." to `settings`; throws Error naming `what` and the
// unknown or bad item.
void apply(std::string_view text, const char* what, const std::vector<Setting>& settings) {
  for (const auto& [k, v] : key_values(text, what)) {
    const auto it = std::find_if(settings.begin(), settings.end(),
                                 [&](const Setting& s) { return k == s.name; });
    if (it == settings.end()) {
      std::string known;
      for (const Setting& s : settings) known += std::string(known.empty() ? "" : ", ") + s.name;
      throw Error(std::string(what) + ": unknown setting '" + k + "' (" + known + ")");
    }
    try {
      it->set(v);
    } catch (const Error& e) {
      throw Error(std::string(what) + ": " + k + ": " + e.what());
    }
  }
}

std::function<void(double)> count_of(std::size_t& n) {
  return [&n](double v) { n = static_cast<std::size_t>(v); };
}
std::function<void(double)> weight_of(double& w, double max = HUGE_VAL) {
  return [&w, max](double v) {
    if (v > max) throw Error("must be at most " + std::to_string(static_cast<int>(max)));
    w = v;
  };
}

}  // namespace

void set_field_weights(SearchOptions& o, std::string_view text) {
  apply(text, "--field-weights", {{"title", weight_of(o.title_weight)}, {"body", weight_of(o.body_weight)}});
}

void set_prf(SearchOptions& o, std::string_view text) {
  o.prf_terms = 10;
  o.prf_docs = 10;
  apply(text, "--prf",
        {{"terms", count_of(o.prf_terms)}, {"docs", count_of(o.prf_docs)}, {"weight", weight_of(o.prf_weight)}});
}

void set_sdm(SearchOptions& o, std::string_view text) {
  o.sdm = true;
  apply(text, "--sdm",
        {{"words", weight_of(o.sdm_words)},
         {"ordered", weight_of(o.sdm_ordered)},
         {"unordered", weight_of(o.sdm_unordered)}});
}

void set_rm3(SearchOptions& o, std::string_view text) {
  o.rm3_docs = 10;
  o.rm3_terms = 10;
  apply(text, "--rm3",
        {{"docs", count_of(o.rm3_docs)},
         {"terms", count_of(o.rm3_terms)},
         {"weight", weight_of(o.rm3_query_weight, 1)}});
}

std::string strip_marks(std::string_view marked) {
  std::string out;
  out.reserve(marked.size());
  for (char c : marked)
    if (c != kHighlightStart && c != kHighlightEnd) out += c;
  return out;
}

struct Searcher::Impl {
  std::string dir;
  Xapian::Database db;
  Searcher::OpenOptions open_options;
  std::vector<std::string> warnings;  // shards left out
  bool remote = false;                // some shard is remote
  std::string stemmer_name;
  Xapian::Stem stemmer;                     // for queries
  Xapian::Stem snippet_stemmer;             // for snippets (never creates the real stemmer)
  LookupStemmer* snippet_lookup = nullptr;  // snippet_stemmer's, when it looks stems up
  LookupStemmer* query_lookup = nullptr;    // stemmer's, when it looks stems up
  Xapian::SimpleStopper stopper;
  std::unique_ptr<WordVectors> vectors;  // null: none, or stale
  // The entity table, read at the first query that needs it.
  mutable std::optional<EntityTable> entities;
  mutable std::size_t entity_loads = 0;
  // The facet row of each name met so far (with `entities`).
  std::optional<FacetRows> facet_rows;

  void forget_entities() {
    facet_rows.reset();
    entities.reset();
  }

  const EntityTable& entity_table() const {
    if (!entities) {
      entities = read_entity_table(db, false);
      ++entity_loads;
    }
    return *entities;
  }

  std::optional<std::string> entity_code(std::string_view field, std::string_view value) const {
    return telusur::entity_code(entity_table(), field, value);
  }

  // The index's word vectors (word_vectors.h), when it has them and they
  // describe the index as it is; a warning when they are stale or damaged.
  void open_vectors() {
    vectors.reset();
    std::error_code ec;
    if (std::filesystem::exists(dir + "/XAPIANDB", ec)) return;
    const std::string path = dir + "/" + std::string(kVectorsFile);
    try {
      std::unique_ptr<WordVectors> v = WordVectors::open(path);
      if (!v) return;
      if (v->uuid() != db.get_uuid() || v->revision() != db.get_revision()) {
        warnings.push_back("the word vectors '" + path +
                           "' are older than the index, so the reranker's vector features are "
                           "off: run telusur-index --vectors --index " + dir + " PATH...");
        return;
      }
      vectors = std::move(v);
    } catch (const Error& e) {
      warnings.push_back(std::string(e.what()) + "; the reranker's vector features are off");
    }
  }

  // The stemmers for queries and snippets; lookup stemmers read `db`.
  void make_stemmers() {
    query_lookup = snippet_lookup = nullptr;
    if (stemmer_uses_lookup_table(stemmer_name)) {
      query_lookup = new LookupStemmer(db, stemmer_name, true);
      stemmer = Xapian::Stem(query_lookup);
      snippet_lookup = new LookupStemmer(db, stemmer_name, false);
      snippet_stemmer = Xapian::Stem(snippet_lookup);
    } else {
      try {
        stemmer = make_stemmer(stemmer_name);
      } catch (const Error& e) {
        throw IndexError("index '" + dir + "': " + e.what());
      }
      snippet_stemmer = stemmer;
    }
  }

  // Articles like the article `id`: the 40 most distinctive stems it shares
  // with other articles (Xapian's expand set with the article as the
  // relevance set), OR'ed, the article itself left out. Throws QueryError when no article has that
  // id.
  Xapian::Query like(const std::string& id) {
    const std::string id_term = str(schema::kIdPrefix) + id;
    const auto it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term)) throw QueryError("no article with id '" + id + "'");
    Xapian::RSet rset;
    rset.add_document(*it);
    // Stems the article shares with at least one other article (a word of
    // its own alone finds nothing).
    struct Shared : Xapian::ExpandDecider {
      explicit Shared(const Xapian::Database& d) : db(d) {}
      bool operator()(const std::string& t) const override {
        return is_text_stem(t) && db.get_termfreq(t) >= 2;
      }
      const Xapian::Database& db;
    } shared(db);
    Xapian::Enquire enquire(db);
    const Xapian::ESet eset = enquire.get_eset(40, rset, &shared);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(id_term));
  }

  // Groups the ranked articles of `mset` into stories: an article joins the
  // earlier group whose first article is most like it, if that is the same
  // story: their dates, when both have one, at most kStoryDays apart, and the
  // Jaccard similarity of their sets of stems (stopwords and numbers left
  // out) at least kStorySimilarity when they name a person in common, else
  // at least kNearDuplicate. Else it starts a group. Groups keep rank order.
  std::vector<std::vector<Xapian::doccount>> stories(const Xapian::MSet& mset) {
    static constexpr double kStorySimilarity = 0.15;  // with a person in common
    static constexpr double kNearDuplicate = 0.5;     // without
    static constexpr int kStoryDays = 3;
    struct Features {
      std::vector<std::string> stems;    // sorted
      std::vector<std::string> persons;  // sorted
      int day = -1;                      // days since 1970, -1 undated
    };
    std::vector<Features> features;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Features f;
      for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
        const std::string term = *t;
        if (term.size() < 4 || !is_text_stem(term)) continue;
        const std::string stem = term.substr(1);
        if (stopper(stem) || stem.find_first_of("0123456789") != std::string::npos) continue;
        f.stems.push_back(stem);
      }
      const Xapian::Document doc = it.get_document();
      const std::string names = doc.get_value(schema::kNamesSlot);  // outlives the views
      for (const StoredName& n : decode_names(names))
        if (n.type == kPersonLetter) f.persons.emplace_back(n.name);
      std::sort(f.persons.begin(), f.persons.end());
      if (const auto d = parse_compact_date(doc.get_value(schema::kDateSlot)))
        f.day = std::chrono::sys_days(d->ymd()).time_since_epoch().count();
      features.push_back(std::move(f));
    }
    // The similarity of two articles' stories; 0 when dated too far apart.
    const auto similarity = [&](const Features& a, const Features& b) {
      if (a.day >= 0 && b.day >= 0 && std::abs(a.day - b.day) > kStoryDays) return 0.0;
      std::size_t shared = 0;
      for (std::size_t i = 0, j = 0; i < a.stems.size() && j < b.stems.size();) {
        const int c = a.stems[i].compare(b.stems[j]);
        shared += c == 0;
        i += c <= 0;
        j += c >= 0;
      }
      const std::size_t all = a.stems.size() + b.stems.size() - shared;
      const double jaccard = all > 0 ? static_cast<double>(shared) / static_cast<double>(all) : 0.0;
      std::vector<std::string> people;
      std::set_intersection(a.persons.begin(), a.persons.end(), b.persons.begin(), b.persons.end(),
                            std::back_inserter(people));
      return jaccard >= (people.empty() ? kNearDuplicate : kStorySimilarity) ? jaccard : 0.0;
    };
    std::vector<std::vector<Xapian::doccount>> groups;
    for (Xapian::doccount i = 0; i < features.size(); ++i) {
      std::size_t best = groups.size();
      double best_similarity = kStorySimilarity;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const double s = similarity(features[groups[g][0]], features[i]);
        if (s >= best_similarity) best = g, best_similarity = s;
      }
      if (best < groups.size())
        groups[best].push_back(i);
      else
        groups.push_back({i});
    }
    return groups;
  }

  // The `n` best articles for `query`, ranked by `weight` through `enquire`
  // (feedback's first pass; ties by docid).
  static Xapian::MSet top_articles(Xapian::Enquire& enquire, const Xapian::Query& query,
                                   const Xapian::Weight& weight, std::size_t n) {
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    return enquire.get_mset(0, static_cast<Xapian::doccount>(n));
  }

  // Pseudo-relevance feedback: the best `prf_terms` stems of the top
  // `prf_docs` articles (Xapian's expand set over them as the relevance set),
  // OR'ed to the query with weight `prf_weight`.
  Xapian::Query expand(const Xapian::Query& query, const Xapian::Weight& weight,
                       const SearchOptions& o) {
    Xapian::Enquire enquire(db);
    const Xapian::MSet top = top_articles(enquire, query, weight, o.prf_docs);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    struct Stems : Xapian::ExpandDecider {
      bool operator()(const std::string& t) const override { return is_text_stem(t); }
    } stems;
    const Xapian::ESet eset =
        enquire.get_eset(static_cast<Xapian::termcount>(o.prf_terms), rset, &stems);
    if (eset.empty()) return query;
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    return Xapian::Query(
        Xapian::Query::OP_OR, query,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                      o.prf_weight));
  }

  Xapian::doccount matches_to_check(const Xapian::Query& query, const SearchOptions& o) const;

  // The steps of one search (defined below search()).
  Xapian::Query build_query(const SearchOptions& o, const Xapian::Weight& weight);
  Hit make_hit(const Xapian::MSet& mset, const Xapian::MSetIterator& it, std::size_t rank,
               const std::vector<std::string>& fragments, const SearchOptions& o) const;
  void collect_hits(SearchResults& r, const Xapian::MSet& mset, const Xapian::Query& query,
                    const std::vector<std::string>& fragments, bool rerank,
                    Xapian::doccount limit, const SearchOptions& o);
  static void facet_results(const EntityFacetSpy& spy, const SearchOptions& o, SearchResults& r);
  SearchResults search_attempt(const SearchOptions& o);

  struct Spelling {
    std::string suggestion;
    SpellingWork work;
  };
  std::optional<Xapian::Database> spelling_db;  // used by spelling look-ups alone
  std::future<Spelling> start_spelling(const SearchOptions& o);
  Xapian::Database* spelling_handle();

  // The query's words as the indexer makes them (tokenize(), case-folded).
  static std::vector<std::string> query_words(const SearchOptions& o) {
    std::vector<std::string> out;
    for (const Token& t : tokenize(normalize(o.query))) out.push_back(t.term);
    return out;
  }

  // The plain words of a query, stopwords left out, for proximity pairs:
  // empty when the query has syntax (operators, fields, quotes, wildcards).
  std::vector<std::string> plain_words(const SearchOptions& o) const {
    const std::string text = normalize(o.query);
    if (!o.free_text) {
      if (text.find_first_of(":\"()*+") != std::string::npos) return {};
      for (const Word& w : words(text))
        if (is_query_operator(w.text)) return {};
      if (text.find(" -") != std::string::npos || text.starts_with("-")) return {};
    }
    std::vector<std::string> out;
    for (const Token& t : tokenize(text))
      if (!stopper(t.term) && !(o.questions && is_question_word(t.term))) out.push_back(t.term);
    return out;
  }

  // The sequential-dependence model over `query` (see SearchOptions::sdm);
  // unprefixed words search `prefix`.
  Xapian::Query sdm(const Xapian::Query& query, const SearchOptions& o, const std::string& prefix) {
    const std::vector<std::string> w = plain_words(o);
    std::vector<Xapian::Query> ordered, unordered;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      const Xapian::Query pair[] = {Xapian::Query(prefix + w[i]), Xapian::Query(prefix + w[i + 1])};
      ordered.emplace_back(Xapian::Query::OP_PHRASE, pair, pair + 2, 2);
      unordered.emplace_back(Xapian::Query::OP_NEAR, pair, pair + 2, 8);
    }
    Xapian::Query out(Xapian::Query::OP_SCALE_WEIGHT, query, o.sdm_words);
    if (ordered.empty()) return out;
    const Xapian::Query parts[] = {
        out,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, ordered.begin(), ordered.end()),
                      o.sdm_ordered),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, unordered.begin(), unordered.end()),
                      o.sdm_unordered)};
    return Xapian::Query(Xapian::Query::OP_OR, parts, parts + 3);
  }

  // RM3: the relevance model of the top `rm3_docs` articles (a stem's share
  // of each article's text stems, weighted by the article's score, summed),
  // its best `rm3_terms` stems scaled to sum 1 and weighted 1 - w, beside the
  // query weighted w per query term.
  Xapian::Query rm3(const Xapian::Query& query, const Xapian::Weight& weight,
                    const SearchOptions& o) {
    Xapian::Enquire enquire(db);
    const Xapian::MSet top = top_articles(enquire, query, weight, o.rm3_docs);
    if (top.empty()) return query;
    double total_score = 0;
    for (auto it = top.begin(); it != top.end(); ++it) total_score += it.get_weight();
    std::unordered_map<std::string, double> model;
    for (auto it = top.begin(); it != top.end(); ++it) {
      std::vector<std::pair<std::string, double>> stems;
      double length = 0;
      for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
        const std::string term = *t;
        if (!is_text_stem(term) || stopper(term.substr(1))) continue;
        stems.emplace_back(term, t.get_wdf());
        length += t.get_wdf();
      }
      const double doc_weight = total_score > 0 ? it.get_weight() / total_score : 1.0;
      for (const auto& [term, wdf] : stems) model[term] += doc_weight * wdf / length;
    }
    std::vector<std::pair<std::string, double>> best(model.begin(), model.end());
    std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (best.size() > o.rm3_terms) best.resize(o.rm3_terms);
    double sum = 0;
    for (const auto& b : best) sum += b.second;
    if (best.empty() || sum <= 0) return query;
    std::vector<Xapian::Query> terms;
    for (const auto& [term, p] : best)
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                         (1 - o.rm3_query_weight) * p / sum);
    const auto query_terms = static_cast<double>(
        std::max<std::ptrdiff_t>(1, std::distance(query.get_unique_terms_begin(),
                                                  query.get_unique_terms_end())));
    return Xapian::Query(
        Xapian::Query::OP_OR,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, o.rm3_query_weight / query_terms),
        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }

  // The answer-type evidence of a question (SearchOptions::questions), or
  // nothing when the query asks for no type.
  std::optional<Xapian::Query> answer_evidence(const SearchOptions& o) const {
    const Question q = read_question(query_words(o));
    if (const char letter = answer_name_letter(q.type))
      return Xapian::Query((new AnswerNameSource(letter, q.words, o.answer_weight))->release());
    if (const std::string_view marker = answer_marker(q.type); !marker.empty())
      return Xapian::Query(Xapian::Query::OP_FILTER,
                           Xapian::Query((new Xapian::FixedWeightPostingSource(o.answer_weight))
                                             ->release()),
                           Xapian::Query(str(marker)));
    return std::nullopt;
  }

  // The reranker's features of every article of `mset` (rerank_features.h).
  std::vector<float> features(const Xapian::MSet& mset, const Xapian::Query& query,
                              const SearchOptions& o) const {
    RerankQuery q;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
      if (is_text_stem(*t)) q.stems.push_back(*t);
    q.words = plain_words(o);
    const std::vector<std::string> words = query_words(o);
    q.question = read_question(words);
    for (const std::string& w : words)
      if (!stopper(w) && !is_question_word(w)) q.vector_words.push_back(w);
    std::vector<Xapian::docid> docs;
    std::vector<double> scores;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      docs.push_back(*it);
      scores.push_back(it.get_weight());
    }
    return rerank_features(db, q, docs, scores, o.vector_features ? vectors.get() : nullptr);
  }

  // The reranker's order of `mset` (indexes into it, best first; ties in
  // the first-stage order) and its score of each.
  std::pair<std::vector<std::size_t>, std::vector<float>> rerank(const Xapian::MSet& mset,
                                                                 const Xapian::Query& query,
                                                                 const SearchOptions& o) const {
    const std::vector<float> scores =
        o.reranker->predict(features(mset, query, o), rerank_feature_names().size());
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return {order, scores};
  }

  [[noreturn]] void fail(const Xapian::Error& e) const {
    throw IndexError("index '" + dir + "': " + describe(e));
  }

  // A query parser that stems, stops and combines words as the index needs.
  Xapian::QueryParser parser(const SearchOptions& o) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&stopper);
    qp.set_default_op(o.match_all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    return qp;
  }

  // Alias groups ("xalias:G", "xalias" FIELD ":G") as one synonym each;
  // unprefixed ones search `prefix`.
  void add_alias_fields(Xapian::QueryParser& qp, const std::string& prefix, const SearchOptions& o) {
    const bool phrases = !uses_collection_frequency(o.weighting);
    qp.add_prefix(str(kAliasField),
                  (new AliasProcessor({prefix}, true, stemmer, phrases))->release());
    for (const QueryField& f : free_text_fields()) {
      std::vector<std::string> prefixes;
      for (std::string_view p : f.prefixes) prefixes.push_back(str(p));
      qp.add_prefix(str(kAliasField) + str(f.name),
                    (new AliasProcessor(std::move(prefixes), !is_name_field(f), stemmer, phrases))
                        ->release());
    }
  }

  // The query; unprefixed words search `prefix` ("" all text, "S" titles).
  Xapian::Query parse(const SearchOptions& o, const std::string& prefix = std::string()) {
    if (o.free_text || (o.questions && !plain_words(o).empty())) {
      // The words as the indexer made them, joined by spaces: nothing left
      // for the parser to read as syntax but the alias groups.
      std::vector<std::string> terms = query_words(o);
      if (o.questions) terms = read_question(terms).words;
      std::string words;
      for (const std::string& t : terms) words += (words.empty() ? "" : " ") + t;
      Xapian::QueryParser qp = parser(o);
      add_alias_fields(qp, prefix, o);
      try {
        return qp.parse_query(mark_aliases(words), 0, prefix);
      } catch (const Xapian::QueryParserError& e) {
        throw QueryError("query: " + e.get_msg());
      }
    }
    const std::string rewritten = rewrite_query(
        o.query, [this](std::string_view field, std::string_view value) {
          return entity_code(field, value);
        });
    Xapian::QueryParser qp = parser(o);
    add_alias_fields(qp, prefix, o);
    for (const QueryField& f : free_text_fields()) {
      if (!is_name_field(f) || rewritten.find(kEntityField) == std::string::npos) continue;
      std::vector<std::string> prefixes;
      for (std::string_view p : f.prefixes) prefixes.push_back(str(p));
      qp.add_prefix(str(kEntityField) + str(f.name),
                    (new EntityProcessor(entity_table(), std::move(prefixes)))->release());
    }
    for (const QueryField& f : free_text_fields())
      for (std::string_view prefix : f.prefixes) qp.add_prefix(str(f.name), str(prefix));
    qp.add_boolean_prefix("year", str(schema::kYearPrefix));
    Xapian::RangeProcessor dates(schema::kDateSlot, "date:");
    qp.add_rangeprocessor(&dates);
    // Wildcards expand to at most this many terms (the most frequent ones).
    qp.set_max_expansion(500, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_WILDCARD);
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    try {
      return qp.parse_query(rewritten, flags, prefix);
    } catch (const Xapian::QueryParserError& e) {
      throw QueryError("query syntax: " + e.get_msg());
    }
  }
};

namespace {

// Opens an index: a plain database, or the shards a stub XAPIANDB lists
// (opened here, not by Xapian, to bound remote timeouts and to allow partial
// answers). Appends a warning for each shard left out.
Xapian::Database open_index(const std::string& dir, const Searcher::OpenOptions& o,
                            std::vector<std::string>& warnings, bool& remote) {
  remote = false;
  const std::string stub = dir + "/XAPIANDB";
  std::error_code ec;
  if (!std::filesystem::exists(stub, ec)) return Xapian::Database(dir);
  std::ifstream in(stub);
  Xapian::Database all;
  // The local meta database first: its metadata (schema, stemmer, stems),
  // spelling data and synonyms are what remote shards cannot serve; it holds
  // no articles, so it changes no statistics.
  if (std::filesystem::exists(dir + "/meta/iamglass", ec))
    all.add_database(Xapian::Database(dir + "/meta"));
  std::size_t opened = 0, line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const std::string l(trim(line));
    if (l.empty() || l[0] == '#') continue;
    const std::size_t sp = l.find(' ');
    const std::string kind = l.substr(0, sp);
    const std::string arg(sp == std::string::npos ? "" : trim(std::string_view(l).substr(sp + 1)));
    try {
      if (kind == "auto" || kind == "glass") {
        const std::string path = !arg.empty() && arg[0] == '/' ? arg : dir + "/" + arg;
        all.add_database(Xapian::Database(path));
      } else if (kind == "remote") {
        RemoteShard shard;
        try {
          shard = parse_remote_shard(arg);
        } catch (const Error& e) {
          throw IndexError("stub '" + stub + "' line " + std::to_string(line_no) + ": " + e.what());
        }
        if (shard.tcp) {
          if (const auto address = public_address(shard.host))
            warnings.push_back("shard '" + l + "' of '" + dir + "' is reached over plain TCP at " +
                               "the public address " + *address +
                               ": xapian-tcpsrv lets anyone who reaches its port read the "
                               "shard; serve it on a private interface or over ssh "
                               "(docs/shards.md)");
          all.add_database(
              Xapian::Remote::open(shard.host, shard.port, o.timeout_ms, o.connect_timeout_ms));
        } else {
          all.add_database(Xapian::Remote::open(shard.program, shard.args, o.timeout_ms));
        }
        remote = true;
      } else {
        throw IndexError("stub '" + stub + "' line " + std::to_string(line_no) +
                         ": unknown kind '" + kind + "' (auto, remote)");
      }
      ++opened;
    } catch (const Xapian::Error& e) {
      const std::string what =
          "shard '" + l + "' of '" + dir + "' is unavailable: " + describe(e);
      if (!o.allow_partial) throw IndexError(what);
      warnings.push_back(what);
    }
  }
  if (opened == 0) throw IndexError("no shard of '" + dir + "' could be opened");
  return all;
}

}  // namespace

Searcher::Searcher(const std::string& dir) : Searcher(dir, OpenOptions()) {}

const std::vector<std::string>& Searcher::warnings() const { return impl_->warnings; }

Searcher::Searcher(const std::string& dir, const OpenOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->open_options = options;
  impl_->dir = dir;
  fill_stopper(impl_->stopper);
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec))
    throw IndexError("no index at '" + dir + "': build one with: telusur-index --index " + dir +
                     " PATH...");
  try {
    impl_->db = open_index(dir, options, impl_->warnings, impl_->remote);
    const std::string schema = impl_->db.get_metadata(str(schema::kMetaSchema));
    if (schema != schema::kSchemaVersion)
      throw IndexError("'" + dir + "' is not a Telusur index of schema version " +
                       str(schema::kSchemaVersion) +
                       (schema.empty() ? "" : " (it has version " + schema + ")") +
                       ": rebuild it with: telusur-index --rebuild --index " + dir + " PATH...");
    impl_->stemmer_name = impl_->db.get_metadata(str(schema::kMetaStemmer));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError("cannot open index '" + dir + "': " + e.get_msg() +
                     ": build one with: telusur-index --index " + dir + " PATH...");
  } catch (const Xapian::Error& e) {
    impl_->fail(e);
  }
  const std::vector<std::string> known = stemmer_names();
  if (std::find(known.begin(), known.end(), impl_->stemmer_name) == known.end())
    throw IndexError("index '" + dir + "' was built with stemmer '" + impl_->stemmer_name +
                     "', which this telusur does not have");
  impl_->make_stemmers();
  try {
    if (!impl_->remote) impl_->open_vectors();
  } catch (const Xapian::Error& e) {
    impl_->fail(e);
  }
}

Searcher::~Searcher() = default;

std::uint64_t Searcher::document_count() const { return impl_->db.get_doccount(); }

std::vector<std::string> Searcher::ids() const {
  std::vector<std::string> out;
  const std::string prefix(schema::kIdPrefix);
  try {
    for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t)
      out.push_back((*t).substr(prefix.size()));
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the ids of the index: " + e.get_msg());
  }
  return out;
}

std::vector<Entity> Searcher::entities() const {
  try {
    return read_entity_table(impl_->db, true).entities();
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the entities of the index: " + describe(e));
  }
}

const std::string& Searcher::stemmer() const { return impl_->stemmer_name; }

SearchResults Searcher::search(const SearchOptions& o) {
  const std::size_t loads = dictionary_stemmers_made();
  const std::size_t entity_loads = impl_->entity_loads;
  const std::size_t names_read = impl_->facet_rows ? impl_->facet_rows->documents_read() : 0;
  const auto roots = [&] { return impl_->query_lookup ? impl_->query_lookup->root_lookups() : 0; };
  const std::size_t root_lookups = roots();
  SearchResults r = search_spelt(o);
  r.work.dictionary_loads = dictionary_stemmers_made() - loads;
  r.work.entity_table_loads = impl_->entity_loads - entity_loads;
  const std::size_t read_after = impl_->facet_rows ? impl_->facet_rows->documents_read() : 0;
  r.work.names_values_read = read_after >= names_read ? read_after - names_read : read_after;
  const std::size_t now = roots();  // a reopened index has new stemmers
  r.work.root_lookups = now >= root_lookups ? now - root_lookups : now;
  return r;
}

SearchResults Searcher::search_spelt(const SearchOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  std::future<Impl::Spelling> spelling;
  if (o.spelling && !o.free_text && o.like.empty()) spelling = impl_->start_spelling(o);
  SearchResults r = search_once(o);
  if (spelling.valid()) {
    Impl::Spelling s = spelling.get();
    r.suggestion = std::move(s.suggestion);
    r.work.spelling_lookups += s.work.lookups;
  }
  r.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (o.auto_correct && !r.any_match && !r.suggestion.empty()) {
    SearchOptions corrected = o;
    corrected.query = r.suggestion;
    SearchResults c = search_once(corrected);
    c.suggestion = r.suggestion;
    c.corrected = true;
    c.elapsed_ms += r.elapsed_ms;
    c.work.spelling_lookups += r.work.spelling_lookups;
    return c;
  }
  return r;
}

// The spelling look-ups of a query, started before its search: the words to
// look up are found by their frequencies here (cheap); the look-ups (costly)
// run on another thread with a database handle of their own, beside the
// search, or after it for remote shards. No future: nothing to look up.
std::future<Searcher::Impl::Spelling> Searcher::Impl::start_spelling(const SearchOptions& o) {
  SpellingPlan plan;
  SpellingWork work;
  try {
    const std::uint64_t trusted =
        o.spelling_trusted ? o.spelling_trusted : trusted_frequency(db.get_doccount());
    plan = plan_spelling(db, stopper, o.query, trusted, work);
  } catch (const Xapian::Error&) {
    return {};  // no suggestion is better than a failed search
  }
  if (plan.words.empty()) return {};
  Xapian::Database* handle = spelling_handle();
  const auto look_up = [handle](SpellingPlan p) {
    Spelling s;
    try {
      s.suggestion = suggest_spelling(*handle, p, s.work);
    } catch (const Xapian::Error&) {
      s.suggestion.clear();
    }
    return s;
  };
  return std::async(handle == &db ? std::launch::deferred : std::launch::async, look_up,
                    std::move(plan));
}

// The database handle spelling look-ups use: a second one, opened on first
// need and brought to the latest revision, so they can run beside a search;
// the search's own (looked up after it) for remote shards or when the second
// cannot be opened.
Xapian::Database* Searcher::Impl::spelling_handle() {
  if (remote) return &db;
  try {
    if (!spelling_db) {
      std::vector<std::string> ignored;
      bool is_remote = false;
      spelling_db = open_index(dir, open_options, ignored, is_remote);
    } else {
      spelling_db->reopen();
    }
    return &*spelling_db;
  } catch (const Xapian::Error&) {
    spelling_db.reset();
    return &db;
  }
}

// How many matches Xapian checks before it may stop early (its count is
// exact when it checks them all). Every match is checked on a small index
// and with the timeline (it counts all matches); facets count at least
// SearchOptions::facet_sample matches (0: all). Beyond that, an OR of words is
// cheap to rank but costly to count (every posting of every word): its count
// stays an estimate between bounds. Anything else (phrases, fields, AND,
// filters) has an estimate that can be off many times over, and is counted
// exactly up to SearchOptions::exact_count_limit.
Xapian::doccount Searcher::Impl::matches_to_check(const Xapian::Query& query,
                                                   const SearchOptions& o) const {
  const Xapian::doccount all = db.get_doccount();
  const auto limit = static_cast<Xapian::doccount>(
      std::min<std::uint64_t>(o.exact_count_limit, std::numeric_limits<Xapian::doccount>::max()));
  if (o.timeline || (o.facets && o.facet_sample == 0) || all <= limit) return all;
  const Xapian::doccount checked = is_disjunction_of_words(query) ? 0 : limit;
  if (!o.facets) return checked;
  return std::max(checked, static_cast<Xapian::doccount>(std::min<std::size_t>(o.facet_sample, all)));
}

// The query of `o` with everything the options add: field weights, the
// date filter, proximity, answer evidence and feedback (which run first
// searches with `weight`).
Xapian::Query Searcher::Impl::build_query(const SearchOptions& o, const Xapian::Weight& weight) {
  Xapian::Query query = o.like.empty() ? parse(o) : like(o.like);
  if (o.title_weight > 0 || o.body_weight != 1) {
    // Field weights: the words against all text, and again against titles.
    query = Xapian::Query(
        Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, o.body_weight),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parse(o, str(schema::kTitlePrefix)),
                      o.title_weight));
  }
  if (o.dates.bounded()) {
    const std::string& lo = o.dates.from;
    const std::string& hi = o.dates.to;
    const Xapian::Query dates =
        hi.empty()   ? Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo)
        : lo.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                                     std::string("0"), hi)
                     : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, dates);
  }
  if (o.sdm) query = sdm(query, o, std::string());
  if (o.questions && o.answer_weight > 0)
    if (const auto evidence = answer_evidence(o))
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, *evidence);
  if (o.prf_docs > 0 && o.prf_terms > 0) query = expand(query, weight, o);
  if (o.rm3_docs > 0 && o.rm3_terms > 0) query = rm3(query, weight, o);
  return query;
}

// A hit of `mset`: its stored fields and, with snippets, its snippet and
// marked title.
Hit Searcher::Impl::make_hit(const Xapian::MSet& mset, const Xapian::MSetIterator& it,
                             std::size_t rank, const std::vector<std::string>& fragments,
                             const SearchOptions& o) const {
  const Xapian::Document doc = it.get_document();
  const StoredFields f = decode_fields(doc.get_value(schema::kFieldsSlot));
  Hit h;
  h.rank = rank;
  h.score = it.get_weight();
  h.id = f.id;
  h.title = f.title;
  h.title_derived = f.title_derived;
  if (!f.date.empty()) h.date = f.date;
  h.source = f.source;
  h.author = f.author;
  h.dateline = f.dateline;
  h.category = f.category;
  h.url = f.url;
  h.path = f.location();
  h.title_marked = h.title;
  if (o.hit_entities) h.entities = entities_of(entity_table(), doc);
  if (o.snippet_bytes > 0) {
    const std::string hs(1, kHighlightStart), he(1, kHighlightEnd);
    const std::string body = doc.get_data();
    h.snippet = snippet_of(mset, body, fragments, o.snippet_bytes, snippet_stemmer);
    h.title_marked = unescape_html(
        mset.snippet(h.title, h.title.size() + 1, snippet_stemmer, 0, hs, he, ""));
    if (strip_marks(h.title_marked) != h.title) h.title_marked = h.title;
  }
  return h;
}

// The hits of `mset` into `r`: reranked, in the match's order, or grouped
// into stories; `limit` hits (stories) after the offset.
void Searcher::Impl::collect_hits(SearchResults& r, const Xapian::MSet& mset,
                                  const Xapian::Query& query,
                                  const std::vector<std::string>& fragments, bool rerank,
                                  Xapian::doccount limit, const SearchOptions& o) {
  if (rerank) {
    r.reranked = true;
    const auto [order, scores] = this->rerank(mset, query, o);
    for (std::size_t k = o.offset; k < order.size() && r.hits.size() < limit; ++k) {
      Hit h = make_hit(mset, mset[static_cast<Xapian::doccount>(order[k])], k + 1, fragments, o);
      h.score = scores[order[k]];
      r.hits.push_back(std::move(h));
    }
  } else if (!o.group) {
    std::size_t rank = o.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      r.hits.push_back(make_hit(mset, it, ++rank, fragments, o));
    if (o.rerank_features) r.features = features(mset, query, o);
  } else {
    const std::vector<std::vector<Xapian::doccount>> groups = stories(mset);
    for (std::size_t g = o.offset; g < groups.size() && r.hits.size() < limit; ++g) {
      Hit h = make_hit(mset, mset[groups[g][0]], g + 1, fragments, o);
      for (std::size_t k = 1; k < groups[g].size(); ++k)
        h.similar.push_back(article_id(db, *mset[groups[g][k]]));
      r.hits.push_back(std::move(h));
    }
    r.groups = groups.size();
    r.grouped = true;
  }
}

// The facets of `r` from `spy`: exact when the spy saw every match, else
// each count scaled from the matches it saw to the estimated matches.
void Searcher::Impl::facet_results(const EntityFacetSpy& spy, const SearchOptions& o,
                                   SearchResults& r) {
  r.facets_counted = spy.documents();
  const std::uint64_t matches = std::max<std::uint64_t>(r.matches_estimated, r.facets_counted);
  r.facets_exact = r.matches_exact && r.facets_counted >= matches;
  const double scale =
      r.facets_exact || r.facets_counted == 0 ? 1 : static_cast<double>(matches) / r.facets_counted;
  r.persons = spy.top(kPersonLetter, o.facets, scale);
  r.places = spy.top(kPlaceLetter, o.facets, scale);
  r.organisations = spy.top(kOrgLetter, o.facets, scale);
}

// One search, start to end: build the query, run it (sorted, counted,
// faceted as asked), decode the hits. Xapian errors propagate.
SearchResults Searcher::Impl::search_attempt(const SearchOptions& o) {
  SearchResults r;
  std::unique_ptr<Xapian::Weight> weight;
  try {
    weight = make_weight(o.weighting);
  } catch (const Error& e) {
    throw QueryError(e.what());
  }
  const Xapian::Query query = build_query(o, *weight);
  r.parsed = query.get_description();
  r.weighting = describe_weighting(o.weighting);
  const std::vector<std::string> fragments =
      o.snippet_bytes > 0 ? term_fragments(std::vector<std::string>(
                                query.get_unique_terms_begin(), query.get_unique_terms_end()))
                          : std::vector<std::string>();
  if (snippet_lookup && o.snippet_bytes > 0) snippet_lookup->set_query_fragments(fragments);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(*weight);
  // Ties in score (and in date) are broken by document id: deterministic.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  DateKey key(o.sort == SortOrder::kNewest);
  if (o.sort != SortOrder::kRelevance && remote)
    // Xapian's remote backend runs no KeyMaker: the date value as it is
    // (undated articles come first with --sort oldest).
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, o.sort == SortOrder::kNewest);
  else if (o.sort != SortOrder::kRelevance)
    enquire.set_sort_by_key_then_relevance(&key, o.sort == SortOrder::kNewest);
  const Xapian::doccount limit = static_cast<Xapian::doccount>(std::min<std::size_t>(o.limit, 100000));
  std::optional<EntityFacetSpy> spy;
  if (o.facets && remote)
    throw QueryError(
        "--facets does not work with remote shards: Xapian's remote server cannot run "
        "Telusur's name counter");
  // Facets and the timeline count every matching article, not an estimate.
  if (o.facets) {
    if (!facet_rows) facet_rows.emplace(entity_table());
    enquire.add_matchspy(&spy.emplace(*facet_rows));
  }
  std::optional<Xapian::ValueCountMatchSpy> days;
  if (o.timeline) enquire.add_matchspy(&days.emplace(schema::kDateSlot));
  // With --group, hits are stories: candidates (five per hit asked for)
  // are grouped, and the offset and limit count groups. The reranker
  // orders the rerank_depth best.
  const bool rerank = o.reranker && !o.group && o.sort == SortOrder::kRelevance;
  const Xapian::doccount first = o.group || rerank ? 0 : static_cast<Xapian::doccount>(o.offset);
  const Xapian::doccount wanted =
      o.group ? static_cast<Xapian::doccount>(std::min<std::size_t>((o.offset + limit) * 5, 2000))
      : rerank ? static_cast<Xapian::doccount>(std::max(o.rerank_depth, o.offset + limit))
               : limit;
  const Xapian::MSet mset = enquire.get_mset(first, wanted, matches_to_check(query, o));
  r.matches_estimated = mset.get_matches_estimated();
  r.matches_lower = mset.get_matches_lower_bound();
  r.matches_upper = mset.get_matches_upper_bound();
  r.matches_exact = r.matches_lower == r.matches_upper;
  if (r.matches_exact) r.matches_estimated = r.matches_lower;
  if (o.facets) facet_results(*spy, o, r);
  r.any_match = !mset.empty() || mset.get_matches_lower_bound() > 0;
  if (o.timeline) {
    std::map<std::string, std::uint64_t> per_day;
    std::uint64_t dated = 0;
    for (auto v = days->values_begin(); v != days->values_end(); ++v) {
      per_day[*v] += v.get_termfreq();
      dated += v.get_termfreq();
    }
    r.timeline = timeline_bins(per_day, *o.timeline);
    r.undated = r.matches_lower > dated ? r.matches_lower - dated : 0;
  }
  collect_hits(r, mset, query, fragments, rerank, limit, o);
  return r;
}

SearchResults Searcher::search_once(const SearchOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  SearchResults r;
  for (int attempt = 0;; ++attempt) {
    try {
      r = impl_->search_attempt(o);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      // An indexer committed while we read: reopen at the new revision and retry.
      if (attempt >= 3)
        throw IndexError("index '" + impl_->dir + "' keeps changing under the search; try again");
      impl_->db.reopen();
      impl_->forget_entities();
    } catch (const Xapian::DatabaseError& e) {
      // An indexer swapped a new index in (compaction, --rebuild) while we
      // opened the old one's files: open the directory afresh and retry.
      if (attempt >= 3) impl_->fail(e);
      try {
        impl_->warnings.clear();
        impl_->db = open_index(impl_->dir, impl_->open_options, impl_->warnings, impl_->remote);
        impl_->forget_entities();
      } catch (const Xapian::Error&) {
        impl_->fail(e);
      }
      impl_->make_stemmers();
    } catch (const Xapian::Error& e) {
      impl_->fail(e);
    }
  }
  r.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace telusur
