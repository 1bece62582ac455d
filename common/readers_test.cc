#include "readers.h"

#include <gtest/gtest.h>

#include "status.h"

namespace telusur {
namespace {

struct TxtCase {
  const char* name;
  const char* text;
  const char* title;
  bool derived;
  const char* date;  // "" for none
  const char* source;
  const char* dateline;
  const char* author;
};

TEST(TxtArticle, ExtractsMetadata) {
  const TxtCase cases[] = {
      {"nusantara",
       "Judul Berita\n\nBagikan\n\nJudul Berita\nFoto di Beijing, Senin (29/9/2025). (Foto: "
       "Istimewa)\n\n"
       "Beijing, Nusantara Info: Korea Utara dan Cina menegaskan komitmen.\n",
       "Judul Berita", false, "2025-09-29", "Nusantara Info", "Beijing", ""},
      {"malang",
       "Bersatu Melawan!\n\n- Jumat, 26 Januari 2024 | 12:30 WIB\n\nMalangNetwork.com - Korea "
       "Utara menjadi tuan rumah.\n",
       "Bersatu Melawan!", false, "2024-01-26", "MalangNetwork.com", "", ""},
      {"seputaran",
       "Kim Tegaskan Sikap\n- calendar_month Sab, 6 Sep 2025\n\nKeterangan foto.\n"
       "SEPUTARAN.COM, Istanbul \xe2\x80\x93 Pemimpin Korea Utara menegaskan.\n- Penulis: Tim "
       "Seputaran",
       "Kim Tegaskan Sikap", false, "2025-09-06", "SEPUTARAN.COM", "Istanbul", "Tim Seputaran"},
      {"okezone",
       "Aliansi Bersama\n\nAgregasi VOA, \xc2\xb7 Rabu 24 Maret 2021 08:17 WIB\n\nCHINA - Para "
       "pemimpin bertemu.\n",
       "Aliansi Bersama", false, "2021-03-24", "VOA", "CHINA", ""},
      {"antara", "Harga Beras Turun\n\n2023-05-17\n\nJakarta (ANTARA) - Harga beras turun.\n",
       "Harga Beras Turun", false, "2023-05-17", "ANTARA", "Jakarta", ""},
      {"kompas", "Banjir\n\nJAKARTA, KOMPAS.com - Banjir merendam rumah.\n", "Banjir", false, "",
       "KOMPAS.com", "JAKARTA", ""},
      {"no title",
       "China dan Korea Utara telah berjanji untuk meningkatkan koordinasi. Kesepakatan diumumkan "
       "Minggu.\n"
       "Paragraf kedua pada Juni 2022 dan 3 September.\n",
       "China dan Korea Utara telah berjanji untuk meningkatkan koordinasi.", true, "", "", "", ""},
      {"no date", "Resep Rendang\n\nRendang dimasak perlahan. Pada 3 September ada lomba.\n",
       "Resep Rendang", false, "", "", "", ""},
      {"body date needs weekday", "Judul\n\nPeristiwa pada 17 Agustus 1945 dikenang.\n", "Judul",
       false, "", "", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Article a = parse_txt_article(c.text, "id1", "p.txt");
    EXPECT_EQ(a.id, "id1");
    EXPECT_EQ(a.title, c.title);
    EXPECT_EQ(a.title_derived, c.derived);
    EXPECT_EQ(a.date ? a.date->iso() : "", c.date);
    EXPECT_EQ(a.source, c.source);
    EXPECT_EQ(a.dateline, c.dateline);
    EXPECT_EQ(a.author, c.author);
  }
}

TEST(TxtArticle, StripsBoilerplateAndRepeatedTitle) {
  const Article a = parse_txt_article(
      "Judul Berita\n\nBagikan\n\nJudul Berita\nIsi pertama.\n\nBaca Juga: Stadion Terbesar\n\nIsi "
      "kedua.\n\n1\n2\n\n"
      "Artikel ini telah lebih dulu tayang di: contoh.com\n\nKomentar",
      "x", "x.txt");
  EXPECT_EQ(a.body, "Isi pertama.\n\nIsi kedua.");
}

TEST(TxtArticle, DerivedTitleIsCutAtAWord) {
  std::string long_sentence = "Kata";
  for (int i = 0; i < 60; ++i) long_sentence += " panjang";
  long_sentence += ".";
  const Article a = parse_txt_article(long_sentence, "x", "x.txt");
  EXPECT_TRUE(a.title_derived);
  EXPECT_LE(a.title.size(), 160u);
  EXPECT_TRUE(a.title.ends_with("panjang\xe2\x80\xa6")) << a.title;
}

TEST(TxtArticle, RejectsArticlesWithoutText) {
  EXPECT_THROW(parse_txt_article("\n\n  \n", "x", "x.txt"), Error);
  EXPECT_THROW(parse_txt_article("Bagikan\n\nKomentar\n", "x", "x.txt"), Error);
}

TEST(Dateline, Forms) {
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"Beijing, Nusantara Info: Korea Utara", "Beijing", "Nusantara Info"},
      {"SEPUTARAN.COM, Istanbul - Pemimpin", "Istanbul", "SEPUTARAN.COM"},
      {"Liputan6.com, Jakarta - Presiden", "Jakarta", "Liputan6.com"},
      {"JAKARTA, KOMPAS.com - Banjir", "JAKARTA", "KOMPAS.com"},
      {"Jakarta (ANTARA) - Harga", "Jakarta", "ANTARA"},
      {"MalangNetwork.com - Korea", "", "MalangNetwork.com"},
      {"CHINA - Para pemimpin", "CHINA", ""},
      {"Korea Utara - negara itu", "", ""},
      {"Menurut dia: harga naik", "", ""},
      {"Presiden mengatakan bahwa harga beras - yang naik - akan turun", "", ""},
  };
  for (const auto& [text, place, source] : cases) {
    const Dateline d = parse_dateline(text);
    EXPECT_EQ(d.place, place) << text;
    EXPECT_EQ(d.source, source) << text;
  }
}

TEST(JsonlArticle, ParsesFieldsAndRepairsDates) {
  const Article a = parse_jsonl_article(
      R"({"id": "k1", "title": "Judul", "date": "2019-10-09", "source": "Kompas.com", "category": "Nasional",
          "url": "https://nasional.kompas.com/read/2019/09/10/1200/judul", "body": "Satu.,Dua.,Baca juga: ,Tiga."})",
      "f.jsonl", 7);
  EXPECT_EQ(a.id, "k1");
  EXPECT_EQ(a.line, 7u);
  EXPECT_EQ(a.date->iso(), "2019-09-10");  // day and month swapped in the field; the URL is right
  EXPECT_EQ(a.source, "Kompas.com");
  EXPECT_EQ(a.category, "Nasional");
  EXPECT_EQ(a.body, "Satu.\n\nDua.\n\nTiga.");
  const Article b =
      parse_jsonl_article(R"({"id": 42, "body": "Tanpa judul di sini. Kedua."})", "f.jsonl", 1);
  EXPECT_EQ(b.id, "42");
  EXPECT_TRUE(b.title_derived);
  EXPECT_EQ(b.title, "Tanpa judul di sini.");
  EXPECT_FALSE(b.date);
}

