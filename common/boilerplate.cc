#include "boilerplate.h"

#include <cctype>

#include "embedded_data.h"
#include "status.h"
#include "text.h"

namespace telusur {
namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Leading bullets, dashes, brackets, quotes and spaces that decorate a line.
std::string_view trim_decoration(std::string_view s) {
  s = trim(s);
  while (!s.empty() && std::string_view("-*#>|(['\" \t").find(s.front()) != std::string_view::npos)
    s.remove_prefix(1);
  // UTF-8 bullets: U+2022 (e2 80 a2), U+00B7 (c2 b7).
  while (s.starts_with("\xe2\x80\xa2") || s.starts_with("\xc2\xb7")) {
    s.remove_prefix(s.starts_with("\xc2\xb7") ? 2 : 3);
    s = trim(s);
  }
  return trim(s);
}

bool is_pagination(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  bool digit = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != ' ' && c != '\t' && c != '|') {
      return false;
    }
  }
  return digit;
}

bool is_image_url(std::string_view lower) {
  if (!(lower.starts_with("http") || lower.starts_with("www."))) return false;
  // The URL may have been broken up by spaces ("https: img.site.com content 2021 x.jpg").
  const std::size_t window = std::min<std::size_t>(lower.size(), 400);
  const std::string_view head = lower.substr(0, window);
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"})
    if (head.find(ext) != std::string_view::npos) return true;
  return false;
}

}  // namespace

const Boilerplate& Boilerplate::builtin() {
  static const Boilerplate rules = parse(data::kBoilerplateRules);
  return rules;
}

Boilerplate Boilerplate::parse(std::string_view text) {
  Boilerplate b;
  for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
    const std::size_t sp = line.find_first_of(" \t");
    const std::string_view kind = line.substr(0, sp);
    const std::string pattern =
        sp == std::string_view::npos ? std::string() : ascii_lower(trim(line.substr(sp)));
    Rule rule{Kind::kLine, pattern};
    if (kind == "line") {
      rule.kind = Kind::kLine;
    } else if (kind == "prefix") {
      rule.kind = Kind::kPrefix;
    } else if (kind == "inline") {
      rule.kind = Kind::kInline;
    } else if (kind == "pagination") {
      rule.kind = Kind::kPagination;
    } else if (kind == "image-url") {
      rule.kind = Kind::kImageUrl;
    } else {
      throw Error("boilerplate rules line " + std::to_string(line_no) + ": unknown kind '" +
                  std::string(kind) + "'");
    }
    const bool needs_pattern =
        rule.kind == Kind::kLine || rule.kind == Kind::kPrefix || rule.kind == Kind::kInline;
    if (needs_pattern == pattern.empty())
      throw Error("boilerplate rules line " + std::to_string(line_no) + ": '" + std::string(kind) +
                  (needs_pattern ? "' needs a pattern" : "' takes no pattern"));
    b.rules_.push_back(std::move(rule));
  });
  return b;
}

std::optional<std::string> Boilerplate::clean_line(std::string_view line) const {
  std::string current(line);
  // Inline spans first: "(Baca juga: ...)" inside a paragraph. `lower` is
  // kept in step with `current` as spans are cut.
  const bool bracketed = current.find_first_of("([") != std::string::npos;
  std::string lower = bracketed ? ascii_lower(current) : std::string();
  for (const Rule& r : rules_) {
    if (r.kind != Kind::kInline || !bracketed) continue;
    for (char open : {'(', '['}) {
      const char close = open == '(' ? ')' : ']';
      std::size_t pos = 0;
      while ((pos = lower.find(open, pos)) != std::string::npos) {
        std::size_t p = pos + 1;
        while (p < lower.size() && lower[p] == ' ') ++p;
        if (lower.compare(p, r.pattern.size(), r.pattern) != 0 ||
            (p + r.pattern.size() < lower.size() && is_alpha(lower[p + r.pattern.size()]))) {
          ++pos;
          continue;
        }
        const std::size_t end = lower.find(close, p);
        const std::size_t stop = end == std::string::npos ? lower.size() : end + 1;
        current.erase(pos, stop - pos);
        lower.erase(pos, stop - pos);
      }
    }
  }
  const std::string_view body = trim_decoration(current);
  if (body.empty()) return std::nullopt;
  lower = ascii_lower(body);
  std::string_view bare = lower;
  while (!bare.empty() &&
         std::string_view(".!:;,)]|-* ").find(bare.back()) != std::string_view::npos)
    bare.remove_suffix(1);
  for (const Rule& r : rules_) {
    switch (r.kind) {
      case Kind::kLine:
        if (bare == r.pattern) return std::nullopt;
        break;
      case Kind::kPrefix:
        if (lower.starts_with(r.pattern) &&
            (lower.size() == r.pattern.size() || !is_alpha(lower[r.pattern.size()])))
          return std::nullopt;
        break;
      case Kind::kPagination:
        if (is_pagination(lower)) return std::nullopt;
        break;
      case Kind::kImageUrl:
        if (is_image_url(lower)) return std::nullopt;
        break;
      case Kind::kInline:
        break;
    }
  }
  return std::string(trim(current));
}

}  // namespace telusur
