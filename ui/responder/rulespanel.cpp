#include "ui/responder/rulespanel.h"

#include "core/workbench.h"
#include "ui/widgets/fieldmessage.h"
#include "ui/widgets/tabchain.h"
#include "ui/widgets/themecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

namespace {

enum Column { OnColumn, HitsColumn, MatchColumn, PatternColumn, ReplyColumn, ThenColumn, ProblemColumn, ColumnCount };

QString matchText(core::MatchKind kind)
{
    switch (kind) {
    case core::MatchKind::Any: return RulesPanel::tr("any record");
    case core::MatchKind::Equals: return RulesPanel::tr("equals");
    case core::MatchKind::Contains: return RulesPanel::tr("contains");
    case core::MatchKind::StartsWith: return RulesPanel::tr("starts with");
    case core::MatchKind::EndsWith: return RulesPanel::tr("ends with");
    case core::MatchKind::Regex: return RulesPanel::tr("regular expression");
    case core::MatchKind::HexPattern: return RulesPanel::tr("hex pattern");
    }
    return {};
}

QString replyText(const core::Rule &rule)
{
    switch (rule.reply) {
    case core::ReplyKind::Echo:
        return RulesPanel::tr("echo");
    case core::ReplyKind::Template:
        return RulesPanel::tr("template: %1").arg(rule.replyText);
    case core::ReplyKind::Fixed:
        break;
    }
    switch (rule.replyForm) {
    case core::ByteForm::Hex: return RulesPanel::tr("hex: %1").arg(rule.replyText);
    case core::ByteForm::File: return RulesPanel::tr("file: %1").arg(rule.replyText);
    case core::ByteForm::Text: break;
    }
    return rule.replyText;
}

QString thenText(const core::Rule &rule)
{
    QString after;
    switch (rule.after) {
    case core::AfterReply::Nothing: break;
    case core::AfterReply::Shutdown: after = RulesPanel::tr("then shutdown(SHUT_WR)"); break;
    case core::AfterReply::Close: after = RulesPanel::tr("then close()"); break;
    }
    if (rule.delayMs <= 0)
        return after;
    if (after.isEmpty())
        return RulesPanel::tr("after %1 ms").arg(rule.delayMs);
    //: %2 is what the rule does then: "then shutdown(SHUT_WR)" or "then close()"
    return RulesPanel::tr("after %1 ms, %2").arg(QString::number(rule.delayMs), after);
}

} // namespace

