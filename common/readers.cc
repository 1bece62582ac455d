#include "readers.h"

#include <unicode/ucnv.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "boilerplate.h"
#include "status.h"
#include "text.h"

namespace fs = std::filesystem;

namespace telusur {
namespace {

constexpr std::size_t kMaxTitleWords = 30;
constexpr std::size_t kMaxTitleBytes = 250;
constexpr std::size_t kDerivedTitleBytes = 150;
constexpr std::size_t kHeaderParagraphs = 3;  // where datelines and dates are looked for

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool looks_like_title(std::string_view line) {
  if (line.empty() || line.size() > kMaxTitleBytes || count_words(line) > kMaxTitleWords)
    return false;
  // A line ending in a full stop is a sentence of body text ("..." is not).
  if (ends_with(line, ".") && !ends_with(line, "..")) return false;
  return true;
}

// Title from the first sentence, cut at a word boundary.
std::string derive_title(std::string_view first_paragraph) {
  std::vector<std::string> sentences = split_sentences(first_paragraph);
  std::string title = sentences.empty() ? std::string(trim(first_paragraph)) : sentences.front();
  if (title.size() > kDerivedTitleBytes) {
    std::size_t cut = title.rfind(' ', kDerivedTitleBytes);
    if (cut == std::string::npos || cut < kDerivedTitleBytes / 2) {
      cut = kDerivedTitleBytes;
      while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80)
        --cut;  // UTF-8 boundary
    }
    title.resize(cut);
    while (!title.empty() && std::string_view(" ,;:-").find(title.back()) != std::string_view::npos)
      title.pop_back();
    title += "\xe2\x80\xa6";  // …
  }
  return title;
}

bool looks_like_domain(std::string_view s) {
  const std::size_t dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > s.size()) return false;
  for (std::size_t i = dot + 1; i < s.size(); ++i)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return false;
  return s.find(' ') == std::string_view::npos;
}

bool all_caps(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

bool starts_capitalised(std::string_view s) {
  return !s.empty() && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9'));
}

// A place or publisher name in a dateline: a domain, or 1-3 words that each
// start with a capital letter or digit ("Nusantara Info", "JAKARTA").
bool looks_like_name(std::string_view s) {
  if (looks_like_domain(s)) return true;
  if (s.empty() || count_words(s) > 3) return false;
  bool word_start = true;
  for (char c : s) {
    if (c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start && !starts_capitalised(std::string_view(&c, 1))) return false;
    if (c == '(' || c == ')' || c == ':' || c == ';' || c == '"') return false;
    word_start = false;
  }
  return true;
}

// "- Penulis: Tim Seputaran" -> "Tim Seputaran"; empty when not an author line.
// Editor lines are recognised (`is_credit`) but give no author.
std::string author_from_line(std::string_view line, bool& is_credit) {
  is_credit = false;
  std::string_view s = trim(line);
  while (!s.empty() && (s.front() == '-' || s.front() == '*' || s.front() == ' '))
    s.remove_prefix(1);
  const std::string lower = ascii_lower(s.substr(0, std::min<std::size_t>(s.size(), 16)));
  static constexpr std::pair<std::string_view, bool> kLabels[] = {
      {"penulis", true}, {"reporter", true},    {"pewarta", true},  {"oleh", true},
      {"editor", false}, {"penyunting", false}, {"redaktur", false}};
  for (const auto& [label, is_author] : kLabels) {
    if (!lower.starts_with(label)) continue;
    std::string_view rest = s.substr(label.size());
    rest = trim(rest);
    if (rest.empty() || (rest.front() != ':' && label != "oleh")) continue;
    if (rest.front() == ':') rest = trim(rest.substr(1));
    if (rest.empty() || count_words(rest) > 8) continue;
    is_credit = true;
    return is_author ? std::string(rest) : std::string();
  }
  return {};
}

// The text of a metadata line before its date: "Agregasi VOA, ·" -> "VOA".
std::string source_before_date(std::string_view prefix) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    // Icon ligatures from scraped pages ("calendar_month") and day names go.
    if (!word.empty() && word.find('_') == std::string::npos && !is_weekday_name(word))
      words.push_back(word);
    word.clear();
  };
  for (char c : prefix) {
    if (c == ' ' || c == ',' || c == '|' || c == '-' || c == '(' || c == ')') {
      flush();
    } else {
      word.push_back(c);
    }
  }
  flush();
  // Drop non-alphanumeric leftovers such as "·".
  std::erase_if(words, [](const std::string& w) {
    return std::none_of(w.begin(), w.end(),
                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  });
  if (words.empty() || words.size() > 4) return {};
  if (ascii_lower(words.front()) == "agregasi" && words.size() > 1)
    words.erase(words.begin());
  else if (!(words.size() == 1 && looks_like_domain(words.front())))
    return {};
  return join(words, " ");
}

