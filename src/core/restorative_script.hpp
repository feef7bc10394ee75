#pragma once
// The standard restorative script: the questions a restorative_questions step asks when its pack
// does not write its own (content/FORMAT.md, "restorative_questions"). Defined once, here.

#include "content.hpp"

#include <vector>

namespace upstander {

const std::vector<RestorativeQuestion>& standard_restorative_script();

}  // namespace upstander
