// Error type of the core library. Every failure that leaves the core is a
// telusur::Error with a one-line, user-facing message; Xapian::Error and ICU
// error codes are caught inside the core and translated into it.
#pragma once

#include <stdexcept>
#include <string>

namespace telusur {

// A failure the caller should report to the user and stop on (or skip the item
// it concerns). what() is one line, names the file, line or query position
// involved, and never ends with a newline.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Error in a query string: what() names the problem and the 1-based character
// position in the query where it was found.
class QueryError : public Error {
 public:
  explicit QueryError(const std::string& message) : Error(message) {}
};

// The index is missing, unreadable, locked or of an incompatible schema.
class IndexError : public Error {
 public:
  explicit IndexError(const std::string& message) : Error(message) {}
};

}  // namespace telusur