// A date with a weekday in one of the first paragraphs ("Senin (29/9/2025)").
std::optional<Date> dateline_date(const std::vector<std::string>& paragraphs) {
  for (std::size_t i = 0; i < paragraphs.size() && i < kHeaderParagraphs; ++i) {
    if (auto m = find_date(paragraphs[i]); m && m->has_weekday) return m->date;
  }
  return std::nullopt;
}

// The date in a URL path: ".../read/2019/09/10/57/..." or ".../2019/09/10/...".
std::optional<Date> url_date(std::string_view url) {
  for (std::size_t i = 0; i + 10 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    int y = 0, m = 0, d = 0;
    std::size_t j = i + 1;
    auto read = [&](int& v, std::size_t min, std::size_t max) {
      std::size_t n = 0;
      v = 0;
      while (j < url.size() && url[j] >= '0' && url[j] <= '9' && n < max)
        v = v * 10 + (url[j++] - '0'), ++n;
      return n >= min && (j >= url.size() || url[j] == '/');
    };
    if (!read(y, 4, 4) || j >= url.size()) continue;
    ++j;
    if (!read(m, 2, 2) || j >= url.size()) continue;
    ++j;
    if (!read(d, 2, 2)) continue;
    if (auto date = make_date(y, m, d)) return date;
  }
  return std::nullopt;
}

// ---- line sources ----------------------------------------------------------

class LineSource {
 public:
  virtual ~LineSource() = default;
  // Reads the next line (without '\n'). Lines longer than kMaxArticleBytes are
  // consumed and returned truncated with `too_long` set. False at the end.
  virtual bool next(std::string& line, bool& too_long) = 0;
};

class PlainLines : public LineSource {
 public:
  explicit PlainLines(const fs::path& p) : in_(p, std::ios::binary) {
    if (!in_) throw Error("cannot open");
  }
  bool next(std::string& line, bool& too_long) override {
    line.clear();
    too_long = false;
    if (!in_.good()) return false;
    char buf[65536];
    bool any = false;
    while (true) {
      in_.getline(buf, sizeof buf);
      const std::streamsize got = in_.gcount();
      if (got > 0) any = true;
      if (in_.bad()) throw Error("read error");
      if (in_.fail() && !in_.eof() && got == static_cast<std::streamsize>(sizeof buf) - 1) {
        // Line longer than the buffer: keep reading it.
        in_.clear();
        if (line.size() < kMaxArticleBytes)
          line.append(buf, static_cast<std::size_t>(got));
        else
          too_long = true;
        continue;
      }
      const std::size_t len = static_cast<std::size_t>(got) - (in_.eof() ? 0 : 1);
      if (line.size() < kMaxArticleBytes)
        line.append(buf, len);
      else
        too_long = true;
      break;
    }
    return any || !in_.eof();
  }

 private:
  std::ifstream in_;
};

