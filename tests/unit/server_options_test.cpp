#include "server_options.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stop_signal.h"

namespace sb::app {
namespace {

Result<ServerOptions> parse(std::vector<std::string> args) {
    return parseServerOptions(args);
}

TEST(ServerOptions, ParsesTheSelfTest) {
    auto options = parse({"--db", "pbx.db", "--self-test", "ims", "--number", "+8613901088888", "--steps",
                          "options,call", "--step-timeout", "3", "--ring-time", "10", "--report", "r.txt"});
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->selfTestTarget, std::optional<std::string>("ims"));
    EXPECT_EQ(options->selfTestNumber, "+8613901088888");
    EXPECT_TRUE(options->selfTestOptions);
    EXPECT_FALSE(options->selfTestRegister);
    EXPECT_TRUE(options->selfTestCall);
    EXPECT_EQ(options->selfTestStepTimeoutMs, 3000u);
    EXPECT_EQ(options->selfTestRingMs, 10000u);
    EXPECT_EQ(options->selfTestReportFile, std::optional<std::filesystem::path>("r.txt"));

    auto defaults = parse({"--self-test", "carrier"});
    ASSERT_TRUE(defaults) << defaults.error().message;
    EXPECT_TRUE(defaults->selfTestOptions && defaults->selfTestRegister && defaults->selfTestCall);
    EXPECT_EQ(defaults->selfTestStepTimeoutMs, 8000u);
}

TEST(ServerOptions, RefusesBadSelfTestArguments) {
    EXPECT_NE(parse({"--self-test", "ims", "--steps", "options,dance"}).error().message.find("dance"),
              std::string::npos);
    EXPECT_NE(parse({"--self-test", "ims", "--step-timeout", "0"}).error().message.find("1-120"),
              std::string::npos);
    EXPECT_NE(parse({"--self-test", "ims", "--ring-time", "x"}).error().message.find("--ring-time"),
              std::string::npos);
    EXPECT_FALSE(parse({"--self-test", "ims", "--import", "c.json"}));
    EXPECT_FALSE(parse({"--self-test"}));
}

TEST(ServerOptions, ParsesTheServingOptions) {
    auto options = parse({"--db", "pbx.db", "--sip-port", "5070", "--tls-port", "0", "--bind", "127.0.0.1",
                          "--log-level", "debug"});
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->engine.databasePath, "pbx.db");
    EXPECT_EQ(options->engine.sipPort, 5070);
    EXPECT_EQ(options->engine.tlsPort, 0);
    EXPECT_EQ(options->engine.bindAddress, "127.0.0.1");
    EXPECT_EQ(options->engine.logLevel, LogLevel::Debug);
    EXPECT_TRUE(options->engine.traceSip);
    EXPECT_FALSE(options->runAsService);
}

TEST(ServerOptions, RefusesWhatItCannotUse) {
    EXPECT_EQ(parse({"--sip-port", "70000"}).error().message,
              "--sip-port: expected a port number 0-65535, got '70000'");
    EXPECT_EQ(parse({"--db"}).error().message, "--db: missing value");
    EXPECT_EQ(parse({"--frobnicate"}).error().message, "unknown option '--frobnicate' (see --help)");
    EXPECT_EQ(parse({"--import", "a.json", "--export", "b.json"}).error().message,
              "--import and --export cannot be combined");
}

TEST(ServerOptions, ServiceIsWindowsOnlyAndHidden) {
    auto options = parse({"--service", "--db", "C:\\ProgramData\\Switchboard\\switchboard.db"});
#ifdef _WIN32
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_TRUE(options->runAsService);
    EXPECT_FALSE(parse({"--service", "--export", "out.json"}));
#else
    ASSERT_FALSE(options);
    EXPECT_EQ(options.error().message, "--service is only available on Windows");
#endif
    EXPECT_EQ(serverUsage().find("--service"), std::string::npos);
}

TEST(StopSignal, RequestedStopIsSeenAndStays) {
    // No installStopHandler(): this process's signals stay as the test runner set them.
    requestStop();
    EXPECT_TRUE(waitForStop(std::chrono::milliseconds(0)));
    EXPECT_TRUE(waitForStop(std::chrono::milliseconds(0)));
}

}  // namespace
}  // namespace sb::app
