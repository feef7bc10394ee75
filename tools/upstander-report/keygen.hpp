#pragma once
// upstander-report keygen: makes the partnership's key pair for sealing programme files.

namespace upstander {

// argv[0] is "keygen". Returns the exit code.
int run_keygen(int argc, char** argv);

}  // namespace upstander
