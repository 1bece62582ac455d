// Integration tests of the query path on the seed corpus: alias groups
// weighted as one term, the work a search does (counted, not timed), and
// match counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "index_command.h"
#include "searcher.h"
#include "seed_fixture.h"
#include "test_util.h"

namespace telusur {
namespace {

using testing::TempDir;

// The seed corpus, indexed once for every test here.
class SeedQueries : public SeedIndexFixture {
 protected:
  static SearchResults search(const std::string& query, std::size_t limit = 10) {
    Searcher s(db_);
    SearchOptions o;
    o.query = query;
    o.limit = limit;
    return s.search(o);
  }
  // id -> score of every hit.
  static std::map<std::string, double> ranking(const std::string& query) {
    std::map<std::string, double> out;
    for (const Hit& h : search(query).hits) out[h.id] = h.score;
    return out;
  }
  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
      ++n;
    return n;
  }

};

// Facets read each matching article's names once per searcher: a second
// facet query over the same articles reads none, and gives the same rows.
TEST_F(SeedQueries, FacetsReadEachArticlesNamesOnce) {
  Searcher s(db_);
  SearchOptions o;
  o.query = "korea";
  o.facets = 5;
  const SearchResults first = s.search(o);
  EXPECT_EQ(first.work.names_values_read, 5u);  // the five matching articles
  EXPECT_EQ(first.work.entity_table_loads, 1u);
  const SearchResults again = s.search(o);
  EXPECT_EQ(again.work.names_values_read, 0u);
  EXPECT_EQ(again.work.entity_table_loads, 0u);
  ASSERT_EQ(again.persons.size(), first.persons.size());
  for (std::size_t i = 0; i < first.persons.size(); ++i) {
    EXPECT_EQ(again.persons[i].name, first.persons[i].name);
    EXPECT_EQ(again.persons[i].count, first.persons[i].count);
  }
  o.query = "china";  // articles met before: none read again
  EXPECT_EQ(s.search(o).work.names_values_read, 0u);
  o.facets = 0;
  EXPECT_EQ(s.search(o).work.names_values_read, 0u);
}

// --facet-sample: the counts of every match when the index is small or the
// sample 0; with a sample smaller than the matches, at least the sample is
// counted, and the counts are those of the counted matches scaled to all.
TEST_F(SeedQueries, FacetSampleCountsAtLeastTheSampleAndSaysSo) {
  Searcher s(db_);
  SearchOptions o;
  o.query = "korea";
  o.facets = 20;
  o.facet_sample = 0;
  const SearchResults all = s.search(o);
  EXPECT_TRUE(all.facets_exact);
  EXPECT_EQ(all.facets_counted, 5u);
  ASSERT_FALSE(all.persons.empty());
  o.facet_sample = 5000;  // more than the index holds: every match, exact
  const SearchResults big = s.search(o);
  EXPECT_TRUE(big.facets_exact);
  ASSERT_EQ(big.persons.size(), all.persons.size());
  for (std::size_t i = 0; i < all.persons.size(); ++i)
    EXPECT_EQ(big.persons[i].count, all.persons[i].count) << all.persons[i].name;
  // A sample of 2 with counts exact up to 1 match: Xapian checks at least 2
  // (it may check more); whatever it counted, the output is consistent.
  o.facet_sample = 2;
  o.exact_count_limit = 1;
  o.limit = 1;
  const SearchResults part = s.search(o);
  EXPECT_GE(part.facets_counted, 2u);
  EXPECT_LE(part.facets_counted, 5u);
  EXPECT_EQ(part.facets_exact, part.facets_counted == 5u && part.matches_exact);
  if (part.facets_exact) {
    ASSERT_EQ(part.persons.size(), all.persons.size());
    for (std::size_t i = 0; i < all.persons.size(); ++i)
      EXPECT_EQ(part.persons[i].count, all.persons[i].count);
  } else {
    for (const Facet& f : part.persons) EXPECT_LE(f.count, part.matches_estimated) << f.name;
  }
}

// Every form of a group is one OP_SYNONYM, each form once, multi-word forms
// as phrases inside it: the forms give the same query and the same ranking.
TEST_F(SeedQueries, AliasGroupIsOneSynonym) {
  const std::string as = search("AS").parsed;
  EXPECT_EQ(search("Amerika Serikat").parsed, as);
  EXPECT_EQ(search("USA").parsed, as);
  EXPECT_EQ(count(as, "SYNONYM"), 4u) << as;  // five forms
  EXPECT_EQ(count(as, "Zusa"), 1u) << as;
  EXPECT_EQ(count(as, "(amerika PHRASE 2 serikat)"), 1u) << as;
  EXPECT_EQ(ranking("AS"), ranking("Amerika Serikat"));
  EXPECT_EQ(ranking("AS"), ranking("usa"));

  const std::string korea = search("korea utara").parsed;
  EXPECT_EQ(korea, "Query(((korea PHRASE 2 utara) SYNONYM Zkorut SYNONYM Zdprk))");
  EXPECT_EQ(search("Korut").parsed, korea);
  const auto by_name = ranking("korea utara");
  EXPECT_EQ(by_name, ranking("Korut"));
  // All five articles say "Korea Utara"; 004 also writes "Korut": it may rank
  // first, but never far ahead of the others.
  ASSERT_EQ(by_name.size(), 5u);
  const auto [lo, hi] = std::minmax_element(by_name.begin(), by_name.end(),
                                            [](auto& a, auto& b) { return a.second < b.second; });
  EXPECT_LE(hi->second, 2 * lo->second) << hi->first << " " << lo->first;
}

TEST_F(SeedQueries, AliasGroupInFieldsAndOperators) {
  const std::string place = search("place:\"Korea Utara\"").parsed;
  EXPECT_EQ(place, "Query(((XLkorea PHRASE 2 XLutara) SYNONYM XLkorut SYNONYM XLdprk))");
  EXPECT_EQ(search("tempat:korut").parsed, place);
  EXPECT_EQ(ranking("place:\"Korea Utara\""), ranking("place:DPRK"));
  // name: searches the three name fields, one group each.
  EXPECT_EQ(count(search("name:kcna").parsed, "SYNONYM"), 3u);
  // Hate and phrases as typed.
  EXPECT_TRUE(search("pyongyang -korut").hits.empty());
  EXPECT_EQ(search("\"korea utara\"").parsed.find("SYNONYM"), std::string::npos);
  // A group as one term among others.
  EXPECT_EQ(search("pertemuan Korut").parsed,
            "Query((Ztemu@1 OR ((korea PHRASE 2 utara) SYNONYM Zkorut SYNONYM Zdprk)))");
}

// The work a search does stays off the hot path: counted here so that a
// change which puts it back fails a test (the seed index trusts words
// written 10 times or more).
TEST_F(SeedQueries, SpellingLookupsOnlyForRareOrUnknownWords) {
  const struct {
    const char* query;
    std::size_t lookups;
    const char* suggestion;
  } rows[] = {
      {"korea utara pyongyang beijing", 0, ""},  // frequent words
      {"Kim dan menteri luar negeri", 0, ""},    // frequent words and a stopword
      {"Pyongyan", 1, "pyongyang"},              // unknown
      {"pertemuan Pyongyan", 1, "pertemuan pyongyang"},
      {"Pyongyan Beijng wang", 3, "pyongyang beijing wang"},  // two unknown, one rare
      {"person:Pyongyan OR 2025", 1, "person:pyongyang OR 2025"},  // a field value, not its name
  };
  for (const auto& row : rows) {
    const SearchResults r = search(row.query);
    EXPECT_EQ(r.work.spelling_lookups, row.lookups) << row.query;
    EXPECT_EQ(r.suggestion, row.suggestion) << row.query;
    EXPECT_EQ(r.work.dictionary_loads, 0u) << row.query;
  }
}

// A word the index has never seen is analysed through the index's root
// table: it finds its root's articles and loads no dictionary.
TEST_F(SeedQueries, UnseenWordsAreStemmedWithoutTheDictionary) {
  const SearchResults seen = search("penguasa");
  const SearchResults unseen = search("dikuasainya");
  EXPECT_EQ(seen.work.root_lookups, 0u);
  EXPECT_GT(unseen.work.root_lookups, 0u);
  EXPECT_EQ(seen.work.dictionary_loads + unseen.work.dictionary_loads, 0u);
  EXPECT_EQ(unseen.parsed, "Query(Zkuasa@1)");
  std::vector<std::string> a, b;
  for (const Hit& h : seen.hits) a.push_back(h.id);
  for (const Hit& h : unseen.hits) b.push_back(h.id);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.empty());
}

}  // namespace
}  // namespace telusur

