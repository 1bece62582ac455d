#include "weighting.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "status.h"

namespace telusur {
namespace {

TEST(Weighting, ParsesSchemesAndParameters) {
  const struct {
    std::string_view text, canonical;
  } rows[] = {
      {"bm25", "bm25:k1=1,k2=0,k3=1,b=0.5,min_normlen=0.5"},
      {"bm25:k1=0.9,b=0.4", "bm25:k1=0.9,k2=0,k3=1,b=0.4,min_normlen=0.5"},
      {"bm25plus:delta=0.5", "bm25+:k1=1,k2=0,k3=1,b=0.5,min_normlen=0.5,delta=0.5"},
      {"tfidf", "tfidf:norm=ntn"},
      {"tfidf:bpn", "tfidf:norm=bpn"},
      {"tfidf:norm=lxn", "tfidf:norm=lxn"},
      {"pl2:c=2", "pl2:c=2"},
      {"pl2+", "pl2+:c=1,delta=0.8"},
      {"dph", "dph"},
      {"dirichlet:mu=2500", "lm-dirichlet:mu=2500"},
      {"lm-jm", "lm-jm:lambda=0.1"},
      {"jm:lambda=0.7", "lm-jm:lambda=0.7"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(describe_weighting(parse_weighting(r.text)), r.canonical) << r.text;
}

TEST(Weighting, RejectsBadSchemes) {
  const struct {
    std::string_view text, message;
  } rows[] = {
      {"bm26", "unknown weighting scheme 'bm26' (known: bm25, bm25+,"},
      {"bm25:k4=1", "weighting 'bm25' has no parameter 'k4' (it takes k1, k2, k3, b, min_normlen)"},
      {"dph:c=1", "weighting 'dph' has no parameter 'c' (it takes none)"},
      {"bm25:k1=x", "weighting 'bm25': k1 must be a number, not 'x'"},
      {"bm25:k1=", "k1 must be a number, not ''"},
      {"tfidf:foo=ntn", "weighting 'tfidf' has one parameter, norm"},
  };
  for (const auto& r : rows) {
    try {
      parse_weighting(r.text);
      ADD_FAILURE() << "no error for " << r.text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(r.message), std::string::npos) << e.what();
    }
  }
  // Values Xapian (or the language models) reject are errors too.
  for (std::string_view text : {"pl2:c=0", "lm-dirichlet:mu=0", "lm-jm:lambda=1", "tfidf:zzz"})
    EXPECT_THROW(make_weight(parse_weighting(text)), Error) << text;
}

// A collection of twelve 20-word documents: "kucing" 3 times in d1 and once
// in d2, "burung" once in d3; the other words are fillers f0..f29.
class Collection : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    int filler = 0;
    for (int d = 1; d <= 12; ++d) {
      std::string text = d == 1   ? "kucing kucing kucing"
                         : d == 2 ? "kucing"
                         : d == 3 ? "burung"
                                  : "";
      const int words = d == 1 ? 17 : d <= 3 ? 19 : 20;
      for (int i = 0; i < words; ++i) text += " f" + std::to_string(filler++ % 30);
      Xapian::Document doc;
      std::istringstream in(text);
      for (std::string w; in >> w;) doc.add_term(w);
      docs_.push_back(text);
      db_.add_document(doc);
    }
  }

  // Score of each matching document (docid -> weight).
  std::map<Xapian::docid, double> scores(const Xapian::Query& q, const Xapian::Weight& w) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    enquire.set_weighting_scheme(w);
    std::map<Xapian::docid, double> out;
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
  }

  // log P(q|d), computed from the textbook formulas.
  double log_likelihood(Xapian::docid id, const std::vector<std::string>& query,
                        const std::function<double(double tf, double len, double p)>& p_word) {
    std::istringstream words(docs_[id - 1]);
    std::map<std::string, double> tf;
    double len = 0;
    for (std::string w; words >> w; ++len) ++tf[w];
    double total = 0;
    for (const std::string& d : docs_) {
      std::istringstream all(d);
      for (std::string w; all >> w;) ++total;
    }
    double sum = 0;
    for (const std::string& t : query) {
      double cf = 0;
      for (const std::string& d : docs_) {
        std::istringstream all(d);
        for (std::string w; all >> w;) cf += w == t;
      }
      sum += std::log(p_word(tf[t], len, cf / total));
    }
    return sum;
  }

