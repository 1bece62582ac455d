// One searcher of the soak test (bench/soak.sh): for SECONDS, runs queries
// made from the words of QUERIES (one line each: a title of the collection)
// against INDEX through one long-lived Searcher, as a server would, with
// fields, facets and --group mixed in (seeded, so each searcher differs).
// Prints the searches made, those that failed (an exception: none is
// expected, the Searcher retries a search that an index change interrupts),
// and the resident memory after the first minute (or tenth of the run, if
// shorter) and at the end.
// Usage: telusur-soak-search INDEX QUERIES SECONDS SEED
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "searcher.h"
#include "status.h"

namespace {

// Resident memory of this process, in KiB.
long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The words of a line made of ASCII letters only, in lower case (no query
// syntax: curly quotes are quotes to the query parser, "AND" an operator).
std::vector<std::string> plain_words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) {
    bool letters = w.size() >= 3;
    for (unsigned char c : w) letters = letters && c < 0x80 && std::isalpha(c);
    // Lower case: "AND", "OR", "NOT" in capitals are operators.
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (letters) out.push_back(w);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: telusur-soak-search INDEX QUERIES SECONDS SEED\n";
    return 2;
  }
  std::vector<std::vector<std::string>> titles;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (auto w = plain_words(line); !w.empty()) titles.push_back(std::move(w));
  if (titles.empty()) {
    std::cerr << "telusur-soak-search: no words in " << argv[2] << "\n";
    return 2;
  }
  const auto seconds = std::chrono::seconds(std::stol(argv[3]));
  std::mt19937 rng(static_cast<unsigned>(std::stoul(argv[4])));
  const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  std::uint64_t searches = 0, failed = 0, hits = 0;
  long rss_minute = 0;
  try {
    telusur::Searcher searcher(argv[1]);
    const auto start = std::chrono::steady_clock::now();
    const auto checkpoint = std::min<std::chrono::steady_clock::duration>(std::chrono::seconds(60), seconds / 10);
    for (auto now = start; now - start < seconds; now = std::chrono::steady_clock::now()) {
      if (!rss_minute && now - start >= checkpoint) rss_minute = rss_kib();
      const std::vector<std::string>& words = titles[pick(titles.size())];
      telusur::SearchOptions o;
      switch (pick(6)) {
        case 0: o.query = words[pick(words.size())] + " " + words[pick(words.size())]; break;
        case 1: o.query = "title:" + words[pick(words.size())]; break;
        case 2: o.query = "name:" + words[pick(words.size())]; break;
        case 3: o.query = words[pick(words.size())]; o.facets = 5; break;
        case 4: o.query = words[pick(words.size())]; o.group = true; break;
        default: o.query = "\"" + words[0] + (words.size() > 1 ? " " + words[1] : "") + "\""; break;
      }
      try {
        hits += searcher.search(o).hits.size();
      } catch (const telusur::Error& e) {
        ++failed;
        std::cerr << "telusur-soak-search: " << o.query << ": " << e.what() << "\n";
      }
      ++searches;
    }
  } catch (const telusur::Error& e) {
    std::cerr << "telusur-soak-search: " << e.what() << "\n";
    return 2;
  }
  std::printf("searches %llu failed %llu hits %llu rss_first_minute_kib %ld rss_end_kib %ld\n",
              static_cast<unsigned long long>(searches), static_cast<unsigned long long>(failed),
              static_cast<unsigned long long>(hits), rss_minute ? rss_minute : rss_kib(), rss_kib());
  return failed ? 1 : 0;
}
