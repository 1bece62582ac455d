#include "score_printer.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace telusur {
namespace {

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string star(double p) { return p < 0.05 ? "*" : ""; }

class TextScorePrinter : public ScorePrinter {
 public:
  explicit TextScorePrinter(std::ostream& out) : out_(out) {}
  void runs(const std::vector<ScoredRun>& runs, bool per_query) override {
    if (runs.size() == 1) out_ << format_trec_eval(runs[0].eval, runs[0].tag, per_query);
  }
  void begin_comparisons(const std::vector<ScoredRun>& runs) override {
    out_ << pad("measure", 16);
    for (const ScoredRun& r : runs) out_ << "\t" << r.tag;
    out_ << "\n";
  }
  void comparisons(const std::vector<Comparison>& measure) override {
    if (measure.empty()) return;
    out_ << pad(measure[0].measure, 16) << "\t" << fixed(measure[0].baseline_value);
    for (const Comparison& c : measure) {
      const double diff = c.value - c.baseline_value;
      const Significance& s = c.significance;
      out_ << "\t" << fixed(c.value) << " (" << (diff >= 0 ? "+" : "") << fixed(diff)
           << "; t p=" << fixed(s.t_test_p) << star(s.t_test_p)
           << ", rand p=" << fixed(s.randomisation_p) << star(s.randomisation_p) << ")";
    }
    out_ << "\n";
  }

 private:
  std::ostream& out_;
};

class JsonScorePrinter : public ScorePrinter {
 public:
  explicit JsonScorePrinter(std::ostream& out) : out_(out) {}
  void runs(const std::vector<ScoredRun>& runs, bool per_query) override {
    for (const ScoredRun& r : runs) {
      nlohmann::ordered_json j;
      j["type"] = "run";
      j["run"] = r.tag;
      j["file"] = r.file;
      for (std::size_t m = 0; m < r.eval.measures.size(); ++m)
        j["all"][r.eval.measures[m]] = r.eval.all[m];
      if (per_query)
        for (const auto& [qid, values] : r.eval.per_query)
          for (std::size_t m = 0; m < values.size(); ++m)
            j["per_query"][qid][r.eval.measures[m]] = values[m];
      write(j);
    }
  }
  void begin_comparisons(const std::vector<ScoredRun>&) override {}
  void comparisons(const std::vector<Comparison>& measure) override {
    for (const Comparison& c : measure) {
      nlohmann::ordered_json j;
      j["type"] = "comparison";
      j["measure"] = c.measure;
      j["baseline"] = c.baseline->tag;
      j["run"] = c.run->tag;
      j["baseline_value"] = c.baseline_value;
      j["value"] = c.value;
      j["difference"] = c.value - c.baseline_value;
      j["queries"] = c.significance.queries;
      j["t_test_p"] = c.significance.t_test_p;
      j["randomisation_p"] = c.significance.randomisation_p;
      write(j);
    }
  }

 private:
  void write(const nlohmann::ordered_json& j) {
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ScorePrinter> make_text_score_printer(std::ostream& out) {
  return std::make_unique<TextScorePrinter>(out);
}

std::unique_ptr<ScorePrinter> make_json_score_printer(std::ostream& out) {
  return std::make_unique<JsonScorePrinter>(out);
}

}  // namespace telusur
