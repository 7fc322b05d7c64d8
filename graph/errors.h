// graph/errors.h: the error types every command reports to the user.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flgraph {

// Base of every error that stops a command with exit code 1.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Something asked for (an id, a file) does not exist.
class NotFoundError : public Error {
 public:
  using Error::Error;
};

// Where in an input a problem sits. line 0 means "the whole file".
struct InputLocation {
  std::string file;
  std::size_t line = 0;
  std::string field;
};

// Bad input: always names file, line and field, so a user can fix the row.
// Rendered as: FILE:LINE: field "X": what is wrong (got "...")
class InputError : public Error {
 public:
  static InputError bad_value(const InputLocation& where, std::string_view what,
                              std::string_view got);
  static InputError missing_column(const InputLocation& where, std::string_view column);
  static InputError unknown_reference(const InputLocation& where, std::string_view what,
                                      std::string_view id);
  static InputError malformed(const InputLocation& where, std::string_view what);

  const InputLocation& location() const { return location_; }

 private:
  InputError(InputLocation where, const std::string& message)
      : Error(message), location_(std::move(where)) {}
  InputLocation location_;
};

// Quotes a value from the input for an error message: cut to a readable length and with
// control characters escaped, so hostile input cannot forge terminal output.
std::string quote_for_message(std::string_view raw);

// Text from the data made safe to print on a terminal, whole and unquoted: C0 and C1 controls,
// DEL and the bidi embedding, override and isolate marks become \xNN or \u{NNNN} escapes, and so
// does a byte that is not UTF-8. Line breaks and tabs are kept only with `keep_layout` (for a
// whole rendered report; a single value never gets to start a line of its own).
std::string escape_controls(std::string_view text, bool keep_layout = false);

// A value from the data shown whole-line in a message (a "closest ids" hint): escaped as by
// escape_controls and cut to 80 characters, with an ellipsis (…) where it was cut.
std::string shorten_for_message(std::string_view text);

// "unknown entity id "X"", and when there are any, "; closest ids:" with one line per
// (id, name) hint, each part shortened as above.
std::string unknown_entity_message(std::string_view id,
                                   const std::vector<std::pair<std::string, std::string>>& closest);

// An entity id the store does not hold, with the closest (id, name) pairs it does, for front
// ends that list them (the API's 404); what() is unknown_entity_message.
class UnknownEntityError : public NotFoundError {
 public:
  using Closest = std::vector<std::pair<std::string, std::string>>;
  UnknownEntityError(std::string_view id, Closest closest)
      : NotFoundError(unknown_entity_message(id, closest)), closest_(std::move(closest)) {}
  const Closest& closest() const { return closest_; }

 private:
  Closest closest_;
};

}  // namespace flgraph
