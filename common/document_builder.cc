#include "document_builder.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "document.h"
#include "names.h"
#include "schema.h"
#include "stemmer.h"
#include "stored_fields.h"
#include "text.h"

namespace telusur {

bool should_stem(const std::string& term) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(term.data()), i, static_cast<int32_t>(term.size()), c);
  if (c < 0) return false;
  const int8_t type = u_charType(c);
  return type == U_LOWERCASE_LETTER || type == U_TITLECASE_LETTER || type == U_MODIFIER_LETTER ||
         type == U_OTHER_LETTER;
}

bool is_name_prefix(std::string_view prefix) {
  return prefix == schema::kPersonPrefix || prefix == schema::kPlacePrefix ||
         prefix == schema::kOrgPrefix;
}

void add_answer_markers(Xapian::Document& doc, const std::vector<Word>& ws) {
  bool number = false, date = false;
  for (const Word& w : ws) {
    const std::string_view t = w.text;
    if (t.empty()) continue;
    const bool digits = t.find_first_not_of("0123456789") == std::string_view::npos;
    number = number || (t[0] >= '0' && t[0] <= '9');
    date = date || (digits && t.size() == 4 && (t.starts_with("19") || t.starts_with("20"))) ||
           (!digits && t.size() >= 3 && month_from_name(t) != 0);
    if (number && date) break;
  }
  if (number) doc.add_boolean_term(str(schema::kHasNumberTerm));
  if (date) doc.add_boolean_term(str(schema::kHasDateTerm));
}

namespace {

// The surfaces of a name that are more than another case or hyphenation of
// it ("Choe" for Choe Son Hui, "KPK" in "Komisi Pemberantasan Korupsi
// (KPK)"): the evidence entity resolution reads.
std::vector<std::string> other_spellings(const Name& name) {
  std::vector<std::string> out;
  for (const std::string& surface : name.surfaces) {
    if (name_key(surface) == name.key) continue;
    std::string s = surface;
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Prepared prepare(const Article& a, const JobInfo& info, TermIndexer& ix, NameIndexing names_mode) {
  Prepared p;
  p.id_term = str(schema::kIdPrefix) + a.id;
  p.doc.add_boolean_term(info.file_term);
  p.doc.add_value(schema::kSignatureSlot, info.signature);
  Xapian::termpos pos = 0;
  // Title and body are split into words once, for terms and for names.
  const std::string title = normalize(a.title);
  const std::string body = normalize(a.body);
  const std::vector<Word> title_words = words(title);
  const std::vector<Word> body_words = words(body);
  ix.index(p.doc, tokens_from_words(title, title_words), schema::kTitlePrefix, schema::kTitleWdf,
           pos, true);
  pos += schema::kTitleBodyGap;
  ix.index(p.doc, tokens_from_words(body, body_words), "", 1, pos, true);
  add_answer_markers(p.doc, body_words);
  Xapian::termpos field_pos = 0;
  ix.index(p.doc, a.author, schema::kAuthorPrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.source, schema::kSourcePrefix, 1, field_pos, false);
  field_pos += schema::kTitleBodyGap;
  ix.index(p.doc, a.category, schema::kCategoryPrefix, 1, field_pos, false);

  // Names: each in its field, with gaps so a phrase never spans two names;
  // the canonical form and every spelling found ("Kim Jong-un", "KCNA").
  const std::vector<Name> names =
      names_mode != NameIndexing::kNone
          ? NameExtractor::builtin().extract(title, title_words, body, body_words)
          : std::vector<Name>();
  std::string names_value;
  for (const Name& name : names) {
    append_name(names_value,
                name.type == NameType::kPerson  ? kPersonLetter
                : name.type == NameType::kPlace ? kPlaceLetter
                                                : kOrgLetter,
                name.name, other_spellings(name));
    if (names_mode != NameIndexing::kFields) continue;
    std::string_view prefix = schema::kPersonPrefix, exact = schema::kPersonExactPrefix;
    if (name.type == NameType::kPlace)
      prefix = schema::kPlacePrefix, exact = schema::kPlaceExactPrefix;
    if (name.type == NameType::kOrganisation)
      prefix = schema::kOrgPrefix, exact = schema::kOrgExactPrefix;
    field_pos += kNameGap;
    ix.index(p.doc, name.name, prefix, 1, field_pos, false);
    const std::string spaced_key = " " + name.key + " ";
    for (const std::string& surface : name.surfaces) {
      // Only spellings with other words than the name's ("Cina" for China,
      // "KCNA"); "Kim Jong-un" and a short "Choe" add nothing.
      const std::string key = name_key(surface);
      if (key == name.key) continue;  // most names: written as named
      bool other_words = false;
      for (const Token& t : tokenize(key))
        other_words = other_words || spaced_key.find(" " + t.term + " ") == std::string::npos;
      if (!other_words) continue;
      field_pos += kNameGap;
      ix.index(p.doc, surface, prefix, 1, field_pos, false);
    }
    p.doc.add_boolean_term(str(exact) + name.key.substr(0, 200));
  }
  if (!names_value.empty()) p.doc.add_value(schema::kNamesSlot, names_value);

  p.doc.add_boolean_term(p.id_term);
  if (a.date) {
    const std::string ymd = a.date->compact();
    p.doc.add_boolean_term(str(schema::kYearPrefix) + ymd.substr(0, 4));
    p.doc.add_boolean_term(str(schema::kMonthPrefix) + ymd.substr(0, 6));
    p.doc.add_boolean_term(str(schema::kDayPrefix) + ymd);
    p.doc.add_value(schema::kDateSlot, ymd);
  }
  if (!a.source.empty()) p.doc.add_value(schema::kSourceSlot, a.source);
  p.doc.add_value(schema::kFieldsSlot, encode_fields(a));
  p.doc.set_data(a.body);
  ix.drain_new_stems([&](const std::string& word, const std::string& stem) {
    p.new_stems.emplace_back(word, stem);
  });
  return p;
}

}  // namespace telusur
