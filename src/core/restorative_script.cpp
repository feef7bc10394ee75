#include "restorative_script.hpp"

namespace upstander {

const std::vector<RestorativeQuestion>& standard_restorative_script() {
    static const std::vector<RestorativeQuestion> script{
        {"What happened?", {}},
        {"What were you thinking about at the time?", {}},
        {"What have you thought about since?", {}},
        {"Who has been affected by what you did, and in what way?", {}},
        {"What do you think needs to happen to put things right?", {}},
    };
    return script;
}

}  // namespace upstander
