// Integration tests of incremental indexing: each kind of change to the
// articles on disk, then a re-run of the indexer (in process), and the exact
// set of articles the index holds afterwards.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "index_command.h"
#include "index_writer.h"
#include "searcher.h"
#include "status.h"
#include "index_run.h"
#include "test_util.h"
#include "write_lock.h"

namespace telusur {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

using testing::index;
using testing::IndexRun;

std::set<std::string> all_ids(const fs::path& db) {
  const std::vector<std::string> ids = Searcher(db.string()).ids();
  return {ids.begin(), ids.end()};
}

std::set<std::string> ids_matching(const fs::path& db, const std::string& query) {
  Searcher s(db.string());
  SearchOptions o;
  o.query = query;
  o.limit = 10000;
  std::set<std::string> ids;
  for (const Hit& h : s.search(o).hits) ids.insert(h.id);
  return ids;
}

std::string article(const std::string& title, const std::string& body) {
  return title + "\n\n" + body + "\n";
}

std::string jsonl_line(const std::string& id, const std::string& title, const std::string& body) {
  return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
}

// Files get new mtimes within the same second; the content hash decides.
class Incremental : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(in() / "a.txt", article("Banjir di Jakarta", "Banjir melanda Jakarta Timur."));
    write_file(in() / "b.txt", article("Harga beras naik", "Harga beras naik di pasar."));
    write_file(in() / "news.jsonl",
               jsonl_line("j1", "Gempa di Maluku", "Gempa mengguncang Ambon.") +
                   jsonl_line("j2", "Kapal tenggelam", "Kapal nelayan tenggelam di Selat Sunda.") +
                   jsonl_line("j3", "Pemilu daerah", "Pemilihan kepala daerah berlangsung."));
    const IndexRun first = index(db(), {in().string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_EQ(first.counts.added, 5u) << first.err;
    ASSERT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
  }
  fs::path in() const { return dir_.path() / "in"; }
  fs::path db() const { return dir_.path() / "db"; }
  TempDir dir_;
};

TEST_F(Incremental, NothingChangedReadsNothing) {
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.counts.unchanged, 5u) << r.err;
  EXPECT_EQ(r.counts.added + r.counts.updated + r.counts.deleted, 0u) << r.err;
  EXPECT_NE(r.err.find("0 of 3 files read"), std::string::npos) << r.err;
}

TEST_F(Incremental, TouchedButSameContentIsUnchanged) {
  fs::last_write_time(in() / "a.txt", fs::last_write_time(in() / "a.txt") + std::chrono::hours(1));
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.unchanged, 5u) << r.err;
  EXPECT_NE(r.err.find("0 of 3 files read"), std::string::npos) << r.err;
}

TEST_F(Incremental, NewEditedAndDeletedFiles) {
  write_file(in() / "c.txt", article("Sekolah baru", "Sekolah baru dibuka di Bandung."));
  write_file(in() / "b.txt", article("Harga cabai naik", "Harga cabai melonjak di pasar."));
  fs::remove(in() / "a.txt");
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.counts.added, 1u) << r.err;
  EXPECT_EQ(r.counts.updated, 1u) << r.err;
  EXPECT_EQ(r.counts.deleted, 1u) << r.err;
  EXPECT_EQ(r.counts.unchanged, 3u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"b", "c", "j1", "j2", "j3"}));
  EXPECT_EQ(ids_matching(db(), "cabai"), (std::set<std::string>{"b"}));
  EXPECT_TRUE(ids_matching(db(), "beras").empty()) << "the old text of b is gone";
}

TEST_F(Incremental, RenamedTextFileGetsTheNewId) {
  fs::rename(in() / "a.txt", in() / "banjir.txt");
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.added, 1u) << r.err;
  EXPECT_EQ(r.counts.deleted, 1u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"banjir", "b", "j1", "j2", "j3"}));
}

