#include "experiments.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "schema.h"
#include "stored_fields.h"
#include "gnuplot.h"
#include "status.h"
#include "text.h"
#include "weighting.h"

namespace telusur {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error("cannot write '" + path + "'");
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

KnownItemStats make_known_item(const std::string& index_dir, const std::string& out_dir,
                               const KnownItemOptions& options) {
  struct Item {
    std::string id, title, body;
    nlohmann::json fields;
  };
  std::vector<Item> items;
  try {
    Xapian::Database db(index_dir);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      const StoredFields head = decode_fields(doc.get_value(schema::kFieldsSlot));
      if (head.id.empty()) continue;
      Item item;
      item.id = head.id;
      item.title = head.title_derived ? "" : head.title;
      item.body = doc.get_data();
      if (!head.date.empty()) item.fields["date"] = head.date;
      item.fields["source"] = head.source;
      item.fields["author"] = head.author;
      item.fields["category"] = head.category;
      item.fields["url"] = head.url;
      items.push_back(std::move(item));
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read index '" + index_dir + "': " + e.get_msg());
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
  KnownItemStats stats;
  stats.articles = items.size();
  std::map<std::string, int> titles, bodies;
  for (const Item& i : items) {
    ++titles[fold_case(collapse_spaces(i.title))];
    ++bodies[i.body];
  }
  std::vector<const Item*> candidates;
  for (const Item& i : items) {
    if (i.body.find_first_not_of(" \t\n") == std::string::npos)
      ++stats.empty;
    else if (i.title.find_first_not_of(" \t") == std::string::npos)
      ++stats.untitled;
    else if (i.body.size() < options.min_body)
      ++stats.stubs;
    else if (titles[fold_case(collapse_spaces(i.title))] > 1 || bodies[i.body] > 1)
      ++stats.duplicates;
    else
      candidates.push_back(&i);
  }
  stats.candidates = candidates.size();
  std::mt19937_64 rng(options.seed);
  std::shuffle(candidates.begin(), candidates.end(), rng);
  candidates.resize(std::min(candidates.size(), options.topics));
  std::sort(candidates.begin(), candidates.end(),
            [](const Item* a, const Item* b) { return a->id < b->id; });
  stats.topics = candidates.size();

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw Error("cannot create '" + out_dir + "': " + ec.message());
  std::string corpus, topics, qrels;
  for (const Item& i : items) {
    if (i.body.find_first_not_of(" \t\n") == std::string::npos) continue;  // nothing to find
    nlohmann::ordered_json j;
    j["id"] = i.id;
    j["body"] = i.body;
    for (const auto& [k, v] : i.fields.items()) j[k] = v;
    corpus += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  for (std::size_t n = 0; n < candidates.size(); ++n) {
    const std::string qid = "KI" + std::to_string(n + 1);
    std::string query = collapse_spaces(candidates[n]->title);
    std::replace(query.begin(), query.end(), '\t', ' ');
    topics += qid + "\t" + query + "\n";
    qrels += qid + " 0 " + candidates[n]->id + " 1\n";
  }
  write_file(out_dir + "/corpus.jsonl", corpus);
  write_file(out_dir + "/topics.tsv", topics);
  write_file(out_dir + "/qrels.txt", qrels);
  return stats;
}

SweepAxis parse_sweep_axis(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw Error("sweep parameter '" + std::string(text) +
                "': expected NAME=START:STOP:STEP or NAME=V1,V2,...");
  SweepAxis axis;
  axis.param = std::string(text.substr(0, eq));
  const std::string values(text.substr(eq + 1));
  const auto read = [&](const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v))
      throw Error("sweep parameter '" + std::string(text) + "': '" + s + "' is not a number");
    return v;
  };
  if (values.find(':') != std::string::npos) {
    const std::size_t a = values.find(':'), b = values.find(':', a + 1);
    if (b == std::string::npos)
      throw Error("sweep parameter '" + std::string(text) + "': expected START:STOP:STEP");
    const double start = read(values.substr(0, a)), stop = read(values.substr(a + 1, b - a - 1)),
                 step = read(values.substr(b + 1));
    if (!(step > 0) || stop < start || (stop - start) / step > 1000)
      throw Error("sweep parameter '" + std::string(text) +
                  "': need STEP > 0, STOP >= START and at most 1000 values");
    for (int k = 0;; ++k) {
      const double v = start + k * step;
      if (v > stop + step * 1e-9) break;
      axis.values.push_back(std::round(v * 1e9) / 1e9);
    }
  } else {
    std::size_t start = 0;
    while (start <= values.size()) {
      std::size_t comma = values.find(',', start);
      if (comma == std::string::npos) comma = values.size();
      axis.values.push_back(read(values.substr(start, comma - start)));
      start = comma + 1;
    }
  }
  return axis;
}

std::vector<SweepPoint> sweep(const std::string& index_dir, const std::vector<Topic>& topics,
                              const Qrels& qrels, const std::string& scheme,
                              const std::vector<SweepAxis>& axes, const std::string& metric,
                              const EvalOptions& eval, const BatchOptions& batch) {
  if (!is_known_measure(metric)) throw Error("unknown measure '" + metric + "'");
  std::vector<SweepPoint> points;
  std::vector<std::size_t> at(axes.size(), 0);
  for (;;) {
    SweepPoint p;
    std::string spec = scheme;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      p.values.push_back(axes[a].values[at[a]]);
      spec += std::string(a == 0 ? ":" : ",") + axes[a].param + "=" + number(p.values.back());
    }
    BatchOptions b = batch;
    try {
      b.search.weighting = parse_weighting(spec);
    } catch (const Error& e) {
      throw QueryError(e.what());
    }
    b.tag = "sweep";
    const BatchResult r = run_topics(index_dir, topics, b);
    EvalOptions e = eval;
    e.measures = {metric};
    p.metric = evaluate(qrels, parse_run(r.run, "sweep run"), e).all[0];
    p.weighting = r.weighting;
    points.push_back(std::move(p));
    // Next combination, the last axis fastest.
    std::size_t a = axes.size();
    while (a > 0) {
      --a;
      if (++at[a] < axes[a].values.size()) break;
      at[a] = 0;
      if (a == 0) return points;
    }
    if (axes.empty()) return points;
  }
}

