// Resumed fresh builds and rebuilds: a build killed (SIGKILL, in a child
// process) once a builder database has committed, then run again, keeps
// what the killed build wrote and ends with exactly the articles of a clean
// build (index_digest.h: the same ids, terms, wdf and values).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "index_digest.h"
#include "index_run.h"
#include "test_util.h"

namespace telusur {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

using testing::index;
using testing::IndexRun;

// `n` articles in one JSON Lines file; `edition` changes the text of every
// seventh article.
std::string articles(int n, int edition = 0) {
  const char* topics[] = {"banjir", "gempa", "pemilu", "harga beras", "kapal nelayan"};
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Berita " + topics[i % 5] +
           " nomor " + std::to_string(i) + "\", \"body\": \"Laporan " + topics[(i * 7) % 5] +
           " dari daerah " + std::to_string(i % 13) + (edition && i % 7 == 0 ? " diperbarui" : "") +
           " tentang " + topics[(i * 3) % 5] + ". Presiden Joko Widodo meninjau Jakarta.\"}\n";
  return out;
}

// Whether a builder database of `db` has committed a chunk: its version
// file (iamglass, written when the database is created and rewritten at
// each commit) differs from what it was when first seen.
class PartCommitted {
 public:
  explicit PartCommitted(fs::path db) : parts_(db.string() + ".parts") {}
  bool operator()() {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(parts_, ec)) {
      const std::string now = testing::read_file(e.path() / "iamglass");
      if (now.empty()) continue;
      const auto [it, first] = seen_.emplace(e.path().string(), now);
      if (!first && it->second != now) return true;
    }
    return false;
  }

 private:
  fs::path parts_;
  std::map<std::string, std::string> seen_;
};

// Runs telusur-index with `args` in a child process and SIGKILLs it once
// `ready` holds (or when it ends by itself). Returns whether it was killed.
bool run_and_kill(const fs::path& db, const std::vector<std::string>& args,
                  const std::function<bool()>& ready) {
  const pid_t child = ::fork();
  if (child == 0) {
    index(db, args);
    ::_exit(0);
  }
  bool killed = false;
  for (;;) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) return killed;
    if (!killed && ready()) {
      ::kill(child, SIGKILL);
      killed = true;
    }
    ::usleep(500);
  }
}

class Resume : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(in() / "news.jsonl", articles(3000));
    ASSERT_EQ(index(clean(), {"--threads", "2", in().string()}).exit_code, 0);
  }
  fs::path in() const { return dir_.path() / "in"; }
  fs::path clean() const { return dir_.path() / "clean"; }
  fs::path db() const { return dir_.path() / "db"; }
  // Builds with small chunks, so that a part commits early.
  std::vector<std::string> args(std::vector<std::string> more = {}) const {
    std::vector<std::string> a = {"--threads", "2", "--commit-every", "50"};
    a.insert(a.end(), more.begin(), more.end());
    a.push_back(in().string());
    return a;
  }
  TempDir dir_;
};

TEST_F(Resume, KilledFreshBuildResumesToTheCleanBuild) {
  ASSERT_TRUE(run_and_kill(db(), args(), PartCommitted(db())));
  const IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(r.resumed, 0u) << r.err;
  EXPECT_LT(r.resumed, 3000u) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
  EXPECT_FALSE(fs::exists(db().string() + ".parts"));
  // IndexRun again: nothing to resume, nothing changed.
  const IndexRun again = index(db(), args());
  EXPECT_EQ(again.resumed, 0u);
  EXPECT_NE(again.err.find("0 added, 0 updated, 0 deleted, 3000 unchanged"), std::string::npos)
      << again.err;
}

TEST_F(Resume, ArticlesChangedOrGoneSinceTheKillAreNotKept) {
  ASSERT_TRUE(run_and_kill(db(), args(), PartCommitted(db())));
  // Every seventh article edited, the last 500 gone.
  testing::write_file(in() / "news.jsonl", articles(2500, 1));
  const IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(r.resumed, 0u) << r.err;
  const fs::path fresh = dir_.path() / "fresh";
  ASSERT_EQ(index(fresh, {in().string()}).exit_code, 0);
  EXPECT_EQ(article_digests(db()), article_digests(fresh));
}

TEST_F(Resume, ArticlesOnOtherLinesSinceTheKillKeepTheirNewLineNumbers) {
  ASSERT_TRUE(run_and_kill(db(), args(), PartCommitted(db())));
  // One article more at the top: every line moves down by one, unchanged.
  testing::write_file(in() / "news.jsonl",
                      "{\"id\": \"top\", \"title\": \"Berita baru\", \"body\": \"Laporan "
                      "banjir dari daerah baru.\"}\n" +
                          articles(3000));
  const IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path fresh = dir_.path() / "fresh";
  ASSERT_EQ(index(fresh, {in().string()}).exit_code, 0);
  EXPECT_EQ(article_digests(db()), article_digests(fresh));
}

TEST_F(Resume, UnchangedLinesAreTakenUnreadAndDuplicatesStillReported) {
  ASSERT_TRUE(run_and_kill(db(), args(), PartCommitted(db())));
  // A line repeated at the end: its id was taken from the parts, so the
  // repeat is a duplicate, named on stderr like in a clean build.
  std::string text = articles(3000);
  text += text.substr(0, text.find('\n') + 1);
  testing::write_file(in() / "news.jsonl", text);
  const IndexRun r = index(db(), args());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_GT(r.resumed, 0u) << r.err;
  EXPECT_NE(r.err.find("duplicate id 'n0'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("news.jsonl:3001"), std::string::npos) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
}

TEST_F(Resume, PartsOfOtherOptionsAreDiscardedAndRebuildStartsOver) {
  // Parts built with another stemmer are never trusted.
  ASSERT_TRUE(run_and_kill(db(), args({"--stemmer", "snowball"}),
                           PartCommitted(db())));
  IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.resumed, 0u) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
  // An explicit --rebuild starts over, even with an interrupted one there.
  ASSERT_TRUE(run_and_kill(db(), args({"--rebuild"}), PartCommitted(db())));
  r = index(db(), args({"--rebuild"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.resumed, 0u) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
}

TEST_F(Resume, InterruptedRebuildIsFinishedByTheNextRun) {
  testing::write_file(dir_.path() / "old" / "a.txt", "Kapal karam\n\nKapal nelayan karam.\n");
  ASSERT_EQ(index(db(), {(dir_.path() / "old").string()}).exit_code, 0);
  ASSERT_TRUE(run_and_kill(db(), args({"--rebuild"}), PartCommitted(db())));
  const IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(r.resumed, 0u) << r.err;
  EXPECT_NE(r.err.find("interrupted --rebuild"), std::string::npos) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
}

TEST_F(Resume, KilledDuringTheMergeResumesEverything) {
  // Killed once the compaction into DIR.compacting began (if the build gets
  // there first, it simply completes): either way the next run ends clean.
  const fs::path compacting = db().string() + ".compacting";
  run_and_kill(db(), args(), [&] { return fs::exists(compacting); });
  const IndexRun r = index(db(), args());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(article_digests(db()), article_digests(clean()));
  EXPECT_FALSE(fs::exists(compacting));
}

}  // namespace
}  // namespace telusur
