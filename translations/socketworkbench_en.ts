<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>core</name>
    <message numerus="yes">
        <source>%n ancillary item(s) sent</source>
        <translation>
            <numerusform>%n ancillary item sent</numerusform>
            <numerusform>%n ancillary items sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::Composer</name>
    <message numerus="yes">
        <source>%n byte(s) from %1</source>
        <translation>
            <numerusform>%n byte from %1</numerusform>
            <numerusform>%n bytes from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s): </source>
        <translation>
            <numerusform>%n byte: </numerusform>
            <numerusform>%n bytes: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::JournalModel</name>
    <message numerus="yes">
        <source>
(%n payload byte(s))</source>
        <translation>
            <numerusform>
(%n payload byte)</numerusform>
            <numerusform>
(%n payload bytes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; the journal kept %n of them (the traffic log has what was sent)</source>
        <translation>
            <numerusform>; the journal kept %n of them (the traffic log has what was sent)</numerusform>
            <numerusform>; the journal kept %n of them (the traffic log has what was sent)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message numerus="yes">
        <source>The lab adds three sockets (a listener, a client and the accepted connection). The window has %n open socket(s): close them first, or add the lab&apos;s to them?</source>
        <translation>
            <numerusform>The lab adds three sockets (a listener, a client and the accepted connection). The window has %n open socket: close them first, or add the lab&apos;s to them?</numerusform>
            <numerusform>The lab adds three sockets (a listener, a client and the accepted connection). The window has %n open sockets: close them first, or add the lab&apos;s to them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The window has %n open socket(s). Close them before the session opens, or add the session&apos;s sockets to them?</source>
        <translation>
            <numerusform>The window has %n open socket. Close them before the session opens, or add the session&apos;s sockets to them?</numerusform>
            <numerusform>The window has %n open sockets. Close them before the session opens, or add the session&apos;s sockets to them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n socket(s) to %1</source>
        <translation>
            <numerusform>Saved %n socket to %1</numerusform>
            <numerusform>Saved %n sockets to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ManyClientsDialog</name>
    <message numerus="yes">
        <source>each sends %n byte(s): </source>
        <translation>
            <numerusform>each sends %n byte: </numerusform>
            <numerusform>each sends %n bytes: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PayloadDialog</name>
    <message numerus="yes">
        <source>%n byte(s) from %1 now</source>
        <translation>
            <numerusform>%n byte from %1 now</numerusform>
            <numerusform>%n bytes from %1 now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s): </source>
        <translation>
            <numerusform>%n byte: </numerusform>
            <numerusform>%n bytes: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PayloadsPanel</name>
    <message numerus="yes">
        <source>Imported %n payload(s) into %1</source>
        <translation>
            <numerusform>Imported %n payload into %1</numerusform>
            <numerusform>Imported %n payloads into %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already there</source>
        <translation>
            <numerusform>; %n already there</numerusform>
            <numerusform>; %n already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n payload(s) of %1 to %2</source>
        <translation>
            <numerusform>Exported %n payload of %1 to %2</numerusform>
            <numerusform>Exported %n payloads of %1 to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::RulesPanel</name>
    <message numerus="yes">
        <source>%n datagram(s) from unnamed senders could not be answered</source>
        <translation>
            <numerusform>%n datagram from unnamed senders could not be answered</numerusform>
            <numerusform>%n datagrams from unnamed senders could not be answered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SchedulesPanel</name>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SocketPanel</name>
    <message numerus="yes">
        <source>in %1 B / %n record(s)</source>
        <translation>
            <numerusform>in %1 B / %n record</numerusform>
            <numerusform>in %1 B / %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · out %1 B / %n record(s)</source>
        <translation>
            <numerusform> · out %1 B / %n record</numerusform>
            <numerusform> · out %1 B / %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n datagram(s) dropped by the kernel (SO_RXQ_OVFL)</source>
        <translation>
            <numerusform>%n datagram dropped by the kernel (SO_RXQ_OVFL)</numerusform>
            <numerusform>%n datagrams dropped by the kernel (SO_RXQ_OVFL)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SocketTreeModel</name>
    <message numerus="yes">
        <source>, %n waiting</source>
        <translation>
            <numerusform>, %n waiting</numerusform>
            <numerusform>, %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::StatusLine</name>
    <message numerus="yes">
        <source>%n socket(s) open</source>
        <translation>
            <numerusform>%n socket open</numerusform>
            <numerusform>%n sockets open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) (%1/s) · in %2 (%3/s) · out %4 (%5/s)</source>
        <translation>
            <numerusform>%Ln record (%1/s) · in %2 (%3/s) · out %4 (%5/s)</numerusform>
            <numerusform>%Ln records (%1/s) · in %2 (%3/s) · out %4 (%5/s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n record(s) lost: the store is full</source>
        <translation>
            <numerusform> · %n record lost: the store is full</numerusform>
            <numerusform> · %n records lost: the store is full</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n engine fault(s): see the journal</source>
        <translation>
            <numerusform> · %n engine fault: see the journal</numerusform>
            <numerusform> · %n engine faults: see the journal</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrafficModel</name>
    <message numerus="yes">
        <source>(%n byte(s) not kept: the store&apos;s payload cap is reached)</source>
        <translation>
            <numerusform>(%n byte not kept: the store&apos;s payload cap is reached)</numerusform>
            <numerusform>(%n bytes not kept: the store&apos;s payload cap is reached)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrafficPanel</name>
    <message numerus="yes">
        <source>%L1 of %Ln record(s)</source>
        <translation>
            <numerusform>%L1 of %Ln record</numerusform>
            <numerusform>%L1 of %Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
</context>
</TS>
