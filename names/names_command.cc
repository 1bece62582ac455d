#include "names_command.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "names.h"
#include "name_training.h"
#include "names_printer.h"
#include "searcher.h"
#include "options.h"
#include "readers.h"
#include "status.h"
#include "text.h"

namespace po = boost::program_options;

namespace telusur {
namespace {

std::istream& in_stream() { return std::cin; }

int run_conll(const NameExtractor& extractor, bool evidence_on, bool all_places, std::istream& in,
              std::ostream& out, std::ostream& err) {
  try {
    // The whole input is the collection the evidence comes from, unless
    // --no-evidence reads each sentence alone (as telusur-index does).
    const std::vector<ConllSentence> sentences = read_conll(in);
    const CapitalEvidence evidence = conll_evidence(sentences);
    const std::unique_ptr<NamesPrinter> printer = make_names_printer(out);
    for (const ConllSentence& sentence : sentences) {
      const std::vector<std::string> tags =
          tag_tokens(extractor, sentence.tokens, evidence_on ? &evidence : nullptr, all_places);
      printer->sentence(sentence.tokens, tags);
    }
  } catch (const Error& e) {
    err << "telusur-names: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int run_entities(const std::string& index, std::size_t top, std::ostream& out,
                 std::ostream& err) {
  try {
    const Searcher searcher(index);
    const std::vector<Entity> entities = searcher.entities();
    if (entities.empty())
      err << "telusur-names: " << index
          << " keeps no entities (built before they were kept): run telusur-index on it again\n";
    const std::unique_ptr<NamesPrinter> printer = make_names_printer(out);
    for (std::size_t i = 0; i < entities.size() && (top == 0 || i < top); ++i)
      printer->entity(entities[i]);
    return entities.empty() ? 1 : 0;
  } catch (const Error& e) {
    err << "telusur-names: error: " << e.what() << "\n";
    return 2;
  }
}

int run_train(const std::string& path, const TaggerTrainingOptions& options, std::ostream& out,
              std::ostream& err) {
  std::ifstream in(path);
  if (!in) {
    err << "telusur-names: error: cannot read " << path << "\n";
    return 2;
  }
  try {
    const std::vector<ConllSentence> sentences = read_conll(in);
    if (sentences.empty()) {
      err << "telusur-names: error: " << path << ": no sentences\n";
      return 2;
    }
    out << "# Name tagger model (common/name_tagger.h), trained by telusur-names --train\n"
        << "# on " << std::filesystem::path(path).filename().string() << " (" << sentences.size()
        << " sentences, " << options.runs << " runs of " << options.epochs
        << " epochs). feature<TAB>weights of O B-PER I-PER B-LOC\n"
        << "# I-LOC B-ORG I-ORG.\n"
        << train_name_tagger(sentences, options, [&](const std::string& line) {
             err << "telusur-names: " << line << "\n";
           });
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
  bool rules_only = false;
  bool no_evidence = false;
  bool all_places = false;
  std::string train;
  std::string entities_index;
  std::size_t top = 0;
  TaggerTrainingOptions training;
  std::string model;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "conll", po::bool_switch(&conll),
      "read CoNLL text on stdin (token in the first column, blank line between sentences) and "
      "write token<TAB>IOB tag (B-PER I-PER B-LOC I-LOC B-ORG I-ORG O)")(
      "rules-only", po::bool_switch(&rules_only),
      "rules and gazetteers alone, without the tagger model")(
      "no-evidence", po::bool_switch(&no_evidence),
      "with --conll: tag each sentence alone, without evidence from the other sentences of "
      "the input (capitalisation counts), as telusur-index tags each article")(
      "all-places", po::bool_switch(&all_places),
      "with --conll: also tag the places that the rules find and the tagger leaves out, "
      "such as a country named as an actor (\"militer Israel\"); telusur-index "
      "indexes them, NER UGM marks them, idner-news-2k does not")(
      "train", po::value(&train)->value_name("CONLL"),
      "train the tagger on gold CoNLL data (token first, IOB tag last) and write the model "
      "to stdout")("epochs", po::value(&training.epochs)->default_value(training.epochs),
                    "training passes")(
      "runs", po::value(&training.runs)->default_value(training.runs),
      "models trained on differently shuffled data, averaged")(
      "min-weight", po::value(&training.min_weight)->default_value(training.min_weight),
      "leave out the features with no weight this large (a smaller model)")(
      "model", po::value(&model)->value_name("FILE"),
      "use the tagger model in FILE instead of the built-in one")(
      "entities", po::value(&entities_index)->value_name("INDEX"),
      "list the entities of the index INDEX (names resolved across its articles) with their "
      "variants and article counts, most articles first, as JSON Lines")(
      "top", po::value(&top)->value_name("N"), "with --entities: the N first only");
  po::variables_map vm;
  cli::add_version_option(visible);
  if (!cli::parse(argc, argv, visible, paths, vm, err, "telusur-names")) return 2;
  if (cli::print_version(vm, out, "telusur-names")) return 0;
  if (!train.empty() && !vm.count("help")) return run_train(train, training, out, err);
  if (!entities_index.empty() && !vm.count("help")) return run_entities(entities_index, top, out, err);
  if (vm.count("help") || (paths.empty() && !conll)) {
    (vm.count("help") ? out : err)
        << "Usage: telusur-names PATH...\n"
           "       telusur-names --conll < CONLL\n"
           "       telusur-names --entities INDEX\n\n"
           "Prints the persons, places and organisations found in each article\n"
           "as JSON Lines.\n\n"
        << visible;
    return vm.count("help") ? 0 : 2;
  }
  // The extractor is built only now: --help and --train need none.
  std::optional<NameExtractor> with_model;
  if (!model.empty()) {
    std::ifstream in(model);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      err << "telusur-names: error: cannot read " << model << "\n";
      return 2;
    }
    try {
      with_model = NameExtractor::builtin_rules().with_tagger(text.str());
    } catch (const Error& e) {
      err << "telusur-names: error: " << model << ": " << e.what() << "\n";
      return 2;
    }
  }
  const NameExtractor& chosen = with_model   ? *with_model
                                : rules_only ? NameExtractor::builtin_rules()
                                             : NameExtractor::builtin();
  if (conll) return run_conll(chosen, !no_evidence, all_places, in_stream(), out, err);
  bool skipped = false;
  const IssueFn on_issue = [&](const ReadIssue& issue) {
    skipped = skipped || issue.skipped;
    err << "telusur-names: " << (issue.skipped ? "skipped " : "warning: ") << issue.path
        << (issue.line ? ":" + std::to_string(issue.line) : "") << ": " << issue.message << "\n";
  };
  try {
    const NameExtractor& extractor = chosen;
    const std::unique_ptr<NamesPrinter> printer = make_names_printer(out);
    std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
    for (const auto& file : collect_article_files(inputs, on_issue)) {
      read_article_file(
          file,
          [&](Article&& a) { printer->article(a.id, extractor.extract(a.title, a.body)); },
          on_issue);
    }
  } catch (const Error& e) {
    err << "telusur-names: error: " << e.what() << "\n";
    return 2;
  }
  return skipped ? 1 : 0;
}

}  // namespace telusur
