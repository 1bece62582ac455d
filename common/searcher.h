// Searching an index built by IndexWriter: query parsing (through the query
// front end), ranking (BM25), sorting, paging and snippets.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "entities.h"
#include "query.h"
#include "timeline.h"
#include "weighting_spec.h"

namespace telusur {

class RerankModel;

enum class SortOrder { kRelevance, kNewest, kOldest };

// Marks around highlighted words in Hit::snippet and Hit::title_marked.
inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

// Matches counted exactly, at least (see SearchResults::matches_exact).
inline constexpr std::uint64_t kExactCountLimit = 10000;

struct SearchOptions {
  std::string query;       // as the user typed it (see query.h)
  bool match_all = false;  // default operator AND instead of OR
  std::size_t limit = 10;  // hits to return
  std::size_t offset = 0;  // hits to skip
  SortOrder sort = SortOrder::kRelevance;
  // Length of the snippet to aim for; 0: no snippets (Hit::snippet empty,
  // Hit::title_marked the plain title), for callers that print none.
  std::size_t snippet_bytes = 240;
  // When non-zero: count the entities of all matching articles and return
  // the this many most frequent persons, places and organisations.
  std::size_t facets = 0;
  // With facets: count the entities of at least this many matches (Xapian
  // checks the matches in document order; the counts of a larger match set
  // are scaled to it: SearchResults::facets_exact is false). 0: every match.
  std::size_t facet_sample = 5000;
  // Each hit's entities (Hit::entities).
  bool hit_entities = false;
  // The ranking scheme (weighting_spec.h), parsed when the options are
  // read: parse_weighting("lm-dirichlet:mu=1000").
  WeightingSpec weighting = default_weighting();
  // The query is plain text (a topic): its words only, no operators, fields,
  // quotes or wildcards, so it is never a syntax error.
  bool free_text = false;
  // Field weights: the query's words are matched against all text (title
  // and body) with weight `body_weight` and, when `title_weight` > 0, also
  // against titles alone with that weight. Defaults: 1 and 0 (all text once).
  double body_weight = 1;
  double title_weight = 0;
  // Pseudo-relevance feedback when both are > 0: the `prf_terms` best stems
  // of the `prf_docs` top articles are added to the query with `prf_weight`.
  std::size_t prf_docs = 0;
  std::size_t prf_terms = 0;
  double prf_weight = 0.5;
  // Proximity: a sequential-dependence model (Metzler and Croft, SIGIR 2005)
  // when `sdm`: the query weighted sdm_words, OR'ed with its ordered pairs of
  // adjacent words (a phrase, window 2) weighted sdm_ordered and unordered
  // pairs (window 8) weighted sdm_unordered. Pairs come from a query of
  // plain words (a topic, or a query without operators, fields or quotes),
  // stopwords and question words left out.
  bool sdm = false;
  double sdm_words = 0.85;
  double sdm_ordered = 0.1;
  double sdm_unordered = 0.05;
  // Questions (questions.h) when `questions`: interrogatives are no search
  // terms, and an article that holds an answer of the kind asked for (a
  // person, place or organisation the question does not name, a date, a
  // number) gets `answer_weight` more.
  bool questions = false;
  double answer_weight = 1.0;
  // RM3 (Abdul-Jaleel et al., TREC 2004, as in Anserini) when both are > 0:
  // a relevance model of the `rm3_docs` top articles (each stem's share of
  // an article, weighted by the article's score), its `rm3_terms` best stems
  // interpolated with the query, which keeps `rm3_query_weight`.
  std::size_t rm3_docs = 0;
  std::size_t rm3_terms = 0;
  double rm3_query_weight = 0.5;
  // A learned reranker (rerank_model.h): the `rerank_depth` best articles
  // of the ranking above are scored again by the model, which orders them
  // (Hit::score is its score).
  std::shared_ptr<const RerankModel> reranker;
  std::size_t rerank_depth = 100;
  // Also return each hit's reranker features (SearchResults::features), to
  // train a model.
  bool rerank_features = false;
  // The reranker's vector features, from the index's word vectors
  // (word_vectors.h); false, or an index without current vectors, makes
  // them 0.
  bool vector_features = true;
  // Spelling: a corrected query (SearchResults::suggestion) for words the
  // index lacks or holds rarely. With auto_correct, a query that matches
  // nothing is searched again as corrected.
  bool spelling = true;
  bool auto_correct = false;
  // Matches counted exactly at least, for queries other than an OR of words
  // (see SearchResults::matches_exact).
  std::uint64_t exact_count_limit = kExactCountLimit;
  // The frequency from which a query word is taken as correctly spelt and
  // not looked up (see spelling.h); 0: trusted_frequency() of the index.
  std::uint64_t spelling_trusted = 0;
  // When set, `query` is ignored and the articles most like the article with
  // this id are returned (not the article itself).
  std::string like;
  // Group the same story told by several articles into one hit (the best
  // ranked; Hit::similar lists the others); offset and limit count groups.
  bool group = false;
  // Only articles dated within `dates` (resolved from the options' text by
  // resolve_date_bounds); undated articles are left out when it is bounded.
  DateBounds dates;
  // Also count the matching articles per period (SearchResults::timeline),
  // exactly: every match is read.
  std::optional<TimelinePeriod> timeline;
};

// Sets field weights from "title=W,body=W" (either may be left out). Throws
// Error naming the bad item.
void set_field_weights(SearchOptions& options, std::string_view text);

// Sets pseudo-relevance feedback from "terms=N,docs=N[,weight=W]" (defaults
// terms 10, docs 10, weight 0.5). Throws Error naming the bad item.
void set_prf(SearchOptions& options, std::string_view text);

// Sets the sequential-dependence model on, with "words=W,ordered=W,unordered=W"
// (any may be left out; defaults 0.85, 0.1, 0.05). Throws Error naming the bad item.
void set_sdm(SearchOptions& options, std::string_view text);

// Sets RM3 from "docs=N,terms=N,weight=W" (defaults 10, 10, 0.5). Throws
// Error naming the bad item.
void set_rm3(SearchOptions& options, std::string_view text);

// One name and the number of matching articles that mention it.
// One entity of a facet (entities.h): its canonical name, the matching
// articles that name it under any variant, its id and its variants.
struct Facet {
  std::string name;
  std::uint64_t count = 0;
  std::string id;
  std::vector<std::string> variants;
};

// An entity a hit names (SearchOptions::hit_entities).
struct HitEntity {
  char type = 0;     // kPersonLetter, kPlaceLetter, kOrgLetter (document.h)
  std::string id;    // entity_id()
  std::string name;  // canonical
};

struct Hit {
  std::size_t rank = 0;  // 1-based, counting the offset
  std::string id;
  double score = 0;  // BM25 weight
  std::string title;
  std::string title_marked;  // title with kHighlightStart/kHighlightEnd marks
  bool title_derived = false;
  std::optional<std::string> date;  // ISO, absent when the article has none
  std::string source;
  std::string author;
  std::string dateline;
  std::string category;
  std::string url;
  std::string path;                  // file (and line for JSONL) the article came from
  std::string snippet;               // body text around the matches, with highlight marks
  std::vector<std::string> similar;  // with SearchOptions::group: the story's other articles
  std::vector<HitEntity> entities;   // with SearchOptions::hit_entities, as the article lists them
};

// What a search did, counted: the work that must stay off the hot path
// (tests assert these counts; benchmarks time them).
struct SearchWork {
  std::size_t spelling_lookups = 0;  // look-ups in Xapian's spelling table
  std::size_t dictionary_loads = 0;  // times the whole root dictionary was needed
  std::size_t root_lookups = 0;      // words analysed through the index's root table
  std::size_t entity_table_loads = 0;  // times the index's entity table was read
  std::size_t names_values_read = 0;   // articles whose names the facet counter read
};

struct SearchResults {
  std::vector<Hit> hits;
  // The number of matching articles: exact (matches_exact; then all three
  // are equal) or Xapian's estimate between its bounds. Queries other than
  // an OR of words are counted exactly up to SearchOptions::exact_count_limit
  // matches, every query on an index of at most that many articles.
  std::uint64_t matches_estimated = 0;
  std::uint64_t matches_lower = 0;
  std::uint64_t matches_upper = 0;
  bool matches_exact = false;
  bool any_match = false;      // at least one article matched (even past the offset)
  std::string parsed;          // Xapian's description of the parsed query
  std::string weighting;       // the scheme with all its parameters ("bm25:k1=1,...")
  bool reranked = false;       // the learned reranker ordered the hits
  // With SearchOptions::timeline: the dated matches per period, every period
  // from the first to the last; and the undated matches, counted apart (the
  // counts and `undated` sum to the matches).
  std::vector<TimelineBin> timeline;
  std::uint64_t undated = 0;
  std::string suggestion;      // the corrected query ("Did you mean"), empty when none
  bool corrected = false;      // auto_correct searched `suggestion` instead of the query
  bool grouped = false;        // SearchOptions::group was asked for
  std::size_t groups = 0;      // with it: stories among the candidates
  std::vector<Facet> persons;  // with SearchOptions::facets, most frequent first
  std::vector<Facet> places;
  std::vector<Facet> organisations;
  // With facets: the matches whose entities were counted, and whether they
  // were all of them (else each count is scaled by matches / counted).
  std::uint64_t facets_counted = 0;
  bool facets_exact = true;
  SearchWork work;
  // With SearchOptions::rerank_features: rerank_feature_names().size()
  // floats per hit, hit after hit.
  std::vector<float> features;
  double elapsed_ms = 0;
};

// Opens an index read-only. Not thread-safe; cheap to create per query.
class Searcher {
 public:
  // Throws IndexError when there is no index at `dir` (the message says how
  // to build one), it cannot be opened, or its schema or stemmer is unknown.
  explicit Searcher(const std::string& dir);

