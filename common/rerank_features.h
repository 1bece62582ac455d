// The features a learned reranker scores (query, article) pairs by, read
// from what the index stores (postings, positions, values, and the word
// vectors beside it), never from the articles' text.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "questions.h"
#include "word_vectors.h"

namespace telusur {

// The names of the features, in their column order.
const std::vector<std::string>& rerank_feature_names();

// What the features need of a query.
struct RerankQuery {
  std::vector<std::string> stems;  // the first-stage query's Z-terms, each once
  std::vector<std::string> words;  // its plain words in order (proximity pairs)
  Question question;               // its answer type and words (questions.h)
  // Its words for the vector features: stopwords and question words left
  // out, syntax or not.
  std::vector<std::string> vector_words;
};

// One row of rerank_feature_names().size() floats per article of `docs`
// (rows in that order, the first-stage ranking's), given each one's
// first-stage score. Proximity pairs are counted for the first 20 only.
// The vector features (cosines of the query's vector with each article's
// and with its best window) come from `vectors`, the index's word vectors;
// without them they are 0.
std::vector<float> rerank_features(const Xapian::Database& db, const RerankQuery& query,
                                   const std::vector<Xapian::docid>& docs,
                                   const std::vector<double>& scores,
                                   const WordVectors* vectors);

}  // namespace telusur