RulesPanel::RulesPanel(core::Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_match(new QComboBox(this))
    , m_pattern(new QLineEdit(this))
    , m_patternForm(new QComboBox(this))
    , m_caseSensitive(new QCheckBox(tr("Match &case"), this))
    , m_patternError(new FieldMessage(this))
    , m_replyKind(new QComboBox(this))
    , m_reply(new QLineEdit(this))
    , m_replyForm(new QComboBox(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_replyError(new FieldMessage(this))
    , m_after(new QComboBox(this))
    , m_delay(new QSpinBox(this))
    , m_note(new QLineEdit(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_update(new QPushButton(tr("&Update"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(QStringLiteral("▲"), this))
    , m_down(new QPushButton(QStringLiteral("▼"), this))
    , m_unanswerable(new QLabel(this))
    , m_hitsTimer(new QTimer(this))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_table->setAccessibleName(tr("Responder rules"));
    m_table->setHorizontalHeaderLabels({tr("On"), tr("Hits"), tr("Match"), tr("Pattern"), tr("Reply"), tr("Then"), tr("Problem")});
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(OnColumn, metrics.horizontalAdvance(QStringLiteral("00")) + 36);
    m_table->setColumnWidth(HitsColumn, metrics.horizontalAdvance(QStringLiteral("000000")) + 12);
    m_table->setColumnWidth(MatchColumn, metrics.horizontalAdvance(matchText(core::MatchKind::StartsWith)) + 12);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(m_table->fontMetrics().lineSpacing() * 6);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_table->currentRow();
        if (!m_filling && row >= 0 && row < m_rules.size())
            editRule(m_rules.at(row));
        updateControls();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling || item->column() != OnColumn || item->row() >= m_rules.size())
            return;
        m_rules[item->row()].enabled = item->checkState() == Qt::Checked;
        apply();
    });

    for (core::MatchKind kind : {core::MatchKind::Any, core::MatchKind::Equals, core::MatchKind::Contains,
                                 core::MatchKind::StartsWith, core::MatchKind::EndsWith, core::MatchKind::Regex,
                                 core::MatchKind::HexPattern})
        m_match->addItem(matchText(kind), int(kind));
    m_match->setAccessibleName(tr("Match"));
    m_match->setCurrentIndex(int(core::MatchKind::Contains));
    m_pattern->setAccessibleName(tr("Pattern"));
    m_pattern->setPlaceholderText(tr("GET /  ·  ^HELLO (\\w+)  ·  de ad ?? ef"));
    m_pattern->setMinimumWidth(120);
    m_pattern->setToolTip(tr("Text with escapes (\\r\\n, \\x00), hex, or a regular expression run over the bytes "
                             "(one character per byte). A regex finds its match anywhere in the record; a hex "
                             "pattern may hold ?? for any byte."));
    m_patternForm->addItem(tr("Text"), int(core::ByteForm::Text));
    m_patternForm->addItem(tr("Hex"), int(core::ByteForm::Hex));
    m_patternForm->setAccessibleName(tr("Pattern format"));
    m_caseSensitive->setChecked(true);
    m_caseSensitive->setAccessibleName(tr("Match case"));

    m_replyKind->addItem(tr("Fixed bytes"), int(core::ReplyKind::Fixed));
    m_replyKind->addItem(tr("Echo"), int(core::ReplyKind::Echo));
    m_replyKind->addItem(tr("Template"), int(core::ReplyKind::Template));
    m_replyKind->setAccessibleName(tr("Reply kind"));
    m_reply->setAccessibleName(tr("Reply"));
    m_reply->setPlaceholderText(tr("HTTP/1.0 200 OK\\r\\n\\r\\n  ·  hello {1} #{counter}\\n"));
    m_reply->setMinimumWidth(120);
    m_replyForm->addItem(tr("Text"), int(core::ByteForm::Text));
    m_replyForm->addItem(tr("Hex"), int(core::ByteForm::Hex));
    m_replyForm->addItem(tr("File"), int(core::ByteForm::File));
    m_replyForm->setAccessibleName(tr("Reply format"));
    m_browse->setAccessibleName(tr("Choose reply file"));
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Reply with a file"), m_reply->text(), {}, nullptr,
                                                          QFileDialog::DontUseNativeDialog);
        if (!path.isEmpty()) {
            m_replyForm->setCurrentIndex(m_replyForm->findData(int(core::ByteForm::File)));
            m_reply->setText(path);
        }
    });

    m_after->addItem(tr("keep the connection"), int(core::AfterReply::Nothing));
    m_after->addItem(tr("then shutdown(SHUT_WR)"), int(core::AfterReply::Shutdown));
    m_after->addItem(tr("then close()"), int(core::AfterReply::Close));
    m_after->setAccessibleName(tr("After the reply"));
    m_delay->setRange(0, core::kMaxRuleDelayMs);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setAccessibleName(tr("Delay"));
    m_delay->setToolTip(tr("Wait this long before replying"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("what this rule is for"));

    auto *macros = new QLabel(tr("Templates: {1}…{9} a regex's captures ({0} the whole match) · {counter} this rule's "
                                 "hits · {time} · {unixtime} · {random} · {peer} · {length} and {hex} of the bytes "
                                 "received · {{ and }} for braces · escapes as in the composer"), this);
    macros->setWordWrap(true);
    macros->setAccessibleName(tr("Template syntax"));
    QFont small = macros->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    macros->setFont(small);

    for (QWidget *w : {static_cast<QWidget *>(m_pattern), static_cast<QWidget *>(m_reply), static_cast<QWidget *>(m_note)})
        connect(static_cast<QLineEdit *>(w), &QLineEdit::textChanged, this, &RulesPanel::validate);
    for (QComboBox *box : {m_match, m_patternForm, m_replyKind, m_replyForm, m_after})
        connect(box, &QComboBox::currentIndexChanged, this, &RulesPanel::validate);
    connect(m_caseSensitive, &QCheckBox::toggled, this, &RulesPanel::validate);
    connect(m_delay, &QSpinBox::valueChanged, this, &RulesPanel::validate);

    m_add->setAccessibleName(tr("Add rule"));
    m_update->setAccessibleName(tr("Update rule"));
    m_remove->setAccessibleName(tr("Remove rule"));
    m_up->setAccessibleName(tr("Move rule up"));
    m_down->setAccessibleName(tr("Move rule down"));
    m_up->setToolTip(tr("Move the rule up: rules are tried in order, the first that matches answers"));
    m_down->setToolTip(tr("Move the rule down"));
    m_add->setToolTip(tr("Add the rule below to the end of the list"));
    m_update->setToolTip(tr("Replace the selected rule with the one below"));
    for (QPushButton *b : {m_up, m_down})
        b->setMaximumWidth(b->fontMetrics().horizontalAdvance(QStringLiteral("▲")) * 4);
    connect(m_add, &QPushButton::clicked, this, &RulesPanel::addRule);
    connect(m_update, &QPushButton::clicked, this, &RulesPanel::updateRule);
    connect(m_remove, &QPushButton::clicked, this, &RulesPanel::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });

    // Narrow rows (the dock shares the right column with the socket panel): each field on a
    // line of its own, its options on the next.
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *matchRow = new QHBoxLayout;
    matchRow->addWidget(m_match, 1);
    matchRow->addWidget(m_patternForm);
    form->addRow(tr("When"), matchRow);
    form->addRow(QString(), m_pattern);
    form->addRow(QString(), m_caseSensitive);
    form->addRow(QString(), m_patternError);
    auto *replyRow = new QHBoxLayout;
    replyRow->addWidget(m_replyKind, 1);
    replyRow->addWidget(m_replyForm);
    form->addRow(tr("Reply"), replyRow);
    auto *replyText = new QHBoxLayout;
    replyText->addWidget(m_reply, 1);
    replyText->addWidget(m_browse);
    form->addRow(QString(), replyText);
    form->addRow(QString(), m_replyError);
    auto *thenRow = new QHBoxLayout;
    thenRow->addWidget(m_after, 1);
    auto *delayLabel = new QLabel(tr("&delay"), this);
    delayLabel->setBuddy(m_delay);
    thenRow->addWidget(delayLabel);
    thenRow->addWidget(m_delay);
    form->addRow(tr("Then"), thenRow);
    form->addRow(tr("Note"), m_note);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_update, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    m_unanswerable->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);
    layout->addWidget(macros);
    layout->addWidget(m_unanswerable);
    setTabChain({m_table, m_add, m_update, m_remove, m_up, m_down, m_match, m_patternForm, m_pattern, m_caseSensitive,
                 m_replyKind, m_replyForm, m_reply, m_browse, m_after, m_delay, m_note});

    m_hitsTimer->setInterval(250);
    connect(m_hitsTimer, &QTimer::timeout, this, &RulesPanel::refreshHits);
    setSocket(-1);
    validate();
}

