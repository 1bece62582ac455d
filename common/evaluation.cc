#include "evaluation.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "status.h"
#include "text.h"

namespace telusur {
namespace {

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::string read_whole(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(std::string("cannot read ") + what + " '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A measure name split into its base and cutoff ("P_10" -> "P", 10).
struct MeasureName {
  std::string base;
  std::size_t cutoff = 0;
  double level = 0;  // iprec_at_recall
};

bool split_measure(std::string_view name, MeasureName& out) {
  constexpr std::string_view kIprec = "iprec_at_recall_";
  if (name.substr(0, kIprec.size()) == kIprec) {
    const std::string level(name.substr(kIprec.size()));
    char* end = nullptr;
    const double v = std::strtod(level.c_str(), &end);
    if (level.empty() || end != level.c_str() + level.size() || !(v >= 0 && v <= 1)) return false;
    out = {"iprec_at_recall", 0, v};
    return true;
  }
  for (std::string_view base : {"P", "recall", "ndcg_cut", "success"}) {
    if (name.size() > base.size() + 1 && name.substr(0, base.size()) == base &&
        name[base.size()] == '_') {
      const std::string_view digits = name.substr(base.size() + 1);
      std::size_t k = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
      if (ec != std::errc() || end != digits.data() + digits.size() || k == 0) return false;
      out = {std::string(base), k};
      return true;
    }
  }
  for (std::string_view plain :
       {"num_q", "num_ret", "num_rel", "num_rel_ret", "map", "Rprec", "bpref", "recip_rank"}) {
    if (name == plain) {
      out = {std::string(plain), 0};
      return true;
    }
  }
  return false;
}

// One query's ranked relevance list, as trec_eval's te_form_res_rels makes it.
struct Ranked {
  std::vector<int> rel;  // per rank: the judgement, -1 when not judged
  std::size_t num_rel = 0;
  std::size_t num_nonrel = 0;  // judged not relevant
  std::vector<int> gains;      // judgements >= 1, highest first (the ideal ranking)
};

Ranked rank_query(const std::map<std::string, int>& judged, std::vector<RunEntry> entries,
                  std::size_t max_docs) {
  std::sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc > b.doc;  // trec_eval: ties by docno, decreasing
  });
  if (max_docs && entries.size() > max_docs) entries.resize(max_docs);
  Ranked r;
  for (const RunEntry& e : entries) {
    const auto it = judged.find(e.doc);
    r.rel.push_back(it == judged.end() ? -1 : it->second);
  }
  for (const auto& [doc, rel] : judged) {
    if (rel >= 1) {
      ++r.num_rel;
      r.gains.push_back(rel);
    } else if (rel == 0) {
      ++r.num_nonrel;
    }
  }
  std::sort(r.gains.rbegin(), r.gains.rend());
  return r;
}

// nDCG's discount of the document at 0-based rank i: log2(rank + 1), as
// trec_eval's m_ndcg_cut.c (gain / log2(i + 2)).
double discount(std::size_t i) { return std::log2(static_cast<double>(i + 2)); }

double measure_value(const MeasureName& m, const Ranked& r) {
  const std::size_t n = r.rel.size();
  const auto rel_in_top = [&](std::size_t k) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < std::min(k, n); ++i) count += r.rel[i] >= 1;
    return count;
  };
  const double num_rel = static_cast<double>(r.num_rel);
  if (m.base == "num_q") return 1;
  if (m.base == "num_ret") return static_cast<double>(n);
  if (m.base == "num_rel") return num_rel;
  if (m.base == "num_rel_ret") return static_cast<double>(rel_in_top(n));
  if (m.base == "map") {
    double sum = 0;
    std::size_t so_far = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (r.rel[i] >= 1) sum += static_cast<double>(++so_far) / static_cast<double>(i + 1);
    return r.num_rel ? sum / num_rel : 0;
  }
  if (m.base == "Rprec")
    return r.num_rel ? static_cast<double>(rel_in_top(r.num_rel)) / num_rel : 0;
  if (m.base == "bpref") {
    double sum = 0;
    std::size_t nonrel_so_far = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (r.rel[i] < 0) continue;  // not judged: skipped
      if (r.rel[i] == 0) {
        ++nonrel_so_far;
      } else if (nonrel_so_far > 0) {
        sum += 1.0 - static_cast<double>(std::min(nonrel_so_far, r.num_rel)) /
                         static_cast<double>(std::min(r.num_nonrel, r.num_rel));
      } else {
        sum += 1.0;
      }
    }
    return r.num_rel ? sum / num_rel : 0;
  }
  if (m.base == "recip_rank") {
    for (std::size_t i = 0; i < n; ++i)
      if (r.rel[i] >= 1) return 1.0 / static_cast<double>(i + 1);
    return 0;
  }
  if (m.base == "P")
    return static_cast<double>(rel_in_top(m.cutoff)) / static_cast<double>(m.cutoff);
  if (m.base == "recall")
    return r.num_rel ? static_cast<double>(rel_in_top(m.cutoff)) / num_rel : 0;
  if (m.base == "success") return rel_in_top(m.cutoff) > 0 ? 1 : 0;
  if (m.base == "iprec_at_recall") {
    // trec_eval: the best precision at any rank holding at least
    // (long)(level * num_rel + 0.9) relevant documents, computed as
    // m_iprec_at_recall.c does (0.7 of 3 is 2, in floating point).
    if (!r.num_rel) return 0;
    const auto needed = static_cast<long>(m.level * num_rel + 0.9);
    double best = 0;
    long so_far = 0;
    for (std::size_t i = 0; i < n; ++i) {
      so_far += r.rel[i] >= 1;
      if (so_far >= needed)
        best = std::max(best, static_cast<double>(so_far) / static_cast<double>(i + 1));
    }
    return best;
  }
  if (m.base == "ndcg_cut") {
    double dcg = 0, ideal = 0;
    for (std::size_t i = 0; i < std::min(m.cutoff, n); ++i)
      if (r.rel[i] > 0) dcg += r.rel[i] / discount(i);
    for (std::size_t i = 0; i < std::min(m.cutoff, r.gains.size()); ++i)
      ideal += r.gains[i] / discount(i);
    return ideal > 0 ? dcg / ideal : dcg;
  }
  return 0;
}

}  // namespace

