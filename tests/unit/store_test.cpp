#include "store_test_support.h"

namespace sb::store::test {
namespace {

TEST_F(StoreTest, CreatesMissingFileAndFolderInWalMode) {
    const fs::path nested = m_dir / "a" / "b" / "switchboard.db";
    auto store = openOk(nested);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->createdNow());
    EXPECT_EQ(store->path(), nested);
    EXPECT_TRUE(fs::exists(nested));
    store.reset();

    RawDb raw(nested);
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.integer("PRAGMA user_version"), Store::kSchemaVersion);
    EXPECT_EQ(raw.integer("PRAGMA application_id"), sb::store::schema::kApplicationId);

    auto again = openOk(nested);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->createdNow());
}

TEST_F(StoreTest, FreshDatabaseLoadsDefaults) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    auto loaded = store->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(*loaded, sb::store::Configuration{});
}

TEST_F(StoreTest, ConfigurationRoundTrip) {
    const auto config = richConfiguration();
    {
        auto store = openOk(m_db);
        ASSERT_TRUE(store);
        auto saved = store->replaceConfiguration(config);
        ASSERT_TRUE(saved.ok()) << saved.error().message;
        auto loaded = store->loadConfiguration();
        ASSERT_TRUE(loaded.ok()) << loaded.error().message;
        EXPECT_EQ(*loaded, config);
    }
    auto reopened = openOk(m_db);
    ASSERT_TRUE(reopened);
    auto loaded = reopened->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(*loaded, config);
    ASSERT_EQ(loaded->routes.size(), 3u);
    EXPECT_EQ(loaded->routes[2].strip, -1);
    EXPECT_EQ(loaded->trunks[0].allowedAddresses, config.trunks[0].allowedAddresses);
    EXPECT_EQ(loaded->trunks[0].dids, config.trunks[0].dids);
    ASSERT_EQ(loaded->conferenceRooms.size(), 2u);
    EXPECT_EQ(loaded->conferenceRooms[0].pin, "2468");
}

TEST_F(StoreTest, ReplaceTwiceKeepsOnlyTheSecond) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->replaceConfiguration(richConfiguration()).ok());

    sb::store::Configuration second;
    second.settings.domain = "second.example";
    second.extensions = {extension("300", "x", "Only", true)};
    sb::store::SipTrunk trunk;
    trunk.name = "t2";
    trunk.host = "h2";
    trunk.dids = {{"555", "300"}};
    second.trunks = {trunk};
    second.routes = {{"X.", 0, "", "t2", "", {}}};
    auto saved = store->replaceConfiguration(second);
    ASSERT_TRUE(saved.ok()) << saved.error().message;

    auto loaded = store->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(*loaded, second);

    // The children of the first configuration's trunks went with them.
    store.reset();
    RawDb raw(m_db);
    EXPECT_EQ(raw.integer("SELECT count(*) FROM trunk_allowed_addresses"), 0);
    EXPECT_EQ(raw.integer("SELECT count(*) FROM trunk_dids"), 1);
}

TEST_F(StoreTest, FailedReplaceLeavesPreviousConfiguration) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    const auto first = richConfiguration();
    ASSERT_TRUE(store->replaceConfiguration(first).ok());

    auto duplicateExtension = first;
    duplicateExtension.settings.domain = "changed.example";
    duplicateExtension.extensions.push_back(extension("201", "again", "Duplicate", true));

    // Fails late, after settings, extensions and lines were already written.
    auto badTransport = first;
    badTransport.extensions.clear();
    badTransport.trunks[1].transport = static_cast<sb::store::Transport>(9);

    for (const auto& bad : {duplicateExtension, badTransport}) {
        auto saved = store->replaceConfiguration(bad);
        ASSERT_FALSE(saved.ok());
        EXPECT_NE(saved.error().message.find(m_db.string()), std::string::npos) << saved.error().message;
        EXPECT_EQ(saved.error().code, kindOf(StoreErrorKind::Io));

        auto loaded = store->loadConfiguration();
        ASSERT_TRUE(loaded.ok()) << loaded.error().message;
        EXPECT_EQ(*loaded, first);
    }
    // The connection is still usable after the rollback.
    EXPECT_TRUE(store->replaceConfiguration(sb::store::Configuration{}).ok());
}