core::Rule RulesPanel::editedRule() const
{
    core::Rule rule;
    rule.match = core::MatchKind(m_match->currentData().toInt());
    rule.pattern = m_pattern->text();
    rule.patternForm = core::ByteForm(m_patternForm->currentData().toInt());
    rule.caseSensitive = m_caseSensitive->isChecked();
    rule.reply = core::ReplyKind(m_replyKind->currentData().toInt());
    rule.replyText = m_reply->text();
    rule.replyForm = rule.reply == core::ReplyKind::Fixed ? core::ByteForm(m_replyForm->currentData().toInt()) : core::ByteForm::Text;
    rule.after = core::AfterReply(m_after->currentData().toInt());
    rule.delayMs = m_delay->value();
    rule.note = m_note->text();
    return rule;
}

void RulesPanel::editRule(const core::Rule &rule)
{
    m_match->setCurrentIndex(m_match->findData(int(rule.match)));
    m_pattern->setText(rule.pattern);
    m_patternForm->setCurrentIndex(m_patternForm->findData(int(rule.patternForm)));
    m_caseSensitive->setChecked(rule.caseSensitive);
    m_replyKind->setCurrentIndex(m_replyKind->findData(int(rule.reply)));
    m_reply->setText(rule.replyText);
    m_replyForm->setCurrentIndex(m_replyForm->findData(int(rule.replyForm)));
    m_after->setCurrentIndex(m_after->findData(int(rule.after)));
    m_delay->setValue(rule.delayMs);
    m_note->setText(rule.note);
    validate();
}

