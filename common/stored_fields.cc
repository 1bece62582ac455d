#include "stored_fields.h"

#include <charconv>

namespace telusur {
namespace {

void append(std::string& out, std::string_view field) {
  for (char c : field) out += c == kFieldSeparator ? ' ' : c;
  out += kFieldSeparator;
}

}  // namespace

std::string StoredFields::location() const {
  return line > 0 ? path + ":" + std::to_string(line) : path;
}

std::string encode_fields(const Article& a) {
  std::string out;
  out.reserve(a.id.size() + a.title.size() + a.path.size() + a.url.size() + 64);
  append(out, a.id);
  append(out, a.title);
  append(out, a.title_derived ? "1" : "");
  append(out, a.date ? a.date->iso() : std::string());
  append(out, a.source);
  append(out, a.author);
  append(out, a.dateline);
  append(out, a.category);
  append(out, a.url);
  append(out, a.path);
  append(out, a.line > 0 ? std::to_string(a.line) : std::string());
  return out;
}

StoredFields decode_fields(std::string_view s) {
  StoredFields f;
  const auto next = [&s]() {
    const std::size_t end = s.find(kFieldSeparator);
    const std::string_view field = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
    return field;
  };
  f.id = next();
  f.title = next();
  f.title_derived = next() == "1";
  f.date = next();
  f.source = next();
  f.author = next();
  f.dateline = next();
  f.category = next();
  f.url = next();
  f.path = next();
  const std::string_view line = next();
  std::from_chars(line.data(), line.data() + line.size(), f.line);
  return f;
}

std::string with_line(std::string_view encoded, std::size_t line) {
  // The line is the eleventh field: keep the ten before it and what follows.
  std::size_t start = 0;
  for (int field = 0; field < 10; ++field) {
    const std::size_t end = encoded.find(kFieldSeparator, start);
    if (end == std::string_view::npos) return std::string(encoded);  // not ours to change
    start = end + 1;
  }
  const std::size_t end = encoded.find(kFieldSeparator, start);
  std::string out(encoded.substr(0, start));
  append(out, line > 0 ? std::to_string(line) : std::string());
  if (end != std::string_view::npos) out += encoded.substr(end + 1);
  return out;
}

}  // namespace telusur