class ZstdLines : public LineSource {
 public:
  explicit ZstdLines(const fs::path& p)
      : file_(std::fopen(p.c_str(), "rb")), dctx_(ZSTD_createDCtx()) {
    if (!file_) throw Error("cannot open");
    in_buf_.resize(ZSTD_DStreamInSize());
    out_buf_.resize(ZSTD_DStreamOutSize());
  }
  ~ZstdLines() override {
    if (file_) std::fclose(file_);
    ZSTD_freeDCtx(dctx_);
  }
  bool next(std::string& line, bool& too_long) override {
    line.clear();
    too_long = false;
    bool any = false;
    while (true) {
      if (pos_ < pending_.size()) {
        const std::size_t nl = pending_.find('\n', pos_);
        const std::size_t stop = nl == std::string::npos ? pending_.size() : nl;
        if (line.size() < kMaxArticleBytes)
          line.append(pending_, pos_, stop - pos_);
        else
          too_long = true;
        any = true;
        pos_ = stop;
        if (nl != std::string::npos) {
          ++pos_;
          return true;
        }
      }
      pending_.clear();
      pos_ = 0;
      if (!fill()) return any;
    }
  }

 private:
  bool fill() {
    while (true) {
      if (in_.pos >= in_.size) {
        const std::size_t got = std::fread(in_buf_.data(), 1, in_buf_.size(), file_);
        if (got == 0) {
          if (std::ferror(file_)) throw Error("read error");
          if (!frame_done_) throw Error("truncated zstd stream");
          return false;
        }
        in_ = {in_buf_.data(), got, 0};
      }
      ZSTD_outBuffer out = {out_buf_.data(), out_buf_.size(), 0};
      const std::size_t ret = ZSTD_decompressStream(dctx_, &out, &in_);
      if (ZSTD_isError(ret)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(ret));
      frame_done_ = ret == 0;
      if (out.pos > 0) {
        pending_.assign(static_cast<const char*>(out.dst), out.pos);
        return true;
      }
    }
  }

  std::FILE* file_;
  ZSTD_DCtx* dctx_;
  std::vector<char> in_buf_;
  std::vector<char> out_buf_;
  ZSTD_inBuffer in_ = {nullptr, 0, 0};
  std::string pending_;
  std::size_t pos_ = 0;
  bool frame_done_ = true;
};

std::string convert_with_icu(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 4, '\0');
  const int32_t n = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status))
    throw Error(std::string("ICU cannot decode ") + charset + ": " + u_errorName(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Articles record where they came from as an absolute path, so a result can
// be opened from any directory.
std::string absolute_path(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  return ec ? p.string() : abs.lexically_normal().string();
}

bool is_txt(const fs::path& p) { return p.extension() == ".txt"; }
bool is_jsonl(const fs::path& p) { return p.extension() == ".jsonl"; }
bool is_jsonl_zst(const fs::path& p) {
  return p.extension() == ".zst" && p.stem().extension() == ".jsonl";
}
bool is_article_file(const fs::path& p) { return is_txt(p) || is_jsonl(p) || is_jsonl_zst(p); }

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (std::string_view(key) == "id" && (it->is_number_integer() || it->is_number_unsigned()))
    return it->dump();
  throw Error(std::string("field '") + key + "' is not a string");
}

void read_txt(const fs::path& file, const ArticleFn& on_article, const IssueFn& on_issue) {
  const std::string path = file.string();
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) {
    on_issue({path, 0, "cannot read: " + ec.message(), true});
    return;
  }
  if (size > kMaxArticleBytes) {
    on_issue({path, 0,
              "file too large (" + std::to_string(size >> 20) +
                  " MiB; an article file may have at most " +
                  std::to_string(kMaxArticleBytes >> 20) + " MiB)",
              true});
    return;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    on_issue({path, 0, "cannot read: " + std::string(std::strerror(errno)), true});
    return;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    on_issue({path, 0, "read error", true});
    return;
  }
  if (trim(bytes).empty()) {
    on_issue({path, 0, "empty file", true});
    return;
  }
  std::string text, warning, error;
  if (!decode_text(bytes, text, warning, error)) {
    on_issue({path, 0, error, true});
    return;
  }
  if (!warning.empty()) on_issue({path, 0, warning, false});
  Article a;
  try {
    a = parse_txt_article(text, file.stem().string(), absolute_path(file));
  } catch (const Error& e) {
    on_issue({path, 0, e.what(), true});
    return;
  }
  on_article(std::move(a));
}

