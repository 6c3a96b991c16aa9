#include "neurite/status.hpp"

namespace neurite {

const char* status_name(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::invalid_config:
      return "invalid_config";
    case Status::dimension_mismatch:
      return "dimension_mismatch";
    case Status::not_finite:
      return "not_finite";
    case Status::empty_input:
      return "empty_input";
    case Status::unknown_label:
      return "unknown_label";
    case Status::unknown_event:
      return "unknown_event";
    case Status::capacity_exceeded:
      return "capacity_exceeded";
    case Status::wrong_problem:
      return "wrong_problem";
    case Status::no_model:
      return "no_model";
    case Status::bad_magic:
      return "bad_magic";
    case Status::unsupported_version:
      return "unsupported_version";
    case Status::truncated:
      return "truncated";
    case Status::corrupted:
      return "corrupted";
    case Status::checksum_mismatch:
      return "checksum_mismatch";
    case Status::numerical_failure:
      return "numerical_failure";
  }
  return "unknown_status";
}

const char* status_message(Status status) {
  switch (status) {
    case Status::ok:
      return "success";
    case Status::invalid_config:
      return "the configuration is invalid";
    case Status::dimension_mismatch:
      return "the input has the wrong number of values";
    case Status::not_finite:
      return "the input contains NaN, infinity or an out-of-range value";
    case Status::empty_input:
      return "the input is empty";
    case Status::unknown_label:
      return "the label has not been learned";
    case Status::unknown_event:
      return "no stored event has this id";
    case Status::capacity_exceeded:
      return "a capacity of the model is exhausted";
    case Status::wrong_problem:
      return "this operation does not apply to the model's problem type";
    case Status::no_model:
      return "the learner is not initialised";
    case Status::bad_magic:
      return "the bytes are not a neurite model";
    case Status::unsupported_version:
      return "the model format version is not supported";
    case Status::truncated:
      return "the model bytes end early";
    case Status::corrupted:
      return "the model bytes are inconsistent";
    case Status::checksum_mismatch:
      return "the model checksum does not match";
    case Status::numerical_failure:
      return "an internal factorisation failed";
  }
  return "unknown status";
}

}  // namespace neurite
