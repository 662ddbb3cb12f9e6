#include "ui/sockets/socketchoicemodel.h"
#include "ui/sockets/sockettreemodel.h"

#include "core/store/socketregistry.h"
#include "core/workbench.h"
#include "tests/core/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QComboBox>
#include <QRegularExpression>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

using namespace core;

// The views of the socket list: the Sockets tree and the traffic log's socket filter. Both take
// only what changed in the registry, insert a burst of new sockets at once and signal only the
// rows that changed, so 10,000 accepted connections do not stall the window.
class tst_SocketModels : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void registryReportsWhatChanged();
    void treeInsertsRunsAndRefreshesOnlyChanges();
    void treePutsOrphansAtTopLevel();
    void choicesFollowTheRegistry();
    void comboKeepsItsChoiceWhileSocketsArrive();
    void burstOfRealConnectionsLandsUnderItsListener();
};

namespace {

SocketInfo info(int id, int parentId = -1, SocketState state = SocketState::Connected)
{
    SocketInfo s;
    s.id = id;
    s.parentId = parentId;
    s.name = QStringLiteral("sk%1").arg(id);
    s.family = AF_INET;
    s.type = SOCK_STREAM;
    s.state = state;
    s.fd = id + 2;
    return s;
}

QList<int> idsOf(const QList<SocketSnapshot> &list)
{
    QList<int> ids;
    for (const SocketSnapshot &s : list)
        ids.append(s->id);
    return ids;
}

} // namespace

void tst_SocketModels::init()
{
    // In init(), not initTestCase(): Qt 6.4 forgets the patterns after each test function.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QObject|QTimer|thread|QAbstractItemModel|model")));
}

void tst_SocketModels::registryReportsWhatChanged()
{
    SocketRegistry registry;
    quint64 version = 0;
    QVERIFY(registry.changedSince(0, &version).isEmpty());
    QCOMPARE(version, quint64(0));

    registry.publish(info(3));
    registry.publish(info(1));
    registry.publish(info(2, -1, SocketState::Closed));
    QCOMPARE(idsOf(registry.changedSince(version, &version)), (QList<int>{3, 1, 2})); // creation order
    QVERIFY(registry.changedSince(version, &version).isEmpty());
    QCOMPARE(registry.openCount(), 2);

    SocketInfo changed = info(1);
    changed.bytesIn = 42;
    registry.publish(changed);
    const QList<SocketSnapshot> since = registry.changedSince(version, &version);
    QCOMPARE(idsOf(since), QList<int>{1});
    QCOMPARE(since.first()->bytesIn, quint64(42));
    QCOMPARE(idsOf(registry.changedSince(0, nullptr)), (QList<int>{3, 1, 2}));
    QCOMPARE(registry.ids(), (QList<int>{3, 1, 2}));
    QCOMPARE(registry.info(1).bytesIn, quint64(42));
    QCOMPARE(registry.info(7).id, -1);
}

void tst_SocketModels::treeInsertsRunsAndRefreshesOnlyChanges()
{
    SocketRegistry registry;
    ui::SocketTreeModel tree(registry);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&tree, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&tree, &QAbstractItemModel::dataChanged);

    constexpr int kChildren = 1000;
    registry.publish(info(1, -1, SocketState::Listening));
    for (int i = 0; i < kChildren; ++i)
        registry.publish(info(100 + i, 1));
    registry.publish(info(2));
    tree.refresh();
    // Three runs: the listener, its connections, the socket after them.
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(tree.rowCount(), 2);
    const QModelIndex listener = tree.indexOf(1);
    QCOMPARE(listener.row(), 0);
    QCOMPARE(tree.rowCount(listener), kChildren);
    QCOMPARE(tree.indexOf(2).row(), 1);
    const QModelIndex child = tree.indexOf(100 + 498);
    QCOMPARE(child.row(), 498);
    QCOMPARE(tree.parent(child), listener);
    QCOMPARE(tree.socketId(tree.index(999, 0, listener)), 100 + 999);

    // One connection's counters change: one dataChanged, that row only.
    SocketInfo busy = info(100 + 498, 1);
    busy.bytesIn = 5;
    busy.recordsIn = 1;
    registry.publish(busy);
    inserted.clear();
    tree.refresh();
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    const QModelIndex from = changed.first().at(0).value<QModelIndex>();
    const QModelIndex to = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(from.row(), 498);
    QCOMPARE(to.row(), 498);
    QCOMPARE(tree.parent(from), listener);
    QCOMPARE(to.column(), tree.columnCount() - 1);
    QVERIFY(tree.data(tree.index(498, ui::SocketTreeModel::In, listener)).toString().contains(QLatin1String("(1)")));

    // Nothing changed: nothing signalled.
    changed.clear();
    tree.refresh();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 0);

    // Two far-apart rows change: one range from the first to the last.
    registry.publish(info(100 + 10, 1, SocketState::Closed));
    registry.publish(info(100 + 900, 1, SocketState::Closed));
    tree.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 10);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 900);
    QCOMPARE(tree.openCount(), 2 + kChildren - 2);
}

