#include "indonesian_stemmer.h"


#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "embedded_data.h"
#include "status.h"
#include "hash.h"
#include "text.h"

namespace telusur {
namespace {

constexpr std::size_t kMinRoot = 3;  // shortest root a stripped word may have
constexpr int kMaxPrefixes = 3;      // at most three derivational prefixes

bool is_vowel(char c) { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_consonant(char c) { return is_letter(c) && !is_vowel(c); }
bool in(char c, std::string_view set) { return c != 0 && set.find(c) != std::string_view::npos; }

// Prefix families, for the order and combination constraints.
enum class Prefix { kDi, kKe, kSe, kBer, kTer, kMe, kPer, kPe, kKu };

struct Candidate {
  Prefix prefix;
  std::string result;
};

// The prefix rules over one word: each family of rules adds its candidates.
struct PrefixRules {
  const std::string& w;
  std::vector<Candidate>& out;

  char at(std::size_t i) const { return i < w.size() ? w[i] : 0; }
  std::string rest(std::size_t n) const { return w.substr(n); }
  void add(Prefix p, std::string r) { out.push_back({p, std::move(r)}); }
  bool starts(std::string_view p) const { return w.starts_with(p); }

  // di-, ke-, se- and the proclitics ku-, kau-.
  void simple() {
    if (starts("di")) add(Prefix::kDi, rest(2));
    if (starts("kau")) add(Prefix::kKu, rest(3));  // proclitic kau- (kauhajar)
    if (starts("ku")) add(Prefix::kKu, rest(2));   // proclitic ku- (kupukul)
    if (starts("ke")) add(Prefix::kKe, rest(2));
    if (starts("se")) add(Prefix::kSe, rest(2));
  }
  // ber- and ter- (rules 1-9, 35).
  void ber_ter() {
    if (starts("ber")) {
      const char c = at(3);
      if (is_vowel(c)) {
        add(Prefix::kBer, rest(3));        // ber-V (1a)
        add(Prefix::kBer, "r" + rest(3));  // be-rV (1b)
      } else if (is_consonant(c) && c != 'r') {
        add(Prefix::kBer, rest(3));  // ber-CAP, ber-CAerV (2, 3)
      }
    } else if (w == "belajar") {
      add(Prefix::kBer, "ajar");  // (4)
    } else if (starts("be") && is_consonant(at(2)) && at(2) != 'r' && at(3) == 'e' && at(4) == 'r' &&
               is_consonant(at(5))) {
      add(Prefix::kBer, rest(2));  // be-C1erC2 (5): bekerja
    }

    if (starts("ter")) {
      const char c = at(3);
      if (is_vowel(c)) {
        add(Prefix::kTer, rest(3));        // ter-V (6a)
        add(Prefix::kTer, "r" + rest(3));  // te-rV (6b)
      } else if (is_consonant(c) && c != 'r') {
        add(Prefix::kTer, rest(3));  // ter-CerV, ter-CP, ter-C1erC2 (7, 8, 35)
      }
    } else if (starts("te") && is_consonant(at(2)) && at(2) != 'r' && at(3) == 'e' && at(4) == 'r' &&
               is_consonant(at(5))) {
      add(Prefix::kTer, rest(2));  // te-C1erC2 (9)
    }
  }
  // me- with its nasal recodings (rules 10-19).
  void me() {
    if (starts("meng")) {
      const char c = at(4);
      if (in(c, "ghqk")) {
        add(Prefix::kMe, rest(4));  // meng-{g,h,q,k} (16)
      } else if (is_vowel(c)) {
        add(Prefix::kMe, rest(4));                // meng-V (17a)
        add(Prefix::kMe, "k" + rest(4));          // meng-kV (17b)
        if (c == 'e') add(Prefix::kMe, rest(5));  // menge- before one syllable: mengebom (17c)
        add(Prefix::kMe, "ng" + rest(4));         // me-ngV (17d)
      }
    } else if (starts("meny") && is_vowel(at(4))) {
      add(Prefix::kMe, "s" + rest(4));   // meny-sV (18b)
      add(Prefix::kMe, "ny" + rest(4));  // me-nyV (18a)
    } else if (starts("mem")) {
      const char c = at(3);
      if (in(c, "bfv")) {
        add(Prefix::kMe, rest(3));  // mem-{b,f,v} (11)
      } else if (starts("mempe")) {
        add(Prefix::kMe, rest(3));  // mem-pe(r)- (12): memperkuat -> perkuat
      } else if (c == 'p' && at(4) != 'e') {
        add(Prefix::kMe, rest(3));  // mem-pV (19): mempunyai
      } else if (is_vowel(c) || c == 'r') {
        add(Prefix::kMe, "m" + rest(3));  // me-m{rV,V} (13a): memakan, memulai
        add(Prefix::kMe, "p" + rest(3));  // me-m{rV,V} recoded to p (13b): memukul
      }
    } else if (starts("men")) {
      const char c = at(3);
      if (in(c, "cdjstz")) {
        add(Prefix::kMe, rest(3));  // men-{c,d,j,s,t,z} (14)
      } else if (is_vowel(c)) {
        add(Prefix::kMe, "t" + rest(3));  // me-nV recoded to t (15b): menegaskan
        add(Prefix::kMe, "n" + rest(3));  // me-nV (15a)
      }
    } else if (starts("me") && in(at(2), "lrwy") && is_vowel(at(3))) {
      add(Prefix::kMe, rest(2));  // me-{l,r,w,y}V (10)
    }
  }
  // pe- and per- with the nasal recodings (rules 20-36).
  void pe() {
    if (starts("peng")) {
      const char c = at(4);
      if (is_consonant(c)) {
        add(Prefix::kPe, rest(4));  // peng-C (29)
      } else if (is_vowel(c)) {
        add(Prefix::kPe, rest(4));                // peng-V (30a)
        add(Prefix::kPe, "k" + rest(4));          // peng-kV (30b): penguasa
        if (c == 'e') add(Prefix::kPe, rest(5));  // penge- (30c)
      }
    } else if (starts("peny") && is_vowel(at(4))) {
      add(Prefix::kPe, "s" + rest(4));   // peny-sV (31b)
      add(Prefix::kPe, "ny" + rest(4));  // pe-nyV (31a)
    } else if (starts("pem")) {
      const char c = at(3);
      if (in(c, "bfv")) {
        add(Prefix::kPe, rest(3));  // pem-{b,f,v} (25)
      } else if (is_vowel(c) || c == 'r') {
        add(Prefix::kPe, "m" + rest(3));  // pe-m{rV,V} (26a)
        add(Prefix::kPe, "p" + rest(3));  // pe-m{rV,V} recoded to p (26b): pemerintah
      }
    } else if (starts("pen")) {
      const char c = at(3);
      if (in(c, "cdjz") || (in(c, "st") && is_consonant(at(4)))) {
        add(Prefix::kPe, rest(3));  // pen-{c,d,j,z} (27); pen-{s,t}C in loans: penstabilan
      } else if (is_vowel(c)) {
        add(Prefix::kPe, "t" + rest(3));  // pe-nV recoded to t (28b): penembakan
        add(Prefix::kPe, "n" + rest(3));  // pe-nV (28a)
      }
    } else if (starts("per")) {
      const char c = at(3);
      if (is_vowel(c)) {
        add(Prefix::kPer, rest(3));        // per-V (21a)
        add(Prefix::kPer, "r" + rest(3));  // pe-rV (21b)
      } else if (is_consonant(c) && c != 'r') {
        add(Prefix::kPer, rest(3));  // per-CAP, per-CAerV (23, 24)
      }
    } else if (w == "pelajar") {
      add(Prefix::kPe, "ajar");  // (32, exception)
    } else if (starts("pe")) {
      const char c = at(2);
      if (in(c, "wyl") && is_vowel(at(3))) {
        add(Prefix::kPe, rest(2));  // pe-{w,y}V, pe-lV (20, 32)
      } else if (is_consonant(c) && !in(c, "rwylmn")) {
        add(Prefix::kPe, rest(2));  // pe-CerV, pe-CP, pe-C1erC2 (33, 34, 36)
      }
    }
  }
};

// Every way of removing one derivational prefix from `w`, most likely first:
// the ECS disambiguation rules with the nasal recodings meny- -> s, men- -> t,
// mem- -> p, meng- -> k (and peny-, pen-, pem-, peng- likewise).
std::vector<Candidate> prefix_candidates(const std::string& w) {
  std::vector<Candidate> out;
  PrefixRules rules{w, out};
  rules.simple();
  rules.ber_ter();
  rules.me();
  rules.pe();
  return out;
}

// Nazief-Adriani: prefix-suffix pairs that do not form a confix.
bool disallowed_confix(Prefix first, std::string_view suffix) {
  if (suffix.empty()) return false;
  switch (first) {
    case Prefix::kBer:
      return suffix == "i";
    case Prefix::kDi:
      return suffix == "an";
    case Prefix::kKe:
      return suffix == "i" || suffix == "kan";
    case Prefix::kMe:
      return suffix == "an";
    case Prefix::kSe:
      return suffix == "i" || suffix == "kan";
    case Prefix::kTer:
      return suffix == "an";
    default:
      return false;
  }
}

// di-, ke-, se- and meN- only stand first; no prefix repeats.
bool allowed_after(const std::vector<Prefix>& before, Prefix next) {
  if (before.empty()) return true;
  if (next == Prefix::kDi || next == Prefix::kKe || next == Prefix::kSe || next == Prefix::kMe ||
      next == Prefix::kKu)
    return false;
  for (Prefix p : before)
    if (p == next) return false;
  return true;
}

// The hunspell-id flag letter of a prefix family.
char family_letter(Prefix p) {
  switch (p) {
    case Prefix::kDi:
      return 'D';
    case Prefix::kKe:
      return 'K';
    case Prefix::kSe:
      return 'S';
    case Prefix::kBer:
      return 'B';
    case Prefix::kTer:
      return 'T';
    case Prefix::kMe:
      return 'M';
    case Prefix::kPer:
      return 'R';
    case Prefix::kPe:
      return 'P';
    case Prefix::kKu:
      return 'O';
  }
  return 0;
}

struct Layer {
  std::string word;
  std::string suffix;  // the derivational suffix removed to get here ("" if none)
};

}  // namespace

namespace {

std::string default_dic_path() {
  const char* env = std::getenv("TELUSUR_HUNSPELL_DIC");
  return env && *env ? env : "/usr/share/hunspell/id_ID.dic";
}

std::string read_default_dic() {
  const std::string path = default_dic_path();
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("the dictionary stemmer needs the hunspell-id word list '" + path +
                "' (Debian package hunspell-id; or set TELUSUR_HUNSPELL_DIC)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::shared_ptr<const RootDictionary> RootDictionary::load_default() {
  // Loaded once per process (the stemmer and the name extractor share it);
  // never destroyed. A failed load is retried by the next call.
  static std::mutex mutex;
  static auto& loaded = *new std::shared_ptr<const RootDictionary>();
  const std::lock_guard lock(mutex);
  if (loaded) return loaded;
  const std::string text = read_default_dic();
  auto dict = std::make_shared<RootDictionary>();
  dict->add_hunspell_dic(text);
  dict->apply_corrections(data::kStemmerDictionary);
  loaded = dict;
  return dict;
}

std::uint64_t RootDictionary::default_hash() {
  const std::string text = read_default_dic() + '\0' + data::kStemmerDictionary;
  return hash_of(text);
}

void RootDictionary::add_hunspell_dic(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  for (std::size_t i = 1; i < lines.size(); ++i) {  // the first line is the entry count
    std::string_view line = lines[i];
    const std::size_t slash = line.find('/');
    const std::string_view flags =
        slash == std::string_view::npos ? std::string_view() : trim(line.substr(slash + 1));
    line = trim(line.substr(0, slash));
    if (line.empty()) continue;
    std::string word;
    for (char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x80) {  // ISO-8859-1 letter: keep it as UTF-8, it never matches an ASCII analysis
        word += static_cast<char>(0xC0 | (u >> 6));
        word += static_cast<char>(0x80 | (u & 0x3F));
      } else {
        word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
    }
    const bool proper = line.front() >= 'A' && line.front() <= 'Z';
    words_[std::move(word)] |= flags_mask(flags) | (proper ? kProperName : 0);
  }
}

std::uint32_t RootSource::prefix_bit(char family) {
  return family >= 'A' && family <= 'Z' ? 1u << (family - 'A') : 0;
}

std::uint32_t RootSource::suffix_bit(std::string_view suffix) {
  if (suffix == "an") return 1u << 26;
  if (suffix == "kan") return 1u << 27;
  if (suffix == "i") return 1u << 28;
  return 0;
}

// hunspell-id uses two-character flags: an upper-case first letter names the
// prefix family (M0 me-, Mk me-...-kan), a lower-case one a plain suffix (a0
// -an, k0 -kan, i0 -i); the second letter of a confix flag names its suffix.
std::uint32_t RootDictionary::flags_mask(std::string_view flags) {
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i + 1 < flags.size(); i += 2) {
    const char a = flags[i];
    const char b = flags[i + 1];
    if (a >= 'A' && a <= 'Z') {
      mask |= prefix_bit(a);
      if (b == 'a') mask |= suffix_bit("an");
      if (b == 'k') mask |= suffix_bit("kan");
      if (b == 'i') mask |= suffix_bit("i");
    } else if (b == '0') {
      if (a == 'a') mask |= suffix_bit("an");
      if (a == 'k') mask |= suffix_bit("kan");
      if (a == 'i') mask |= suffix_bit("i");
    }
  }
  return mask;
}

bool RootSource::accepts_prefix(const std::string& root, char family) const {
  const auto f = flags(root);
  return f && (*f & prefix_bit(family)) != 0;
}

bool RootSource::accepts_suffix(const std::string& root, std::string_view suffix) const {
  const auto f = flags(root);
  return f && (*f & suffix_bit(suffix)) != 0;
}

void RootDictionary::apply_corrections(std::string_view text) {
  std::size_t line_no = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const bool remove = line.front() == '-';
    if (remove) line.remove_prefix(1);
    if (line.empty() || line.find_first_of(" \t") != std::string_view::npos)
      throw Error("stemmer dictionary corrections line " + std::to_string(line_no) +
                  ": expected one word");
    if (const auto arrow = line.find('>'); arrow != std::string_view::npos && !remove) {
      const std::string_view word = line.substr(0, arrow);
      const std::string_view stem = line.substr(arrow + 1);
      if (word.empty() || stem.empty())
        throw Error("stemmer dictionary corrections line " + std::to_string(line_no) +
                    ": expected word>stem");
      fixed_[std::string(word)] = std::string(stem);
    } else if (remove) {
      words_.erase(std::string(line));
    } else {
      words_[std::string(line)] = kAcceptsAll;
    }
  }
}

IndonesianStemmer::IndonesianStemmer(std::shared_ptr<const RootSource> roots)
    : roots_(std::move(roots)) {}

std::optional<std::string> IndonesianStemmer::analyse(const std::string& w) const {
  const auto root = [&](const std::string& s) {
    return s.size() >= kMinRoot && roots_->contains(s);
  };
  if (roots_->contains(w)) return w;
  for (char c : w)
    if (!is_letter(c)) return std::nullopt;
  if (w.size() <= kMinRoot) return std::nullopt;

  // Inflectional suffixes (particle, then possessive): the word is analysed
  // as it is first, then with them removed, since their letters often end a
  // root ("pemerintah" is pe-perintah, not pe-perin-tah; "bertanya" is
  // ber-tanya).
  std::vector<std::string> bases = {w};
  for (std::string_view p : {"lah", "kah", "tah", "pun"}) {
    if (w.size() > p.size() + 2 && w.ends_with(p)) {
      bases.push_back(w.substr(0, w.size() - p.size()));
      break;
    }
  }
  const std::string after_particle = bases.back();
  for (std::string_view p : {"nya", "ku", "mu"}) {
    if (after_particle.size() > p.size() + 2 && after_particle.ends_with(p)) {
      bases.push_back(after_particle.substr(0, after_particle.size() - p.size()));
      break;
    }
  }
  // Every analysis found is scored by what hunspell-id's flags say the root
  // takes: +2 when it takes the outermost prefix removed (or none was), +1
  // for the derivational suffix. The first best one wins; a perfect one ends
  // the search ("memasuki": masuk takes me-...-i, pasuk does not).
  std::optional<std::string> best;
  int best_score = -1;
  const auto consider = [&](const std::string& r, const Prefix* outer, std::string_view suffix) {
    if (!root(r)) return false;
    int score = 0;
    if (!outer || roots_->accepts_prefix(r, family_letter(*outer))) score += 2;
    if (suffix.empty() || roots_->accepts_suffix(r, suffix)) score += 1;
    if (score > best_score) {
      best = r;
      best_score = score;
    }
    return score == 3;
  };

  for (const std::string& base : bases) {
    // Derivational suffix: -kan (or -an after a root ending in k), -an, -i.
    // Suffix first (the stripped forms first), then the word with no
    // derivational suffix; prefix first for be-an, me-i, di-i, pe-i, ter-i
    // shapes (ECS precedence adjustment: "menilai" is me-nilai, not me-nila-i).
    if (base != w && consider(base, nullptr, "")) return best;
    std::vector<Layer> layers;
    // Loan-word suffixes -isasi, -isme, -is ("finalisasi", "idealisme") count
    // only on a dictionary root, like the native ones.
    for (std::string_view s : {"kan", "an", "i", "isasi", "isme", "is"}) {
      if (base.size() > s.size() + 2 && base.ends_with(s)) {
        Layer l{base.substr(0, base.size() - s.size()), std::string(s)};
        // A short root the flags do not license is a coincidence ("asean").
        const bool licensed = roots_->accepts_suffix(l.word, l.suffix) || l.word.size() > kMinRoot;
        if (licensed && consider(l.word, nullptr, l.suffix)) return best;
        layers.push_back(std::move(l));
      }
    }
    const bool prefix_first = (base.starts_with("be") && base.ends_with("an")) ||
                              (base.starts_with("me") && base.ends_with("i")) ||
                              (base.starts_with("di") && base.ends_with("i")) ||
                              (base.starts_with("pe") && base.ends_with("i")) ||
                              (base.starts_with("ter") && base.ends_with("i"));
    if (prefix_first)
      layers.insert(layers.begin(), Layer{base, ""});
    else
      layers.push_back(Layer{base, ""});

    for (const Layer& layer : layers) {
      // Breadth-first over prefix removals: fewer prefixes first.
      struct State {
        std::string word;
        std::vector<Prefix> prefixes;
      };
      std::vector<State> frontier = {{layer.word, {}}};
      for (int depth = 0; depth < kMaxPrefixes && !frontier.empty(); ++depth) {
        std::vector<State> next;
        for (const State& s : frontier) {
          for (Candidate& c : prefix_candidates(s.word)) {
            if (!allowed_after(s.prefixes, c.prefix)) continue;
            if (s.prefixes.empty() && disallowed_confix(c.prefix, layer.suffix)) continue;
            if (c.result.size() < kMinRoot) continue;
            const Prefix outer = s.prefixes.empty() ? c.prefix : s.prefixes.front();
            if (consider(c.result, &outer, layer.suffix)) return best;
            State n{std::move(c.result), s.prefixes};
            n.prefixes.push_back(c.prefix);
            next.push_back(std::move(n));
          }
        }
        frontier = std::move(next);
      }
    }
  }
  return best;
}

std::string IndonesianStemmer::fallback(const std::string& word) const {
  // Snowball strips affixes without knowing the root, which damages names and
  // loan words ("Pertamina", "Persib", "diplomatik", "denuklirisasi"); an
  // unknown word keeps its form but for a possessive -nya ("Jokowinya").
  // (Particles are kept: "Abdullah", "Mekah".)
  if (word.size() >= 4 + 3 && word.ends_with("nya")) {
    for (char c : word)
      if (!is_letter(c)) return word;
    return word.substr(0, word.size() - 3);
  }
  return word;
}

std::string IndonesianStemmer::operator()(const std::string& word) {
  if (auto fixed = roots_->fixed_stem(word)) return *fixed;
  if (word.size() <= kMinRoot) return word;
  const std::size_t dash = word.find('-');
  if (dash != std::string::npos && dash > 0 && dash + 1 < word.size()) {
    const std::string a = word.substr(0, dash);
    const std::string b = word.substr(dash + 1);
    if (a == b) return (*this)(a);  // anak-anak, kekuatan-kekuatan
    if (roots_->contains(word)) return word;
    // A clitic or particle written after a hyphen: kuasa-Mu, allah-lah.
    const std::size_t last = word.rfind('-');
    const std::string tail = word.substr(last + 1);
    for (std::string_view clitic : {"ku", "mu", "nya", "lah", "kah", "tah", "pun"})
      if (tail == clitic) return (*this)(word.substr(0, last));
    const std::string sa = (*this)(a);
    if (sa == (*this)(b)) return sa;  // anak-anaknya, berbalas-balasan
    // The prefix written once for both halves: meniru-nirukan, menyebut-nyebut.
    for (std::string_view p : {"me", "pe", "ber", "ter", "di"})
      if (a.starts_with(p) && !b.starts_with(p) && sa == (*this)(std::string(p) + b)) return sa;
    return word;
  }
  if (auto r = analyse(word)) return *r;
  return fallback(word);
}

}  // namespace telusur
