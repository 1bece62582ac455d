#include "rerank_features.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace telusur {
namespace {

// An in-memory index of one document per text, each word a positional
// term from position 1.
Xapian::WritableDatabase index_of(const std::vector<std::string>& texts) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& text : texts) {
    Xapian::Document doc;
    std::istringstream words(text);
    Xapian::termpos pos = 0;
    for (std::string w; words >> w;) doc.add_posting(w, ++pos);
    db.add_document(doc);
  }
  return db;
}

std::size_t column(const std::string& name) {
  const auto& names = rerank_feature_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

TEST(RerankFeatures, ProximityPairsCountEachConsecutiveQueryPair) {
  struct Case {
    std::string text;
    double ordered, unordered;
  } cases[] = {
      {"a b c a b", 3, 4},         // a b twice, b c once; every a and b has a neighbour
      {"b a", 0, 1},               // b before a: near, not in order; no c
      {"a x x x x x x x x b", 0, 0},  // nine apart: too far
      {"c c c", 0, 0},             // neither pair whole
      {"a b", 1, 1},
  };
  std::vector<std::string> texts;
  for (const Case& c : cases) texts.push_back(c.text);
  const Xapian::WritableDatabase db = index_of(texts);
  RerankQuery q;
  q.words = {"a", "b", "c"};
  // The ranking's order is not docid order: the features follow `docs`.
  const std::vector<Xapian::docid> docs = {5, 3, 1, 4, 2};
  const std::vector<double> scores(docs.size(), 1.0);
  const std::vector<float> rows = rerank_features(db, q, docs, scores, nullptr);
  const std::size_t width = rerank_feature_names().size();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Case& c = cases[docs[i] - 1];
    EXPECT_EQ(rows[i * width + column("ordered_pairs")], c.ordered) << c.text;
    EXPECT_EQ(rows[i * width + column("unordered_pairs")], c.unordered) << c.text;
  }
}

TEST(RerankFeatures, ProximityOnlyForTheFirstTwentyArticles) {
  const Xapian::WritableDatabase db = index_of(std::vector<std::string>(25, "a b"));
  RerankQuery q;
  q.words = {"a", "b"};
  std::vector<Xapian::docid> docs;
  for (Xapian::docid d = 25; d >= 1; --d) docs.push_back(d);
  const std::vector<float> rows =
      rerank_features(db, q, docs, std::vector<double>(docs.size(), 1.0), nullptr);
  const std::size_t width = rerank_feature_names().size();
  for (std::size_t i = 0; i < docs.size(); ++i)
    EXPECT_EQ(rows[i * width + column("ordered_pairs")], i < 20 ? 1 : 0) << i;
}

}  // namespace
}  // namespace telusur
