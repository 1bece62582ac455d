#include "names_printer.h"

#include <nlohmann/json.hpp>

namespace telusur {
namespace {

class LinesPrinter : public NamesPrinter {
 public:
  explicit LinesPrinter(std::ostream& out) : out_(out) {}
  void article(const std::string& id, const std::vector<Name>& names) override {
    nlohmann::ordered_json j;
    j["id"] = id;
    j["names"] = nlohmann::ordered_json::array();
    for (const Name& n : names) {
      nlohmann::ordered_json name;
      name["type"] = name_type_label(n.type);
      name["name"] = n.name;
      name["surfaces"] = n.surfaces;
      name["mentions"] = n.mentions;
      j["names"].push_back(std::move(name));
    }
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  void entity(const Entity& e) override {
    nlohmann::ordered_json j;
    j["id"] = e.id;
    j["type"] = entity_type_label(e.type);
    j["name"] = e.name;
    j["articles"] = e.articles;
    j["variants"] = nlohmann::ordered_json::array();
    for (const EntityVariant& v : e.variants)
      j["variants"].push_back({{"name", v.name}, {"articles", v.articles}});
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  void sentence(const std::vector<std::string>& tokens,
                const std::vector<std::string>& tags) override {
    for (std::size_t i = 0; i < tags.size() && i < tokens.size(); ++i)
      out_ << tokens[i] << '\t' << tags[i] << '\n';
    out_ << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<NamesPrinter> make_names_printer(std::ostream& out) {
  return std::make_unique<LinesPrinter>(out);
}

}  // namespace telusur
