#include "rerank_training.h"

#include <algorithm>

namespace telusur {

RerankTrainingData collect_rerank_training(const std::string& index_dir,
                                           const std::vector<Topic>& topics, const Qrels& qrels,
                                           const SearchOptions& base, std::size_t depth) {
  Searcher searcher(index_dir);
  RerankTrainingData data;
  for (const Topic& t : topics) {
    SearchOptions o = base;
    o.query = t.query;
    o.free_text = true;
    o.limit = depth;
    o.offset = 0;
    o.snippet_bytes = 0;
    o.spelling = false;
    o.reranker = nullptr;
    o.rerank_features = true;
    const SearchResults r = searcher.search(o);
    const auto judged = qrels.by_query.find(t.id);
    std::vector<float> labels;
    for (const Hit& h : r.hits) {
      int rel = 0;
      if (judged != qrels.by_query.end())
        if (auto it = judged->second.find(h.id); it != judged->second.end()) rel = it->second;
      labels.push_back(static_cast<float>(std::max(rel, 0)));
    }
    if (std::none_of(labels.begin(), labels.end(), [](float l) { return l > 0; })) {
      ++data.skipped;
      continue;
    }
    data.rows.insert(data.rows.end(), r.features.begin(), r.features.end());
    data.labels.insert(data.labels.end(), labels.begin(), labels.end());
    data.groups.push_back(static_cast<unsigned>(labels.size()));
    ++data.topics;
  }
  return data;
}

}  // namespace telusur
