#include "query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <optional>

#include "dates.h"
#include "names.h"
#include "schema.h"
#include "status.h"
#include "text.h"

namespace telusur {
namespace {

// 1-based character (code point) position of byte offset `byte` in `s`.
std::size_t char_pos(std::string_view s, std::size_t byte) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++chars;
  return chars + 1;
}


bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Words of a run, as the indexer would make them, joined so that QueryParser
// reads them back as the same terms: '-' between parts of one word (a
// phrase), ' ' between separate words.
std::string words_of(std::string_view run, bool in_phrase) {
  std::string out;
  for (const Token& t : tokenize(run)) {
    if (!out.empty()) out += (t.joined && !in_phrase) ? "-" : " ";
    out += t.term;
  }
  return out;
}


// Names are indexed unstemmed: QueryParser does not stem a word that starts
// with a capital letter, so each word gets one (ASCII letters only; the
// parser folds the case again).
std::string unstemmed(std::string words) {
  bool start = true;
  for (char& c : words) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ' || c == '-';
  }
  return words;
}

std::string known_fields() {
  std::string out;
  for (const QueryField& f : free_text_fields())
    for (std::string_view a : f.aliases)
      out += std::string(out.empty() ? "" : ", ") + std::string(a) + ":";
  out += ", year:, tahun:, date:, tanggal:";
  return out;
}

// Lower (or upper) bound of YYYY, YYYY-MM or YYYY-MM-DD ('/' or '-' between).
std::optional<std::string> date_bound(std::string_view s, bool upper) {
  int parts[3] = {0, 0, 0};
  std::size_t lens[3] = {0, 0, 0};
  int n = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (lens[n] >= 4) return std::nullopt;
      parts[n] = parts[n] * 10 + (c - '0');
      ++lens[n];
    } else if ((c == '-' || c == '/') && n < 2 && lens[n] > 0) {
      ++n;
    } else {
      return std::nullopt;
    }
  }
  if (lens[0] != 4 || lens[n] == 0 || (n >= 1 && lens[1] > 2) || (n == 2 && lens[2] > 2))
    return std::nullopt;
  const int year = parts[0];
  const int month = n >= 1 ? parts[1] : (upper ? 12 : 1);
  int day = n == 2 ? parts[2] : 1;
  if (n < 2 && upper) {
    day = 31;
    while (day > 28 && !make_date(year, month, day)) --day;
  }
  const auto d = make_date(year, month, day);
  if (!d) return std::nullopt;
  return d->compact();
}

// The same for dates in words: "2021", "Maret 2021", "12 Maret 2021" (month
// names in Indonesian or English, abbreviated or not), or the numeric forms.
std::optional<std::string> date_words_bound(std::string_view s, bool upper) {
  std::vector<std::string_view> w;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i > start) w.push_back(s.substr(start, i - start));
  }
  const auto number = [](std::string_view x, std::size_t max_len) -> std::optional<int> {
    if (x.empty() || x.size() > max_len ||
        x.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    int v = 0;
    for (char c : x) v = v * 10 + (c - '0');
    return v;
  };
  if (w.size() == 1) return date_bound(w[0], upper);
  if (w.size() == 2 || w.size() == 3) {
    const int month = month_from_name(w[w.size() - 2]);
    const auto year = number(w.back(), 4);
    if (!month || !year || w.back().size() != 4) return std::nullopt;
    char buf[16];
    if (w.size() == 3) {
      const auto day = number(w[0], 2);
      if (!day || !make_date(*year, month, *day)) return std::nullopt;
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *year, month, *day);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d", *year, month);
    }
    return date_bound(buf, upper);
  }
  return std::nullopt;
}

std::string rewrite_date(std::string_view value, std::size_t pos) {
  const auto bad = [&](std::string_view what) {
    return QueryError("bad date '" + std::string(what) + "' at position " + std::to_string(pos) +
                      ": use YYYY, YYYY-MM, YYYY-MM-DD or \"Maret 2021\", or a range A..B");
  };
  const std::size_t dots = value.find("..");
  std::string lo, hi;
  if (dots == std::string_view::npos) {
    auto a = date_words_bound(value, false);
    auto b = date_words_bound(value, true);
    if (!a || !b) throw bad(value);
    lo = *a;
    hi = *b;
  } else {
    const std::string_view a = value.substr(0, dots);
    const std::string_view b = value.substr(dots + 2);
    if (a.empty() && b.empty()) throw bad(value);
    if (!a.empty()) {
      auto v = date_words_bound(a, false);
      if (!v) throw bad(a);
      lo = *v;
    }
    if (!b.empty()) {
      auto v = date_words_bound(b, true);
      if (!v) throw bad(b);
      hi = *v;
    }
    if (!lo.empty() && !hi.empty() && lo > hi)
      throw QueryError("empty date range '" + std::string(value) + "' at position " +
                       std::to_string(pos) + ": the start is after the end");
  }
  return "date:" + lo + ".." + hi;
}

}  // namespace

