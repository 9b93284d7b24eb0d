#include "platform/process_resources.h"

#include <gtest/gtest.h>

#ifndef _WIN32
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace sb {
namespace {

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) close(fd);
    }
};

TEST(ProcessResources, SeesAnAcceptedConnectionAndShutsItDown) {
    Fd listener{socket(AF_INET, SOCK_STREAM, 0)};
    ASSERT_GE(listener.fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(listener.fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    ASSERT_EQ(listen(listener.fd, 4), 0);
    socklen_t len = sizeof(addr);
    ASSERT_EQ(getsockname(listener.fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    const uint16_t port = ntohs(addr.sin_port);

    Fd client{socket(AF_INET, SOCK_STREAM, 0)};
    ASSERT_EQ(connect(client.fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    Fd accepted{accept(listener.fd, nullptr, nullptr)};
    ASSERT_GE(accepted.fd, 0);
    sockaddr_in clientAddr{};
    len = sizeof(clientAddr);
    ASSERT_EQ(getsockname(client.fd, reinterpret_cast<sockaddr*>(&clientAddr), &len), 0);

    const platform::ProcessSnapshot snap = platform::snapshotProcess({port});
    ASSERT_TRUE(snap.supported);
    EXPECT_GE(snap.openFiles, 3u);
    // Only the accepted end: not the listener (no peer), not the client (other local port).
    ASSERT_EQ(snap.streams.size(), 1u);
    EXPECT_EQ(snap.streams[0].fd, accepted.fd);
    EXPECT_EQ(snap.streams[0].localPort, port);
    const auto& peer = reinterpret_cast<const sockaddr_in&>(snap.streams[0].peer);
    EXPECT_EQ(peer.sin_port, clientAddr.sin_port);
    EXPECT_LT(snap.streams[0].idleMs, 5000u);

    platform::shutDownStream(accepted.fd);
    pollfd p{client.fd, POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 2000), 1);
    char byte = 0;
    EXPECT_EQ(read(client.fd, &byte, 1), 0);  // the peer sees an orderly close
}

TEST(ProcessResources, ResidentMemoryGrowsWithTouchedPages) {
    const uint64_t before = platform::residentBytes();
    ASSERT_GT(before, 0u);
    std::vector<char> block(64 * 1024 * 1024);
    std::memset(block.data(), 1, block.size());
    const uint64_t after = platform::residentBytes();
    EXPECT_GE(after, before + 48u * 1024 * 1024) << before << " -> " << after;
    EXPECT_EQ(block[block.size() / 2], 1);
}

TEST(ProcessResources, OpenFileLimitFollowsTheSetting) {
    const int system = platform::applyOpenFileLimit(0);
    ASSERT_GE(system, 256);
    EXPECT_EQ(platform::applyOpenFileLimit(256), 256);
    EXPECT_EQ(platform::applyOpenFileLimit(0), system);  // and back
}

}  // namespace
}  // namespace sb
#endif