namespace telusur {
namespace {

// A generated corpus whose true counts are known: 300 articles, "Joko
// Widodo" (a person, and a phrase) in every third, "joko" alone in every
// fifth of the others, "banjir" in every second.
class CountedCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "db").string();
    const auto corpus = dir_->path() / "corpus";
    std::filesystem::create_directories(corpus);
    std::string lines;
    for (int i = 0; i < 300; ++i) {
      std::string body = "Berita nomor " + std::to_string(i) + " hari ini.";
      if (i % 3 == 0) body += " Presiden Joko Widodo meresmikan jalan tol.";
      else if (i % 5 == 0) body += " Warga bernama Joko datang ke pasar.";
      if (i % 2 == 0) body += " Banjir melanda kota.";
      lines += "{\"id\":\"a" + std::to_string(i) + "\",\"title\":\"Kabar " + std::to_string(i) +
               "\",\"body\":\"" + body + "\"}\n";
    }
    testing::write_file(corpus / "articles.jsonl", lines);
    const std::string path = corpus.string();
    std::vector<const char*> argv = {"telusur-index", "-q", "--index", db_.c_str(), path.c_str()};
    std::ostringstream out, err;
    ASSERT_EQ(run_index(static_cast<int>(argv.size()), argv.data(), out, err), 0) << err.str();
  }
  static void TearDownTestSuite() { delete dir_; }

  static SearchResults search(const std::string& query, std::uint64_t exact_limit) {
    Searcher s(db_);
    SearchOptions o;
    o.query = query;
    o.limit = 3;
    o.exact_count_limit = exact_limit;
    return s.search(o);
  }

  static TempDir* dir_;
  static std::string db_;
};
TempDir* CountedCorpus::dir_ = nullptr;
std::string CountedCorpus::db_;

