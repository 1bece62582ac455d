#include "spelling_data.h"

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

bool spelling_word(const std::string& term) {
  if (term.size() < 3 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  return term.find_first_of("0123456789") == std::string::npos;
}

void adjust_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc, bool add) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!spelling_word(term)) continue;
    if (add)
      db.add_spelling(term, t.get_wdf());
    else
      db.remove_spelling(term, t.get_wdf());
  }
}

void remove_old_spellings(Xapian::WritableDatabase& db, const std::string& id_term) {
  const auto it = db.postlist_begin(id_term);
  if (it != db.postlist_end(id_term)) adjust_spellings(db, db.get_document(*it), false);
}

}  // namespace telusur
