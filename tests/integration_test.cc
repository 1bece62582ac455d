// Integration tests: index a fixture corpus through the indexer command (in
// process) and assert which articles each query must and must not match.
#include <gtest/gtest.h>
#include <zstd.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "index_command.h"
#include "searcher.h"
#include "status.h"
#include "test_util.h"

namespace telusur {
namespace {

using testing::TempDir;

// Runs telusur-index in process on `paths` (options may be among them).
int index_paths(const std::string& db, const std::vector<std::string>& paths,
                std::string& err_text) {
  std::vector<std::string> args = {"telusur-index", "--index", db};
  args.insert(args.end(), paths.begin(), paths.end());
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int rc = run_index(static_cast<int>(argv.size()), argv.data(), out, err);
  err_text = err.str();
  return rc;
}

std::set<std::string> ids(Searcher& s, const std::string& query, bool all = false) {
  SearchOptions o;
  o.query = query;
  o.limit = 1000;
  o.match_all = all;
  std::set<std::string> out;
  for (const Hit& h : s.search(o).hits) out.insert(h.id);
  return out;
}

std::string zstd_compress(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  out.resize(n);
  return out;
}

class FixtureCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto corpus = dir_->path() / "corpus";
    testing::copy_fixtures(corpus);
    // Bad files that cannot live in the repository as text.
    testing::write_file(corpus / "bad_binary.txt", std::string("\x7f"
                                                               "ELF\0\0\1\2\3",
                                                               9));
    testing::write_file(corpus / "a19_latin1.txt",
                        "Kafe \xe9lite Dibuka di Bandung\n\nSenin, 1 Juli 2024\n\nKafe bernuansa "
                        "\x93klasik\x94 dibuka.\n");
    testing::write_file(corpus / "a20_utf16.txt",
                        std::string("\xFF\xFE", 2) +
                            std::string("J\0e\0r\0u\0k\0 \0P\0o\0n\0t\0i\0a\0n\0a\0k\0", 30));
    testing::write_file(corpus / "notes.md", "not an article");
    testing::write_file(corpus / "huge.txt", "Judul\n\n" + std::string(33u << 20, 'a'));
    testing::write_file(corpus / "deep.jsonl",
                        "{\"id\": \"deep\", \"body\": " + std::string(100000, '[') +
                            std::string(100000, ']') + "}\n");
    const std::string jsonl =
        testing::read_file(testing::source_dir() / "tests/fixtures/articles/articles.jsonl");
    testing::write_file(
        corpus / "stream.jsonl.zst",
        zstd_compress("{\"id\": \"z01\", \"title\": \"Berita dari arsip zstd\", \"body\": "
                      "\"Isi tentang durian montong.\"}\n"));
    (void)jsonl;
    db_ = (dir_->path() / "db").string();
    rc_ = index_paths(db_, {corpus.string()}, err_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static TempDir* dir_;
  static std::string db_;
  static std::string err_;
  static int rc_;
};

TempDir* FixtureCorpus::dir_ = nullptr;
std::string FixtureCorpus::db_;
std::string FixtureCorpus::err_;
int FixtureCorpus::rc_ = -1;

TEST_F(FixtureCorpus, SkipsBadFilesAndNamesEach) {
  EXPECT_EQ(rc_, 1) << err_;
  for (const char* what :
       {"a17_empty.txt: empty file", "a18_only_boilerplate.txt: no article text",
        "bad_binary.txt: binary file", "articles.jsonl:5: malformed JSON",
        "articles.jsonl:6: record has no 'id'", "articles.jsonl:7: duplicate id 'j01'",
        "huge.txt: file too large", "deep.jsonl:1: field 'body' is not a string"})
    EXPECT_NE(err_.find(what), std::string::npos) << what << "\n" << err_;
  EXPECT_NE(err_.find("a19_latin1.txt: not valid UTF-8; decoded as Windows-1252"),
            std::string::npos)
      << err_;
  // notes.md is not an article file; inside a directory it is ignored silently.
  EXPECT_EQ(err_.find("notes.md"), std::string::npos) << err_;
  EXPECT_NE(err_.find("with a stub body"), std::string::npos) << err_;
}

TEST_F(FixtureCorpus, IndexesEveryValidArticle) {
  Searcher s(db_);
  // 16 good .txt (one in a subfolder) + latin1 + utf16 + 4 JSONL + 1 zstd.
  EXPECT_EQ(s.document_count(), 23u);
}

struct QueryCase {
  const char* query;
  std::set<std::string> must;
  std::set<std::string> must_not;
};

TEST_F(FixtureCorpus, QueriesMatchTheRightArticles) {
  Searcher s(db_);
  const QueryCase cases[] = {
      {"banjir", {"a01_banjir_jakarta"}, {"a02_vaksin_sabtu"}},
      {"zebrakuda", {}, {"a02_vaksin_sabtu"}},           // "Baca Juga" line stripped
      {"kucingemas", {}, {"a05_agregasi_voa"}},          // image-URL caption stripped
      {"kerupuk gurita", {}, {"a09_baca_juga_inline"}},  // inline (Baca juga: ...) stripped
      {"garam", {"a09_baca_juga_inline"}, {}},
      {"beritakeretaapi", {}, {"a10_tayang_di"}},  // "tayang di" line stripped
      {"ubur-ubur", {}, {"j03"}},                  // JSONL "Baca Juga" paragraph stripped
      {"pelabuhan", {"j01"}, {}},
      {"kapal feri", {"j01"}, {}},
      {"negara",
       {"a07_reduplikasi", "a06_dateline_senin"},
       {}},  // reduplication indexes the base word
      {"\"negara-negara\"", {"a07_reduplikasi"}, {"a06_dateline_senin"}},
      {"\"kim jong un\"", {"a07_reduplikasi"}, {}},       // Jong-un = Jong Un
      {"\"kita harus bersatu\"", {"a08_tipografi"}, {}},  // curly quotes
      {"tegaskan", {"a02_vaksin_sabtu", "a14_judul_kapital"}, {}},
      {"TEGASKAN", {"a02_vaksin_sabtu", "a14_judul_kapital"}, {}},
      {"covid-19", {"a13_angka"}, {}},
      {"2,5", {"a13_angka"}, {}},
      {"1.500.000", {"a13_angka"}, {}},
      {"title:banjir", {"a01_banjir_jakarta"}, {}},
      {"judul:rendang", {"a15_tanpa_tanggal"}, {}},
      {"title:petugas", {}, {"a01_banjir_jakarta"}},  // body word, not in the title
      {"source:kompas", {"a01_banjir_jakarta", "j01"}, {"a04_iso_antara"}},
      {"sumber:antara", {"a04_iso_antara"}, {}},
      {"penulis:rina", {"a01_banjir_jakarta"}, {}},
      {"author:dewi", {"j03"}, {}},
      {"kategori:nasional", {"j01"}, {"j03"}},
      {"year:2021", {"a05_agregasi_voa", "a14_judul_kapital"}, {"a01_banjir_jakarta"}},
      {"tahun:2019",
       {"a11_english_date", "a12_short_month_year", "a13_angka", "j01", "j02", "j03"},
       {}},
      {"date:2024-01-01..2024-03-31",
       {"a01_banjir_jakarta", "a07_reduplikasi", "a08_tipografi"},
       {"a09_baca_juga_inline", "a06_dateline_senin"}},
      {"tanggal:2019-09-10", {"j01", "a12_short_month_year"}, {"j03"}},
      {"nelayan", {"a03_tanpa_judul"}, {}},
      {"kafe klasik", {"a19_latin1"}, {}},
      {"pontianak", {"a20_utf16"}, {}},
      {"durian", {"z01"}, {}},
      {"layang-layang", {"a16_subfolder"}, {}},
      {"kebun teh", {"j02"}, {}},
      {"banjir OR gempa", {"a01_banjir_jakarta", "a05_agregasi_voa"}, {}},
      {"banjir AND gempa", {}, {"a01_banjir_jakarta", "a05_agregasi_voa"}},
      {"beras NOT pasar", {"a06_dateline_senin"}, {"a04_iso_antara"}},
      {"presid*", {"a14_judul_kapital"}, {}},
  };
  for (const auto& c : cases) {
    const std::set<std::string> got = ids(s, c.query);
    for (const auto& id : c.must) EXPECT_TRUE(got.count(id)) << c.query << " must match " << id;
    for (const auto& id : c.must_not)
      EXPECT_FALSE(got.count(id)) << c.query << " must not match " << id;
    if (c.must.empty()) {
      EXPECT_TRUE(got.empty()) << c.query << " must match nothing";
    }
  }
}

TEST_F(FixtureCorpus, StopwordsAreIgnoredOutsidePhrasesOnly) {
  Searcher s(db_);
  // "yang" and "di" are function words: dropped from a free-text query...
  EXPECT_EQ(ids(s, "banjir yang di", true), std::set<std::string>{"a01_banjir_jakarta"});
  SearchOptions o;
  o.query = "banjir yang";
  EXPECT_EQ(s.search(o).parsed.find("yang"), std::string::npos);
  // ...but kept inside phrases, where they must match in place.
  EXPECT_EQ(ids(s, "\"rumah di jakarta\""), std::set<std::string>{"a01_banjir_jakarta"});
  EXPECT_TRUE(ids(s, "\"rumah jakarta\"").empty());
}

TEST_F(FixtureCorpus, MatchAllRequiresEveryWord) {
  Searcher s(db_);
  EXPECT_EQ(ids(s, "banjir gempa", true), std::set<std::string>{});
  EXPECT_EQ(ids(s, "banjir jakarta", true), std::set<std::string>{"a01_banjir_jakarta"});
}

TEST_F(FixtureCorpus, StoresMetadataForDisplay) {
  Searcher s(db_);
  SearchOptions o;
  o.query = "title:banjir";
  const SearchResults r = s.search(o);
  ASSERT_EQ(r.hits.size(), 1u);
  const Hit& h = r.hits[0];
  EXPECT_EQ(h.title, "Banjir Rendam Ribuan Rumah di Jakarta Timur");
  EXPECT_EQ(h.date.value_or(""), "2024-01-26");
  EXPECT_EQ(h.source, "KOMPAS.com");
  EXPECT_EQ(h.author, "Rina Kartika");
  EXPECT_TRUE(h.path.ends_with("a01_banjir_jakarta.txt")) << h.path;
  o.query = "nelayan";
  const Hit derived = s.search(o).hits.at(0);
  EXPECT_TRUE(derived.title_derived);
  EXPECT_FALSE(derived.date.has_value());  // never invented
  o.query = "rendang";
  EXPECT_FALSE(s.search(o).hits.at(0).date.has_value());
}

TEST_F(FixtureCorpus, SortsByDateAndPages) {
  Searcher s(db_);
  SearchOptions o;
  o.query = "tahun:2019 OR tahun:2024 OR rendang";
  o.limit = 100;
  o.sort = SortOrder::kNewest;
  const SearchResults newest = s.search(o);
  ASSERT_GE(newest.hits.size(), 5u);
  for (std::size_t i = 1; i < newest.hits.size(); ++i) {
    if (!newest.hits[i].date) continue;  // undated articles come last
    ASSERT_TRUE(newest.hits[i - 1].date);
    EXPECT_GE(*newest.hits[i - 1].date, *newest.hits[i].date);
  }
  EXPECT_FALSE(newest.hits.back().date.has_value());
  o.sort = SortOrder::kOldest;
  const SearchResults oldest = s.search(o);
  EXPECT_EQ(oldest.hits.front().date.value_or(""), "2019-09-10");
  EXPECT_FALSE(oldest.hits.back().date.has_value());
  // Pages are disjoint and together give the full ranking.
  o.sort = SortOrder::kRelevance;
  o.limit = 3;
  std::vector<std::string> paged;
  for (o.offset = 0; o.offset < newest.hits.size(); o.offset += 3)
    for (const Hit& h : s.search(o).hits) paged.push_back(h.id);
  o.offset = 0;
  o.limit = 100;
  std::vector<std::string> full;
  for (const Hit& h : s.search(o).hits) full.push_back(h.id);
  EXPECT_EQ(paged, full);
}

TEST_F(FixtureCorpus, SnippetsHighlightStemmedMatches) {
  Searcher s(db_);
  SearchOptions o;
  o.query = "tegaskan";
  const SearchResults r = s.search(o);
  ASSERT_FALSE(r.hits.empty());
  for (const Hit& h : r.hits) {
    // "Tegaskan" in a title, "tegas"/"ditegaskan" forms in a body.
    const bool marked = h.snippet.find(kHighlightStart) != std::string::npos ||
                        h.title_marked.find(kHighlightStart) != std::string::npos;
    EXPECT_TRUE(marked) << h.id << ": " << h.title_marked << " / " << h.snippet;
    EXPECT_EQ(strip_marks(h.title_marked), h.title);
  }
}

TEST_F(FixtureCorpus, ReindexingReplacesInsteadOfDuplicating) {
  std::string err;
  const auto corpus = (dir_->path() / "corpus").string();
  const std::string db2 = (dir_->path() / "db2").string();
  index_paths(db2, {corpus}, err);
  index_paths(db2, {corpus}, err);
  Searcher s(db2);
  EXPECT_EQ(s.document_count(), 23u);
}

// Analysis threads change nothing: one thread and three give the same
// ranking, weights and names.
TEST(Indexer, ThreadsGiveTheSameIndex) {
  TempDir dir;
  const auto corpus = dir.path() / "corpus";
  testing::copy_fixtures(corpus);
  std::string err;
  const std::string one = (dir.path() / "one.db").string();
  const std::string three = (dir.path() / "three.db").string();
  ASSERT_LE(index_paths(one, {"--threads", "1", corpus.string()}, err), 1) << err;
  ASSERT_LE(index_paths(three, {"--threads", "3", corpus.string()}, err), 1) << err;
  Searcher a(one), b(three);
  ASSERT_EQ(a.document_count(), b.document_count());
  for (const std::string q :
       {"harga", "banjir jakarta", "org:BPBD", "place:Jakarta", "name:Maluku"}) {
    SearchOptions o;
    o.query = q;
    o.limit = 100;
    o.facets = 20;
    const SearchResults ra = a.search(o), rb = b.search(o);
    ASSERT_EQ(ra.hits.size(), rb.hits.size()) << q;
    EXPECT_GT(ra.hits.size(), 0u) << q;
    for (std::size_t i = 0; i < ra.hits.size(); ++i) {
      EXPECT_EQ(ra.hits[i].id, rb.hits[i].id) << q;
      EXPECT_DOUBLE_EQ(ra.hits[i].score, rb.hits[i].score) << q;
      EXPECT_EQ(ra.hits[i].snippet, rb.hits[i].snippet) << q;
    }
    const auto names = [](const std::vector<Facet>& f) {
      std::vector<std::pair<std::string, std::uint64_t>> out;
      for (const Facet& x : f) out.emplace_back(x.name, x.count);
      return out;
    };
    EXPECT_EQ(names(ra.persons), names(rb.persons)) << q;
    EXPECT_EQ(names(ra.places), names(rb.places)) << q;
    EXPECT_EQ(names(ra.organisations), names(rb.organisations)) << q;
  }
}

// Ranking options: field weights move a title match up, pseudo-relevance
// feedback finds an article without the query word through the words of the
// top articles, and every scheme keeps the article that repeats the query
// word on top.
TEST(Searcher, FieldWeightsFeedbackAndSchemesChangeRankingAsExpected) {
  TempDir dir;
  testing::write_file(
      dir.path() / "in" / "news.jsonl",
      "{\"id\": \"t1\", \"title\": \"Harga beras naik\", \"body\": \"Pedagang di pasar "
      "induk mengeluhkan pasokan yang seret sejak awal bulan.\"}\n"
      "{\"id\": \"t2\", \"title\": \"Laporan pasar pagi\", \"body\": \"Beras premium, beras "
      "medium, beras lokal, beras impor, beras curah dan beras organik naik.\"}\n"
      "{\"id\": \"p1\", \"title\": \"Gempa bumi guncang Lombok\", \"body\": \"Warga "
      "mengungsi ke tenda darurat di lapangan desa.\"}\n"
      "{\"id\": \"p2\", \"title\": \"Gempa susulan\", \"body\": \"Warga Lombok masih "
      "mengungsi di tenda darurat.\"}\n"
      "{\"id\": \"p3\", \"title\": \"Pengungsi butuh selimut\", \"body\": \"Warga yang "
      "mengungsi di tenda darurat Lombok kedinginan.\"}\n"
      "{\"id\": \"x1\", \"title\": \"Sepak bola\", \"body\": \"Persib menang di kandang "
      "sendiri.\"}\n");
  std::string err;
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(index_paths(db, {(dir.path() / "in").string()}, err), 0) << err;
  Searcher s(db);
  const auto ranked = [&](SearchOptions o) {
    o.limit = 10;
    std::vector<std::string> out;
    for (const Hit& h : s.search(o).hits) out.push_back(h.id);
    return out;
  };
  SearchOptions beras;
  beras.query = "beras";
  EXPECT_EQ(ranked(beras).front(), "t2");  // six times in the body
  set_field_weights(beras, "title=10");
  EXPECT_EQ(ranked(beras).front(), "t1");  // in the title
  SearchOptions gempa;
  gempa.query = "gempa";
  const auto plain = ranked(gempa);
  EXPECT_EQ(std::set<std::string>(plain.begin(), plain.end()), (std::set<std::string>{"p1", "p2"}));
  set_prf(gempa, "terms=5,docs=2");
  const auto expanded = ranked(gempa);
  EXPECT_NE(std::find(expanded.begin(), expanded.end(), "p3"), expanded.end());
  EXPECT_EQ(std::find(expanded.begin(), expanded.end(), "x1"), expanded.end());
  EXPECT_EQ(expanded.size(), 3u);
  // The tf-driven schemes; the divergence-from-randomness family is tested
  // on a larger collection in weighting_test.cc (on six articles some of it
  // gives "beras" no weight, or prefers the title's three).
  for (const char* scheme :
       {"bm25", "bm25:k1=0.9,b=0.4", "bm25+", "tfidf", "trad", "lm-dirichlet", "lm-jm"}) {
    SearchOptions o;
    o.query = "beras";
    o.weighting = parse_weighting(scheme);
    const auto r = ranked(o);
    ASSERT_EQ(r.size(), 2u) << scheme;
    EXPECT_EQ(r.front(), "t2") << scheme;
  }
  SearchOptions bad;
  bad.query = "beras";
  EXPECT_THROW(set_field_weights(bad, "judul=2"), Error);
  EXPECT_THROW(set_prf(bad, "terms=x"), Error);
  EXPECT_THROW(parse_weighting("bm25:k9=1"), Error);  // parsed once, when the options are read
  bad.weighting = parse_weighting("pl2:c=0");            // a value only Xapian rejects
  EXPECT_THROW(s.search(bad), QueryError);
}

// --no-name-fields: the same facets as a full build, but no name search terms.
TEST(Indexer, NoNameFieldsKeepsFacetsWithoutNameTerms) {
  TempDir dir;
  const auto corpus = dir.path() / "corpus";
  testing::copy_fixtures(corpus);
  std::string err;
  const std::string full = (dir.path() / "full.db").string();
  const std::string facets = (dir.path() / "facets.db").string();
  ASSERT_LE(index_paths(full, {corpus.string()}, err), 1) << err;
  ASSERT_LE(index_paths(facets, {"--no-name-fields", corpus.string()}, err), 1) << err;
  Searcher a(full), b(facets);
  EXPECT_EQ(a.document_count(), b.document_count());
  for (const std::string q : {"org:BPBD", "place:Jakarta", "name:Maluku"}) {
    EXPECT_FALSE(ids(a, q).empty()) << q;
    EXPECT_TRUE(ids(b, q).empty()) << q;
  }
  SearchOptions o;
  o.query = "banjir";
  o.limit = 100;
  o.facets = 20;
  const SearchResults ra = a.search(o), rb = b.search(o);
  ASSERT_FALSE(ra.places.empty());
  ASSERT_EQ(ra.places.size(), rb.places.size());
  for (std::size_t i = 0; i < ra.places.size(); ++i) {
    EXPECT_EQ(ra.places[i].name, rb.places[i].name);
    EXPECT_EQ(ra.places[i].count, rb.places[i].count);
  }
  EXPECT_EQ(ra.persons.size(), rb.persons.size());
  EXPECT_EQ(ra.organisations.size(), rb.organisations.size());
}

// A fresh build runs on parallel builder threads whose databases are merged;
// an update goes through one writer. Both give the same articles, terms and
// weights, whatever the number of threads.
TEST(Indexer, ParallelFreshBuildEqualsIncrementalBuild) {
  TempDir dir;
  std::string jsonl;
  const char* topics[] = {"banjir", "gempa", "pemilu", "harga beras", "kapal nelayan"};
  for (int i = 0; i < 600; ++i)
    jsonl += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Berita " + topics[i % 5] +
             " nomor " + std::to_string(i) + "\", \"body\": \"Laporan " + topics[(i * 7) % 5] +
             " dari daerah " + std::to_string(i % 13) + " tentang " + topics[(i * 3) % 5] +
             ".\"}\n";
  testing::write_file(dir.path() / "in" / "news.jsonl", jsonl);
  testing::write_file(dir.path() / "seed" / "s.txt", "Awal\n\nArtikel pertama.\n");
  std::string err;
  const std::string one = (dir.path() / "one.db").string();
  const std::string three = (dir.path() / "three.db").string();
  const std::string updated = (dir.path() / "updated.db").string();
  const std::string in = (dir.path() / "in").string(), seed = (dir.path() / "seed").string();
  ASSERT_EQ(index_paths(one, {"--threads", "1", "--commit-every", "40", in, seed}, err), 0) << err;
  ASSERT_EQ(index_paths(three, {"--threads", "3", "--commit-every", "40", in, seed}, err), 0)
      << err;
  // Chunks of 3: each builder database takes 80 chunks, so one thread writes 3.
  const std::string parts = (dir.path() / "parts.db").string();
  ASSERT_EQ(index_paths(parts, {"--threads", "1", "--commit-every", "3", in, seed}, err), 0) << err;
  // The same articles added to an index that is not empty: one writer.
  ASSERT_EQ(index_paths(updated, {seed}, err), 0) << err;
  ASSERT_EQ(index_paths(updated, {"--commit-every", "40", in, seed}, err), 0) << err;
  Searcher a(one), b(three), c(updated), d(parts);
  ASSERT_EQ(a.ids(), b.ids());
  ASSERT_EQ(a.ids(), c.ids());
  ASSERT_EQ(a.ids(), d.ids());
  ASSERT_EQ(a.document_count(), 601u);
  const auto scored = [](Searcher& s, const std::string& q) {
    SearchOptions o;
    o.query = q;
    o.limit = 1000;
    std::vector<std::pair<std::string, double>> out;
    for (const Hit& h : s.search(o).hits) out.emplace_back(h.id, h.score);
    std::sort(out.begin(), out.end());
    return out;
  };
  for (const std::string q : {"banjir", "harga beras", "kapal daerah 7", "title:gempa", "nomor"}) {
    const auto sa = scored(a, q);
    EXPECT_FALSE(sa.empty()) << q;
    for (Searcher* other : {&b, &c, &d}) {
      const auto so = scored(*other, q);
      ASSERT_EQ(sa.size(), so.size()) << q;
      for (std::size_t i = 0; i < sa.size(); ++i) {
        EXPECT_EQ(sa[i].first, so[i].first) << q;
        EXPECT_NEAR(sa[i].second, so[i].second, 1e-9) << q;
      }
    }
  }
}

TEST(SeedCorpus, IssueQueries) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(index_paths(db, {(testing::source_dir() / "corpus").string()}, err), 0) << err;
  Searcher s(db);
  EXPECT_EQ(s.document_count(), 5u);
  const std::set<std::string> all = {"000_f0a22cb9b628591e", "001_b2c3ed69fe7be2db",
                                     "002_7b7399e3bf6ed222", "003_1a0a747f783da510",
                                     "004_d642c6b706a4b43b"};
  EXPECT_EQ(ids(s, "korea utara"), all);
  EXPECT_EQ(ids(s, "\"Sun Weidong\""), std::set<std::string>{"001_b2c3ed69fe7be2db"});
  EXPECT_TRUE(ids(s, "Sri Mulyani").empty());
  EXPECT_TRUE(ids(s, "stadion").empty());
  EXPECT_EQ(ids(s, "year:2021"), std::set<std::string>{"004_d642c6b706a4b43b"});
  EXPECT_FALSE(ids(s, "tegaskan").empty());
  EXPECT_EQ(ids(s, "Tegaskan"), ids(s, "tegaskan"));
  EXPECT_EQ(ids(s, "\"Choe Son Hui\""),
            (std::set<std::string>{"000_f0a22cb9b628591e", "003_1a0a747f783da510"}));
}

TEST(SeedCorpus, DictionaryStemmerFindsEveryForm) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(index_paths(db, {(testing::source_dir() / "corpus").string()}, err), 0) << err;
  Searcher s(db);
  EXPECT_EQ(s.stemmer(), "dictionary");
  // tegas: "menegaskan" (000, 003, 004), "Tegaskan" (002, 004), "tegas" (002).
  EXPECT_EQ(ids(s, "tegas"),
            (std::set<std::string>{"000_f0a22cb9b628591e", "002_7b7399e3bf6ed222",
                                   "003_1a0a747f783da510", "004_d642c6b706a4b43b"}));
  // erat: "mempererat" (000, 002), "erat" (001, 003).
  EXPECT_EQ(ids(s, "erat"),
            (std::set<std::string>{"000_f0a22cb9b628591e", "001_b2c3ed69fe7be2db",
                                   "002_7b7399e3bf6ed222", "003_1a0a747f783da510"}));
  // penguasa (000) and "kekuasaan" (000, 003) share the root kuasa.
  EXPECT_EQ(ids(s, "kuasa"), ids(s, "penguasa"));
  EXPECT_TRUE(ids(s, "kuasa").count("003_1a0a747f783da510"));
}

