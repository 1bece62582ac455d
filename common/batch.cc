#include "batch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "status.h"

namespace telusur {

std::string run_tag_for(const std::string& stemmer, const std::string& weighting) {
  return "telusur." + stemmer + "." + weighting;
}

BatchResult run_topics(const std::string& index_dir, const std::vector<Topic>& topics,
                       const BatchOptions& options) {
  BatchResult result;
  result.topics = topics.size();
  {
    // Opens the index and checks the scheme's values (Xapian's) before the
    // threads start.
    Searcher probe(index_dir);
    SearchOptions o = options.search;
    o.query = std::string(1, 'x');  // any word: the weight is made at search time
    o.free_text = true;
    o.limit = 0;
    o.snippet_bytes = 0;
    const SearchResults r = probe.search(o);
    result.stemmer = probe.stemmer();
    result.weighting = r.weighting;
  }
  result.tag = options.tag.empty() ? run_tag_for(result.stemmer, result.weighting) : options.tag;
  std::vector<std::string> lines(topics.size());
  std::vector<std::size_t> counts(topics.size(), 0);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const std::size_t threads = std::max<std::size_t>(
      1,
      std::min<std::size_t>(
          topics.size(), options.threads ? options.threads : std::thread::hardware_concurrency()));
  const auto work = [&] {
    try {
      Searcher searcher(index_dir);
      for (std::size_t i = next++; i < topics.size(); i = next++) {
        SearchOptions o = options.search;
        o.query = topics[i].query;
        o.free_text = true;
        o.limit = options.depth;
        o.offset = 0;
        o.snippet_bytes = 0;
        o.facets = 0;
        std::vector<RunEntry> ranked;
        for (const Hit& h : searcher.search(o).hits) ranked.push_back({h.id, h.score});
        counts[i] = ranked.size();
        lines[i] = format_run_lines(topics[i].id, std::move(ranked), result.tag);
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = topics.size();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    result.run += lines[i];
    result.lines += counts[i];
    result.topics_with_hits += counts[i] > 0;
  }
  return result;
}

}  // namespace telusur
