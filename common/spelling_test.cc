#include "spelling.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <limits>

namespace telusur {
namespace {

TEST(Spelling, TrustedFrequencyGrowsWithTheIndex) {
  const std::pair<std::uint64_t, std::uint64_t> cases[] = {
      {0, 10}, {5, 10}, {22136, 11}, {221360, 110}, {2000000, 1000}};
  for (const auto& [docs, trusted] : cases) EXPECT_EQ(trusted_frequency(docs), trusted) << docs;
}

// An index whose words have known frequencies: "pyongyang" 30 times,
// "presiden" 12, "kurban" 3 and "korban" 80 (20 times and more), "jakarta" 2.
class Fixture {
 public:
  Fixture()
      : dir_(std::filesystem::temp_directory_path() /
             ("telusur-spelling-test-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    const std::pair<const char*, unsigned> words[] = {
        {"pyongyang", 30}, {"presiden", 12}, {"kurban", 3}, {"korban", 80}, {"jakarta", 2}};
    Xapian::Document doc;
    for (const auto& [w, n] : words) {
      doc.add_term(w, n);
      db.add_spelling(w, n);
    }
    db.add_document(doc);
    db.commit();
    db_ = Xapian::Database(dir_.string());
  }
  ~Fixture() { std::filesystem::remove_all(dir_); }
  const Xapian::Database& db() const { return db_; }

 private:
  std::filesystem::path dir_;
  Xapian::Database db_;
};

TEST(Spelling, PlanLooksUpOnlyRareOrUnknownWords) {
  const Fixture f;
  const Xapian::Database& db = f.db();
  Xapian::SimpleStopper stopper;
  stopper.add("dengan");
  const struct {
    const char* query;
    std::vector<std::string> looked_up;
  } rows[] = {
      {"pyongyang presiden", {}},                     // held 10 times or more
      {"Pyongyan kurban jakarta", {"pyongyan", "kurban", "jakarta"}},  // unknown, rare
      {"person:Pyongyan", {"pyongyan"}},              // a field's value, not its name
      {"dengan AND 2025 abc", {}},                    // stopword, operator, number, short
      {"korea-utara", {"korea", "utara"}},            // parts of a word
  };
  for (const auto& row : rows) {
    SpellingWork work;
    const SpellingPlan plan = plan_spelling(db, stopper, row.query, 10, work);
    std::vector<std::string> keys;
    for (const auto& w : plan.words) keys.push_back(w.key);
    EXPECT_EQ(keys, row.looked_up) << row.query;
  }
  // Trusting nothing looks every word up.
  SpellingWork work;
  EXPECT_EQ(plan_spelling(db, stopper, "pyongyang presiden", std::numeric_limits<std::uint64_t>::max(),
                          work)
                .words.size(),
            2u);
  EXPECT_EQ(work.frequencies, 2u);
}

TEST(Spelling, SuggestsFrequentNearSpellings) {
  const Fixture f;
  const Xapian::Database& db = f.db();
  Xapian::SimpleStopper stopper;
  const std::pair<const char*, const char*> cases[] = {
      {"Pyongyan", "pyongyang"},       // unknown: the near spelling
      {"presidn jakarta", "presiden jakarta"},
      {"kurban", "korban"},            // rare, and a spelling 20 times as frequent
      {"jakarta", ""},                 // rare, but nothing near
      {"xyzzy", ""},
  };
  for (const auto& [query, expected] : cases) {
    SpellingWork work;
    const SpellingPlan plan = plan_spelling(db, stopper, query, 10, work);
    EXPECT_EQ(suggest_spelling(db, plan, work), expected) << query;
    EXPECT_EQ(work.lookups, plan.words.size()) << query;
  }
}

}  // namespace
}  // namespace telusur
