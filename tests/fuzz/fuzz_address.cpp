// libFuzzer target: core::parseAddress for AF_INET, AF_INET6 (scope ids, tuples) and AF_UNIX
// (paths, @abstract and \0abstract names). The first byte picks the family (byte % 3: 0 AF_INET,
// 1 AF_INET6, 2 AF_UNIX) and, with its top bit, UTF-16 input; the rest is the typed text.
// Invariants for an address that parses: it has the asked family; its toText() parses back to
// the same address (the form tables and session files use) but for an IPv6 flow label, which the
// short text leaves out; for IP families toPython() parses back to exactly the same address;
// its sockaddr bytes copy back to the same address; IP text with a NUL in it never parses.
#include "tests/fuzz/fuzzinput.h"

#include "core/net/socketaddress.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace {

// The short text leaves out an IPv6 flow label, by design (toPython() keeps it).
core::SocketAddress withoutFlowLabel(const core::SocketAddress &address)
{
    if (address.family() != AF_INET6)
        return address;
    sockaddr_in6 in6;
    std::memcpy(&in6, address.data(), sizeof in6);
    in6.sin6_flowinfo = 0;
    return core::SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&in6), sizeof in6);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static constexpr int kFamilies[] = {AF_INET, AF_INET6, AF_UNIX};
    const int family = kFamilies[data[0] % 3];
    const QString typed = fuzz::text(data + 1, size - 1, data[0] & 0x80);

    const auto parsed = core::parseAddress(typed, family);
    if (!parsed)
        return 0;
    const core::SocketAddress &address = parsed.value();
    fuzz::check(address.isValid() && address.family() == family, "parsed address has the family asked for", typed);
    if (family != AF_UNIX)
        fuzz::check(!typed.contains(QChar(0)), "an IP address never contains NUL", typed);

    const QString text = address.toText();
    const auto again = core::parseAddress(text, family);
    fuzz::check(again.ok(), "toText() parses again", typed + QStringLiteral(" -> ") + text);
    fuzz::check(again.value() == withoutFlowLabel(address), "toText() parses to the same address",
                typed + QStringLiteral(" -> ") + text);

    const QString python = address.toPython();
    if (family != AF_UNIX) {
        const auto fromPython = core::parseAddress(python, family);
        fuzz::check(fromPython.ok() && fromPython.value() == address, "toPython() parses to the same address",
                    typed + QStringLiteral(" -> ") + python);
    }
    fuzz::check(core::SocketAddress::fromSockaddr(address.data(), address.length()) == address,
                "sockaddr bytes copy to the same address", typed);
    (void)address.host();
    (void)address.port();
    (void)address.isAbstract();
    (void)address.isUnnamed();
    (void)core::qHash(address);
    return 0;
}
