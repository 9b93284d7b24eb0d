#include "sip/register_credentials.h"

#include <re.h>

namespace sb::sip {

struct RegisterCredentials {
    char* username;
    char* password;
};

namespace {
void destroyCredentials(void* arg) {
    auto* c = static_cast<RegisterCredentials*>(arg);
    mem_deref(c->username);
    mem_deref(c->password);
}
}  // namespace

RegisterCredentials* newRegisterCredentials(const std::string& user, const std::string& password) {
    auto* c = static_cast<RegisterCredentials*>(mem_zalloc(sizeof(RegisterCredentials), &destroyCredentials));
    if (c && (str_dup(&c->username, user.c_str()) || str_dup(&c->password, password.c_str())))
        c = static_cast<RegisterCredentials*>(mem_deref(c));
    return c;
}

int answerRegisterChallenge(char** username, char** password, const char*, void* arg) {
    auto* c = static_cast<RegisterCredentials*>(arg);
    int err = str_dup(username, c->username);
    if (!err) err = str_dup(password, c->password);
    return err;
}

}  // namespace sb::sip
