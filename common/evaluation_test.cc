#include "evaluation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "status.h"

namespace telusur {
namespace {

// q1 has three relevant documents (d3 graded 2), two judged not relevant;
// q2 has judgements but nothing relevant; q3 is missing from the run; qX is
// not judged. In q1, d9 (unjudged) and d1 tie at 8: trec_eval ranks the
// larger document id first, so d9 is 3rd and d1 4th.
constexpr std::string_view kQrels =
    "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 2\nq1 0 d4 1\nq1 0 d5 0\n"
    "q2 0 d1 0\n"
    "q3 0 d7 1\n";
constexpr std::string_view kRun =
    "q1 Q0 d3 1 10 r\nq1 Q0 d2 2 9 r\nq1 Q0 d1 3 8 r\nq1 Q0 d9 4 8 r\nq1 Q0 d6 5 5 r\n"
    "q2 Q0 d1 1 1.0 r\nq2 Q0 d5 2 0.5 r\n"
    "qX Q0 dz 1 3 r\n";

double value(const Evaluation& e, const std::string& qid, const std::string& measure) {
  for (std::size_t i = 0; i < e.measures.size(); ++i)
    if (e.measures[i] == measure) return qid == "all" ? e.all[i] : e.per_query.at(qid)[i];
  ADD_FAILURE() << "no measure " << measure;
  return NAN;
}

// Hand-computed, following trec_eval's definitions (see evaluation.h).
TEST(Evaluation, MeasuresMatchHandComputedValues) {
  const Qrels qrels = parse_qrels(kQrels, "qrels");
  const TrecRun run = parse_run(kRun, "run");
  EvalOptions all;
  for (const char* m : {"iprec_at_recall_0.00", "iprec_at_recall_0.50", "iprec_at_recall_1.00"})
    all.measures.push_back(m);
  const Evaluation e = evaluate(qrels, run, all);
  struct Row {
    const char* qid;
    const char* measure;
    double expected;
  };
  const Row rows[] = {
      {"q1", "num_ret", 5},
      {"q1", "num_rel", 3},
      {"q1", "num_rel_ret", 2},
      {"q1", "map", (1.0 / 1 + 2.0 / 4) / 3},        // d3 at 1, d1 at 4
      {"q1", "Rprec", 1.0 / 3},                      // d3 d2 d9
      {"q1", "bpref", (1.0 + (1.0 - 1.0 / 2)) / 3},  // d1 after one of 2 non-rel
      {"q1", "recip_rank", 1},
      {"q1", "P_5", 0.4},
      {"q1", "P_10", 0.2},
      {"q1", "recall_5", 2.0 / 3},
      {"q1", "success_1", 1},
      // gain / log2(rank + 1): d3 (2) at 1, d1 (1) at 4; ideal 2, 1, 1
      {"q1", "ndcg_cut_10", (2 + 1 / std::log2(5.0)) / (2 + 1 / std::log2(3.0) + 1 / std::log2(4.0))},
      {"q1", "iprec_at_recall_0.00", 1},    // d3 at rank 1
      {"q1", "iprec_at_recall_0.50", 0.5},  // 2 of 3 only at rank 4: 2/4
      {"q1", "iprec_at_recall_1.00", 0},    // d4 never retrieved
      {"q2", "num_rel", 0},
      {"q2", "map", 0},
      {"q2", "recip_rank", 0},
      {"q2", "ndcg_cut_10", 0},
      {"q2", "bpref", 0},
      {"q2", "success_10", 0},
      {"all", "num_q", 2},
      {"all", "num_ret", 7},
      {"all", "num_rel", 3},
      {"all", "map", 0.25},
      {"all", "P_5", 0.2},
      {"all", "ndcg_cut_10", (2 + 1 / std::log2(5.0)) / (2 + 1 / std::log2(3.0) + 0.5) / 2},
      {"all", "recip_rank", 0.5},
  };
  for (const Row& r : rows)
    EXPECT_NEAR(value(e, r.qid, r.measure), r.expected, 1e-9) << r.qid << " " << r.measure;
  EXPECT_EQ(e.per_query.count("qX"), 0u);  // not judged: ignored
  EXPECT_EQ(e.per_query.count("q3"), 0u);  // not in the run
}

TEST(Evaluation, CompleteAveragesOverEveryJudgedQuery) {
  EvalOptions o;
  o.complete = true;
  const Evaluation e = evaluate(parse_qrels(kQrels, "qrels"), parse_run(kRun, "run"), o);
  EXPECT_EQ(value(e, "all", "num_q"), 3);
  EXPECT_NEAR(value(e, "all", "map"), 0.5 / 3, 1e-9);
  EXPECT_EQ(value(e, "all", "num_rel"), 4);
}

TEST(Evaluation, MaxDocsCutsEachRanking) {
  EvalOptions o;
  o.max_docs = 2;
  o.measures = {"map", "num_ret", "recip_rank"};
  const Evaluation e = evaluate(parse_qrels(kQrels, "qrels"), parse_run(kRun, "run"), o);
  EXPECT_NEAR(value(e, "q1", "map"), 1.0 / 3, 1e-9);
  EXPECT_EQ(value(e, "q1", "num_ret"), 2);
}

TEST(Evaluation, OutputHasTrecEvalsColumns) {
  EvalOptions o;
  o.measures = {"num_q", "map", "P_5"};
  const Evaluation e = evaluate(parse_qrels(kQrels, "qrels"), parse_run(kRun, "run"), o);
  EXPECT_EQ(format_trec_eval(e, "r", false),
            "runid                 \tall\tr\n"
            "num_q                 \tall\t2\n"
            "map                   \tall\t0.2500\n"
            "P_5                   \tall\t0.2000\n");
  const std::string q = format_trec_eval(e, "r", true);
  EXPECT_EQ(q.substr(0, q.find('\n') + 1), "map                   \tq1\t0.5000\n");
}

TEST(Evaluation, BadInputIsAnErrorNamingTheLine) {
  const struct {
    std::string_view qrels, run, message;
  } rows[] = {
      {"q1 0 d1\n", "", "qrels:1: expected 'qid iter docid relevance'"},
      {"q1 0 d1 x\n", "", "qrels:1: relevance 'x' is not an integer"},
      {"q1 0 d1 1\nq1 0 d1 0\n", "", "qrels:2: document 'd1' judged twice"},
      {"", "q1 Q0 d1 1 abc r\n", "run:1: score 'abc' is not a number"},
      {"", "q1 Q0 d1 1 2 r\nq1 Q0 d1 2 1 r\n", "run:2: document 'd1' listed twice"},
      {"", "q1 Q0 d1 1 2\n", "run:1: expected 'qid Q0 docid rank score tag'"},
  };
  for (const auto& r : rows) {
    try {
      parse_qrels(r.qrels, "qrels");
      parse_run(r.run, "run");
      ADD_FAILURE() << "no error for " << r.qrels << r.run;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(r.message), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(evaluate(Qrels{}, TrecRun{}, EvalOptions{{"ndcg"}, false, 0}), Error);
  EXPECT_TRUE(is_known_measure("ndcg_cut_20"));
  EXPECT_FALSE(is_known_measure("P_0"));
  EXPECT_FALSE(is_known_measure("P_x"));
}

TEST(Evaluation, ParsesTrecAndTsvTopics) {
  const auto trec = parse_topics(
      "<top>\n<num> Number: 301\n<title> Harga beras\nnaik\n<desc> Description:\nx\n</top>\n"
      "<top><num>302<title>banjir jakarta</top>\n",
      "t");
  ASSERT_EQ(trec.size(), 2u);
  EXPECT_EQ(trec[0].id, "301");
  EXPECT_EQ(trec[0].query, "Harga beras naik");
  EXPECT_EQ(trec[1].id, "302");
  EXPECT_EQ(trec[1].query, "banjir jakarta");
  const auto tsv = parse_topics("q1\tharga \"beras\" (naik)\n\nq2\tAND OR\n", "t");
  ASSERT_EQ(tsv.size(), 2u);
  EXPECT_EQ(tsv[0].query, "harga \"beras\" (naik)");
  const struct {
    std::string_view text, message;
  } bad[] = {
      {"q1 no tab\n", "t:1: expected 'qid<TAB>query'"},
      {"q1\t \n", "t:1: topic 'q1' has no query"},
      {"q1\ta\nq1\tb\n", "t:2: topic 'q1' given twice (first on line 1)"},
      {"<top>\n<num> 1\n</top>\n", "t:1: topic '1' has no query"},
      {"<top>\n<num> 1\n<title> x\n", "t:1: <top> without </top>"},
  };
  for (const auto& b : bad) {
    try {
      parse_topics(b.text, "t");
      ADD_FAILURE() << "no error for " << b.text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos) << e.what();
    }
  }
}

// Ties go to the larger id first, as trec_eval orders them.
TEST(Evaluation, RunLinesAreSortedWithTrecEvalsTieBreak) {
  EXPECT_EQ(format_run_lines("q1", {{"a", 1.5}, {"c", 2}, {"b", 1.5}}, "tag"),
            "q1 Q0 c 1 2 tag\nq1 Q0 b 2 1.5 tag\nq1 Q0 a 3 1.5 tag\n");
  const TrecRun run = parse_run(format_run_lines("q", {{"x", 0.1 + 0.2}}, "t"), "run");
  EXPECT_EQ(run.by_query.at("q")[0].score, 0.1 + 0.2);  // read back exactly
}

// t = 5 with 2 degrees of freedom: p = 1 - 5 / sqrt(27) = 0.03775 (two-sided).
// With three queries, 2 of the 8 sign patterns are as extreme: p = 0.25.
TEST(Evaluation, PairedSignificanceTests) {
  const std::map<std::string, double> a = {{"q1", 0.1}, {"q2", 0.2}, {"q3", 0.3}};
  const std::map<std::string, double> b = {{"q1", 0.2}, {"q2", 0.4}, {"q3", 0.5}, {"q4", 1}};
  const Significance s = compare(a, b);
  EXPECT_EQ(s.queries, 3u);
  EXPECT_NEAR(s.mean_b - s.mean_a, 0.5 / 3, 1e-12);
  EXPECT_NEAR(s.t_test_p, 1 - 5 / std::sqrt(27.0), 1e-6);
  EXPECT_NEAR(s.randomisation_p, 0.25, 0.02);
  const Significance same = compare(a, a);
  EXPECT_EQ(same.t_test_p, 1);
  EXPECT_EQ(same.randomisation_p, 1);
}

}  // namespace
}  // namespace telusur