void read_jsonl(const fs::path& file, const ArticleFn& on_article, const IssueFn& on_issue,
                const LineFilterFn& skip_line) {
  const std::string path = file.string();
  const std::string stored_path = absolute_path(file);
  std::unique_ptr<LineSource> lines;
  try {
    if (is_jsonl_zst(file))
      lines = std::make_unique<ZstdLines>(file);
    else
      lines = std::make_unique<PlainLines>(file);
  } catch (const Error& e) {
    on_issue({path, 0, std::string(e.what()) + ": " + std::strerror(errno), true});
    return;
  }
  std::string line;
  bool too_long = false;
  std::size_t line_no = 0;
  // A file that cannot be read on is reported; an error of the callbacks
  // (a failing index) propagates.
  const auto next = [&] {
    try {
      return lines->next(line, too_long);
    } catch (const Error& e) {
      on_issue({path, line_no + 1, std::string("stopped reading: ") + e.what(), true});
      return false;
    }
  };
  {
    while (next()) {
      ++line_no;
      if (too_long) {
        on_issue({path, line_no,
                  "line too long (more than " + std::to_string(kMaxArticleBytes >> 20) + " MiB)",
                  true});
        continue;
      }
      if (trim(line).empty()) continue;
      if (skip_line && skip_line(line, line_no)) continue;
      std::string utf8 = std::move(line);
      if (!is_valid_utf8(utf8)) {
        utf8 = convert_with_icu(utf8, "windows-1252");
        on_issue({path, line_no, "not valid UTF-8; decoded as Windows-1252", false});
      }
      Article a;
      try {
        a = parse_jsonl_article(utf8, stored_path, line_no);
      } catch (const Error& e) {
        on_issue({path, line_no, e.what(), true});
        continue;
      }
      on_article(std::move(a));
    }
  }
}

}  // namespace

bool decode_text(std::string_view bytes, std::string& out, std::string& warning,
                 std::string& error) {
  warning.clear();
  error.clear();
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    bytes.remove_prefix(2);
    try {
      out = convert_with_icu(bytes, charset);
    } catch (const Error& e) {
      error = e.what();
      return false;
    }
    return true;
  }
  if (bytes.find('\0') != std::string_view::npos) {
    error = "binary file (contains NUL bytes)";
    return false;
  }
  std::size_t controls = 0;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  if (controls * 100 > bytes.size()) {
    error = "binary file (control characters)";
    return false;
  }
  if (is_valid_utf8(bytes)) {
    out.assign(bytes);
    return true;
  }
  try {
    out = convert_with_icu(bytes, "windows-1252");
  } catch (const Error& e) {
    error = e.what();
    return false;
  }
  warning = "not valid UTF-8; decoded as Windows-1252";
  return true;
}

std::vector<fs::path> collect_article_files(const std::vector<fs::path>& paths,
                                            const IssueFn& on_issue) {
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      on_issue({p.string(), 0, "no such file or directory", true});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
          end;
      if (ec) {
        on_issue({p.string(), 0, "cannot read directory: " + ec.message(), true});
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) {
          on_issue({it->path().string(), 0, "cannot read: " + ec.message(), true});
          ec.clear();
          continue;
        }
        std::error_code fe;
        const bool regular = it->is_regular_file(fe);
        if (regular && is_article_file(it->path()))
          found.push_back(it->path());
        else if (fe && is_article_file(it->path()))  // a dangling or looping symlink
          on_issue({it->path().string(), 0, "cannot read: " + fe.message(), true});
      }
      if (ec) on_issue({p.string(), 0, "cannot read directory: " + ec.message(), true});
      std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        return a.native() < b.native();  // path::compare splits every path
      });
      files.insert(files.end(), found.begin(), found.end());
    } else if (is_article_file(p)) {
      files.push_back(p);
    } else {
      on_issue({p.string(), 0, "not an article file (expected .txt, .jsonl or .jsonl.zst)", true});
    }
  }
  return files;
}