TEST_F(StoreTest, CdrAppendAndRangeQuery) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    auto noAnswer = cdr(3000, "c");
    noAnswer.answerMs = 0;
    noAnswer.disposition = sb::store::Disposition::NoAnswer;
    noAnswer.sipCode = 480;
    ASSERT_TRUE(store->appendCdrs({cdr(5000, "e"), cdr(1000, "a")}).ok());
    ASSERT_TRUE(store->appendCdrs({noAnswer, cdr(2000, "b"), cdr(4000, "d")}).ok());
    ASSERT_TRUE(store->appendCdrs({}).ok());

    auto range = store->cdrsBetween(2000, 5000);  // [from, to): 5000 is out
    ASSERT_TRUE(range.ok()) << range.error().message;
    ASSERT_EQ(range->size(), 3u);
    EXPECT_EQ((*range)[0].callId, "b");
    EXPECT_EQ((*range)[1].callId, "c");
    EXPECT_EQ((*range)[2].callId, "d");
    for (const auto& r : *range) EXPECT_GT(r.id, 0);

    auto expected = noAnswer;
    expected.id = (*range)[1].id;
    EXPECT_EQ((*range)[1], expected);
    EXPECT_EQ((*range)[1].billableS(), 0);

    auto all = store->cdrsBetween(INT64_MIN, INT64_MAX);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 5u);
    EXPECT_EQ(all->front().callId, "a");
    EXPECT_EQ(all->back().callId, "e");

    auto none = store->cdrsBetween(6000, 7000);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_F(StoreTest, CdrKeepsItsFindingsAndOldRowsHaveNone) {
    {
        // A call written by schema 7, before the explainer.
        RawDb raw(m_db);
        auto migrated = schema::migrateForward(raw.handle(), m_db, 7);
        ASSERT_TRUE(migrated.ok()) << migrated.error().message;
        raw.exec(
            "INSERT INTO cdr (start_ms, answer_ms, end_ms, caller, callee, route, disposition, sip_code,"
            " reason, codec, call_id) VALUES (1000, 0, 2000, '100', '0139', 'ims', 'failed', 488, 'x',"
            " '', 'old')");
    }
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    auto failed = cdr(3000, "new");
    failed.disposition = sb::store::Disposition::Failed;
    failed.findings = {
        {"codecs-rejected", "line \"ims\" accepts none of the codecs", "Put PCMA first", "codecs"}};
    ASSERT_TRUE(store->appendCdrs({failed}).ok());
    auto all = store->cdrsBetween(0, 10000);
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_EQ(all->size(), 2u);
    EXPECT_TRUE((*all)[0].findings.empty());
    EXPECT_EQ((*all)[1].findings, failed.findings);
}

TEST_F(StoreTest, MigratesVersionZeroDatabase) {
    {
        RawDb raw(m_db);  // a real, empty SQLite file at user_version 0
        raw.exec("CREATE TABLE scratch (x); DROP TABLE scratch;");
        EXPECT_EQ(raw.integer("PRAGMA user_version"), 0);
    }
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->createdNow());  // the schema is new, so the engine seeds defaults
    ASSERT_TRUE(store->replaceConfiguration(richConfiguration()).ok());
    store.reset();

    RawDb raw(m_db);
    EXPECT_EQ(raw.integer("PRAGMA user_version"), Store::kSchemaVersion);
    EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                          " ('settings', 'extensions', 'lines', 'trunks', 'trunk_allowed_addresses',"
                          " 'trunk_dids', 'routes', 'cdr')"),
              8);
}

