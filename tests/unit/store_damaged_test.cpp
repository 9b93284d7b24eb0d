// The four ways a database file can be unusable, and how each is reported
// without touching the file.

#include "store_test_support.h"

namespace sb::store::test {
namespace {

using StoreDamagedFileTest = StoreTest;

TEST_F(StoreDamagedFileTest, CorruptFileIsReportedAndLeftUntouched) {
    std::mt19937 gen(42);
    std::string garbage(16384, '\0');
    for (char& ch : garbage) ch = static_cast<char>(gen() & 0xff);
    writeBytes(m_db, garbage);

    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::Corrupt));
    EXPECT_NE(opened.error().message.find(m_db.string()), std::string::npos) << opened.error().message;
    EXPECT_NE(opened.error().message.find("is not a Switchboard database or is damaged"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(readBytes(m_db), garbage);
}

TEST_F(StoreDamagedFileTest, TruncatedDatabaseIsCorrupt) {
    {
        auto store = openOk(m_db);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->replaceConfiguration(richConfiguration()).ok());
        std::vector<sb::store::CdrRecord> many;
        for (int i = 0; i < 2000; ++i) many.push_back(cdr(i, "call-" + std::to_string(i)));
        ASSERT_TRUE(store->appendCdrs(many).ok());
    }
    std::string bytes = readBytes(m_db);
    ASSERT_GT(bytes.size(), 16u * 4096u);
    bytes.resize(bytes.size() / 2);
    writeBytes(m_db, bytes);

    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::Corrupt)) << opened.error().message;
    EXPECT_NE(opened.error().message.find(m_db.string()), std::string::npos) << opened.error().message;
    EXPECT_EQ(readBytes(m_db), bytes);
}

TEST_F(StoreDamagedFileTest, OtherProgramsDatabaseIsRefusedAndLeftUntouched) {
    {
        RawDb raw(m_db);
        raw.exec("CREATE TABLE moz_places (url TEXT); PRAGMA user_version = 3;");
    }
    const std::string before = readBytes(m_db);
    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::Corrupt)) << opened.error().message;
    EXPECT_NE(opened.error().message.find(m_db.string()), std::string::npos);
    EXPECT_EQ(readBytes(m_db), before);
}

TEST_F(StoreDamagedFileTest, NewerSchemaIsRefusedAndLeftUntouched) {
    { ASSERT_TRUE(openOk(m_db)); }
    {
        RawDb raw(m_db);
        raw.exec("PRAGMA user_version = 99");
    }
    const std::string before = readBytes(m_db);
    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    const auto& msg = opened.error().message;
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::NewerSchema)) << msg;
    EXPECT_NE(msg.find(m_db.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("schema version 99"), std::string::npos) << msg;
    EXPECT_NE(msg.find("supports schema version " + std::to_string(Store::kSchemaVersion)), std::string::npos)
        << msg;
    EXPECT_EQ(readBytes(m_db), before);
}

TEST_F(StoreDamagedFileTest, ReadOnlyFileIsReported) {
    { ASSERT_TRUE(openOk(m_db)); }
    if (const std::string why = makeUnwritable(m_db); !why.empty()) GTEST_SKIP() << why;
    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::ReadOnly)) << opened.error().message;
    EXPECT_NE(opened.error().message.find(m_db.string()), std::string::npos) << opened.error().message;
}

TEST_F(StoreDamagedFileTest, ReadOnlyFolderIsReported) {
    const fs::path existing = m_dir / "existing.db";
    { ASSERT_TRUE(openOk(existing)); }
    if (const std::string why = makeUnwritable(m_dir); !why.empty()) GTEST_SKIP() << why;

    // A new file cannot be created there ...
    auto created = Store::open(m_db);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, kindOf(StoreErrorKind::ReadOnly)) << created.error().message;
    EXPECT_NE(created.error().message.find(m_db.string()), std::string::npos) << created.error().message;
    EXPECT_FALSE(fs::exists(m_db));

    // ... and an existing one cannot get its write-ahead log beside it.
    auto opened = Store::open(existing);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::ReadOnly)) << opened.error().message;
    EXPECT_NE(opened.error().message.find(existing.string()), std::string::npos) << opened.error().message;
}

TEST_F(StoreDamagedFileTest, LockedDatabaseFailsFast) {
    { ASSERT_TRUE(openOk(m_db)); }
    RawDb holder(m_db);
    // In WAL mode only exclusive locking mode keeps other connections out
    // entirely; it is what a second process holding the file looks like.
    holder.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;");

    const auto started = std::chrono::steady_clock::now();
    auto opened = Store::open(m_db);
    const auto waited = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::Locked)) << opened.error().message;
    EXPECT_NE(opened.error().message.find(m_db.string()), std::string::npos) << opened.error().message;
    EXPECT_LT(waited, std::chrono::seconds(2));
}

TEST_F(StoreDamagedFileTest, NonsenseStoredValuesAreReportedAsCorrupt) {
    {
        auto store = openOk(m_db);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->replaceConfiguration(richConfiguration()).ok());
    }
    {
        // A value of the wrong type passes every CHECK; only reading finds it.
        RawDb raw(m_db);
        raw.exec("UPDATE routes SET strip = 'many' WHERE position = 0;");
    }
    {
        auto store = openOk(m_db);
        ASSERT_TRUE(store);
        auto loaded = store->loadConfiguration();
        ASSERT_FALSE(loaded.ok());
        EXPECT_EQ(loaded.error().code, kindOf(StoreErrorKind::Corrupt)) << loaded.error().message;
        EXPECT_NE(loaded.error().message.find("strip"), std::string::npos) << loaded.error().message;
    }
    {
        // What a hand edit with the CHECKs switched off leaves: quick_check
        // sees it at open.
        RawDb raw(m_db);
        raw.exec("PRAGMA ignore_check_constraints = ON; UPDATE trunks SET port = 70000 WHERE name = 'bare';");
    }
    auto opened = Store::open(m_db);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, kindOf(StoreErrorKind::Corrupt)) << opened.error().message;
    EXPECT_NE(opened.error().message.find("trunks"), std::string::npos) << opened.error().message;
}

}  // namespace
}  // namespace sb::store::test
