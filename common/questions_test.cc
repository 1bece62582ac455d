#include "questions.h"

#include <gtest/gtest.h>

#include "text.h"

namespace telusur {
namespace {

std::vector<std::string> terms(const std::string& text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(normalize(text))) out.push_back(t.term);
  return out;
}

TEST(Questions, AnswerTypesAndWordsLeftOut) {
  const struct {
    const char* question;
    AnswerType type;
    const char* words;
  } rows[] = {
      {"Siapakah presiden pertama Indonesia?", AnswerType::kPerson, "presiden pertama indonesia"},
      {"Kapan gempa Palu terjadi", AnswerType::kDate, "gempa palu terjadi"},
      {"Tahun berapa Habibie lahir", AnswerType::kDate, "tahun habibie lahir"},
      {"Berapakah jumlah korban banjir", AnswerType::kNumber, "jumlah korban banjir"},
      {"Di mana KTT G20 digelar", AnswerType::kPlace, "di ktt g20 digelar"},
      {"Di pulau manakah PT Mutiara berlokasi", AnswerType::kPlace, "di pulau pt mutiara berlokasi"},
      {"Dimanakah ibu kota baru", AnswerType::kPlace, "ibu kota baru"},
      {"Kelompok apakah yang bertanggung jawab", AnswerType::kOrganisation,
       "kelompok yang bertanggung jawab"},
      {"Apa warna pasir pantai itu", AnswerType::kNone, "warna pasir pantai itu"},
      {"Mengapa harga beras naik", AnswerType::kNone, "harga beras naik"},
      {"harga beras", AnswerType::kNone, "harga beras"},
  };
  for (const auto& row : rows) {
    const Question q = read_question(terms(row.question));
    EXPECT_EQ(answer_type_name(q.type), answer_type_name(row.type)) << row.question;
    std::string words;
    for (const std::string& w : q.words) words += (words.empty() ? "" : " ") + w;
    EXPECT_EQ(words, row.words) << row.question;
  }
}

TEST(Questions, InterrogativesAndTheirKahForms) {
  for (const char* w : {"apa", "apakah", "siapa", "siapakah", "kapan", "kapankah", "dimana",
                        "dimanakah", "manakah", "berapa", "berapakah", "bagaimana", "mengapa",
                        "kenapa"})
    EXPECT_TRUE(is_question_word(w)) << w;
  for (const char* w : {"apapun", "masak", "kah", "siapapun", "pantai"})
    EXPECT_FALSE(is_question_word(w)) << w;
}

}  // namespace
}  // namespace telusur
