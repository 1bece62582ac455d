// Article readers: plain-text articles (*.txt) and JSON Lines streams
// (*.jsonl, *.jsonl.zst). Each returns articles or a per-item problem; a bad
// file or line never stops the run.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace telusur {

// Something a reader noticed about one file or line.
struct ReadIssue {
  std::string path;      // file concerned
  std::size_t line = 0;  // 1-based line in a JSONL file, 0 for the whole file
  std::string message;   // one line, no trailing newline
  bool skipped = false;  // true: the file/line was not indexed; false: a warning
};

using ArticleFn = std::function<void(Article&&)>;
using IssueFn = std::function<void(const ReadIssue&)>;
// Called with each raw line of a JSONL file (and its 1-based number) before
// it is parsed; true skips the line (the caller knows it already).
using LineFilterFn = std::function<bool(std::string_view line, std::size_t line_no)>;

// Files larger than this are skipped (JSONL streams are read line by line and
// may be any size; one JSONL line may not exceed it either).
inline constexpr std::size_t kMaxArticleBytes = 32u << 20;

// Expands files and directories (recursively, not following directory
// symlinks) into the article files they hold: *.txt, *.jsonl and *.jsonl.zst,
// sorted by path. A path that does not exist, or a file named explicitly with
// another extension, is reported through `on_issue` as skipped.
std::vector<std::filesystem::path> collect_article_files(
    const std::vector<std::filesystem::path>& paths, const IssueFn& on_issue);

// Reads one article file of any supported kind, calling `on_article` for each
// article and `on_issue` for each warning or skipped item; `skip_line`, when
// given, sees each JSONL line first. Never throws for bad content; throws
// telusur::Error only when a callback throws one.
void read_article_file(const std::filesystem::path& file, const ArticleFn& on_article,
                       const IssueFn& on_issue, const LineFilterFn& skip_line = {});

// Decodes file bytes to UTF-8: strips a UTF-8 BOM, converts UTF-16 with a BOM,
// and decodes text that is not valid UTF-8 as Windows-1252 (setting `warning`).
// Returns false (with `error` set) for binary content.
bool decode_text(std::string_view bytes, std::string& out, std::string& warning,
                 std::string& error);

// Parses the text of a plain-text article (already UTF-8). `id` and `path` are
// copied into the result. Throws telusur::Error when there is no text at all.
Article parse_txt_article(std::string_view text, const std::string& id, const std::string& path);

// Parses one JSON Lines record. Throws telusur::Error describing what is wrong
// (malformed JSON, no `id`, neither title nor body).
Article parse_jsonl_article(std::string_view line, const std::string& path, std::size_t line_no);

// Splits a body whose paragraphs were joined by commas ("kemarin.,Menurut dia")
// back into paragraphs, and applies the boilerplate rules to each; returns the
// cleaned paragraphs joined by "\n\n".
std::string clean_body(std::string_view normalized_body);

// The place and publisher named at the start of a news paragraph:
// "Beijing, Nusantara Info: ..." -> {Beijing, Nusantara Info};
// "SEPUTARAN.COM, Istanbul - ..." -> {Istanbul, SEPUTARAN.COM};
// "Jakarta (ANTARA) - ..." -> {Jakarta, ANTARA}; "CHINA - ..." -> {CHINA, ""}.
struct Dateline {
  std::string place;
  std::string source;
  bool found() const { return !place.empty() || !source.empty(); }
};
Dateline parse_dateline(std::string_view paragraph);

}  // namespace telusur