std::string resolve_date_bound(std::string_view text, bool upper, const std::string& today) {
  const std::string t(trim(text));
  const auto bad = [&] {
    return QueryError("bad date '" + t +
                      "': use YYYY, YYYY-MM, YYYY-MM-DD, \"Maret 2021\" or N days, weeks, months "
                      "or years ago as Nd, Nw, Nm, Ny");
  };
  if (t.size() >= 2 && t.size() <= 5 &&
      std::string_view("dwmy").find(t.back()) != std::string_view::npos &&
      t.find_first_not_of("0123456789", 0) == t.size() - 1) {
    const int n = std::stoi(t.substr(0, t.size() - 1));
    const std::optional<Date> anchor = parse_compact_date(today);
    if (!anchor) throw bad();
    using namespace std::chrono;
    const year_month_day now = anchor->ymd();
    sys_days d = sys_days(now);
    switch (t.back()) {
      case 'd':
        d -= days(n);
        break;
      case 'w':
        d -= days(7 * n);
        break;
      case 'm': {
        year_month_day m = now - months(n);
        if (!m.ok()) m = year_month_day(m.year() / m.month() / last);
        d = sys_days(m);
        break;
      }
      default: {
        year_month_day y = now - years(n);
        if (!y.ok()) y = year_month_day(y.year() / y.month() / last);
        d = sys_days(y);
      }
    }
    const year_month_day r(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(r.year()),
                  static_cast<unsigned>(r.month()), static_cast<unsigned>(r.day()));
    return buf;
  }
  const auto b = date_words_bound(t, upper);
  if (!b) throw bad();
  return *b;
}

DateBounds resolve_date_bounds(std::string_view since, std::string_view until,
                               std::string today) {
  DateBounds b;
  if (since.empty() && until.empty()) return b;
  if (today.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y%m%d", &local);
    today = buf;
  }
  if (!since.empty()) b.from = resolve_date_bound(since, false, today);
  if (!until.empty()) b.to = resolve_date_bound(until, true, today);
  if (!b.from.empty() && !b.to.empty() && b.from > b.to)
    throw QueryError("--since " + std::string(since) + " is after --until " + std::string(until));
  return b;
}

const std::vector<QueryField>& free_text_fields() {
  static const std::vector<QueryField> kFields = {
      {"title", {schema::kTitlePrefix}, {"title", "judul"}},
      {"author", {schema::kAuthorPrefix}, {"author", "penulis"}},
      {"source", {schema::kSourcePrefix}, {"source", "sumber"}},
      {"category", {schema::kCategoryPrefix}, {"category", "kategori"}},
      {"person", {schema::kPersonPrefix}, {"person", "tokoh"}},
      {"place", {schema::kPlacePrefix}, {"place", "tempat"}},
      {"org", {schema::kOrgPrefix}, {"org", "organisasi"}},
      {"name", {schema::kPersonPrefix, schema::kPlacePrefix, schema::kOrgPrefix}, {"name", "nama"}},
  };
  return kFields;
}

const std::vector<std::vector<std::string>>& alias_keys() {
  static const std::vector<std::vector<std::string>> kKeys = [] {
    std::vector<std::vector<std::string>> out;
    for (const auto& group : builtin_alias_groups()) {
      std::vector<std::string> keys;
      for (const std::string& member : group) {
        const std::string key = name_key(member);
        if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
          keys.push_back(key);
      }
      out.push_back(std::move(keys));
    }
    return out;
  }();
  return kKeys;
}

const std::vector<std::vector<std::string>>& alias_forms(std::size_t group) {
  using Forms = std::vector<std::vector<std::string>>;
  static const std::vector<Forms> kForms = [] {  // tokenised once, not per query
    std::vector<Forms> out;
    for (const auto& keys : alias_keys()) {
      Forms forms;
      for (const std::string& key : keys) {
        std::vector<std::string> words;
        for (const Token& t : tokenize(key)) words.push_back(t.term);
        if (!words.empty()) forms.push_back(std::move(words));
      }
      out.push_back(std::move(forms));
    }
    return out;
  }();
  static const Forms kNone;
  return group < kForms.size() ? kForms[group] : kNone;
}

