#include "snippet_window.h"

#include <algorithm>

namespace telusur {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

}  // namespace

std::vector<std::string> term_fragments(const std::vector<std::string>& terms) {
  std::vector<std::string> out;
  for (const std::string& t : terms) {
    std::size_t i = 0;
    while (i < t.size() && t[i] >= 'A' && t[i] <= 'Z') ++i;  // a field or stem prefix
    const std::string base = t.substr(i);
    if (base.empty()) continue;
    std::string fragment = base.size() > 3 ? base.substr(1) : base;
    if (std::find(out.begin(), out.end(), fragment) == out.end()) out.push_back(std::move(fragment));
  }
  return out;
}

TextWindow snippet_window(std::string_view body, const std::vector<std::string>& fragments,
                          std::size_t bytes) {
  if (body.size() <= bytes + bytes / 2) return {body, false, false};
  // The earliest fragment: each is looked for only before the best so far.
  std::string folded(body);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view rest = folded;
  std::size_t first = std::string_view::npos;
  for (const std::string& f : fragments) {
    const std::size_t at = rest.find(f);
    if (at == std::string_view::npos) continue;
    first = at;
    rest = rest.substr(0, std::min(rest.size(), at + f.size() - 1));
  }
  if (first == std::string_view::npos) first = 0;
  std::size_t begin = first > bytes / 4 ? first - bytes / 4 : 0;
  std::size_t end = std::min(body.size(), first + bytes);
  // Between words: forward to a space at the start, back to one at the end.
  if (begin > 0) {
    while (begin < first && !is_space(body[begin - 1])) ++begin;
  }
  if (end < body.size()) {
    std::size_t e = end;
    while (e > first && !is_space(body[e])) --e;
    if (e > first) end = e;
  }
  return {body.substr(begin, end - begin), begin > 0, end < body.size()};
}

}  // namespace telusur