TEST(SeedCorpus, NamesAreSearchableFields) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(index_paths(db, {(testing::source_dir() / "corpus").string()}, err), 0) << err;
  Searcher s(db);
  const std::set<std::string> all = {"000_f0a22cb9b628591e", "001_b2c3ed69fe7be2db",
                                     "002_7b7399e3bf6ed222", "003_1a0a747f783da510",
                                     "004_d642c6b706a4b43b"};
  // 003 spells it "Choe Son-hui".
  EXPECT_EQ(ids(s, "person:\"Choe Son Hui\""),
            (std::set<std::string>{"000_f0a22cb9b628591e", "003_1a0a747f783da510"}));
  EXPECT_EQ(ids(s, "person:\"Kim Jong Un\""), all);
  EXPECT_EQ(ids(s, "tokoh:\"Kim Jong-un\""), all);
  EXPECT_EQ(ids(s, "person:\"Wang Yi\""),
            (std::set<std::string>{"000_f0a22cb9b628591e", "003_1a0a747f783da510"}));
  EXPECT_EQ(ids(s, "Tiongkok"), all);  // synonyms: Cina, China
  EXPECT_EQ(ids(s, "place:Beijing"), all);
  EXPECT_EQ(ids(s, "org:KCNA"),
            (std::set<std::string>{"002_7b7399e3bf6ed222", "004_d642c6b706a4b43b"}));
  EXPECT_EQ(ids(s, "person:Blinken"), std::set<std::string>{"004_d642c6b706a4b43b"});
  EXPECT_TRUE(ids(s, "person:Beijing").empty());  // a place, not a person
  EXPECT_EQ(ids(s, "nama:xinhua"), std::set<std::string>{"004_d642c6b706a4b43b"});
  SearchOptions o;
  o.query = "Tiongkok";
  EXPECT_NE(s.search(o).parsed.find("SYNONYM"), std::string::npos);
}