TEST_F(Incremental, JsonlLinesAddedChangedAndRemoved) {
  write_file(in() / "news.jsonl",
             jsonl_line("j1", "Gempa di Maluku", "Gempa mengguncang Ambon.") +
                 jsonl_line("j2", "Kapal karam", "Kapal nelayan karam di Selat Sunda.") +
                 jsonl_line("j4", "Festival budaya", "Festival budaya digelar di Solo."));
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.added, 1u) << r.err;      // j4
  EXPECT_EQ(r.counts.updated, 1u) << r.err;    // j2
  EXPECT_EQ(r.counts.deleted, 1u) << r.err;    // j3
  EXPECT_EQ(r.counts.unchanged, 3u) << r.err;  // a, b, j1
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j4"}));
  EXPECT_EQ(ids_matching(db(), "karam"), (std::set<std::string>{"j2"}));
}

// The file and line each hit was read from, by id.
std::map<std::string, std::string> locations(const fs::path& db, const std::string& query) {
  Searcher s(db.string());
  SearchOptions o;
  o.query = query;
  o.limit = 100;
  std::map<std::string, std::string> out;
  for (const Hit& h : s.search(o).hits) out[h.id] = h.path;
  return out;
}

// A line removed before unchanged ones: they are not analysed again, but
// their stored line numbers follow, as a fresh build would store them.
TEST_F(Incremental, UnchangedJsonlLinesKeepTheirLineNumbersRight) {
  const std::string news = (in() / "news.jsonl").string();
  write_file(in() / "news.jsonl",
             jsonl_line("j2", "Kapal tenggelam", "Kapal nelayan tenggelam di Selat Sunda.") +
                 jsonl_line("j3", "Pemilu daerah", "Pemilihan kepala daerah berlangsung."));
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.deleted, 1u) << r.err;    // j1
  EXPECT_EQ(r.counts.unchanged, 4u) << r.err;  // a, b, j2, j3
  EXPECT_EQ(r.counts.updated, 0u) << r.err;
  const auto where = locations(db(), "kapal OR pemilihan");
  EXPECT_EQ(where.at("j2"), news + ":1");
  EXPECT_EQ(where.at("j3"), news + ":2");
}

std::string suggestion(const fs::path& db, const std::string& query) {
  Searcher s(db.string());
  SearchOptions o;
  o.query = query;
  return s.search(o).suggestion;
}

// The spelling data follows the articles: words of deleted or changed
// articles stop being suggested, new words start (Xapian does not remove
// spelling entries by itself).
TEST_F(Incremental, SpellingSuggestionsFollowDeletedAndChangedArticles) {
  EXPECT_EQ(suggestion(db(), "Selaat"), "selat");            // j2, fresh build
  EXPECT_EQ(suggestion(db(), "mengguncan"), "mengguncang");  // j1
  write_file(in() / "news.jsonl",
             jsonl_line("j1", "Gempa di Maluku", "Gempa terasa di Ambon.") +  // changed
                 jsonl_line("j3", "Pemilu daerah", "Pemilihan kepala daerah berlangsung.") +
                 jsonl_line("j6", "Festival", "Festival layang-layang digelar."));  // new
  const IndexRun r = index(db(), {in().string()});                                  // j2 deleted
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.counts.deleted, 1u) << r.err;
  EXPECT_EQ(suggestion(db(), "Selaat"), "");
  EXPECT_EQ(suggestion(db(), "mengguncan"), "");
  EXPECT_EQ(suggestion(db(), "Festifal"), "festival");
  EXPECT_EQ(suggestion(db(), "Gempa"), "");  // known words are left alone
}

