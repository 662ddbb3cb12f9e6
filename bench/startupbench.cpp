// Benchmark 6: process start to first painted window, for the app (app/main.cpp's sequence),
// the app opening a session of 100 sockets, and a bare Qt window as the reference.
#include "bench/benchmarks.h"

#include "core/base/clock.h"
#include "core/workbench.h"
#include "ui/mainwindow.h"
#include "ui/sockets/socketspanel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMainWindow>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <functional>

#include <cstdio>
#include <cstring>

namespace bench {

namespace {

constexpr int kSessionSockets = 100;

// 50 watched TCP listeners and 50 watched UDP sockets on 127.0.0.1, ports picked by the kernel.
QByteArray sessionJson()
{
    QJsonArray sockets;
    for (int i = 0; i < kSessionSockets; ++i) {
        QJsonObject o;
        const bool tcp = i % 2 == 0;
        o.insert(QLatin1String("family"), QLatin1String("AF_INET"));
        o.insert(QLatin1String("type"), tcp ? QLatin1String("SOCK_STREAM") : QLatin1String("SOCK_DGRAM"));
        o.insert(QLatin1String("bind"), QLatin1String("127.0.0.1:0"));
        if (tcp) {
            o.insert(QLatin1String("listen"), true);
            o.insert(QLatin1String("backlog"), 128);
        }
        o.insert(QLatin1String("watch"), true);
        sockets.append(o);
    }
    QJsonObject root;
    root.insert(QLatin1String("format"), QLatin1String("socket-workbench-session"));
    root.insert(QLatin1String("version"), 1);
    root.insert(QLatin1String("sockets"), sockets);
    return QJsonDocument(root).toJson();
}

// Notices the first paint of a window; reports once that frame has been handled entirely.
class FirstPaint final : public QObject
{
public:
    FirstPaint(QWidget *window, std::function<void()> painted) : m_window(window), m_painted(std::move(painted)) {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType()
            && static_cast<QWidget *>(watched)->window() == m_window) {
            m_seen = true;
            QTimer::singleShot(0, this, m_painted); // after the whole frame is painted and flushed
        }
        return false;
    }

private:
    QWidget *m_window;
    std::function<void()> m_painted;
    bool m_seen = false;
};

void say(const char *what, qint64 ns)
{
    std::printf("%s %lld\n", what, static_cast<long long>(ns));
    std::fflush(stdout);
}

struct Timing
{
    double paintMs = -1;
    double readyMs = -1;
};

Timing runChild(const QString &program, const QStringList &arguments)
{
    Timing t;
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.setStandardErrorFile(QProcess::nullDevice());
    const qint64 start = core::monoNs();
    child.start(program, arguments);
    if (!child.waitForFinished(30'000)) {
        child.kill();
        child.waitForFinished(5000);
        return t;
    }
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 2)
            continue;
        const double ms = double(parts[1].toLongLong() - start) / 1e6;
        if (parts[0] == "painted")
            t.paintMs = ms;
        else if (parts[0] == "ready")
            t.readyMs = ms;
    }
    return t;
}

} // namespace