// Calls fn(fields, where, line_no) for each non-blank line of `text`, which
// must have `count` whitespace-separated fields (else Error naming
// `name`:LINE and `layout`).
template <typename Fn>
void for_each_record(std::string_view text, const std::string& name, std::size_t count,
                     std::string_view layout, Fn&& fn) {
  std::size_t line_no = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_no;
    const auto f = fields_of(line);
    if (f.empty()) continue;
    const std::string where = name + ":" + std::to_string(line_no);
    if (f.size() != count) throw Error(where + ": expected '" + std::string(layout) + "'");
    fn(f, where, line_no);
  }
}

Qrels parse_qrels(std::string_view text, const std::string& name) {
  Qrels q;
  for_each_record(
      text, name, 4, "qid iter docid relevance",
      [&](const auto& f, const std::string& where, std::size_t) {
        int rel = 0;
        const auto [end, ec] = std::from_chars(f[3].data(), f[3].data() + f[3].size(), rel);
        if (ec != std::errc() || end != f[3].data() + f[3].size())
          throw Error(where + ": relevance '" + std::string(f[3]) + "' is not an integer");
        auto& docs = q.by_query[std::string(f[0])];
        if (!docs.emplace(std::string(f[2]), rel).second)
          throw Error(where + ": document '" + std::string(f[2]) + "' judged twice for query '" +
                      std::string(f[0]) + "'");
      });
  return q;
}

Qrels read_qrels(const std::string& path) { return parse_qrels(read_whole(path, "qrels"), path); }

TrecRun parse_run(std::string_view text, const std::string& name) {
  TrecRun run;
  std::map<std::string, std::map<std::string, std::size_t>> seen;
  for_each_record(text, name, 6, "qid Q0 docid rank score tag",
                  [&](const auto& f, const std::string& where, std::size_t line_no) {
                    char* end = nullptr;
                    const std::string score_text(f[4]);
                    const double score = std::strtod(score_text.c_str(), &end);
                    if (end != score_text.c_str() + score_text.size() || !std::isfinite(score))
                      throw Error(where + ": score '" + score_text + "' is not a number");
                    if (run.tag.empty()) run.tag = std::string(f[5]);
                    const std::string qid(f[0]), doc(f[2]);
                    if (!seen[qid].emplace(doc, line_no).second)
                      throw Error(where + ": document '" + doc + "' listed twice for query '" +
                                  qid + "' (first on line " + std::to_string(seen[qid][doc]) + ")");
                    run.by_query[qid].push_back({doc, score});
                  });
  return run;
}

