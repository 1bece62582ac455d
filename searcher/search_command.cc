#include "search_command.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "batch.h"
#include "options.h"
#include "output.h"
#include "rerank_model.h"
#include "searcher.h"
#include "status.h"

namespace po = boost::program_options;

namespace telusur {

namespace {

// Whether the options leave the ranking to its default: the shipped
// reranker over bm25's best (no scheme, first-stage model or order asked for).
bool default_ranking(const po::variables_map& vm, const SearchOptions& o) {
  return vm["weighting"].defaulted() && o.prf_docs == 0 && !o.sdm && o.rm3_docs == 0 &&
         !o.questions && o.like.empty() && o.sort == SortOrder::kRelevance && !o.timeline;
}

// A batch run's settings (--topics and what goes with it).
struct BatchRun {
  std::string index_dir, topics_file, run_format, run_tag;
  std::size_t depth = 1000, threads = 0;
};

// Searches every topic of a batch run and prints the TREC run.
int run_batch(const BatchRun& b, const SearchOptions& options, std::ostream& out,
              std::ostream& err) {
  if (b.run_format != "trec") {
    err << "telusur: error: --run-format must be trec, not '" << b.run_format << "'\n";
    return 2;
  }
  if (b.run_tag.find_first_of(" \t\n") != std::string::npos) {
    err << "telusur: error: --run-tag must not contain white space\n";
    return 2;
  }
  try {
    BatchOptions batch;
    batch.search = options;
    batch.depth = b.depth;
    batch.tag = b.run_tag;
    batch.threads = b.threads;
    const BatchResult r = run_topics(b.index_dir, read_topics(b.topics_file), batch);
    out << r.run;
    out.flush();
    err << "telusur: run " << r.tag << ": " << r.topics << " topics (" << r.topics_with_hits
        << " with hits), " << r.lines << " lines; index '" << b.index_dir << "', stemmer "
        << r.stemmer << ", weighting " << r.weighting << "\n";
    return r.topics_with_hits ? 0 : 1;
  } catch (const std::exception& e) {
    err << "telusur: error: " << e.what() << "\n";
    return 2;
  }
}

// How one query's answer is printed.
struct QueryOutput {
  std::string format;  // text, json or compact
  bool color = false, no_pager = false, width_given = false;
  std::size_t width = 0;
  std::string timeline;  // the period of --timeline, or empty
  std::string plot;      // --plot FILE.png
};

// Searches one query and prints its answer (through the pager when it is
// text on a terminal).
int run_query(const std::string& index_dir, const Searcher::OpenOptions& open,
              const SearchOptions& options, QueryOutput o, std::ostream& out, std::ostream& err) {
  const bool terminal = &out == &std::cout && isatty(STDOUT_FILENO);
  if (!o.width_given && terminal) o.width = cli::terminal_width();
  try {
    Searcher searcher(index_dir, open);
    for (const std::string& w : searcher.warnings()) err << "telusur: warning: " << w << "\n";
    const SearchResults results = searcher.search(options);
    const std::string pager = o.format == "text" && terminal && !o.no_pager ? cli::pager() : "";
    std::ostringstream paged;
    std::ostream& dest = pager.empty() ? out : paged;
    const auto printer = o.format == "json" ? make_json_printer(dest, o.timeline)
                         : o.format == "compact"
                             ? make_compact_printer(dest, o.timeline)
                             : make_text_printer(dest, o.color, o.width, o.timeline);
    printer->print(options.query, results);
    if (!o.plot.empty())
      plot_timeline(results.timeline, options.query + " (articles per " + o.timeline + ")", o.plot);
    if (!pager.empty()) cli::page(pager, paged.str(), out);
    out.flush();
    return results.any_match ? 0 : 1;
  } catch (const std::exception& e) {
    err << "telusur: error: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

int run_search(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir, sort, color, topics_file, run_format, run_tag;
  std::string field_weights, prf, sdm, rm3, rerank, format, weighting, since, until;
  std::string timeline, plot;
  bool use_rm3 = false, no_vectors = false, no_rerank = false;
  std::size_t width = 0;
  bool no_pager = false;
  Searcher::OpenOptions open;
  std::size_t depth = 1000, threads = 0;
  std::vector<std::string> words;
  SearchOptions options;
  bool json = false, facets = false, names = false;
  std::size_t facet_limit = 10;

  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->default_value(cli::default_index()),
      "index directory (default: $TELUSUR_INDEX, else ./telusur.db)")(
      "all,a", po::bool_switch(&options.match_all),
      "require every query word (default: any, ranked)")(
      "limit,n", po::value(&options.limit)->default_value(10), "number of results")(
      "offset", po::value(&options.offset)->default_value(0), "skip this many results first")(
      "sort", po::value(&sort)->default_value("relevance"), "relevance, newest or oldest")(
      "json", po::bool_switch(&json), "JSON Lines output: one record per hit, then a summary")(
      "format", po::value(&format)->default_value("text"),
      "text, json (as --json) or compact (id<TAB>score<TAB>title per hit, for scripts)")(
      "width", po::value(&width),
      "wrap titles and snippets to this many columns (default: the terminal's width on a "
      "terminal, no wrapping when piped; 0: never)")(
      "no-pager", po::bool_switch(&no_pager),
      "never page (long text output on a terminal goes through $PAGER, default less -FRX)")(
      "facets", po::bool_switch(&facets),
      "after the hits, the most frequent persons, places and organisations of all matches")(
      "names", po::bool_switch(&names), "the same as --facets")(
      "facet-limit", po::value(&facet_limit)->default_value(10), "names per type with --facets")(
      "facet-sample", po::value(&options.facet_sample)->default_value(5000),
      "with --facets: count the names of this many matches at least and scale the counts to "
      "all of them (the output says so); 0: count every match")(
      "timeline", po::value(&timeline),
      "day, week, month or year: instead of the hits, the matching articles per period "
      "(every period from the first to the last, undated ones counted apart)")(
      "plot", po::value(&plot), "with --timeline: also draw the chart into FILE.png (gnuplot)")(
      "color", po::value(&color)->default_value("auto"),
      "auto, always or never (NO_COLOR disables auto)")(
      "weighting,w", po::value(&weighting)->default_value("bm25"),
      "ranking scheme NAME[:param=value,...]: bm25 (k1 k2 k3 b min_normlen), bm25+ (... "
      "delta), tfidf (norm), inl2 ifb2 ineb2 bb2 pl2 (c), pl2+ (c delta), dlh, dph, trad (k), "
      "coord, bool, lm-dirichlet (mu), lm-jm (lambda)")(
      "since", po::value(&since),
      "only articles dated on or after: YYYY[-MM[-DD]], \"Maret 2021\", or 7d, 2w, 3m, 1y ago")(
      "until", po::value(&until), "only articles dated on or before (same forms)")(
      "allow-partial", po::bool_switch(&open.allow_partial),
      "a sharded index: answer from the shards that respond, with a warning naming each one "
      "that does not (default: fail)")(
      "timeout", po::value(&open.timeout_ms)->default_value(10000),
      "remote shards: give up on an exchange after this many milliseconds")(
      "group", po::bool_switch(&options.group),
      "one hit per story: articles telling the same story (shared words, dates within 3 days) "
      "as one hit with the ids of the others")(
      "like", po::value(&options.like),
      "the articles most like the article with this id (its distinctive words), not itself")(
      "auto-correct", po::bool_switch(&options.auto_correct),
      "when nothing matches, search the spelling suggestion instead (and say so)")(
      "field-weights", po::value(&field_weights),
      "title=W,body=W: weigh matches in all text by body (default 1) and add matches in titles "
      "weighted by title (default 0)")(
      "prf", po::value(&prf),
      "pseudo-relevance feedback: terms=N,docs=N[,weight=W] (add the N best stems of the top "
      "docs, default 10 and 10, weight 0.5)")(
      "sdm", po::bool_switch(&options.sdm),
      "proximity: a sequential-dependence model (the words, adjacent pairs as phrases and "
      "within 8 words)")(
      "sdm-weights", po::value(&sdm),
      "with --sdm: words=W,ordered=W,unordered=W (default 0.85, 0.1, 0.05)")(
      "rm3", po::bool_switch(&use_rm3),
      "RM3 feedback: a relevance model of the top articles, its best stems beside the query")(
      "rm3-settings", po::value(&rm3),
      "with --rm3: docs=N,terms=N,weight=W (default 10, 10; the query keeps weight 0.5)")(
      "questions", po::bool_switch(&options.questions),
      "questions: interrogatives (siapa, kapan, di mana, berapa, ...) are no search terms, and "
      "articles holding an answer of the kind asked for weigh more")(
      "answer-weight", po::value(&options.answer_weight)->default_value(1.0),
      "with --questions: what an answer of the kind asked for adds")(
      "rerank", po::value(&rerank),
      "rerank the best --rerank-depth articles with this learned model (telusur-eval "
      "train-reranker) instead of the shipped one")(
      "no-rerank", po::bool_switch(&no_rerank),
      "rank by the weighting scheme alone (as any of --weighting, --sdm, --rm3, --prf, "
      "--questions and --sort other than relevance do)")(
      "rerank-depth", po::value(&options.rerank_depth)->default_value(20),
      "articles the reranker scores")(
      "no-vectors", po::bool_switch(&no_vectors),
      "with --rerank: leave the vector features out (as for an index without "
      "telusur-index --vectors)")(
      "topics", po::value(&topics_file),
      "batch run: search every topic of FILE (TREC <top> format or qid<TAB>query) as free "
      "text and print a TREC run")("run-format", po::value(&run_format)->default_value("trec"),
                                   "with --topics: trec (qid Q0 docid rank score tag)")(
      "run-tag", po::value(&run_tag),
      "with --topics: the run's tag (default: telusur.STEMMER.WEIGHTING, which records both)")(
      "depth", po::value(&depth)->default_value(1000), "with --topics: documents per topic")(
      "threads", po::value(&threads)->default_value(0),
      "with --topics: parallel searches (default 0: one per core)");
  po::variables_map vm;
  cli::add_version_option(visible);
  if (!cli::parse(argc, argv, visible, words, vm, err, "telusur")) return 2;
  if (cli::print_version(vm, out, "telusur")) return 0;
  if (vm.count("help")) {
    out << "Usage: telusur [--index DIR] [OPTIONS] QUERY...\n"
           "       telusur [--index DIR] --topics FILE [--run-tag TAG] [--depth N] [--weighting "
           "W]\n\n"
           "Searches an index built by telusur-index. QUERY uses Xapian's query syntax:\n"
           "words (any of them, ranked; --all for every one), \"phrases\", AND OR NOT,\n"
           "+required -excluded, trailing wildcard (presid*), and fields:\n"
           "  title: judul:  author: penulis:  source: sumber:  category: kategori:\n"
           "  person: tokoh:  place: tempat:  org: organisasi:  name: nama:\n"
           "  year:2024 tahun:2024  date:2024-01-01..2024-03-31 tanggal:2024..2025\n\n"
        << visible << "\nExit status: 0 results found, 1 nothing matched, 2 error.\n";
    return 0;
  }
  if (facets || names) options.facets = facet_limit == 0 ? 1 : facet_limit;
  if (!timeline.empty()) {
    options.timeline = parse_timeline_period(timeline);
    if (!options.timeline) {
      err << "telusur: error: --timeline must be day, week, month or year, not '" << timeline
          << "'\n";
      return 2;
    }
    options.limit = 0;  // the periods instead of the hits
  }
  if (!plot.empty() && timeline.empty()) {
    err << "telusur: error: --plot needs --timeline\n";
    return 2;
  }
  if (sort == "relevance")
    options.sort = SortOrder::kRelevance;
  else if (sort == "newest")
    options.sort = SortOrder::kNewest;
  else if (sort == "oldest")
    options.sort = SortOrder::kOldest;
  else {
    err << "telusur: error: --sort must be relevance, newest or oldest, not '" << sort << "'\n";
    return 2;
  }
  bool use_color = false;
  if (color == "always")
    use_color = true;
  else if (color == "auto")
    use_color = &out == &std::cout && isatty(STDOUT_FILENO);
  else if (color != "never") {
    err << "telusur: error: --color must be auto, always or never, not '" << color << "'\n";
    return 2;
  }
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) use_color = false;
  try {
    options.weighting = parse_weighting(weighting);
    options.dates = resolve_date_bounds(since, until);
    if (!field_weights.empty()) set_field_weights(options, field_weights);
    if (!prf.empty()) set_prf(options, prf);
    if (options.sdm || vm.count("sdm-weights")) set_sdm(options, sdm);
    if (use_rm3 || vm.count("rm3-settings")) set_rm3(options, rm3);
    if (!(options.answer_weight >= 0)) throw Error("--answer-weight must be >= 0");
    if (!rerank.empty()) {
      options.reranker = std::make_shared<RerankModel>(rerank);
    } else if (!no_rerank && default_ranking(vm, options)) {
      if (const std::string shipped = cli::shipped_reranker(); !shipped.empty())
        options.reranker = std::make_shared<RerankModel>(shipped);
      else if (!std::getenv("TELUSUR_RERANKER"))
        err << "telusur: warning: the shipped reranker (reranker.trees) is not installed; "
               "ranking by bm25 alone\n";
    }
    options.vector_features = !no_vectors;
  } catch (const Error& e) {
    err << "telusur: error: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("topics")) {
    if (!words.empty()) {
      err << "telusur: error: --topics takes no QUERY\n";
      return 2;
    }
    BatchRun batch{index_dir, topics_file, run_format, run_tag, depth, threads};
    return run_batch(batch, options, out, err);
  }
  for (const std::string& w : words) options.query += (options.query.empty() ? "" : " ") + w;
  if (!options.like.empty()) {
    if (!options.query.empty()) {
      err << "telusur: error: --like takes no QUERY\n";
      return 2;
    }
    options.query = "like:" + options.like;  // what the output names
  } else if (options.query.find_first_not_of(" \t\n") == std::string::npos) {
    err << "telusur: error: no query given (see telusur --help)\n";
    return 2;
  }
  if (json) format = "json";
  if (format != "text" && format != "json" && format != "compact") {
    err << "telusur: error: --format must be text, json or compact, not '" << format << "'\n";
    return 2;
  }
  options.hit_entities = format == "json";  // JSON hit records carry entity ids
  QueryOutput output{format, use_color, no_pager, vm.count("width") > 0, width, timeline, plot};
  return run_query(index_dir, open, options, output, out, err);
}

}  // namespace telusur
