// Status codes returned by every fallible call. No exceptions cross the core.
#pragma once
#include <cstdint>

namespace neurite {

enum class Status : uint8_t {
  ok = 0,
  invalid_config,       // a setting is out of range
  dimension_mismatch,   // feature vector or target of the wrong length
  not_finite,           // NaN or infinity in the input
  empty_input,          // null pointer or zero-length input
  unknown_label,        // label not learned (correct/forget)
  unknown_event,        // event id not in the store
  capacity_exceeded,    // class table full, or arena too small for the config
  wrong_problem,        // verb does not apply to this problem type
  no_model,             // nothing learned yet
  bad_magic,            // not a neurite model
  unsupported_version,  // model format version this build cannot read
  truncated,            // model bytes end early
  corrupted,            // model bytes inconsistent
  checksum_mismatch,    // CRC does not match
  numerical_failure,    // internal factorisation failed (should not happen)
};

// Short, stable text for a status ("dimension_mismatch").
const char* status_name(Status status);
// One-sentence explanation for users.
const char* status_message(Status status);

}  // namespace neurite
