#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include <span>

namespace core {

// The named socket options the workbench offers, with how their values are typed, encoded for
// setsockopt and decoded from getsockopt.
enum class OptionKind {
    Int,         // an int: SO_RCVBUF 65536
    Bool,        // an int used as a flag: SO_REUSEADDR 1
    Linger,      // struct linger: "1,0" (on, seconds) or "off"
    Membership4, // struct ip_mreq: "224.0.0.251" or "224.0.0.251,192.168.1.2"
    Membership6, // struct ipv6_mreq: "ff02::1" or "ff02::1,eth0"
    ReadOnlyInt, // SO_ERROR, SO_TYPE: getsockopt only
};

struct OptionSpec
{
    const char *name;      // SO_REUSEADDR
    const char *levelName; // SOL_SOCKET
    int level;
    int optname;
    OptionKind kind;
    const char *help;      // English, marked for lupdate (context "core"): optionHelp() translates it
    bool inPython = true;  // Python 3.11's socket module has the name (not SO_TIMESTAMPNS, IP_PKTINFO)
};

// A value ready for setsockopt, with its Python spelling (1, struct.pack('ii', 1, 0), ...).
struct OptionValue
{
    QByteArray raw;
    QString python;
    QString text; // what the person typed, trimmed (kept with the socket's settings)
    // setsockopt(level, option, None, optlen): no buffer, this length (the kernel reads nothing).
    std::optional<quint32> nullLength;

    bool operator==(const OptionValue &) const = default;
};

// Which option a setsockopt/getsockopt call names: the kernel's level and number, and the
// workbench's entry for it when it has one (its name, how its value reads). The kernel, not the
// table, decides which options exist: one without an entry goes by its numbers, setsockopt(41, 51, 1).
struct OptionRef
{
    int level = 0;
    int optname = 0;
    const OptionSpec *spec = nullptr;

    OptionRef() = default;
    OptionRef(const OptionSpec *known); // NOLINT: a table entry is a reference to its option
    static OptionRef byNumber(int level, int optname); // with the table's entry, if it has one

    explicit operator bool() const { return spec || level || optname; }
    // getsockopt's buffer for the window's reads: the entry's struct, else an int (0).
    int bufferSize() const;
    // socket.SOL_SOCKET, socket.SO_REUSEADDR; the numbers when the table has no entry: 41, 51
    QString pythonArgs() const;
    // getsockopt's answer as Python returns it: an int for buflen 0, else the bytes.
    static QString pythonResult(QByteArrayView raw, int buflen);
    // As people read it: the entry's reading ("on, 5 s"), else the int or the bytes in hex.
    QString describe(QByteArrayView raw) const;
};

// An option set on a socket: which option, and the value it got.
struct OptionSetting
{
    const OptionSpec *spec = nullptr; // an entry of socketOptions(): static, never dangling
    OptionValue value;

    bool operator==(const OptionSetting &) const = default;
};

// What a socket was set to, one entry per option (a later set replaces the value, the order of
// first setting is kept: a session sets them again in that order).
class OptionSettings
{
public:
    void set(const OptionSpec &spec, OptionValue value);
    const OptionValue *find(const OptionSpec &spec) const;
    const OptionValue *find(QStringView name) const;
    bool isEmpty() const { return m_settings.isEmpty(); }
    qsizetype size() const { return m_settings.size(); }
    void clear() { m_settings.clear(); }
    QList<OptionSetting>::const_iterator begin() const { return m_settings.cbegin(); }
    QList<OptionSetting>::const_iterator end() const { return m_settings.cend(); }

    bool operator==(const OptionSettings &) const = default;

private:
    QList<OptionSetting> m_settings;
};

// One option read back with getsockopt: the kernel's bytes, or the errno it refused with
// (IPV6_V6ONLY on an IPv4 socket: EOPNOTSUPP).
struct OptionReading
{
    const OptionSpec *spec = nullptr;
    QByteArray raw;
    int error = 0;

    bool ok() const { return error == 0; }
    QString text() const; // describeOption(), or the errno's name
};

// Every readable option of a socket, in the order of socketOptions().
class OptionReadings
{
public:
    void add(OptionReading reading) { m_readings.append(std::move(reading)); }
    const OptionReading *find(QStringView name) const;
    bool isEmpty() const { return m_readings.isEmpty(); }
    void clear() { m_readings.clear(); }
    QList<OptionReading>::const_iterator begin() const { return m_readings.cbegin(); }
    QList<OptionReading>::const_iterator end() const { return m_readings.cend(); }

private:
    QList<OptionReading> m_readings;
};

std::span<const OptionSpec> socketOptions();
const OptionSpec *findOption(QStringView name);
// What the option does, in the window's language (spec.help is the English).
QString optionHelp(const OptionSpec &spec);

// Parses what a person typed for this option.
Result<OptionValue> encodeOption(const OptionSpec &spec, QStringView text);

// getsockopt's buffer as text people read ("212992", "on, 5 s") and as Python returns it.
QString describeOption(const OptionSpec &spec, QByteArrayView raw);
QString pythonOptionResult(const OptionSpec &spec, QByteArrayView raw);
// The getsockopt buffer size to ask for: 0 for the int forms (Python's default), else the struct size.
int optionBufferSize(const OptionSpec &spec);

// Any option by number (the options tab's raw row): a level as a name (SOL_SOCKET, IPPROTO_TCP,
// IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP) or a number, an option as a number or the name of a
// table entry of that level; a value as an int or as hex bytes (struct bytes, as Python's
// setsockopt takes a bytes value). The kernel, not these parsers, decides if the option exists.
Result<OptionRef> parseOptionRef(QStringView level, QStringView option);
// Whether an option is one a socket of this family can have: the write-only multicast memberships
// (never read back) go by their level's family; every other option is the kernel's to answer.
bool optionAppliesTo(const OptionSpec &spec, int family);
Result<OptionValue> encodeRawOption(QStringView text, bool bytes);

// Python spelling of the level and name: socket.SOL_SOCKET, socket.SO_REUSEADDR; the number
// where the module has no name (socket.SOL_SOCKET, 35).
QString pythonOptionArgs(const OptionSpec &spec);

} // namespace core
