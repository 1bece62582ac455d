// Compares the articles of two indexes (index_digest.h): prints how many
// both hold alike, and the ids only one holds or that differ (at most 10 of
// each). Exit status 0 when they hold the same articles alike, 1 otherwise,
// 2 on an error.
// Usage: telusur-index-diff INDEX_A INDEX_B
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "index_digest.h"
#include "status.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: telusur-index-diff INDEX_A INDEX_B\n";
    return 2;
  }
  try {
    const auto a = telusur::article_digests(argv[1]);
    const auto b = telusur::article_digests(argv[2]);
    std::vector<std::string> only_a, only_b, differ;
    std::size_t same = 0;
    for (const auto& [id, digest] : a) {
      const auto it = b.find(id);
      if (it == b.end())
        only_a.push_back(id);
      else if (it->second != digest)
        differ.push_back(id);
      else
        ++same;
    }
    for (const auto& [id, digest] : b)
      if (!a.count(id)) only_b.push_back(id);
    const auto list = [](const char* what, const std::vector<std::string>& ids) {
      if (ids.empty()) return;
      std::cout << ids.size() << " " << what << ":";
      for (std::size_t i = 0; i < ids.size() && i < 10; ++i) std::cout << " " << ids[i];
      std::cout << (ids.size() > 10 ? " ..." : "") << "\n";
    };
    std::cout << same << " articles alike\n";
    list("only in the first", only_a);
    list("only in the second", only_b);
    list("different", differ);
    return only_a.empty() && only_b.empty() && differ.empty() ? 0 : 1;
  } catch (const telusur::Error& e) {
    std::cerr << "telusur-index-diff: " << e.what() << "\n";
    return 2;
  }
}
