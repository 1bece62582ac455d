// Integration tests of the ranking models beyond bm25 on the seed corpus:
// proximity (--sdm), questions, RM3 and the learned reranker.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "index_command.h"
#include "rerank_features.h"
#include "rerank_model.h"
#include "rerank_training.h"
#include "searcher.h"
#include "status.h"
#include "seed_fixture.h"
#include "test_util.h"

namespace telusur {
namespace {

using testing::TempDir;

class SeedRanking : public SeedIndexFixture {
 protected:
  static SearchOptions topic(const std::string& q) {
    SearchOptions o;
    o.query = q;
    o.free_text = true;
    o.snippet_bytes = 0;
    return o;
  }
  static std::set<std::string> ids(const SearchResults& r) {
    std::set<std::string> out;
    for (const Hit& h : r.hits) out.insert(h.id);
    return out;
  }
};

TEST_F(SeedRanking, ProximityAddsOrderedAndUnorderedPairs) {
  Searcher s(db_);
  SearchOptions o = topic("menteri luar negeri wang yi");
  set_sdm(o, "");
  const std::string parsed = s.search(o).parsed;
  EXPECT_NE(parsed.find("(menteri PHRASE 2 luar)"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("(wang NEAR 8 yi)"), std::string::npos) << parsed;
  EXPECT_EQ(parsed.find("(menteri PHRASE 2 negeri)"), std::string::npos) << parsed;  // adjacent only
  EXPECT_EQ(ids(s.search(o)), ids(s.search(topic("menteri luar negeri wang yi"))));
  EXPECT_THROW(set_sdm(o, "pairs=1"), Error);
}

TEST_F(SeedRanking, QuestionsDropInterrogativesAndWeighAnswers) {
  Searcher s(db_);
  SearchOptions o = topic("Siapakah menteri luar negeri China?");
  o.questions = true;
  const std::string parsed = s.search(o).parsed;
  EXPECT_EQ(parsed.find("siapa"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("AND_MAYBE"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("PostingSource"), std::string::npos) << parsed;
  // A date asked for: the articles holding one, through the marker term.
  SearchOptions when = topic("Kapan Kim Jong Un bertemu Wang Yi?");
  when.questions = true;
  const SearchResults dated = s.search(when);
  EXPECT_NE(dated.parsed.find("XTD"), std::string::npos) << dated.parsed;
  EXPECT_FALSE(dated.hits.empty());
  SearchOptions plain = topic("Siapakah menteri luar negeri China?");
  EXPECT_NE(s.search(plain).parsed.find("siapa"), std::string::npos);
}

// Xapian gives a phrase inside a synonym no collection frequency: schemes
// that weigh by it get an alias group's one-word forms only, and finite scores.
TEST_F(SeedRanking, CollectionFrequencySchemesGetOneWordAliasForms) {
  Searcher s(db_);
  for (const char* scheme : {"dph", "pl2", "bm25"}) {
    SearchOptions o = topic("Amerika Serikat");
    o.weighting = parse_weighting(scheme);
    const SearchResults r = s.search(o);
    ASSERT_FALSE(r.hits.empty()) << scheme;
    for (const Hit& h : r.hits) EXPECT_TRUE(std::isfinite(h.score)) << scheme << " " << h.id;
    EXPECT_EQ(r.parsed.find("PHRASE") == std::string::npos, std::string(scheme) != "bm25")
        << scheme << " " << r.parsed;
  }
}

TEST_F(SeedRanking, Rm3AddsStemsOfTheTopArticles) {
  Searcher s(db_);
  SearchOptions o = topic("pyongyang");
  set_rm3(o, "docs=3,terms=5");
  const std::string parsed = s.search(o).parsed;
  EXPECT_NE(parsed.find("Zpyongyang"), std::string::npos);
  std::size_t stems = 0;
  for (std::size_t at = parsed.find(" * Z"); at != std::string::npos; at = parsed.find(" * Z", at + 1))
    ++stems;
  EXPECT_EQ(stems, 1u + 5u) << parsed;  // the query, weighted, and five stems
  EXPECT_THROW(set_rm3(o, "weight=2"), Error);
}

TEST_F(SeedRanking, RerankerTrainsOnJudgementsAndReordersTheCandidates) {
  const std::vector<Topic> topics = {{"t1", "aliansi bersama"},      {"t2", "sun weidong"},
                                     {"t3", "perkuat hubungan"},     {"t4", "wang yi"},
                                     {"t5", "balai besar rakyat"},   {"t6", "kim jong un"},
                                     {"t7", "korea utara china"},    {"t8", "hegemoni"}};
  Qrels qrels;
  qrels.by_query["t1"]["004_d642c6b706a4b43b"] = 1;
  qrels.by_query["t2"]["001_b2c3ed69fe7be2db"] = 1;
  qrels.by_query["t3"]["002_7b7399e3bf6ed222"] = 1;
  qrels.by_query["t4"]["000_f0a22cb9b628591e"] = 1;
  qrels.by_query["t5"]["002_7b7399e3bf6ed222"] = 1;
  qrels.by_query["t6"]["002_7b7399e3bf6ed222"] = 1;
  qrels.by_query["t7"]["004_d642c6b706a4b43b"] = 1;
  qrels.by_query["t8"]["003_1a0a747f783da510"] = 1;
  const RerankTrainingData data = collect_rerank_training(db_, topics, qrels, SearchOptions(), 5);
  EXPECT_EQ(data.topics, topics.size());
  EXPECT_EQ(data.rows.size(), data.labels.size() * rerank_feature_names().size());
  const std::string model = (dir_->path() / "model.trees").string();
  RerankTraining t;
  t.rounds = 10;
  RerankModel::train(data.rows, rerank_feature_names().size(), data.labels, data.groups, t, model);
  Searcher s(db_);
  SearchOptions o = topic("korea utara china");
  const SearchResults first = s.search(o);
  o.reranker = std::make_shared<RerankModel>(model);
  const SearchResults reranked = s.search(o);
  EXPECT_EQ(ids(reranked), ids(first));  // the same candidates, another order
  for (std::size_t i = 1; i < reranked.hits.size(); ++i)
    EXPECT_GE(reranked.hits[i - 1].score, reranked.hits[i].score);
}

}  // namespace
}  // namespace telusur
