#include "ui/socket/optionspanel.h"

#include "core/net/socketoptions.h"
#include "core/recipes/callwatcher.h"
#include "core/workbench.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cerrno>

namespace ui {

namespace {

enum Column { NameColumn, LevelColumn, ValueColumn };

} // namespace

OptionsPanel::OptionsPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_watcher(new core::CallWatcher(workbench.journal(), this))
    , m_table(new QTableWidget(int(core::socketOptions().size()), 3, this))
    , m_value(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_set(new QPushButton(tr("setsockopt"), this))
    , m_onlyThis(new QCheckBox(tr("Only options this socket has"), this))
    , m_rawLevel(new QLineEdit(this))
    , m_rawOption(new QLineEdit(this))
    , m_rawForm(new QComboBox(this))
    , m_rawValue(new QLineEdit(this))
    , m_rawBuflen(new QSpinBox(this))
    , m_rawError(new FieldMessage(this))
    , m_rawResult(new QLabel(this))
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
    m_onlyThis->setAccessibleName(tr("Only options this socket has"));
    m_onlyThis->setToolTip(tr("Hide the options the kernel refuses for this kind of socket (ENOPROTOOPT, EOPNOTSUPP)"));
    m_onlyThis->setChecked(true);
    connect(m_onlyThis, &QCheckBox::toggled, this, &OptionsPanel::showValues);
    layout->addWidget(m_onlyThis);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_error);
    QWidget *raw = makeRawRow();
    layout->addWidget(raw);
    setTabChain({m_onlyThis, m_table, m_value, m_set, get, raw});
    m_table->selectRow(0);
}

QWidget *OptionsPanel::makeRawRow()
{
    auto *box = new QGroupBox(tr("Any option by number"), this);
    m_rawLevel->setAccessibleName(tr("Raw option level"));
    m_rawLevel->setPlaceholderText(tr("level: SOL_SOCKET, IPPROTO_TCP, 41"));
    m_rawLevel->setText(QStringLiteral("SOL_SOCKET"));
    m_rawOption->setAccessibleName(tr("Raw option number"));
    m_rawOption->setPlaceholderText(tr("option: 15, TCP_NODELAY"));
    m_rawForm->addItem(tr("int"), false);
    m_rawForm->addItem(tr("bytes (hex)"), true);
    m_rawForm->setAccessibleName(tr("Raw option form"));
    m_rawForm->setToolTip(tr("setsockopt(level, option, 1) takes an int; setsockopt(level, option, b'...') the bytes of a struct"));
    m_rawValue->setAccessibleName(tr("Raw option value"));
    m_rawValue->setPlaceholderText(tr("value for setsockopt"));
    m_rawBuflen->setRange(0, 1024);
    m_rawBuflen->setAccessibleName(tr("buflen"));
    m_rawBuflen->setToolTip(tr("getsockopt(level, option, buflen): 0 reads an int; more reads that many bytes"));
    m_rawBuflen->setPrefix(tr("buflen "));
    m_rawResult->setAccessibleName(tr("Raw option result"));
    m_rawResult->setWordWrap(true);
    m_rawResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *get = new QPushButton(tr("getsockopt"), box);
    get->setAccessibleName(tr("Raw getsockopt"));
    get->setToolTip(QStringLiteral("sk.getsockopt(level, option, buflen)"));
    auto *set = new QPushButton(tr("setsockopt"), box);
    set->setAccessibleName(tr("Raw setsockopt"));
    set->setToolTip(QStringLiteral("sk.setsockopt(level, option, value)"));
    connect(get, &QPushButton::clicked, this, &OptionsPanel::readRaw);
    connect(set, &QPushButton::clicked, this, &OptionsPanel::setRaw);
    connect(m_rawValue, &QLineEdit::returnPressed, this, &OptionsPanel::setRaw);
    const auto check = [this] {
        const auto ref = core::parseOptionRef(m_rawLevel->text(), m_rawOption->text());
        QString message = m_rawOption->text().trimmed().isEmpty() || ref ? QString() : ref.error().message;
        if (message.isEmpty() && !m_rawValue->text().trimmed().isEmpty()) {
            const auto value = core::encodeRawOption(m_rawValue->text(), m_rawForm->currentData().toBool());
            if (!value)
                message = value.error().message;
        }
        m_rawError->setMessage(message);
    };
    connect(m_rawLevel, &QLineEdit::textChanged, this, check);
    connect(m_rawOption, &QLineEdit::textChanged, this, check);
    connect(m_rawValue, &QLineEdit::textChanged, this, check);
    connect(m_rawForm, &QComboBox::currentIndexChanged, this, check);
    auto *grid = new QGridLayout(box);
    grid->addWidget(m_rawLevel, 0, 0);
    grid->addWidget(m_rawOption, 0, 1);
    grid->addWidget(m_rawBuflen, 0, 2);
    grid->addWidget(get, 0, 3);
    grid->addWidget(m_rawForm, 1, 0);
    grid->addWidget(m_rawValue, 1, 1, 1, 2);
    grid->addWidget(set, 1, 3);
    grid->addWidget(m_rawError, 2, 0, 1, 4);
    grid->addWidget(m_rawResult, 3, 0, 1, 4);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    setTabChain({m_rawLevel, m_rawOption, m_rawBuflen, get, m_rawForm, m_rawValue, set});
    return box;
}

