// Telusur's Indonesian stopword list (data/stopwords-id.txt, built in).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// The stopwords, case-folded, in the list's order.
const std::vector<std::string>& stopwords();

// Whether the case-folded `word` is one of them.
bool is_stopword(std::string_view word);

}  // namespace telusur