TEST_F(Incremental, UnchangedJsonlLinesAreNotParsedButDuplicatesAreCaught) {
  // The file changes (a line appended), so it is read; its three old lines
  // are known byte for byte and skipped; the appended copy of j1 is a
  // duplicate id.
  const std::string old_text = testing::read_file(in() / "news.jsonl");
  write_file(in() / "news.jsonl",
             old_text + jsonl_line("j5", "Pasar murah", "Pasar murah dibuka di Medan.") +
                 jsonl_line("j1", "Gempa lain", "Gempa lain di Ambon."));
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("duplicate id 'j1'"), std::string::npos) << r.err;
  EXPECT_EQ(r.counts.added, 1u) << r.err;
  EXPECT_EQ(r.counts.unchanged, 5u) << r.err;
  EXPECT_EQ(r.counts.updated + r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(ids_matching(db(), "mengguncang"), (std::set<std::string>{"j1"}));
  EXPECT_TRUE(ids_matching(db(), "lain").empty()) << "the duplicate must not replace j1";
}

TEST_F(Incremental, MovedJsonlKeepsItsIds) {
  fs::create_directories(in() / "archive");
  fs::rename(in() / "news.jsonl", in() / "archive" / "2024.jsonl");
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(r.counts.added, 0u) << r.err;
  EXPECT_EQ(r.counts.updated, 3u) << r.err;  // the same articles, now from another file
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
  // And a second run finds them unchanged.
  EXPECT_EQ(index(db(), {in().string()}).counts.unchanged, 5u);
}

TEST_F(Incremental, ArticleMovedBetweenFilesIsKept) {
  // j3 leaves news.jsonl and shows up in a file read later.
  write_file(in() / "news.jsonl",
             jsonl_line("j1", "Gempa di Maluku", "Gempa mengguncang Ambon.") +
                 jsonl_line("j2", "Kapal tenggelam", "Kapal nelayan tenggelam di Selat Sunda."));
  write_file(in() / "z.jsonl",
             jsonl_line("j3", "Pemilu daerah", "Pemilihan kepala daerah berlangsung."));
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(r.counts.updated, 1u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
}

TEST_F(Incremental, KeepDeletedKeepsThem) {
  fs::remove(in() / "a.txt");
  write_file(in() / "news.jsonl", jsonl_line("j1", "Gempa di Maluku", "Gempa mengguncang Ambon."));
  const IndexRun r = index(db(), {"--keep-deleted", in().string()});
  EXPECT_EQ(r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
}

TEST_F(Incremental, UnreadableOrBrokenFileKeepsItsArticles) {
  // Binary garbage where an article was: skipped, and its article stays.
  write_file(in() / "b.txt", std::string("\x7f"
                                         "ELF\0\0\1\2",
                                         8));
  // A JSONL line that no longer parses: the file is incomplete, nothing of it is deleted.
  write_file(in() / "news.jsonl", jsonl_line("j1", "Gempa di Maluku", "Gempa mengguncang Ambon.") +
                                      "{\"id\": \"j2\",\n");
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("b.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("news.jsonl:2"), std::string::npos) << r.err;
  EXPECT_EQ(r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
  if (geteuid() != 0) {  // root reads any file
    write_file(in() / "b.txt", article("Harga beras naik", "Harga beras naik di pasar."));
    fs::permissions(in() / "a.txt", fs::perms::none);
    const IndexRun locked = index(db(), {in().string()});
    fs::permissions(in() / "a.txt", fs::perms::owner_all);
    EXPECT_EQ(locked.exit_code, 1) << locked.err;
    EXPECT_TRUE(all_ids(db()).count("a")) << locked.err;
  }
}

TEST_F(Incremental, DryRunWritesNothing) {
  write_file(in() / "c.txt", article("Sekolah baru", "Sekolah baru dibuka di Bandung."));
  fs::remove(in() / "a.txt");
  const IndexRun dry = index(db(), {"--dry-run", in().string()});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.err.find("dry run"), std::string::npos) << dry.err;
  EXPECT_EQ(dry.counts.added, 1u) << dry.err;
  EXPECT_EQ(dry.counts.deleted, 1u) << dry.err;
  EXPECT_EQ(dry.counts.unchanged, 4u) << dry.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3"}));
  // The real run then does what the dry run said.
  const IndexRun real = index(db(), {in().string()});
  EXPECT_EQ(real.counts.added, dry.counts.added);
  EXPECT_EQ(real.counts.deleted, dry.counts.deleted);
  EXPECT_EQ(real.counts.unchanged, dry.counts.unchanged);
}

TEST_F(Incremental, OnlyFilesUnderTheGivenPathsAreDeleted) {
  // Indexing another directory into the same index leaves in/ alone.
  write_file(dir_.path() / "other" / "x.txt", article("Lain", "Artikel lain sama sekali."));
  const IndexRun r = index(db(), {(dir_.path() / "other").string()});
  EXPECT_EQ(r.counts.deleted, 0u) << r.err;
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "b", "j1", "j2", "j3", "x"}));
}

