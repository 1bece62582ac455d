// Spelling-suggestion quality and cost: runs each query of a TSV file
// (QUERY<TAB>EXPECTED, EXPECTED empty for a correct word that must get no
// suggestion) through the core library's Searcher, and prints precision
// (correct suggestions / suggestions made), recall (correct suggestions /
// misspellings), the spelling look-ups made and the mean time per search.
// --every-word looks every word up, as Telusur did before the rule of
// spelling.h (the words it trusts are then looked up too).
// Usage: telusur-spelling-bench [--every-word] INDEX SET.tsv
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "searcher.h"
#include "status.h"

int main(int argc, char** argv) {
  const bool every_word = argc == 4 && std::string(argv[1]) == "--every-word";
  if (argc != (every_word ? 4 : 3)) {
    std::cerr << "usage: telusur-spelling-bench [--every-word] INDEX SET.tsv\n";
    return 2;
  }
  argv += every_word ? 1 : 0;
  std::ifstream in(argv[2]);
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab = line.find('\t');
    if (tab != std::string::npos) rows.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  try {
    telusur::Searcher searcher(argv[1]);
    std::size_t misspelt = 0, made = 0, correct = 0, lookups = 0;
    double ms = 0;
    for (const auto& [query, expected] : rows) {
      telusur::SearchOptions o;
      o.query = query;
      o.limit = 0;
      o.snippet_bytes = 0;
      if (every_word) o.spelling_trusted = std::numeric_limits<std::uint64_t>::max();
      const auto t0 = std::chrono::steady_clock::now();
      const telusur::SearchResults r = searcher.search(o);
      ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      misspelt += !expected.empty();
      made += !r.suggestion.empty();
      correct += !expected.empty() && r.suggestion == expected;
      lookups += r.work.spelling_lookups;
    }
    const auto ratio = [](std::size_t a, std::size_t b) {
      return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };
    std::printf("queries %zu misspelt %zu suggestions %zu correct %zu precision %.3f recall %.3f "
                "lookups %zu ms_per_query %.3f\n",
                rows.size(), misspelt, made, correct, ratio(correct, made), ratio(correct, misspelt),
                lookups, rows.empty() ? 0.0 : ms / static_cast<double>(rows.size()));
  } catch (const telusur::Error& e) {
    std::cerr << "telusur-spelling-bench: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
