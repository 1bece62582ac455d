#include "name_training.h"

#include <algorithm>

#include "name_rules.h"
#include "name_tables.h"
#include "name_tagging.h"
#include "name_tokens.h"
#include "text.h"

namespace telusur {

namespace {

// A CoNLL sentence as text: the tokens, each normalised, joined by spaces;
// the words found in it, and the token each word belongs to.
struct ConllText {
  std::string text;
  std::vector<std::size_t> starts;  // byte offset of each token
  std::vector<Word> words;
  std::vector<std::size_t> token_of;  // word -> token
};

ConllText conll_text(const std::vector<std::string>& tokens) {
  ConllText c;
  for (const std::string& t : tokens) {
    if (!c.text.empty()) c.text += ' ';
    c.starts.push_back(c.text.size());
    std::string token = normalize(t);
    std::replace(token.begin(), token.end(), ' ', '_');  // a token stays one token
    c.text += token;
  }
  c.words = words(c.text);
  std::size_t t = 0;
  for (const Word& w : c.words) {
    while (t + 1 < c.starts.size() && c.starts[t + 1] <= w.begin) ++t;
    c.token_of.push_back(t);
  }
  return c;
}

// The NER gazetteer of the sentences outside fold `fold` of `folds`, in the
// format of data/names/gazetteer-from-ner-train.txt.
std::string fold_gazetteer(const std::vector<ConllSentence>& sentences, std::size_t fold,
                           std::size_t folds) {
  std::string gazetteer;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    if (s % folds == fold) continue;
    const ConllSentence& sentence = sentences[s];
    for (std::size_t i = 0; i < sentence.tokens.size();) {
      const int tag = tagger_tag_from_label(sentence.tags[i]);
      if (tag == kTagO) {
        ++i;
        continue;
      }
      const int inside = tag % 2 == 1 ? tag + 1 : tag;
      std::string name = sentence.tokens[i];
      std::size_t j = i + 1;
      while (j < sentence.tokens.size() && tagger_tag_from_label(sentence.tags[j]) == inside)
        name += " " + sentence.tokens[j++];
      const std::string key = name_key(name);
      if (key.size() > 1 && name.find_first_of("()[]\"'") == std::string::npos) {
        gazetteer += std::string(tagger_tag_label(tag).substr(2)) + "\t" + name + "\n";
      }
      i = j;
    }
  }
  return gazetteer;
}

// One text's tagger tokens, aligned with `words`, as the extractor makes
// them (its rules' and gazetteers' tags included). The tokens point into
// `keep_alive` and the text.
struct TrainingSentence {
  std::vector<TaggerToken> tokens;
  std::shared_ptr<const std::vector<NameToken>> keep_alive;
};

TrainingSentence training_tokens(const NameExtractor& extractor, std::string_view text,
                                  const std::vector<Word>& words,
                                  const CapitalEvidence* evidence) {
  auto toks = std::make_shared<std::vector<NameToken>>();
  append_name_tokens(text, words, *toks);
  extractor.tables().annotate(*toks);
  const std::vector<LinkedName> rules = rule_names(extractor.tables(), *toks);
  TrainingSentence out;
  out.tokens = tagger_tokens(extractor.tables(), *toks, rules, evidence);
  out.keep_alive = std::move(toks);
  return out;
}

}  // namespace

CapitalEvidence conll_evidence(const std::vector<ConllSentence>& sentences) {
  CapitalEvidence evidence;
  for (const ConllSentence& sentence : sentences) {
    const ConllText c = conll_text(sentence.tokens);
    evidence.add(c.text, c.words);
  }
  return evidence;
}

std::vector<std::string> tag_tokens(const NameExtractor& extractor,
                                    const std::vector<std::string>& tokens,
                                    const CapitalEvidence* evidence, bool rules_only_places) {
  const ConllText c = conll_text(tokens);
  std::vector<std::string> tags(tokens.size(), "O");
  for (const NameMention& m : extractor.mentions("", {}, c.text, c.words, evidence)) {
    if (m.rules_only && !(rules_only_places && m.type == NameType::kPlace)) continue;
    const std::size_t b = static_cast<std::size_t>(m.surface.data() - c.text.data());
    const std::size_t e = b + m.surface.size();
    bool first = true;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::size_t tb = c.starts[i];
      const std::size_t te = i + 1 < tokens.size() ? c.starts[i + 1] - 1 : c.text.size();
      if (te <= b || tb >= e) continue;
      tags[i] = tagger_tag_label(begin_tag(m.type) + (first ? 0 : 1));
      first = false;
    }
  }
  return tags;
}

std::string train_name_tagger(const std::vector<ConllSentence>& sentences,
                              const TaggerTrainingOptions& options,
                              const std::function<void(const std::string&)>& log) {
  constexpr std::size_t kFolds = 5;
  // Texts live as long as the trainer reads their words.
  std::vector<std::unique_ptr<ConllText>> texts;
  std::vector<std::shared_ptr<const std::vector<NameToken>>> kept;
  NameTaggerTrainer trainer;
  const CapitalEvidence evidence = conll_evidence(sentences);
  for (std::size_t fold = 0; fold < kFolds; ++fold) {
    const NameExtractor ex = training_extractor(fold_gazetteer(sentences, fold, kFolds));
    for (std::size_t s = fold; s < sentences.size(); s += kFolds) {
      const ConllSentence& sentence = sentences[s];
      auto c = std::make_unique<ConllText>(conll_text(sentence.tokens));
      TrainingSentence t = training_tokens(ex, c->text, c->words, s % 2 ? &evidence : nullptr);
      std::vector<int> gold(t.tokens.size(), kTagO);
      for (std::size_t w = 0; w < gold.size(); ++w) {
        const int tag = tagger_tag_from_label(sentence.tags[c->token_of[w]]);
        const bool first_word = w == 0 || c->token_of[w - 1] != c->token_of[w];
        gold[w] = (tag != kTagO && !first_word && tag % 2 == 1) ? tag + 1 : tag;
      }
      trainer.add(std::move(t.tokens), std::move(gold));
      texts.push_back(std::move(c));
      kept.push_back(std::move(t.keep_alive));
    }
  }
  if (log) log("training on " + std::to_string(sentences.size()) + " sentences");
  trainer.train(options.epochs, options.runs, log);
  return trainer.model(options.min_weight);
}

}  // namespace telusur
