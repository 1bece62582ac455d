#include "query.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "status.h"
#include "text.h"

namespace telusur {
namespace {

// "xalias:G" for the alias group that has `form`.
std::string alias(const std::string& field, const std::string& form) {
  for (std::size_t g = 0; g < alias_keys().size(); ++g)
    for (const std::string& k : alias_keys()[g])
      if (k == form) return std::string(kAliasField) + field + ":" + std::to_string(g);
  ADD_FAILURE() << "no alias group has " << form;
  return "";
}

TEST(RewriteQuery, MapsUserSyntaxToXapian) {
  const std::string us = alias("", "amerika serikat");
  const std::pair<std::string, std::string> cases[] = {
      {"korea selatan", alias("", "korsel")},
      {"korea", "korea"},
      {"Tegaskan", "tegaskan"},
      {"KOREA AND Utara", "korea AND utara"},
      {"korea OR NOT utara", "korea OR NOT utara"},
      {"\"Sun Weidong\"", "\"sun weidong\""},
      {"\xe2\x80\x9cSun Weidong\xe2\x80\x9d", "\"sun weidong\""},
      {"+korea -utara", "+korea -utara"},
      {"(korea OR china) AND moskow", "(korea OR " + alias("", "china") + ") AND moskow"},
      {"presid*", "presid*"},
      {"okezone.com", "okezone-com"},
      {"negara-negara", "negara-negara"},
      {"title:Korea", "title:korea"},
      {"judul:\"korea utara\"", alias("title", "korea utara")},
      {"judul:\"korea utara baru\"", "title:\"korea utara baru\""},
      {"Sumber:KOMPAS.com", "source:kompas-com"},
      {"penulis:Rina", "author:rina"},
      {"kategori:nasional", "category:nasional"},
      {"year:2021", "year:2021"},
      {"tahun:2024", "year:2024"},
      {"date:2024-01-01..2024-03-31", "date:20240101..20240331"},
      {"date:2024..2025", "date:20240101..20251231"},
      {"tanggal:2024-02", "date:20240201..20240229"},
      {"date:2023-05-17", "date:20230517..20230517"},
      {"date:2024..", "date:20240101.."},
      {"date:..2020-06", "date:..20200630"},
      {"korea NEAR/3 utara", "korea NEAR/3 utara"},
      {"Catatan: penting", "catatan penting"},
      {"person:blinken", "person:Blinken"},
      {"tokoh:Kim-Jong-un", "person:Kim-Jong-Un"},
      {"tempat:beijing", "place:Beijing"},
      {"nama:kcna", alias("name", "kcna")},
      {"nama:xinhua", "name:Xinhua"},
      // Every form of an alias group becomes the group, in free text and as
      // a whole field value; not in phrases.
      {"sanksi AS", "sanksi " + us},
      {"Amerika Serikat dan China", us + " dan " + alias("", "china")},
      {"USA", us},
      {"-Korut +pyongyang", "-" + alias("", "korea utara") + " +pyongyang"},
      {"Perserikatan Bangsa-Bangsa", alias("", "pbb")},
      {"ASEAN", "asean"},
      {"\"kata AS\"", "\"kata as\""},
      {"place:AS", alias("place", "as")},
      {"tempat:\"Korea Utara\"", alias("place", "dprk")},
      {"org:kpk", alias("org", "komisi pemberantasan korupsi")},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(rewrite_query(in), out) << in;
}

TEST(RewriteQuery, ErrorsNameProblemAndPosition) {
  const std::pair<const char*, const char*> cases[] = {
      {"\"korea utara", "unbalanced quote: the '\"' at position 1"},
      {"korea \"utara", "position 7"},
      {"(korea", "'(' at position 1 is never closed"},
      {"korea)", "')' at position 6"},
      {"foo:bar", "unknown field 'foo:' at position 1"},
      {"korea penulisx:budi", "unknown field 'penulisx:' at position 7"},
      {"year:21", "bad year '21' at position 6"},
      {"date:2024-13-01", "bad date '2024-13-01' at position 6"},
      {"date:kemarin", "bad date"},
      {"date:2025..2024", "empty date range"},
      {"date:..", "bad date"},
      {"sanksi AS (", "'(' at position 11 is never closed"},
  };
  for (const auto& [in, msg] : cases) {
    try {
      rewrite_query(in);
      ADD_FAILURE() << "no error for " << in;
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find(msg), std::string::npos) << in << " -> " << e.what();
    }
  }
}

// The terms QueryParser makes from the rewritten query must be exactly the
// terms the indexer makes from the same text, or searches silently miss.
TEST(RewriteQuery, QueryTermsEqualIndexTerms) {
  const char* texts[] = {
      "Korea Utara",
      "okezone.com",
      "U.S.A.",
      "AT&T",
      "C++",
      "Jum\xe2\x80\x99"
      "at",
      "negara-negara",
      "Rp 1.500.000",
      "2,5",
      "29/9/2025",
      "e.g.",
      "a:b",
      "x_y",
      "Kim Jong-un",
      "\xef\xac\x81le",
      "ke-80",
      "STRASSE",
      "caf\xc3\xa9",
      "naïve",
      "Ünïcödé",
  };
  Xapian::QueryParser qp;
  for (const char* text : texts) {
    std::vector<std::string> index_terms;
    for (const Token& t : tokenize(normalize(text))) index_terms.push_back(t.term);
    const std::string rewritten = rewrite_query(std::string("\"") + text + "\"");
    const Xapian::Query q = qp.parse_query(rewritten, Xapian::QueryParser::FLAG_DEFAULT);
    std::vector<std::string> query_terms(q.get_terms_begin(), q.get_terms_end());
    EXPECT_EQ(query_terms, index_terms) << text << " rewritten as " << rewritten;
  }
}

TEST(Query, DatesInWordsAndRelativeBounds) {
  const struct {
    std::string_view query, rewritten;
  } rows[] = {
      {"date:\"Maret 2021\"", "date:20210301..20210331"},
      {"tanggal:\"12 Maret 2021\"", "date:20210312..20210312"},
      {"date:\"Februari 2024\"", "date:20240201..20240229"},
      {"date:\"March 2021..Mei 2021\"", "date:20210301..20210531"},
      {"date:\"2021\"", "date:20210101..20211231"},
  };
  for (const auto& r : rows) EXPECT_EQ(rewrite_query(r.query), r.rewritten) << r.query;
  EXPECT_THROW(rewrite_query("date:\"Foo 2021\""), QueryError);
  EXPECT_THROW(rewrite_query("date:\"31 Februari 2021\""), QueryError);
  EXPECT_THROW(rewrite_query("date:\"Maret 2021"), QueryError);
  const struct {
    std::string_view text;
    bool upper;
    std::string_view bound;
  } bounds[] = {
      {"2024-01-01", false, "20240101"}, {"2024", true, "20241231"},
      {"Maret 2021", false, "20210301"}, {"Maret 2021", true, "20210331"},
      {"7d", false, "20261115"},         {"2w", false, "20261108"},
      {"1m", false, "20261022"},         {"1y", false, "20251122"},
  };
  for (const auto& b : bounds)
    EXPECT_EQ(resolve_date_bound(b.text, b.upper, "20261122"), b.bound) << b.text;
  EXPECT_EQ(resolve_date_bound("1m", false, "20260331"), "20260228");  // no 31 February
  for (std::string_view bad : {"", "Maret", "7x", "d", "2024-13", "99999d"})
    EXPECT_THROW(resolve_date_bound(bad, false, "20261122"), QueryError) << bad;
}

}  // namespace
}  // namespace telusur
