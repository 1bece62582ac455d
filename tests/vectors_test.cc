// Integration tests of the word vectors beside an index: telusur-index
// --vectors trains them, later runs keep them in step, the reranker's
// vector features read them, and stale or damaged ones are left out with a
// warning.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "index_command.h"
#include "rerank_features.h"
#include "searcher.h"
#include "status.h"
#include "test_util.h"
#include "vector_training.h"
#include "word_vectors.h"

namespace telusur {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

int index(const std::vector<std::string>& args, std::string* err_text = nullptr) {
  std::vector<const char*> argv = {"telusur-index"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int rc = run_index(static_cast<int>(argv.size()), argv.data(), out, err);
  if (err_text) *err_text = err.str();
  return rc;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The file without its index revision (bytes 24-31), which every run of
// telusur-index moves on.
std::string without_revision(std::string bytes) {
  if (bytes.size() >= 32) bytes.replace(24, 8, 8, '\0');
  return bytes;
}

std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
         ", first difference at byte " + std::to_string(i);
}

class Vectors : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_ / "corpus";
    fs::copy(testing::source_dir() / "corpus", corpus_);
    db_ = (dir_ / "db").string();
    file_ = dir_ / "db" / std::string(kVectorsFile);
  }
  void add_article() {
    std::ofstream(corpus_ / "extra.txt")
        << "Banjir di Jakarta\n\nHujan deras membuat banjir di Jakarta Utara. Warga mengungsi "
           "ke masjid dan sekolah, dan pemerintah kota membuka dapur umum.\n";
  }
  std::vector<std::string> feature_column(const std::string& name, bool vectors) {
    const auto& names = rerank_feature_names();
    const std::size_t col = std::find(names.begin(), names.end(), name) - names.begin();
    Searcher s(db_);
    SearchOptions o;
    o.query = "korea utara china";
    o.free_text = true;
    o.snippet_bytes = 0;
    o.rerank_features = true;
    o.vector_features = vectors;
    const SearchResults r = s.search(o);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.hits.size(); ++i)
      out.push_back(std::to_string(r.features[i * names.size() + col]));
    return out;
  }

  TempDir dir_;
  fs::path corpus_, file_;
  std::string db_;
};

TEST_F(Vectors, TrainedOnTheArticlesAndTheSameForOneThread) {
  std::string err;
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}, &err), 0)
      << err;
  EXPECT_NE(err.find("word vectors: "), std::string::npos) << err;
  EXPECT_NE(err.find("trained in"), std::string::npos) << err;
  const auto v = WordVectors::open(file_.string());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->dim(), 100u);
  EXPECT_EQ(v->trained_docs(), 5u);
  EXPECT_NE(v->find("korea"), WordVectors::npos);
  EXPECT_NE(v->find("presiden"), WordVectors::npos);
  for (std::uint32_t d = 1; d <= 5; ++d) EXPECT_GE(v->window_count(d), 2u) << d;
  EXPECT_TRUE(Searcher(db_).warnings().empty());
  const std::string first = read(file_);
  fs::remove(file_);
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}), 0);
  EXPECT_TRUE(without_revision(read(file_)) == without_revision(first))
      << first_difference(read(file_), first);
  EXPECT_TRUE(Searcher(db_).warnings().empty());
}

TEST_F(Vectors, LaterRunsKeepThemInStep) {
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}), 0);
  const std::string before = read(file_);
  std::string err;
  ASSERT_EQ(index({"--index", db_, corpus_.string()}, &err), 0) << err;  // nothing changed
  EXPECT_EQ(err.find("word vectors"), std::string::npos) << err;
  EXPECT_TRUE(without_revision(read(file_)) == without_revision(before))
      << first_difference(read(file_), before);
  EXPECT_TRUE(Searcher(db_).warnings().empty());  // the revision moved on with the index
  add_article();
  ASSERT_EQ(index({"--index", db_, "--vector-threads", "1", corpus_.string()}, &err), 0) << err;
  EXPECT_NE(err.find("word vectors: "), std::string::npos) << err;  // without --vectors too
  const auto v = WordVectors::open(file_.string());
  EXPECT_EQ(v->trained_docs(), 6u);  // one change in five: retrained
  EXPECT_GE(v->window_count(6), 2u);
  EXPECT_NE(v->find("banjir"), WordVectors::npos);
  EXPECT_TRUE(Searcher(db_).warnings().empty());
  ASSERT_EQ(index({"--index", db_, "--no-vectors", corpus_.string()}), 0);
  EXPECT_FALSE(fs::exists(file_));
}

