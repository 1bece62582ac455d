// In-process query latency: runs each query of a file (one per line) against
// an index through the core library's Searcher, as `telusur` does (10 hits
// with snippets), and prints p50, p99 and mean in milliseconds. Every query
// is run once to warm the caches first. With --no-snippets, only the ranked
// hits and their fields, as the peers' in-process figures are measured; with
// --no-spelling, no spelling suggestions (to show what they cost). Also
// prints the spelling look-ups made in one round. With --rerank MODEL, the
// model reranks the 20 best, as telusur's default ranking does. With
// --facets N, the N most frequent entities of each type are counted, as
// `telusur --facets` does (over at least --facet-sample S matches, default
// 5000; 0: every match).
// Usage: telusur-query-bench [--no-snippets] [--no-spelling] [--rerank MODEL] [--facets N]
//        [--facet-sample S] INDEX QUERIES
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "rerank_model.h"
#include "searcher.h"
#include "status.h"

int main(int argc, char** argv) {
  bool snippets = true, spelling = true;
  std::size_t facets = 0, facet_sample = telusur::SearchOptions{}.facet_sample;
  std::string model;
  int first = 1;
  for (; first < argc && argv[first][0] == '-'; ++first) {
    const std::string flag = argv[first];
    if (flag == "--no-snippets")
      snippets = false;
    else if (flag == "--no-spelling")
      spelling = false;
    else if (flag == "--rerank" && first + 1 < argc)
      model = argv[++first];
    else if (flag == "--facets" && first + 1 < argc)
      facets = std::stoul(argv[++first]);
    else if (flag == "--facet-sample" && first + 1 < argc)
      facet_sample = std::stoul(argv[++first]);
    else
      break;
  }
  if (argc - first != 2) {
    std::cerr << "usage: telusur-query-bench [--no-snippets] [--no-spelling] [--rerank MODEL] "
                 "[--facets N] [--facet-sample S] INDEX QUERIES\n";
    return 2;
  }
  argv += first - 1;
  std::ifstream in(argv[2]);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  try {
    telusur::Searcher searcher(argv[1]);
    std::shared_ptr<const telusur::RerankModel> reranker;
    if (!model.empty()) reranker = std::make_shared<telusur::RerankModel>(model);
    std::vector<double> ms;
    std::size_t errors = 0, lookups = 0;
    for (int round = 0; round < 2; ++round) {
      for (const std::string& q : queries) {
        telusur::SearchOptions o;
        o.query = q;
        if (!snippets) o.snippet_bytes = 0;
        o.spelling = spelling;
        o.reranker = reranker;
        o.facets = facets;
        o.facet_sample = facet_sample;
        o.rerank_depth = 20;
        const auto t0 = std::chrono::steady_clock::now();
        try {
          lookups += searcher.search(o).work.spelling_lookups;
        } catch (const telusur::QueryError&) {
          ++errors;
        }
        const auto t1 = std::chrono::steady_clock::now();
        if (round == 1) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double p) {
      return ms[std::min(ms.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
    };
    double sum = 0;
    for (double m : ms) sum += m;
    std::printf("queries %zu p50 %.3f p99 %.3f mean %.3f errors %zu lookups %zu\n", ms.size(),
                at(0.50), at(0.99), ms.empty() ? 0.0 : sum / static_cast<double>(ms.size()),
                errors / 2, lookups / 2);
  } catch (const telusur::Error& e) {
    std::cerr << "telusur-query-bench: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