void RulesPanel::setSocket(int socketId)
{
    m_socketId = socketId;
    bool inherited = false;
    m_rules.clear();
    const QList<core::RuleStatus> statuses = m_workbench.rules(socketId, &inherited);
    for (const core::RuleStatus &status : statuses)
        m_rules.append(status.rule);
    const core::SocketInfo info = m_workbench.sockets().info(socketId);
    if (socketId < 0) {
        m_title->setText(tr("Select a socket to give it responder rules."));
    } else if (inherited) {
        m_title->setText(tr("%1 answers with the rules of its listener %2. Rules added here are its own and replace them.")
                             .arg(info.name, m_workbench.sockets().info(info.parentId).name));
    } else if (info.state == core::SocketState::Listening) {
        m_title->setText(tr("Rules of listener %1: they answer every connection it accepts, now and later. First match wins.").arg(info.name));
    } else {
        m_title->setText(tr("Rules of %1: each received record is answered by the first rule that matches.").arg(info.name));
    }
    if (inherited)
        m_rules.clear(); // the list shown below is the listener's; this socket has none of its own yet
    fillTable();
    if (inherited) {
        // Shown for reading: the listener's rules with their hits.
        m_filling = true;
        m_table->setRowCount(int(statuses.size()));
        for (int row = 0; row < statuses.size(); ++row) {
            m_table->setItem(row, MatchColumn, new QTableWidgetItem(matchText(statuses[row].rule.match)));
            m_table->setItem(row, PatternColumn, new QTableWidgetItem(statuses[row].rule.pattern));
            m_table->setItem(row, ReplyColumn, new QTableWidgetItem(replyText(statuses[row].rule)));
            m_table->setItem(row, HitsColumn, new QTableWidgetItem(QString::number(statuses[row].hits)));
        }
        m_filling = false;
    }
    updateControls();
}

void RulesPanel::setRules(const QList<core::Rule> &rules)
{
    m_rules = rules;
    apply();
}

void RulesPanel::apply()
{
    if (m_socketId < 0)
        return;
    m_workbench.setRules(m_socketId, m_rules);
    fillTable();
}

void RulesPanel::fillTable()
{
    m_filling = true;
    const int current = m_table->currentRow();
    m_table->setRowCount(int(m_rules.size()));
    for (int row = 0; row < m_rules.size(); ++row) {
        const core::Rule &rule = m_rules.at(row);
        auto *on = new QTableWidgetItem(QString::number(row + 1));
        on->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        on->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, OnColumn, on);
        QString pattern = rule.pattern;
        if (rule.match == core::MatchKind::Any)
            pattern.clear();
        else if (!rule.caseSensitive)
            pattern = tr("%1 (any case)").arg(pattern);
        m_table->setItem(row, MatchColumn, new QTableWidgetItem(matchText(rule.match)));
        m_table->setItem(row, PatternColumn, new QTableWidgetItem(pattern));
        m_table->setItem(row, ReplyColumn, new QTableWidgetItem(replyText(rule)));
        m_table->setItem(row, ThenColumn, new QTableWidgetItem(thenText(rule)));
        m_table->setItem(row, HitsColumn, new QTableWidgetItem(QStringLiteral("0")));
        QString problem;
        if (const std::optional<core::RuleError> error = core::checkRule(rule))
            problem = tr("does not run: %1").arg(error->error.message);
        auto *problemItem = new QTableWidgetItem(problem);
        problemItem->setForeground(ThemeColors::of(m_table->palette()).error);
        problemItem->setToolTip(problem);
        m_table->setItem(row, ProblemColumn, problemItem);
    }
    if (current >= 0 && current < m_rules.size())
        m_table->selectRow(current);
    m_filling = false;
    refreshHits();
}

