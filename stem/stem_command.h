// `telusur-stem`: prints the stem of each word read from standard input.
#pragma once

#include <istream>
#include <ostream>

namespace telusur {

// Reads words one per line from `in` and writes one stem per line to `out`
// (case-folded, NFKC-normalised; an empty line gives an empty line). Returns
// 0, or 2 after a one-line error on `err` (bad option, stemmer unavailable).
int run_stem(int argc, const char* const* argv, std::istream& in, std::ostream& out,
             std::ostream& err);

}  // namespace telusur