TEST_F(Incremental, SecondWriterIsRefusedWithThePid) {
  WriterOptions options;
  IndexWriter first(db().string(), options);
  try {
    IndexWriter second(db().string(), options);
    FAIL() << "a second writer opened the index";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("locked by another telusur-index (pid " +
                                         std::to_string(getpid()) + ")"),
              std::string::npos)
        << e.what();
  }
  const IndexRun r = index(db(), {in().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("locked by another telusur-index"), std::string::npos) << r.err;
}

// A child process named `name` that takes the lock of index `dir` (writing
// its pid, as a writer does), holds it `hold_ms`, then exits. Returns once
// the child holds the lock.
pid_t hold_lock(const fs::path& dir, const char* name, int hold_ms) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_NAME, name);
    const int fd = ::open((dir / WriteLock::kLockFile).c_str(), O_RDWR | O_CREAT, 0644);
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0) ::_exit(1);
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%d\n", static_cast<int>(::getpid()));
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, buf, static_cast<std::size_t>(n), 0) != n) ::_exit(1);
    if (::write(ready[1], "x", 1) != 1) ::_exit(1);
    ::usleep(static_cast<useconds_t>(hold_ms) * 1000);
    ::_exit(0);
  }
  ::close(ready[1]);
  char c;
  const bool ok = ::read(ready[0], &c, 1) == 1;
  ::close(ready[0]);
  return ok ? pid : -1;
}

int reap(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// A lock whose holder is no running telusur tool (gone, or its pid reused)
// is waited for until the kernel releases it; a running writer makes the
// next one fail at once, or wait with --wait.
TEST_F(Incremental, LockOfADeadHolderIsWaitedForALiveOneFailsOrWaits) {
  const pid_t other = hold_lock(db(), "not-a-writer", 600);
  ASSERT_GT(other, 0);
  EXPECT_FALSE(WriteLock::live_holder(other));
  EXPECT_NO_THROW(WriteLock lock(db().string()));  // waited for the release
  reap(other);

  const pid_t live = hold_lock(db(), "telusur-index", 5000);
  ASSERT_GT(live, 0);
  EXPECT_TRUE(WriteLock::live_holder(live));
  try {
    WriteLock lock(db().string());
    FAIL() << "took the lock of a running writer";
  } catch (const IndexError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("locked by another telusur-index (pid " + std::to_string(live) + ")"),
              std::string::npos) << what;
    EXPECT_NE(what.find("--wait SECONDS"), std::string::npos) << what;
  }
  try {
    WriteLock lock(db().string(), std::chrono::milliseconds(200));
    FAIL() << "took the lock of a running writer";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("gave up after waiting"), std::string::npos) << e.what();
  }
  // SIGKILLed: the holder is dying, then gone; the lock is taken.
  ::kill(live, SIGKILL);
  EXPECT_NO_THROW(WriteLock lock(db().string()));
  reap(live);
  EXPECT_FALSE(WriteLock::live_holder(live));

  // --wait outlasts a writer that finishes.
  const pid_t brief = hold_lock(db(), "telusur-index", 300);
  ASSERT_GT(brief, 0);
  const IndexRun r = index(db(), {"--wait", "30", in().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  reap(brief);
  EXPECT_EQ(index(db(), {"--wait", "-1", in().string()}).exit_code, 2);
}

TEST_F(Incremental, RebuildSwapsInAFreshIndex) {
  Searcher before(db().string());
  ASSERT_EQ(before.document_count(), 5u);
  fs::remove(in() / "b.txt");
  const IndexRun r = index(db(), {"--rebuild", in().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.counts.added, 4u) << r.err;
  EXPECT_FALSE(fs::exists(dir_.path() / "db.rebuild"));
  // A searcher that had the old index open still reads it.
  EXPECT_EQ(before.document_count(), 5u);
  EXPECT_EQ(all_ids(db()), (std::set<std::string>{"a", "j1", "j2", "j3"}));
}

}  // namespace
}  // namespace telusur

