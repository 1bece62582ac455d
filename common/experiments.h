// Ranking experiments on top of batch runs: a known-item test collection
// generated from an index, parameter sweeps, and charts drawn by gnuplot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "batch.h"
#include "evaluation.h"

namespace telusur {

struct KnownItemOptions {
  std::size_t topics = 1000;   // how many known items to sample
  std::uint64_t seed = 42;     // sampling is deterministic for a seed
  std::size_t min_body = 300;  // shorter bodies are stubs, never targets
};

struct KnownItemStats {
  std::size_t articles = 0;    // in the index
  std::size_t empty = 0;       // without a body: left out of the corpus
  std::size_t candidates = 0;  // could be targets
  std::size_t stubs = 0;       // bodies under min_body bytes
  std::size_t untitled = 0;    // no title, or a title made from the body
  std::size_t duplicates = 0;  // a title or a body that another article shares
  std::size_t topics = 0;      // sampled
};

// Builds a known-item collection from the index at `index_dir` (articles
// with titles): `out_dir`/corpus.jsonl holds every article with a body,
// without its title (id, body, date, source, author, category, url), topics.tsv the
// titles of `topics` sampled targets as queries, qrels.txt each topic's
// target. Stubs, untitled articles and articles whose title or body
// another article shares are never targets. Throws IndexError or Error
// (naming the file that cannot be written).
KnownItemStats make_known_item(const std::string& index_dir, const std::string& out_dir,
                               const KnownItemOptions& options);

// One axis of a sweep: a parameter of the scheme and its values, written
// "k1=0.5:1.5:0.25" (start:stop:step, stop included) or "k1=0.6,0.9,1.2".
struct SweepAxis {
  std::string param;
  std::vector<double> values;
};

// Throws Error naming the bad text.
SweepAxis parse_sweep_axis(std::string_view text);

struct SweepPoint {
  std::vector<double> values;  // one per axis
  std::string weighting;       // the full scheme
  double metric = 0;           // the chosen measure's "all" value
};

// Runs the topics once per point of the grid (every combination of the axes'
// values) with `scheme` and the point's parameters, and evaluates each run.
// Throws QueryError for a scheme without one of the parameters.
std::vector<SweepPoint> sweep(const std::string& index_dir, const std::vector<Topic>& topics,
                              const Qrels& qrels, const std::string& scheme,
                              const std::vector<SweepAxis>& axes, const std::string& metric,
                              const EvalOptions& eval, const BatchOptions& batch);

// Draws a sweep with gnuplot into a PNG: a line chart for one axis, a
// heatmap (with the values printed in the cells) for two. Throws Error when
// gnuplot is missing or fails.
void plot_sweep(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points,
                const std::string& scheme, const std::string& metric, const std::string& png);

// Draws interpolated precision at recall 0.0, 0.1, ..., 1.0 of each named
// run (trec_eval's iprec_at_recall) into a PNG. Throws Error as above.
void plot_precision_recall(const std::vector<std::string>& names,
                           const std::vector<std::vector<double>>& iprec, const std::string& png);

}  // namespace telusur
