// End-to-end tests: run the real telusur-index and telusur binaries in a
// temporary directory and check exit codes, stderr and parsed --json output.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "test_util.h"

namespace telusur {
namespace {

using json = nlohmann::ordered_json;
using testing::CommandResult;
using testing::TempDir;

const std::string kIndexBin = TELUSUR_INDEX_BIN;
const std::string kSearchBin = TELUSUR_SEARCH_BIN;
const std::string kStemBin = TELUSUR_STEM_BIN;
const std::string kNamesBin = TELUSUR_NAMES_BIN;
const std::string kEvalBin = TELUSUR_EVAL_BIN;

std::vector<json> parse_lines(const std::string& out) {
  std::vector<json> records;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t nl = out.find('\n', start);
    if (nl == std::string::npos) nl = out.size();
    const std::string line = out.substr(start, nl - start);
    if (!line.empty()) records.push_back(json::parse(line));
    start = nl + 1;
  }
  return records;
}

class SeedIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult r = testing::run(
        {kIndexBin, "--index", "db", (testing::source_dir() / "corpus").string()}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(r.out.empty()) << "results only on stdout: " << r.out;
    ASSERT_NE(r.err.find("5 added, 0 updated, 0 deleted, 0 unchanged"), std::string::npos) << r.err;
  }
  CommandResult search(const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {kSearchBin, "--index", "db"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run(argv, dir_.path(), env);
  }
  TempDir dir_;
};

// Topics -> run -> evaluation, through the real binaries: a TREC run with one
// line per retrieved article, ranked by score, and telusur-eval's measures
// for it, checked against the run's own lines and the qrels.
TEST_F(SeedIndex, TopicsRunAndEvaluation) {
  testing::write_file(dir_.path() / "topics.tsv",
                      "t1\tChoe Son Hui dan Wang Yi\n"
                      "t2\tKCNA\n"
                      "t3\tkereta \"cepat ( AND -\n");  // free text: never a syntax error
  testing::write_file(dir_.path() / "qrels.txt",
                      "t1 0 000_f0a22cb9b628591e 1\nt1 0 003_1a0a747f783da510 2\n"
                      "t1 0 001_b2c3ed69fe7be2db 0\n"
                      "t2 0 002_7b7399e3bf6ed222 1\nt2 0 004_d642c6b706a4b43b 1\n"
                      "t3 0 000_f0a22cb9b628591e 0\n");
  const CommandResult r = search({"--topics", "topics.tsv", "--run-tag", "T", "--depth", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("stemmer dictionary, weighting bm25:k1=1,k2=0,k3=1,b=0.5"),
            std::string::npos)
      << r.err;
  testing::write_file(dir_.path() / "run.txt", r.out);
  // Parse the run: 6 columns, ranks 1.. per topic, scores not increasing.
  std::map<std::string, std::vector<std::pair<std::string, double>>> run;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream f(line);
    std::string qid, q0, doc, tag, extra;
    std::size_t rank = 0;
    double score = 0;
    ASSERT_TRUE(f >> qid >> q0 >> doc >> rank >> score >> tag) << line;
    EXPECT_FALSE(f >> extra) << line;
    EXPECT_EQ(q0, "Q0");
    EXPECT_EQ(tag, "T");
    auto& ranked = run[qid];
    EXPECT_EQ(rank, ranked.size() + 1) << line;
    if (!ranked.empty()) {
      EXPECT_LE(score, ranked.back().second) << line;
    }
    for (const auto& [d, s] : ranked) EXPECT_NE(d, doc) << "duplicate " << line;
    ranked.emplace_back(doc, score);
  }
  ASSERT_EQ(run.count("t1"), 1u);
  ASSERT_EQ(run.count("t2"), 1u);
  // KCNA is named in 002 and 004 only.
  std::set<std::string> kcna;
  for (const auto& [doc, score] : run["t2"]) kcna.insert(doc);
  EXPECT_EQ(kcna, (std::set<std::string>{"002_7b7399e3bf6ed222", "004_d642c6b706a4b43b"}));

  const CommandResult e = testing::run({kEvalBin, "score", "qrels.txt", "run.txt", "-m",
                                        "recip_rank,P_5,num_rel_ret", "-q", "--json"},
                                       dir_.path());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto records = parse_lines(e.out);
  ASSERT_EQ(records.size(), 1u);
  const json& per_query = records[0]["per_query"];
  const std::map<std::string, std::set<std::string>> relevant = {
      {"t1", {"000_f0a22cb9b628591e", "003_1a0a747f783da510"}},
      {"t2", {"002_7b7399e3bf6ed222", "004_d642c6b706a4b43b"}},
      {"t3", {}}};
  for (const auto& [qid, rel] : relevant) {
    if (!run.count(qid)) continue;
    double rr = 0;
    std::size_t in_top5 = 0, found = 0;
    for (std::size_t i = 0; i < run[qid].size(); ++i) {
      const bool is_rel = rel.count(run[qid][i].first) > 0;
      if (is_rel && rr == 0) rr = 1.0 / static_cast<double>(i + 1);
      in_top5 += is_rel && i < 5;
      found += is_rel;
    }
    EXPECT_DOUBLE_EQ(per_query[qid]["recip_rank"].get<double>(), rr) << qid;
    EXPECT_DOUBLE_EQ(per_query[qid]["P_5"].get<double>(), static_cast<double>(in_top5) / 5) << qid;
    EXPECT_EQ(per_query[qid]["num_rel_ret"].get<double>(), static_cast<double>(found)) << qid;
  }
  EXPECT_EQ(per_query["t2"]["recip_rank"], 1.0);

  // A second scheme, compared with the first: per-measure differences and p-values.
  const CommandResult lm = search({"--topics", "topics.tsv", "-w", "lm-dirichlet:mu=500"});
  ASSERT_EQ(lm.exit_code, 0) << lm.err;
  EXPECT_NE(lm.out.find(" telusur.dictionary.lm-dirichlet:mu=500\n"), std::string::npos);
  testing::write_file(dir_.path() / "run-lm.txt", lm.out);
  const CommandResult both =
      testing::run({kEvalBin, "score", "qrels.txt", "run.txt", "run-lm.txt", "-m", "map", "--json"},
                   dir_.path());
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const auto cmp = parse_lines(both.out);
  ASSERT_EQ(cmp.size(), 3u);  // two runs, one comparison
  EXPECT_EQ(cmp[2]["type"], "comparison");
  EXPECT_EQ(cmp[2]["measure"], "map");
  EXPECT_TRUE(cmp[2]["t_test_p"].is_number());

  // Bad input: a clear error naming the file and line, exit 2.
  testing::write_file(dir_.path() / "bad.txt", "t1 Q0 x 1 notanumber T\n");
  const CommandResult bad = testing::run({kEvalBin, "score", "qrels.txt", "bad.txt"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.txt:1: score 'notanumber' is not a number"), std::string::npos)
      << bad.err;
  const CommandResult scheme = search({"--topics", "topics.tsv", "-w", "bm99"});
  EXPECT_EQ(scheme.exit_code, 2);
  EXPECT_NE(scheme.err.find("unknown weighting scheme 'bm99'"), std::string::npos) << scheme.err;
}

// A sweep over two bm25 parameters prints a grid and draws a heatmap.
TEST_F(SeedIndex, SweepPrintsAGridAndDrawsIt) {
  testing::write_file(dir_.path() / "topics.tsv", "t1\tChoe Son Hui\nt2\tKCNA\n");
  testing::write_file(dir_.path() / "qrels.txt",
                      "t1 0 000_f0a22cb9b628591e 1\nt2 0 002_7b7399e3bf6ed222 1\n");
  const CommandResult r =
      testing::run({kEvalBin, "sweep", "--index", "db", "--topics", "topics.tsv", "--qrels",
                    "qrels.txt", "--scheme", "bm25", "-p", "k1=0.5,1.2", "-p", "b=0.2:0.6:0.4",
                    "--metric", "map", "--plot", "sweep.png"},
                   dir_.path());
  if (r.exit_code == 2 && r.err.find("gnuplot") != std::string::npos)
    GTEST_SKIP() << "gnuplot is not installed: " << r.err;
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 3u) << r.out;  // header, k1=0.5, k1=1.2
  EXPECT_EQ(rows[0].substr(0, 6), "k1 \\ b");
  EXPECT_NE(rows[0].find("0.200\t0.600"), std::string::npos) << rows[0];
  EXPECT_EQ(rows[1].substr(0, 5), "0.500");
  EXPECT_NE(r.err.find("4 runs; best map"), std::string::npos) << r.err;
  const std::string png = testing::read_file(dir_.path() / "sweep.png");
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

// Misspellings get the corrected query, in text and in --json; with
// --auto-correct a query that finds nothing is searched as corrected.
TEST_F(SeedIndex, SpellingSuggestionsAndAutoCorrect) {
  const struct {
    const char* query;
    const char* suggestion;
  } rows[] = {{"Pyongyan", "pyongyang"},
              {"Tiongok", "tiongkok"},
              {"kementrian luar negeri", "kementerian luar negeri"},
              {"pertemuan Pyongyan", "pertemuan pyongyang"}};
  for (const auto& row : rows) {
    const CommandResult r = search({"--json", row.query});
    ASSERT_NE(r.exit_code, 2) << r.err;
    const json summary = parse_lines(r.out).back();
    EXPECT_EQ(summary["suggestion"], row.suggestion) << row.query;
    EXPECT_EQ(summary["corrected"], false);
  }
  const CommandResult known = search({"--json", "Pyongyang"});
  EXPECT_TRUE(parse_lines(known.out).back()["suggestion"].is_null());
  const CommandResult text = search({"Pyongyan"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out.substr(0, 33), "Did you mean: pyongyang\n0 matches");
  const CommandResult fixed = search({"--json", "--auto-correct", "Pyongyan"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  const auto records = parse_lines(fixed.out);
  EXPECT_EQ(records.size(), 6u);  // the five articles name Pyongyang
  EXPECT_EQ(records.back()["corrected"], true);
  EXPECT_EQ(records.back()["suggestion"], "pyongyang");
  const CommandResult shown = search({"--auto-correct", "Pyongyan"});
  EXPECT_EQ(shown.out.substr(0, 32), "Showing results for: pyongyang (");
}

// Related articles: 003 reports the same meeting as 000; 000 is not its own
// neighbour; an unknown id is a clear error.
TEST_F(SeedIndex, LikeFindsTheSameMeetingFirst) {
  const CommandResult r = search({"--json", "--like", "000_f0a22cb9b628591e"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto records = parse_lines(r.out);
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[0]["id"], "003_1a0a747f783da510");
  for (const json& rec : records) EXPECT_NE(rec.value("id", ""), "000_f0a22cb9b628591e");
  const CommandResult missing = search({"--like", "nope"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "telusur: error: no article with id 'nope'\n");
  const CommandResult both = search({"--like", "000_f0a22cb9b628591e", "korea"});
  EXPECT_EQ(both.exit_code, 2);
}

// One story, many publishers: 000 and 003 report the same meeting (and 003
// is undated), so --group shows them as one hit.
TEST_F(SeedIndex, GroupPutsTheSameStoryInOneHit) {
  const CommandResult r = search({"--json", "--group", "korea utara"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto records = parse_lines(r.out);
  std::map<std::string, std::set<std::string>> groups;
  std::set<std::string> seen;
  for (const json& rec : records) {
    if (rec["type"] != "hit") continue;
    std::set<std::string> members = {rec["id"].get<std::string>()};
    for (const json& id : rec["similar"]) members.insert(id.get<std::string>());
    for (const std::string& m : members) EXPECT_TRUE(seen.insert(m).second) << m << " twice";
    groups[rec["id"]] = members;
  }
  EXPECT_EQ(seen.size(), 5u);  // every article, once
  bool together = false;
  for (const auto& [lead, members] : groups)
    together = together ||
               (members.count("000_f0a22cb9b628591e") && members.count("003_1a0a747f783da510"));
  EXPECT_TRUE(together) << r.out;
  EXPECT_EQ(records.back()["groups"], groups.size());
  const CommandResult text = search({"--group", "korea utara"});
  EXPECT_NE(text.out.find("   and 1 similar article: 003_1a0a747f783da510\n"), std::string::npos)
      << text.out;
}

// Date filters: absolute, in words and relative bounds; undated 003 is left out.
TEST_F(SeedIndex, SinceAndUntilFilterByDate) {
  const auto ids = [&](const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--json"};
    all.insert(all.end(), args.begin(), args.end());
    std::set<std::string> out;
    for (const json& rec : parse_lines(search(all).out))
      if (rec["type"] == "hit") out.insert(rec["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids({"--since", "2025-09-01", "korea"}),
            (std::set<std::string>{"000_f0a22cb9b628591e", "002_7b7399e3bf6ed222"}));
  EXPECT_EQ(ids({"--until", "2024", "korea"}),
            (std::set<std::string>{"001_b2c3ed69fe7be2db", "004_d642c6b706a4b43b"}));
  EXPECT_EQ(ids({"--since", "Januari 2024", "--until", "Maret 2024", "korea"}),
            (std::set<std::string>{"001_b2c3ed69fe7be2db"}));
  EXPECT_EQ(ids({"korea", "date:\"September 2025\""}),
            (std::set<std::string>{"000_f0a22cb9b628591e", "002_7b7399e3bf6ed222"}));
  EXPECT_EQ(ids({"--since", "9999d", "korea"}).size(), 4u);  // every dated article
  const CommandResult bad = search({"--since", "kemarin", "korea"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad date 'kemarin'"), std::string::npos) << bad.err;
}

// The default ranking is the shipped reranker over bm25's best; a scheme,
// another first stage, another order or --no-rerank rank without it.
TEST_F(SeedIndex, DefaultRankingIsTheShippedRerankerAndBm25StaysAtHand) {
  const auto reranked = [&](const std::vector<std::string>& args,
                            const std::vector<std::string>& env = {}) {
    std::vector<std::string> a = {"--json"};
    a.insert(a.end(), args.begin(), args.end());
    const CommandResult r = search(a, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return parse_lines(r.out).back()["reranked"].get<bool>();
  };
  EXPECT_TRUE(reranked({"korea utara"}));
  EXPECT_FALSE(reranked({"-w", "bm25", "korea utara"}));
  EXPECT_FALSE(reranked({"--no-rerank", "korea utara"}));
  EXPECT_FALSE(reranked({"--sort", "newest", "korea utara"}));
  EXPECT_FALSE(reranked({"--questions", "siapa presiden korea utara"}));
  EXPECT_FALSE(reranked({"korea utara"}, {"TELUSUR_RERANKER="}));
  const CommandResult missing = search({"korea"}, {"TELUSUR_RERANKER=no-such-model.ubj"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such-model.ubj"), std::string::npos) << missing.err;
}

// --timeline: the matches per period as a bar chart, JSON records or compact
// lines, every period from the first to the last, the undated apart; the
// counts sum to the matches; --plot draws a real PNG.
TEST_F(SeedIndex, TimelineCountsTheMatchesPerPeriod) {
  const CommandResult text = search({"--timeline", "year", "korea"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("2022 "), std::string::npos) << text.out;  // an empty year, shown
  EXPECT_NE(text.out.find("\nundated "), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("score"), std::string::npos) << text.out;  // no hits
  // A narrow --width keeps bars of ten blocks, never wider than the rest.
  const CommandResult narrow = search({"--timeline", "year", "--width", "5", "korea"});
  ASSERT_EQ(narrow.exit_code, 0) << narrow.err;
  std::istringstream rows(narrow.out);
  for (std::string row; std::getline(rows, row);) EXPECT_LT(row.size(), 60u) << row;
  const CommandResult json = search({"--timeline", "month", "--json", "korea"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto records = parse_lines(json.out);
  std::uint64_t sum = 0;
  std::size_t periods = 0;
  for (const auto& r : records)
    if (r["type"] == "period") {
      sum += r["count"].get<std::uint64_t>();
      ++periods;
    }
  const auto& summary = records.back();
  EXPECT_EQ(summary["timeline"], "month");
  EXPECT_EQ(sum + summary["undated"].get<std::uint64_t>(), summary["matches_estimated"]);
  EXPECT_TRUE(summary["matches_exact"].get<bool>());
  EXPECT_GT(periods, 12u);  // March 2021 to September 2025, empty months included
  EXPECT_EQ(records.front()["period"], "2021-03");
  const CommandResult dated = search({"--timeline", "year", "--format", "compact", "--since",
                                      "2025", "korea"});
  ASSERT_EQ(dated.exit_code, 0) << dated.err;
  EXPECT_EQ(dated.out.rfind("2025\t", 0), 0u) << dated.out;
  EXPECT_NE(dated.out.find("undated\t0"), std::string::npos) << dated.out;
  const CommandResult plot = search({"--timeline", "week", "--plot", "t.png", "korea"});
  ASSERT_EQ(plot.exit_code, 0) << plot.err;
  std::ifstream png(dir_.path() / "t.png", std::ios::binary);
  std::string magic(8, '\0');
  png.read(magic.data(), 8);
  EXPECT_EQ(magic, std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(search({"--timeline", "decade", "korea"}).exit_code, 2);
  EXPECT_EQ(search({"--plot", "t.png", "korea"}).exit_code, 2);
}

// Output formats: compact lines for scripts, text wrapped to --width, and
// no pager when the output is piped, whatever $PAGER says.
TEST_F(SeedIndex, CompactFormatWidthAndNoPagerWhenPiped) {
  const CommandResult compact = search({"--format", "compact", "korea"});
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  std::istringstream lines(compact.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const std::size_t a = line.find('\t'), b = line.find('\t', a + 1);
    ASSERT_NE(b, std::string::npos) << line;
    EXPECT_EQ(line.find('\t', b + 1), std::string::npos) << line;
    EXPECT_EQ(line.substr(0, 4), std::string("00") + line[2] + "_");
    std::stod(line.substr(a + 1, b - a - 1));  // a score (the reranker's may be negative)
  }
  EXPECT_EQ(n, 5u);
  const CommandResult wrapped = search({"--width", "40", "korea"});
  std::istringstream text(wrapped.out);
  std::size_t long_lines = 0;
  for (std::string line; std::getline(text, line);)
    if (line.rfind("   ", 0) == 0 && line.find('/') == std::string::npos &&
        line.find(" \xc2\xb7 ") == std::string::npos)
      long_lines += line.size() > 40 + 8;  // bytes: a few two-byte letters
  EXPECT_EQ(long_lines, 0u) << wrapped.out;
  const CommandResult plain = search({"korea"});
  const CommandResult with_pager = search({"korea"}, {"PAGER=false"});
  EXPECT_EQ(with_pager.exit_code, 0);
  EXPECT_EQ(with_pager.out.substr(with_pager.out.find('\n')),
            plain.out.substr(plain.out.find('\n')));  // all but the timing line
  EXPECT_EQ(search({"--format", "xml", "korea"}).exit_code, 2);
}

// Query abuse gets an answer or a clear error, never a crash or a hang
// (ctest's timeout catches a hang): 10,000 words, 10,000 nested
// parentheses, a wildcard that matches everything (expanded to the 500 most
// frequent terms), 10,000 unbalanced parentheses.
TEST_F(SeedIndex, AbusiveQueriesAreBounded) {
  std::string many, nested, open;
  for (int i = 0; i < 10000; ++i) many += "kata" + std::to_string(i) + " ";
  nested = std::string(10000, '(') + "korea" + std::string(10000, ')');
  open = std::string(10000, '(') + "korea";
  for (const std::string& q : {many, nested, std::string("a*"), std::string("*"), open,
                               std::string(100000, 'x'), std::string("\"\"\"")}) {
    const CommandResult r = search({"--json", q});
    EXPECT_NE(r.exit_code, -1) << q.substr(0, 40);
    EXPECT_LE(r.exit_code, 2) << q.substr(0, 40);
    if (r.exit_code == 2) {
      EXPECT_EQ(r.err.rfind("telusur: error: ", 0), 0u) << r.err.substr(0, 200);
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line";
    } else {
      EXPECT_EQ(parse_lines(r.out).back()["type"], "summary");
    }
  }
  EXPECT_EQ(search({"--json", many}).exit_code, 1);
  EXPECT_EQ(search({"--json", nested}).exit_code, 0);
  const CommandResult unbalanced = search({open});
  EXPECT_EQ(unbalanced.exit_code, 2);
  EXPECT_NE(unbalanced.err.find("unbalanced parenthesis"), std::string::npos) << unbalanced.err;
}

// Paging: pages are disjoint and together are the whole ranking.
TEST_F(SeedIndex, PagesAreDisjointAndMakeTheWholeRanking) {
  const auto ids = [&](const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--json"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<std::string> out;
    for (const json& rec : parse_lines(search(all).out))
      if (rec["type"] == "hit") out.push_back(rec["id"]);
    return out;
  };
  const std::vector<std::string> whole = ids({"--limit", "100", "korea"});
  ASSERT_EQ(whole.size(), 5u);
  std::vector<std::string> paged;
  for (int offset = 0; offset < 6; offset += 2) {
    const auto page = ids({"--limit", "2", "--offset", std::to_string(offset), "korea"});
    EXPECT_LE(page.size(), 2u);
    paged.insert(paged.end(), page.begin(), page.end());
  }
  EXPECT_EQ(paged, whole);
}

TEST_F(SeedIndex, JsonHitsAndSummaryHaveExactlyTheDocumentedFields) {
  const CommandResult r = search({"--json", "korea utara"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto records = parse_lines(r.out);
  ASSERT_EQ(records.size(), 6u);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < 5; ++i) {
    const json& h = records[i];
    std::vector<std::string> keys;
    for (auto it = h.begin(); it != h.end(); ++it) keys.push_back(it.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"type", "rank", "id", "score", "title", "date",
                                              "source", "path", "snippet", "entities"}));
    for (const json& e : h["entities"]) {
      EXPECT_EQ(e.size(), 3u) << e.dump();
      EXPECT_TRUE(e["type"] == "person" || e["type"] == "place" || e["type"] == "organisation");
      EXPECT_EQ(e["id"].get<std::string>().size(), 13u) << e.dump();
    }
    EXPECT_EQ(h["type"], "hit");
    EXPECT_EQ(h["rank"], i + 1);
    EXPECT_TRUE(h["score"].is_number());
    EXPECT_TRUE(h["date"].is_null() || h["date"].is_string());
    EXPECT_EQ(h["snippet"].get<std::string>().find('\033'), std::string::npos);
    EXPECT_EQ(h["snippet"].get<std::string>().find('\x02'), std::string::npos);
    if (i > 0) {
      EXPECT_GE(records[i - 1]["score"].get<double>(), h["score"].get<double>());
    }
    ids.insert(h["id"]);
  }
  EXPECT_EQ(ids.size(), 5u);
  const json& s = records.back();
  std::vector<std::string> keys;
  for (auto it = s.begin(); it != s.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"type", "query", "parsed", "weighting", "reranked", "suggestion",
                                      "corrected", "matches_estimated", "matches_lower",
                                      "matches_upper", "matches_exact", "returned", "elapsed_ms",
                                      "work"}));
  EXPECT_EQ(s["query"], "korea utara");
  EXPECT_EQ(s["matches_estimated"], 5);
  EXPECT_EQ(s["returned"], 5);
}

TEST_F(SeedIndex, MetadataInJson) {
  const auto records = parse_lines(search({"--json", "\"Sun Weidong\""}).out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["id"], "001_b2c3ed69fe7be2db");
  EXPECT_EQ(records[0]["date"], "2024-01-26");
  EXPECT_EQ(records[0]["source"], "MalangNetwork.com");
  EXPECT_TRUE(records[0]["path"].get<std::string>().ends_with("corpus/001_b2c3ed69fe7be2db.txt"));
  const auto undated = parse_lines(search({"--json", "kejujuran"}).out);
  ASSERT_EQ(undated.size(), 2u);
  EXPECT_EQ(undated[0]["id"], "003_1a0a747f783da510");
  EXPECT_TRUE(undated[0]["date"].is_null());
  EXPECT_TRUE(undated[0]["source"].is_null());
}

TEST_F(SeedIndex, ExitCodes) {
  EXPECT_EQ(search({"korea"}).exit_code, 0);
  const CommandResult none = search({"--json", "stadion"});
  EXPECT_EQ(none.exit_code, 1);
  const auto records = parse_lines(none.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["returned"], 0);
  const std::pair<std::vector<std::string>, std::string> errors[] = {
      {{"\"korea utara"}, "unbalanced quote"},
      {{"date:2024-01-01..2023-01-01"}, "empty date range"},
      {{"negara:korea"}, "unknown field 'negara:'"},
      {{"--sort", "sideways", "korea"}, "--sort must be"},
      {{"--limit", "x", "korea"}, "limit"},
      {{}, "no query given"},
  };
  for (const auto& [args, message] : errors) {
    const CommandResult r = search(args);
    EXPECT_EQ(r.exit_code, 2) << message;
    EXPECT_TRUE(r.out.empty()) << message;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  }
  const CommandResult missing =
      testing::run({kSearchBin, "--index", "nowhere", "korea"}, dir_.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("telusur-index --index nowhere"), std::string::npos) << missing.err;
}

TEST_F(SeedIndex, HelpGoesToStdout) {
  for (const std::string& bin : {kSearchBin, kIndexBin}) {
    const CommandResult r = testing::run({bin, "--help"}, dir_.path());
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos);
    EXPECT_TRUE(r.err.empty());
  }
}

TEST_F(SeedIndex, TextOutputHasNoColourWhenPipedOrWithNoColor) {
  const CommandResult piped = search({"korea"});
  EXPECT_EQ(piped.out.find('\033'), std::string::npos);
  EXPECT_EQ(piped.out.rfind("5 matches for", 0), 0u) << piped.out;
  EXPECT_NE(piped.out.find("1. "), std::string::npos);
  const CommandResult forced = search({"--color=always", "korea"});
  EXPECT_NE(forced.out.find("\033[1;31m"), std::string::npos);
  const CommandResult no_color = search({"--color=always", "korea"}, {"NO_COLOR=1"});
  EXPECT_EQ(no_color.out.find('\033'), std::string::npos);
}

// The ranking models are flags: the words after them stay the query.
TEST_F(SeedIndex, RankingModelFlagsLeaveTheQueryAlone) {
  for (const char* flag : {"--sdm", "--rm3", "--questions"}) {
    const CommandResult r = search({"--json", flag, "siapa", "korea", "utara"});
    ASSERT_EQ(r.exit_code, 0) << flag << " " << r.err;
    EXPECT_EQ(parse_lines(r.out).back()["query"], "siapa korea utara") << flag;
  }
  const CommandResult weights = search({"--json", "--sdm-weights", "ordered=0.3", "korea utara"});
  ASSERT_EQ(weights.exit_code, 0) << weights.err;
  EXPECT_NE(parse_lines(weights.out).back()["parsed"].get<std::string>().find("PHRASE 2 utara"),
            std::string::npos);
  EXPECT_EQ(search({"--rm3-settings", "weight=2", "korea"}).exit_code, 2);
  EXPECT_EQ(search({"--rerank", "/nonexistent.ubj", "korea"}).exit_code, 2);
}

TEST_F(SeedIndex, QueriesLookUpStemsInsteadOfLoadingTheDictionary) {
  // With the word list gone, words the index has seen still stem (from the
  // index's own table of stems), and so does a word it has never seen (from
  // its table of roots): no query loads the dictionary.
  const std::vector<std::string> no_dictionary = {"TELUSUR_HUNSPELL_DIC=/nonexistent/id_ID.dic"};
  const CommandResult seen = search({"--json", "menegaskan"}, no_dictionary);
  ASSERT_EQ(seen.exit_code, 0) << seen.err;
  const json seen_summary = parse_lines(seen.out).back();
  EXPECT_NE(seen_summary["parsed"].get<std::string>().find("Ztegas"), std::string::npos);
  EXPECT_EQ(seen_summary["work"]["root_lookups"], 0);
  EXPECT_EQ(seen_summary["work"]["dictionary_loads"], 0);
  // An unseen inflection of an indexed root finds the root's articles.
  const CommandResult unseen = search({"--json", "dipertegaskan"}, no_dictionary);
  ASSERT_EQ(unseen.exit_code, 0) << unseen.err;
  const auto records = parse_lines(unseen.out);
  EXPECT_NE(records.back()["parsed"].get<std::string>().find("Ztegas"), std::string::npos);
  EXPECT_GT(records.back()["work"]["root_lookups"].get<int>(), 0);
  EXPECT_EQ(records.back()["work"]["dictionary_loads"], 0);
  EXPECT_EQ(records.size(), parse_lines(seen.out).size());  // the same articles
  EXPECT_EQ(records.back()["work"]["spelling_lookups"], 1);  // unknown: looked up once
}

TEST_F(SeedIndex, FacetsCountNamesOfAllMatches) {
  const CommandResult r = search({"--json", "--facets", "--limit", "1", "korea"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto records = parse_lines(r.out);
  ASSERT_EQ(records.size(), 3u);  // one hit, the facets, the summary
  EXPECT_EQ(records[0]["type"], "hit");
  const json& f = records[1];
  EXPECT_EQ(f["type"], "facets");
  // Counted over all five matching articles, not the one hit returned.
  EXPECT_EQ(f["persons"][0]["name"], "Kim Jong Un");
  EXPECT_EQ(f["persons"][0]["count"], 5);
  EXPECT_EQ(f["persons"][0]["variants"], json::array({"Kim Jong Un"}));
  EXPECT_EQ(f["persons"][0]["id"].get<std::string>().substr(0, 1), "p");
  bool beijing = false, kcna = false;
  for (const json& p : f["places"])
    beijing = beijing || (p["name"] == "Beijing" && p["count"] == 5);
  for (const json& o : f["organisations"])
    kcna = kcna || (o["name"] == "Kantor Berita Pusat Korea" && o["count"] == 2);
  EXPECT_TRUE(beijing) << f.dump();
  EXPECT_TRUE(kcna) << f.dump();
  EXPECT_EQ(f["counted"], 5);  // every match: the counts are exact
  EXPECT_EQ(f["exact"], true);
  EXPECT_EQ(records[2]["type"], "summary");
  // Without --facets there is no facets record.
  EXPECT_EQ(parse_lines(search({"--json", "--limit", "1", "korea"}).out).size(), 2u);
  // The facets alone, without hits, in text too.
  const CommandResult alone = search({"--facets", "--limit", "0", "korea"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_NE(alone.out.find("Persons: Kim Jong Un (5)"), std::string::npos) << alone.out;
  EXPECT_EQ(alone.out.find("estimated"), std::string::npos) << alone.out;
  // A bad sample size is refused.
  EXPECT_EQ(search({"--facets", "--facet-sample", "x", "korea"}).exit_code, 2);
}

TEST_F(SeedIndex, CapitalisedQueryWordsAreStemmed) {
  const auto upper = parse_lines(search({"--json", "Tegaskan"}).out);
  const auto lower = parse_lines(search({"--json", "tegaskan"}).out);
  ASSERT_GE(upper.size(), 2u);
  ASSERT_EQ(upper.size(), lower.size());
  for (std::size_t i = 0; i + 1 < upper.size(); ++i) EXPECT_EQ(upper[i]["id"], lower[i]["id"]);
}

TEST_F(SeedIndex, SortLimitOffset) {
  const auto newest =
      parse_lines(search({"--json", "--sort", "newest", "--limit", "3", "korea"}).out);
  ASSERT_EQ(newest.size(), 4u);
  EXPECT_EQ(newest[0]["id"], "000_f0a22cb9b628591e");
  EXPECT_EQ(newest[1]["id"], "002_7b7399e3bf6ed222");
  EXPECT_EQ(newest[2]["id"], "001_b2c3ed69fe7be2db");
  const auto page2 = parse_lines(
      search({"--json", "--sort", "newest", "--limit", "3", "--offset", "3", "korea"}).out);
  ASSERT_EQ(page2.size(), 3u);
  EXPECT_EQ(page2[0]["rank"], 4);
  EXPECT_EQ(page2[0]["id"], "004_d642c6b706a4b43b");
  EXPECT_EQ(page2[1]["id"], "003_1a0a747f783da510");  // undated last
}

// Every binary answers --version on stdout, exit 0: its name and Telusur's
// version, then the libraries it runs with.
TEST(AllBinaries, AnswerVersion) {
  testing::TempDir dir;
  const std::pair<std::string, std::string> binaries[] = {
      {kIndexBin, "telusur-index"}, {kSearchBin, "telusur"}, {kStemBin, "telusur-stem"},
      {kNamesBin, "telusur-names"}, {kEvalBin, "telusur-eval"}};
  for (const auto& [bin, name] : binaries) {
    const CommandResult r = testing::run({bin, "--version"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_EQ(r.out.rfind(name + " " + TELUSUR_VERSION_STRING + "\n", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("\nXapian 1."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nICU "), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << name << ": " << r.err;
  }
}

TEST(Indexer, ReportsSkippedFilesAndExitsOne) {
  TempDir dir;
  testing::write_file(dir / "in/ok.txt", "Judul Baik\n\nIsi artikel yang baik.\n");
  testing::write_file(dir / "in/empty.txt", "");
  testing::write_file(dir / "in/broken.jsonl", "{\"id\": \"a\", \"body\": \"ok\"}\n{oops\n");
  const CommandResult r =
      testing::run({kIndexBin, "--index", "db", "in", "missing.txt"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("in/empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in/broken.jsonl:2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt: no such file or directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 added, 0 updated"), std::string::npos) << r.err;
  const auto hits =
      parse_lines(testing::run({kSearchBin, "--index", "db", "--json", "baik"}, dir.path()).out);
  EXPECT_EQ(hits.size(), 2u);
}

TEST(Search, QuietOnABrokenPipe) {
  // Enough output (> 64 KiB, a pipe's buffer) that writes fail once head exits.
  TempDir dir;
  std::string body;
  for (int i = 0; i < 40; ++i)
    body += "Kalimat tentang pelabuhan dan kapal nelayan nomor " + std::to_string(i) + ". ";
  for (int i = 0; i < 400; ++i)
    testing::write_file(dir / ("in/a" + std::to_string(i) + ".txt"),
                        "Pelabuhan " + std::to_string(i) + "\n\n" + body);
  ASSERT_EQ(testing::run({kIndexBin, "--index", "db", "in"}, dir.path()).exit_code, 0);
  const std::string cmd = "set -o pipefail; " + testing::shell_quote(kSearchBin) +
                          " --index db --limit 400 --json pelabuhan | head -c 1 >/dev/null";
  const CommandResult r = testing::run({"bash", "-c", cmd}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << "killed by SIGPIPE?";
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(Indexer, CompactsAFreshBuildAndSwapsItIn) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 1200; ++i)
    jsonl += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Berita nomor " +
             std::to_string(i) + "\", \"body\": \"Isi berita tentang pelabuhan nomor " +
             std::to_string(i) + ".\"}\n";
  testing::write_file(dir / "in.jsonl", jsonl);
  const CommandResult r = testing::run({kIndexBin, "--index", "db", "in.jsonl"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("holds 1200 articles (stemmer dictionary, compacted)"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "db.compacting"));
  const auto hits = parse_lines(
      testing::run({kSearchBin, "--index", "db", "--json", "title:1199"}, dir.path()).out);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0]["id"], "n1199");
  // A small update to a large index is not worth a compaction.
  testing::write_file(dir / "one.txt", "Judul Baru\n\nIsi baru tentang pelabuhan.\n");
  const CommandResult small = testing::run({kIndexBin, "--index", "db", "one.txt"}, dir.path());
  EXPECT_NE(small.err.find("holds 1201 articles (stemmer dictionary)"), std::string::npos)
      << small.err;
}

TEST(StemTool, PrintsOneStemPerLine) {
  TempDir dir;
  testing::write_file(dir / "words", "Menegaskan\npenguasa\n\nnegara-negara\ndiplomatik\n");
  const std::string words = testing::shell_quote((dir / "words").string());
  const CommandResult dict =
      testing::run({"sh", "-c", testing::shell_quote(kStemBin) + " < " + words}, dir.path());
  EXPECT_EQ(dict.exit_code, 0) << dict.err;
  EXPECT_EQ(dict.out, "tegas\nkuasa\n\nnegara\ndiplomatik\n");
  const CommandResult snowball = testing::run(
      {"sh", "-c", testing::shell_quote(kStemBin) + " --stemmer snowball < " + words}, dir.path());
  EXPECT_EQ(snowball.out, "egas\nuasa\n\nnegara-negara\nplomatik\n");
  const CommandResult bad = testing::run({kStemBin, "--stemmer", "porter"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown stemmer 'porter'"), std::string::npos) << bad.err;
}

TEST(Indexer, FatalErrorsExitTwo) {
  TempDir dir;
  testing::write_file(dir / "file", "x");
  const CommandResult r = testing::run({kIndexBin, "--index", "file/db", "."}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
  EXPECT_EQ(testing::run({kIndexBin, "--index", "db"}, dir.path()).exit_code, 2);
  EXPECT_EQ(testing::run({kIndexBin, "--bogus"}, dir.path()).exit_code, 2);
}

TEST(Indexer, DefaultIndexFromEnvironment) {
  TempDir dir;
  testing::write_file(dir / "a.txt", "Judul\n\nIsi tentang mangga.\n");
  ASSERT_EQ(testing::run({kIndexBin, "a.txt"}, dir.path(), {"TELUSUR_INDEX=envdb"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "envdb"));
  EXPECT_EQ(testing::run({kSearchBin, "mangga"}, dir.path(), {"TELUSUR_INDEX=envdb"}).exit_code, 0);
}

// The real third-party collection: 22,136 articles, all must be indexed.
// The tags of `telusur-names --conll` output, sentence by sentence.
std::vector<std::vector<std::string>> conll_tags(const std::string& out) {
  std::vector<std::vector<std::string>> sentences(1);
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      sentences.emplace_back();
      continue;
    }
    const std::size_t tab = line.find('\t');
    EXPECT_NE(tab, std::string::npos) << line;
    sentences.back().push_back(line.substr(tab + 1));
  }
  while (!sentences.empty() && sentences.back().empty()) sentences.pop_back();
  return sentences;
}

// Articles where "MK" is written alone and, once, in brackets after
// "Mahkamah Konstitusi"; "Tempo" and "TEMPO.CO".
const char kEntityArticles[] =
    R"({"id":"k1","title":"Sidang di Mahkamah Konstitusi","body":"Hakim Mahkamah Konstitusi (MK) membacakan putusan di Jakarta. Ketua MK Anwar Usman hadir."}
{"id":"k2","title":"Putusan MK","body":"Putusan MK dibacakan pada Senin. Para pemohon kecewa terhadap MK."}
{"id":"k3","title":"Berita dari TEMPO.CO","body":"Laporan TEMPO.CO menyebut bahwa Presiden Joko Widodo hadir."}
{"id":"k4","title":"Majalah Tempo","body":"Menurut majalah Tempo, Presiden Joko Widodo hadir di Bandung."}
)";

TEST(Entities, SearchFacetsAndListingGoByEntity) {
  TempDir dir;
  testing::write_file(dir.path() / "in/a.jsonl", kEntityArticles);
  ASSERT_EQ(testing::run({kIndexBin, "--index", "db", "in"}, dir.path()).exit_code, 0);
  const auto search = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {kSearchBin, "--index", "db", "--json", "--no-rerank"});
    return testing::run(args, dir.path());
  };
  // The acronym finds the articles of the full name, and the full name those
  // of the acronym; a word of a name still finds every name holding it.
  for (const char* q : {"org:MK", "org:\"Mahkamah Konstitusi\"", "organisasi:mk"}) {
    const auto records = parse_lines(search({q}).out);
    std::set<std::string> ids;
    for (const json& r : records)
      if (r["type"] == "hit") ids.insert(r["id"]);
    EXPECT_EQ(ids, (std::set<std::string>{"k1", "k2"})) << q;
  }
  const auto tempo = parse_lines(search({"org:Tempo"}).out);
  std::set<std::string> tempo_ids;
  for (const json& r : tempo)
    if (r["type"] == "hit") {
      tempo_ids.insert(r["id"]);
      bool names_it = false;
      for (const json& e : r["entities"]) names_it = names_it || e["name"] == "Tempo";
      EXPECT_TRUE(names_it) << r.dump();  // the hit carries the entity, whatever the spelling
    }
  EXPECT_EQ(tempo_ids, (std::set<std::string>{"k3", "k4"}));
  EXPECT_EQ(tempo.back()["work"]["entity_table_loads"], 1);
  // Without a name field no table is read (text output needs no entity ids).
  const CommandResult plain =
      testing::run({kSearchBin, "--index", "db", "--format", "compact", "putusan"}, dir.path());
  EXPECT_EQ(plain.exit_code, 0) << plain.err;

  // One facet row per entity, counted once per article, variants in JSON.
  const auto facets = parse_lines(search({"--facets", "--limit", "0", "hadir OR putusan"}).out);
  ASSERT_GE(facets.size(), 2u);
  const json& f = facets[0];
  ASSERT_EQ(f["type"], "facets");
  std::map<std::string, json> orgs;
  for (const json& o : f["organisations"]) orgs[o["name"]] = o;
  ASSERT_TRUE(orgs.count("Mahkamah Konstitusi")) << f.dump();
  EXPECT_EQ(orgs["Mahkamah Konstitusi"]["count"], 2);
  EXPECT_EQ(orgs["Mahkamah Konstitusi"]["variants"], json::array({"MK", "Mahkamah Konstitusi"}));
  EXPECT_FALSE(orgs.count("MK"));
  ASSERT_TRUE(orgs.count("Tempo")) << f.dump();
  EXPECT_EQ(orgs["Tempo"]["count"], 2);
  const CommandResult text = testing::run(
      {kSearchBin, "--index", "db", "--facets", "--limit", "0", "hadir OR putusan"}, dir.path());
  EXPECT_NE(text.out.find("Mahkamah Konstitusi (2)"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("MK ("), std::string::npos) << text.out;

  const CommandResult listed = testing::run({kNamesBin, "--entities", "db"}, dir.path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  bool mk = false;
  for (const json& e : parse_lines(listed.out))
    if (e["name"] == "Mahkamah Konstitusi") {
      mk = true;
      EXPECT_EQ(e["type"], "organisation");
      EXPECT_EQ(e["articles"], 2);
      EXPECT_EQ(e["variants"].size(), 2u);
    }
  EXPECT_TRUE(mk) << listed.out;
  EXPECT_EQ(testing::run({kNamesBin, "--entities", "nowhere"}, dir.path()).exit_code, 2);
}

TEST(NamesTool, TrainsATaggerAndTagsCoNLLWithIt) {
  TempDir dir;
  const std::string gold = (testing::source_dir() / "tests/fixtures/ner-mini.conll").string();
  const CommandResult train =
      testing::run({kNamesBin, "--train", gold, "--epochs", "8"}, dir.path());
  ASSERT_EQ(train.exit_code, 0) << train.err;
  ASSERT_EQ(train.out.rfind("# Name tagger model", 0), 0u);
  EXPECT_NE(train.err.find("epoch 8"), std::string::npos) << train.err;
  testing::write_file(dir.path() / "model.txt", train.out);

  std::ifstream in(gold);
  std::stringstream text;
  text << in.rdbuf();
  const CommandResult tagged =
      testing::run({kNamesBin, "--conll", "--model", "model.txt"}, dir.path(), {}, text.str());
  ASSERT_EQ(tagged.exit_code, 0) << tagged.err;
  const auto sentences = conll_tags(tagged.out);
  ASSERT_EQ(sentences.size(), 3u);
  // Trained on these very sentences, the tagger gives back their names.
  EXPECT_EQ(sentences[0],
            (std::vector<std::string>{"O", "O", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"}));
  EXPECT_EQ(sentences[2][7], "O");
  EXPECT_EQ(sentences[2][8], "B-PER");
  const std::set<std::string> allowed = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};
  for (const auto& s : sentences)
    for (const auto& tag : s) EXPECT_TRUE(allowed.count(tag)) << tag;

  // --no-evidence tags each sentence alone: a sentence gets the same tags
  // with or without the others around it.
  const std::string all = text.str();
  const std::string first = all.substr(0, all.find("\n\n") + 2);
  const auto alone =
      conll_tags(testing::run({kNamesBin, "--conll", "--no-evidence", "--model", "model.txt"},
                              dir.path(), {}, first)
                     .out);
  const auto among =
      conll_tags(testing::run({kNamesBin, "--conll", "--no-evidence", "--model", "model.txt"},
                              dir.path(), {}, all)
                     .out);
  ASSERT_EQ(alone.size(), 1u);
  ASSERT_EQ(among.size(), 3u);
  EXPECT_EQ(alone[0], among[0]);

  const CommandResult missing =
      testing::run({kNamesBin, "--conll", "--model", "nope.model"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.model"), std::string::npos) << missing.err;
  testing::write_file(dir.path() / "empty.conll", "");
  const CommandResult empty = testing::run({kNamesBin, "--train", "empty.conll"}, dir.path());
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("no sentences"), std::string::npos) << empty.err;
}

// A generated corpus: `n` JSONL articles in one file, ids "g0".."g{n-1}".
std::string generated_jsonl(int n, int version = 0) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "{\"id\": \"g" + std::to_string(i) + "\", \"title\": \"Kapal nomor " +
           std::to_string(i) + " berlayar\", \"body\": \"Versi " + std::to_string(version) +
           ". Kapal nelayan nomor " + std::to_string(i) +
           " berangkat dari pelabuhan Sunda Kelapa menuju Pulau Seribu. Presiden Joko Widodo "
           "meninjau pelabuhan itu pada hari Senin bersama Menteri Kelautan.\"}\n";
  return out;
}

// Ids and document count as xapian-delve reads them (no telusur code involved).
struct Delved {
  std::set<std::string> ids;
  long documents = -1;
};
Delved delve(const std::filesystem::path& cwd) {
  Delved d;
  const CommandResult all = testing::run({"xapian-delve", "-a", "-1", "db"}, cwd);
  std::istringstream terms(all.out);
  for (std::string t; std::getline(terms, t);)
    if (t.size() > 1 && t[0] == 'Q') d.ids.insert(t.substr(1));
  const CommandResult info = testing::run({"xapian-delve", "db"}, cwd);
  const auto at = info.out.find("number of documents = ");
  if (at != std::string::npos) d.documents = std::stol(info.out.substr(at + 22));
  return d;
}

TEST(Indexer, SurvivesSigkillAtAnyPointAndTheNextRunCompletes) {
  TempDir dir;
  constexpr int kArticles = 8000;
  testing::write_file(dir / "in" / "news.jsonl", generated_jsonl(kArticles));
  for (int i = 0; i < 40; ++i)
    testing::write_file(
        dir / "in" / ("t" + std::to_string(i) + ".txt"),
        "Judul " + std::to_string(i) + "\n\nIsi berita tentang kapal " + std::to_string(i) + ".\n");
  std::set<std::string> expected;
  for (int i = 0; i < kArticles; ++i) expected.insert("g" + std::to_string(i));
  for (int i = 0; i < 40; ++i) expected.insert("t" + std::to_string(i));
  // Kill the indexer 20 times at random points (a fixed seed, so a failure
  // can be replayed), each time resuming the same index.
  const std::string index_cmd =
      testing::shell_quote(kIndexBin) + " -q --commit-every 100 --index db in & pid=$!; sleep ";
  int killed = 0;
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> ms(10, 1500);
  for (int kill = 0; kill < 20; ++kill) {
    // Every run has work to do: a fresh build at first, then every article
    // changed (an update of them all), every third run a --rebuild.
    if (kill > 0) testing::write_file(dir / "in" / "news.jsonl", generated_jsonl(kArticles, kill));
    const std::string delay = std::to_string(ms(rng) / 1000.0);
    const CommandResult r = testing::run(
        {"bash", "-c",
         index_cmd.substr(0, index_cmd.find(" --index")) + (kill % 3 == 2 ? " --rebuild" : "") +
             index_cmd.substr(index_cmd.find(" --index")) + delay +
             "; kill -9 $pid 2>/dev/null && echo killed; wait $pid; true"},
        dir.path());
    if (r.out.find("killed") != std::string::npos) ++killed;
    if (!std::filesystem::exists(dir / "db" / "iamglass")) continue;  // killed before creating it
    const CommandResult check = testing::run({"xapian-check", "db"}, dir.path());
    EXPECT_EQ(check.exit_code, 0) << "after a kill at " << delay << " s:\n"
                                  << check.out << check.err;
    const Delved d = delve(dir.path());
    EXPECT_EQ(static_cast<std::size_t>(d.documents), d.ids.size())
        << "duplicates after a kill at " << delay << " s";
    for (const std::string& id : d.ids) EXPECT_TRUE(expected.count(id)) << id;
  }
  EXPECT_GE(killed, 10) << "the indexer finished before most kills: make the corpus larger";
  const CommandResult last = testing::run({kIndexBin, "--index", "db", "in"}, dir.path());
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(testing::run({"xapian-check", "db"}, dir.path()).exit_code, 0);
  const Delved d = delve(dir.path());
  EXPECT_EQ(d.ids, expected);
  EXPECT_EQ(d.documents, static_cast<long>(expected.size()));
  // And nothing is left to do.
  const CommandResult again = testing::run({kIndexBin, "--index", "db", "in"}, dir.path());
  EXPECT_NE(again.err.find("0 added, 0 updated, 0 deleted, " + std::to_string(expected.size()) +
                           " unchanged"),
            std::string::npos)
      << again.err;
}

// A hostile corpus: the indexer finishes, indexes every valid article,
// names every skipped file with its reason, exits 1, and the index passes
// xapian-check.
TEST(Indexer, HostileCorpus) {
  TempDir dir;
  const auto in = dir.path() / "in";
  std::filesystem::create_directories(in / "sub");
  const auto put = [&](const std::string& name, const std::string& bytes) {
    testing::write_file(in / name, bytes);
  };
  std::set<std::string> valid;
  const auto good = [&](const std::string& name, const std::string& id) {
    put(name, "Judul berita " + id + "\n\nIsi berita yang sah tentang pelabuhan " + id + ".\n");
    valid.insert(id);
  };
  good("ok1.txt", "ok1");
  good("with space.txt", "with space");
  good("new\nline.txt", "new\nline");
  good(std::string("latin\xe9.txt"), std::string("latin\xe9"));
  put("empty.txt", "");
  put("binary.txt", std::string("\x7f"
                                "ELF\0\0\1\2\3\xff\xfe\0\0",
                                14));
  put("nul.txt", std::string("Judul\n\nIsi\0berita\0dengan NUL.\n", 30));  // binary: skipped
  put("invalid-utf8.txt", "Judul \xc3\x28 aneh\n\nIsi \xff\xfe berita.\n");
  valid.insert("invalid-utf8");  // decoded as Windows-1252, with a warning
  put("utf16.txt", std::string("\xFF\xFE", 2) +
                       std::string("J\0u\0d\0u\0l\0\n\0\n\0I\0s\0i\0 \0b\0e\0r\0i\0t\0a\0", 34));
  valid.insert("utf16");
  put("long-line.txt", "Judul panjang\n\n" + std::string(1000000, 'a') + " akhir.\n");
  valid.insert("long-line");
  put("huge.txt", std::string(200u << 20, 'x'));  // 200 MB: over the article size limit
  put("deep.jsonl",
      "{\"id\": \"deep\", \"body\": " + std::string(10000, '[') + std::string(10000, ']') + "}\n" +
          "{\"id\": \"j-ok\", \"title\": \"Sah\", \"body\": \"Isi sah.\"}\n" + "not json at all\n");
  valid.insert("j-ok");
  put("locked.txt", "Judul terkunci\n\nIsi berita terkunci.\n");
  std::filesystem::permissions(in / "locked.txt", std::filesystem::perms::none);
  const bool root = ::geteuid() == 0;  // root reads it anyway
  if (root) valid.insert("locked");
  std::filesystem::create_symlink("loop-b.txt", in / "loop-a.txt");
  std::filesystem::create_symlink("loop-a.txt", in / "loop-b.txt");
  std::filesystem::create_directory_symlink("..", in / "sub" / "up");  // a directory loop
  const CommandResult r = testing::run({kIndexBin, "--index", "db", "in"}, dir.path());
  std::filesystem::permissions(in / "locked.txt", std::filesystem::perms::owner_all);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const struct {
    const char* file;
    const char* reason;
  } skipped[] = {
      {"empty.txt", "empty file"},
      {"binary.txt", "binary file"},
      {"nul.txt", "binary file (contains NUL bytes)"},
      {"huge.txt", "file too large"},
      {"deep.jsonl:1", "field 'body' is not a string"},
      {"deep.jsonl:3", "malformed JSON"},
      {"loop-a.txt", "cannot read: Too many levels of symbolic links"},
      {"loop-b.txt", "cannot read: Too many levels of symbolic links"},
  };
  for (const auto& s : skipped)
    EXPECT_NE(r.err.find(std::string("skipped in/") + s.file + ": " + s.reason), std::string::npos)
        << s.file << "\n"
        << r.err;
  if (!root) {
    EXPECT_NE(r.err.find("skipped in/locked.txt: "), std::string::npos) << r.err;
  }
  EXPECT_NE(r.err.find("in/invalid-utf8.txt: not valid UTF-8"), std::string::npos) << r.err;
  EXPECT_EQ(testing::run({"xapian-check", "db"}, dir.path()).exit_code, 0);
  // Every valid article is searchable by its id (ids with spaces, newlines
  // and non-UTF-8 bytes included), as the index lists them.
  const CommandResult listed = testing::run({"xapian-delve", "-a", "-1", "db"}, dir.path());
  for (const std::string& id : valid) {
    EXPECT_NE(listed.out.find("Q" + id), std::string::npos) << "missing " << id;
  }
  EXPECT_NE(r.err.find(std::to_string(valid.size()) + " added"), std::string::npos) << r.err;
}

// A full disk (simulated with a file size limit, so no file may grow past
// what the index already holds): the update ends with a clear one-line
// error, exit 2; the index still opens at its last commit, passes
// xapian-check, and a later run completes the work.
TEST(Indexer, DiskFullEndsCleanlyAtTheLastCommit) {
  TempDir dir;
  testing::write_file(dir / "in" / "a.txt", "Kapal karam\n\nKapal nelayan karam di laut.\n");
  ASSERT_EQ(testing::run({kIndexBin, "-q", "--index", "db", "in"}, dir.path()).exit_code, 0);
  std::uintmax_t largest = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "db"))
    largest = std::max(largest, e.file_size());
  testing::write_file(dir / "in" / "news.jsonl", generated_jsonl(3000));
  const std::string limit_kb = std::to_string(largest / 1024 + 16);
  const CommandResult full =
      testing::run({"bash", "-c",
                    "trap '' XFSZ; ulimit -f " + limit_kb + "; exec " +
                        testing::shell_quote(kIndexBin) + " -q --commit-every 200 --index db in"},
                   dir.path());
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_EQ(full.err.rfind("telusur-index: ", 0), 0u) << full.err;
  EXPECT_EQ(std::count(full.err.begin(), full.err.end(), '\n'), 1) << full.err;
  EXPECT_NE(full.err.find("File too large"), std::string::npos) << full.err;
  EXPECT_EQ(testing::run({"xapian-check", "db"}, dir.path()).exit_code, 0);
  const Delved partial = delve(dir.path());
  EXPECT_GE(partial.documents, 1);
  EXPECT_EQ(static_cast<std::size_t>(partial.documents), partial.ids.size());
  const CommandResult done = testing::run({kIndexBin, "-q", "--index", "db", "in"}, dir.path());
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(delve(dir.path()).documents, 3001);
}

// A free TCP port on 127.0.0.1 (bound, read, released).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Shards: a 3-shard index answers exactly as the unsharded index of the same
// articles (ranking, scores, snippets, facets, date filters, sorting), also
// with one shard served over TCP by xapian-tcpsrv; a dead shard is a clear
// error, or with --allow-partial a warning naming it; updates stay
// incremental per shard; changing the number of shards needs --rebuild.
TEST(Shards, ThreeShardsOneRemoteAnswerAsOneIndex) {
  TempDir dir;
  testing::copy_fixtures(dir / "in");
  ASSERT_LE(testing::run({kIndexBin, "-q", "--index", "flat", "in"}, dir.path()).exit_code, 1);
  const CommandResult built =
      testing::run({kIndexBin, "--shards", "3", "--index", "sharded", "in"}, dir.path());
  ASSERT_LE(built.exit_code, 1) << built.err;
  for (int k = 0; k < 3; ++k)
    EXPECT_TRUE(std::filesystem::exists(dir / "sharded" / ("shard-" + std::to_string(k))));
  const int port = free_port();
  // In a session of its own: on SIGTERM xapian-tcpsrv signals its whole
  // process group.
  const std::string server = "setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port " +
                             std::to_string(port) + " sharded/shard-2";
  testing::run({"bash", "-c", server + " >/dev/null 2>&1 & echo $! > server.pid"}, dir.path());
  testing::write_file(dir / "mixed" / "XAPIANDB",
                      "auto " + (dir / "sharded" / "shard-0").string() + "\nauto " +
                          (dir / "sharded" / "shard-1").string() +
                          "\nremote :127.0.0.1:" + std::to_string(port) + "\n");
  const auto answer = [&](const std::string& index, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kSearchBin, "--index", index, "--json", "--limit", "50"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run(argv, dir.path());
  };
  // Wait (at most 5 s) for the server to listen.
  for (int i = 0; i < 50 && answer("mixed", {"banjir"}).exit_code == 2; ++i) ::usleep(100000);
  const std::vector<std::vector<std::string>> queries = {
      {"banjir jakarta"}, {"harga"},         {"--facets", "banjir"},  {"--sort", "newest", "a"},
      {"date:2024"},      {"place:Jakarta"}, {"--all", "harga beras"}};
  for (const auto& q : queries) {
    const CommandResult flat = answer("flat", q);
    ASSERT_LE(flat.exit_code, 1) << flat.err;
    for (const std::string index : {"sharded", "mixed"}) {
      const CommandResult r = answer(index, q);
      if (index == "mixed" && q.front() == "--facets") {  // not over Xapian's remote backend
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find("--facets does not work with remote shards"), std::string::npos);
        continue;
      }
      ASSERT_EQ(r.exit_code, flat.exit_code) << index << " " << q.back() << "\n" << r.err;
      const auto a = parse_lines(flat.out), b = parse_lines(r.out);
      ASSERT_EQ(a.size(), b.size()) << index << " " << q.back();
      // Hits: the same scores in the same order, and the same articles with
      // the same snippets (ties in score may come in another document order).
      std::map<std::string, std::pair<double, std::string>> hits_a, hits_b;
      for (std::size_t i = 0; i + 1 < a.size(); ++i) {  // every record but the summary
        if (a[i]["type"] != "hit") {
          EXPECT_EQ(a[i], b[i]) << index;  // facets
          continue;
        }
        EXPECT_NEAR(a[i]["score"].get<double>(), b[i]["score"].get<double>(), 1e-9)
            << index << " " << q.back() << " rank " << i + 1;
        hits_a[a[i]["id"]] = {a[i]["score"].get<double>(), a[i]["snippet"]};
        hits_b[b[i]["id"]] = {b[i]["score"].get<double>(), b[i]["snippet"]};
      }
      ASSERT_EQ(hits_a.size(), hits_b.size());
      for (const auto& [id, hit] : hits_a) {
        ASSERT_TRUE(hits_b.count(id)) << index << " lacks " << id;
        EXPECT_NEAR(hit.first, hits_b[id].first, 1e-9) << id;
        EXPECT_EQ(hit.second, hits_b[id].second) << id;
      }
      EXPECT_EQ(a.back()["matches_estimated"], b.back()["matches_estimated"]) << index;
    }
  }
  // Spelling data and synonyms, which Xapian's remote backend does not serve,
  // come from the local meta database the query host keeps beside its stub.
  std::filesystem::copy(dir / "sharded" / "meta", dir / "mixed" / "meta");
  for (const std::string index : {"flat", "sharded", "mixed"}) {
    const auto summary = parse_lines(answer(index, {"Jakrta"}).out).back();
    EXPECT_EQ(summary["suggestion"], "jakarta") << index;
    EXPECT_NE(parse_lines(answer(index, {"Tiongkok"}).out)
                  .back()["parsed"]
                  .get<std::string>()
                  .find("SYNONYM"),
              std::string::npos)
        << index;
  }
  // A dead shard: an error naming it, or a partial answer with a warning.
  testing::run({"bash", "-c", "kill $(cat server.pid); sleep 0.2"}, dir.path());
  const CommandResult dead = answer("mixed", {"banjir"});
  EXPECT_EQ(dead.exit_code, 2);
  EXPECT_NE(dead.err.find("shard 'remote :127.0.0.1:" + std::to_string(port) + "'"),
            std::string::npos)
      << dead.err;
  EXPECT_NE(dead.err.find("unavailable"), std::string::npos) << dead.err;
  const CommandResult partial = answer("mixed", {"--allow-partial", "banjir"});
  EXPECT_LE(partial.exit_code, 1) << partial.err;
  EXPECT_NE(partial.err.find("telusur: warning: shard 'remote :127.0.0.1:"), std::string::npos)
      << partial.err;
  // Updates stay incremental: one new article lands in one shard.
  testing::write_file(dir / "in" / "baru.txt", "Kapal baru\n\nKapal baru berlayar ke Ambon.\n");
  const CommandResult update = testing::run({kIndexBin, "--index", "sharded", "in"}, dir.path());
  EXPECT_NE(update.err.find("1 added, 0 updated, 0 deleted"), std::string::npos) << update.err;
  EXPECT_EQ(answer("sharded", {"ambon"}).exit_code, 0);
  const CommandResult reshard =
      testing::run({kIndexBin, "--shards", "2", "--index", "sharded", "in"}, dir.path());
  EXPECT_EQ(reshard.exit_code, 2);
  EXPECT_NE(reshard.err.find("has 3 shards; making it 2 needs --rebuild"), std::string::npos)
      << reshard.err;
  const CommandResult rebuilt = testing::run(
      {kIndexBin, "-q", "--shards", "2", "--rebuild", "--index", "sharded", "in"}, dir.path());
  EXPECT_LE(rebuilt.exit_code, 1) << rebuilt.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "sharded" / "shard-2"));
  EXPECT_EQ(answer("sharded", {"ambon"}).exit_code, 0);
}

// Shards served over Xapian's program backend ("remote ssh HOST
// xapian-progsrv PATH" in production; here xapian-progsrv run locally)
// answer as local shards; a TCP shard at a public address gets a warning.
TEST(Shards, ProgramBackendShardAndPublicTcpWarning) {
  TempDir dir;
  testing::copy_fixtures(dir / "in");
  ASSERT_LE(testing::run({kIndexBin, "-q", "--shards", "2", "--index", "sharded", "in"}, dir.path())
                .exit_code,
            1);
  testing::write_file(dir / "prog" / "XAPIANDB",
                      "auto " + (dir / "sharded" / "shard-0").string() +
                          "\nremote xapian-progsrv " + (dir / "sharded" / "shard-1").string() + "\n");
  std::filesystem::copy(dir / "sharded" / "meta", dir / "prog" / "meta");
  for (const std::string q : {"banjir jakarta", "harga", "place:Jakarta", "Jakrta"}) {
    const CommandResult local =
        testing::run({kSearchBin, "--index", "sharded", "--json", "--limit", "50", q}, dir.path());
    const CommandResult prog =
        testing::run({kSearchBin, "--index", "prog", "--json", "--limit", "50", q}, dir.path());
    ASSERT_EQ(prog.exit_code, local.exit_code) << q << "\n" << prog.err;
    EXPECT_EQ(prog.err, "") << q;
    const auto a = parse_lines(local.out), b = parse_lines(prog.out);
    ASSERT_EQ(a.size(), b.size()) << q;
    std::map<std::string, double> ha, hb;
    for (std::size_t i = 0; i + 1 < a.size(); ++i) {
      ha[a[i]["id"]] = a[i]["score"].get<double>();
      hb[b[i]["id"]] = b[i]["score"].get<double>();
    }
    ASSERT_EQ(ha.size(), hb.size()) << q;
    for (const auto& [id, score] : ha) EXPECT_NEAR(score, hb[id], 1e-9) << q << " " << id;
    EXPECT_EQ(a.back()["suggestion"], b.back()["suggestion"]) << q;
  }
  // A program that is not there: the shard is unavailable, named.
  testing::write_file(dir / "noprog" / "XAPIANDB", "remote no-such-progsrv /x\n");
  const CommandResult missing = testing::run({kSearchBin, "--index", "noprog", "harga"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("shard 'remote no-such-progsrv /x'"), std::string::npos) << missing.err;
  // A TCP shard at a public address (TEST-NET-1: nothing answers there):
  // a warning that says so, beside the shard's own.
  testing::write_file(dir / "public" / "XAPIANDB",
                      "auto " + (dir / "sharded" / "shard-0").string() + "\nremote :192.0.2.1:8100\n");
  const CommandResult pub = testing::run(
      {kSearchBin, "--index", "public", "--allow-partial", "--timeout", "500", "harga"}, dir.path());
  EXPECT_LE(pub.exit_code, 1) << pub.err;
  EXPECT_NE(pub.err.find("public address 192.0.2.1"), std::string::npos) << pub.err;
  // A private address gets none.
  testing::write_file(dir / "private" / "XAPIANDB",
                      "auto " + (dir / "sharded" / "shard-0").string() + "\nremote :127.0.0.1:1\n");
  const CommandResult priv =
      testing::run({kSearchBin, "--index", "private", "--allow-partial", "harga"}, dir.path());
  EXPECT_EQ(priv.err.find("public address"), std::string::npos) << priv.err;
  // A bad remote line is a clear error.
  testing::write_file(dir / "bad" / "XAPIANDB", "remote :host:99999\n");
  const CommandResult bad = testing::run({kSearchBin, "--index", "bad", "harga"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("line 1: expected 'remote :HOST:PORT'"), std::string::npos) << bad.err;
}

TEST(Indexer, SearchesKeepWorkingWhileItIndexes) {
  TempDir dir;
  testing::write_file(dir / "first" / "a.txt", "Kapal karam\n\nKapal nelayan karam di laut.\n");
  ASSERT_EQ(testing::run({kIndexBin, "-q", "--index", "db", "first"}, dir.path()).exit_code, 0);
  testing::write_file(dir / "more" / "news.jsonl", generated_jsonl(3000));
  // Search in a loop for as long as the indexer runs; any exit status other
  // than 0 (hits) or 1 (none) is a failure.
  const std::string script =
      testing::shell_quote(kIndexBin) + " -q --commit-every 50 --index db more & pid=$!; n=0; " +
      "while kill -0 $pid 2>/dev/null; do " + testing::shell_quote(kSearchBin) +
      " --index db --json kapal >/dev/null 2>err.txt; rc=$?; n=$((n+1)); "
      "if [ $rc -gt 1 ]; then cat err.txt; echo \"search failed rc=$rc\"; fi; done; "
      "wait $pid; echo \"indexer rc=$? searches=$n\"";
  const CommandResult r = testing::run({"bash", "-c", script}, dir.path());
  EXPECT_EQ(r.out.find("search failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("indexer rc=0"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("searches=0"), std::string::npos) << "no search ran during indexing";
  EXPECT_EQ(delve(dir.path()).documents, 3001);
}

TEST(ClickId, IndexesTheWholeCollection) {
  const auto data = testing::shared_data_dir();
  const auto file = data / "clickid-news" / "clickid-news.jsonl.zst";
  if (data.empty() || !std::filesystem::exists(file))
    GTEST_SKIP() << "shared data not found: " << file;
  TempDir dir;
  const CommandResult r = testing::run({kIndexBin, "--index", "db", file.string()}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("22136 added, 0 updated"), std::string::npos) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("with a stub body"), std::string::npos);
  const CommandResult q = testing::run(
      {kSearchBin, "--index", "db", "--json", "--limit", "5", "timnas indonesia"}, dir.path());
  ASSERT_EQ(q.exit_code, 0) << q.err;
  const auto records = parse_lines(q.out);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_GT(records.back()["matches_estimated"].get<int>(), 10);
  const auto dated = parse_lines(testing::run({kSearchBin, "--index", "db", "--json", "--limit",
                                               "50", "date:2019-09-10 kompas"},
                                              dir.path())
                                     .out);
  ASSERT_GT(dated.size(), 1u);
  for (std::size_t i = 0; i + 1 < dated.size(); ++i) EXPECT_EQ(dated[i]["date"], "2019-09-10");
}

}  // namespace
}  // namespace telusur
