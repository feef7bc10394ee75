#include "options.hpp"

int main(int argc, char** argv) {
    upstander::app::Options options;
    int exit_code = 0;
    if (upstander::app::parse_options(argc, argv, options, exit_code) != upstander::app::ParseOutcome::Run)
        return exit_code;
    return 0;
}