TEST(Aliases, MultiWordAliasesFindEachOtherInPlainQueries) {
  TempDir dir;
  const std::filesystem::path corpus = dir.path() / "corpus";
  std::filesystem::create_directories(corpus);
  testing::write_file(corpus / "a.txt",
                      "Sanksi baru\n\nPemerintah Amerika Serikat mengumumkan sanksi baru.\n");
  testing::write_file(corpus / "b.txt",
                      "Tarif impor\n\nPejabat AS mengatakan tarif impor akan naik.\n");
  testing::write_file(corpus / "c.txt",
                      "Harga beras\n\nHarga beras di pasar Bogor turun pekan ini.\n");
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(index_paths(db, {corpus.string()}, err), 0) << err;
  Searcher s(db);
  const std::set<std::string> both = {"a", "b"};
  EXPECT_EQ(ids(s, "AS"), both);
  EXPECT_EQ(ids(s, "Amerika Serikat"), both);
  EXPECT_EQ(ids(s, "\"amerika serikat\""), std::set<std::string>{"a"});  // a phrase as typed
  SearchOptions o;
  o.query = "AS";
  EXPECT_NE(s.search(o).parsed.find("PHRASE"), std::string::npos);
}

TEST(SeedCorpus, SnowballStemmerStaysAvailable) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(
      index_paths(db, {"--stemmer", "snowball", (testing::source_dir() / "corpus").string()}, err),
      0)
      << err;
  Searcher s(db);
  EXPECT_EQ(s.stemmer(), "snowball");
  // Snowball stems "menegaskan" to "egas": the query "tegas" misses 000 and 003.
  EXPECT_FALSE(ids(s, "tegas").count("000_f0a22cb9b628591e"));
  // Another stemmer on the same index needs --rebuild, and says so.
  std::string err2;
  EXPECT_EQ(index_paths(db, {(testing::source_dir() / "corpus").string()}, err2), 2);
  EXPECT_NE(err2.find("--rebuild"), std::string::npos) << err2;
}