void OptionsPanel::readRaw()
{
    if (m_socketId < 0)
        return;
    const auto ref = core::parseOptionRef(m_rawLevel->text(), m_rawOption->text());
    if (!ref) {
        m_rawError->setMessage(ref.error().message);
        m_rawOption->setFocus();
        return;
    }
    m_rawResult->setText(tr("…"));
    m_watcher->watch(m_workbench.getOption(m_socketId, ref.value(), m_rawBuflen->value()),
                     [this](const core::CallRecord &r) { showRawOutcome(r); });
}

void OptionsPanel::setRaw()
{
    if (m_socketId < 0)
        return;
    const auto ref = core::parseOptionRef(m_rawLevel->text(), m_rawOption->text());
    const auto value = core::encodeRawOption(m_rawValue->text(), m_rawForm->currentData().toBool());
    if (!ref || !value) {
        m_rawError->setMessage(!ref ? ref.error().message : value.error().message);
        (!ref ? m_rawOption : m_rawValue)->setFocus();
        return;
    }
    m_rawResult->setText(tr("…"));
    m_watcher->watch(m_workbench.setOption(m_socketId, ref.value(), value.value()), [this](const core::CallRecord &r) {
        if (r.outcome.status == core::CallStatus::Done)
            m_workbench.refreshLive(r.socketId); // a named option set by number shows in its row
        showRawOutcome(r);
    });
}

// The call as Python writes it and what python3 gives back: the int, the bytes, None, or the
// kernel's refusal with its errno.
void OptionsPanel::showRawOutcome(const core::CallRecord &r)
{
    if (r.socketId != m_socketId)
        return;
    const bool ok = r.outcome.status == core::CallStatus::Done;
    QString text = QStringLiteral(">>> %1\n%2").arg(r.call, r.outcome.result);
    if (!ok && !r.outcome.errorName.isEmpty())
        text += QStringLiteral("   (%1)").arg(r.outcome.errorName);
    else if (ok && !r.outcome.note.isEmpty() && r.outcome.note != r.outcome.result)
        text += QStringLiteral("   # %1").arg(r.outcome.note);
    m_rawResult->setText(text);
    setErrorText(m_rawResult, !ok);
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
        // The kernel has no such option for this socket: not one of its options.
        const bool absent = m_socketId >= 0 && m_onlyThis->isChecked()
                            && ((reading && (reading->error == ENOPROTOOPT || reading->error == EOPNOTSUPP))
                                || !core::optionAppliesTo(core::socketOptions()[size_t(row)], info.family));
        m_table->setRowHidden(row, absent);
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