int startupChild(int argc, char **argv)
{
    const bool reference = argc > 2 && std::strcmp(argv[2], "reference") == 0;
    const QString session = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    int qtArgc = 1; // the app is started with its own arguments only
    QApplication app(qtArgc, argv);
    bool painted = false;
    bool ready = session.isEmpty();
    const auto maybeQuit = [&] {
        if (painted && ready)
            QCoreApplication::quit();
    };
    QTimer::singleShot(20'000, &app, &QCoreApplication::quit); // bounded, whatever happens

    if (reference) {
        QMainWindow window;
        window.setCentralWidget(new QLabel(QStringLiteral("A bare Qt window"), &window));
        window.resize(1500, 950);
        FirstPaint watcher(&window, [&] { say("painted", core::monoNs()); painted = true; maybeQuit(); });
        app.installEventFilter(&watcher);
        window.show();
        return app.exec();
    }

    // app/main.cpp, step for step.
    QApplication::setApplicationName(QStringLiteral("Socket Workbench"));
    QApplication::setOrganizationName(QStringLiteral("socket-workbench"));
    core::Workbench workbench;
    ui::MainWindow window(workbench);
    FirstPaint watcher(&window, [&] { say("painted", core::monoNs()); painted = true; maybeQuit(); });
    app.installEventFilter(&watcher);
    window.show();
    QTimer poll;
    if (!session.isEmpty()) {
        QString error;
        if (!window.openSessionFile(session, &error)) {
            std::fprintf(stderr, "swbench: %s\n", qPrintable(error));
            return 2;
        }
        // Ready: every socket of the session set up, watched, and listed in the sockets tree.
        const QAbstractItemModel *tree = window.socketsPanel()->view()->model();
        QObject::connect(&poll, &QTimer::timeout, &app, [&, tree] {
            int done = 0;
            for (const core::SocketInfo &info : workbench.sockets().snapshot())
                done += info.watching && (info.state == core::SocketState::Listening || info.state == core::SocketState::Bound);
            if (done == kSessionSockets && tree->rowCount() == kSessionSockets) {
                poll.stop();
                say("ready", core::monoNs());
                ready = true;
                maybeQuit();
            }
        });
        poll.start(2);
    }
    return app.exec();
}

QJsonObject runStartup(const Options &options, const QString &program)
{
    QTemporaryDir dir;
    const QString sessionPath = dir.filePath(QStringLiteral("session.json"));
    QFile file(sessionPath);
    file.open(QIODevice::WriteOnly);
    file.write(sessionJson());
    file.close();

    const int runs = options.quick ? 1 : 7;
    const QStringList referenceArgs{QStringLiteral("--startup-child"), QStringLiteral("reference")};
    const QStringList appArgs{QStringLiteral("--startup-child"), QStringLiteral("app")};
    const QStringList sessionArgs{QStringLiteral("--startup-child"), QStringLiteral("app"), sessionPath};
    if (!options.quick) { // warm the page cache and the font cache; not counted
        runChild(program, referenceArgs);
        runChild(program, appArgs);
    }
    std::vector<double> reference, plain, withSession, sessionReady;
    Report report;
    for (int i = 0; i < runs; ++i) {
        const Timing r = runChild(program, referenceArgs);
        const Timing a = runChild(program, appArgs);
        const Timing s = runChild(program, sessionArgs);
        if (r.paintMs < 0 || a.paintMs < 0 || s.paintMs < 0 || s.readyMs < 0) {
            report.fail(QStringLiteral("a start-up child did not paint or get ready within 20 s"));
            continue;
        }
        reference.push_back(r.paintMs);
        plain.push_back(a.paintMs);
        withSession.push_back(s.paintMs);
        sessionReady.push_back(s.readyMs);
    }
    const double ratio = median(reference) > 0 ? median(plain) / median(reference) : 0;
    report.set(QStringLiteral("first_paint_ms"), median(plain));
    report.set(QStringLiteral("first_paint_session_100_ms"), median(withSession));
    report.set(QStringLiteral("session_100_ready_ms"), median(sessionReady));
    report.set(QStringLiteral("bare_qt_window_first_paint_ms"), median(reference));
    report.set(QStringLiteral("ratio_vs_bare_qt"), ratio);
    report.set(QStringLiteral("runs"), runs);
    report.setAccounted(report.complete(), QStringLiteral("start-up runs failed"));

    report.row(QStringLiteral("start to first paint"), formatMs(median(plain)), formatMs(median(reference)) + QStringLiteral(" (Qt)"),
               formatRatio(ratio));
    report.row(QStringLiteral("same, 100-socket session"), formatMs(median(withSession)), {}, {});
    report.row(QStringLiteral("100-socket session ready"), formatMs(median(sessionReady)), {}, {});
    return report.toJson();
}

} // namespace bench