void read_article_file(const fs::path& file, const ArticleFn& on_article, const IssueFn& on_issue,
                       const LineFilterFn& skip_line) {
  if (is_txt(file))
    read_txt(file, on_article, on_issue);
  else
    read_jsonl(file, on_article, on_issue, skip_line);
}

Dateline parse_dateline(std::string_view paragraph) {
  const std::string_view window = paragraph.substr(0, std::min<std::size_t>(paragraph.size(), 90));
  std::size_t sep = std::string_view::npos;
  std::size_t sep_len = 0;
  bool colon = false;
  for (std::size_t i = 1; i + 1 < window.size(); ++i) {
    if (window[i] == '-' && window[i - 1] == ' ' &&
        (window[i + 1] == ' ' || window[i + 1] == '-')) {
      sep = i - 1;
      sep_len = 2;
      while (sep + sep_len < window.size() &&
             (window[sep + sep_len] == '-' || window[sep + sep_len] == ' '))
        ++sep_len;
      break;
    }
    if (window[i] == ':' && window[i + 1] == ' ') {
      sep = i;
      sep_len = 2;
      colon = true;
      break;
    }
  }
  if (sep == std::string_view::npos) return {};
  std::string_view head = trim(window.substr(0, sep));
  if (head.empty() || head.find('"') != std::string_view::npos || !starts_capitalised(head))
    return {};
  Dateline d;
  // "Jakarta (ANTARA)"
  if (head.back() == ')') {
    const std::size_t open = head.rfind('(');
    if (open == std::string_view::npos) return {};
    d.place = std::string(trim(head.substr(0, open)));
    d.source = std::string(trim(head.substr(open + 1, head.size() - open - 2)));
    if (!looks_like_name(d.place) || !looks_like_name(d.source)) return {};
    return d;
  }
  const std::size_t comma = head.find(',');
  if (comma == std::string_view::npos) {
    if (!looks_like_name(head)) return {};
    if (looks_like_domain(head))
      d.source = head;
    else if (all_caps(head) && !colon)
      d.place = head;
    return d;
  }
  const std::string_view a = trim(head.substr(0, comma));
  const std::string_view b = trim(head.substr(comma + 1));
  if (b.find(',') != std::string_view::npos || !looks_like_name(a) || !looks_like_name(b))
    return {};
  if (looks_like_domain(a)) {
    d.source = a;
    d.place = b;
  } else {
    d.place = a;
    d.source = b;
  }
  return d;
}

std::string clean_body(std::string_view body) {
  const Boilerplate& rules = Boilerplate::builtin();
  std::vector<std::string> paragraphs;
  auto add = [&](std::string_view p) {
    // Scraper leftovers at a paragraph start: " , memang", "-,akan".
    while (!p.empty() && std::string_view(" ,-").find(p.front()) != std::string_view::npos)
      p.remove_prefix(1);
    p = trim(p);
    if (p.empty()) return;
    if (auto kept = rules.clean_line(p)) paragraphs.push_back(collapse_spaces(*kept));
  };
  if (body.find('\n') != std::string_view::npos) {
    for (std::string_view line : split_lines(body)) add(line);
  } else {
    // Comma-joined paragraphs ("kemarin.,Menurut dia", "Baca juga:,,Nampaknya"):
    // prose puts a space after a comma, so a comma directly followed by
    // anything but a space, a digit ("2,5") or a closing quote ("dia,\" kata")
    // joins two paragraphs, or marks a link text the scraper dropped.
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
      if (body[i] != ',') continue;
      const char after = body[i + 1];
      if (after == ' ' || (after >= '0' && after <= '9')) continue;
      if ((after == '"' || after == '\'') &&
          (i + 2 >= body.size() ||
           std::string_view(" ,.;:").find(body[i + 2]) != std::string_view::npos))
        continue;
      add(body.substr(start, i - start));
      start = i + 1;
    }
    add(body.substr(start));
  }
  return join(paragraphs, "\n\n");
}

