#include "document.h"

#include "schema.h"
#include "text.h"

namespace telusur {

void append_name(std::string& value, char type, std::string_view name,
                 const std::vector<std::string>& surfaces) {
  value += type;
  value += '\t';
  value += name;
  for (const std::string& surface : surfaces) {
    value += '\t';
    value += surface;
  }
  value += '\n';
}

std::vector<StoredName> decode_names(std::string_view value) {
  std::vector<StoredName> out;
  for_each_name(value, [&](char type, std::string_view name, std::string_view surfaces) {
    StoredName n{type, name, {}};
    for (std::string_view surface : split(surfaces, '\t'))
      if (!surface.empty()) n.surfaces.push_back(surface);
    out.push_back(std::move(n));
  });
  return out;
}

std::string article_id(const Xapian::Database& db, Xapian::docid docid) {
  const std::string prefix(schema::kIdPrefix);
  Xapian::TermIterator t = db.termlist_begin(docid);
  t.skip_to(prefix);
  if (t == db.termlist_end(docid)) return {};
  const std::string term = *t;
  return term.rfind(prefix, 0) == 0 ? term.substr(prefix.size()) : std::string();
}

std::string describe(const Xapian::Error& e) {
  return e.get_msg() +
         (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : std::string());
}

}  // namespace telusur
