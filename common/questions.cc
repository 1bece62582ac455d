#include "questions.h"

#include <algorithm>

#include "document.h"
#include "schema.h"
#include "text.h"

namespace telusur {
namespace {

constexpr std::string_view kInterrogatives[] = {
    "apa",    "siapa",  "kapan",   "dimana", "mana",     "berapa",
    "bagaimana", "mengapa", "kenapa", "bilamana", "manakah", "apakah"};

// Words for a group that "apa" asks the name of.
constexpr std::string_view kGroupWords[] = {
    "kelompok", "perusahaan", "organisasi", "partai", "lembaga", "badan", "instansi",
    "klub",     "tim",        "grup",       "bank",   "universitas", "kementerian", "komisi",
    "maskapai", "media",      "koran",      "stasiun", "pabrik", "yayasan", "asosiasi"};

bool in(std::string_view w, const auto& list) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

std::string_view without_kah(std::string_view w) {
  return w.size() > 5 && w.ends_with("kah") ? w.substr(0, w.size() - 3) : w;
}

}  // namespace

std::string_view answer_type_name(AnswerType type) {
  switch (type) {
    case AnswerType::kPerson:
      return "person";
    case AnswerType::kPlace:
      return "place";
    case AnswerType::kOrganisation:
      return "organisation";
    case AnswerType::kDate:
      return "date";
    case AnswerType::kNumber:
      return "number";
    case AnswerType::kNone:
      break;
  }
  return "none";
}

char answer_name_letter(AnswerType type) {
  switch (type) {
    case AnswerType::kPerson:
      return kPersonLetter;
    case AnswerType::kPlace:
      return kPlaceLetter;
    case AnswerType::kOrganisation:
      return kOrgLetter;
    default:
      return 0;
  }
}

std::string_view answer_marker(AnswerType type) {
  if (type == AnswerType::kDate) return schema::kHasDateTerm;
  if (type == AnswerType::kNumber) return schema::kHasNumberTerm;
  return {};
}

bool names_answer(std::string_view names_value, char letter,
                  const std::vector<std::string>& question_words) {
  for (const StoredName& n : decode_names(names_value)) {
    if (n.type != letter) continue;
    for (const Token& t : tokenize(fold_case(n.name)))
      if (std::find(question_words.begin(), question_words.end(), t.term) == question_words.end())
        return true;
  }
  return false;
}

bool is_question_word(std::string_view word) { return in(without_kah(word), kInterrogatives); }

Question read_question(const std::vector<std::string>& words) {
  Question q;
  const auto set = [&](AnswerType t) {
    if (q.type == AnswerType::kNone) q.type = t;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = without_kah(words[i]);
    if (!is_question_word(words[i])) {
      q.words.push_back(words[i]);
      continue;
    }
    const std::string_view before = i > 0 ? std::string_view(words[i - 1]) : std::string_view();
    const std::string_view after =
        i + 1 < words.size() ? std::string_view(words[i + 1]) : std::string_view();
    if (w == "siapa") {
      set(AnswerType::kPerson);
    } else if (w == "kapan" || w == "bilamana") {
      set(AnswerType::kDate);
    } else if (w == "berapa") {
      set(before == "tahun" || before == "tanggal" || before == "bulan" ? AnswerType::kDate
                                                                          : AnswerType::kNumber);
    } else if (w == "dimana") {
      set(AnswerType::kPlace);
    } else if (w == "mana") {
      // "di mana", "di pulau manakah": a place; "yang mana": no type.
      for (std::size_t k = i; k-- > 0 && k + 3 >= i;)
        if (words[k] == "di" || words[k] == "ke" || words[k] == "dari") set(AnswerType::kPlace);
    } else if (w == "apa") {
      if (in(before, kGroupWords) || in(after, kGroupWords)) set(AnswerType::kOrganisation);
    }
  }
  return q;
}

}  // namespace telusur
