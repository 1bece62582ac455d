// Training data for the learned reranker: each topic searched as a batch
// run would search it, its top articles' features (rerank_features.h)
// labelled with their judgements.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evaluation.h"
#include "searcher.h"

namespace telusur {

struct RerankTrainingData {
  std::vector<float> rows;       // rerank_feature_names().size() floats per article
  std::vector<float> labels;     // the judgement of each (0 when unjudged)
  std::vector<unsigned> groups;  // articles per topic, topic after topic
  std::size_t topics = 0;        // topics kept: a relevant article among the candidates
  std::size_t skipped = 0;       // topics without one (they teach nothing)
};

// Searches each topic of `topics` in `index_dir` as free text with `base`'s
// ranking options, `depth` candidates each, in topic order. Throws
// IndexError or QueryError.
RerankTrainingData collect_rerank_training(const std::string& index_dir,
                                           const std::vector<Topic>& topics, const Qrels& qrels,
                                           const SearchOptions& base, std::size_t depth);

}  // namespace telusur
