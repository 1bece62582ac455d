#include "names_command.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "names.h"
#include "readers.h"
#include "status.h"

namespace po = boost::program_options;

namespace telusur {

int run_names(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit");
  po::options_description all;
  all.add(visible).add_options()("path", po::value(&paths));
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "telusur-names: error: " << e.what() << " (see telusur-names --help)\n";
    return 2;
  }
  if (vm.count("help") || paths.empty()) {
    (vm.count("help") ? out : err)
        << "Usage: telusur-names PATH...\n\n"
           "Prints the persons, places and organisations found in each article\n"
           "as JSON Lines.\n\n"
        << visible;
    return vm.count("help") ? 0 : 2;
  }
  bool skipped = false;
  const IssueFn on_issue = [&](const ReadIssue& issue) {
    skipped = skipped || issue.skipped;
    err << "telusur-names: " << (issue.skipped ? "skipped " : "warning: ") << issue.path
        << (issue.line ? ":" + std::to_string(issue.line) : "") << ": " << issue.message << "\n";
  };
  try {
    const NameExtractor& extractor = NameExtractor::builtin();
    std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
    for (const auto& file : collect_article_files(inputs, on_issue)) {
      read_article_file(
          file,
          [&](Article&& a) {
            nlohmann::ordered_json j;
            j["id"] = a.id;
            j["names"] = nlohmann::ordered_json::array();
            for (const Name& n : extractor.extract(a.title, a.body)) {
              nlohmann::ordered_json name;
              name["type"] = name_type_label(n.type);
              name["name"] = n.name;
              name["surfaces"] = n.surfaces;
              name["mentions"] = n.mentions;
              j["names"].push_back(std::move(name));
            }
            out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          },
          on_issue);
    }
  } catch (const Error& e) {
    err << "telusur-names: error: " << e.what() << "\n";
    return 2;
  }
  return skipped ? 1 : 0;
}

}  // namespace telusur
