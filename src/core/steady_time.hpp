#pragma once
// Core code has no clock of its own: the UI reads std::chrono::steady_clock once per frame and
// passes that `now` into every call that depends on time (cooldown, void window, save retries).
// Tests pass made-up times, so time-dependent rules are tested without sleeping.

#include <chrono>

namespace upstander {

using SteadyTime = std::chrono::steady_clock::time_point;

}  // namespace upstander