TEST(SeedCorpus, Metadata) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  std::string err;
  ASSERT_EQ(index_paths(db, {(testing::source_dir() / "corpus").string()}, err), 0) << err;
  Searcher s(db);
  struct Expect {
    const char* id;
    const char* date;
    const char* source;
  };
  const Expect expected[] = {{"000_f0a22cb9b628591e", "2025-09-29", "Nusantara Info"},
                             {"001_b2c3ed69fe7be2db", "2024-01-26", "MalangNetwork.com"},
                             {"002_7b7399e3bf6ed222", "2025-09-06", "SEPUTARAN.COM"},
                             {"003_1a0a747f783da510", "", ""},
                             {"004_d642c6b706a4b43b", "2021-03-24", "VOA"}};
  SearchOptions o;
  o.query = "korea";
  o.limit = 10;
  const SearchResults r = s.search(o);
  for (const Expect& e : expected) {
    auto it =
        std::find_if(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == e.id; });
    ASSERT_NE(it, r.hits.end()) << e.id;
    EXPECT_EQ(it->date.value_or(""), e.date) << e.id;
    EXPECT_EQ(it->source, e.source) << e.id;
  }
}

TEST(Errors, MissingIndexSaysHowToBuildOne) {
  TempDir dir;
  try {
    Searcher s((dir.path() / "nothing").string());
    FAIL();
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("telusur-index --index"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace telusur
