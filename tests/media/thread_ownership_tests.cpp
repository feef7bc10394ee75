// The player's ownership notes, enforced: every public Player function is for the thread that made
// the Player (the one that owns the renderer). Debug builds assert it; this checks that a call from
// another thread stops the program there instead of racing with the main thread.
#include "media_test_support.hpp"

#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace media_test;

TEST_CASE("debug builds stop a Player that is used off the thread that made it", "[threads]") {
#ifdef NDEBUG
    WARN("Release build: the main-thread asserts are compiled out (the Debug/ASan suite runs this check)");
#else
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(STDERR_FILENO);  // the assertion message is expected
        Player p;
        (void)p.status();  // its own thread: fine
        std::thread other([&] { (void)p.status(); });
        other.join();
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGABRT);
#endif
}