TEST(JsonlArticle, ReportsBadRecords) {
  const char* bad[] = {
      R"({"id": "x", "title": "unterminated)",
      R"({"title": "no id", "body": "isi"})",
      R"({"id": "x"})",
      R"([1, 2])",
      R"({"id": {"a": 1}, "body": "x"})",
      R"({"id": "x", "title": 5, "body": "x"})",
  };
  for (const char* line : bad) EXPECT_THROW(parse_jsonl_article(line, "f.jsonl", 1), Error) << line;
}

TEST(CleanBody, SplitsCommaJoinedParagraphs) {
  const std::pair<const char*, const char*> cases[] = {
      {"-,akan meresmikan ponsel.,Sebelum peluncurannya, Samsung.",
       "akan meresmikan ponsel.\n\nSebelum peluncurannya, Samsung."},
      {"Harga 2,5 persen.,\"Kutipan,\" kata dia.", "Harga 2,5 persen.\n\n\"Kutipan,\" kata dia."},
      {"Satu.,Baca Juga: Judul Lain,Dua.", "Satu.\n\nDua."},
      {"Indonesia,,Baca Juga:,,Nampaknya, film.", "Indonesia\n\nNampaknya, film."},
      {"tersebut,Baca juga,,\"Misano adalah trek,\" katanya.",
       "tersebut\n\n\"Misano adalah trek,\" katanya."},
      {"Insider,Baca juga :,Ticker: SRCI", "Insider\n\nTicker: SRCI"},
      {"Baris satu\nBagikan\nBaris dua", "Baris satu\n\nBaris dua"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(clean_body(in), out) << in;
}

TEST(Decode, EncodingsAndBinary) {
  std::string out, warning, error;
  ASSERT_TRUE(decode_text("\xEF\xBB\xBFjudul", out, warning, error));
  EXPECT_EQ(out, "judul");
  EXPECT_TRUE(warning.empty());
  ASSERT_TRUE(decode_text(std::string("\xFF\xFEj\0u\0d\0", 8), out, warning, error));
  EXPECT_EQ(out, "jud");
  ASSERT_TRUE(decode_text("caf\xe9 \x93kutip\x94", out, warning, error));
  EXPECT_EQ(out, "caf\xc3\xa9 \xe2\x80\x9ckutip\xe2\x80\x9d");
  EXPECT_NE(warning.find("Windows-1252"), std::string::npos);
  EXPECT_FALSE(decode_text(std::string("ELF\0\1\2", 6), out, warning, error));
  EXPECT_NE(error.find("binary"), std::string::npos);
}

}  // namespace
}  // namespace telusur