TrecRun read_run(const std::string& path) { return parse_run(read_whole(path, "run"), path); }

std::vector<Topic> parse_topics(std::string_view text, const std::string& name) {
  std::vector<Topic> topics;
  std::map<std::string, std::size_t> seen;
  const auto add = [&](Topic t, std::size_t line_no) {
    const std::string where = name + ":" + std::to_string(line_no);
    if (t.id.empty()) throw Error(where + ": topic without an id");
    if (t.query.find_first_not_of(" \t") == std::string::npos)
      throw Error(where + ": topic '" + t.id + "' has no query");
    if (!seen.emplace(t.id, line_no).second)
      throw Error(where + ": topic '" + t.id + "' given twice (first on line " +
                  std::to_string(seen[t.id]) + ")");
    topics.push_back(std::move(t));
  };
  std::size_t line_no = 0;
  if (text.find("<top>") != std::string_view::npos) {
    // TREC: tags start lines; a field runs until the next tag.
    Topic current;
    std::string* field = nullptr;
    std::size_t start_line = 0;
    bool open = false;
    for (std::string_view line : split_lines(text)) {
      ++line_no;
      std::string_view rest = trim(line);
      while (!rest.empty()) {
        if (rest.front() == '<') {
          const std::size_t close = rest.find('>');
          if (close == std::string_view::npos) break;
          const std::string_view tag = rest.substr(1, close - 1);
          rest = trim(rest.substr(close + 1));
          field = nullptr;
          if (tag == "top") {
            current = Topic{};
            open = true;
            start_line = line_no;
          } else if (tag == "/top") {
            if (open) add(std::move(current), start_line);
            open = false;
          } else if (tag == "num") {
            if (rest.substr(0, 7) == "Number:") rest = trim(rest.substr(7));
            field = &current.id;
          } else if (tag == "title") {
            if (rest.substr(0, 6) == "Topic:") rest = trim(rest.substr(6));
            field = &current.query;
          }
          continue;
        }
        const std::size_t next = rest.find('<');
        const std::string_view words = trim(rest.substr(0, next));
        if (field && !words.empty()) {
          if (!field->empty()) *field += ' ';
          *field += std::string(words);
        }
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next);
      }
    }
    if (open) throw Error(name + ":" + std::to_string(start_line) + ": <top> without </top>");
    return topics;
  }
  for (std::string_view line : split_lines(text)) {
    ++line_no;
    if (trim(line).empty()) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw Error(name + ":" + std::to_string(line_no) + ": expected 'qid<TAB>query'");
    add({std::string(trim(line.substr(0, tab))), std::string(trim(line.substr(tab + 1)))}, line_no);
  }
  return topics;
}

std::vector<Topic> read_topics(const std::string& path) {
  return parse_topics(read_whole(path, "topics"), path);
}

std::string format_run_lines(const std::string& qid, std::vector<RunEntry> ranked,
                             const std::string& tag) {
  std::stable_sort(ranked.begin(), ranked.end(), [](const RunEntry& a, const RunEntry& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc > b.doc;
  });
  std::string out;
  char score[64];
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    std::snprintf(score, sizeof score, "%.17g", ranked[i].score);
    out +=
        qid + " Q0 " + ranked[i].doc + " " + std::to_string(i + 1) + " " + score + " " + tag + "\n";
  }
  return out;
}

std::vector<std::string> default_measures() {
  std::vector<std::string> m = {"num_q", "num_ret", "num_rel", "num_rel_ret",
                                "map",   "Rprec",   "bpref",   "recip_rank"};
  for (int k : {5, 10, 15, 20, 30, 100, 200, 500, 1000}) m.push_back("P_" + std::to_string(k));
  for (int k : {5, 10, 15, 20, 30, 100, 200, 500, 1000}) m.push_back("recall_" + std::to_string(k));
  m.push_back("ndcg_cut_10");
  for (int k : {1, 5, 10}) m.push_back("success_" + std::to_string(k));
  return m;
}

bool is_known_measure(std::string_view name) {
  MeasureName m;
  return split_measure(name, m);
}

bool is_count_measure(std::string_view name) {
  return name == "num_q" || name == "num_ret" || name == "num_rel" || name == "num_rel_ret";
}