namespace {

// The alias group whose form `text` is (ASCII case and '-' between words
// ignored), if any.
std::optional<std::size_t> alias_group_of(std::string_view text) {
  std::string key = ascii_lower(trim(text));
  std::replace(key.begin(), key.end(), '-', ' ');
  const auto& groups = alias_keys();
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const std::string& k : groups[g])
      if (k == key) return g;
  return std::nullopt;
}

// Writes every alias form in free text (outside quotes and field values) as
// its group, "xalias:G": "AS" and "Amerika Serikat" -> "xalias:1". The
// longest form wins ("Amerika Serikat" over "Amerika").
std::string expand_aliases(const std::string& q) {
  std::string out;
  bool in_quote = false;
  std::size_t i = 0;
  const auto boundary = [&](std::size_t at) {
    return at >= q.size() || q[at] == ' ' || q[at] == ')' || q[at] == '"' || q[at] == ',' ||
           q[at] == '.' || q[at] == '?' || q[at] == '!' || q[at] == '\t';
  };
  const auto& groups = alias_keys();
  while (i < q.size()) {
    if (q[i] == '"') in_quote = !in_quote;
    const bool word_start = !in_quote && (i == 0 || q[i - 1] == ' ' || q[i - 1] == '(' ||
                                          q[i - 1] == '\t' ||
                                          ((q[i - 1] == '+' || q[i - 1] == '-') &&
                                           (i == 1 || q[i - 2] == ' ' || q[i - 2] == '(')));
    std::size_t best_len = 0, best = groups.size();
    if (word_start) {
      for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const std::string& key : groups[g]) {
          if (key.size() <= best_len || i + key.size() > q.size() || !boundary(i + key.size()))
            continue;
          std::string candidate = ascii_lower(q.substr(i, key.size()));
          std::replace(candidate.begin(), candidate.end(), '-', ' ');
          if (candidate == key) {
            best_len = key.size();
            best = g;
          }
        }
      }
    }
    if (best == groups.size()) {
      out += q[i++];
      continue;
    }
    out += std::string(kAliasField) + ":" + std::to_string(best);
    i += best_len;
  }
  return out;
}

// `internal`: the text has been through expand_aliases (its xalias: fields pass).
// One field:value run of a query (`run`, at character `run_pos`; the field
// name is its first `colon` bytes), rewritten into `out` as the query
// parser reads it: a name field's alias group, a field's words, a year or
// a date range. `i` is where the query goes on after the run; returns
// where it goes on after the field (past a quoted value it read).
std::size_t rewrite_field(const std::string& q, std::string_view run, std::size_t run_pos,
                          std::size_t colon, std::size_t i, bool internal,
                          const EntityLookup& entities, std::string& out) {
  const std::string name = ascii_lower(run.substr(0, colon));
  const std::string_view value = run.substr(colon + 1);
  const std::size_t value_pos = run_pos + colon + 1;
  const QueryField* field = nullptr;
  for (const QueryField& f : free_text_fields())
    for (std::string_view a : f.aliases)
      if (a == name) field = &f;
  if (internal && (name.starts_with(kAliasField) || name.starts_with(kEntityField))) {
    out += run;
    return i;
  }
  if (field) {
    // A value that is an alias form, quoted or not: its group.
    std::string_view whole = value;
    std::size_t after = i;
    if (value.empty()) {
      const std::size_t close = q.find('"', i + 1);
      if (close != std::string::npos) {
        whole = std::string_view(q).substr(i + 1, close - i - 1);
        after = close + 1;
      }
    }
    if (const auto g = alias_group_of(whole)) {
      out += std::string(kAliasField) + std::string(field->name) + ":" + std::to_string(*g);
      i = after;
      return i;
    }
    if (entities && is_name_field(*field) && !whole.ends_with('*')) {
      if (const auto code = entities(field->name, whole)) {
        out += std::string(kEntityField) + std::string(field->name) + ":" + *code;
        return after;
      }
    }
    out += field->name;
    out += ':';
    const bool wildcard = value.ends_with('*');
    std::string value_words =
        words_of(wildcard ? value.substr(0, value.size() - 1) : value, false);
    if (is_name_field(*field)) value_words = unstemmed(value_words);
    out += value_words;
    if (wildcard) out += '*';
    return i;
  }
  if (name == "year" || name == "tahun") {
    if (value.size() != 4 || value.find_first_not_of("0123456789") != std::string_view::npos)
      throw QueryError("bad year '" + std::string(value) + "' at position " +
                       std::to_string(value_pos) + ": " + name + ": takes a four-digit year");
    out += "year:" + std::string(value);
    return i;
  }
  if (name == "date" || name == "tanggal") {
    if (value.empty()) {
      // A date in words: date:"12 Maret 2021", date:"Maret 2021..Juni 2021".
      const std::size_t close = q.find('"', i + 1);
      if (close == std::string::npos)
        throw QueryError("unbalanced quote: the '\"' at position " +
                         std::to_string(char_pos(q, i)) + " is never closed");
      const std::string words = q.substr(i + 1, close - i - 1);
      out += rewrite_date(words, char_pos(q, i + 1));
      i = close + 1;
      return i;
    }
    out += rewrite_date(value, value_pos);
    return i;
  }
  throw QueryError("unknown field '" + name + ":' at position " + std::to_string(run_pos) +
                   " (known fields: " + known_fields() + ")");
}

