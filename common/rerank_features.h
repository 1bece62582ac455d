// The features a learned reranker scores (query, article) pairs by, read
// from what the index stores (postings, positions, values), never from the
// articles' text.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "questions.h"

namespace telusur {

// The names of the features, in their column order.
const std::vector<std::string>& rerank_feature_names();

// What the features need of a query.
struct RerankQuery {
  std::vector<std::string> stems;  // the first-stage query's Z-terms, each once
  std::vector<std::string> words;  // its plain words in order (proximity pairs)
  Question question;               // its answer type and words (questions.h)
};

// One row of rerank_feature_names().size() floats per article of `docs`
// (rows in that order, the first-stage ranking's), given each one's
// first-stage score. Proximity pairs are counted for the first 20 only.
std::vector<float> rerank_features(const Xapian::Database& db, const RerankQuery& query,
                                   const std::vector<Xapian::docid>& docs,
                                   const std::vector<double>& scores);

}  // namespace telusur
