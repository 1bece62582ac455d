// Questions: Indonesian interrogatives ("siapa", "kapan", "di mana",
// "berapa", ... and their -kah forms) are no search terms, but they say what
// kind of answer is asked for, which is evidence for the passages that hold
// one (see SearchOptions::questions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace telusur {

enum class AnswerType { kNone, kPerson, kPlace, kOrganisation, kDate, kNumber };

// "person", "place", "organisation", "date", "number", or "none".
std::string_view answer_type_name(AnswerType type);

struct Question {
  AnswerType type = AnswerType::kNone;
  std::vector<std::string> words;  // the query's words less its interrogatives
};

// Reads the words of a query (as tokenize() makes them, case-folded):
// siapa -> a person; kapan, "tahun/tanggal berapa" -> a date; berapa -> a
// number; "di mana", "di ... manakah", dimana -> a place; apa before or
// after a word for a group ("kelompok apa", "perusahaan apakah") -> an
// organisation. Interrogatives (with -kah) are left out of `words`.
Question read_question(const std::vector<std::string>& words);

// What in the index shows an answer of `type`: the names value's type letter
// ('p', 'l', 'o') for a name, 0 otherwise; the marker term
// (schema::kHasDateTerm, kHasNumberTerm) for a date or number, empty otherwise.
char answer_name_letter(AnswerType type);
std::string_view answer_marker(AnswerType type);

// Whether an article's names value (schema::kNamesSlot) holds a name of the
// kind `letter` that the question does not name: some word of it is not among
// `question_words`.
bool names_answer(std::string_view names_value, char letter,
                  const std::vector<std::string>& question_words);

// Whether a word is an interrogative (apa, apakah, siapa, kapan, dimana,
// mana, berapa, bagaimana, mengapa, kenapa, ... and -kah forms).
bool is_question_word(std::string_view word);

}  // namespace telusur
