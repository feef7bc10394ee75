#define CATCH_CONFIG_MAIN
// Windows: a narrow main(), not wmain (which would need -municode); the tests pass ASCII arguments.
#define DO_NOT_USE_WMAIN
#include <catch2/catch.hpp>