namespace telusur {
namespace {

// The entity holding `variant`, as the index lists it: "name:articles", or
// "" when there is none.
std::string entity_holding(const fs::path& db, const std::string& variant) {
  for (const Entity& e : Searcher(db.string()).entities())
    for (const EntityVariant& v : e.variants)
      if (v.name == variant) return e.name + ":" + std::to_string(e.articles);
  return "";
}

TEST_F(Incremental, EntitiesMergeAndSplitAsArticlesComeAndGo) {
  const std::string alone =
      jsonl_line("k2", "Putusan MK", "Putusan MK dibacakan pada Senin. Pemohon kecewa terhadap MK.");
  const std::string bracketed = jsonl_line(
      "k1", "Sidang di Mahkamah Konstitusi",
      "Hakim Mahkamah Konstitusi (MK) membacakan putusan. Ketua MK Anwar Usman hadir.");
  write_file(in() / "mk.jsonl", alone);
  ASSERT_EQ(index(db(), {in().string()}).counts.added, 1u);
  EXPECT_EQ(entity_holding(db(), "MK"), "MK:1");
  EXPECT_EQ(ids_matching(db(), "org:\"Mahkamah Konstitusi\""), std::set<std::string>{});

  // An article that writes "Mahkamah Konstitusi (MK)" merges the two.
  write_file(in() / "mk.jsonl", alone + bracketed);
  ASSERT_EQ(index(db(), {in().string()}).counts.added, 1u);
  EXPECT_EQ(entity_holding(db(), "MK"), "Mahkamah Konstitusi:2");
  EXPECT_EQ(ids_matching(db(), "org:\"Mahkamah Konstitusi\""), (std::set<std::string>{"k1", "k2"}));
  // The same table as a fresh build of the same files.
  const fs::path fresh = dir_.path() / "fresh";
  ASSERT_EQ(index(fresh, {in().string()}).exit_code, 0);
  const std::vector<Entity> a = Searcher(db().string()).entities();
  const std::vector<Entity> b = Searcher(fresh.string()).entities();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].articles, b[i].articles);
  }
  // Sharded, the entities are those of the whole collection, whatever shard
  // each article went to.
  const fs::path sharded = dir_.path() / "sharded";
  ASSERT_EQ(index(sharded, {"--shards", "2", in().string()}).exit_code, 0);
  EXPECT_EQ(entity_holding(sharded, "MK"), "Mahkamah Konstitusi:2");
  const std::vector<Entity> c = Searcher(sharded.string()).entities();
  ASSERT_EQ(c.size(), b.size());
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i].id, b[i].id);

  // Deleted, the evidence goes, and the entities split again.
  write_file(in() / "mk.jsonl", alone);
  ASSERT_EQ(index(db(), {in().string()}).counts.deleted, 1u);
  EXPECT_EQ(entity_holding(db(), "MK"), "MK:1");
  EXPECT_EQ(entity_holding(db(), "Mahkamah Konstitusi"), "");
}

}  // namespace
}  // namespace telusur
