#include "eval_command.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch.h"
#include "evaluation.h"
#include "experiments.h"
#include "options.h"
#include "version.h"
#include "rerank_features.h"
#include "rerank_model.h"
#include "rerank_training.h"
#include "score_printer.h"
#include "searcher.h"
#include "status.h"

namespace po = boost::program_options;

namespace telusur {
namespace {

constexpr std::string_view kUsage =
    "Usage: telusur-eval score QRELS RUN... [--metrics LIST] [-q] [--json] [-c] [-M N]\n"
    "       telusur-eval known-item --index DIR --out DIR [--topics N] [--seed S]\n"
    "       telusur-eval sweep --index DIR --topics FILE --qrels FILE --scheme NAME\n"
    "                          --param NAME=START:STOP:STEP [--param ...] [--metric M] "
    "[--plot PNG]\n"
    "       telusur-eval train-reranker --index DIR --topics FILE --qrels FILE --out MODEL\n";

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string fixed(double v, int decimals = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// Prints the runs, then each measure's comparisons with the first run
// (counts are not compared).
void print_scores(ScorePrinter& printer, const std::vector<ScoredRun>& runs,
                  const std::vector<std::string>& measures, bool per_query, std::size_t trials) {
  printer.runs(runs, per_query);
  if (runs.size() < 2) return;
  printer.begin_comparisons(runs);
  for (std::size_t m = 0; m < measures.size(); ++m) {
    if (is_count_measure(measures[m])) continue;
    const auto values = [&](const ScoredRun& r) {
      std::map<std::string, double> v;
      for (const auto& [qid, vals] : r.eval.per_query) v[qid] = vals[m];
      return v;
    };
    std::vector<Comparison> row;
    for (std::size_t r = 1; r < runs.size(); ++r)
      row.push_back({measures[m], &runs[0], &runs[r], runs[0].eval.all[m], runs[r].eval.all[m],
                     compare(values(runs[0]), values(runs[r]), trials)});
    printer.comparisons(row);
  }
}

int run_score(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string metrics, plot;
  bool per_query = false, json = false;
  std::size_t trials = 10000;
  EvalOptions eval;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "metrics,m", po::value(&metrics),
      "comma-separated measures (default: trec_eval's set: num_q num_ret num_rel num_rel_ret map "
      "Rprec bpref recip_rank P_K recall_K ndcg_cut_10 success_1,5,10); also ndcg_cut_K, "
      "success_K, iprec_at_recall_L")("per-query,q", po::bool_switch(&per_query),
                                      "also each query's values (one run)")(
      "json", po::bool_switch(&json), "JSON Lines: one record per run (and comparison)")(
      "complete,c", po::bool_switch(&eval.complete),
      "average over every query of the qrels; a query missing from a run scores 0 (trec_eval -c)")(
      "max-docs,M", po::value(&eval.max_docs)->default_value(0),
      "read only the first N documents of each query (trec_eval -M; 0: all)")(
      "trials", po::value(&trials)->default_value(10000),
      "random sign flips of the randomisation test")(
      "plot-pr", po::value(&plot), "draw the runs' interpolated precision-recall curves into PNG");
  std::vector<std::string> files;
  po::variables_map vm;
  if (!cli::parse(argc, argv, visible, files, vm, err, "telusur-eval score")) return 2;
  if (vm.count("help")) {
    out << "Usage: telusur-eval score QRELS RUN... [OPTIONS]\n\n"
           "Scores TREC runs against qrels with trec_eval's measures and conventions\n"
           "(ties by document id, decreasing; only queries in both the run and the qrels;\n"
           "relevant = judgement >= 1). One run: trec_eval's three columns. Two or more:\n"
           "each measure per run, the difference to the first run, and two-sided p-values\n"
           "of a paired t-test and a paired randomisation test (* p < 0.05).\n\n"
        << visible;
    return 0;
  }
  if (files.size() < 2) {
    err << "telusur-eval score: error: expected QRELS and at least one RUN\n";
    return 2;
  }
  try {
    if (!metrics.empty()) eval.measures = split_list(metrics);
    for (const std::string& m : eval.measures)
      if (!is_known_measure(m)) throw Error("unknown measure '" + m + "'");
    const Qrels qrels = read_qrels(files[0]);
    std::vector<TrecRun> runs;
    std::vector<Evaluation> evals;
    for (std::size_t i = 1; i < files.size(); ++i) {
      runs.push_back(read_run(files[i]));
      if (runs.back().tag.empty()) runs.back().tag = files[i];
      evals.push_back(evaluate(qrels, runs.back(), eval));
    }
    if (!plot.empty()) {
      EvalOptions pr = eval;
      pr.measures.clear();
      for (int k = 0; k <= 10; ++k) pr.measures.push_back("iprec_at_recall_" + fixed(k / 10.0, 2));
      std::vector<std::string> names;
      std::vector<std::vector<double>> curves;
      for (const TrecRun& r : runs) {
        names.push_back(r.tag);
        curves.push_back(evaluate(qrels, r, pr).all);
      }
      plot_precision_recall(names, curves, plot);
    }
    std::vector<ScoredRun> scored;
    for (std::size_t r = 0; r < runs.size(); ++r)
      scored.push_back({runs[r].tag, files[r + 1], std::move(evals[r])});
    print_scores(json ? *make_json_score_printer(out) : *make_text_score_printer(out), scored,
                 eval.measures, per_query, trials);
    return 0;
  } catch (const Error& e) {
    err << "telusur-eval score: error: " << e.what() << "\n";
    return 2;
  }
}

int run_known_item(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir, out_dir;
  KnownItemOptions o;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->default_value(cli::default_index()),
      "index of titled articles")("out,o", po::value(&out_dir), "directory to write to")(
      "topics,n", po::value(&o.topics)->default_value(1000), "known items to sample")(
      "seed", po::value(&o.seed)->default_value(42), "sampling seed")(
      "min-body", po::value(&o.min_body)->default_value(300),
      "bodies shorter than this many bytes are stubs, never targets");
  std::vector<std::string> rest;
  po::variables_map vm;
  if (!cli::parse(argc, argv, visible, rest, vm, err, "telusur-eval known-item")) return 2;
  if (vm.count("help")) {
    out << "Usage: telusur-eval known-item --index DIR --out DIR [OPTIONS]\n\n"
           "Builds a known-item test collection from an index of titled articles: each\n"
           "sampled article's title is a query and the article its one relevant document.\n"
           "OUT/corpus.jsonl holds every article without its title (index it with\n"
           "telusur-index), OUT/topics.tsv the queries, OUT/qrels.txt the targets. Stubs,\n"
           "untitled articles and shared titles or bodies are never targets.\n\n"
        << visible;
    return 0;
  }
  if (out_dir.empty() || !rest.empty()) {
    err << "telusur-eval known-item: error: expected --out DIR and no other arguments\n";
    return 2;
  }
  try {
    const KnownItemStats s = make_known_item(index_dir, out_dir, o);
    err << "telusur-eval known-item: " << s.topics << " topics from " << s.candidates
        << " candidates of " << s.articles << " articles (" << s.empty << " without a body, "
        << s.stubs << " stubs, " << s.untitled << " untitled, " << s.duplicates
        << " sharing a title or body left out); wrote " << out_dir
        << "/corpus.jsonl, topics.tsv, qrels.txt\n";
    return 0;
  } catch (const Error& e) {
    err << "telusur-eval known-item: error: " << e.what() << "\n";
    return 2;
  }
}

int run_sweep(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir, topics_file, qrels_file, scheme, metric, plot;
  std::vector<std::string> params;
  EvalOptions eval;
  BatchOptions batch;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->default_value(cli::default_index()), "index")(
      "topics", po::value(&topics_file), "topics (TREC or qid<TAB>query)")(
      "qrels", po::value(&qrels_file), "judgements")(
      "scheme", po::value(&scheme)->default_value("bm25"), "weighting scheme to sweep")(
      "param,p", po::value(&params)->composing(),
      "NAME=START:STOP:STEP or NAME=V1,V2,...; once or twice")(
      "metric", po::value(&metric)->default_value("ndcg_cut_10"), "measure to tabulate")(
      "max-docs,M", po::value(&eval.max_docs)->default_value(0),
      "evaluate the first N documents of each query (trec_eval -M)")(
      "depth", po::value(&batch.depth)->default_value(1000), "documents per topic")(
      "threads", po::value(&batch.threads)->default_value(0), "parallel searches")(
      "plot", po::value(&plot), "draw a line chart (one parameter) or heatmap (two) into PNG");
  std::vector<std::string> rest;
  po::variables_map vm;
  if (!cli::parse(argc, argv, visible, rest, vm, err, "telusur-eval sweep")) return 2;
  if (vm.count("help")) {
    out << "Usage: telusur-eval sweep --topics FILE --qrels FILE --scheme NAME --param P...\n\n"
           "Runs the topics against one index for every combination of the parameter\n"
           "values and prints a table of the chosen measure (rows: the first parameter).\n\n"
        << visible;
    return 0;
  }
  if (topics_file.empty() || qrels_file.empty() || params.empty() || params.size() > 2 ||
      !rest.empty()) {
    err << "telusur-eval sweep: error: expected --topics, --qrels and one or two --param\n";
    return 2;
  }
  try {
    std::vector<SweepAxis> axes;
    for (const std::string& p : params) axes.push_back(parse_sweep_axis(p));
    if (eval.max_docs && eval.max_docs < batch.depth) batch.depth = eval.max_docs;
    const std::vector<SweepPoint> points =
        sweep(index_dir, read_topics(topics_file), read_qrels(qrels_file), scheme, axes, metric,
              eval, batch);
    std::string header = pad(metric + " " + scheme, 24);
    if (axes.size() == 1) {
      out << pad(axes[0].param, 10) << "\t" << metric << "\n";
      for (const SweepPoint& p : points)
        out << pad(fixed(p.values[0], 3), 10) << "\t" << fixed(p.metric) << "\n";
    } else {
      out << pad(axes[0].param + " \\ " + axes[1].param, 10);
      for (double v : axes[1].values) out << "\t" << fixed(v, 3);
      out << "\n";
      for (std::size_t i = 0; i < axes[0].values.size(); ++i) {
        out << pad(fixed(axes[0].values[i], 3), 10);
        for (std::size_t j = 0; j < axes[1].values.size(); ++j)
          out << "\t" << fixed(points[i * axes[1].values.size() + j].metric);
        out << "\n";
      }
    }
    const auto best =
        std::max_element(points.begin(), points.end(),
                         [](const auto& a, const auto& b) { return a.metric < b.metric; });
    err << "telusur-eval sweep: " << points.size() << " runs; best " << metric << " "
        << fixed(best->metric) << " with " << best->weighting << "\n";
    if (!plot.empty()) plot_sweep(axes, points, scheme, metric, plot);
    return 0;
  } catch (const Error& e) {
    err << "telusur-eval sweep: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int run_train_reranker(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir, topics_file, qrels_file, model, weighting = "bm25";
  std::size_t depth = 100;
  bool no_vectors = false;
  SearchOptions base;
  RerankTraining t;
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->required(), "the index the topics search")(
      "topics", po::value(&topics_file)->required(), "training topics (TREC or qid<TAB>query)")(
      "qrels", po::value(&qrels_file)->required(), "their judgements")(
      "out,o", po::value(&model)->required(), "the model file to write")(
      "depth", po::value(&depth)->default_value(100), "candidates per topic")(
      "weighting,w", po::value(&weighting)->default_value("bm25"), "the first-stage scheme")(
      "sdm", po::bool_switch(&base.sdm), "first stage with proximity (as telusur --sdm)")(
      "questions", po::bool_switch(&base.questions),
      "first stage with questions (as telusur --questions)")(
      "answer-weight", po::value(&base.answer_weight)->default_value(1.0),
      "with --questions: what an answer of the kind asked for adds")(
      "no-vectors", po::bool_switch(&no_vectors),
      "leave the vector features out (0), as for an index without vectors")(
      "objective", po::value(&t.objective)->default_value("rank:ndcg"),
      "XGBoost objective: rank:ndcg or rank:pairwise")(
      "rounds", po::value(&t.rounds)->default_value(300), "boosting rounds")(
      "eta", po::value(&t.eta)->default_value(0.05), "learning rate")(
      "max-depth", po::value(&t.max_depth)->default_value(4), "tree depth")(
      "seed", po::value(&t.seed)->default_value(42), "random seed (the same model for a seed)");
  po::variables_map vm;
  std::vector<std::string> rest;
  if (!cli::parse(argc, argv, visible, rest, vm, err, "telusur-eval train-reranker")) return 2;
  if (vm.count("help")) {
    out << "Usage: telusur-eval train-reranker --index DIR --topics FILE --qrels FILE --out MODEL\n\n"
           "Trains the learned reranker (telusur --rerank MODEL): each topic is searched as\n"
           "telusur --topics searches it, its --depth best articles' features are labelled\n"
           "with their judgements, and XGBoost learns to rank them. Prints each feature's\n"
           "total gain in the model.\n\n"
        << visible;
    return 0;
  }
  if (t.objective != "rank:ndcg" && t.objective != "rank:pairwise") {
    err << "telusur-eval train-reranker: error: --objective must be rank:ndcg or rank:pairwise\n";
    return 2;
  }
  try {
    base.weighting = parse_weighting(weighting);
    base.vector_features = !no_vectors;
    if (base.sdm) set_sdm(base, "");
    const RerankTrainingData data = collect_rerank_training(
        index_dir, read_topics(topics_file), read_qrels(qrels_file), base, depth);
    err << "telusur-eval train-reranker: " << data.topics << " topics, " << data.labels.size()
        << " candidates (" << data.skipped << " topics without a relevant candidate left out)\n";
    RerankModel::train(data.rows, rerank_feature_names().size(), data.labels, data.groups, t,
                       model);
    const RerankModel trained(model);
    for (const auto& [name, gain] : trained.importance(rerank_feature_names()))
      out << name << "\t" << gain << "\n";
  } catch (const Error& e) {
    err << "telusur-eval train-reranker: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int run_eval(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "-h" || command == "--help" || command == "help") {
    out << kUsage
        << "\nSubcommands (each with --help): score, known-item, sweep, train-reranker.\n"
           "Exit status: 0 done, 2 error.\n";
    return 0;
  }
  if (command == "--version") {
    out << version_report("telusur-eval");
    return 0;
  }
  if (command == "score") return run_score(argc - 1, argv + 1, out, err);
  if (command == "known-item") return run_known_item(argc - 1, argv + 1, out, err);
  if (command == "sweep") return run_sweep(argc - 1, argv + 1, out, err);
  if (command == "train-reranker") return run_train_reranker(argc - 1, argv + 1, out, err);
  err << "telusur-eval: error: "
      << (command.empty() ? "no subcommand" : "unknown subcommand '" + command + "'")
      << " (score, known-item, sweep or train-reranker; see telusur-eval --help)\n";
  return 2;
}

}  // namespace telusur