void tst_SocketModels::treePutsOrphansAtTopLevel()
{
    SocketRegistry registry;
    ui::SocketTreeModel tree(registry);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    registry.publish(info(5, 77)); // its listener never reached the registry
    registry.publish(info(6, 5));
    tree.refresh();
    QCOMPARE(tree.rowCount(), 1);
    QCOMPARE(tree.indexOf(5).parent(), QModelIndex());
    QCOMPARE(tree.parent(tree.indexOf(6)), tree.indexOf(5));
    // Sockets arriving later under a known parent go under it, in order.
    registry.publish(info(7, 5));
    tree.refresh();
    QCOMPARE(tree.rowCount(tree.indexOf(5)), 2);
    QCOMPARE(tree.indexOf(7).row(), 1);
}

void tst_SocketModels::choicesFollowTheRegistry()
{
    SocketRegistry registry;
    ui::SocketChoiceModel choices(registry);
    QAbstractItemModelTester tester(&choices, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(choices.rowCount(), 1);
    QCOMPARE(choices.data(choices.index(0), ui::SocketChoiceModel::SocketIdRole).toInt(), -1);
    QCOMPARE(choices.data(choices.index(0)).toString(), QStringLiteral("All sockets"));

    QSignalSpy inserted(&choices, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&choices, &QAbstractItemModel::dataChanged);
    for (int id = 1; id <= 500; ++id)
        registry.publish(info(id));
    choices.refresh();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(choices.rowCount(), 501);
    QCOMPARE(choices.rowOf(250), 250);
    QCOMPARE(choices.data(choices.index(250)).toString(), QStringLiteral("sk250  TCP"));

    // A counter changes: the label does not, so nothing is signalled.
    SocketInfo counted = info(250);
    counted.bytesIn = 9;
    registry.publish(counted);
    choices.refresh();
    QCOMPARE(changed.size(), 0);
    // It is bound: the label shows the address.
    SocketInfo bound = info(250);
    bound.local = SocketAddress::ipv4(0x7f000001, 8080);
    registry.publish(bound);
    choices.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(choices.data(choices.index(250)).toString(), QStringLiteral("sk250  TCP  127.0.0.1:8080"));

    // A socket the registry does not know yet is listed by number until it is published.
    const int row = choices.ensureListed(900);
    QCOMPARE(row, 501);
    QCOMPARE(choices.data(choices.index(row)).toString(), QStringLiteral("#900"));
    QCOMPARE(choices.ensureListed(900), row);
    registry.publish(info(900));
    choices.refresh();
    QCOMPARE(choices.rowCount(), 502);
    QCOMPARE(choices.data(choices.index(row)).toString(), QStringLiteral("sk900  TCP"));
    QCOMPARE(choices.rowOf(-1), 0);
    QCOMPARE(choices.rowOf(12345), -1);
}

void tst_SocketModels::comboKeepsItsChoiceWhileSocketsArrive()
{
    SocketRegistry registry;
    ui::SocketChoiceModel choices(registry);
    QComboBox combo;
    combo.setModel(&choices);
    for (int id = 1; id <= 3; ++id)
        registry.publish(info(id));
    choices.refresh();
    combo.setCurrentIndex(choices.rowOf(2));
    QSignalSpy picked(&combo, &QComboBox::currentIndexChanged);

    // More sockets, and the chosen one relabelled: still the same choice, no change signalled.
    for (int id = 4; id <= 200; ++id)
        registry.publish(info(id));
    SocketInfo bound = info(2);
    bound.local = SocketAddress::ipv4(0x7f000001, 9000);
    registry.publish(bound);
    choices.refresh();
    QCOMPARE(combo.currentData(ui::SocketChoiceModel::SocketIdRole).toInt(), 2);
    QCOMPARE(combo.currentText(), QStringLiteral("sk2  TCP  127.0.0.1:9000"));
    QCOMPARE(picked.size(), 0);
    QCOMPARE(combo.count(), 201);

    // A socket chosen before the registry has it: listed by number, then by name.
    combo.setCurrentIndex(choices.ensureListed(500));
    QCOMPARE(combo.currentText(), QStringLiteral("#500"));
    registry.publish(info(500));
    choices.refresh();
    QCOMPARE(combo.currentText(), QStringLiteral("sk500  TCP"));
    QCOMPARE(combo.currentData(ui::SocketChoiceModel::SocketIdRole).toInt(), 500);
}

void tst_SocketModels::burstOfRealConnectionsLandsUnderItsListener()
{
    Workbench wb;
    ui::SocketTreeModel tree(wb.sockets());
    ui::SocketChoiceModel choices(wb.sockets());
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester choicesTester(&choices, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&wb.sockets(), &SocketRegistry::changed, &choices, &ui::SocketChoiceModel::refresh);
    QSignalSpy inserted(&tree, &QAbstractItemModel::rowsInserted);

    const int listener = wb.createSocket(AF_INET, SOCK_STREAM).socketId;
    QVERIFY(testsupport::succeeded(testsupport::finished(wb, wb.bind(listener, SocketAddress::ipv4(0x7f000001, 0)))));
    QVERIFY(testsupport::succeeded(testsupport::finished(wb, wb.listen(listener, 512))));
    const SocketAddress address = testsupport::finished(wb, wb.sockName(listener)).outcome.address;
    wb.setWatch(listener, true);
    QTRY_VERIFY_WITH_TIMEOUT(tree.indexOf(listener).isValid(), 5000);
    inserted.clear();

    constexpr int kClients = 300;
    std::vector<int> clients;
    for (int i = 0; i < kClients; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        clients.push_back(fd);
        QCOMPARE(::connect(fd, address.data(), address.length()), 0);
    }
    const QModelIndex parent = tree.indexOf(listener);
    QTRY_COMPARE_WITH_TIMEOUT(tree.rowCount(parent), kClients, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(choices.rowCount(), 2 + kClients, 5000);
    // Batched: far fewer insertions than connections (one per coalesced registry change at most).
    QVERIFY2(inserted.size() < kClients / 4, qPrintable(QString::number(inserted.size())));
    for (int row = 0; row < kClients; ++row) {
        const QModelIndex child = tree.index(row, 0, parent);
        QCOMPARE(tree.parent(child), parent);
        QCOMPARE(tree.indexOf(tree.socketId(child)), child);
    }
    for (int fd : clients)
        ::close(fd);
    // Every accepted socket reads the EOF and shows it; none leaves the tree.
    const auto allSawEof = [&] {
        for (int row = 0; row < kClients; ++row) {
            if (tree.info(tree.socketId(tree.index(row, 0, parent))).state != SocketState::HalfClosedRead)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allSawEof(), 10000);
    QCOMPARE(tree.rowCount(parent), kClients);
    QCOMPARE(tree.openCount(), kClients + 1); // half-closed by the peer, still open here
}

QTEST_MAIN(tst_SocketModels)
#include "tst_socketmodels.moc"
