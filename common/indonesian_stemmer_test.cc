#include "indonesian_stemmer.h"

#include <gtest/gtest.h>

#include "status.h"
#include "stemmer.h"

namespace telusur {
namespace {

struct Case {
  const char* word;
  const char* stem;
};

void expect_stems(const std::vector<Case>& cases) {
  Xapian::Stem stem = make_stemmer("dictionary");
  for (const Case& c : cases) EXPECT_EQ(stem(c.word), c.stem) << c.word;
}

TEST(DictionaryStemmer, FixesSnowballErrors) {
  expect_stems({
      {"menegaskan", "tegas"},       // Snowball: egas
      {"penembakan", "tembak"},      // Snowball: embak
      {"penguasa", "kuasa"},         // Snowball: uasa
      {"memperkuat", "kuat"},        // Snowball: perkuat
      {"mempererat", "erat"},        // Snowball: pererat
      {"diplomatik", "diplomatik"},  // Snowball: plomatik
      {"keenam", "enam"},
      {"pemerintahan", "perintah"},
      {"mempertahankan", "tahan"},
      {"diperkirakan", "kira"},
      {"bermusuhan", "musuh"},
  });
}

TEST(DictionaryStemmer, InflectionalSuffixes) {
  expect_stems({
      {"bacalah", "baca"},
      {"bukunyalah", "buku"},
      {"bukuku", "buku"},
      {"rumahmu", "rumah"},
      {"mobilnya", "mobil"},
      {"kebijakannya", "bijak"},
      // Their letters may end a root: pe-perintah, ber-tanya, me-nikah.
      {"pemerintah", "perintah"},
      {"bertanya", "tanya"},
      {"menikah", "nikah"},
      {"masalah", "masalah"},
  });
}

TEST(DictionaryStemmer, DerivationalSuffixes) {
  expect_stems({{"makanan", "makan"},
                {"tuliskan", "tulis"},
                {"datangi", "datang"},
                {"kekuatan", "kuat"},
                {"keadilan", "adil"},
                {"perusahaan", "usaha"},
                {"menilai", "nilai"}});
}

TEST(DictionaryStemmer, PlainPrefixes) {
  expect_stems({{"dibaca", "baca"}, {"sebuah", "buah"}, {"kedua", "dua"}});
}

TEST(DictionaryStemmer, BerAndTer) {
  expect_stems({
      {"berlari", "lari"},     // ber-C (2)
      {"bermain", "main"},     // ber-V (1a)
      {"berenang", "renang"},  // be-rV (1b)
      {"bekerja", "kerja"},    // be-C1erC2 (5)
      {"berkomitmen", "komitmen"},
      {"terbaca", "baca"},  // ter-C (8)
      {"teratur", "atur"},  // ter-V (6a)
  });
}

TEST(DictionaryStemmer, MeNWithNasalRecoding) {
  expect_stems({
      {"melihat", "lihat"},    // me-{l,r,w,y}V (10)
      {"membaca", "baca"},     // mem-{b,f,v} (11)
      {"memperkuat", "kuat"},  // mem-pe(r) (12)
      {"memakan", "makan"},    // me-mV (13a)
      {"memakai", "pakai"},    // mem- -> p (13b)
      {"mencari", "cari"},     // men-{c,d,j,s,t,z} (14)
      {"menulis", "tulis"},    // men- -> t (15b)
      {"menggali", "gali"},    // meng-{g,h,q,k} (16)
      {"mengambil", "ambil"},  // meng-V (17a)
      {"mengirim", "kirim"},   // meng- -> k (17b)
      {"mengebom", "bom"},     // menge- (17c)
      {"menyapu", "sapu"},     // meny- -> s (18b)
      {"menyanyi", "nyanyi"},  // me-nyV (18a)
      {"mempunyai", "punya"},  // mem-pV (19)
  });
}

TEST(DictionaryStemmer, PeNAndPer) {
  expect_stems({
      {"pewarna", "warna"},    // pe-{w,y}V (20)
      {"perumahan", "rumah"},  // pe-rV (21b)
      {"pertanian", "tani"},   // per-C (23)
      {"pembaca", "baca"},     // pem-{b,f,v} (25)
      {"pemakai", "pakai"},    // pem- -> p (26b)
      {"pencuri", "curi"},     // pen-{c,d,j,z} (27)
      {"penulis", "tulis"},    // pen- -> t (28b)
      {"pengganti", "ganti"},  // peng-C (29)
      {"pengirim", "kirim"},   // peng- -> k (30b)
      {"penyanyi", "nyanyi"},  // pe-nyV (31a)
      {"penyapu", "sapu"},     // peny- -> s (31b)
      {"pelaku", "laku"},      // pe-lV (32)
      {"petani", "tani"},      // pe-C (34)
      {"pekerja", "kerja"},    // pe-CerV (33)
      {"pemimpin", "pimpin"},
  });
}

TEST(DictionaryStemmer, Reduplication) {
  expect_stems({{"anak-anak", "anak"},
                {"negara-negara", "negara"},
                {"kekuatan-kekuatan", "kuat"},
                {"anak-anaknya", "anak"},
                {"sayur-mayur", "sayur-mayur"}});
}

TEST(DictionaryStemmer, LeavesNamesAndLoanWordsAlone) {
  expect_stems({{"denuklirisasi", "denuklirisasi"},
                {"demokratisasi", "demokratisasi"},
                {"pertamina", "pertamina"},  // Snowball: tamina
                {"persib", "persib"},
                {"meteoritik", "meteoritik"},
                {"abdullah", "abdullah"},
                {"jokowinya", "jokowi"},  // an unknown word loses only a possessive -nya
                {"hegemoni", "hegemoni"},
                {"jakarta", "jakarta"},
                {"jokowi", "jokowi"},
                {"pyongyang", "pyongyang"},
                {"washington", "washington"},
                {"televisi", "televisi"},
                {"kerjasama", "kerjasama"},
                {"kerja", "kerja"},
                {"sama", "sama"},
                {"covid-19", "covid-19"},
                {"jum'at", "jum'at"},
                {"ia", "ia"},
                {"", ""}});
}

TEST(DictionaryStemmer, LoanSuffixesOnDictionaryRoots) {
  expect_stems({{"finalisasi", "final"}, {"unilateralisme", "unilateral"}, {"idealis", "idealis"}});
}

TEST(DictionaryStemmer, ProcliticsAndHyphenatedClitics) {
  expect_stems({{"kupukul", "pukul"},
                {"kauhajar", "hajar"},
                {"kuasa-mu", "kuasa"},
                {"allah-lah", "allah"},
                {"meniru-nirukan", "tiru"},
                {"menyebut-nyebut", "sebut"},
                {"penstabilan", "stabil"},
                {"asean", "asean"}});
}

TEST(RootDictionary, ParsesHunspellAndCorrections) {
  RootDictionary d;
  d.add_hunspell_dic("3\nkuat/B0M0Mk\nTegas\nabc\xe9/X0\n");
  EXPECT_TRUE(d.contains("kuat"));
  EXPECT_TRUE(d.contains("tegas"));  // lower-cased
  EXPECT_TRUE(d.accepts_prefix("kuat", 'M'));
  EXPECT_TRUE(d.accepts_suffix("kuat", "kan"));
  EXPECT_FALSE(d.accepts_prefix("kuat", 'P'));
  EXPECT_FALSE(d.accepts_prefix("tegas", 'M'));  // no flags: takes nothing
  d.apply_corrections("# comment\nmulai\n-kuat  # drop\nnya>dia\n");
  ASSERT_TRUE(d.fixed_stem("nya"));
  EXPECT_EQ(*d.fixed_stem("nya"), "dia");
  EXPECT_FALSE(d.fixed_stem("mulai"));
  EXPECT_TRUE(d.contains("mulai"));
  EXPECT_TRUE(d.accepts_prefix("mulai", 'M'));  // corrections take every affix
  EXPECT_FALSE(d.contains("kuat"));
  EXPECT_THROW(d.apply_corrections("two words\n"), Error);
  EXPECT_THROW(d.apply_corrections(">dia\n"), Error);
}

TEST(StemmerChoice, NamesAndErrors) {
  EXPECT_EQ(make_stemmer("snowball")("menegaskan"), "egas");
  EXPECT_EQ(make_stemmer("none")("menegaskan"), "menegaskan");
  EXPECT_THROW(make_stemmer("porter"), Error);
  EXPECT_TRUE(stemmer_uses_lookup_table("dictionary"));
  EXPECT_FALSE(stemmer_uses_lookup_table("snowball"));
}

}  // namespace
}  // namespace telusur
