#include "text.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

TEST(Text, NormalizeMapsTypography) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xe2\x80\x9cKita\xe2\x80\x9d", "\"Kita\""},  // curly double quotes
      {"Jum\xe2\x80\x99"
       "at",
       "Jum'at"},                                                 // curly apostrophe
      {"Istanbul \xe2\x80\x93 Pemimpin", "Istanbul - Pemimpin"},  // en dash
      {"a\xe2\x80\x94"
       "b",
       "a-b"},  // em dash
      {"Rp\xc2\xa0"
       "10.000",
       "Rp 10.000"},  // no-break space
      {"ko\xc2\xad"
       "ta",
       "kota"},                    // soft hyphen
      {"\xef\xac\x81le", "file"},  // NFKC ligature
      {"line\r\nnext", "line\nnext"},
      {"bell\x07", "bell"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},  // U+FFFD
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(normalize(in), out) << in;
}

TEST(Text, FoldCase) {
  EXPECT_EQ(fold_case("Tegaskan"), "tegaskan");
  EXPECT_EQ(fold_case("KOREA Utara"), "korea utara");
  EXPECT_EQ(fold_case("STRASSE \xc3\x9f"), "strasse ss");
}

std::string terms(const std::string& text) {
  std::string out;
  for (const Token& t : tokenize(normalize(text))) {
    if (!out.empty()) out += t.joined ? "-" : " ";
    out += t.term;
  }
  return out;
}

TEST(Text, TokenizeSplitsLikeTheQueryParser) {
  const std::pair<const char*, const char*> cases[] = {
      {"Korea Utara", "korea utara"},
      {"Tegaskan", "tegaskan"},
      {"negara-negara", "negara-negara"},
      {"kekuatan-kekuatan maritim", "kekuatan-kekuatan maritim"},
      {"Kim Jong-un", "kim jong-un"},
      {"okezone.com", "okezone-com"},
      {"U.S.A.", "u-s-a"},
      {"a:b", "a-b"},
      {"Jum'at", "jum'at"},
      {"Rp 1.500.000", "rp 1.500.000"},
      {"2,5 persen", "2,5 persen"},
      {"COVID-19", "covid-19"},
      {"29/9/2025", "29-9-2025"},
      {"\xe2\x80\x9ckeadilan dan kejujuran\xe2\x80\x9d", "keadilan dan kejujuran"},
      {"(Foto: Istimewa)", "foto istimewa"},
      {"x_y", "x_y"},
      {"?!...", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(terms(in), out) << in;
}

TEST(Text, TokenizeDropsOverlongWords) {
  EXPECT_EQ(terms(std::string(200, 'a') + " kata"), "kata");
}

TEST(Text, SplitSentences) {
  const auto s = split_sentences("Kalimat pertama. Kalimat kedua? Ya!");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Kalimat pertama.");
  EXPECT_EQ(s[2], "Ya!");
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Korea \xe2\x80\x9cUtara\xe2\x80\x9d"));
  EXPECT_FALSE(is_valid_utf8("caf\xe9"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST(Text, SplitKeepsEmptyPiecesAndSplitLinesDropsTheLast) {
  using V = std::vector<std::string_view>;
  const struct {
    const char* text;
    V pieces, lines;
  } cases[] = {
      {"", {""}, {}},
      {"a", {"a"}, {"a"}},
      {"a\n", {"a", ""}, {"a"}},
      {"a\n\nb", {"a", "", "b"}, {"a", "", "b"}},
      {"a\n\n", {"a", "", ""}, {"a", ""}},
      {"\n", {"", ""}, {""}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(split(c.text, '\n'), c.pieces) << c.text;
    EXPECT_EQ(split_lines(c.text), c.lines) << c.text;
  }
  EXPECT_EQ(split("p\tA\t\tB", '\t'), (V{"p", "A", "", "B"}));
}

TEST(Text, CollapseSpaces) {
  EXPECT_EQ(collapse_spaces("  a \t b  \n  c  "), "a b\nc");
  EXPECT_EQ(trim("  x y \n"), "x y");
}

TEST(Text, DisplayWidthCountsWideAndZeroWidthCharacters) {
  const struct {
    std::string_view text;
    std::size_t width;
  } rows[] = {
      {"abc", 3},
      {"\xe4\xb8\xad\xe6\x96\x87", 4},  // 中文: wide
      {"e\xcc\x81", 1},                 // e + combining acute
      {"\x02kata\x03", 4},              // highlight marks
      {"\xef\xbc\xa1", 2},              // fullwidth A
      {"caf\xc3\xa9 \xe2\x80\xa6", 6},  // é and an ellipsis
      {"\xff", 1},                      // invalid byte
  };
  for (const auto& r : rows) EXPECT_EQ(display_width(r.text), r.width) << r.text;
}

TEST(Text, WrapTextBreaksAtSpacesWithinTheWidth) {
  EXPECT_EQ(wrap_text("satu dua tiga empat lima", 12, 0, 2), "satu dua\n  tiga empat\n  lima");
  EXPECT_EQ(wrap_text("satu dua", 0, 0, 2), "satu dua");  // 0: unchanged
  EXPECT_EQ(wrap_text("kata-yang-sangat-panjang pendek", 10, 0, 0),
            "kata-yang-sangat-panjang\npendek");  // a long word stays whole
  // Wide characters take two columns: 3 + 2 + 2 fits 8, the third does not.
  EXPECT_EQ(wrap_text("\xe4\xb8\xad \xe6\x96\x87 \xe5\xad\x97", 8, 3, 3),
            "\xe4\xb8\xad \xe6\x96\x87\n   \xe5\xad\x97");
}

}  // namespace
}  // namespace telusur
