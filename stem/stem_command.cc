#include "stem_command.h"

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "options.h"
#include "status.h"
#include "stemmer.h"
#include "text.h"

namespace po = boost::program_options;

namespace telusur {

int run_stem(int argc, const char* const* argv, std::istream& in, std::ostream& out,
             std::ostream& err) {
  std::string name;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "stemmer", po::value(&name)->default_value(std::string(kDefaultStemmer)),
      "dictionary (default), snowball or none");
  po::variables_map vm;
  std::vector<std::string> extra;
  cli::add_version_option(visible);
  if (!cli::parse(argc, argv, visible, extra, vm, err, "telusur-stem")) return 2;
  if (cli::print_version(vm, out, "telusur-stem")) return 0;
  if (!extra.empty()) {
    err << "telusur-stem: error: unexpected argument '" << extra.front()
        << "' (words are read from stdin)\n";
    return 2;
  }
  if (vm.count("help")) {
    out << "Usage: telusur-stem [--stemmer NAME] < words\n\n"
           "Reads words one per line and prints the stem of each, one per line,\n"
           "as telusur-index would index it.\n\n"
        << visible;
    return 0;
  }
  try {
    Xapian::Stem stem = make_stemmer(name);
    std::string line;
    while (std::getline(in, line)) {
      const std::string word = fold_case(trim(normalize(line)));
      out << (word.empty() ? word : stem(word)) << '\n';
      if (!out) break;  // closed pipe
    }
  } catch (const Error& e) {
    err << "telusur-stem: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace telusur
