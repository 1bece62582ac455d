#include "output.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <nlohmann/json.hpp>

#include "text.h"

namespace telusur {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kMatch = "\033[1;31m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

std::string render_marks(std::string_view marked, bool color, const char* after_match = kReset) {
  std::string out;
  for (char c : marked) {
    if (c == kHighlightStart) {
      if (color) out += kMatch;
    } else if (c == kHighlightEnd) {
      if (color) out += after_match;
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

// "1 match", "1189 matches" (exact), or "About 9700 matches (between 5486
// and 12662)".
std::string count_text(const SearchResults& r) {
  const std::string noun = r.matches_estimated == 1 ? " match" : " matches";
  if (r.matches_exact) return std::to_string(r.matches_estimated) + noun;
  return "About " + std::to_string(r.matches_estimated) + noun + " (between " +
         std::to_string(r.matches_lower) + " and " + std::to_string(r.matches_upper) + ")";
}

// The timeline as a bar chart: one line a period, its bar scaled to the
// busiest period, then its count.
void print_timeline(std::ostream& out, const SearchResults& r, std::size_t width) {
  std::uint64_t most = 1;
  std::size_t label = 0;
  for (const TimelineBin& b : r.timeline) {
    most = std::max(most, b.count);
    label = std::max(label, b.period.size());
  }
  const std::size_t used = label + std::to_string(most).size() + 3, line = width ? width : 80;
  const std::size_t bar = std::max<std::size_t>(10, line > used ? line - used : 0);
  out << "\n";
  for (const TimelineBin& b : r.timeline) {
    const std::size_t n = static_cast<std::size_t>((b.count * bar + most - 1) / most);
    std::string blocks;
    for (std::size_t i = 0; i < n; ++i) blocks += "\xe2\x96\x88";  // full block
    out << b.period << std::string(label - b.period.size() + 1, ' ') << blocks
        << std::string(bar - n + 1, ' ') << b.count << "\n";
  }
  out << "undated" << std::string(label > 7 ? label - 7 + 1 : 1, ' ') << r.undated << "\n";
}

class TextPrinter : public ResultPrinter {
 public:
  TextPrinter(std::ostream& out, bool color, std::size_t width, bool timeline)
      : out_(out), color_(color), width_(width), timeline_(timeline) {}

  void print(const std::string& query, const SearchResults& r) override {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", r.elapsed_ms);
    if (r.corrected)
      out_ << "Showing results for: " << (color_ ? kBold : "") << r.suggestion
           << (color_ ? kReset : "") << " (nothing matched \"" << query << "\")\n";
    else if (!r.suggestion.empty())
      out_ << "Did you mean: " << (color_ ? kBold : "") << r.suggestion << (color_ ? kReset : "")
           << "\n";
    out_ << (color_ ? kDim : "") << count_text(r) << " for \""
         << (r.corrected ? r.suggestion : query) << "\" (" << ms << " ms)" << (color_ ? kReset : "")
         << "\n";
    if (timeline_) {
      print_timeline(out_, r, width_);
      return;
    }
    for (const Hit& h : r.hits) {
      const std::string number = std::to_string(h.rank) + ". ";
      out_ << "\n" << number;
      const std::string title =
          wrap_text(color_ ? h.title_marked : h.title, width_, number.size(), 3);
      if (color_)
        out_ << kBold << render_marks(title, true, "\033[0m\033[1m") << kReset;
      else
        out_ << title;
      if (h.title_derived)
        out_ << (color_ ? kDim : "") << " [title from first sentence]" << (color_ ? kReset : "");
      out_ << "\n   " << (color_ ? kDim : "");
      std::string meta;
      auto add = [&](const std::string& s) {
        if (s.empty()) return;
        if (!meta.empty()) meta += " \xc2\xb7 ";  // ·
        meta += s;
      };
      add(h.date.value_or("undated"));
      add(h.source);
      add(h.author);
      add(h.id);
      add("score " + format_score(h.score));
      out_ << meta << (color_ ? kReset : "") << "\n";
      if (!h.snippet.empty())
        out_ << "   " << render_marks(wrap_text(h.snippet, width_, 3, 3), color_) << "\n";
      const std::string& where = h.url.empty() ? h.path : h.url;
      if (!where.empty())
        out_ << "   " << (color_ ? kDim : "") << where << (color_ ? kReset : "") << "\n";
      if (!h.similar.empty()) {
        out_ << "   and " << h.similar.size() << " similar article"
             << (h.similar.size() == 1 ? "" : "s") << ":";
        for (const std::string& id : h.similar) out_ << " " << id;
        out_ << "\n";
      }
    }
    const auto facet_line = [&](const char* label, const std::vector<Facet>& facets) {
      if (facets.empty()) return;
      out_ << (color_ ? kBold : "") << label << (color_ ? kReset : "") << ":";
      for (std::size_t i = 0; i < facets.size(); ++i)
        out_ << (i ? " \xc2\xb7 " : " ") << facets[i].name << " (" << facets[i].count << ")";
      out_ << "\n";
    };
    if (!r.persons.empty() || !r.places.empty() || !r.organisations.empty()) out_ << "\n";
    facet_line("Persons", r.persons);
    facet_line("Places", r.places);
    facet_line("Organisations", r.organisations);
    if (!r.facets_exact && (!r.persons.empty() || !r.places.empty() || !r.organisations.empty()))
      out_ << (color_ ? kDim : "") << "(counts estimated from " << r.facets_counted
           << " of " << (r.matches_exact ? "" : "about ") << r.matches_estimated
           << " matches; --facet-sample 0 counts them all)" << (color_ ? kReset : "") << "\n";
  }

 private:
  std::ostream& out_;
  bool color_;
  std::size_t width_;
  bool timeline_;
};

class CompactPrinter : public ResultPrinter {
 public:
  CompactPrinter(std::ostream& out, bool timeline) : out_(out), timeline_(timeline) {}
  void print(const std::string&, const SearchResults& r) override {
    if (timeline_) {
      for (const TimelineBin& b : r.timeline) out_ << b.period << '\t' << b.count << '\n';
      out_ << "undated\t" << r.undated << '\n';
      return;
    }
    for (const Hit& h : r.hits) {
      std::string title = h.title;
      for (char& c : title)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      out_ << h.id << '\t' << format_score(h.score) << '\t' << title << '\n';
    }
  }

 private:
  std::ostream& out_;
  bool timeline_;
};

class JsonPrinter : public ResultPrinter {
 public:
  JsonPrinter(std::ostream& out, std::optional<std::string> timeline)
      : out_(out), timeline_(std::move(timeline)) {}

  void print(const std::string& query, const SearchResults& r) override {
    using Json = nlohmann::ordered_json;
    const auto or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
    for (const Hit& h : r.hits) {
      Json j;
      j["type"] = "hit";
      j["rank"] = h.rank;
      j["id"] = h.id;
      j["score"] = h.score;
      j["title"] = h.title;
      j["date"] = h.date ? Json(*h.date) : Json(nullptr);
      j["source"] = or_null(h.source);
      j["path"] = or_null(h.path);
      j["snippet"] = strip_marks(h.snippet);
      if (r.grouped) j["similar"] = h.similar;
      Json entities = Json::array();
      for (const HitEntity& e : h.entities)
        entities.push_back(Json{{"type", entity_type_label(e.type)}, {"id", e.id}, {"name", e.name}});
      j["entities"] = std::move(entities);
      write(j);
    }
    for (const TimelineBin& b : r.timeline)
      write(Json{{"type", "period"}, {"period", b.period}, {"count", b.count}});
    if (!r.persons.empty() || !r.places.empty() || !r.organisations.empty()) {
      const auto list = [](const std::vector<Facet>& facets) {
        Json a = Json::array();
        for (const Facet& f : facets)
          a.push_back(Json{{"name", f.name}, {"count", f.count}, {"id", f.id}, {"variants", f.variants}});
        return a;
      };
      Json f;
      f["type"] = "facets";
      f["persons"] = list(r.persons);
      f["places"] = list(r.places);
      f["organisations"] = list(r.organisations);
      f["counted"] = r.facets_counted;
      f["exact"] = r.facets_exact;
      write(f);
    }
    Json s;
    s["type"] = "summary";
    s["query"] = query;
    s["parsed"] = r.parsed;
    s["weighting"] = r.weighting;
    s["reranked"] = r.reranked;
    s["suggestion"] = r.suggestion.empty() ? Json(nullptr) : Json(r.suggestion);
    s["corrected"] = r.corrected;
    s["matches_estimated"] = r.matches_estimated;
    s["matches_lower"] = r.matches_lower;
    s["matches_upper"] = r.matches_upper;
    s["matches_exact"] = r.matches_exact;
    if (r.grouped) s["groups"] = r.groups;
    if (timeline_) {
      s["timeline"] = *timeline_;
      s["undated"] = r.undated;
    }
    s["returned"] = r.hits.size();
    s["elapsed_ms"] = r.elapsed_ms;
    s["work"] = {{"spelling_lookups", r.work.spelling_lookups},
                 {"dictionary_loads", r.work.dictionary_loads},
                 {"root_lookups", r.work.root_lookups},
                 {"entity_table_loads", r.work.entity_table_loads},
                 {"names_values_read", r.work.names_values_read}};
    write(s);
  }

 private:
  void write(const nlohmann::ordered_json& j) {
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  std::ostream& out_;
  std::optional<std::string> timeline_;
};

}  // namespace

std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, bool color, std::size_t width,
                                                 const std::string& timeline) {
  return std::make_unique<TextPrinter>(out, color, width, !timeline.empty());
}

std::unique_ptr<ResultPrinter> make_compact_printer(std::ostream& out,
                                                    const std::string& timeline) {
  return std::make_unique<CompactPrinter>(out, !timeline.empty());
}

std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out, const std::string& timeline) {
  return std::make_unique<JsonPrinter>(
      out, timeline.empty() ? std::nullopt : std::optional<std::string>(timeline));
}

}  // namespace telusur
