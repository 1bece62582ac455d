// The boilerplate cleaner: drops web-page leftovers (share buttons, related-
// article links, "read it first at" lines, pagination, image URLs) according to
// the rule table in data/boilerplate.rules (documented there).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

class Boilerplate {
 public:
  // The rules compiled in from data/boilerplate.rules. Never throws after the
  // first call (the built-in table is checked by the tests).
  static const Boilerplate& builtin();

  // Parses a rule table in the format of data/boilerplate.rules. Throws
  // telusur::Error naming the 1-based line of the first bad rule.
  static Boilerplate parse(std::string_view rules);

  // Returns `line` with inline boilerplate spans removed, or std::nullopt when
  // the whole line is boilerplate (or nothing but spaces is left).
  std::optional<std::string> clean_line(std::string_view line) const;

  std::size_t size() const { return rules_.size(); }

 private:
  enum class Kind { kLine, kPrefix, kInline, kPagination, kImageUrl };
  struct Rule {
    Kind kind;
    std::string pattern;  // ASCII-lower-cased
  };
  std::vector<Rule> rules_;
};

}  // namespace telusur
