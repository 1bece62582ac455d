// Output formats of `telusur-names`: one interface, one implementation per
// format (as telusur's ResultPrinter): an article's names as JSON Lines, a
// sentence's tags as CoNLL lines.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "entities.h"
#include "names.h"

namespace telusur {

class NamesPrinter {
 public:
  virtual ~NamesPrinter() = default;
  // The names found in the article `id`.
  virtual void article(const std::string& id, const std::vector<Name>& names) = 0;
  // One entity of an index (telusur-names --entities).
  virtual void entity(const Entity& e) = 0;
  // One sentence's tokens and their IOB tags.
  virtual void sentence(const std::vector<std::string>& tokens,
                        const std::vector<std::string>& tags) = 0;
};

// Articles as {"id":...,"names":[{"type","name","surfaces","mentions"}]}
// lines; entities as {"id","type","name","articles","variants":[{"name",
// "articles"}]} lines; sentences as token<TAB>tag lines, a blank line after
// each.
std::unique_ptr<NamesPrinter> make_names_printer(std::ostream& out);

}  // namespace telusur
