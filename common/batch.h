// Batch runs for ranking experiments: every topic of a topic file searched as
// free text against one index, in parallel, as a TREC run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evaluation.h"
#include "searcher.h"

namespace telusur {

struct BatchOptions {
  SearchOptions search;      // weighting, match_all; query and limit are set per topic
  std::size_t depth = 1000;  // documents per topic
  std::string tag;           // run tag; empty: run_tag_for(stemmer, weighting)
  std::size_t threads = 0;   // 0: one per core; each thread opens its own Searcher
};

struct BatchResult {
  std::string run;        // TREC run lines, topics in file order
  std::string tag;        // the tag used
  std::string stemmer;    // the index's stemmer
  std::string weighting;  // the scheme with every parameter
  std::size_t topics = 0;
  std::size_t topics_with_hits = 0;
  std::size_t lines = 0;
};

// The default run tag, which records what produced the run:
// "telusur.STEMMER.WEIGHTING" (e.g. "telusur.dictionary.bm25:k1=1,k2=0,...").
std::string run_tag_for(const std::string& stemmer, const std::string& weighting);

// Runs the topics. Throws IndexError for a failing index and QueryError for a
// bad weighting scheme (checked before any topic runs).
BatchResult run_topics(const std::string& index_dir, const std::vector<Topic>& topics,
                       const BatchOptions& options);

}  // namespace telusur
