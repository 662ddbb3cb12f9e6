#include "ui/lookup/lookuppanel.h"

#include "core/calls/lookuptext.h"
#include "core/lookup/lookupflags.h"
#include "core/lookup/resolver.h"
#include "core/net/constants.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"
#include "ui/journal/journalmodel.h"
#include "ui/widgets/themecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

enum EntryColumn { FamilyColumn, TypeColumn, ProtoColumn, CanonNameColumn, AddressColumn, EntryColumnCount };
constexpr int kAddressRole = Qt::UserRole + 1; // the core::SocketAddress of the row

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QLabel *selectableLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAccessibleName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

LookupPanel::LookupPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
{
    setObjectName(QStringLiteral("lookupPanel"));
    setAccessibleName(tr("Lookups"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildFields());
    layout->addWidget(buildButtons());
    layout->addWidget(buildResult(), 1);

    updateToolTips();
}

QWidget *LookupPanel::buildFields()
{
    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    auto addField = [&](const QString &label, QWidget *field, const QString &toolTip) {
        field->setAccessibleName(label);
        field->setToolTip(toolTip);
        form->addRow(label, field);
    };
    m_host = new QLineEdit(QStringLiteral("localhost"), fields);
    addField(tr("Host"), m_host, tr("host of socket.gethostbyname(host), socket.gethostbyname_ex(host) and "
                                   "socket.getaddrinfo(host, port); empty is None"));
    m_address = new QLineEdit(QStringLiteral("127.0.0.1"), fields);
    addField(tr("Address"), m_address, tr("ip_address of socket.gethostbyaddr(ip_address) and the host of "
                                         "socket.getnameinfo((host, port), flags)"));
    m_port = new QLineEdit(fields);
    m_port->setPlaceholderText(tr("None"));
    addField(tr("Port"), m_port, tr("port of socket.getaddrinfo(host, port) (a number or a service name; empty is "
                                   "None) and of socket.getnameinfo((host, port), flags)"));
    m_family = new QComboBox(fields);
    m_family->addItem(tr("Any"), 0);
    m_family->addItem(QStringLiteral("AF_INET"), core::sock::AfInet);
    m_family->addItem(QStringLiteral("AF_INET6"), core::sock::AfInet6);
    addField(tr("Family"), m_family, tr("family of socket.getaddrinfo(host, port, family); Any is 0 (AF_UNSPEC)"));
    m_type = new QComboBox(fields);
    m_type->addItem(tr("Any"), 0);
    m_type->addItem(QStringLiteral("SOCK_STREAM"), core::sock::Stream);
    m_type->addItem(QStringLiteral("SOCK_DGRAM"), core::sock::Dgram);
    addField(tr("Type"), m_type, tr("type of socket.getaddrinfo(host, port, family, type); Any is 0"));

    // The two sets of flags share one place (a tab each): the panel fits a window 750 px high.
    auto *flagTabs = new QTabWidget(fields);
    flagTabs->setAccessibleName(tr("Lookup flags"));
    flagTabs->setDocumentMode(true);
    auto *aiBox = new QWidget(flagTabs);
    aiBox->setAccessibleName(tr("getaddrinfo flags"));
    m_aiFlags = addFlags(aiBox, core::lookup::addressInfoFlags(), QStringLiteral("getaddrinfo"));
    flagTabs->addTab(aiBox, tr("getaddrinfo flags"));
    auto *niBox = new QWidget(flagTabs);
    niBox->setAccessibleName(tr("getnameinfo flags"));
    m_niFlags = addFlags(niBox, core::lookup::nameInfoFlags(), QStringLiteral("getnameinfo"));
    flagTabs->addTab(niBox, tr("getnameinfo flags"));
    form->addRow(flagTabs);

    for (QLineEdit *edit : {m_host, m_address, m_port})
        connect(edit, &QLineEdit::textChanged, this, &LookupPanel::updateToolTips);
    for (QComboBox *combo : {m_family, m_type})
        connect(combo, &QComboBox::currentIndexChanged, this, &LookupPanel::updateToolTips);
    return fields;
}

QList<QCheckBox *> LookupPanel::addFlags(QWidget *box, std::span<const core::NamedValue> flags, const QString &function)
{
    auto *grid = new QGridLayout(box);
    QList<QCheckBox *> boxes;
    constexpr int kColumns = 2; // a flag name is long (AI_NUMERICSERV): two per row fit a ~330 px dock
    for (const core::NamedValue &flag : flags) {
        const QString name = QString::fromLatin1(flag.name);
        auto *check = new QCheckBox(name, box);
        check->setAccessibleName(name);
        check->setToolTip(tr("adds socket.%1 to the flags of socket.%2()").arg(name, function));
        check->setProperty("flagValue", flag.value);
        connect(check, &QCheckBox::toggled, this, &LookupPanel::updateToolTips);
        grid->addWidget(check, int(boxes.size()) / kColumns, int(boxes.size()) % kColumns);
        boxes << check;
    }
    return boxes;
}

QPushButton *LookupPanel::addButton(QWidget *parent, const QString &label, void (LookupPanel::*slot)())
{
    auto *button = new QPushButton(label, parent);
    button->setAccessibleName(label);
    connect(button, &QPushButton::clicked, this, slot);
    return button;
}

QWidget *LookupPanel::buildButtons()
{
    auto *buttons = new QWidget(this);
    auto *grid = new QGridLayout(buttons);
    grid->setContentsMargins(0, 0, 0, 0);
    m_gethostname = addButton(buttons, QStringLiteral("gethostname"), &LookupPanel::runGethostname);
    m_gethostbyname = addButton(buttons, QStringLiteral("gethostbyname"), &LookupPanel::runGethostbyname);
    m_gethostbynameEx = addButton(buttons, QStringLiteral("gethostbyname_ex"), &LookupPanel::runGethostbynameEx);
    m_getaddrinfo = addButton(buttons, QStringLiteral("getaddrinfo"), &LookupPanel::runGetaddrinfo);
    m_gethostbyaddr = addButton(buttons, QStringLiteral("gethostbyaddr"), &LookupPanel::runGethostbyaddr);
    m_getnameinfo = addButton(buttons, QStringLiteral("getnameinfo"), &LookupPanel::runGetnameinfo);
    const QList<QPushButton *> all{m_gethostname, m_gethostbyname, m_gethostbynameEx,
                                   m_getaddrinfo, m_gethostbyaddr, m_getnameinfo};
    for (int i = 0; i < all.size(); ++i)
        grid->addWidget(all[i], i / 2, i % 2);
    return buttons;
}

QWidget *LookupPanel::buildResult()
{
    auto *result = new QWidget(this);
    auto *layout = new QVBoxLayout(result);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    m_call = selectableLabel(tr("Call"), result);
    m_call->setToolTip(tr("The lookup as Python wrote it"));
    form->addRow(tr("Call"), m_call);
    m_result = selectableLabel(tr("Result"), result);
    form->addRow(tr("Result"), m_result);
    m_duration = selectableLabel(tr("Duration"), result);
    m_duration->setToolTip(tr("How long the lookup took"));
    form->addRow(tr("Duration"), m_duration);
    layout->addLayout(form);

    m_entries = new QTableWidget(0, EntryColumnCount, result);
    m_entries->setAccessibleName(tr("Addresses"));
    m_entries->setToolTip(tr("The addresses found: one row per (family, type, proto, canonname, sockaddr) tuple "
                             "of socket.getaddrinfo(); double-click one to use it"));
    const QStringList headers{tr("Family"), tr("Type"), tr("Proto"), tr("Canonname"), tr("Address")};
    m_entries->setHorizontalHeaderLabels(headers);
    m_entries->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_entries->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_entries->setSelectionMode(QAbstractItemView::SingleSelection);
    m_entries->verticalHeader()->hide();
    m_entries->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics(m_entries->font());
    const auto widthOf = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 12; };
    m_entries->setColumnWidth(FamilyColumn, widthOf(QStringLiteral("AF_INET6")));
    m_entries->setColumnWidth(TypeColumn, widthOf(QStringLiteral("SOCK_DGRAM")));
    m_entries->setColumnWidth(ProtoColumn, widthOf(headers[ProtoColumn]));
    m_entries->setColumnWidth(CanonNameColumn, widthOf(headers[CanonNameColumn]));
    // The address is what a person picks a row for: shown third, before proto and canonname
    // (the tuple's order is in the tooltip and the call), so it is seen in a dock ~340 px wide.
    m_entries->setColumnWidth(AddressColumn, widthOf(QStringLiteral("[::ffff:127.0.0.1]:65535")));
    m_entries->horizontalHeader()->moveSection(AddressColumn, ProtoColumn);
    layout->addWidget(m_entries, 1);

    auto *row = new QHBoxLayout;
    m_use = addButton(result, tr("Use as address"), &LookupPanel::chooseCurrent);
    m_use->setToolTip(tr("Hands the selected address on, e.g. for sk.connect(address) or sk.bind(address)"));
    m_use->setEnabled(false);
    m_cancel = addButton(result, tr("Cancel lookup"), &LookupPanel::cancelLookup);
    m_cancel->setToolTip(tr("Stops waiting for the lookup; the resolver ends on its own thread and its result "
                            "is dropped"));
    m_cancel->setEnabled(false);
    row->addWidget(m_use);
    row->addWidget(m_cancel);
    row->addStretch(1);
    layout->addLayout(row);

    connect(m_entries, &QTableWidget::currentCellChanged, this,
            [this](int currentRow) { m_use->setEnabled(currentRow >= 0); });
    connect(m_entries, &QTableWidget::cellDoubleClicked, this, &LookupPanel::chooseRow);
    return result;
}

