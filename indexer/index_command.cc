#include "index_command.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "index_writer.h"
#include "options.h"
#include "readers.h"
#include "sharded_writer.h"
#include "status.h"
#include "stemmer.h"
#include "vector_training.h"
#include "word_vectors.h"

namespace po = boost::program_options;

namespace telusur {
namespace {

constexpr std::size_t kStubBodyBytes = 50;

std::string where(const ReadIssue& issue) {
  return issue.line ? issue.path + ":" + std::to_string(issue.line) : issue.path;
}

// Trains, updates or removes DIR/telusur.vectors (vector_training.h) after
// a run: with --vectors, or when the index has them already.
void keep_vectors(const std::string& dir, const RunCounts& c, bool wanted, bool removed,
                  std::uint32_t threads, bool quiet, std::ostream& err) {
  const std::filesystem::path path = std::filesystem::path(dir) / std::string(kVectorsFile);
  std::error_code ec;
  if (removed) {
    std::filesystem::remove(path, ec);
    return;
  }
  if (!wanted && !std::filesystem::exists(path, ec)) return;
  VectorSettings s;
  s.threads = threads;
  const VectorReport r = update_vectors(dir, c.added + c.updated + c.deleted, s);
  if (quiet || r.docs == 0) return;  // nothing, or only the revision, rewritten
  err << "telusur-index: word vectors: " << r.words << " words, " << r.docs << " articles ("
      << r.tokens << " words of text), " << std::fixed << std::setprecision(1)
      << static_cast<double>(r.bytes) / 1e6 << " MB; ";
  if (r.trained)
    err << "trained in " << r.train_seconds << " s\n";
  else
    err << "windows recomputed, words kept\n";
}

}  // namespace

int run_index(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir;
  std::string stemmer;
  std::vector<std::string> paths;
  bool rebuild = false, verbose = false, quiet = false, no_names = false, no_name_fields = false;
  bool dry_run = false, keep_deleted = false, vectors = false, no_vectors = false;
  std::uint32_t vector_threads = 0;
  std::size_t threads = 0;
  double wait_seconds = 0;
  std::size_t shards = 0;
  std::size_t commit_every = 1000;

  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->default_value(cli::default_index()),
      "index directory (default: $TELUSUR_INDEX, else ./telusur.db)")(
      "rebuild", po::bool_switch(&rebuild),
      "build the index anew beside the old one and swap it in when done")(
      "dry-run,n", po::bool_switch(&dry_run),
      "report what would be added, updated and deleted; write nothing")(
      "keep-deleted", po::bool_switch(&keep_deleted),
      "keep articles whose file no longer holds them or is gone")(
      "stemmer", po::value(&stemmer)->default_value(std::string(kDefaultStemmer)),
      "dictionary (default: Telusur's dictionary-backed Indonesian stemmer), snowball (Xapian's "
      "Snowball Indonesian) or none; recorded in the index, changing it needs --rebuild")(
      "no-names", po::bool_switch(&no_names),
      "do not extract person, place and organisation names (faster)")(
      "no-name-fields", po::bool_switch(&no_name_fields),
      "extract names for --facets and --json only, without person:, place:, org: and name: "
      "search terms (faster, smaller)")(
      "commit-every", po::value(&commit_every)->default_value(1000),
      "when updating, commit after this many written articles (a crash loses at most the "
      "uncommitted ones; the next run redoes them); a fresh build appears whole at the end")(
      "shards", po::value(&shards),
      "split the index into N shard databases (DIR/shard-K, listed in the stub DIR/XAPIANDB "
      "that telusur and Xapian open as one index); an article's shard is a hash of its id; "
      "changing N needs --rebuild (default: what DIR holds, 1 for a new index)")(
      "vectors", po::bool_switch(&vectors),
      "train word vectors on the indexed articles (fastText) for the reranker's vector "
      "features, written to DIR/telusur.vectors; once there, every run keeps them in step "
      "(the words are retrained when a tenth of the articles changed since)")(
      "no-vectors", po::bool_switch(&no_vectors), "remove DIR/telusur.vectors and stop keeping it")(
      "vector-threads", po::value(&vector_threads)->default_value(0),
      "threads that train the word vectors (default 0: one per core; 1 gives the same "
      "vectors for the same articles every time)")(
      "threads", po::value(&threads)->default_value(0),
      "threads that analyse articles, and in a fresh build also write them (default 0: one "
      "per core)")("verbose,v", po::bool_switch(&verbose), "also list articles with stub bodies")(
      "quiet,q", po::bool_switch(&quiet), "print only warnings and errors")(
      "wait", po::value(&wait_seconds)->value_name("SECONDS")->default_value(0),
      "when another telusur-index is writing the index, wait this long for it to finish "
      "(default 0: fail at once; a writer that was killed is always waited for a few seconds)");
  po::variables_map vm;
  cli::add_version_option(visible);
  if (!cli::parse(argc, argv, visible, paths, vm, err, "telusur-index")) return 2;
  if (cli::print_version(vm, out, "telusur-index")) return 0;
  if (vm.count("help")) {
    out << "Usage: telusur-index [--index DIR] [--rebuild] [--dry-run] PATH...\n\n"
           "Indexes Indonesian news articles for telusur. PATH is a file or a directory\n"
           "(searched recursively) of plain-text articles (*.txt) and JSON Lines streams\n"
           "(*.jsonl, *.jsonl.zst). Run again over the same PATHs, it reads only the files\n"
           "that changed, rewrites only the articles that changed, and removes the\n"
           "articles that are gone from their file or whose file is gone.\n\n"
        << visible
        << "\nExit status: 0 all articles indexed, 1 some skipped (each named on stderr),\n"
           "2 fatal error.\n";
    return 0;
  }
  if (paths.empty()) {
    err << "telusur-index: error: no PATH given (see telusur-index --help)\n";
    return 2;
  }
  if (vectors && no_vectors) {
    err << "telusur-index: error: --vectors and --no-vectors contradict each other\n";
    return 2;
  }
  if (!(wait_seconds >= 0 && wait_seconds <= 7 * 24 * 3600)) {
    err << "telusur-index: error: --wait must be a number of seconds from 0 to 604800\n";
    return 2;
  }