Evaluation evaluate(const Qrels& qrels, const TrecRun& run, const EvalOptions& options) {
  std::vector<MeasureName> names;
  for (const std::string& m : options.measures) {
    MeasureName parsed;
    if (!split_measure(m, parsed))
      throw Error("unknown measure '" + m +
                  "' (known: num_q num_ret num_rel num_rel_ret map Rprec bpref recip_rank "
                  "P_K recall_K ndcg_cut_K success_K)");
    names.push_back(parsed);
  }
  Evaluation e;
  e.measures = options.measures;
  e.all.assign(names.size(), 0);
  for (const auto& [qid, entries] : run.by_query) {
    const auto judged = qrels.by_query.find(qid);
    if (judged == qrels.by_query.end()) continue;  // no judgements: ignored
    const Ranked r = rank_query(judged->second, entries, options.max_docs);
    std::vector<double>& values = e.per_query[qid];
    for (const MeasureName& m : names) values.push_back(measure_value(m, r));
    for (std::size_t i = 0; i < names.size(); ++i) e.all[i] += values[i];
  }
  e.num_q = e.per_query.size();
  std::size_t averaged = e.num_q;
  if (options.complete) {
    averaged = qrels.by_query.size();
    // A query missing from the run still has its relevant documents.
    for (const auto& [qid, judged] : qrels.by_query) {
      if (e.per_query.count(qid)) continue;
      const Ranked r = rank_query(judged, {}, 0);
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i].base == "num_rel") e.all[i] += static_cast<double>(r.num_rel);
    }
    e.num_q = averaged;
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].base == "num_q")
      e.all[i] = static_cast<double>(e.num_q);
    else if (!is_count_measure(e.measures[i]))
      e.all[i] = averaged ? e.all[i] / static_cast<double>(averaged) : 0;
  }
  return e;
}

std::string format_trec_eval(const Evaluation& e, const std::string& run_tag, bool per_query) {
  std::string out;
  char buf[512];
  const auto line = [&](const std::string& measure, const std::string& qid, double value) {
    if (is_count_measure(measure))
      std::snprintf(buf, sizeof buf, "%-22s\t%s\t%lld\n", measure.c_str(), qid.c_str(),
                    static_cast<long long>(std::llround(value)));
    else
      std::snprintf(buf, sizeof buf, "%-22s\t%s\t%.4f\n", measure.c_str(), qid.c_str(), value);
    out += buf;
  };
  if (per_query)
    for (const auto& [qid, values] : e.per_query)
      for (std::size_t i = 0; i < e.measures.size(); ++i)
        if (e.measures[i] != "num_q") line(e.measures[i], qid, values[i]);
  std::snprintf(buf, sizeof buf, "%-22s\tall\t%s\n", "runid", run_tag.c_str());
  out += buf;
  for (std::size_t i = 0; i < e.measures.size(); ++i) line(e.measures[i], "all", e.all[i]);
  return out;
}

Significance compare(const std::map<std::string, double>& a, const std::map<std::string, double>& b,
                     std::size_t trials, std::uint64_t seed) {
  std::vector<double> diffs;
  Significance s;
  for (const auto& [qid, va] : a) {
    const auto it = b.find(qid);
    if (it == b.end()) continue;
    diffs.push_back(it->second - va);
    s.mean_a += va;
    s.mean_b += it->second;
  }
  s.queries = diffs.size();
  if (diffs.empty()) return s;
  const double n = static_cast<double>(diffs.size());
  s.mean_a /= n;
  s.mean_b /= n;
  double mean = 0;
  for (double d : diffs) mean += d;
  mean /= n;
  double var = 0;
  for (double d : diffs) var += (d - mean) * (d - mean);
  var = diffs.size() > 1 ? var / (n - 1) : 0;
  if (var > 0) {
    const double t = mean / std::sqrt(var / n);
    const boost::math::students_t dist(n - 1);
    s.t_test_p = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(t))));
  } else {
    s.t_test_p = mean == 0 ? 1 : 0;
  }
  // Randomisation: under the null hypothesis each difference's sign is a coin
  // flip; p is the share of flips whose mean is at least as far from 0.
  std::mt19937_64 rng(seed);
  const double observed = std::fabs(mean) - 1e-12;
  std::size_t extreme = 0;
  for (std::size_t t = 0; t < trials; ++t) {
    double sum = 0;
    for (double d : diffs) sum += (rng() & 1) ? d : -d;
    if (std::fabs(sum / n) >= observed) ++extreme;
  }
  s.randomisation_p = static_cast<double>(extreme + 1) / static_cast<double>(trials + 1);
  return s;
}

}  // namespace telusur