int LookupPanel::selectedFamily() const
{
    return m_family->currentData().toInt();
}

int LookupPanel::selectedType() const
{
    return m_type->currentData().toInt();
}

int LookupPanel::flagsOf(const QList<QCheckBox *> &boxes) const
{
    int flags = 0;
    for (const QCheckBox *box : boxes) {
        if (box->isChecked())
            flags |= box->property("flagValue").toInt();
    }
    return flags;
}

// getnameinfo's (host, port): the Address field with the Port field (0 when empty).
core::Result<core::SocketAddress> LookupPanel::nameInfoAddress() const
{
    const QString host = m_address->text().trimmed();
    const QString port = m_port->text().trimmed().isEmpty() ? QStringLiteral("0") : m_port->text().trimmed();
    const bool v6 = host.contains(QLatin1Char(':'));
    return core::parseAddress(v6 ? QStringLiteral("[%1]:%2").arg(host, port) : QStringLiteral("%1:%2").arg(host, port),
                              v6 ? core::sock::AfInet6 : core::sock::AfInet);
}

void LookupPanel::updateToolTips()
{
    namespace lookup = core::lookup;
    const QString host = m_host->text().trimmed();
    const QString port = m_port->text().trimmed();
    m_gethostname->setToolTip(lookup::gethostnameCall());
    m_gethostbyname->setToolTip(lookup::gethostbynameCall(host));
    m_gethostbynameEx->setToolTip(lookup::gethostbynameExCall(host));
    m_getaddrinfo->setToolTip(
        lookup::getaddrinfoCall(host, port, selectedFamily(), selectedType(), 0, flagsOf(m_aiFlags)));
    m_gethostbyaddr->setToolTip(lookup::gethostbyaddrCall(m_address->text().trimmed()));
    const auto address = nameInfoAddress();
    m_getnameinfo->setToolTip(address ? lookup::getnameinfoCall(address.value(), flagsOf(m_niFlags))
                                      : tr("socket.getnameinfo((host, port), flags): %1").arg(address.error().message));
}

