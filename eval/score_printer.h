// Output formats of `telusur-eval score`: one interface, one implementation
// per format (as telusur's ResultPrinter).
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "evaluation.h"

namespace telusur {

// One run scored: its tag, the file it was read from, its evaluation.
struct ScoredRun {
  std::string tag;
  std::string file;
  Evaluation eval;
};

// One measure of a run against the first run (the baseline).
struct Comparison {
  std::string measure;
  const ScoredRun* baseline = nullptr;
  const ScoredRun* run = nullptr;
  double baseline_value = 0, value = 0;
  Significance significance;
};

class ScorePrinter {
 public:
  virtual ~ScorePrinter() = default;
  // The runs scored, before any comparison; `per_query` adds each query's values.
  virtual void runs(const std::vector<ScoredRun>& runs, bool per_query) = 0;
  // Before the comparisons of two or more runs.
  virtual void begin_comparisons(const std::vector<ScoredRun>& runs) = 0;
  // One measure: every run against the baseline, in run order.
  virtual void comparisons(const std::vector<Comparison>& measure) = 0;
};

// trec_eval's three columns for a single run; for two or more, a table of
// each measure per run with the difference to the first and the p-values.
std::unique_ptr<ScorePrinter> make_text_score_printer(std::ostream& out);

// JSON Lines: a {"type":"run"} record per run, a {"type":"comparison"}
// record per measure and run after the first.
std::unique_ptr<ScorePrinter> make_json_score_printer(std::ostream& out);

}  // namespace telusur
