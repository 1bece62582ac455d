#include "options.h"

#include <cstdlib>

namespace po = boost::program_options;

namespace telusur::cli {

bool parse(int argc, const char* const* argv, const po::options_description& visible,
           std::vector<std::string>& positional, po::variables_map& vm, std::ostream& err,
           std::string_view tool) {
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&positional));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positions;
  positions.add("positional", -1);
  try {
    po::store(
        po::command_line_parser(argc, argv)
            .options(all)
            .positional(positions)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run(),
        vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << tool << ": error: " << e.what() << " (see " << tool << " --help)\n";
    return false;
  }
  return true;
}

std::string default_index() {
  const char* env = std::getenv("TELUSUR_INDEX");
  return env && *env ? env : "telusur.db";
}

}  // namespace telusur::cli
