// Relevance evaluation with trec_eval's definitions and conventions, so that
// numbers agree with trec_eval 9 to 4 decimal places on the same qrels and run:
//
// - A run's documents for a query are ranked by score (highest first), ties
//   broken by document id in decreasing byte order (trec_eval's
//   comp_sim_docno); the rank column of the run file is ignored.
// - A document is relevant when its judgement is >= 1 (trec_eval -l1);
//   unjudged documents count as not relevant, except in bpref, which reads
//   judged documents only.
// - Only the queries in both the run and the qrels are evaluated and
//   averaged ("all"); with `complete` (trec_eval -c) the average is over
//   every query of the qrels, a query missing from the run scoring 0.
//   A query whose judgements hold no relevant document is evaluated
//   (its map, recall, recip_rank, ... are 0).
// - `max_docs` (trec_eval -M) keeps only the first N ranked documents.
// - nDCG: gain = the judgement, discount log2(rank + 1) (m_ndcg_cut.c)
//   (trec_eval's ndcg_cut); the ideal ranking is the judgements sorted.
// - A run with the same document twice for a query, or qrels with the same
//   document twice, is an error (as in trec_eval).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// Judgements: query id -> document id -> relevance (0 = judged not relevant).
struct Qrels {
  std::map<std::string, std::map<std::string, int>> by_query;
};

// Parses qrels text ("qid iter docid rel" per line, whitespace separated).
// Throws Error naming `name` and the line of the first bad line.
Qrels parse_qrels(std::string_view text, const std::string& name);
// Reads a qrels file; throws Error naming the file.
Qrels read_qrels(const std::string& path);

struct RunEntry {
  std::string doc;
  double score = 0;
};

// A TREC run: "qid Q0 docid rank score tag" per line.
struct TrecRun {
  std::string tag;  // the tag of the first line
  std::map<std::string, std::vector<RunEntry>> by_query;
};

// Parses run text. Throws Error naming `name` and the line of a bad line or
// of a document listed twice for a query.
TrecRun parse_run(std::string_view text, const std::string& name);
TrecRun read_run(const std::string& path);

// A topic: its id and its query text (the <title> of a TREC topic).
struct Topic {
  std::string id;
  std::string query;
};

// Parses topics: TREC format ("<top> <num> Number: 301 <title> ... </top>",
// the title is the query; "Number:" is optional) when the text has a <top>,
// else TSV ("qid<TAB>query" per line; blank lines skipped). Throws Error
// naming `name` and the line of a topic without an id or a query, or an id
// given twice.
std::vector<Topic> parse_topics(std::string_view text, const std::string& name);
std::vector<Topic> read_topics(const std::string& path);

// One query's ranked documents as TREC run lines ("qid Q0 docid rank score
// tag"): sorted by score, ties broken by document id in decreasing order
// (as trec_eval breaks them, so its ranking is the rank column), scores
// printed so that they read back as the same doubles.
std::string format_run_lines(const std::string& qid, std::vector<RunEntry> ranked,
                             const std::string& tag);

// The measures trec_eval prints by default that Telusur computes, in
// trec_eval's order: num_q num_ret num_rel num_rel_ret map Rprec bpref
// recip_rank P_5 ... P_1000, plus ndcg_cut_10, success_1/5/10 and
// recall_5 ... recall_1000.
std::vector<std::string> default_measures();

// Whether `name` is a measure evaluate() knows: num_q, num_ret, num_rel,
// num_rel_ret, map, Rprec, bpref, recip_rank, P_K, recall_K, ndcg_cut_K,
// success_K (K a positive integer) and iprec_at_recall_L (L in 0..1, e.g.
// 0.10: interpolated precision at that recall, for precision-recall charts).
bool is_known_measure(std::string_view name);

// Whether a measure is a count (printed as an integer, summed in "all").
bool is_count_measure(std::string_view name);

struct EvalOptions {
  std::vector<std::string> measures = default_measures();
  bool complete = false;     // trec_eval -c
  std::size_t max_docs = 0;  // trec_eval -M; 0: all
};

// Per-query values and their average, one value per measure, in the order
// of EvalOptions::measures.
struct Evaluation {
  std::vector<std::string> measures;
  std::map<std::string, std::vector<double>> per_query;  // evaluated queries only
  std::vector<double> all;
  std::size_t num_q = 0;  // queries averaged over
};

// Evaluates a run. Throws Error for an unknown measure.
Evaluation evaluate(const Qrels& qrels, const TrecRun& run, const EvalOptions& options);

// trec_eval's output: "measure<TAB>qid<TAB>value" with the measure padded to
// 22 characters, counts as integers and the rest with 4 decimals; the
// per-query lines (sorted by query id) first when `per_query`, then "all"
// (and a runid line).
std::string format_trec_eval(const Evaluation& e, const std::string& run_tag, bool per_query);

// Paired significance of the difference b - a over the queries both
// evaluated (by query id). Two-sided p-values.
struct Significance {
  std::size_t queries = 0;
  double mean_a = 0, mean_b = 0;
  double t_test_p = 1;         // paired Student's t-test
  double randomisation_p = 1;  // paired randomisation (permutation) test
};

// `trials` random sign flips with a fixed seed, so the result is
// reproducible. p = (extreme + 1) / (trials + 1).
Significance compare(const std::map<std::string, double>& a, const std::map<std::string, double>& b,
                     std::size_t trials = 10000, std::uint64_t seed = 20261122);

}  // namespace telusur
