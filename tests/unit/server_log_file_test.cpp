#include "log_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sb::app {
namespace {

namespace fs = std::filesystem;

class SizeCappedLogFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("sb-logfile-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }

    fs::path m_dir;
};

TEST_F(SizeCappedLogFileTest, OldFileKeepsTheExtensionLast) {
    EXPECT_EQ(SizeCappedLogFile::oldFileFor("/x/logs/switchboard-server.log"),
              fs::path("/x/logs/switchboard-server.old.log"));
    EXPECT_EQ(SizeCappedLogFile::oldFileFor("server"), fs::path("server.old"));
}

TEST_F(SizeCappedLogFileTest, CreatesItsFolderAndAppendsLines) {
    const fs::path path = m_dir / "logs" / "server.log";
    {
        SizeCappedLogFile log(path, 1000);
        ASSERT_TRUE(log.open());
        EXPECT_TRUE(log.write("one"));
    }
    SizeCappedLogFile again(path, 1000);  // a restarted service continues its log
    ASSERT_TRUE(again.open());
    EXPECT_TRUE(again.write("two"));
    EXPECT_EQ(read(path), "one\ntwo\n");
    EXPECT_FALSE(fs::exists(SizeCappedLogFile::oldFileFor(path)));
}

TEST_F(SizeCappedLogFileTest, FullFileBecomesTheOldOneAndOnlyOneIsKept) {
    const fs::path path = m_dir / "server.log";
    SizeCappedLogFile log(path, 10);
    ASSERT_TRUE(log.open());
    EXPECT_TRUE(log.write("aaaa"));  // 5 bytes
    EXPECT_TRUE(log.write("bbbb"));  // 10: exactly the cap, still one file
    EXPECT_EQ(read(path), "aaaa\nbbbb\n");
    EXPECT_TRUE(log.write("cccc"));  // would be 15: rotate first
    EXPECT_EQ(read(path), "cccc\n");
    EXPECT_EQ(read(SizeCappedLogFile::oldFileFor(path)), "aaaa\nbbbb\n");
    EXPECT_TRUE(log.write("dddd"));
    EXPECT_TRUE(log.write("eeee"));  // the second rotation replaces the first old file
    EXPECT_EQ(read(path), "eeee\n");
    EXPECT_EQ(read(SizeCappedLogFile::oldFileFor(path)), "cccc\ndddd\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), 2);
}

TEST_F(SizeCappedLogFileTest, ReopeningCountsWhatIsAlreadyThere) {
    const fs::path path = m_dir / "server.log";
    {
        SizeCappedLogFile log(path, 10);
        ASSERT_TRUE(log.open());
        EXPECT_TRUE(log.write("aaaaaaaa"));  // 9 bytes
    }
    SizeCappedLogFile log(path, 10);
    ASSERT_TRUE(log.open());
    EXPECT_TRUE(log.write("b"));  // 11 > 10 with the 9 from before
    EXPECT_EQ(read(path), "b\n");
    EXPECT_EQ(read(SizeCappedLogFile::oldFileFor(path)), "aaaaaaaa\n");
}

TEST_F(SizeCappedLogFileTest, LineLongerThanTheCapIsWrittenWhole) {
    const fs::path path = m_dir / "server.log";
    SizeCappedLogFile log(path, 4);
    ASSERT_TRUE(log.open());
    EXPECT_TRUE(log.write("0123456789"));  // into the empty file: nothing to rotate
    EXPECT_EQ(read(path), "0123456789\n");
    EXPECT_TRUE(log.write("x"));
    EXPECT_EQ(read(path), "x\n");
    EXPECT_EQ(read(SizeCappedLogFile::oldFileFor(path)), "0123456789\n");
}

TEST_F(SizeCappedLogFileTest, UnwritableFolderIsAnErrorNamingTheFile) {
    fs::create_directories(m_dir);
    std::ofstream(m_dir / "blocker") << "a file where a folder should be";
    SizeCappedLogFile log(m_dir / "blocker" / "server.log", 1000);
    auto opened = log.open();
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("server.log"), std::string::npos) << opened.error().message;
    EXPECT_FALSE(log.write("lost"));
}

}  // namespace
}  // namespace sb::app
