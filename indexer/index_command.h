// `telusur-index`: builds or updates an index from article files.
#pragma once

#include <ostream>

namespace telusur {

// Runs telusur-index with the given arguments. Writes only help to `out`;
// progress, warnings, skipped items and the summary go to `err`. Returns 0 when
// every article was indexed, 1 when some were skipped, 2 on a fatal error.
// Progress is shown only when `err` is std::cerr and stderr is a terminal.
int run_index(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace telusur