std::string rewrite_normalized(const std::string& q, bool internal, const EntityLookup& entities) {
  std::string out;
  bool in_quote = false;
  std::size_t quote_at = 0;
  std::vector<std::size_t> parens;
  std::size_t i = 0;
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  while (i < q.size()) {
    const char c = q[i];
    if (is_space(c)) {
      out += ' ';
      ++i;
      continue;
    }
    if (c == '"') {
      in_quote = !in_quote;
      quote_at = i;
      out += '"';
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      if (in_quote) {
        out += ' ';
      } else if (c == '(') {
        parens.push_back(i);
        out += '(';
      } else {
        if (parens.empty())
          throw QueryError("unbalanced parenthesis: ')' at position " +
                           std::to_string(char_pos(q, i)) + " has no matching '('");
        parens.pop_back();
        out += ')';
      }
      ++i;
      continue;
    }
    // A run of non-space characters up to a quote or parenthesis.
    std::size_t end = i;
    while (end < q.size() && !is_space(q[end]) && q[end] != '"' && q[end] != '(' && q[end] != ')')
      ++end;
    std::string_view run(q.data() + i, end - i);
    const std::size_t run_pos = char_pos(q, i);
    i = end;
    if (in_quote) {
      out += words_of(run, true);
      continue;
    }
    if (is_query_operator(run)) {
      out += run;
      continue;
    }
    if ((run[0] == '+' || run[0] == '-') && run.size() > 1) {
      out += run[0];
      run.remove_prefix(1);
    }
    // field:value
    std::size_t colon = 0;
    while (colon < run.size() && is_ascii_alpha(run[colon])) ++colon;
    const bool has_field = colon > 0 && colon < run.size() && run[colon] == ':' &&
                           (colon + 1 < run.size() || (i < q.size() && q[i] == '"'));
    if (has_field) {
      i = rewrite_field(q, run, run_pos, colon, i, internal, entities, out);
      continue;
    }
    const bool wildcard = run.size() > 1 && run.ends_with('*');
    out += words_of(wildcard ? run.substr(0, run.size() - 1) : run, false);
    if (wildcard) out += '*';
  }
  if (in_quote)
    throw QueryError("unbalanced quote: the '\"' at position " +
                     std::to_string(char_pos(q, quote_at)) + " is never closed");
  if (!parens.empty())
    throw QueryError("unbalanced parenthesis: '(' at position " +
                     std::to_string(char_pos(q, parens.back())) + " is never closed");
  return out;
}

}  // namespace

bool is_query_operator(std::string_view w) {
  if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ") return true;
  for (std::string_view op : {"NEAR/", "ADJ/"}) {
    if (w.starts_with(op) && w.size() > op.size() &&
        w.substr(op.size()).find_first_not_of("0123456789") == std::string_view::npos)
      return true;
  }
  return false;
}

bool is_name_field(const QueryField& f) {
  return f.prefixes.front() == schema::kPersonPrefix ||
         f.prefixes.front() == schema::kPlacePrefix || f.prefixes.front() == schema::kOrgPrefix;
}

std::string mark_aliases(std::string_view words) { return expand_aliases(std::string(words)); }

std::string rewrite_query(std::string_view raw, const EntityLookup& entities) {
  const std::string q = normalize(raw);
  // Checked as typed first, so error positions are the user's.
  std::string out = rewrite_normalized(q, false, entities);
  const std::string expanded = expand_aliases(q);
  return expanded == q ? out : rewrite_normalized(expanded, true, entities);
}

}  // namespace telusur