Article parse_txt_article(std::string_view raw, const std::string& id, const std::string& path) {
  const std::string text = normalize(raw);
  const Boilerplate& rules = Boilerplate::builtin();
  Article a;
  a.id = id;
  a.path = path;
  std::vector<std::string_view> lines = split_lines(text);
  std::size_t i = 0;
  // Skip leading blank and boilerplate lines.
  while (i < lines.size() && (trim(lines[i]).empty() || !rules.clean_line(lines[i]))) ++i;
  if (i == lines.size()) throw Error("no article text (only boilerplate or blank lines)");
  const std::string first = collapse_spaces(lines[i]);
  if (looks_like_title(first)) {
    a.title = first;
    ++i;
  }
  const std::string folded_title = a.title.empty() ? std::string() : fold_case(a.title);
  std::vector<std::string> paragraphs;
  for (; i < lines.size(); ++i) {
    std::string_view raw_line = trim(lines[i]);
    if (raw_line.empty()) continue;
    std::optional<std::string> kept = rules.clean_line(raw_line);
    if (!kept) continue;
    std::string line = collapse_spaces(*kept);
    if (!folded_title.empty() && fold_case(line) == folded_title) continue;  // repeated title
    bool is_credit = false;
    std::string author = author_from_line(line, is_credit);
    if (is_credit) {
      if (a.author.empty()) a.author = author;
      continue;
    }
    // A short metadata line holding the publication date.
    if (!a.date && count_words(line) <= 14) {
      if (auto m = find_date(line)) {
        const std::string rest(trim(std::string_view(line).substr(m->end)));
        const bool only_time =
            rest.empty() || rest.find_first_not_of("0123456789:.| WIBTAEST") == std::string::npos;
        if (only_time) {
          a.date = m->date;
          if (std::string src = source_before_date(std::string_view(line).substr(0, m->begin));
              !src.empty())
            a.source = src;
          continue;
        }
      }
    }
    paragraphs.push_back(std::move(line));
  }
  if (paragraphs.empty() && a.title.empty()) throw Error("no article text");
  for (std::size_t p = 0; p < paragraphs.size() && p < kHeaderParagraphs; ++p) {
    Dateline d = parse_dateline(paragraphs[p]);
    if (!d.found()) continue;
    a.dateline = d.place;
    if (a.source.empty()) a.source = d.source;
    break;
  }
  if (!a.date) a.date = dateline_date(paragraphs);
  if (a.title.empty()) {
    a.title = derive_title(paragraphs.front());
    a.title_derived = true;
  }
  a.body = join(paragraphs, "\n\n");
  return a;
}

Article parse_jsonl_article(std::string_view line, const std::string& path, std::size_t line_no) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    std::string msg = e.what();
    if (const auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
    throw Error("malformed JSON: " + msg);
  }
  if (!j.is_object()) throw Error("malformed record: not a JSON object");
  Article a;
  a.path = path;
  a.line = line_no;
  try {
    a.id = std::string(trim(json_string(j, "id")));
    if (a.id.empty()) throw Error("record has no 'id'");
    a.title = collapse_spaces(normalize(json_string(j, "title")));
    a.source = collapse_spaces(normalize(json_string(j, "source")));
    a.url = std::string(trim(json_string(j, "url")));
    a.category = collapse_spaces(normalize(json_string(j, "category")));
    a.author = collapse_spaces(normalize(json_string(j, "author")));
    a.body = clean_body(normalize(json_string(j, "body")));
    const std::string date_text = json_string(j, "date");
    std::optional<Date> date;
    if (auto m = find_date(date_text)) date = m->date;
    // The date in the URL is reliable where the field has day and month swapped.
    if (auto from_url = url_date(a.url)) {
      if (!date || (date->day == from_url->month && date->month == from_url->day &&
                    date->year == from_url->year))
        date = from_url;
    }
    a.date = date;
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + (a.id.empty() ? "" : " (id " + a.id + ")"));
  }
  if (a.id.size() > 200) throw Error("id longer than 200 bytes");
  if (a.title.empty() && a.body.empty())
    throw Error("record " + a.id + " has neither title nor body");
  if (a.title.empty()) {
    a.title = derive_title(a.body.substr(0, a.body.find("\n\n")));
    a.title_derived = true;
  }
  return a;
}

}  // namespace telusur