void LookupPanel::runGethostname()
{
    started(m_workbench.gethostname());
}

void LookupPanel::runGethostbyname()
{
    started(m_workbench.gethostbyname(m_host->text().trimmed()));
}

void LookupPanel::runGethostbynameEx()
{
    started(m_workbench.gethostbynameEx(m_host->text().trimmed()));
}

void LookupPanel::runGetaddrinfo()
{
    started(m_workbench.getaddrinfo(m_host->text().trimmed(), m_port->text().trimmed(), selectedFamily(),
                                    selectedType(), 0, flagsOf(m_aiFlags)));
}

void LookupPanel::runGethostbyaddr()
{
    started(m_workbench.gethostbyaddr(m_address->text().trimmed()));
}

void LookupPanel::runGetnameinfo()
{
    const auto address = nameInfoAddress();
    if (!address) {
        m_latest = 0;
        m_cancel->setEnabled(false);
        m_call->setText(tr("socket.getnameinfo((host, port), flags)"));
        m_duration->clear();
        m_entries->setRowCount(0);
        showError(address.error().message);
        return;
    }
    started(m_workbench.getnameinfo(address.value(), flagsOf(m_niFlags)));
}

void LookupPanel::started(core::CallId id)
{
    m_latest = id;
    const core::CallRecord record = m_workbench.journal().call(id);
    m_call->setText(record.call);
    m_entries->setRowCount(0);
    m_use->setEnabled(false);
    if (record.finished()) {
        m_latest = 0;
        showOutcome(record);
        return;
    }
    m_result->setText(JournalModel::resultText(record));
    setTextColor(m_result, palette().color(QPalette::PlaceholderText));
    m_result->setToolTip(QString());
    m_duration->clear();
    m_cancel->setEnabled(true);
    // Only the latest lookup's outcome is shown; an earlier one finishing late is in the journal.
    m_watcher->watch(id, [this](const core::CallRecord &finished) {
        if (finished.id != m_latest)
            return;
        m_latest = 0;
        showOutcome(finished);
    });
}

