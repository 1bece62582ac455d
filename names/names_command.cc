#include "names_command.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "names.h"
#include "options.h"
#include "readers.h"
#include "status.h"
#include "text.h"

namespace po = boost::program_options;

namespace telusur {
namespace {

std::istream& in_stream() { return std::cin; }

const char* tag_of(NameType t) {
  switch (t) {
    case NameType::kPerson:
      return "PER";
    case NameType::kPlace:
      return "LOC";
    case NameType::kOrganisation:
      return "ORG";
  }
  return "O";
}

// Tags one sentence given as tokens: the tokens are joined by spaces, the
// extractor run on that text, and each mention's tokens tagged B-/I-.
void tag_sentence(const std::vector<std::string>& tokens, std::ostream& out) {
  std::string text;
  std::vector<std::size_t> starts;
  for (const std::string& t : tokens) {
    if (!text.empty()) text += ' ';
    starts.push_back(text.size());
    text += t;
  }
  const std::string normalized = normalize(text);
  std::vector<std::string> tags(tokens.size(), "O");
  if (normalized.size() == text.size()) {  // offsets still line up
    const NameExtractor& ex = NameExtractor::builtin();
    for (const NameMention& m : ex.mentions("", {}, normalized, words(normalized))) {
      const std::size_t b = static_cast<std::size_t>(m.surface.data() - normalized.data());
      const std::size_t e = b + m.surface.size();
      bool first = true;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::size_t tb = starts[i], te = starts[i] + tokens[i].size();
        if (te <= b || tb >= e) continue;
        tags[i] = std::string(first ? "B-" : "I-") + tag_of(m.type);
        first = false;
      }
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) out << tokens[i] << '\t' << tags[i] << '\n';
  out << '\n';
}

int run_conll(std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
      const std::string_view l = trim(line);
      if (l.empty()) {
        if (!tokens.empty()) tag_sentence(tokens, out);
        tokens.clear();
        continue;
      }
      tokens.emplace_back(l.substr(0, l.find_first_of(" \t")));
    }
    if (!tokens.empty()) tag_sentence(tokens, out);
  } catch (const Error& e) {
    err << "telusur-names: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_names(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  bool conll = false;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "conll", po::bool_switch(&conll),
      "read CoNLL text on stdin (token in the first column, blank line between sentences) and "
      "write token<TAB>IOB tag (B-PER I-PER B-LOC I-LOC B-ORG I-ORG O)");
  po::variables_map vm;
  if (!cli::parse(argc, argv, visible, paths, vm, err, "telusur-names")) return 2;
  if (conll && !vm.count("help")) return run_conll(in_stream(), out, err);
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
