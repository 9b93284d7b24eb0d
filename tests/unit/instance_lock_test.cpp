// The one-engine-per-database lock: refused while held, free once the
// holder lets go, and free when the holder is killed without warning.

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform/instance_lock.h"

namespace fs = std::filesystem;
using sb::platform::InstanceLock;

namespace {

class InstanceLockTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("sb-instance-lock-" + std::to_string(getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        m_lock = sb::platform::lockFileFor(m_dir / "sub" / "switchboard.db");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path m_dir;
    fs::path m_lock;
};

TEST_F(InstanceLockTest, LockFileSitsNextToTheDatabase) {
    EXPECT_EQ(sb::platform::lockFileFor("/data/switchboard.db"), fs::path("/data/switchboard.db.lock"));
}

TEST_F(InstanceLockTest, SecondLockFailsAndNamesTheHolder) {
    auto first = InstanceLock::acquire(m_lock, "switchboard-server");
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_TRUE(first->held());
    EXPECT_TRUE(fs::exists(m_lock));  // the missing folder was created

    auto second = InstanceLock::acquire(m_lock, "switchboard");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, EWOULDBLOCK);
    const std::string& why = second.error().message;
    EXPECT_NE(why.find("switchboard.db"), std::string::npos) << why;
    EXPECT_NE(why.find("in use by switchboard-server (process " + std::to_string(getpid()) + ")"),
              std::string::npos)
        << why;
    // The failed attempt must not have wiped the holder's note.
    EXPECT_EQ(sb::platform::lockHolder(m_lock), "switchboard-server (process " + std::to_string(getpid()) + ")");
}

TEST_F(InstanceLockTest, ReleasedWhenTheHolderLetsGo) {
    {
        auto first = InstanceLock::acquire(m_lock, "switchboard");
        ASSERT_TRUE(first.ok()) << first.error().message;
        InstanceLock moved = std::move(first.value());  // ownership moves, the lock stays held
        EXPECT_TRUE(moved.held());
        EXPECT_FALSE(InstanceLock::acquire(m_lock, "switchboard").ok());
    }
    auto again = InstanceLock::acquire(m_lock, "switchboard");
    ASSERT_TRUE(again.ok()) << again.error().message;
    again->release();
    again->release();  // harmless twice
    EXPECT_FALSE(again->held());
    EXPECT_TRUE(InstanceLock::acquire(m_lock, "switchboard").ok());
}

TEST_F(InstanceLockTest, ReleasedWhenTheHolderIsKilled) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(ready[0]);
        auto held = InstanceLock::acquire(m_lock, "switchboard-server");
        const char ok = held.ok() ? 'y' : 'n';
        if (write(ready[1], &ok, 1) != 1) _exit(3);
        for (;;) pause();  // until SIGKILL: no destructor, no cleanup
    }
    close(ready[1]);
    char ok = 0;
    ASSERT_EQ(read(ready[0], &ok, 1), 1);
    close(ready[0]);
    ASSERT_EQ(ok, 'y');

    auto whileAlive = InstanceLock::acquire(m_lock, "switchboard");
    ASSERT_FALSE(whileAlive.ok());
    EXPECT_NE(whileAlive.error().message.find("(process " + std::to_string(child) + ")"), std::string::npos)
        << whileAlive.error().message;

    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto afterKill = InstanceLock::acquire(m_lock, "switchboard");
    ASSERT_TRUE(afterKill.ok()) << afterKill.error().message;
    EXPECT_EQ(sb::platform::lockHolder(m_lock), "switchboard (process " + std::to_string(getpid()) + ")");
}

}  // namespace
