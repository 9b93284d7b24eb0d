#pragma once

// Credentials for libre's sipreg_register(). They live in a libre object
// that the registration's auth context references (aref), so an
// un-REGISTER libre sends after we dropped the registration can still
// answer a challenge.

#include <string>

namespace sb::sip {

struct RegisterCredentials;

/// A new libre object holding @p user and @p password (release with
/// mem_deref), or null when out of memory.
RegisterCredentials* newRegisterCredentials(const std::string& user, const std::string& password);

/// libre's sip_auth_h for sipreg_register(): @p arg is a RegisterCredentials.
int answerRegisterChallenge(char** username, char** password, const char* realm, void* arg);

}  // namespace sb::sip