  // How to open a sharded index whose stub lists remote shards.
  struct OpenOptions {
    // Open what answers and warn (warnings()) about a shard that does not,
    // instead of failing.
    bool allow_partial = false;
    // Remote shards: connecting, and each exchange, give up after these.
    unsigned connect_timeout_ms = 2000;
    unsigned timeout_ms = 10000;
  };
  // Opens `dir`: a plain index, or a directory whose stub XAPIANDB lists
  // shards, one per line: "auto PATH" (local, relative to `dir`),
  // "remote :HOST:PORT" (a shard served by xapian-tcpsrv) or "remote PROGRAM
  // ARGS" (Xapian's program backend: "remote ssh HOST xapian-progsrv PATH";
  // remote_shard.h). Throws IndexError naming a shard that cannot be opened
  // (unless allow_partial); warns (warnings()) of a TCP shard at a public
  // address.
  Searcher(const std::string& dir, const OpenOptions& options);

  // Shards left out by allow_partial, and TCP shards at public addresses:
  // one message each.
  const std::vector<std::string>& warnings() const;
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs a query. Throws QueryError for a malformed query (the message names
  // the problem and its position) and IndexError for a failing index.
  SearchResults search(const SearchOptions& options);

  std::uint64_t document_count() const;

  // The index's entities (entities.h), most articles first; empty for an
  // index built before entities were kept. Throws IndexError.
  std::vector<Entity> entities() const;

  // The id of every article in the index, sorted. Throws IndexError.
  std::vector<std::string> ids() const;
  const std::string& stemmer() const;

 private:
  struct Impl;
  SearchResults search_spelt(const SearchOptions& options);  // with the suggestion
  SearchResults search_once(const SearchOptions& options);
  std::unique_ptr<Impl> impl_;
};

// Removes highlight marks from a marked string.
std::string strip_marks(std::string_view marked);

}  // namespace telusur
