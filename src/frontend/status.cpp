#include "neurite/frontend/status.hpp"

namespace neurite::frontend {

const char* status_name(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::invalid_config:
      return "invalid_config";
    case Status::buffer_too_small:
      return "buffer_too_small";
    case Status::empty_input:
      return "empty_input";
    case Status::not_wav:
      return "not_wav";
    case Status::unsupported_encoding:
      return "unsupported_encoding";
    case Status::truncated:
      return "truncated";
    case Status::malformed:
      return "malformed";
  }
  return "unknown_status";
}

}  // namespace neurite::frontend
