// `telusur`: ranked search of an index from the terminal.
#pragma once

#include <ostream>

namespace telusur {

// Runs telusur with the given arguments. Results (and --help) go to `out`,
// errors to `err`. Returns 0 when something matched, 1 when nothing did, 2 on
// an error (bad option, malformed query, missing or broken index). Colour is
// used with --color=always, or with auto when `out` is std::cout on a
// terminal and NO_COLOR is unset.
int run_search(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace telusur
