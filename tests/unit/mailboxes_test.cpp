// The voicemail index on the engine thread, and the MWI body phones read.

#include <gtest/gtest.h>

#include "services/mailboxes.h"
#include "services/prompts.h"
#include "sip/mwi_notifier.h"

namespace sb::services {
namespace {

store::VoicemailMessage message(const std::string& mailbox, int64_t at) {
    store::VoicemailMessage m;
    m.mailbox = mailbox;
    m.caller = "100";
    m.receivedMs = at;
    m.durationMs = 2000;
    m.file = mailbox + "/" + std::to_string(at) + ".wav";
    return m;
}

TEST(Mailboxes, IdsFollowTheStoredOnesAndEveryChangeIsPersistedAndAnnounced) {
    std::vector<store::VoicemailMessage> saved, removed;
    std::vector<std::string> changed;
    Mailboxes::Hooks hooks;
    hooks.save = [&](const auto& m) { saved.push_back(m); };
    hooks.remove = [&](const auto& m) { removed.push_back(m); };
    hooks.changed = [&](const std::string& box) { changed.push_back(box); };
    auto stored = message("101", 1);
    stored.id = 41;
    Mailboxes boxes("/data/voicemail", {stored}, hooks);

    const auto added = boxes.add(message("101", 2));
    EXPECT_EQ(added.id, 42);
    boxes.add(message("102", 3));
    EXPECT_EQ(boxes.count("101"), 2u);
    EXPECT_EQ(boxes.unheard("101"), 2u);
    boxes.markHeard(41);
    boxes.markHeard(41);  // once is enough
    EXPECT_EQ(boxes.unheard("101"), 1u);
    EXPECT_TRUE(boxes.remove(42));
    EXPECT_FALSE(boxes.remove(42));
    EXPECT_EQ(boxes.of("101").size(), 1u);
    ASSERT_EQ(saved.size(), 3u);  // two added, one marked heard
    EXPECT_TRUE(saved.back().heard);
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].file, "101/2.wav");
    EXPECT_EQ(changed, (std::vector<std::string>{"101", "102", "101", "101"}));
    EXPECT_NE(boxes.newFileName("101", 5), boxes.newFileName("101", 5));

    // A recording too short to keep: its file goes, nothing else changes.
    boxes.discard(message("101", 6));
    ASSERT_EQ(removed.size(), 2u);
    EXPECT_EQ(removed[1].file, "101/6.wav");
    EXPECT_EQ(removed[1].id, 0);
    EXPECT_EQ(boxes.count("101"), 1u);
    EXPECT_EQ(changed.size(), 4u);
}

TEST(Mwi, SummaryFollowsRfc3842) {
    EXPECT_EQ(sip::MwiNotifier::summary("sip:101@pbx", 2, 1),
              "Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx\r\nVoice-Message: 2/1 (0/0)\r\n");
    EXPECT_EQ(sip::MwiNotifier::summary("sip:101@pbx", 0, 3).substr(0, 21), "Messages-Waiting: no\r");
}

TEST(Prompts, EveryPromptTheServicesPlayIsShipped) {
    for (const char* language : {"en", "zh"}) {
        for (const auto& name : promptNames()) {
            const auto file = std::filesystem::path(SB_SOURCE_DIR) / "resources" / "prompts" / language / (name + ".wav");
            EXPECT_TRUE(std::filesystem::is_regular_file(file)) << file;
        }
    }
}

}  // namespace
}  // namespace sb::services
