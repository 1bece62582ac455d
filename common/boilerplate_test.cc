#include "boilerplate.h"

#include <gtest/gtest.h>

#include "status.h"

namespace telusur {
namespace {

TEST(Boilerplate, DropsEveryKindOfLeftover) {
  const char* dropped[] = {
      "Bagikan",
      "Bagikan Artikel Ini",
      "Bagikan pendapatmu tentang artikel di atas!",
      "Komentar",
      "Pos terkait",
      "Baca Juga :  Sri Mulyani Dicopot, Analis Asing Ramal Pasar Indonesia",
      "Baca Juga: Yuk, Kenalan dengan Stadion Terbesar di Dunia di Korea Utara!",
      "(Baca juga: Jaksa Penuntut: Terlalu Dini Spekulasi Motif Penembakan)",
      "Baca juga:",
      "Simak juga: video terbaru",
      "Artikel ini telah lebih dulu tayang di: malang.jatimnetwork.com",
      "Artikel ini telah tayang di Kompas.com dengan judul ...",
      "Cari Berita Lain Di Sini",
      "Cek Berita dan Artikel yang lain di Google News",
      "1",
      "2",
      "1 2 3",
      "https: img.okezone.com content 2021 03 24 18 2383040 korea.jpg Presiden China (Foto: "
      "Reuters)",
      "https://cdn.example.com/foto/gempa.png",
      "- Bagikan -",
      "\xe2\x80\xa2 Komentar",
  };
  for (const char* line : dropped)
    EXPECT_FALSE(Boilerplate::builtin().clean_line(line).has_value()) << line;
}

TEST(Boilerplate, KeepsContent) {
  const char* kept[] = {
      "Korea Utara dan Cina menegaskan komitmen untuk mempererat hubungan.",
      "Bagikan informasi ini kepada warga, kata kepala desa.",  // not the share button
      "Komentarnya dinilai tidak pantas.",                      // 'Komentar' plus letters
      "Pada 2019 harga naik.",
      "https://example.com adalah situs contoh",  // not an image URL
      "Sikap terhadap Amerika Serikat",
  };
  for (const char* line : kept) {
    auto out = Boilerplate::builtin().clean_line(line);
    ASSERT_TRUE(out.has_value()) << line;
    EXPECT_EQ(*out, line);
  }
}

TEST(Boilerplate, RemovesInlineSpans) {
  const auto out = Boilerplate::builtin().clean_line(
      "Petani garam menyambut kemarau. (Baca juga: Harga Kerupuk Naik) Produksi meningkat.");
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "Petani garam menyambut kemarau.  Produksi meningkat.");
  const auto widget =
      Boilerplate::builtin().clean_line("Boldsky [bacajuga:Baca Juga](3809787) Kulit kita");
  ASSERT_TRUE(widget);
  EXPECT_EQ(*widget, "Boldsky (3809787) Kulit kita");
  const auto bracket = Boilerplate::builtin().clean_line("Teks [Lihat juga: video] lanjut");
  ASSERT_TRUE(bracket);
  EXPECT_EQ(*bracket, "Teks  lanjut");
}

TEST(Boilerplate, ParsesRuleFiles) {
  const Boilerplate b =
      Boilerplate::parse("# comment\n\nline Hapus Saya\nprefix Iklan:\npagination\n");
  EXPECT_EQ(b.size(), 3u);
  EXPECT_FALSE(b.clean_line("hapus saya").has_value());
  EXPECT_FALSE(b.clean_line("Iklan: beli sekarang").has_value());
  EXPECT_TRUE(b.clean_line("Bagikan").has_value());  // not a rule of this table
  EXPECT_GT(Boilerplate::builtin().size(), 30u);
}

TEST(Boilerplate, RejectsBadRules) {
  EXPECT_THROW(Boilerplate::parse("line Ok\nregex .*\n"), Error);
  try {
    Boilerplate::parse("line Ok\nprefix\n");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Boilerplate::parse("pagination 12\n"), Error);
}

}  // namespace
}  // namespace telusur