void plot_sweep(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points,
                const std::string& scheme, const std::string& metric, const std::string& png) {
  if (axes.empty() || axes.size() > 2) throw Error("a sweep plot needs one or two parameters");
  std::string script = "set terminal pngcairo size 900,650 font 'sans,11'\nset output " +
                       quoted(png) + "\nset title " +
                       quoted(metric + " of " + scheme + " over " + axes[0].param +
                              (axes.size() == 2 ? " x " + axes[1].param : "")) +
                       " noenhanced\n";
  if (axes.size() == 1) {
    script += "set xlabel " + quoted(axes[0].param) + " noenhanced\nset ylabel " + quoted(metric) +
              " noenhanced\nset grid\nplot '-' using 1:2 with linespoints lw 2 " + "pt 7 title " +
              quoted(scheme) + " noenhanced\n";
    for (const SweepPoint& p : points)
      script += number(p.values[0]) + " " + number(p.metric) + "\n";
    script += "e\n";
  } else {
    const std::size_t nx = axes[0].values.size(), ny = axes[1].values.size();
    script += "set xlabel " + quoted(axes[0].param) + " noenhanced\nset ylabel " +
              quoted(axes[1].param) + " noenhanced\nset cblabel " + quoted(metric) +
              " noenhanced\nset palette rgbformulae 33,13,10\nunset key\n"
              "set xrange [-0.5:" +
              number(static_cast<double>(nx) - 0.5) +
              "]\n"
              "set yrange [-0.5:" +
              number(static_cast<double>(ny) - 0.5) + "]\n";
    std::string xt = "set xtics (", yt = "set ytics (";
    for (std::size_t i = 0; i < nx; ++i)
      xt += (i ? ", " : "") + quoted(number(axes[0].values[i])) + " " + std::to_string(i);
    for (std::size_t j = 0; j < ny; ++j)
      yt += (j ? ", " : "") + quoted(number(axes[1].values[j])) + " " + std::to_string(j);
    script += xt + ")\n" + yt + ")\n";
    std::string data;
    for (std::size_t i = 0; i < nx; ++i)
      for (std::size_t j = 0; j < ny; ++j) {
        char cell[96];
        std::snprintf(cell, sizeof cell, "%zu %zu %.4f\n", i, j, points[i * ny + j].metric);
        data += cell;
      }
    script +=
        "plot '-' using 1:2:3 with image, '-' using 1:2:(sprintf('%.3f',$3)) with labels "
        "font 'sans,9'\n" +
        data + "e\n" + data + "e\n";
  }
  run_gnuplot(script, png);
}

void plot_precision_recall(const std::vector<std::string>& names,
                           const std::vector<std::vector<double>>& iprec, const std::string& png) {
  std::string script = "set terminal pngcairo size 900,650 font 'sans,11'\nset output " +
                       quoted(png) +
                       "\nset title 'Interpolated precision-recall'\nset xlabel 'recall'\n"
                       "set ylabel 'precision'\nset xrange [0:1]\nset yrange [0:1]\nset grid\n"
                       "set key top right noenhanced\nplot ";
  for (std::size_t r = 0; r < names.size(); ++r)
    script += std::string(r ? ", " : "") + "'-' using 1:2 with linespoints lw 2 title " +
              quoted(names[r]);
  script += "\n";
  for (const auto& curve : iprec) {
    for (std::size_t k = 0; k < curve.size(); ++k)
      script += number(static_cast<double>(k) / 10) + " " + number(curve[k]) + "\n";
    script += "e\n";
  }
  run_gnuplot(script, png);
}

}  // namespace telusur
