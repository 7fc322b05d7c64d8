// serve/api_answer.h: what an endpoint answers: a status and JSON, or a file to save.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace flgraph::serve {

struct ApiAnswer {
  ApiAnswer() = default;
  ApiAnswer(int answer_status, nlohmann::json answer_body)
      : status(answer_status), body(std::move(answer_body)) {}
  int status = 200;
  nlohmann::json body;
  // A download (download.h): these bytes instead of the JSON, saved under filename.
  std::string bytes;
  std::string content_type;
  std::string filename;
  std::string allow;  // a 405's Allow header: the method the endpoint takes
};

}  // namespace flgraph::serve
