// `telusur-names`: prints the names found in articles.
#pragma once

#include <ostream>

namespace telusur {

// For each article in the given files (as telusur-index reads them) writes
// one JSON line to `out`: {"id", "names": [{"type", "name", "surfaces",
// "mentions"}]}. Problems with the input go to `err`. Returns 0, 1 when some
// articles were skipped, 2 on a bad option.
int run_names(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace telusur
