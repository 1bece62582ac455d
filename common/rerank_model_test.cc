#include "rerank_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "status.h"

namespace telusur {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// 40 queries of 5 candidates; the relevant one has the highest first
// feature, the second feature is noise.
void data(std::vector<float>& rows, std::vector<float>& labels, std::vector<unsigned>& groups) {
  for (int q = 0; q < 40; ++q) {
    for (int c = 0; c < 5; ++c) {
      const bool relevant = c == q % 5;
      rows.push_back(relevant ? 10.0f + static_cast<float>(q % 3) : static_cast<float>(c));
      rows.push_back(static_cast<float>((q * 7 + c * 3) % 11));
      labels.push_back(relevant ? 1.0f : 0.0f);
    }
    groups.push_back(5);
  }
}

TEST(RerankModel, LearnsARankingAndIsTheSameForASeed) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("telusur-rerank-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<float> rows, labels;
  std::vector<unsigned> groups;
  data(rows, labels, groups);
  RerankTraining t;
  t.rounds = 20;
  RerankModel::train(rows, 2, labels, groups, t, (dir / "a.trees").string());
  RerankModel::train(rows, 2, labels, groups, t, (dir / "b.trees").string());
  EXPECT_EQ(read(dir / "a.trees"), read(dir / "b.trees"));  // deterministic
  const RerankModel m((dir / "a.trees").string());
  const std::vector<float> scores = m.predict({12, 3, 1, 3, 2, 9}, 2);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_GT(scores[0], scores[2]);
  const auto importance = m.importance({"signal", "noise"});
  ASSERT_FALSE(importance.empty());
  EXPECT_EQ(importance[0].first, "signal");
  EXPECT_THROW(RerankModel((dir / "missing.trees").string()), Error);
  std::filesystem::remove_all(dir);
}

// The compact form scores every row as XGBoost scores it, missing values
// included, and reports the same importance.
TEST(RerankModel, CompactTreesScoreAsXgboostDoes) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("telusur-rerank-trees-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<float> rows, labels;
  std::vector<unsigned> groups;
  data(rows, labels, groups);
  RerankTraining t;
  t.rounds = 40;
  t.xgboost_copy = (dir / "xgboost.ubj").string();
  RerankModel::train(rows, 2, labels, groups, t, (dir / "model.trees").string());
  EXPECT_EQ(read(dir / "model.trees").substr(0, 8), "TLSTREE1");
  const RerankModel compact((dir / "model.trees").string());
  const RerankModel xgboost(t.xgboost_copy);
  std::vector<float> probe = rows;
  for (float x : {-1.0f, 0.5f, 10.5f, 11.0f, 13.0f, 100.0f}) probe.insert(probe.end(), {x, x / 2});
  probe.insert(probe.end(), {std::nanf(""), 3.0f, 12.0f, std::nanf("")});
  const std::vector<float> a = compact.predict(probe, 2), b = xgboost.predict(probe, 2);
  ASSERT_EQ(a.size(), probe.size() / 2);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-5) << "row " << i;
  const auto ia = compact.importance({"signal", "noise"}),
             ib = xgboost.importance({"signal", "noise"});
  ASSERT_EQ(ia.size(), ib.size());
  for (std::size_t i = 0; i < ia.size(); ++i) {
    EXPECT_EQ(ia[i].first, ib[i].first);
    EXPECT_NEAR(ia[i].second, ib[i].second, 1e-3 * ib[i].second);
  }
  EXPECT_THROW(compact.predict(probe, 3), Error);  // a model of two features
  std::ofstream(dir / "cut.trees", std::ios::binary) << read(dir / "model.trees").substr(0, 30);
  EXPECT_THROW(RerankModel((dir / "cut.trees").string()), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace telusur
