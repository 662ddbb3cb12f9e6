#include "ui/socket/optionspanel.h"

#include "core/net/socketoptions.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"
#include "ui/widgets/themecolors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {
enum Column { NameColumn, LevelColumn, ValueColumn };
}

OptionsPanel::OptionsPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
    , m_table(new QTableWidget(int(core::socketOptions().size()), 3, this))
    , m_value(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_set(new QPushButton(tr("setsockopt"), this))
{
    m_table->setAccessibleName(tr("Socket options"));
    m_table->setHorizontalHeaderLabels({tr("Option"), tr("Level"), tr("Value")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LevelColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    int row = 0;
    for (const core::OptionSpec &spec : core::socketOptions()) {
        auto *name = new QTableWidgetItem(QString::fromLatin1(spec.name));
        name->setToolTip(core::optionHelp(spec));
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, LevelColumn, new QTableWidgetItem(QString::fromLatin1(spec.levelName)));
        m_table->setItem(row, ValueColumn, new QTableWidgetItem());
        ++row;
    }

    auto *get = new QPushButton(tr("getsockopt"), this);
    get->setAccessibleName(tr("getsockopt"));
    get->setToolTip(QStringLiteral("sk.getsockopt(level, option)"));
    m_set->setAccessibleName(tr("setsockopt"));
    m_set->setToolTip(QStringLiteral("sk.setsockopt(level, option, value)"));
    m_value->setAccessibleName(tr("Option value"));
    m_value->setPlaceholderText(tr("value: 1, 65536, on, '1,0' (linger), 224.0.0.251 (group)…"));
    setErrorText(m_error, true);
    m_error->setWordWrap(true);
    m_error->hide();
    connect(&workbench.sockets(), &core::SocketRegistry::changed, this, &OptionsPanel::showValues);
    connect(get, &QPushButton::clicked, this, &OptionsPanel::readSelected);
    connect(m_set, &QPushButton::clicked, this, &OptionsPanel::setSelected);
    connect(m_value, &QLineEdit::returnPressed, this, &OptionsPanel::setSelected);
    connect(m_value, &QLineEdit::textChanged, this, &OptionsPanel::validate);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = selectedRow();
        m_value->setToolTip(row >= 0 ? core::optionHelp(core::socketOptions()[size_t(row)]) : QString());
        validate();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_value, 1);
    buttons->addWidget(m_set);
    buttons->addWidget(get);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_error);
    m_table->selectRow(0);
}

void OptionsPanel::setSocket(int socketId)
{
    m_socketId = socketId;
    setEnabled(socketId >= 0);
    showValues();
}

// The live values the socket's I/O thread reads once a second (Workbench::refreshLive).
void OptionsPanel::showValues()
{
    const core::SocketInfo info = m_workbench.sockets().info(m_socketId);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, NameColumn)->text();
        const core::OptionReading *reading = m_socketId >= 0 ? info.optionValues.find(name) : nullptr;
        const QString value = reading ? reading->text() : QString();
        QTableWidgetItem *item = m_table->item(row, ValueColumn);
        if (item->text() != value)
            item->setText(value);
        item->setForeground(reading && !reading->ok() ? QBrush(ThemeColors::of(m_table->palette()).error) : QBrush());
    }
}

int OptionsPanel::selectedRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void OptionsPanel::validate()
{
    const int row = selectedRow();
    if (row < 0 || m_value->text().trimmed().isEmpty()) {
        m_error->hide();
        return;
    }
    const auto encoded = core::encodeOption(core::socketOptions()[size_t(row)], m_value->text());
    m_error->setText(encoded ? QString() : encoded.error().message);
    m_error->setVisible(!encoded);
}

void OptionsPanel::readRow(int row)
{
    if (m_socketId < 0 || row < 0)
        return;
    const core::OptionSpec &spec = core::socketOptions()[size_t(row)];
    if (spec.kind == core::OptionKind::Membership4 || spec.kind == core::OptionKind::Membership6)
        return; // write-only in the kernel
    QTableWidgetItem *value = m_table->item(row, ValueColumn);
    value->setText(tr("…"));
    m_watcher->watch(m_workbench.getOption(m_socketId, spec), [value](const core::CallRecord &r) {
        const bool ok = r.outcome.status == core::CallStatus::Done;
        value->setText(ok ? r.outcome.note : QStringLiteral("%1 (%2)").arg(r.outcome.errorName, r.outcome.result));
        value->setForeground(ok ? QBrush() : QBrush(ThemeColors::application().error));
        value->setToolTip(r.outcome.result);
    });
}

void OptionsPanel::readSelected()
{
    readRow(selectedRow());
}

void OptionsPanel::setSelected()
{
    const int row = selectedRow();
    if (m_socketId < 0 || row < 0)
        return;
    const core::OptionSpec &spec = core::socketOptions()[size_t(row)];
    const auto encoded = core::encodeOption(spec, m_value->text());
    if (!encoded) {
        m_error->setText(encoded.error().message);
        m_error->show();
        m_value->setFocus();
        return;
    }
    // The outcome belongs to the socket the option was set on, which may no longer be shown.
    m_watcher->watch(m_workbench.setOption(m_socketId, spec, encoded.value()), [this](const core::CallRecord &r) {
        if (r.outcome.status == core::CallStatus::Done)
            m_workbench.refreshLive(r.socketId); // the value column shows what the kernel kept
        if (r.socketId != m_socketId)
            return;
        if (r.outcome.status == core::CallStatus::Done) {
            m_error->hide();
        } else {
            m_error->setText(QStringLiteral("%1 (%2)").arg(r.outcome.result, r.outcome.errorName));
            m_error->show();
        }
    });
}

} // namespace ui
