#include "entity_query.h"

#include <algorithm>

#include "document.h"
#include "names.h"
#include "schema.h"
#include "text.h"

namespace telusur {

namespace {

std::string exact_prefix(char type) {
  return str(type == kPersonLetter  ? schema::kPersonExactPrefix
             : type == kPlaceLetter ? schema::kPlaceExactPrefix
                                    : schema::kOrgExactPrefix);
}

bool field_has_type(std::string_view field, char type) {
  if (field == "person") return type == kPersonLetter;
  if (field == "place") return type == kPlaceLetter;
  if (field == "org") return type == kOrgLetter;
  return true;  // "name": any
}

}  // namespace

std::optional<std::string> entity_code(const EntityTable& table, std::string_view field,
                                       std::string_view value) {
  const std::string key = name_key(value);  // once, for every type tried
  for (char type : {kPersonLetter, kPlaceLetter, kOrgLetter}) {
    if (!field_has_type(field, type)) continue;
    const Entity* e = table.find_key(std::string(1, type) + key);
    if (!e) continue;
    for (std::size_t v = 0; v < e->variants.size(); ++v)
      if (name_key(e->variants[v].name) == key)
        return std::to_string(e - table.entities().data()) + "." + std::to_string(v);
  }
  return std::nullopt;
}

Xapian::Query EntityProcessor::operator()(const std::string& code) {
  const std::size_t dot = code.find('.');
  const Entity& entity = table_.entities().at(std::stoul(code.substr(0, dot)));
  const EntityVariant& typed = entity.variants.at(std::stoul(code.substr(dot + 1)));
  std::vector<std::string> words;
  for (const Token& t : tokenize(name_key(typed.name))) words.push_back(t.term);
  std::vector<Xapian::Query> alternatives;
  for (const std::string& prefix : prefixes_) {
    std::vector<Xapian::Query> terms;
    for (const std::string& w : words) terms.emplace_back(prefix + w);
    if (terms.size() == 1) alternatives.push_back(terms[0]);
    if (terms.size() > 1)
      alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                static_cast<Xapian::termcount>(terms.size()));
  }
  const std::string exact = exact_prefix(entity.type);
  for (const EntityVariant& variant : entity.variants)
    alternatives.emplace_back(exact + name_key(variant.name).substr(0, 200));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
}

std::vector<HitEntity> entities_of(const EntityTable& table, const Xapian::Document& doc) {
  std::vector<HitEntity> out;
  const std::string value = doc.get_value(schema::kNamesSlot);  // outlives the views
  for (const StoredName& n : decode_names(value)) {
    HitEntity h{n.type, {}, {}};
    if (const Entity* e = table.find(n.type, n.name)) {
      h.id = e->id;
      h.name = e->name;
    } else {
      h.id = entity_id(n.type, n.name);
      h.name = std::string(n.name);
    }
    if (std::none_of(out.begin(), out.end(), [&](const HitEntity& x) { return x.id == h.id; }))
      out.push_back(std::move(h));
  }
  return out;
}

}  // namespace telusur
