#include "word_vectors.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "status.h"

namespace telusur {
namespace {

namespace fs = std::filesystem;

// Three words of dimension 2 and two articles (docids 1 and 2; 0 unused):
// article 1 has its whole text and one window, article 2 its whole text.
VectorTable table() {
  VectorTable t;
  t.dim = 2;
  t.revision = 7;
  t.trained_docs = 2;
  t.changed_docs = 0;
  t.uuid = "0b5e9c3e-0000-4000-8000-000000000001";
  t.words = {"jakarta", "kota", "presiden"};
  t.idf = {1.0f, 0.5f, 2.0f};
  append_quantised({1, 0}, t.word_vectors);
  append_quantised({1, 1}, t.word_vectors);
  append_quantised({0, 3}, t.word_vectors);
  t.doc_first = {0, 0, 2, 3};
  append_quantised({1, 0}, t.window_vectors);
  append_quantised({0, 1}, t.window_vectors);
  append_quantised({1, 1}, t.window_vectors);
  return t;
}

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() /
         ("telusur-vectors-test-" + std::to_string(::getpid()) + "-" + name);
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(WordVectors, ReadsWhatWasWritten) {
  const fs::path p = temp_file("round");
  write_vector_table(table(), p.string());
  const auto v = WordVectors::open(p.string());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->dim(), 2u);
  EXPECT_EQ(v->revision(), 7u);
  EXPECT_EQ(v->trained_docs(), 2u);
  EXPECT_EQ(v->uuid(), table().uuid);
  ASSERT_EQ(v->word_count(), 3u);
  EXPECT_EQ(v->word(1), "kota");
  EXPECT_EQ(v->find("presiden"), 2u);
  EXPECT_EQ(v->find("kota"), 1u);
  EXPECT_EQ(v->find("bandung"), WordVectors::npos);
  EXPECT_FLOAT_EQ(v->idf(2), 2.0f);
  EXPECT_EQ(v->vector(2)[0], 0);
  EXPECT_EQ(v->vector(2)[1], 127);
  EXPECT_EQ(v->window_count(0), 0u);
  EXPECT_EQ(v->window_count(1), 2u);
  EXPECT_EQ(v->window_count(2), 1u);
  EXPECT_EQ(v->window_count(99), 0u);  // an article the file does not know
  const std::vector<float> q = v->mean({"jakarta", "unknown"});
  EXPECT_NEAR(cosine(q, v->window(1, 0)), 1.0, 1e-6);
  EXPECT_NEAR(cosine(q, v->window(1, 1)), 0.0, 1e-6);
  EXPECT_NEAR(cosine(q, v->window(2, 0)), 0.7071, 1e-2);
  EXPECT_NEAR(cosine(v->mean({}), v->window(2, 0)), 0.0, 1e-9);  // no word, no direction
  set_vector_revision(p.string(), 9);
  EXPECT_EQ(WordVectors::open(p.string())->revision(), 9u);
  fs::remove(p);
}

TEST(WordVectors, MissingFileIsNoVectors) {
  EXPECT_EQ(WordVectors::open(temp_file("absent").string()), nullptr);
}

TEST(WordVectors, DamagedFilesAreRefusedWithTheirName) {
  const fs::path good = temp_file("good");
  write_vector_table(table(), good.string());
  const std::string bytes = read(good);
  const struct {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"empty", ""},
      {"magic", "TLSVEC99" + bytes.substr(8)},
      {"header", bytes.substr(0, 40)},
      {"truncated", bytes.substr(0, bytes.size() - 1)},
      {"trailing", bytes + "x"},
  };
  for (const auto& c : cases) {
    const fs::path p = temp_file(c.name);
    write(p, c.bytes);
    try {
      WordVectors::open(p.string());
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << c.name;
      EXPECT_NE(std::string(e.what()).find("not a usable vectors file"), std::string::npos)
          << c.name << ": " << e.what();
    }
    fs::remove(p);
  }
  fs::remove(good);
}

TEST(WordVectors, InconsistentTablesAreNotWritten) {
  VectorTable t = table();
  t.idf.pop_back();
  const fs::path p = temp_file("bad");
  EXPECT_THROW(write_vector_table(t, p.string()), Error);
  EXPECT_FALSE(fs::exists(p));
}

}  // namespace
}  // namespace telusur