TEST_F(StoreTest, MigratesSchemaOneFileKeepingItsData) {
    {
        RawDb raw(m_db);
        auto migrated = schema::migrateForward(raw.handle(), m_db, 1);
        ASSERT_TRUE(migrated.ok()) << migrated.error().message;
        // What a Switchboard with schema 1 wrote.
        raw.exec(
            "INSERT INTO settings (id, config_version, domain, bind_address, sip_port, tls_port, "
            "rtp_port_min,"
            " rtp_port_max, outgroup_prefix, ringback, log_level)"
            " VALUES (1, 1, 'old.example', '0.0.0.0', 5060, 5061, 10000, 20000, '9', 'cn', 'info');"
            "INSERT INTO extensions (position, number, password, name, enabled) VALUES (0, '201', 'pw', "
            "'Old', 1);");
        EXPECT_EQ(raw.integer("PRAGMA user_version"), 1);
    }
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->createdNow());
    auto loaded = store->loadConfiguration();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;

    // The columns added later read back as the C++ defaults: the DEFAULTs in
    // the migration and the initialisers in records.h agree.
    Configuration expected;
    expected.settings.domain = "old.example";
    expected.extensions = {extension("201", "pw", "Old", true)};
    EXPECT_EQ(*loaded, expected);
    store.reset();
    EXPECT_EQ(RawDb(m_db).integer("PRAGMA user_version"), Store::kSchemaVersion);
}

TEST_F(StoreTest, SchemaFiveOldDefaultAuthAlgorithmsBecomesMd5Alone) {
    // Issue 19: the old default "MD5,SHA-256" kept baresip 1.0 phones from
    // registering; a database that still holds it gets the new default, a
    // list someone chose stays.
    for (const auto& [stored, expected] :
         {std::pair{"MD5,SHA-256", "MD5"}, std::pair{"SHA-256,MD5", "SHA-256,MD5"},
          std::pair{"SHA-256", "SHA-256"}}) {
        std::filesystem::remove(m_db);
        {
            RawDb raw(m_db);
            auto migrated = schema::migrateForward(raw.handle(), m_db, 5);
            ASSERT_TRUE(migrated.ok()) << migrated.error().message;
            const std::string insert =
                std::string(
                    "INSERT INTO settings (id, config_version, domain, bind_address, sip_port, tls_port,"
                    " rtp_port_min, rtp_port_max, outgroup_prefix, ringback, log_level, auth_algorithms)"
                    " VALUES (1, 1, 'old.example', '0.0.0.0', 5060, 5061, 10000, 20000, '9', 'cn',"
                    " 'info', '") +
                stored + "');";
            raw.exec(insert.c_str());
        }
        auto store = openOk(m_db);
        ASSERT_TRUE(store);
        auto loaded = store->loadConfiguration();
        ASSERT_TRUE(loaded.ok()) << loaded.error().message;
        EXPECT_EQ(loaded->settings.authAlgorithms, expected) << "stored " << stored;
    }
}

TEST_F(StoreTest, ZeroByteFileIsAnEmptyDatabase) {
    // What a first start leaves when it fails right after SQLite created the file.
    writeBytes(m_db, "");
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->createdNow());
    EXPECT_TRUE(store->loadConfiguration().ok());
}

TEST_F(StoreTest, WriteWhileAnotherWriterHoldsTheLockIsLocked) {
    auto store = openOk(m_db);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->replaceConfiguration(richConfiguration()).ok());
    {
        RawDb writer(m_db);
        writer.exec("BEGIN IMMEDIATE;");
        auto saved = store->replaceConfiguration(sb::store::Configuration{});
        ASSERT_FALSE(saved.ok());
        EXPECT_EQ(saved.error().code, kindOf(StoreErrorKind::Locked)) << saved.error().message;
        auto appended = store->appendCdrs({cdr(1, "x")});
        ASSERT_FALSE(appended.ok());
        EXPECT_EQ(appended.error().code, kindOf(StoreErrorKind::Locked)) << appended.error().message;
        // WAL readers are not blocked by the writer.
        auto loaded = store->loadConfiguration();
        ASSERT_TRUE(loaded.ok()) << loaded.error().message;
        EXPECT_EQ(*loaded, richConfiguration());
    }
    EXPECT_TRUE(store->replaceConfiguration(sb::store::Configuration{}).ok());
}

