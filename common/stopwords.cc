#include "stopwords.h"

#include <algorithm>

#include "embedded_data.h"
#include "text.h"

namespace telusur {
const std::vector<std::string>& stopwords() {
  static const std::vector<std::string> kList = [] {
    std::vector<std::string> out;
    for_each_data_line(data::kStopwords,
                       [&](std::string_view w, std::size_t) { out.emplace_back(w); });
    return out;
  }();
  return kList;
}

bool is_stopword(std::string_view word) {
  static const std::vector<std::string> kSorted = [] {
    std::vector<std::string> s = stopwords();
    std::sort(s.begin(), s.end());
    return s;
  }();
  return std::binary_search(kSorted.begin(), kSorted.end(), word);
}

}  // namespace telusur