TEST_F(Vectors, FewChangesKeepTheWordsAndRecomputeTheWindows) {
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}), 0);
  fs::remove(file_);
  VectorSettings s;
  s.threads = 1;
  EXPECT_TRUE(update_vectors(db_, 0, s).trained);
  add_article();
  ASSERT_EQ(index({"--index", db_, "--no-vectors", corpus_.string()}), 0);
  EXPECT_TRUE(update_vectors(db_, 0, s).trained);
  s.retrain_share = 1.0;  // one change in six is below the share
  const VectorReport r = update_vectors(db_, 1, s);
  EXPECT_TRUE(r.refreshed);
  EXPECT_FALSE(r.trained);
  EXPECT_EQ(r.docs, 6u);
  const auto v = WordVectors::open(file_.string());
  EXPECT_EQ(v->trained_docs(), 6u);
  EXPECT_EQ(v->changed_docs(), 1u);
  EXPECT_FALSE(update_vectors(db_, 0, s).refreshed);  // current: nothing to do
}

TEST_F(Vectors, FeaturesReadThemAndStaleOnesAreLeftOut) {
  ASSERT_EQ(index({"--index", db_, corpus_.string()}), 0);
  const std::vector<std::string> none = feature_column("vector_window", true);
  ASSERT_FALSE(none.empty());
  for (const std::string& x : none) EXPECT_EQ(x, "0.000000");
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}), 0);
  const std::vector<std::string> with = feature_column("vector_window", true);
  EXPECT_TRUE(std::any_of(with.begin(), with.end(), [](const std::string& x) { return x != "0.000000"; }));
  for (const std::string& x : feature_column("vector_article", false)) EXPECT_EQ(x, "0.000000");
  // The index changes behind the vectors' back: they are stale.
  const std::string old = read(file_);
  add_article();
  ASSERT_EQ(index({"--index", db_, "--vector-threads", "1", corpus_.string()}), 0);
  std::ofstream(file_, std::ios::binary | std::ios::trunc) << old;
  Searcher s(db_);
  ASSERT_EQ(s.warnings().size(), 1u);
  EXPECT_NE(s.warnings()[0].find("older than the index"), std::string::npos) << s.warnings()[0];
  for (const std::string& x : feature_column("vector_window", true)) EXPECT_EQ(x, "0.000000");
  std::ofstream(file_, std::ios::binary | std::ios::trunc) << "garbage";
  const Searcher damaged(db_);
  ASSERT_EQ(damaged.warnings().size(), 1u);
  EXPECT_NE(damaged.warnings()[0].find("not a usable vectors file"), std::string::npos);
}

// A run that ended after its commit, before the vectors were brought in
// step: the next run, though it changes nothing, recomputes them.
TEST_F(Vectors, ARunThatChangesNothingCatchesUpAfterAnInterruptedOne) {
  ASSERT_EQ(index({"--index", db_, "--vectors", "--vector-threads", "1", corpus_.string()}), 0);
  const std::string before_the_article = read(file_);
  add_article();
  ASSERT_EQ(index({"--index", db_, "--vector-threads", "1", corpus_.string()}), 0);
  std::ofstream(file_, std::ios::binary | std::ios::trunc) << before_the_article;
  EXPECT_EQ(WordVectors::open(file_.string())->window_count(6), 0u);
  std::string err;
  ASSERT_EQ(index({"--index", db_, "--vector-threads", "1", corpus_.string()}, &err), 0) << err;
  EXPECT_NE(err.find("word vectors: "), std::string::npos) << err;
  EXPECT_GE(WordVectors::open(file_.string())->window_count(6), 2u);
  EXPECT_TRUE(Searcher(db_).warnings().empty());
}

TEST_F(Vectors, ShardedIndexesAreRefused) {
  std::string err;
  EXPECT_EQ(index({"--index", db_, "--shards", "2", "--vectors", corpus_.string()}, &err), 2);
  EXPECT_NE(err.find("unsharded"), std::string::npos) << err;
}

}  // namespace
}  // namespace telusur