  Xapian::WritableDatabase db_;
  std::vector<std::string> docs_;
};

// The rank-equivalent scores differ between documents exactly as the true
// query log-likelihoods do, for documents with one or all query words.
TEST_F(Collection, LanguageModelsMatchTheTextbookLikelihoods) {
  const std::vector<std::string> query = {"kucing", "burung"};
  const Xapian::Query q(Xapian::Query::OP_OR, query.begin(), query.end());
  const double mu = 2;
  const auto s = scores(q, LMDirichletWeight(mu));
  const auto dirichlet = [&](double tf, double len, double p) {
    return (tf + mu * p) / (len + mu);
  };
  ASSERT_EQ(s.size(), 3u);  // d1, d2, d3
  for (Xapian::docid a : {1u, 2u, 3u})
    for (Xapian::docid b : {1u, 2u, 3u})
      EXPECT_NEAR(s.at(a) - s.at(b),
                  log_likelihood(a, query, dirichlet) - log_likelihood(b, query, dirichlet), 1e-9)
          << a << " " << b;
  const double lambda = 0.3;
  const auto j = scores(q, LMJelinekMercerWeight(lambda));
  const auto jm = [&](double tf, double len, double p) {
    return (1 - lambda) * tf / len + lambda * p;
  };
  for (Xapian::docid a : {1u, 2u, 3u})
    for (Xapian::docid b : {1u, 2u, 3u})
      EXPECT_NEAR(j.at(a) - j.at(b), log_likelihood(a, query, jm) - log_likelihood(b, query, jm),
                  1e-9)
          << a << " " << b;
  // The Jelinek-Mercer score itself: kucing is 3 of d1's 20 words and 4 of
  // the collection's 240: log(1 + 0.7 / 0.3 * (3 / 20) / (4 / 240)) = log 22.
  EXPECT_NEAR(scores(Xapian::Query("kucing"), LMJelinekMercerWeight(lambda)).at(1), std::log(22.0),
              1e-9);
}

// d1 (kucing 3 times) ranks above d2 (once, same length) in every
// scheme that reads term frequency; bool gives every match the same weight
// and coord counts matching query terms (one each here); PL2+ see below.
TEST_F(Collection, EverySchemeRanksTheFixtureAsExpected) {
  for (const std::string& name : weighting_names()) {
    const auto s = scores(Xapian::Query("kucing"), *make_weight(parse_weighting(name)));
    ASSERT_EQ(s.size(), 2u) << name;
    if (name == "bool" || name == "coord" || name == "pl2+")
      EXPECT_EQ(s.at(1), s.at(2)) << name;
    else
      EXPECT_GT(s.at(1), s.at(2)) << name;
  }
  // Xapian's PL2+ weighs only terms at least as frequent as documents
  // (collection frequency / collection size >= 1): here both score 0, and in
  // a collection where kucing is that frequent, d1 ranks first.
  EXPECT_EQ(scores(Xapian::Query("kucing"), Xapian::PL2PlusWeight()).at(1), 0);
  Xapian::WritableDatabase frequent(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* text : {"kucing kucing kucing a", "kucing b c d", "kucing e f g", "h i j k"}) {
    Xapian::Document doc;
    std::istringstream in(text);
    for (std::string w; in >> w;) doc.add_term(w);
    frequent.add_document(doc);
  }
  Xapian::Enquire enquire(frequent);
  enquire.set_query(Xapian::Query("kucing"));
  enquire.set_weighting_scheme(*make_weight(parse_weighting("pl2+")));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  ASSERT_EQ(mset.size(), 3u);
  EXPECT_EQ(*mset.begin(), 1u);
  EXPECT_GT(mset.begin().get_weight(), 0);
}

}  // namespace
}  // namespace telusur
