#pragma once

// Shared by the store tests: a scratch folder per test, a raw second
// connection, and sample records.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "store/schema.h"
#include "store/store.h"

namespace sb::store::test {

namespace fs = std::filesystem;

/// A second, raw connection: plays the other program, or the hand that
/// edits a file behind Switchboard's back.
class RawDb {
public:
    explicit RawDb(const fs::path& path) { EXPECT_EQ(sqlite3_open(path.string().c_str(), &m_db), SQLITE_OK); }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const char* sql) {
        char* err = nullptr;
        EXPECT_EQ(sqlite3_exec(m_db, sql, nullptr, nullptr, &err), SQLITE_OK)
            << sql << ": " << (err ? err : "");
        sqlite3_free(err);
    }
    std::string text(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        std::string out;
        EXPECT_EQ(sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
    int64_t integer(const char* sql) { return std::stoll(text(sql)); }
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

inline std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Built field by field so a field added to Extension later does not break
/// every brace initialiser here (-Wmissing-field-initializers).
inline Extension extension(std::string number, std::string password, std::string name, bool enabled,
                           bool qualify = false) {
    Extension e;
    e.number = std::move(number);
    e.password = std::move(password);
    e.name = std::move(name);
    e.enabled = enabled;
    e.qualify = qualify;
    return e;
}

inline sb::store::Configuration richConfiguration() {
    Configuration c;
    c.version = 1;
    c.settings.domain = "pbx.example.com";
    c.settings.bindAddress = "192.0.2.10";
    c.settings.sipPort = 5070;
    c.settings.tlsPort = 5071;
    c.settings.rtpPortMin = 30000;
    c.settings.rtpPortMax = 30100;
    c.settings.outgroupPrefix = "0";
    c.settings.ringback = "eu";
    c.settings.logLevel = "debug";
    c.settings.authAlgorithms = "SHA-256";
    c.settings.minExpiresS = 30;
    c.settings.maxExpiresS = 7200;
    c.settings.defaultExpiresS = 1800;
    c.settings.maxContacts = 4294967295u;
    c.settings.nonceLifetimeS = 0;
    c.settings.qualifyIntervalS = 15;
    c.settings.tlsCertificate = "/etc/switchboard/cert.pem";
    c.settings.tlsPrivateKey = "C:\\Users\\Ann\\key.pem";
    c.settings.prackAutoDisable = false;
    c.settings.traceFile = "/var/log/switchboard/sip-trace.log";
    c.settings.traceFileMaxMb = 250;
    c.settings.authFailLimit = 0;
    c.settings.authFailWindowS = 4294967295u;
    c.settings.banTimeS = 1;
    c.settings.allowList = {};
    c.settings.dropScanners = false;
    c.settings.rateLimit = 100000;
    c.settings.maxCalls = 0;
    c.settings.codecs = {"G722", "PCMA"};
    c.settings.tlsCaFile = "/etc/ssl/carriers.pem";
    c.settings.tcpMaxPerAddress = 0;
    c.settings.tcpIdleTimeoutS = 86400;
    c.settings.maxOpenFiles = 1048576;
    c.settings.maxMemoryMb = 64;
    c.settings.promptLanguage = "zh";
    c.settings.musicOnHold = "/srv/music on hold.wav";
    c.settings.voicemailMaxMessages = 7;
    c.extensions = {extension("201", "secret201", "Reception", true, true),
                    extension("100", "pa'ss\"; DROP TABLE extensions; --", "Büro 北京", false),
                    extension("150", "", "", true)};
    c.extensions[1].voicemail = true;
    c.extensions[1].voicemailPin = "1234";
    c.extensions[1].voicemailGreeting = "/srv/gr\u00fc\u00dfe.wav";
    c.extensions[1].voicemailMaxS = 45;
    c.extensions[1].forwardAlways = "*97201";
    c.extensions[1].forwardBusy = "201";
    c.extensions[1].forwardNoAnswer = "+8613901088888";
    c.extensions[1].forwardNoAnswerS = 12;
    c.extensions[1].dnd = true;
    c.settings.blacklist = {"+86139", "anonymous"};
    c.settings.blacklistAnswer = 486;
    ExternalLine ims;
    ims.name = "ims";
    ims.domain = "ims.mnc001.mcc460.3gppnetwork.org";
    ims.account = "+8613901088888";
    ims.authId = "+8613901088888@ims.mnc001.mcc460.3gppnetwork.org";
    ims.password = "pw";
    ims.authIdIncludesAddress = true;
    ims.proxy = "10.0.0.1:5060";
    ims.transport = Transport::Tcp;
    ims.registerEnabled = false;
    ims.expiresS = 4294967295u;
    ims.disable100rel = true;
    ims.userPhone = false;
    ims.incomingExtension = "201";
    ims.enabled = false;
    ims.callerId = "+8613901000000";
    ims.tlsVerify = false;
    ims.forwardHeader = "history-info";
    ExternalLine plain;
    plain.name = "voip";
    plain.domain = "sip.example.net";
    plain.account = "alice";
    c.lines = {ims, plain};
    SipTrunk carrier;
    carrier.name = "carrier";
    carrier.host = "trunk.example.org";
    carrier.port = 65535;
    carrier.transport = Transport::Tls;
    carrier.proxy = "sbc.example.org:5061";
    carrier.requestUriParams = "user=phone;npdi";
    carrier.disable100rel = true;
    carrier.allowedAddresses = {"203.0.113.9", "198.51.100.0/24", "203.0.113.9"};
    carrier.dids = {{"+4930123456", "201"}, {"+4930123457", "100"}};
    carrier.enabled = false;
    carrier.forwardHeader = "none";
    carrier.authUser = "office@trunk.example.org";
    carrier.authPassword = "it's \"quoted\"";
    carrier.callerId = "";
    carrier.callerIdPrefix = "+4930123";
    carrier.defaultExtension = "100";
    carrier.tlsVerify = false;
    SipTrunk bare;
    bare.name = "bare";
    bare.host = "192.0.2.99";
    c.trunks = {carrier, bare};
    c.routes = {{"9XXXX.", 1, "", "carrier", "voip", {"201", "150"}},
                {"0[1-5]Z.", 0, "+49", "ims", "", {}},
                {"N", -1, "x", "voip", "carrier", {"100"}}};
    sb::store::IvrMenu menu;
    menu.number = "500";
    menu.name = "Zentrale 总机";
    menu.prompt = "/srv/menü.wav";
    menu.options = {{"1", "extension:201"}, {"9", "menu:501"}, {"*", "voicemail:100"}, {"#", "hangup"}};
    menu.timeoutS = 4;
    menu.timeoutDestination = "extension:150";
    menu.invalidRetries = 0;
    menu.invalidDestination = "menu:501";
    menu.fallbackDestination = "voicemail:100";
    menu.openDays = {"sat", "mon"};
    menu.openFrom = "00:00";
    menu.openTo = "23:59";
    menu.closedDestination = "hangup";
    sb::store::IvrMenu second;
    second.number = "501";
    c.menus = {menu, second};
    c.conferenceRooms = {{"100", "2468", "Board"}, {"7", "", ""}};
    return c;
}

inline sb::store::CdrRecord cdr(int64_t startMs, std::string callId) {
    sb::store::CdrRecord r;
    r.startMs = startMs;
    r.answerMs = startMs + 2000;
    r.endMs = startMs + 62000;
    r.caller = "201";
    r.callee = "+4930123456";
    r.route = "carrier";
    r.disposition = sb::store::Disposition::Answered;
    r.sipCode = 200;
    r.reason = "BYE from callee";
    r.codec = "PCMA";
    r.callId = std::move(callId);
    return r;
}

inline int kindOf(StoreErrorKind kind) {
    return static_cast<int>(kind);
}

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        m_dir = fs::temp_directory_path() /
                ("sb-store-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        ASSERT_TRUE(fs::create_directories(m_dir));
        m_db = m_dir / "switchboard.db";
    }

    void TearDown() override {
#ifndef _WIN32
        for (const fs::path& p : m_immutable)
            if (std::system(("chattr -i '" + p.string() + "' 2>/dev/null").c_str()) != 0)
                ADD_FAILURE() << "could not undo chattr +i on " << p;
#endif
        std::error_code ec;
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_dir, ec);
    }

    std::unique_ptr<Store> openOk(const fs::path& path) {
        auto opened = Store::open(path);
        EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    /// Make a file or folder refuse writes, even to root. Returns why that
    /// was impossible here, or an empty string.
    std::string makeUnwritable(const fs::path& p) {
#ifdef _WIN32
        (void)p;
        return "no technique to make a path unwritable is implemented on Windows";
#else
        // Root ignores permission bits; the immutable attribute (ext4, xfs,
        // btrfs, tmpfs >= 6.0) stops root too.
        if (geteuid() == 0) {
            if (std::system(("chattr +i '" + p.string() + "' 2>/dev/null").c_str()) != 0)
                return "running as root and chattr +i is unavailable on " + p.string();
            m_immutable.push_back(p);
        } else {
            fs::permissions(p, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                            fs::perm_options::remove);
        }
        if (fs::is_directory(p)) {
            const fs::path probe = p / "probe";
            const int fd = ::open(probe.c_str(), O_CREAT | O_WRONLY, 0600);
            if (fd >= 0) {
                ::close(fd);
                fs::remove(probe);
                return "could not make folder unwritable: " + p.string();
            }
        } else if (const int fd = ::open(p.c_str(), O_WRONLY); fd >= 0) {
            ::close(fd);
            return "could not make file unwritable: " + p.string();
        }
        return {};
#endif
    }

    fs::path m_dir;
    fs::path m_db;
    std::vector<fs::path> m_immutable;
};

}  // namespace sb::store::test
