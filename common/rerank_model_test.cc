#include "rerank_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

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
  RerankModel::train(rows, 2, labels, groups, t, (dir / "a.ubj").string());
  RerankModel::train(rows, 2, labels, groups, t, (dir / "b.ubj").string());
  EXPECT_EQ(read(dir / "a.ubj"), read(dir / "b.ubj"));  // deterministic
  const RerankModel m((dir / "a.ubj").string());
  const std::vector<float> scores = m.predict({12, 3, 1, 3, 2, 9}, 2);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_GT(scores[0], scores[1]);
  EXPECT_GT(scores[0], scores[2]);
  const auto importance = m.importance({"signal", "noise"});
  ASSERT_FALSE(importance.empty());
  EXPECT_EQ(importance[0].first, "signal");
  EXPECT_THROW(RerankModel((dir / "missing.ubj").string()), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace telusur