void LookupPanel::showOutcome(const core::CallRecord &record)
{
    m_cancel->setEnabled(false);
    m_duration->setText(JournalModel::durationText(record.durationNs));
    const QString text = JournalModel::resultText(record);
    if (record.outcome.status == core::CallStatus::Failed) {
        showError(text);
        return;
    }
    m_result->setText(text);
    m_result->setToolTip(text);
    setTextColor(m_result, record.outcome.status == core::CallStatus::Cancelled
                               ? palette().color(QPalette::PlaceholderText)
                               : palette().color(QPalette::WindowText));
    if (!record.outcome.lookup)
        return;
    const QList<core::AddressInfo> &entries = record.outcome.lookup->entries;
    m_entries->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const core::AddressInfo &entry = entries[row];
        // gethostbyname and friends find hosts, not ports: their addresses show without port 0.
        const QString address = !entry.address.isValid() ? QString()
                              : entry.address.port() == 0 ? entry.address.host()
                                                          : entry.address.toText();
        const QStringList cells{core::constantName(core::addressFamilies(), entry.family),
                                entry.type ? core::constantName(core::socketTypes(), entry.type) : QString(),
                                QString::number(entry.proto), entry.canonName, address};
        for (int column = 0; column < EntryColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells[column]);
            item->setData(kAddressRole, QVariant::fromValue(entry.address));
            m_entries->setItem(row, column, item);
        }
    }
    if (!entries.isEmpty())
        m_entries->setCurrentCell(0, 0);
}

void LookupPanel::showError(const QString &text)
{
    m_result->setText(text);
    m_result->setToolTip(text);
    setTextColor(m_result, ThemeColors::of(palette()).error);
}

void LookupPanel::cancelLookup()
{
    if (m_latest)
        m_workbench.cancel(m_latest);
}

// An IP result without a port (gethostbyname's, or getaddrinfo's with port None) takes the port
// typed in the Port field when it is chosen, if that is a number.
QString LookupPanel::addressText(const core::SocketAddress &address) const
{
    const int family = address.family();
    if ((family != core::sock::AfInet && family != core::sock::AfInet6) || address.port() != 0)
        return address.toText();
    const auto port = core::parsePort(m_port->text());
    if (!port || port.value() == 0)
        return address.toText();
    return family == core::sock::AfInet6 ? QStringLiteral("[%1]:%2").arg(address.host()).arg(port.value())
                                         : QStringLiteral("%1:%2").arg(address.host()).arg(port.value());
}

void LookupPanel::chooseRow(int row)
{
    const QTableWidgetItem *item = m_entries->item(row, AddressColumn);
    if (!item)
        return;
    const auto address = item->data(kAddressRole).value<core::SocketAddress>();
    if (address.isValid())
        emit addressChosen(addressText(address), address.family());
}

void LookupPanel::chooseCurrent()
{
    chooseRow(m_entries->currentRow());
}

} // namespace ui
