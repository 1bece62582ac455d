#include "document.h"

#include "schema.h"
#include "text.h"

namespace telusur {

void append_name(std::string& value, char type, std::string_view name) {
  value += type;
  value += '\t';
  value += name;
  value += '\n';
}

std::vector<StoredName> decode_names(std::string_view value) {
  std::vector<StoredName> out;
  for (std::string_view line : split_lines(value))
    if (line.size() >= 3 && line[1] == '\t') out.push_back({line[0], line.substr(2)});
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