TEST_F(CountedCorpus, CountsAreExactOrBoundedAroundTheTruth) {
  const struct {
    const char* query;
    std::uint64_t truth;
  } rows[] = {
      {"\"Joko Widodo\"", 100},
      {"person:\"Joko Widodo\"", 100},
      {"joko AND banjir", 50 + 20},  // i % 6 == 0, or i % 10 == 0 but not i % 30
      {"banjir", 150},
      {"joko OR banjir", 150 + 70},  // the even, and the odd with "joko"
  };
  for (const auto& row : rows) {
    // Within the limit (and on an index no larger than it): exact.
    const SearchResults exact = search(row.query, 1000);
    EXPECT_TRUE(exact.matches_exact) << row.query;
    EXPECT_EQ(exact.matches_estimated, row.truth) << row.query;
    EXPECT_EQ(exact.matches_lower, row.truth) << row.query;
    EXPECT_EQ(exact.matches_upper, row.truth) << row.query;
    // Past it: exact, or Xapian's bounds hold the truth.
    const SearchResults bounded = search(row.query, 20);
    EXPECT_LE(bounded.matches_lower, row.truth) << row.query;
    EXPECT_GE(bounded.matches_upper, row.truth) << row.query;
    if (bounded.matches_exact) {
      EXPECT_EQ(bounded.matches_estimated, row.truth) << row.query;
    }
  }
  // Past the limit a phrase is an estimate; so is an OR of words, whatever the limit.
  EXPECT_FALSE(search("\"Joko Widodo\"", 20).matches_exact);
  // A phrase or field past a small limit is still counted up to it: exact here.
  EXPECT_TRUE(search("person:\"Joko Widodo\"", 150).matches_exact);
  EXPECT_EQ(search("person:\"Joko Widodo\"", 150).matches_estimated, 100u);
}

}  // namespace
}  // namespace telusur