  const bool progress = !quiet && &err == &std::cerr && isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::size_t seen = 0, skipped = 0, stubs = 0, files_read = 0;
  bool progress_shown = false;
  auto clear_progress = [&] {
    if (progress_shown) err << "\r\033[K";
    progress_shown = false;
  };
  bool file_complete = true;
  const IssueFn on_issue = [&](const ReadIssue& issue) {
    clear_progress();
    if (issue.skipped) {
      ++skipped;
      file_complete = false;
    }
    err << "telusur-index: " << (issue.skipped ? "skipped " : "warning: ") << where(issue) << ": "
        << issue.message << "\n";
  };

  try {
    WriterOptions options;
    options.rebuild = rebuild;
    options.stemmer = stemmer;
    options.extract_names = !no_names;
    options.name_fields = !no_name_fields;
    options.threads = threads;
    options.lock_wait = std::chrono::milliseconds(static_cast<long long>(wait_seconds * 1000));
    options.batch_size = commit_every;
    options.dry_run = dry_run;
    options.keep_deleted = keep_deleted;
    ShardedWriter writer(index_dir, options, shards);
    std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
    const std::vector<std::filesystem::path> files = collect_article_files(inputs, on_issue);
    for (std::size_t f = 0; f < files.size(); ++f) {
      const auto& file = files[f];
      if (!writer.file_changed(file)) continue;
      ++files_read;
      file_complete = true;
      read_article_file(
          file,
          [&](Article&& a) {
            if (writer.add(a) == AddResult::kDuplicate) {
              on_issue({a.path, a.line,
                        "duplicate id '" + a.id +
                            "' (an article with this id was indexed earlier in this run)",
                        true});
              return;
            }
            ++seen;
            if (a.body.size() < kStubBodyBytes) {
              ++stubs;
              if (verbose) {
                clear_progress();
                err << "telusur-index: note: "
                    << (a.line ? a.path + ":" + std::to_string(a.line) : a.path) << ": stub body ("
                    << a.body.size() << " bytes), indexed by its title: " << a.id << "\n";
              }
            }
            if (progress && seen % 500 == 0) {
              err << "\r\033[K" << seen << " articles read, " << f + 1 << "/" << files.size()
                  << " files, " << std::fixed << std::setprecision(1) << seconds() << " s"
                  << std::flush;
              progress_shown = true;
            }
          },
          on_issue,
          [&](std::string_view line, std::size_t line_no) { return writer.skip_line(line, line_no); });
      writer.end_file(file_complete);
    }
    writer.remove_missing_files(inputs);
    const bool compacted = writer.finish();
    clear_progress();
    if (!quiet && (writer.resumed() || writer.resumed_rebuild()))
      err << "telusur-index: resumed " << writer.resumed() << " articles from an interrupted "
          << (writer.resumed_rebuild() ? "--rebuild (run with --rebuild to start it over)"
                                       : "build")
          << "\n";
    if (!quiet) {
      const RunCounts& c = writer.counts();
      err << "telusur-index: " << (dry_run ? "dry run, nothing written: would have " : "")
          << c.added << " added, " << c.updated << " updated, " << c.deleted << " deleted, "
          << c.unchanged << " unchanged, " << skipped << " skipped";
      if (stubs)
        err << ", " << stubs << " with a stub body (under " << kStubBodyBytes << " bytes"
            << (verbose ? "" : "; list them with --verbose") << ")";
      err << "; " << files_read << " of " << files.size() << " file"
          << (files.size() == 1 ? "" : "s") << " read; " << std::fixed << std::setprecision(2)
          << seconds() << " s; index '" << index_dir << "' " << (dry_run ? "would hold " : "holds ")
          << writer.document_count() << " articles (stemmer " << writer.stemmer()
          << (compacted ? ", compacted" : "") << ")\n";
    }
    if (!dry_run) keep_vectors(index_dir, writer.counts(), vectors, no_vectors, vector_threads,
                               quiet, err);
  } catch (const Error& e) {
    clear_progress();
    err << "telusur-index: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    clear_progress();
    err << "telusur-index: error: " << e.what() << "\n";
    return 2;
  }
  return skipped ? 1 : 0;
}

}  // namespace telusur