#ifndef _WIN32
TEST(StoreDefaultPath, FollowsXdgDataHomeThenHome) {
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    const char* oldHome = std::getenv("HOME");
    const std::string savedXdg = oldXdg ? oldXdg : "";
    const std::string savedHome = oldHome ? oldHome : "";

    setenv("XDG_DATA_HOME", "/srv/data", 1);
    EXPECT_EQ(sb::store::defaultDatabasePath(), fs::path("/srv/data/switchboard/switchboard.db"));
    setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the XDG spec says ignore it
    setenv("HOME", "/home/ann", 1);
    EXPECT_EQ(sb::store::defaultDatabasePath(),
              fs::path("/home/ann/.local/share/switchboard/switchboard.db"));
    unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(sb::store::defaultDatabasePath(),
              fs::path("/home/ann/.local/share/switchboard/switchboard.db"));

    if (oldXdg)
        setenv("XDG_DATA_HOME", savedXdg.c_str(), 1);
    else
        unsetenv("XDG_DATA_HOME");
    if (oldHome)
        setenv("HOME", savedHome.c_str(), 1);
    else
        unsetenv("HOME");
}
#endif

TEST(StoreRecords, TransportNamesRoundTrip) {
    using sb::store::Transport;
    for (Transport t : {Transport::Udp, Transport::Tcp, Transport::Tls}) {
        Transport parsed = Transport::Udp;
        ASSERT_TRUE(sb::store::parseTransport(sb::store::transportName(t), parsed));
        EXPECT_EQ(parsed, t);
    }
    Transport parsed = Transport::Udp;
    EXPECT_TRUE(sb::store::parseTransport("TLS", parsed));
    EXPECT_EQ(parsed, Transport::Tls);
    EXPECT_FALSE(sb::store::parseTransport("sctp", parsed));
    EXPECT_FALSE(sb::store::parseTransport("", parsed));
    EXPECT_STREQ(sb::store::transportName(Transport::Udp), "udp");
}

TEST(StoreRecords, DispositionNames) {
    using sb::store::Disposition;
    EXPECT_STREQ(sb::store::dispositionName(Disposition::Answered), "ANSWERED");
    EXPECT_STREQ(sb::store::dispositionName(Disposition::Busy), "BUSY");
    EXPECT_STREQ(sb::store::dispositionName(Disposition::NoAnswer), "NO ANSWER");
    EXPECT_STREQ(sb::store::dispositionName(Disposition::Cancelled), "CANCELLED");
    EXPECT_STREQ(sb::store::dispositionName(Disposition::Failed), "FAILED");
}

TEST_F(StoreTest, ReleaseMemoryEmptiesThePageCache) {
    auto store = openOk(m_db);
    for (int batch = 0; batch < 20; ++batch) {
        std::vector<CdrRecord> records;
        for (int i = 0; i < 250; ++i) records.push_back(cdr(batch * 1000 + i, "call-" + std::to_string(batch * 250 + i)));
        ASSERT_TRUE(store->appendCdrs(records).ok());
    }
    const size_t full = store->cacheBytes();
    EXPECT_GT(full, 256u * 1024) << "5,000 call records should have filled some of the cache";
    store->releaseMemory();
    EXPECT_LT(store->cacheBytes(), full / 4);
    // Still works, reading back through an empty cache.
    auto all = store->cdrsBetween(0, 1'000'000);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.value().size(), 5000u);
}


}  // namespace
}  // namespace sb::store::test
