// telusur-eval: scores TREC runs (trec_eval's measures and output), compares
// runs with significance tests, generates a known-item collection from an
// index, sweeps ranking parameters and draws charts.
#pragma once

#include <ostream>

namespace telusur {

// Runs `telusur-eval SUBCOMMAND ...`; returns the exit status (0 done, 2 error).
int run_eval(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace telusur
