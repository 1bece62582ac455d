// Command-line parsing shared by the Telusur CLIs (Boost.ProgramOptions).
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace telusur::cli {

// Parses `argv` against `visible` options, collecting every positional
// argument into `positional` (shown nowhere in --help). Long options must be
// spelled out (no guessing from prefixes), so query words such as "-utara"
// after "--" stay words. On a bad option prints one line naming `tool` to
// `err` and returns false.
bool parse(int argc, const char* const* argv,
           const boost::program_options::options_description& visible,
           std::vector<std::string>& positional, boost::program_options::variables_map& vm,
           std::ostream& err, std::string_view tool);

// Adds --version to `options`.
void add_version_option(boost::program_options::options_description& options);

// When --version was given: prints version_report(tool) to `out` and
// returns true.
bool print_version(const boost::program_options::variables_map& vm, std::ostream& out,
                   std::string_view tool);

// The index directory when --index is not given: $TELUSUR_INDEX, else
// ./telusur.db.
std::string default_index();

// The shipped reranker model (data/reranker.trees, installed beside the
// commands' data): $TELUSUR_RERANKER when set (empty: none), else the
// installed copy, else the source tree's; empty when none is found.
std::string shipped_reranker();

// The terminal's width in columns (standard output's, else $COLUMNS, else 80).
std::size_t terminal_width();

// The pager command: $PAGER, else "less -FRX"; empty when $PAGER is empty
// or "cat" (no paging).
std::string pager();

// Writes `text` through `pager` (run by the shell); when it cannot be
// started, to `fallback`.
void page(const std::string& pager, const std::string& text, std::ostream& fallback);

}  // namespace telusur::cli