void RulesPanel::refreshHits()
{
    if (m_socketId < 0 || !isVisible())
        return;
    const QList<core::RuleStatus> statuses = m_workbench.rules(m_socketId);
    m_filling = true;
    for (int row = 0; row < statuses.size() && row < m_table->rowCount(); ++row) {
        if (QTableWidgetItem *item = m_table->item(row, HitsColumn)) {
            const QString hits = QString::number(statuses[row].hits);
            if (item->text() != hits)
                item->setText(hits);
        }
    }
    m_filling = false;
    const quint64 unanswerable = m_workbench.rulesUnanswerable(m_socketId);
    m_unanswerable->setText(unanswerable ? tr("%n datagram(s) from unnamed senders could not be answered", nullptr, int(unanswerable))
                                         : QString());
}

void RulesPanel::validate()
{
    const core::Rule rule = editedRule();
    const bool needsPattern = rule.match != core::MatchKind::Any;
    m_pattern->setEnabled(needsPattern);
    m_patternForm->setEnabled(needsPattern && rule.match != core::MatchKind::Regex && rule.match != core::MatchKind::HexPattern);
    m_caseSensitive->setEnabled(needsPattern && rule.match != core::MatchKind::HexPattern);
    m_reply->setEnabled(rule.reply != core::ReplyKind::Echo);
    m_replyForm->setEnabled(rule.reply == core::ReplyKind::Fixed);
    m_browse->setEnabled(rule.reply == core::ReplyKind::Fixed);
    const std::optional<core::RuleError> error = core::checkRule(rule);
    auto messageFor = [&](core::RuleField field) {
        if (!error || error->field != field)
            return QString();
        if (error->error.position < 0)
            return error->error.message;
        //: %1 is the problem, %2 where it is in the field
        return tr("%1 (at character %2)").arg(error->error.message, QString::number(error->error.position + 1));
    };
    m_patternError->setMessage(messageFor(core::RuleField::Pattern));
    m_replyError->setMessage(messageFor(core::RuleField::Reply) + messageFor(core::RuleField::Delay));
    updateControls();
}

void RulesPanel::updateControls()
{
    const bool valid = !core::checkRule(editedRule()).has_value();
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && row < m_rules.size();
    m_add->setEnabled(m_socketId >= 0 && valid);
    m_update->setEnabled(m_socketId >= 0 && valid && selected);
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row + 1 < m_rules.size());
    if (m_socketId >= 0)
        m_hitsTimer->start();
    else
        m_hitsTimer->stop();
}

void RulesPanel::addRule()
{
    if (core::checkRule(editedRule()))
        return;
    m_rules.append(editedRule());
    apply();
    m_table->selectRow(int(m_rules.size()) - 1);
}

void RulesPanel::updateRule()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_rules.size() || core::checkRule(editedRule()))
        return;
    const bool enabled = m_rules[row].enabled;
    m_rules[row] = editedRule();
    m_rules[row].enabled = enabled;
    apply();
}

void RulesPanel::removeRule()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_rules.size())
        return;
    m_rules.removeAt(row);
    apply();
}

void RulesPanel::moveRule(int by)
{
    const int row = m_table->currentRow();
    const int to = row + by;
    if (row < 0 || row >= m_rules.size() || to < 0 || to >= m_rules.size())
        return;
    m_rules.move(row, to);
    apply();
    m_table->selectRow(to);
}

} // namespace ui
