#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "store/store.h"
#include "store/store_writer.h"

namespace fs = std::filesystem;
using namespace sb::store;

namespace {

class StoreWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("sb-writer-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        auto s = Store::open(m_dir / "w.db");
        ASSERT_TRUE(s.ok()) << s.error().message;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

BindingRecord binding(const std::string& ext, const std::string& contact, int64_t expires) {
    return {ext, contact, "127.0.0.1:5062", "UDP", "ua", "cid", 1, expires};
}

}  // namespace

TEST_F(StoreWriterTest, BurstsLandInFewTransactionsAndLastChangeWins) {
    auto writer = StoreWriter::start(m_dir / "w.db", nullptr, 50);
    ASSERT_TRUE(writer.ok());
    const int64_t later = 4'000'000'000'000;
    for (int i = 0; i < 2000; ++i) (*writer)->saveBinding(binding(std::to_string(i % 100), "sip:a", later + i));
    (*writer)->removeBinding("7", "sip:a");
    (*writer)->flush();
    EXPECT_LE((*writer)->batchesWritten(), 5u) << "2000 changes must not cost 2000 transactions";
    auto reader = Store::open(m_dir / "w.db");
    ASSERT_TRUE(reader.ok());
    auto rows = (*reader)->loadBindings(0);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 99u);
    for (const auto& r : rows.value()) EXPECT_GE(r.expiresAtMs, later + 1900) << "an older change overwrote a newer one";
}

TEST_F(StoreWriterTest, ReadsSeeEarlierWritesAndRunOnTheWriterThread) {
    auto writer = StoreWriter::start(m_dir / "w.db", nullptr, 10);
    ASSERT_TRUE(writer.ok());
    CdrRecord cdr;
    cdr.startMs = 1000;
    cdr.endMs = 2000;
    cdr.caller = "100";
    cdr.callee = "101";
    cdr.disposition = Disposition::Answered;
    (*writer)->appendCdr(cdr);
    std::promise<size_t> count;
    std::promise<std::thread::id> thread;
    (*writer)->read([&](Store& s) {
        thread.set_value(std::this_thread::get_id());
        auto rows = s.cdrsBetween(0, 10'000);
        count.set_value(rows ? rows->size() : 0);
    });
    EXPECT_EQ(count.get_future().get(), 1u);
    EXPECT_NE(thread.get_future().get(), std::this_thread::get_id());
}

TEST_F(StoreWriterTest, ExpiredBindingsAreNotLoaded) {
    auto writer = StoreWriter::start(m_dir / "w.db", nullptr, 10);
    ASSERT_TRUE(writer.ok());
    (*writer)->saveBinding(binding("100", "sip:old", 5'000));
    (*writer)->saveBinding(binding("100", "sip:new", 4'000'000'000'000));
    (*writer)->flush();
    auto reader = Store::open(m_dir / "w.db");
    auto rows = (*reader)->loadBindings(10'000);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().contact, "sip:new");
}
