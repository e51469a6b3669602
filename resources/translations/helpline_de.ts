<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutYouPage</name>
    <message>
        <source>About you</source>
        <translation>Über Sie</translation>
    </message>
    <message>
        <source>So support knows who is asking and how to reach you.</source>
        <translation>Damit der Support weiß, wer fragt, und Sie erreichen kann.</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <extracomment>Fields the user has edited or left: only these show their problems.</extracomment>
        <translation>&amp;Vollständiger Name</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>C&amp;ustomer or membership ID</source>
        <translation>&amp;Kunden- oder Mitgliedsnummer</translation>
    </message>
    <message>
        <source>&amp;Organisation or domain</source>
        <translation>&amp;Organisation oder Domain</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@beispiel.de</translation>
    </message>
    <message>
        <source>For example: C-10442</source>
        <translation>Zum Beispiel: C-10442</translation>
    </message>
    <message>
        <source>Company, department or domain</source>
        <translation>Firma, Abteilung oder Domain</translation>
    </message>
    <message>
        <source>Where support can call you</source>
        <translation>Unter dieser Nummer kann der Support Sie anrufen</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (erforderlich)</translation>
    </message>
    <message>
        <source>Required %1.</source>
        <translation>Erforderlich, %1.</translation>
    </message>
    <message>
        <source>{program} remembers these details on this computer for your next request.</source>
        <translation>{program} merkt sich diese Angaben auf diesem Computer für Ihre nächste Anfrage.</translation>
    </message>
    <message>
        <source>so support knows whom to talk to</source>
        <translation>damit der Support weiß, mit wem er spricht</translation>
    </message>
    <message>
        <source>so support can answer you</source>
        <translation>damit der Support Ihnen antworten kann</translation>
    </message>
    <message>
        <source>so support can find your contract or membership</source>
        <translation>damit der Support Ihren Vertrag oder Ihre Mitgliedschaft findet</translation>
    </message>
    <message>
        <source>so support knows which organisation or site you belong to</source>
        <translation>damit der Support weiß, zu welcher Organisation oder welchem Standort Sie gehören</translation>
    </message>
    <message>
        <source>so support can call you back if that is faster</source>
        <translation>damit der Support Sie zurückrufen kann, wenn das schneller geht</translation>
    </message>
    <message>
        <source>Please enter your full name, so support knows whom to talk to.</source>
        <translation>Bitte geben Sie Ihren vollständigen Namen ein, damit der Support weiß, mit wem er spricht.</translation>
    </message>
    <message>
        <source>Please enter your email, so support can answer you.</source>
        <translation>Bitte geben Sie Ihre E-Mail-Adresse ein, damit der Support Ihnen antworten kann.</translation>
    </message>
    <message>
        <source>Please enter your customer or membership id, so support can find your contract or membership.</source>
        <translation>Bitte geben Sie Ihre Kunden- oder Mitgliedsnummer ein, damit der Support Ihren Vertrag oder Ihre Mitgliedschaft findet.</translation>
    </message>
    <message>
        <source>Please enter your organisation or domain, so support knows which organisation or site you belong to.</source>
        <translation>Bitte geben Sie Ihre Organisation oder Domain ein, damit der Support weiß, zu welcher Organisation oder welchem Standort Sie gehören.</translation>
    </message>
    <message>
        <source>Please enter your phone, so support can call you back if that is faster.</source>
        <translation>Bitte geben Sie Ihre Telefonnummer ein, damit der Support Sie zurückrufen kann, wenn das schneller geht.</translation>
    </message>
    <message>
        <source>This does not look like an email address (name@example.org).</source>
        <translation>Das sieht nicht wie eine E-Mail-Adresse aus (name@beispiel.de).</translation>
    </message>
</context>
<context>
    <name>AnswerTimes</name>
    <message>
        <source>low-priority requests</source>
        <translation>Anfragen mit niedriger Priorität</translation>
    </message>
    <message>
        <source>normal-priority requests</source>
        <translation>Anfragen mit normaler Priorität</translation>
    </message>
    <message>
        <source>high-priority requests</source>
        <translation>Anfragen mit hoher Priorität</translation>
    </message>
    <message>
        <source>critical requests</source>
        <translation>kritische Anfragen</translation>
    </message>
    <message>
        <source>1 working hour</source>
        <translation>1 Arbeitsstunde</translation>
    </message>
    <message>
        <source>{count} working hours</source>
        <translation>{count} Arbeitsstunden</translation>
    </message>
    <message>
        <source>dddd HH:mm</source>
        <translation>dddd, HH:mm &apos;Uhr&apos;</translation>
    </message>
    <message>
        <source>dddd d MMMM, HH:mm</source>
        <translation>dddd, d. MMMM, HH:mm &apos;Uhr&apos;</translation>
    </message>
    <message>
        <source>The helpdesk has set a due date for this request: {when}.</source>
        <translation>Der Helpdesk hat für diese Anfrage einen Termin gesetzt: {when}.</translation>
    </message>
    <message>
        <source>Support usually answers {requests} within {hours} — by about {when}.</source>
        <translation>Der Support beantwortet {requests} meist innerhalb von {hours} – also etwa bis {when}.</translation>
    </message>
    <message>
        <source>Once it has reached support, they usually answer {requests} within {hours}.</source>
        <translation>Sobald sie den Support erreicht hat, beantwortet er {requests} meist innerhalb von {hours}.</translation>
    </message>
    <message>
        <source>Later than expected: the helpdesk&apos;s due date was {when}. The request is still open with support; you can add a message below if anything has changed.</source>
        <translation>Später als erwartet: Der Termin des Helpdesks war {when}. Die Anfrage ist beim Support weiter offen; wenn sich etwas geändert hat, können Sie unten eine Nachricht ergänzen.</translation>
    </message>
    <message>
        <source>Due by {when}, the helpdesk says.</source>
        <translation>Fällig bis {when}, sagt der Helpdesk.</translation>
    </message>
    <message>
        <source>Later than expected: support usually answers {requests} within {hours} (by about {when}). The request is still open with them; you can add a message below if anything has changed.</source>
        <translation>Später als erwartet: Der Support beantwortet {requests} meist innerhalb von {hours} (etwa bis {when}). Die Anfrage ist dort weiter offen; wenn sich etwas geändert hat, können Sie unten eine Nachricht ergänzen.</translation>
    </message>
    <message>
        <source>Answer expected by about {when}: support usually answers {requests} within {hours}.</source>
        <translation>Antwort etwa bis {when} erwartet: Der Support beantwortet {requests} meist innerhalb von {hours}.</translation>
    </message>
</context>
<context>
    <name>ClosurePanel</name>
    <message>
        <source>Thank you. Your feedback is kept on this computer; no helpdesk is connected.</source>
        <translation>Danke. Ihre Rückmeldung bleibt auf diesem Computer; es ist kein Helpdesk angebunden.</translation>
    </message>
    <message>
        <source>Thank you — support has your feedback.</source>
        <translation>Danke – der Support hat Ihre Rückmeldung.</translation>
    </message>
    <message>
        <source>Your feedback was not sent: {reason}</source>
        <translation>Ihre Rückmeldung wurde nicht gesendet: {reason}</translation>
    </message>
    <message>
        <source>Thank you. Your feedback is safe on this computer and is sent automatically when the helpdesk can be reached.</source>
        <translation>Danke. Ihre Rückmeldung ist auf diesem Computer sicher und wird automatisch gesendet, sobald der Helpdesk erreichbar ist.</translation>
    </message>
    <message>
        <source>Thank you. {state}</source>
        <translation>Danke. {state}</translation>
    </message>
    <message>
        <source>Thank you. The request stays solved.</source>
        <extracomment>The person said &quot;Still not fixed&quot;: the window opens the reopening. The question is (True) or is no longer (False) on screen. An answer given in a notification, waiting for its request&apos;s question.</extracomment>
        <translation>Danke. Die Anfrage bleibt gelöst.</translation>
    </message>
    <message>
        <source>Feedback sent with {program}: the requester confirms this is solved.</source>
        <translation>Rückmeldung über {program}: Die anfragende Person bestätigt, dass es gelöst ist.</translation>
    </message>
    <message>
        <source>Rating: 👍 satisfied</source>
        <translation>Bewertung: 👍 zufrieden</translation>
    </message>
    <message>
        <source>Rating: 👎 not satisfied</source>
        <translation>Bewertung: 👎 nicht zufrieden</translation>
    </message>
    <message>
        <source>Comment: {comment}</source>
        <translation>Kommentar: {comment}</translation>
    </message>
    <message>
        <source>Is it solved?</source>
        <extracomment>&quot;Yes, it is solved.&quot; The optional rating (&quot;good&quot;, &quot;bad&quot; or &quot;&quot;) and comment, after Yes. &quot;Still not fixed&quot;: the window moves on to reopening.</extracomment>
        <translation>Ist es gelöst?</translation>
    </message>
    <message>
        <source>Support marked this request as solved. Is it solved?</source>
        <translation>Der Support hat diese Anfrage als gelöst markiert. Ist es gelöst?</translation>
    </message>
    <message>
        <source>&amp;Yes, it is solved</source>
        <translation>Ja, es ist ge&amp;löst</translation>
    </message>
    <message>
        <source>Still not fixed</source>
        <translation>Noch nicht behoben</translation>
    </message>
    <message>
        <source>How did it go? Both are optional; support sees what you send.</source>
        <translation>Wie lief es? Beides ist freiwillig; der Support sieht, was Sie senden.</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Zufrieden</translation>
    </message>
    <message>
        <source>Not satisfied</source>
        <translation>Nicht zufrieden</translation>
    </message>
    <message>
        <source>Comment for support</source>
        <translation>Kommentar für den Support</translation>
    </message>
    <message>
        <source>A word for support (optional)</source>
        <translation>Ein Wort für den Support (freiwillig)</translation>
    </message>
    <message>
        <source>Send feed&amp;back</source>
        <translation>&amp;Rückmeldung senden</translation>
    </message>
    <message>
        <source>No, thanks</source>
        <translation>Nein, danke</translation>
    </message>
    <message>
        <source>Feedback status</source>
        <translation>Stand der Rückmeldung</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Let support see your screen?</source>
        <translation>Darf der Support Ihren Bildschirm sehen?</translation>
    </message>
    <message>
        <source>{who} from support asks to see your screen for request {request}.</source>
        <translation>{who} vom Support möchte Ihren Bildschirm zur Anfrage {request} sehen.</translation>
    </message>
    <message>
        <source>Support asks to see your screen for request {request}.</source>
        <translation>Der Support möchte Ihren Bildschirm zur Anfrage {request} sehen.</translation>
    </message>
    <message>
        <source>Support will see everything on your screens, as you see it. View only: they cannot use your mouse or keyboard.</source>
        <translation>Der Support sieht alles auf Ihren Bildschirmen, so wie Sie es sehen. Nur ansehen: Maus und Tastatur kann er nicht benutzen.</translation>
    </message>
    <message>
        <source>Also let support use my &amp;mouse and keyboard</source>
        <translation>Der Support darf auch meine &amp;Maus und Tastatur benutzen</translation>
    </message>
    <message>
        <source>For at most {minutes} minutes. While it lasts, a red bar at the top of every screen says so; press Stop there at any time.</source>
        <translation>Höchstens {minutes} Minuten. Solange es dauert, zeigt ein roter Balken oben auf jedem Bildschirm das an; dort können Sie jederzeit „Beenden“ drücken.</translation>
    </message>
    <message>
        <source>Tool: {tool}</source>
        <translation>Programm: {tool}</translation>
    </message>
    <message>
        <source>connecting to {address}</source>
        <translation>verbindet sich mit {address}</translation>
    </message>
    <message>
        <source>A note is added to the request when sharing starts and ends: the time, the tool, view only or control, and your account name.</source>
        <translation>Beginn und Ende werden in der Anfrage vermerkt: Uhrzeit, Programm, nur ansehen oder steuern, und Ihr Benutzername.</translation>
    </message>
    <message>
        <source>&amp;Share my screen</source>
        <translation>Bildschirm &amp;freigeben</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t share</source>
        <translation>&amp;Nicht freigeben</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>When support is expected to answer</source>
        <extracomment>The user asked to save this attachment. A web link was clicked (after it was handed to the desktop).</extracomment>
        <translation>Wann der Support voraussichtlich antwortet</translation>
    </message>
    <message>
        <source>Conversation of the selected request</source>
        <translation>Verlauf der ausgewählten Anfrage</translation>
    </message>
    <message>
        <source>Choose a request to read its conversation.</source>
        <translation>Wählen Sie eine Anfrage, um ihren Verlauf zu lesen.</translation>
    </message>
    <message>
        <source>Reference on this computer: {ref}</source>
        <translation>Kennzeichen auf diesem Computer: {ref}</translation>
    </message>
    <message>
        <source>Older messages are not shown here: this conversation is too long.</source>
        <translation>Ältere Nachrichten werden hier nicht angezeigt: Dieses Gespräch ist zu lang.</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Noch keine Nachrichten.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Save {name} ({size})…</source>
        <translation>{name} ({size}) speichern…</translation>
    </message>
    <message>
        <source>This message&apos;s formatting is too large or too deeply nested to show; here is its text.</source>
        <translation>Die Formatierung dieser Nachricht ist zu umfangreich oder zu tief verschachtelt, um sie anzuzeigen; hier ist ihr Text.</translation>
    </message>
    <message>
        <source>This message is too long to show here in full.</source>
        <translation>Diese Nachricht ist zu lang, um sie hier vollständig anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Open</source>
        <extracomment>How long a notification&apos;s process may take to hand it to the desktop at the end. The answers to &quot;Is it solved?&quot; a notification can carry (app.core.closure&apos;s words). The person answered &quot;Is it solved?&quot; in the notification: ticket id, answer.</extracomment>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Yes, it is solved</source>
        <translation>Ja, es ist gelöst</translation>
    </message>
    <message>
        <source>Still not fixed</source>
        <translation>Noch nicht behoben</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Thank you</source>
        <extracomment>Nothing to answer here: the wizard starts the focus on the way on, not on a link. &quot;See my requests&quot;: the ticket this request became (&quot;&quot; while it waits to be sent). &quot;Let support see my screen&quot;: the ticket this request became (issue 20).</extracomment>
        <translation>Vielen Dank</translation>
    </message>
    <message>
        <source>If it is urgent</source>
        <translation>Wenn es dringend ist</translation>
    </message>
    <message>
        <source>See &amp;my requests</source>
        <translation>&amp;Meine Anfragen anzeigen</translation>
    </message>
    <message>
        <source>See my requests</source>
        <translation>Meine Anfragen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Let support see my screen…</source>
        <translation>Dem Support meinen Bildschirm &amp;zeigen …</translation>
    </message>
    <message>
        <source>Let support see my screen</source>
        <translation>Dem Support meinen Bildschirm zeigen</translation>
    </message>
    <message>
        <source>Asks you first; view only unless you allow more.</source>
        <translation>Fragt Sie zuerst; nur ansehen, wenn Sie nicht mehr erlauben.</translation>
    </message>
    <message>
        <source>Support hours:</source>
        <translation>Servicezeiten:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Web:</source>
        <translation>Web:</translation>
    </message>
    <message>
        <source>Your message has reached support.</source>
        <translation>Ihre Nachricht hat den Support erreicht.</translation>
    </message>
    <message>
        <source>Your request has reached support.</source>
        <translation>Ihre Anfrage hat den Support erreicht.</translation>
    </message>
    <message>
        <source>you will get a notification when it has reached support</source>
        <translation>Sie erhalten eine Benachrichtigung, sobald sie den Support erreicht hat</translation>
    </message>
    <message>
        <source>My requests shows when it has reached support</source>
        <translation>unter „Meine Anfragen“ sehen Sie, wann sie den Support erreicht hat</translation>
    </message>
    <message>
        <source>It will be sent automatically as soon as the helpdesk can be reached, even after you close this window; {told}, with its request number. Its reference on this computer is {ref}.</source>
        <translation>Sie wird automatisch gesendet, sobald der Helpdesk erreichbar ist, auch wenn Sie dieses Fenster schließen; {told}, mit ihrer Anfragenummer. Ihre Referenz auf diesem Computer ist {ref}.</translation>
    </message>
    <message>
        <source>Your message is kept on this computer.</source>
        <translation>Ihre Nachricht ist auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Your request is kept on this computer.</source>
        <translation>Ihre Anfrage ist auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Its number on this computer is</source>
        <translation>Ihre Nummer auf diesem Computer ist</translation>
    </message>
    <message>
        <source>No helpdesk is connected yet, so nobody at support sees it: please also call or write to support if it is urgent. You can find it in My requests.</source>
        <translation>Noch ist kein Helpdesk angebunden, daher sieht sie beim Support niemand: Wenn es dringend ist, rufen Sie bitte zusätzlich an oder schreiben Sie dem Support. Sie finden sie unter „Meine Anfragen“.</translation>
    </message>
    <message>
        <source>No helpdesk is connected yet, so nobody at support sees it until IT connects one. You can find it in My requests.</source>
        <translation>Noch ist kein Helpdesk angebunden, daher sieht sie beim Support niemand, bis die IT einen anbindet. Sie finden sie unter „Meine Anfragen“.</translation>
    </message>
    <message>
        <source>It was added to your request</source>
        <translation>Sie wurde Ihrer Anfrage hinzugefügt</translation>
    </message>
    <message>
        <source>Support sees it with the rest of the request and will answer you there. You can follow it in My requests.</source>
        <translation>Der Support sieht sie zusammen mit der übrigen Anfrage und antwortet Ihnen dort. Sie können sie unter „Meine Anfragen“ verfolgen.</translation>
    </message>
    <message>
        <source>Your request number is</source>
        <translation>Ihre Anfragenummer lautet</translation>
    </message>
    <message>
        <source>Support will look at your request and answer you. Please quote this number if you call. You can follow it, and answer questions, in My requests.</source>
        <translation>Der Support sieht sich Ihre Anfrage an und antwortet Ihnen. Bitte nennen Sie diese Nummer, wenn Sie anrufen. Unter „Meine Anfragen“ können Sie die Anfrage verfolgen und Rückfragen beantworten.</translation>
    </message>
    <message>
        <source>Your request is safe on this computer, but not sent.</source>
        <translation>Ihre Anfrage ist auf diesem Computer sicher, aber nicht gesendet.</translation>
    </message>
    <message>
        <source>Your request</source>
        <translation>Ihre Anfrage</translation>
    </message>
    <message>
        <source>Needs you before it can be sent</source>
        <translation>Braucht Sie, bevor sie gesendet werden kann</translation>
    </message>
    <message>
        <source>Open My requests to try again; nothing you wrote is lost.</source>
        <translation>Öffnen Sie „Meine Anfragen“, um es erneut zu versuchen; nichts von dem, was Sie geschrieben haben, geht verloren.</translation>
    </message>
    <message>
        <source>Your request is safe on this computer.</source>
        <translation>Ihre Anfrage ist auf diesem Computer sicher gespeichert.</translation>
    </message>
    <message>
        <source>Your request is</source>
        <translation>Ihre Anfrage ist</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf den Versand</translation>
    </message>
</context>
<context>
    <name>DuplicateHint</name>
    <message>
        <source>A request you already have</source>
        <extracomment>The user chose to add to this ticket.</extracomment>
        <translation>Eine Anfrage, die Sie schon haben</translation>
    </message>
    <message>
        <source>&amp;Add to it</source>
        <translation>&amp;Ja, dort ergänzen</translation>
    </message>
    <message>
        <source>Add to the request you already have</source>
        <translation>Die Anfrage ergänzen, die Sie schon haben</translation>
    </message>
    <message>
        <source>No, this is &amp;new</source>
        <translation>&amp;Nein, das ist neu</translation>
    </message>
    <message>
        <source>No, this is a new problem</source>
        <translation>Nein, das ist ein neues Problem</translation>
    </message>
    <message>
        <source>You already have {ref} open about this: “{summary}”. Add to it?</source>
        <translation>Dazu haben Sie schon {ref} offen: „{summary}“. Möchten Sie diese Anfrage ergänzen?</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>What to send with your request</source>
        <translation>Was mit Ihrer Anfrage gesendet wird</translation>
    </message>
    <message>
        <source>Support can help faster with these details. You decide what is included; nothing is sent until you confirm on the next pages.</source>
        <translation>Mit diesen Angaben kann der Support schneller helfen. Sie entscheiden, was mitgesendet wird; nichts wird gesendet, bevor Sie es auf den nächsten Seiten bestätigen.</translation>
    </message>
    <message>
        <source>Problem with the attachments</source>
        <translation>Problem mit den Anhängen</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Include information about this &amp;computer</source>
        <translation>Informationen über diesen &amp;Computer mitsenden</translation>
    </message>
    <message>
        <source>Include information about this computer</source>
        <translation>Informationen über diesen Computer mitsenden</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Details &amp;anzeigen</translation>
    </message>
    <message>
        <source>Show the details about this computer and choose which parts to send</source>
        <translation>Die Details über diesen Computer anzeigen und wählen, welche Teile gesendet werden</translation>
    </message>
    <message>
        <source>Information about this computer</source>
        <translation>Informationen über diesen Computer</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>Protokolldateien</translation>
    </message>
    <message>
        <source>Your files</source>
        <translation>Ihre Dateien</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <source>Files you add here are sent with your request. Press Delete to remove the selected file.</source>
        <translation>Dateien, die Sie hier hinzufügen, werden mit Ihrer Anfrage gesendet. Mit der Entf-Taste entfernen Sie die ausgewählte Datei.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected file</source>
        <translation>Die ausgewählte Datei entfernen</translation>
    </message>
    <message>
        <source>You can also drop files onto this page.</source>
        <translation>Sie können Dateien auch auf diese Seite ziehen.</translation>
    </message>
    <message>
        <source>Your helpdesk does not take files, so they stay on this computer, with the copy of what was sent; the request says which they are.</source>
        <extracomment>Shown when the helpdesk takes no files: they stay here, in the receipt.</extracomment>
        <translation>Ihr Helpdesk nimmt keine Dateien an; sie bleiben daher auf diesem Computer, bei der Kopie des Gesendeten, und die Anfrage nennt sie.</translation>
    </message>
    <message>
        <source>Add files to your request</source>
        <translation>Dateien zu Ihrer Anfrage hinzufügen</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>Details &amp;ausblenden</translation>
    </message>
    <message>
        <source>Collecting information about this computer…</source>
        <translation>Informationen über diesen Computer werden gesammelt…</translation>
    </message>
    <message>
        <source>{summary} ({size} as text and as data)</source>
        <translation>{summary} ({size} als Text und als Daten)</translation>
    </message>
    <message>
        <source>Reading the log files support asks for…</source>
        <translation>Die Protokolldateien, die der Support braucht, werden gelesen…</translation>
    </message>
    <message>
        <source>Support asks for these logs with this kind of problem. Only the end of a long log is sent; passwords and keys found in them are hidden. Untick any you would rather not send.</source>
        <translation>Bei dieser Art von Problem braucht der Support diese Protokolle. Von langen Protokollen wird nur das Ende gesendet; darin gefundene Passwörter und Schlüssel werden verborgen. Entfernen Sie das Häkchen bei allem, was Sie lieber nicht senden möchten.</translation>
    </message>
    <message>
        <source>Everything included: {total} of the {limit} allowed.</source>
        <translation>Alles zusammen: {total} von erlaubten {limit}.</translation>
    </message>
</context>
<context>
    <name>ExtraQuestions</name>
    <message>
        <source> (required)</source>
        <translation> (erforderlich)</translation>
    </message>
    <message>
        <source>Which printer (name or location)?</source>
        <translation>Welcher Drucker (Name oder Standort)?</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Private key</source>
        <extracomment>The scanner&apos;s kinds, in the words lupdate extracts.</extracomment>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Web token (JWT)</source>
        <translation>Web-Token (JWT)</translation>
    </message>
    <message>
        <source>AWS access key</source>
        <translation>AWS-Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>AWS secret key</source>
        <translation>Geheimer AWS-Schlüssel</translation>
    </message>
    <message>
        <source>GitHub token</source>
        <translation>GitHub-Token</translation>
    </message>
    <message>
        <source>GitLab token</source>
        <translation>GitLab-Token</translation>
    </message>
    <message>
        <source>Slack token</source>
        <translation>Slack-Token</translation>
    </message>
    <message>
        <source>Stripe key</source>
        <translation>Stripe-Schlüssel</translation>
    </message>
    <message>
        <source>Google API key</source>
        <translation>Google-API-Schlüssel</translation>
    </message>
    <message>
        <source>Password in a web address</source>
        <translation>Passwort in einer Webadresse</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Token or key</source>
        <translation>Token oder Schlüssel</translation>
    </message>
    <message>
        <source>Sign-in header</source>
        <translation>Anmelde-Header</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Cookie</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>Matches a pattern from IT</source>
        <translation>Passt auf ein Muster der IT</translation>
    </message>
    <message>
        <source>Your home folder</source>
        <translation>Ihr persönlicher Ordner</translation>
    </message>
    <message>
        <source>Your user name</source>
        <translation>Ihr Benutzername</translation>
    </message>
    <message>
        <source>Slack webhook</source>
        <translation>Slack-Webhook</translation>
    </message>
    <message>
        <source>OpenAI key</source>
        <translation>OpenAI-Schlüssel</translation>
    </message>
    <message>
        <source>Google access token</source>
        <translation>Google-Zugriffstoken</translation>
    </message>
    <message>
        <source>Azure storage key</source>
        <translation>Azure-Speicherschlüssel</translation>
    </message>
</context>
<context>
    <name>HelpWizard</name>
    <message>
        <source>Request help</source>
        <extracomment>Pause between two steps of building the pages after the first paint: room for paint events and for the workers collecting evidence (they share the GIL with this thread). The person wants *My requests*, showing this ticket (&quot;&quot; for none); the session opens it. The person wants to see what waits in the outbox. &quot;Let support see my screen&quot; on the Done page: the request&apos;s ticket id.</extracomment>
        <translation>Hilfe anfordern</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Save request</source>
        <translation>Anfrage &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>Anfrage &amp;senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Go on to the next page</source>
        <translation>Weiter zur nächsten Seite</translation>
    </message>
    <message>
        <source>Go back to the page before</source>
        <translation>Zurück zur vorigen Seite</translation>
    </message>
    <message>
        <source>Go on; there is no way back from here</source>
        <translation>Weiter; von hier aus geht es nicht mehr zurück</translation>
    </message>
    <message>
        <source>Add to %1 — %2</source>
        <translation>Ergänzung zu %1 – %2</translation>
    </message>
    <message>
        <source>Your request has not been sent yet.</source>
        <translation>Ihre Anfrage wurde noch nicht gesendet.</translation>
    </message>
    <message>
        <source>Close and keep the draft</source>
        <translation>Schließen und Entwurf behalten</translation>
    </message>
    <message>
        <source>Discard what you typed and close</source>
        <translation>Verwerfen, was Sie geschrieben haben, und schließen</translation>
    </message>
    <message>
        <source>Keep writing</source>
        <translation>Weiter schreiben</translation>
    </message>
    <message>
        <source>&amp;Close and keep the draft</source>
        <translation>Schließen und Entwurf &amp;behalten</translation>
    </message>
    <message>
        <source>Close {program}</source>
        <translation>{program} schließen</translation>
    </message>
    <message>
        <source>Close {program}; asks first if what you typed would be put aside</source>
        <translation>{program} schließen; fragt vorher nach, falls Ihre Eingaben sonst beiseitegelegt würden</translation>
    </message>
    <message>
        <source>Close {program}?</source>
        <translation>{program} schließen?</translation>
    </message>
    <message>
        <source>If you keep the draft, {program} offers to continue it the next time you open it. If you discard it, what you typed is deleted.</source>
        <translation>Wenn Sie den Entwurf behalten, bietet {program} beim nächsten Öffnen an, ihn fortzusetzen. Wenn Sie ihn verwerfen, wird gelöscht, was Sie geschrieben haben.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Keep writing</source>
        <translation>&amp;Weiter schreiben</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <source>Known problems</source>
        <extracomment>The most incidents the banner lists; more are counted in one line.</extracomment>
        <translation>Bekannte Probleme</translation>
    </message>
    <message>
        <source>Support already knows of these problems:</source>
        <translation>Der Support weiß bereits von diesen Problemen:</translation>
    </message>
    <message>
        <source>…and %1 more.</source>
        <translation>…und %1 weitere.</translation>
    </message>
</context>
<context>
    <name>IncidentMatch</name>
    <message>
        <source>Support already knows of this problem</source>
        <translation>Der Support weiß bereits von diesem Problem</translation>
    </message>
    <message>
        <source>Me &amp;too — tell me when it&apos;s fixed</source>
        <translation>&amp;Ich auch – Bescheid geben, wenn es behoben ist</translation>
    </message>
    <message>
        <source>Me too — tell me when it&apos;s fixed</source>
        <translation>Ich auch – Bescheid geben, wenn es behoben ist</translation>
    </message>
    <message>
        <source>Files nothing new. You get a notification when the problem is over.</source>
        <translation>Es wird nichts Neues gemeldet. Sie bekommen eine Benachrichtigung, sobald das Problem behoben ist.</translation>
    </message>
    <message>
        <source>My problem is di&amp;fferent</source>
        <translation>Mein Problem ist ein &amp;anderes</translation>
    </message>
    <message>
        <source>My problem is different</source>
        <translation>Mein Problem ist ein anderes</translation>
    </message>
    <message>
        <source>Go on describing your problem; the request says you saw this one.</source>
        <translation>Beschreiben Sie Ihr Problem weiter; die Anfrage vermerkt, dass Sie dieses gesehen haben.</translation>
    </message>
    <message>
        <source>Thank you. You will get a notification when it is fixed. Nothing new was filed; you can close this window.</source>
        <translation>Danke. Sie bekommen eine Benachrichtigung, sobald es behoben ist. Es wurde nichts Neues gemeldet; Sie können dieses Fenster schließen.</translation>
    </message>
</context>
<context>
    <name>ItemActions</name>
    <message>
        <source>&amp;Try again now</source>
        <translation>&amp;Jetzt erneut senden</translation>
    </message>
    <message>
        <source>Try to send it again now</source>
        <translation>Jetzt erneut versuchen, es zu senden</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>Ver&amp;werfen…</translation>
    </message>
    <message>
        <source>Discard what was not sent</source>
        <translation>Verwerfen, was nicht gesendet wurde</translation>
    </message>
</context>
<context>
    <name>KnownProblems</name>
    <message>
        <source>%1 since %2. Support is working on it.</source>
        <extracomment>What is known now (a :class:`Snapshot`), after the cache was read or a check ended. Subscribed incidents that ended: a list of ``(id, title)``, each given once. &quot;Me too&quot; kept a +1 in the outbox: delivery should run.</extracomment>
        <translation>%1 – seit %2. Der Support arbeitet daran.</translation>
    </message>
    <message>
        <source>%1. Support is working on it.</source>
        <translation>%1. Der Support arbeitet daran.</translation>
    </message>
    <message>
        <source>Could not check for known problems just now; if something is broken for you, please tell support.</source>
        <translation>Bekannte Probleme konnten gerade nicht abgefragt werden; wenn bei Ihnen etwas nicht funktioniert, melden Sie es bitte dem Support.</translation>
    </message>
    <message>
        <source>Fixed: %1</source>
        <translation>Behoben: %1</translation>
    </message>
    <message>
        <source>Support says this problem is over. If it still does not work for you, please file a request.</source>
        <translation>Laut Support ist dieses Problem behoben. Wenn es bei Ihnen immer noch nicht funktioniert, stellen Sie bitte eine Anfrage.</translation>
    </message>
</context>
<context>
    <name>LinkOpener</name>
    <message>
        <source>Its text shows a different address from the one it opens.</source>
        <translation>Sein Text zeigt eine andere Adresse als die, die er öffnet.</translation>
    </message>
    <message>
        <source>Its address uses letters that look like others; it is really {host}.</source>
        <translation>Seine Adresse verwendet Buchstaben, die wie andere aussehen; in Wirklichkeit ist es {host}.</translation>
    </message>
    <message>
        <source>Its address puts a name before the real one, {host}.</source>
        <translation>Seine Adresse stellt einen Namen vor die eigentliche, {host}.</translation>
    </message>
    <message>
        <source>Open this link?</source>
        <translation>Diesen Link öffnen?</translation>
    </message>
    <message>
        <source>This link opens {target}</source>
        <translation>Dieser Link öffnet {target}</translation>
    </message>
    <message>
        <source>Open it only if you trust where it leads.</source>
        <translation>Öffnen Sie ihn nur, wenn Sie dem Ziel vertrauen.</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>Show requests with status</source>
        <extracomment>The selected row changed (a :class:`Row`, or None when nothing is selected).</extracomment>
        <translation>Anfragen mit diesem Status anzeigen</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf den Versand</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>An&amp;zeigen:</translation>
    </message>
    <message>
        <source>Search your requests</source>
        <translation>Ihre Anfragen durchsuchen</translation>
    </message>
    <message>
        <source>Search by number, summary or name</source>
        <translation>Nach Nummer, Betreff oder Name suchen</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche löschen</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Your requests</source>
        <translation>Ihre Anfragen</translation>
    </message>
</context>
<context>
    <name>LogList</name>
    <message>
        <source>Log files sent with your request</source>
        <translation>Protokolldateien, die mit Ihrer Anfrage gesendet werden</translation>
    </message>
    <message>
        <source>Untick a log to leave it out.</source>
        <translation>Entfernen Sie das Häkchen, um ein Protokoll wegzulassen.</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source> (only its end)</source>
        <translation> (nur das Ende)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The helpdesk could not complete the request.</source>
        <translation>Der Helpdesk konnte die Anfrage nicht ausführen.</translation>
    </message>
    <message>
        <source>The helpdesk did not accept your sign-in. Please sign in again.</source>
        <translation>Der Helpdesk hat Ihre Anmeldung nicht angenommen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this at the helpdesk. Please contact IT.</source>
        <translation>Ihr Konto darf das beim Helpdesk nicht. Bitte wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <source>The helpdesk could not find this request.</source>
        <translation>Der Helpdesk konnte diese Anfrage nicht finden.</translation>
    </message>
    <message>
        <source>The helpdesk cannot be reached right now.</source>
        <translation>Der Helpdesk ist gerade nicht erreichbar.</translation>
    </message>
    <message>
        <source>Your helpdesk does not offer this.</source>
        <translation>Ihr Helpdesk bietet das nicht an.</translation>
    </message>
    <message>
        <source>No helpdesk address is set (backend.url).</source>
        <translation>Es ist keine Adresse des Helpdesks eingestellt (backend.url).</translation>
    </message>
    <message>
        <source>{program} is not set up completely: {setting} is empty. Please ask IT to set it.</source>
        <translation>{program} ist nicht vollständig eingerichtet: {setting} ist leer. Bitte bitten Sie die IT, es einzustellen.</translation>
    </message>
    <message>
        <source>The helpdesk address (backend.url) must start with https://.</source>
        <translation>Die Adresse des Helpdesks (backend.url) muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The helpdesk&apos;s certificate could not be verified; IT may need to set backend.ca_bundle.</source>
        <translation>Das Zertifikat des Helpdesks konnte nicht geprüft werden; die IT muss eventuell backend.ca_bundle einstellen.</translation>
    </message>
    <message>
        <source>The helpdesk address (backend.url) is not a valid web address.</source>
        <translation>Die Adresse des Helpdesks (backend.url) ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <source>{program} has no password or token for {helpdesk} yet. Please sign in.</source>
        <translation>{program} hat noch kein Passwort und kein Token für {helpdesk}. Bitte melden Sie sich an.</translation>
    </message>
    <message>
        <source>The {helpdesk} account {program} signs in with can read other people&apos;s requests, so {program} does not use it. Please sign in with your own account, or ask IT to set {setting}.</source>
        <translation>Das {helpdesk}-Konto, mit dem {program} sich anmeldet, kann Anfragen anderer Personen lesen, deshalb verwendet {program} es nicht. Bitte melden Sie sich mit Ihrem eigenen Konto an oder bitten Sie die IT, {setting} einzustellen.</translation>
    </message>
    <message>
        <source>A {helpdesk} API token works for every user of the account, so {program} uses it only when IT sets {setting}; please use your password.</source>
        <translation>Ein API-Token von {helpdesk} gilt für alle Benutzer des Kontos, deshalb verwendet {program} es nur, wenn die IT {setting} einstellt; bitte verwenden Sie Ihr Passwort.</translation>
    </message>
    <message>
        <source>The helpdesk sent an answer {program} cannot read; please tell IT.</source>
        <translation>Der Helpdesk hat eine Antwort gesendet, die {program} nicht lesen kann; bitte informieren Sie die IT.</translation>
    </message>
    <message>
        <source>Checking whether an earlier attempt already arrived…</source>
        <translation>Es wird geprüft, ob ein früherer Versuch schon angekommen ist…</translation>
    </message>
    <message>
        <source>Sending to the helpdesk…</source>
        <translation>Wird an den Helpdesk gesendet…</translation>
    </message>
    <message>
        <source>Requests are kept on this computer; nobody at support sees them until IT connects a helpdesk.</source>
        <translation>Anfragen werden auf diesem Computer aufbewahrt; beim Support sieht sie niemand, bis die IT einen Helpdesk anbindet.</translation>
    </message>
    <message>
        <source>In Jira you can mark a request resolved or reopen it only where its workflow offers customers that step; otherwise support does it for you.</source>
        <translation>In Jira können Sie eine Anfrage nur dann als gelöst markieren oder wieder öffnen, wenn ihr Workflow diesen Schritt für Kunden vorsieht; sonst erledigt das der Support für Sie.</translation>
    </message>
    <message>
        <source>Zammad lets customers close a ticket and open it again; other states are set by support.</source>
        <translation>In Zammad können Sie ein Ticket schließen und wieder öffnen; andere Status setzt der Support.</translation>
    </message>
    <message>
        <source>Zendesk lets you mark a request solved only once an agent has taken it on; a closed request cannot be reopened, so please file a follow-up instead.</source>
        <translation>In Zendesk können Sie eine Anfrage erst als gelöst markieren, wenn sie jemand beim Support übernommen hat; eine geschlossene Anfrage lässt sich nicht wieder öffnen, stellen Sie dann bitte eine Folgeanfrage.</translation>
    </message>
    <message>
        <source>The helpdesk address uses plain http://, which would send your password unencrypted; use https:// or ask IT to set backend.allow_insecure_http.</source>
        <translation>Die Adresse des Helpdesks beginnt mit http://, damit würde Ihr Passwort unverschlüsselt gesendet; verwenden Sie https:// oder bitten Sie die IT, backend.allow_insecure_http einzustellen.</translation>
    </message>
    <message>
        <source>The helpdesk address uses plain http://, which would send your token unencrypted; use https:// or ask IT to set backend.allow_insecure_http.</source>
        <translation>Die Adresse des Helpdesks beginnt mit http://, damit würde Ihr Token unverschlüsselt gesendet; verwenden Sie https:// oder bitten Sie die IT, backend.allow_insecure_http einzustellen.</translation>
    </message>
    <message>
        <source>The reply was sent but cannot be read back.</source>
        <translation>Die Antwort wurde gesendet, lässt sich aber nicht wieder abrufen.</translation>
    </message>
    <message>
        <source>Zendesk lets you mark this request solved only once an agent has taken it on; you can reply instead.</source>
        <translation>In Zendesk können Sie diese Anfrage erst als gelöst markieren, wenn sie jemand beim Support übernommen hat; Sie können stattdessen antworten.</translation>
    </message>
    <message>
        <source>There is no sender address: set backend.from_address or give an email address on the About you page.</source>
        <translation>Es gibt keine Absenderadresse: Stellen Sie backend.from_address ein oder geben Sie auf der Seite „Über Sie“ eine E-Mail-Adresse an.</translation>
    </message>
    <message>
        <source>The mail server refused the support address.</source>
        <translation>Der Mailserver hat die Support-Adresse abgelehnt.</translation>
    </message>
    <message>
        <source>The mail server&apos;s certificate could not be verified; IT may need to set backend.ca_bundle.</source>
        <translation>Das Zertifikat des Mailservers konnte nicht geprüft werden; die IT muss eventuell backend.ca_bundle einstellen.</translation>
    </message>
    <message>
        <source>The mail server did not accept the user name and password.</source>
        <translation>Der Mailserver hat den Benutzernamen und das Passwort nicht angenommen.</translation>
    </message>
    <message>
        <source>The helpdesk has no request {ticket}.</source>
        <translation>Der Helpdesk hat keine Anfrage {ticket}.</translation>
    </message>
    <message>
        <source>The helpdesk asked {program} to wait before sending more.</source>
        <translation>Der Helpdesk hat {program} gebeten, vor dem nächsten Senden zu warten.</translation>
    </message>
    <message>
        <source>The mail server could not be reached.</source>
        <translation>Der Mailserver ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The mail server refused the message: {detail}</source>
        <translation>Der Mailserver hat die Nachricht abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>The helpdesk refused the request: {reason}</source>
        <translation>Der Helpdesk hat die Anfrage abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>it gave no reason</source>
        <translation>er hat keinen Grund genannt</translation>
    </message>
    <message>
        <source>The setting {setting} does not work with this helpdesk; please ask IT to check it.</source>
        <translation>Die Einstellung {setting} funktioniert mit diesem Helpdesk nicht; bitte bitten Sie die IT, sie zu prüfen.</translation>
    </message>
    <message>
        <source>{helpdesk} accepts only personal API tokens here; please sign in with your token.</source>
        <translation>{helpdesk} nimmt hier nur persönliche API-Tokens an; bitte melden Sie sich mit Ihrem Token an.</translation>
    </message>
    <message>
        <source>The mail server did not answer in time.</source>
        <translation>Der Mailserver hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The helpdesk did not answer in time.</source>
        <translation>Der Helpdesk hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The helpdesk has a problem right now (HTTP {status}).</source>
        <translation>Der Helpdesk hat gerade ein Problem (HTTP {status}).</translation>
    </message>
    <message>
        <source>The helpdesk&apos;s answer was cut off or garbled.</source>
        <translation>Die Antwort des Helpdesks kam abgeschnitten oder verstümmelt an.</translation>
    </message>
    <message>
        <source>The helpdesk answered with a web page instead of data; a proxy or a network sign-in may be in the way, or backend.url may not point at the helpdesk&apos;s API.</source>
        <translation>Der Helpdesk hat mit einer Webseite statt mit Daten geantwortet; vielleicht steht ein Proxy oder eine Netzwerk-Anmeldung im Weg, oder backend.url zeigt nicht auf die API des Helpdesks.</translation>
    </message>
    <message>
        <source>The helpdesk answered with {content_type} instead of data; please check that backend.url points at the helpdesk&apos;s API.</source>
        <translation>Der Helpdesk hat mit {content_type} statt mit Daten geantwortet; bitte prüfen Sie, ob backend.url auf die API des Helpdesks zeigt.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong while talking to the helpdesk ({error}).</source>
        <translation>Bei der Verbindung mit dem Helpdesk ist etwas Unerwartetes schiefgegangen ({error}).</translation>
    </message>
    <message>
        <source>The file {name} could not be read.</source>
        <translation>Die Datei {name} konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>A file could not be read.</source>
        <translation>Eine Datei konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>A file kept for this request could not be read ({reason}). Please add it again, or send without it.</source>
        <translation>Eine für diese Anfrage aufbewahrte Datei konnte nicht gelesen werden ({reason}). Bitte fügen Sie sie erneut hinzu oder senden Sie ohne sie.</translation>
    </message>
    <message>
        <source>{helpdesk} did not accept the file {name}.</source>
        <translation>{helpdesk} hat die Datei {name} nicht angenommen.</translation>
    </message>
    <message>
        <source>{helpdesk} did not accept every file.</source>
        <translation>{helpdesk} hat nicht alle Dateien angenommen.</translation>
    </message>
    <message>
        <source>The file {name} is not stored at the helpdesk.</source>
        <translation>Die Datei {name} ist beim Helpdesk nicht gespeichert.</translation>
    </message>
    <message>
        <source>The file {name} arrived damaged.</source>
        <translation>Die Datei {name} ist beschädigt angekommen.</translation>
    </message>
    <message>
        <source>{helpdesk} takes no files; please send again without: {names}.</source>
        <translation>{helpdesk} nimmt keine Dateien an; bitte senden Sie erneut ohne: {names}.</translation>
    </message>
    <message>
        <source>{helpdesk} takes no files.</source>
        <translation>{helpdesk} nimmt keine Dateien an.</translation>
    </message>
    <message>
        <source>The mail server accepts at most {limit} per message; this request is {size} with its attachments.</source>
        <translation>Der Mailserver nimmt höchstens {limit} pro Nachricht an; diese Anfrage ist mit ihren Anhängen {size} groß.</translation>
    </message>
    <message>
        <source>{helpdesk} kept the request at “{status}”.</source>
        <translation>{helpdesk} hat den Status der Anfrage bei „{status}“ belassen.</translation>
    </message>
    <message>
        <source>{helpdesk} did not change the request&apos;s status.</source>
        <translation>{helpdesk} hat den Status der Anfrage nicht geändert.</translation>
    </message>
    <message>
        <source>This request&apos;s workflow in {helpdesk} does not let customers mark it resolved; support will close it, or you can reply.</source>
        <translation>Der Workflow dieser Anfrage in {helpdesk} lässt Kunden sie nicht als gelöst markieren; der Support schließt sie, oder Sie können antworten.</translation>
    </message>
    <message>
        <source>This request cannot be reopened in {helpdesk}; please file a new request that refers to it.</source>
        <translation>Diese Anfrage lässt sich in {helpdesk} nicht wieder öffnen; bitte stellen Sie eine neue Anfrage, die sich auf diese bezieht.</translation>
    </message>
    <message>
        <source>Your {helpdesk} role&apos;s workflow does not allow this status change; please ask support to change it.</source>
        <translation>Der Workflow Ihrer {helpdesk}-Rolle erlaubt diesen Statuswechsel nicht; bitte bitten Sie den Support, ihn vorzunehmen.</translation>
    </message>
    <message>
        <source>{helpdesk} reopens a request when you reply; please write what is still wrong.</source>
        <translation>{helpdesk} öffnet eine Anfrage wieder, wenn Sie antworten; bitte schreiben Sie, was noch nicht stimmt.</translation>
    </message>
    <message>
        <source>{program} will not send your password to a mail server without encryption; IT can set backend.smtp_security to &quot;starttls&quot; or &quot;ssl&quot;.</source>
        <translation>{program} sendet Ihr Passwort nicht ohne Verschlüsselung an einen Mailserver; die IT kann backend.smtp_security auf &quot;starttls&quot; oder &quot;ssl&quot; einstellen.</translation>
    </message>
    <message>
        <source>The mail server cannot take the message right now.</source>
        <translation>Der Mailserver kann die Nachricht gerade nicht annehmen.</translation>
    </message>
    <message>
        <source>The requests kept on this computer cannot be opened right now ({reason}).</source>
        <translation>Die auf diesem Computer aufbewahrten Anfragen lassen sich gerade nicht öffnen ({reason}).</translation>
    </message>
    <message>
        <source>This request kept on this computer is damaged and cannot be sent; it was set aside so that the others still go. Please write it again, then discard this one.</source>
        <translation>Diese auf dem Computer gespeicherte Anfrage ist beschädigt und kann nicht gesendet werden; sie wurde beiseitegelegt, damit die anderen trotzdem gesendet werden. Bitte schreiben Sie sie neu und verwerfen Sie dann diese.</translation>
    </message>
    <message>
        <source>{sentence} ({detail})</source>
        <translation>{sentence} ({detail})</translation>
    </message>
    <message>
        <source>Files cannot be attached on GitHub; they stay on this computer, with the copy of what was sent.</source>
        <translation>Auf GitHub lassen sich keine Dateien anhängen; sie bleiben auf diesem Computer, bei der Kopie des Gesendeten.</translation>
    </message>
    <message>
        <source>Marking a request resolved closes the GitLab issue; if it is still not fixed, please say so in a reply.</source>
        <translation>Wenn Sie eine Anfrage als gelöst markieren, wird das GitLab-Issue geschlossen; ist das Problem noch nicht behoben, schreiben Sie es bitte in einer Antwort.</translation>
    </message>
    <message>
        <source>In GLPI you close a request by accepting the solution support proposed; until then, tell support in a reply that it is solved.</source>
        <translation>In GLPI schließen Sie eine Anfrage, indem Sie die vom Support vorgeschlagene Lösung annehmen; bis dahin teilen Sie dem Support bitte in einer Antwort mit, dass das Problem gelöst ist.</translation>
    </message>
    <message>
        <source>Redmine does not offer you this step here; please tell support in a reply, and they change the status for you.</source>
        <translation>Redmine bietet Ihnen diesen Schritt hier nicht an; bitte schreiben Sie es dem Support in einer Antwort, dann ändert er den Status für Sie.</translation>
    </message>
    <message>
        <source>If you cannot mark a request resolved here, tell support in a reply that it is solved; replying to a resolved request reopens it.</source>
        <translation>Wenn Sie eine Anfrage hier nicht als gelöst markieren können, teilen Sie dem Support in einer Antwort mit, dass das Problem gelöst ist; eine Antwort auf eine gelöste Anfrage öffnet sie wieder.</translation>
    </message>
    <message>
        <source>Requests go to support by email; their answers arrive in your mailbox, and {program} keeps a copy of what you sent on this computer.</source>
        <translation>Anfragen gehen per E-Mail an den Support; die Antworten kommen in Ihr Postfach, und {program} bewahrt eine Kopie dessen, was Sie gesendet haben, auf diesem Computer auf.</translation>
    </message>
    <message>
        <source>{author} answered: {snippet}</source>
        <translation>{author} hat geantwortet: {snippet}</translation>
    </message>
    <message>
        <source>Support answered: {snippet}</source>
        <translation>Der Support hat geantwortet: {snippet}</translation>
    </message>
    <message>
        <source>Status is now “{status}”.</source>
        <translation>Der Status ist jetzt „{status}“.</translation>
    </message>
    <message>
        <source>Is it solved? Open the request to tell support.</source>
        <translation>Ist es gelöst? Öffnen Sie die Anfrage, um es dem Support zu sagen.</translation>
    </message>
    <message>
        <source>What were you doing?</source>
        <translation>Was haben Sie gerade getan?</translation>
    </message>
    <message>
        <source>What happened?</source>
        <translation>Was ist passiert?</translation>
    </message>
    <message>
        <source>Exact error message</source>
        <translation>Genaue Fehlermeldung</translation>
    </message>
    <message>
        <source>What did you expect to happen?</source>
        <translation>Was haben Sie erwartet?</translation>
    </message>
    <message>
        <source>Where (program or web address)</source>
        <translation>Wo (Programm oder Webadresse)</translation>
    </message>
    <message>
        <source>Since when, and how often?</source>
        <translation>Seit wann und wie häufig?</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <source>Steps recorded (pictures in the attached steps report)</source>
        <translation>Aufgezeichnete Schritte (Bilder im angehängten Schrittbericht)</translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation>(kein Name angegeben)</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Customer or membership ID</source>
        <translation>Kunden- oder Mitgliedsnummer</translation>
    </message>
    <message>
        <source>Organisation or domain</source>
        <translation>Organisation oder Domain</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Support request</source>
        <translation>Supportanfrage</translation>
    </message>
    <message>
        <source>in about {count} seconds</source>
        <translation>in etwa {count} Sekunden</translation>
    </message>
    <message>
        <source>in about {count} minutes</source>
        <translation>in etwa {count} Minuten</translation>
    </message>
    <message>
        <source>{reason} {program} will try again in a moment.</source>
        <translation>{reason} {program} versucht es gleich erneut.</translation>
    </message>
    <message>
        <source>{reason} {program} will try again {when}.</source>
        <translation>{reason} {program} versucht es {when} erneut.</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>what you were doing</source>
        <translation>Was Sie gerade getan haben</translation>
    </message>
    <message>
        <source>error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <source>what you expected</source>
        <translation>Was Sie erwartet haben</translation>
    </message>
    <message>
        <source>place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>since when</source>
        <translation>Seit wann</translation>
    </message>
    <message>
        <source>impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>The {field} is {length} characters long; at most {limit} fit.</source>
        <translation>Das Feld „{field}“ ist {length} Zeichen lang; höchstens {limit} passen hinein.</translation>
    </message>
    <message>
        <source>There is no category &apos;{given}&apos;; please use one of {choices}.</source>
        <translation>Es gibt keine Kategorie „{given}“; bitte verwenden Sie eine von {choices}.</translation>
    </message>
    <message>
        <source>The {field} must be one of {choices}, not &apos;{given}&apos;.</source>
        <translation>„{field}“ muss eines von {choices} sein, nicht „{given}“.</translation>
    </message>
    <message>
        <source>The link is {length} characters long; at most {limit} are read.</source>
        <translation>Der Link ist {length} Zeichen lang; höchstens {limit} werden gelesen.</translation>
    </message>
    <message>
        <source>Links must start with {schemes}.</source>
        <translation>Links müssen mit {schemes} beginnen.</translation>
    </message>
    <message>
        <source>This link asks for &apos;{action}&apos;; links can only start a new request ({example}).</source>
        <translation>Dieser Link verlangt „{action}“; Links können nur eine neue Anfrage beginnen ({example}).</translation>
    </message>
    <message>
        <source>The link has too many parameters; at most {limit} are read.</source>
        <translation>Der Link hat zu viele Parameter; höchstens {limit} werden gelesen.</translation>
    </message>
    <message>
        <source>The link gives &apos;{name}&apos; more than once; please give it once.</source>
        <translation>Der Link gibt „{name}“ mehr als einmal an; bitte geben Sie es nur einmal an.</translation>
    </message>
    <message>
        <source>The link names no request (&apos;{given}&apos;); it needs request=NUMBER.</source>
        <translation>Der Link nennt keine Anfrage (&apos;{given}&apos;); er braucht request=NUMMER.</translation>
    </message>
    <message>
        <source>The link&apos;s minutes must be a whole number from 1 to 1440, not &apos;{given}&apos;.</source>
        <translation>Die Minuten im Link müssen eine ganze Zahl von 1 bis 1440 sein, nicht &apos;{given}&apos;.</translation>
    </message>
    <message>
        <source>The link&apos;s control must be 0 or 1, not &apos;{given}&apos;.</source>
        <translation>„control“ im Link muss 0 oder 1 sein, nicht &apos;{given}&apos;.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Needs you</source>
        <translation>Braucht Sie</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>{program} is not allowed to read {name}. Please check its permissions or leave it out.</source>
        <translation>{program} darf {name} nicht lesen. Bitte prüfen Sie die Berechtigungen oder lassen Sie die Datei weg.</translation>
    </message>
    <message>
        <source>Your message reached support</source>
        <translation>Ihre Nachricht hat den Support erreicht</translation>
    </message>
    <message>
        <source>It was added to {ref}: {summary}</source>
        <translation>Sie wurde zu {ref} hinzugefügt: {summary}</translation>
    </message>
    <message>
        <source>Your request reached support as {ref}</source>
        <translation>Ihre Anfrage hat den Support als {ref} erreicht</translation>
    </message>
    <message>
        <source>A request needs you: {summary}</source>
        <translation>Eine Anfrage braucht Sie: {summary}</translation>
    </message>
    <message>
        <source>Sent as {ref}.</source>
        <translation>Gesendet als {ref}.</translation>
    </message>
    <message>
        <source>Sending now.</source>
        <translation>Wird gerade gesendet.</translation>
    </message>
    <message>
        <source>Waiting to be sent.</source>
        <translation>Wartet auf den Versand.</translation>
    </message>
    <message>
        <source>Not sent: {reason} It is kept safe here until you try again.</source>
        <translation>Nicht gesendet: {reason} Die Anfrage bleibt hier sicher gespeichert, bis Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>Not sent yet: {detail}</source>
        <translation>Noch nicht gesendet: {detail}</translation>
    </message>
    <message>
        <source>The file {name} is no longer there. Please add it again or leave it out.</source>
        <translation>Die Datei {name} ist nicht mehr vorhanden. Bitte fügen Sie sie erneut hinzu oder lassen Sie sie weg.</translation>
    </message>
    <message>
        <source>{name} is a folder. Please attach the files in it, or a zip of it.</source>
        <translation>{name} ist ein Ordner. Bitte hängen Sie die Dateien darin an oder ein ZIP-Archiv davon.</translation>
    </message>
    <message>
        <source>The attachments add up to {total}, more than the {limit} the helpdesk accepts. Please leave out {name} ({size}) or attach a smaller file.</source>
        <translation>Die Anhänge sind zusammen {total} groß, mehr als die {limit}, die der Helpdesk annimmt. Bitte lassen Sie {name} ({size}) weg oder hängen Sie eine kleinere Datei an.</translation>
    </message>
    <message>
        <source>what exactly happens on the screen</source>
        <translation>was genau auf dem Bildschirm passiert</translation>
    </message>
    <message>
        <source>the exact error message</source>
        <translation>den genauen Wortlaut der Fehlermeldung</translation>
    </message>
    <message>
        <source>which program or web address</source>
        <translation>welches Programm oder welche Webadresse</translation>
    </message>
    <message>
        <source>what you were doing just before</source>
        <translation>was Sie kurz davor getan haben</translation>
    </message>
    <message>
        <source>since when it happens</source>
        <translation>seit wann es auftritt</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
    <message>
        <source>Support can help much faster if you add {details}. You can still send as it is.</source>
        <translation>Der Support kann viel schneller helfen, wenn Sie noch angeben: {details}. Sie können die Anfrage auch so senden.</translation>
    </message>
    <message>
        <source>1 CPU</source>
        <translation>1 CPU</translation>
    </message>
    <message>
        <source>{count} CPUs</source>
        <translation>{count} CPUs</translation>
    </message>
    <message>
        <source>{size} GiB RAM</source>
        <translation>{size} GiB RAM</translation>
    </message>
    <message>
        <source>host {name}</source>
        <translation>Rechner {name}</translation>
    </message>
    <message>
        <source>System information unavailable</source>
        <translation>Systeminformationen nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>NotHandledPage</name>
    <message>
        <source>This is handled elsewhere</source>
        <translation>Dafür ist eine andere Stelle zuständig</translation>
    </message>
    <message>
        <source>Nothing has been sent. Here is where to get help with this.</source>
        <translation>Es wurde nichts gesendet. Hier erhalten Sie Hilfe zu diesem Thema.</translation>
    </message>
    <message>
        <source>Open the right place in your browser</source>
        <translation>Die zuständige Stelle im Browser öffnen</translation>
    </message>
    <message>
        <source>&amp;Go back and choose another category</source>
        <translation>Zurück und andere &amp;Kategorie wählen</translation>
    </message>
    <message>
        <source>Go back and choose another category</source>
        <translation>Zurück und eine andere Kategorie wählen</translation>
    </message>
    <message>
        <source>Press Close when you are done. What you typed for this request is not kept.</source>
        <translation>Klicken Sie auf „Schließen“, wenn Sie fertig sind. Ihre Eingaben zu dieser Anfrage werden nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>&amp;Open %1</source>
        <translation>%1 ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open %1 in your browser</source>
        <translation>%1 im Browser öffnen</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>{ref}: {summary}</source>
        <extracomment>A poll finished: :class:`PollResult` (its ``error`` set when the helpdesk failed). What changed since the last poll: a non-empty list of :class:`Change`. The helpdesk refused the sign-in; polling waits until :meth:`poll_now` is called again. A poll started or finished. Every notification shown: title, text, ticket id (for a fallback and for tests). The user clicked a notification about this ticket. The user answered &quot;Is it solved?&quot; in a notification: ticket id, answer. The desktop&apos;s notification service, for desktops without a tray (GNOME).</extracomment>
        <translation>{ref}: {summary}</translation>
    </message>
    <message>
        <source>{count} of your requests changed</source>
        <translation>{count} Ihrer Anfragen haben sich geändert</translation>
    </message>
</context>
<context>
    <name>PartList</name>
    <message>
        <source>Attachments that will be sent</source>
        <translation>Anhänge, die gesendet werden</translation>
    </message>
    <message>
        <source>Untick an attachment to leave it out. Press Enter to open it.</source>
        <translation>Entfernen Sie das Häkchen, um einen Anhang wegzulassen. Mit der Eingabetaste öffnen Sie ihn.</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Verborgen</translation>
    </message>
    <message>
        <source>How many passwords, keys or tokens {program} hid in it</source>
        <translation>Wie viele Passwörter, Schlüssel oder Tokens {program} darin verborgen hat</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>weggelassen</translation>
    </message>
    <message>
        <source>Untick to leave {name} out</source>
        <translation>Häkchen entfernen, um {name} wegzulassen</translation>
    </message>
</context>
<context>
    <name>PartViewer</name>
    <message>
        <source>{title}, exactly as it is sent</source>
        <translation>{title}, genau so, wie es gesendet wird</translation>
    </message>
    <message>
        <source>Hidden passwords, keys and tokens</source>
        <translation>Verborgene Passwörter, Schlüssel und Tokens</translation>
    </message>
    <message>
        <source>Send as it is</source>
        <translation>Unverändert senden</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{program} found no passwords, keys or tokens in this text. This is exactly what is sent.</source>
        <translation>{program} hat in diesem Text keine Passwörter, Schlüssel oder Tokens gefunden. Genau das wird gesendet.</translation>
    </message>
    <message>
        <source>{program} found one password, key or token and hid it (highlighted in yellow).</source>
        <translation>{program} hat ein Passwort, einen Schlüssel oder ein Token gefunden und verborgen (gelb hervorgehoben).</translation>
    </message>
    <message>
        <source>{program} found one password, key or token; it is sent as it is (red).</source>
        <translation>{program} hat ein Passwort, einen Schlüssel oder ein Token gefunden; es wird unverändert gesendet (rot).</translation>
    </message>
    <message>
        <source>{program} found {total} passwords, keys or tokens and hid them (highlighted in yellow).</source>
        <translation>{program} hat {total} Passwörter, Schlüssel oder Tokens gefunden und verborgen (gelb hervorgehoben).</translation>
    </message>
    <message>
        <source>{program} found {total} passwords, keys or tokens: {masked} hidden (yellow), {clear} sent as they are (red).</source>
        <translation>{program} hat {total} Passwörter, Schlüssel oder Tokens gefunden: {masked} verborgen (gelb), {clear} unverändert gesendet (rot).</translation>
    </message>
    <message>
        <source>This is exactly what is sent.</source>
        <translation>Genau das wird gesendet.</translation>
    </message>
    <message>
        <source>If support really needs one, tick &quot;Send as it is&quot; for that one only.</source>
        <translation>Falls der Support eine davon wirklich braucht, setzen Sie nur bei dieser das Häkchen „Unverändert senden“.</translation>
    </message>
    <message>
        <source>Send this one as it is, not hidden</source>
        <translation>Diese Stelle unverändert senden, nicht verborgen</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <source>Choose what it is about</source>
        <extracomment>The priority shown changed (for pages or tests that follow it).</extracomment>
        <translation>Wählen Sie, worum es geht</translation>
    </message>
    <message>
        <source>&amp;Category (required)</source>
        <translation>&amp;Kategorie (erforderlich)</translation>
    </message>
    <message>
        <source>For example: Printer on floor 2 prints blank pages</source>
        <translation>Zum Beispiel: Drucker im 2. Stock druckt leere Seiten</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>&amp;Betreff</translation>
    </message>
    <message>
        <source>What were you &amp;doing?</source>
        <translation>Was haben Sie gerade &amp;getan?</translation>
    </message>
    <message>
        <source>For example: opening the monthly report</source>
        <translation>Zum Beispiel: den Monatsbericht geöffnet</translation>
    </message>
    <message>
        <source>What &amp;happened?</source>
        <translation>Was ist &amp;passiert?</translation>
    </message>
    <message>
        <source>What you saw on the screen, step by step</source>
        <translation>Was Sie auf dem Bildschirm gesehen haben, Schritt für Schritt</translation>
    </message>
    <message>
        <source>Exact error &amp;message</source>
        <translation>Genaue &amp;Fehlermeldung</translation>
    </message>
    <message>
        <source>Paste the message exactly as it appears</source>
        <translation>Fügen Sie die Meldung genau so ein, wie sie erscheint</translation>
    </message>
    <message>
        <source>What did you e&amp;xpect to happen?</source>
        <translation>Was haben Sie &amp;erwartet?</translation>
    </message>
    <message>
        <source>Whe&amp;re (program or web address)</source>
        <translation>W&amp;o (Programm oder Webadresse)</translation>
    </message>
    <message>
        <source>For example: Outlook, or https://intranet.example.org</source>
        <translation>Zum Beispiel: Outlook oder https://intranet.example.org</translation>
    </message>
    <message>
        <source>Just now</source>
        <translation>Gerade eben</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>For a few days</source>
        <translation>Seit ein paar Tagen</translation>
    </message>
    <message>
        <source>For weeks</source>
        <translation>Seit Wochen</translation>
    </message>
    <message>
        <source>It has never worked</source>
        <translation>Es hat noch nie funktioniert</translation>
    </message>
    <message>
        <source>Every time</source>
        <translation>Jedes Mal</translation>
    </message>
    <message>
        <source>Now and then</source>
        <translation>Ab und zu</translation>
    </message>
    <message>
        <source>Choose or type</source>
        <translation>Auswählen oder eingeben</translation>
    </message>
    <message>
        <source>Since when, and how &amp;often?</source>
        <translation>Seit wann und wie &amp;häufig?</translation>
    </message>
    <message>
        <source>Who is &amp;affected?</source>
        <translation>Wer ist be&amp;troffen?</translation>
    </message>
    <message>
        <source>How &amp;urgent is it?</source>
        <translation>Wie &amp;dringend ist es?</translation>
    </message>
    <message>
        <source>Open the right place in your browser</source>
        <translation>Die zuständige Stelle im Browser öffnen</translation>
    </message>
    <message>
        <source>{program} does not send requests about this. If your problem is about something else, choose another category.</source>
        <translation>Anfragen dazu sendet {program} nicht. Wenn es bei Ihrem Problem um etwas anderes geht, wählen Sie bitte eine andere Kategorie.</translation>
    </message>
    <message>
        <source>Add to %1</source>
        <translation>Ergänzung zu %1</translation>
    </message>
    <message>
        <source>Describe what is new; it is added to request %1.</source>
        <translation>Beschreiben Sie, was neu ist; es wird der Anfrage %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>&amp;Summary (optional)</source>
        <translation>&amp;Betreff (optional)</translation>
    </message>
    <message>
        <source>The problem</source>
        <translation>Das Problem</translation>
    </message>
    <message>
        <source>The more precisely you describe it, the faster support can help.</source>
        <translation>Je genauer Sie es beschreiben, desto schneller kann der Support helfen.</translation>
    </message>
    <message>
        <source>&amp;Summary (required)</source>
        <translation>&amp;Betreff (erforderlich)</translation>
    </message>
    <message>
        <source>This is handled elsewhere, not by this helpdesk.</source>
        <translation>Darum kümmert sich eine andere Stelle, nicht dieser Helpdesk.</translation>
    </message>
    <message>
        <source>O&amp;pen %1</source>
        <translation>%1 öff&amp;nen</translation>
    </message>
    <message>
        <source>Open %1 in your browser</source>
        <translation>%1 im Browser öffnen</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Priorität: %1</translation>
    </message>
    <message>
        <source>Please give your request a one-line summary.</source>
        <translation>Bitte geben Sie Ihrer Anfrage einen kurzen Betreff in einer Zeile.</translation>
    </message>
    <message>
        <source>choose a category</source>
        <translation>eine Kategorie wählen</translation>
    </message>
    <message>
        <source>write a one-line summary</source>
        <translation>einen einzeiligen Betreff schreiben</translation>
    </message>
    <message>
        <source>answer the questions marked required</source>
        <translation>die als erforderlich markierten Fragen beantworten</translation>
    </message>
    <message>
        <source>To go on: %1.</source>
        <translation>Um weiterzumachen: %1.</translation>
    </message>
    <message>
        <source>Just me</source>
        <extracomment>The impact and urgency answers of app/core/priority.py, for lupdate (the page passes them to tr() from the dicts); a test keeps both lists equal.</extracomment>
        <translation>Nur ich</translation>
    </message>
    <message>
        <source>My team or several people</source>
        <translation>Mein Team oder mehrere Personen</translation>
    </message>
    <message>
        <source>Everyone, or the whole organisation</source>
        <translation>Alle oder die ganze Organisation</translation>
    </message>
    <message>
        <source>It can wait; I have a way around it</source>
        <translation>Es kann warten; ich kann es umgehen</translation>
    </message>
    <message>
        <source>It slows my work down</source>
        <translation>Es hält mich bei der Arbeit auf</translation>
    </message>
    <message>
        <source>I cannot work at all</source>
        <translation>Ich kann gar nicht arbeiten</translation>
    </message>
    <message>
        <source>Computer or software</source>
        <translation>Computer oder Software</translation>
    </message>
    <message>
        <source>Your computer, a program, or something that crashes or will not start.</source>
        <translation>Ihr Computer, ein Programm oder etwas, das abstürzt oder nicht startet.</translation>
    </message>
    <message>
        <source>Account, password or access</source>
        <translation>Konto, Passwort oder Zugriff</translation>
    </message>
    <message>
        <source>Signing in, a locked account, or access to a folder or system.</source>
        <translation>Anmeldung, ein gesperrtes Konto oder Zugriff auf einen Ordner oder ein System.</translation>
    </message>
    <message>
        <source>Email and calendar</source>
        <translation>E-Mail und Kalender</translation>
    </message>
    <message>
        <source>Network, internet or VPN</source>
        <translation>Netzwerk, Internet oder VPN</translation>
    </message>
    <message>
        <source>Printer or scanner</source>
        <translation>Drucker oder Scanner</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Etwas anderes</translation>
    </message>
</context>
<context>
    <name>ReceiptStrip</name>
    <message>
        <source>Copy of this request</source>
        <extracomment>Set by the window; otherwise found on the window, else a runner of our own. The data folder that holds ``receipts/`` (the submission&apos;s root); None: default. Opens a folder in the file manager; tests replace it.</extracomment>
        <translation>Kopie dieser Anfrage</translation>
    </message>
    <message>
        <source>Op&amp;en folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>Open the folder that holds the copy of this request</source>
        <translation>Den Ordner mit der Kopie dieser Anfrage öffnen</translation>
    </message>
    <message>
        <source>Check that the copy is unchanged</source>
        <translation>Prüfen, ob die Kopie unverändert ist</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <source>An exact copy of this request is kept on this computer ({size}).</source>
        <translation>Eine genaue Kopie dieser Anfrage liegt auf diesem Computer ({size}).</translation>
    </message>
    <message>
        <source>The one file is unchanged.</source>
        <translation>Die Datei ist unverändert.</translation>
    </message>
    <message>
        <source>All {count} files are unchanged.</source>
        <translation>Alle {count} Dateien sind unverändert.</translation>
    </message>
    <message>
        <source>&amp;Check the copy</source>
        <translation>Kopie &amp;prüfen</translation>
    </message>
    <message>
        <source>Compares every file in the copy with what was recorded when it was sent.</source>
        <translation>Vergleicht jede Datei der Kopie mit dem, was beim Senden festgehalten wurde.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>The copy could not be checked: {reason}</source>
        <translation>Die Kopie konnte nicht geprüft werden: {reason}</translation>
    </message>
</context>
<context>
    <name>RedactCanvas</name>
    <message>
        <source>Screenshot</source>
        <extracomment>The keyboard cross moved to this canvas position; the view keeps it in sight.</extracomment>
        <translation>Bildschirmfoto</translation>
    </message>
    <message>
        <source>Drag over the screenshot to black out, blur or mark a part of it. Without a mouse, move the cross with the arrow keys and press Space at two corners.</source>
        <translation>Ziehen Sie über das Bildschirmfoto, um einen Teil zu schwärzen, unkenntlich zu machen oder zu markieren. Ohne Maus bewegen Sie das Kreuz mit den Pfeiltasten und drücken an zwei Ecken die Leertaste.</translation>
    </message>
</context>
<context>
    <name>RedactDialog</name>
    <message>
        <source>&amp;Black out</source>
        <extracomment>(tool, objectName stem, label with mnemonic, shortcut, tooltip); the texts are marked for lupdate here and translated where the actions are made.</extracomment>
        <translation>&amp;Schwärzen</translation>
    </message>
    <message>
        <source>Cover an area with black (B)</source>
        <translation>Einen Bereich schwarz abdecken (B)</translation>
    </message>
    <message>
        <source>Bl&amp;ur</source>
        <translation>&amp;Unkenntlich machen</translation>
    </message>
    <message>
        <source>Blur an area so text cannot be read (U); for passwords, use Black out</source>
        <translation>Einen Bereich unscharf machen, damit Text nicht lesbar ist (U); für Passwörter verwenden Sie „Schwärzen“</translation>
    </message>
    <message>
        <source>&amp;Arrow</source>
        <translation>&amp;Pfeil</translation>
    </message>
    <message>
        <source>Draw a red arrow (A)</source>
        <translation>Einen roten Pfeil zeichnen (A)</translation>
    </message>
    <message>
        <source>&amp;Red box</source>
        <translation>&amp;Roter Rahmen</translation>
    </message>
    <message>
        <source>Draw a red box around an area (R)</source>
        <translation>Einen roten Rahmen um einen Bereich zeichnen (R)</translation>
    </message>
    <message>
        <source>Hide or mark parts of the screenshot</source>
        <translation>Teile des Bildschirmfotos verbergen oder markieren</translation>
    </message>
    <message>
        <source>Screenshot tools</source>
        <translation>Werkzeuge für das Bildschirmfoto</translation>
    </message>
    <message>
        <source>U&amp;ndo</source>
        <translation>Rück&amp;gängig</translation>
    </message>
    <message>
        <source>Take back the last change (Ctrl+Z)</source>
        <translation>Die letzte Änderung zurücknehmen (Strg+Z)</translation>
    </message>
    <message>
        <source>Rese&amp;t</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Take back every change</source>
        <translation>Alle Änderungen zurücknehmen</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>Show the whole screenshot (Ctrl+0)</source>
        <translation>Das ganze Bildschirmfoto zeigen (Strg+0)</translation>
    </message>
    <message>
        <source>&amp;100 %</source>
        <translation>&amp;100 %</translation>
    </message>
    <message>
        <source>Show the screenshot at its real size (Ctrl+1)</source>
        <translation>Das Bildschirmfoto in Originalgröße zeigen (Strg+1)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Hineinzoomen</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+= or Ctrl+wheel)</source>
        <translation>Hineinzoomen (Strg+= oder Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Her&amp;auszoomen</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+- or Ctrl+wheel)</source>
        <translation>Herauszoomen (Strg+- oder Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Zoom: {0} %</source>
        <translation>Zoom: {0} %</translation>
    </message>
    <message>
        <source>Drag over the screenshot to hide or mark a part of it (or use the arrow keys and press Space at two corners). The picture as shown here is exactly what will be sent; the unedited one is not kept.</source>
        <translation>Ziehen Sie über das Bildschirmfoto, um einen Teil zu verbergen oder zu markieren (oder nutzen Sie die Pfeiltasten und drücken Sie an zwei Ecken die Leertaste). Das Bild wird genau so gesendet, wie es hier zu sehen ist; das unbearbeitete wird nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>U&amp;se this screenshot</source>
        <translation>Dieses Bildschirmfoto &amp;verwenden</translation>
    </message>
    <message>
        <source>Use this screenshot</source>
        <translation>Dieses Bildschirmfoto verwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RedactView</name>
    <message>
        <source>Screenshot preview</source>
        <translation>Vorschau des Bildschirmfotos</translation>
    </message>
</context>
<context>
    <name>RemoteHelp</name>
    <message>
        <source>Support can see your screen</source>
        <extracomment>The bar&apos;s colour (style.qss ``#sharingBar``: ``error_strong`` in app/ui/style.py, the same in every theme); the end-to-end test looks for it in the technician&apos;s frame.</extracomment>
        <translation>Der Support sieht Ihren Bildschirm</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Stop sharing my screen</source>
        <translation>Bildschirmfreigabe beenden</translation>
    </message>
    <message>
        <source>Stops by itself in {time}</source>
        <translation>Endet von selbst in {time}</translation>
    </message>
    <message>
        <source>or {keys}</source>
        <translation>oder {keys}</translation>
    </message>
    <message>
        <source>Also from the keyboard, in any window: {keys}</source>
        <translation>Auch über die Tastatur, in jedem Fenster: {keys}</translation>
    </message>
    <message>
        <source>Your desktop uses Wayland. There, only the desktop&apos;s own screen-sharing portal may share the screen, and {tool} cannot use it. Please tell support: they can use RustDesk (it can use the portal) or your desktop&apos;s own screen sharing.</source>
        <translation>Ihr Desktop verwendet Wayland. Dort darf nur das Freigabe-Portal des Desktops den Bildschirm teilen, und {tool} kann es nicht nutzen. Bitte sagen Sie es dem Support: Er kann RustDesk verwenden (es kann das Portal nutzen) oder die Bildschirmfreigabe Ihres Desktops.</translation>
    </message>
    <message>
        <source>{program} is not installed on this computer, so the screen cannot be shared. Please tell support or IT.</source>
        <translation>{program} ist auf diesem Computer nicht installiert, daher kann der Bildschirm nicht freigegeben werden. Bitte sagen Sie es dem Support oder der IT.</translation>
    </message>
    <message>
        <source>Quick Assist is only available on Windows. Please tell support.</source>
        <translation>Quick Assist gibt es nur unter Windows. Bitte sagen Sie es dem Support.</translation>
    </message>
    <message>
        <source>IT has not set up a valid invitation link for MeshCentral. Please tell IT.</source>
        <translation>Die IT hat keinen gültigen Einladungslink für MeshCentral eingerichtet. Bitte sagen Sie es der IT.</translation>
    </message>
    <message>
        <source>Screen sharing with support is switched off on this computer by IT.</source>
        <translation>Die Bildschirmfreigabe für den Support ist auf diesem Computer von der IT abgeschaltet.</translation>
    </message>
    <message>
        <source>Screen sharing is not set up yet: IT has not said where support connects from.</source>
        <translation>Die Bildschirmfreigabe ist noch nicht eingerichtet: Die IT hat nicht angegeben, von wo sich der Support verbindet.</translation>
    </message>
    <message>
        <source>That is not a request number.</source>
        <translation>Das ist keine Anfragenummer.</translation>
    </message>
    <message>
        <source>Type the code support tells you into Quick Assist</source>
        <translation>Geben Sie den Code, den der Support Ihnen sagt, in Quick Assist ein</translation>
    </message>
    <message>
        <source>you pressed Stop</source>
        <translation>Sie haben „Beenden“ gedrückt</translation>
    </message>
    <message>
        <source>the time limit</source>
        <translation>Zeitlimit erreicht</translation>
    </message>
    <message>
        <source>support disconnected</source>
        <translation>der Support hat die Verbindung getrennt</translation>
    </message>
    <message>
        <source>{program} closed</source>
        <translation>{program} wurde beendet</translation>
    </message>
    <message>
        <source>the tool could not start</source>
        <translation>das Programm konnte nicht starten</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} Min. {seconds} s</translation>
    </message>
    <message>
        <source>control allowed</source>
        <translation>Steuern erlaubt</translation>
    </message>
    <message>
        <source>view only</source>
        <translation>nur ansehen</translation>
    </message>
    <message>
        <source>Screen sharing started at {when} with {tool}, {mode}, for at most {minutes} minutes; {who} agreed.</source>
        <translation>Bildschirmfreigabe begonnen um {when} mit {tool}, {mode}, für höchstens {minutes} Minuten; {who} hat zugestimmt.</translation>
    </message>
    <message>
        <source>Screen sharing ended at {when} ({by}), after {duration}.</source>
        <translation>Bildschirmfreigabe beendet um {when} ({by}), nach {duration}.</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Your reply</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Write to support…</source>
        <translation>An den Support schreiben…</translation>
    </message>
    <message>
        <source>Attach &amp;files…</source>
        <translation>&amp;Dateien anhängen…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Remove files</source>
        <translation>Dateien entfernen</translation>
    </message>
    <message>
        <source>Remove the attached files</source>
        <translation>Die angehängten Dateien entfernen</translation>
    </message>
    <message>
        <source>&amp;Add a screenshot…</source>
        <translation>&amp;Bildschirmfoto hinzufügen…</translation>
    </message>
    <message>
        <source>Add a screenshot</source>
        <translation>Bildschirmfoto hinzufügen</translation>
    </message>
    <message>
        <source>Show support the ste&amp;ps…</source>
        <translation>Dem Support die Schri&amp;tte zeigen…</translation>
    </message>
    <message>
        <source>Record the steps that lead to the problem and attach them</source>
        <translation>Die Schritte aufzeichnen, die zum Problem führen, und anhängen</translation>
    </message>
    <message>
        <source>&amp;Send reply</source>
        <translation>Antwort &amp;senden</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <source>This s&amp;olved my problem</source>
        <translation>Das hat mein Problem &amp;gelöst</translation>
    </message>
    <message>
        <source>This solved my problem</source>
        <translation>Das hat mein Problem gelöst</translation>
    </message>
    <message>
        <source>Still &amp;not fixed</source>
        <translation>&amp;Noch nicht behoben</translation>
    </message>
    <message>
        <source>Still not fixed</source>
        <translation>Noch nicht behoben</translation>
    </message>
    <message>
        <source>Reply status</source>
        <translation>Stand der Antwort</translation>
    </message>
    <message>
        <source>What is sent</source>
        <translation>Was gesendet wird</translation>
    </message>
    <message>
        <source>{program} will hide one password, key or token as ••••••••. This is what will be sent:</source>
        <extracomment>&quot;Is it solved?&quot; is asked above (its own Still not fixed leads here): no second button.</extracomment>
        <translation>{program} verbirgt ein Passwort, einen Schlüssel oder ein Token, angezeigt als ••••••••. Dies wird gesendet:</translation>
    </message>
    <message>
        <source>{program} will hide {count} passwords, keys or tokens as ••••••••. This is what will be sent:</source>
        <translation>{program} verbirgt {count} Passwörter, Schlüssel oder Tokens, angezeigt als ••••••••. Dies wird gesendet:</translation>
    </message>
    <message>
        <source>{program} hid one password, key or token as ••••••••. This is what was sent:</source>
        <translation>{program} hat ein Passwort, einen Schlüssel oder ein Token verborgen, angezeigt als ••••••••. Dies wurde gesendet:</translation>
    </message>
    <message>
        <source>{program} hid {count} passwords, keys or tokens as ••••••••. This is what was sent:</source>
        <translation>{program} hat {count} Passwörter, Schlüssel oder Tokens verborgen, angezeigt als ••••••••. Dies wurde gesendet:</translation>
    </message>
    <message>
        <source>Write what still goes wrong above, then press this to reopen the request.</source>
        <translation>Schreiben Sie oben, was noch nicht funktioniert, und klicken Sie dann hier, um die Anfrage wieder zu öffnen.</translation>
    </message>
    <message>
        <source>Still a problem? Say what still goes wrong and press Still not fixed.</source>
        <translation>Noch ein Problem? Schreiben Sie, was noch nicht funktioniert, und klicken Sie auf „Noch nicht behoben“.</translation>
    </message>
    <message>
        <source>Attached: {files}</source>
        <translation>Angehängt: {files}</translation>
    </message>
    <message>
        <source>Please write what still goes wrong, then press Still not fixed again.</source>
        <translation>Bitte schreiben Sie, was noch nicht funktioniert, und klicken Sie dann erneut auf „Noch nicht behoben“.</translation>
    </message>
    <message>
        <source>Please write your message first.</source>
        <translation>Bitte schreiben Sie zuerst Ihre Nachricht.</translation>
    </message>
    <message>
        <source>The helpdesk has no request {ticket} any more, so your message was not sent; it is still in the box. Press Refresh to see your requests as they are now.</source>
        <translation>Der Helpdesk hat keine Anfrage {ticket} mehr, daher wurde Ihre Nachricht nicht gesendet; sie steht noch im Eingabefeld. Klicken Sie auf Aktualisieren, um Ihre Anfragen auf dem aktuellen Stand zu sehen.</translation>
    </message>
    <message>
        <source>This helpdesk takes no files.</source>
        <translation>Dieser Helpdesk nimmt keine Dateien an.</translation>
    </message>
    <message>
        <source>Please remove the files and send your message without them.</source>
        <translation>Bitte entfernen Sie die Dateien und senden Sie Ihre Nachricht ohne sie.</translation>
    </message>
    <message>
        <source>Your helpdesk does not allow this here.</source>
        <translation>Ihr Helpdesk erlaubt das hier nicht.</translation>
    </message>
    <message>
        <source>The screen could not be read here, so no screenshot was added. You can attach a picture as a file instead.</source>
        <translation>Der Bildschirm konnte hier nicht gelesen werden, daher wurde kein Bildschirmfoto hinzugefügt. Sie können stattdessen ein Bild als Datei anhängen.</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Waiting on you</source>
        <translation>Wartet auf Sie</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>For #{id}</source>
        <extracomment>A value per cell that sorts naturally (numbers as numbers, times as timestamps). The :class:`Ticket` or outbox :class:`Item` behind a row. The common :class:`Status` value of a ticket row (&quot;outbox&quot; for an item), for the badge. Status filter values besides the common statuses.</extracomment>
        <translation>Zu #{id}</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>Last reply from</source>
        <translation>Letzte Antwort von</translation>
    </message>
    <message>
        <source>The helpdesk calls this: {raw}</source>
        <translation>Im Helpdesk heißt das: {raw}</translation>
    </message>
</context>
<context>
    <name>RequestsWindow</name>
    <message>
        <source>My requests – {name}</source>
        <extracomment>Rows read before the first paint: a few screenfuls, one indexed query. Which resolutions were asked about, and answered (&quot;Is it solved?&quot;).</extracomment>
        <translation>Meine Anfragen – {name}</translation>
    </message>
    <message>
        <source>My requests</source>
        <translation>Meine Anfragen</translation>
    </message>
    <message>
        <source>Save the file in</source>
        <extracomment>&quot;Now&quot;, for &quot;answer expected by …&quot; and &quot;later than expected&quot;; tests set their own. Asks where to save an attachment; tests replace it.</extracomment>
        <translation>Datei speichern in</translation>
    </message>
    <message>
        <source>Loading your requests…</source>
        <translation>Ihre Anfragen werden geladen…</translation>
    </message>
    <message>
        <source>List status</source>
        <translation>Stand der Liste</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Die Liste aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list (F5)</source>
        <translation>Die Liste aktualisieren (F5)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Was sich geändert hat</translation>
    </message>
    <message>
        <source>Searching the first {shown} of your {total} requests; the rest are still loading and will be searched as soon as they are in.</source>
        <translation>Durchsucht werden die ersten {shown} Ihrer {total} Anfragen; die übrigen werden noch geladen und durchsucht, sobald sie da sind.</translation>
    </message>
    <message>
        <source>Showing the first {shown} of your {total} requests; the rest are loading…</source>
        <translation>Angezeigt werden die ersten {shown} Ihrer {total} Anfragen; die übrigen werden geladen…</translation>
    </message>
    <message>
        <source>1 not sent, waiting for you.</source>
        <translation>1 nicht gesendet, wartet auf Sie.</translation>
    </message>
    <message>
        <source>{count} not sent, waiting for you.</source>
        <translation>{count} nicht gesendet, warten auf Sie.</translation>
    </message>
    <message>
        <source>Offline — this is the conversation as last read. {reason}</source>
        <translation>Offline – das ist der Verlauf vom letzten Abruf. {reason}</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Your comment was added and the request reopened, on this computer.</source>
        <translation>Ihr Kommentar wurde hinzugefügt und die Anfrage wieder geöffnet, auf diesem Computer.</translation>
    </message>
    <message>
        <source>Your reply was added to the request on this computer.</source>
        <translation>Ihre Antwort wurde der Anfrage auf diesem Computer hinzugefügt.</translation>
    </message>
    <message>
        <source>No helpdesk is connected, so nobody at support sees it yet.</source>
        <translation>Es ist kein Helpdesk angebunden, daher sieht sie beim Support noch niemand.</translation>
    </message>
    <message>
        <source>Support has your comment, and the request is open again.</source>
        <translation>Der Support hat Ihren Kommentar, und die Anfrage ist wieder offen.</translation>
    </message>
    <message>
        <source>Your reply reached support.</source>
        <translation>Ihre Antwort hat den Support erreicht.</translation>
    </message>
    <message>
        <source>Your message was not sent: {reason} It is kept at the top of the list, where you can try again or discard it.</source>
        <translation>Ihre Nachricht wurde nicht gesendet: {reason} Sie bleibt oben in der Liste, wo Sie sie erneut senden oder verwerfen können.</translation>
    </message>
    <message>
        <source>Your message is safe on this computer and waits to be sent. It is sent automatically, even after you close this window.</source>
        <translation>Ihre Nachricht ist auf diesem Computer sicher und wartet darauf, gesendet zu werden. Sie wird automatisch gesendet, auch wenn Sie dieses Fenster schließen.</translation>
    </message>
    <message>
        <source>Your message is safe on this computer and waits to be sent. {state} It is sent automatically, even after you close this window.</source>
        <translation>Ihre Nachricht ist auf diesem Computer sicher und wartet darauf, gesendet zu werden. {state} Sie wird automatisch gesendet, auch wenn Sie dieses Fenster schließen.</translation>
    </message>
    <message>
        <source>Your message is safe on this computer. {state}</source>
        <translation>Ihre Nachricht ist auf diesem Computer sicher. {state}</translation>
    </message>
    <message>
        <source>Marking the request solved…</source>
        <translation>Die Anfrage wird als gelöst markiert…</translation>
    </message>
    <message>
        <source>Telling support it is solved…</source>
        <translation>Der Support wird informiert, dass es gelöst ist…</translation>
    </message>
    <message>
        <source>Marked as resolved on this computer. No helpdesk is connected, so support was not told.</source>
        <translation>Auf diesem Computer als gelöst markiert. Es ist kein Helpdesk verbunden, daher wurde der Support nicht benachrichtigt.</translation>
    </message>
    <message>
        <source>Marked as resolved. Thank you for letting support know.</source>
        <translation>Als gelöst markiert. Danke, dass Sie dem Support Bescheid gegeben haben.</translation>
    </message>
    <message>
        <source>Discarded: {summary}</source>
        <translation>Verworfen: {summary}</translation>
    </message>
    <message>
        <source>It is being sent right now, so it was not discarded.</source>
        <translation>Es wird gerade gesendet und wurde daher nicht verworfen.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Discard “{summary}”? It was not sent, and {program} will not keep it any more.</source>
        <translation>„{summary}“ verwerfen? Es wurde nicht gesendet, und {program} bewahrt es danach nicht mehr auf.</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>{name} wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved {name} in {folder}.</source>
        <translation>{name} wurde in {folder} gespeichert.</translation>
    </message>
    <message>
        <source>The file could not be saved: {reason}</source>
        <translation>Die Datei konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>Offline — last updated at {when}.</source>
        <translation>Offline – zuletzt aktualisiert: {when}.</translation>
    </message>
    <message>
        <source>Offline — nothing has been loaded yet.</source>
        <translation>Offline – es wurde noch nichts geladen.</translation>
    </message>
    <message>
        <source>1 request.</source>
        <translation>1 Anfrage.</translation>
    </message>
    <message>
        <source>{count} requests.</source>
        <translation>{count} Anfragen.</translation>
    </message>
    <message>
        <source>1 waiting to be sent.</source>
        <translation>1 wartet auf den Versand.</translation>
    </message>
    <message>
        <source>{count} waiting to be sent.</source>
        <translation>{count} warten auf den Versand.</translation>
    </message>
    <message>
        <source>Last updated {when}.</source>
        <translation>Zuletzt aktualisiert: {when}.</translation>
    </message>
    <message>
        <source>The list could not be refreshed: {reason} Press Refresh to try again.</source>
        <translation>Die Liste konnte nicht aktualisiert werden: {reason} Klicken Sie auf „Aktualisieren“, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Loading the conversation…</source>
        <translation>Der Verlauf wird geladen…</translation>
    </message>
    <message>
        <source>The conversation could not be loaded: {reason}</source>
        <translation>Der Verlauf konnte nicht geladen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Check your request</source>
        <extracomment>Attachment rows shown at once; a longer list scrolls inside itself. The user&apos;s files left out here, so a tick can put them back.</extracomment>
        <translation>Anfrage prüfen</translation>
    </message>
    <message>
        <source>No helpdesk is connected, so this is kept on this computer, exactly as shown. Open any part to see it; untick an attachment to leave it out.</source>
        <translation>Es ist kein Helpdesk verbunden, daher wird dies genau so auf diesem Computer aufbewahrt. Öffnen Sie einen Teil, um ihn anzusehen; entfernen Sie das Häkchen, um einen Anhang wegzulassen.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>The text of your request as it will be sent</source>
        <translation>Der Text Ihrer Anfrage, so wie er gesendet wird</translation>
    </message>
    <message>
        <source>&amp;Text of the request:</source>
        <translation>&amp;Text der Anfrage:</translation>
    </message>
    <message>
        <source>Open the te&amp;xt…</source>
        <translation>Te&amp;xt öffnen…</translation>
    </message>
    <message>
        <source>Open the text of the request with what {program} hid marked</source>
        <translation>Den Text der Anfrage öffnen, mit den von {program} verborgenen Stellen markiert</translation>
    </message>
    <message>
        <source>&amp;Attachments:</source>
        <extracomment>The helpdesk takes no files: its own note, and that the files stay here.</extracomment>
        <translation>&amp;Anhänge:</translation>
    </message>
    <message>
        <source>Your request as it will be sent</source>
        <translation>Ihre Anfrage, so wie sie gesendet wird</translation>
    </message>
    <message>
        <source>A file could not be read ({reason}). Please go back and add it again or leave it out.</source>
        <translation>Eine Datei konnte nicht gelesen werden ({reason}). Bitte gehen Sie zurück und fügen Sie sie erneut hinzu oder lassen Sie sie weg.</translation>
    </message>
    <message>
        <source>Sending is not possible until this is fixed.</source>
        <translation>Senden ist erst möglich, wenn das behoben ist.</translation>
    </message>
    <message>
        <source>Checking your files for passwords and keys…</source>
        <translation>Ihre Dateien werden auf Passwörter und Schlüssel geprüft …</translation>
    </message>
    <message>
        <source>The information about this computer is still being collected.</source>
        <translation>Die Informationen über diesen Computer werden noch gesammelt.</translation>
    </message>
    <message>
        <source>The screenshot is still being prepared.</source>
        <translation>Das Bildschirmfoto wird noch vorbereitet.</translation>
    </message>
    <message>
        <source>The log files are still being read.</source>
        <translation>Die Protokolldateien werden noch gelesen.</translation>
    </message>
    <message>
        <source>It appears here in a moment; if you send before that, it is left out.</source>
        <translation>Es erscheint gleich hier; wenn Sie vorher senden, wird es weggelassen.</translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation>(kein Name angegeben)</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>Nicht gewählt</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Nothing is attached: 1 file stays on this computer.</source>
        <translation>Nichts wird angehängt: 1 Datei bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>Nothing is attached: {count} files stay on this computer.</source>
        <translation>Nichts wird angehängt: {count} Dateien bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>Your file</source>
        <translation>Ihre Datei</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Bildschirmfoto</translation>
    </message>
    <message>
        <source>About this computer</source>
        <translation>Über diesen Computer</translation>
    </message>
    <message>
        <source>Recorded steps</source>
        <translation>Aufgezeichnete Schritte</translation>
    </message>
    <message>
        <source>{what}, kept on this computer</source>
        <translation>{what}, auf diesem Computer aufbewahrt</translation>
    </message>
    <message>
        <source>1 attachment, {total}.</source>
        <translation>1 Anhang, {total}.</translation>
    </message>
    <message>
        <source>This is exactly what will be sent. Open any part to see it; untick an attachment to leave it out.</source>
        <translation>Genau das wird gesendet. Öffnen Sie einen Teil, um ihn anzusehen; entfernen Sie das Häkchen, um einen Anhang wegzulassen.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the selected attachment as it will be sent</source>
        <translation>Den ausgewählten Anhang so öffnen, wie er gesendet wird</translation>
    </message>
    <message>
        <source>I have &amp;reviewed what will be sent</source>
        <translation>Ich habe &amp;geprüft, was gesendet wird</translation>
    </message>
    <message>
        <source>I have reviewed what will be sent</source>
        <translation>Ich habe geprüft, was gesendet wird</translation>
    </message>
    <message>
        <source>{count} attachments, {total} in all.</source>
        <translation>{count} Anhänge, insgesamt {total}.</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>Keine Anhänge.</translation>
    </message>
    <message>
        <source>Your helpdesk does not take files, so they stay on this computer, with the copy of what was sent; the request says which they are.</source>
        <translation>Ihr Helpdesk nimmt keine Dateien an; sie bleiben daher auf diesem Computer, bei der Kopie des Gesendeten, und die Anfrage nennt sie.</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>{program} hid one password, key or token as ••••••••. Open a part to see where.</source>
        <translation>{program} hat ein Passwort, einen Schlüssel oder ein Token verborgen, angezeigt als ••••••••. Öffnen Sie einen Teil, um zu sehen, wo.</translation>
    </message>
    <message>
        <source>{program} hid {count} passwords, keys or tokens as ••••••••. Open a part to see where.</source>
        <translation>{program} hat {count} Passwörter, Schlüssel oder Tokens verborgen, angezeigt als ••••••••. Öffnen Sie einen Teil, um zu sehen, wo.</translation>
    </message>
    <message>
        <source>Text of the request</source>
        <translation>Text der Anfrage</translation>
    </message>
    <message>
        <source>[… the rest is sent but not shown here]</source>
        <translation>[… der Rest wird gesendet, aber hier nicht angezeigt]</translation>
    </message>
</context>
<context>
    <name>ScreenChoice</name>
    <message>
        <source>Screen to send</source>
        <extracomment>The user chose a screen (its index) or the whole desktop (None).</extracomment>
        <translation>Zu sendender Bildschirm</translation>
    </message>
    <message>
        <source>Which screen to send</source>
        <translation>Welcher Bildschirm gesendet wird</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Bildschirme</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>An&amp;zeigen:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Whole desktop</source>
        <translation>Gesamter Desktop</translation>
    </message>
    <message>
        <source>{name} ({width} × {height})</source>
        <translation>{name} ({width} × {height})</translation>
    </message>
    <message>
        <source>Screen {number}</source>
        <translation>Bildschirm {number}</translation>
    </message>
    <message>
        <source>{screen}, main screen</source>
        <translation>{screen}, Hauptbildschirm</translation>
    </message>
</context>
<context>
    <name>ScreenshotPanel</name>
    <message>
        <source>Your screen</source>
        <extracomment>&quot;Take again in 3 seconds&quot;: time to open the menu or tooltip that should be in it. The user ticked or unticked &quot;Include the screenshot&quot;. The screenshot was replaced (edited or taken again).</extracomment>
        <translation>Ihr Bildschirm</translation>
    </message>
    <message>
        <source>Include the &amp;screenshot</source>
        <extracomment>The whole-desktop capture the screen choice crops from; dropped after an edit, so an unedited picture is not kept once the user chose to black something out. Taken again from the page: then the caption must not say &quot;before Helpline opened&quot;.</extracomment>
        <translation>&amp;Bildschirmfoto mitsenden</translation>
    </message>
    <message>
        <source>Include the screenshot</source>
        <translation>Bildschirmfoto mitsenden</translation>
    </message>
    <message>
        <source>Screenshot preview</source>
        <translation>Vorschau des Bildschirmfotos</translation>
    </message>
    <message>
        <source>&amp;View larger</source>
        <translation>&amp;Größer anzeigen</translation>
    </message>
    <message>
        <source>View the screenshot larger</source>
        <translation>Das Bildschirmfoto größer anzeigen</translation>
    </message>
    <message>
        <source>&amp;Edit screenshot…</source>
        <translation>Bea&amp;rbeiten…</translation>
    </message>
    <message>
        <source>Edit the screenshot: black out, blur or mark parts of it</source>
        <translation>Das Bildschirmfoto bearbeiten: Teile schwärzen, unkenntlich machen oder markieren</translation>
    </message>
    <message>
        <source>&amp;Take again in 3 seconds</source>
        <translation>&amp;Neu aufnehmen (in 3 s)</translation>
    </message>
    <message>
        <source>Take the screenshot again in 3 seconds</source>
        <translation>Das Bildschirmfoto in 3 Sekunden neu aufnehmen</translation>
    </message>
    <message>
        <source>{program} hides for 3 seconds, so you can open the menu or message that support should see.</source>
        <translation>{program} verschwindet für 3 Sekunden, damit Sie das Menü oder die Meldung öffnen können, die der Support sehen soll.</translation>
    </message>
    <message>
        <source>{program} could not take a screenshot on this computer. You can add one as a file below.</source>
        <translation>{program} konnte auf diesem Computer kein Bildschirmfoto aufnehmen. Sie können unten eines als Datei hinzufügen.</translation>
    </message>
    <message>
        <source>This is your screen as it was just before {program} opened ({real}, {size}).</source>
        <translation>So sah Ihr Bildschirm aus, kurz bevor {program} geöffnet wurde ({real}, {size}).</translation>
    </message>
    <message>
        <source>The screenshot was edited. To send another screen, take the screenshot again.</source>
        <translation>Das Bildschirmfoto wurde bearbeitet. Um einen anderen Bildschirm zu senden, nehmen Sie das Bildschirmfoto neu auf.</translation>
    </message>
    <message>
        <source>The screen could not be read this time; the earlier screenshot is kept.</source>
        <translation>Der Bildschirm konnte diesmal nicht gelesen werden; das vorherige Bildschirmfoto bleibt erhalten.</translation>
    </message>
    <message>
        <source>No screenshot</source>
        <translation>Kein Bildschirmfoto</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} Pixel</translation>
    </message>
    <message>
        <source>{real}. Click to see it larger.</source>
        <translation>{real}. Zum Vergrößern klicken.</translation>
    </message>
    <message>
        <source>size being worked out…</source>
        <translation>Größe wird ermittelt…</translation>
    </message>
    <message>
        <source>This is your screen as it was when you took it again ({real}, {size}).</source>
        <translation>So sah Ihr Bildschirm aus, als Sie ihn erneut aufgenommen haben ({real}, {size}).</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Bildschirmfoto</translation>
    </message>
</context>
<context>
    <name>SectionChooser</name>
    <message>
        <source>Parts of the information about this computer</source>
        <translation>Teile der Informationen über diesen Computer</translation>
    </message>
    <message>
        <source>Include: {title}</source>
        <translation>Mitsenden: {title}</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Prozessor</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Laufwerke</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Bildschirm</translation>
    </message>
    <message>
        <source>Locale and time zone</source>
        <translation>Sprache, Region und Zeitzone</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit seit dem Start</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <source>Top processes by memory</source>
        <translation>Prozesse mit dem meisten Speicherbedarf</translation>
    </message>
    <message>
        <source>Program versions</source>
        <translation>Programmversionen</translation>
    </message>
</context>
<context>
    <name>SelfHelp</name>
    <message>
        <source>Help you can try first</source>
        <translation>Hilfe, die Sie zuerst ausprobieren können</translation>
    </message>
    <message>
        <source>Maybe this helps right away:</source>
        <translation>Vielleicht hilft das sofort:</translation>
    </message>
</context>
<context>
    <name>SendingPage</name>
    <message>
        <source>Sending your request</source>
        <translation>Ihre Anfrage wird gesendet</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Fortfahren</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Fortschritt des Versands</translation>
    </message>
    <message>
        <source>Sending status</source>
        <translation>Stand des Versands</translation>
    </message>
    <message>
        <source>You can keep working in the meantime.</source>
        <translation>Sie können in der Zwischenzeit weiterarbeiten.</translation>
    </message>
    <message>
        <source>Saving your request</source>
        <extracomment>When background delivery is already sending this request, look again this often… …for at most this many times (a minute) before saying it is safe and waiting. Emitted once delivery ended, with the item&apos;s final state for this attempt. Nothing configured: the local store keeps the request, nothing is sent (issue 15).</extracomment>
        <translation>Ihre Anfrage wird gespeichert</translation>
    </message>
    <message>
        <source>{program} keeps your request on this computer. No helpdesk is connected, so it is not sent anywhere.</source>
        <translation>{program} bewahrt Ihre Anfrage auf diesem Computer auf. Es ist kein Helpdesk verbunden, daher wird sie nirgendwohin gesendet.</translation>
    </message>
    <message>
        <source>{program} first keeps your request safe on this computer, then sends it. If the helpdesk cannot be reached, nothing is lost: it is sent automatically later.</source>
        <translation>{program} speichert Ihre Anfrage zuerst sicher auf diesem Computer und sendet sie dann. Ist der Helpdesk nicht erreichbar, geht nichts verloren: Sie wird später automatisch gesendet.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Try again to keep the request safe</source>
        <translation>Erneut versuchen, die Anfrage sicher zu speichern</translation>
    </message>
    <message>
        <source>Back to the &amp;review</source>
        <translation>Zurück zur &amp;Prüfung</translation>
    </message>
    <message>
        <source>Go back and change the request</source>
        <translation>Zurückgehen und die Anfrage ändern</translation>
    </message>
    <message>
        <source>Keeping your request safe on this computer…</source>
        <translation>Ihre Anfrage wird sicher auf diesem Computer gespeichert…</translation>
    </message>
    <message>
        <source>Adding it to the requests on this computer…</source>
        <translation>Sie wird zu den Anfragen auf diesem Computer hinzugefügt…</translation>
    </message>
    <message>
        <source>Contacting the helpdesk…</source>
        <translation>Verbindung zum Helpdesk wird hergestellt…</translation>
    </message>
    <message>
        <source>Sent as {ref}.</source>
        <translation>Gesendet als {ref}.</translation>
    </message>
    <message>
        <source>Added to {ref} on this computer.</source>
        <translation>Auf diesem Computer zu {ref} hinzugefügt.</translation>
    </message>
    <message>
        <source>Kept on this computer as {ref}.</source>
        <translation>Auf diesem Computer als {ref} gespeichert.</translation>
    </message>
    <message>
        <source>{program} could not write to this computer&apos;s disk ({reason}). It may be full.</source>
        <translation>{program} konnte nicht auf die Festplatte dieses Computers schreiben ({reason}). Sie ist möglicherweise voll.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({reason}).</source>
        <translation>Etwas Unerwartetes ist schiefgegangen ({reason}).</translation>
    </message>
    <message>
        <source>Your request could not be saved.</source>
        <translation>Ihre Anfrage konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Nothing has been sent and your answers are kept as a draft. You can try again, or go back and change the request.</source>
        <translation>Es wurde nichts gesendet, und Ihre Angaben bleiben als Entwurf erhalten. Sie können es erneut versuchen oder zurückgehen und die Anfrage ändern.</translation>
    </message>
    <message>
        <source>Your request is kept safe on this computer until you try again.</source>
        <translation>Ihre Anfrage bleibt auf diesem Computer sicher gespeichert, bis Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>Your request is safe on this computer and will be sent automatically as soon as the helpdesk can be reached.</source>
        <translation>Ihre Anfrage ist auf diesem Computer sicher gespeichert und wird automatisch gesendet, sobald der Helpdesk erreichbar ist.</translation>
    </message>
    <message>
        <source>Not sent yet.</source>
        <translation>Noch nicht gesendet.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>{program}&apos;s default</source>
        <translation>Standard von {program}</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Befehlszeile</translation>
    </message>
    <message>
        <source>Some settings could not be changed as asked, because your organisation has fixed them:</source>
        <translation>Einige Einstellungen konnten nicht wie gewünscht geändert werden, weil Ihre Organisation sie festgelegt hat:</translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy file: {path}</source>
        <translation>Die Richtlinien-Datei Ihrer Organisation: {path}</translation>
    </message>
    <message>
        <source>No policy file at {path}, so your organisation has locked nothing.</source>
        <translation>Keine Richtlinien-Datei unter {path}; Ihre Organisation hat also nichts festgelegt.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation>Stammt aus</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>Von Ihrer Organisation festgelegt</translation>
    </message>
    <message>
        <source>Your organisation has fixed this setting; it cannot be changed on this computer.</source>
        <translation>Ihre Organisation hat diese Einstellung festgelegt; sie kann auf diesem Computer nicht geändert werden.</translation>
    </message>
    <message>
        <source>Settings – {name}</source>
        <translation>Einstellungen – {name}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>These are the settings {program} uses on this computer. This window only shows them; settings marked with a lock are set by your organisation.</source>
        <translation>Das sind die Einstellungen, die {program} auf diesem Computer verwendet. Dieses Fenster zeigt sie nur an; Einstellungen mit einem Schloss legt Ihre Organisation fest.</translation>
    </message>
    <message>
        <source>Settings that were not changed</source>
        <translation>Einstellungen, die nicht geändert wurden</translation>
    </message>
    <message>
        <source>Settings in effect</source>
        <translation>Geltende Einstellungen</translation>
    </message>
</context>
<context>
    <name>ShareAction</name>
    <message>
        <source>&amp;Let support see my screen…</source>
        <extracomment>The ticket id, and who at support asked (their latest message&apos;s author; &quot;&quot; unknown).</extracomment>
        <translation>Dem Support &amp;meinen Bildschirm zeigen …</translation>
    </message>
    <message>
        <source>Let support see my screen</source>
        <translation>Dem Support meinen Bildschirm zeigen</translation>
    </message>
    <message>
        <source>Asks you first; view only unless you allow more.</source>
        <translation>Fragt Sie zuerst; nur ansehen, wenn Sie nicht mehr erlauben.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the helpdesk</source>
        <translation>Beim Helpdesk anmelden</translation>
    </message>
    <message>
        <source>Sign in with your own account, so the helpdesk knows your requests are yours.</source>
        <translation>Melden Sie sich mit Ihrem eigenen Konto an, damit der Helpdesk Ihre Anfragen Ihnen zuordnen kann.</translation>
    </message>
    <message>
        <source>Helpdesk address</source>
        <translation>Adresse des Helpdesks</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;Remember on this computer</source>
        <translation>Auf diesem Computer &amp;merken</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Auf diesem Computer merken</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s password store, never in a file {program} writes.</source>
        <translation>Wird im Passwortspeicher dieses Computers aufbewahrt, nie in einer Datei, die {program} schreibt.</translation>
    </message>
    <message>
        <source>&amp;Helpdesk:</source>
        <translation>&amp;Helpdesk:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Please enter your password.</source>
        <translation>Bitte geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Please enter your token.</source>
        <translation>Bitte geben Sie Ihr Token ein.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Fortfahren</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortfahren</translation>
    </message>
    <message>
        <source>Signing in did not work ({name}). Please try again, or contact support another way.</source>
        <translation>Die Anmeldung hat nicht funktioniert ({name}). Bitte versuchen Sie es erneut oder wenden Sie sich auf anderem Weg an den Support.</translation>
    </message>
    <message>
        <source>Checking with the helpdesk…</source>
        <translation>Wird beim Helpdesk geprüft…</translation>
    </message>
</context>
<context>
    <name>StatusTimeline</name>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>The statuses {program} has seen this request in.</source>
        <translation>Die Status, in denen {program} diese Anfrage gesehen hat.</translation>
    </message>
    <message>
        <source>The helpdesk calls this: {raw}</source>
        <translation>Im Helpdesk heißt das: {raw}</translation>
    </message>
</context>
<context>
    <name>StepsBar</name>
    <message>
        <source>Recording the steps</source>
        <translation>Die Schritte werden aufgezeichnet</translation>
    </message>
    <message>
        <source>Recording status</source>
        <translation>Stand der Aufzeichnung</translation>
    </message>
    <message>
        <source>Recording: {n} of at most {max} steps</source>
        <translation>Aufzeichnung: {n} von höchstens {max} Schritten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause or resume the recording</source>
        <translation>Die Aufzeichnung anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>Add a &amp;note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Add a note as a step</source>
        <translation>Eine Notiz als Schritt hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Capture this step</source>
        <translation>Schritt &amp;aufnehmen</translation>
    </message>
    <message>
        <source>Capture the screen as this step</source>
        <translation>Den Bildschirm als diesen Schritt aufnehmen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Stop recording the steps</source>
        <translation>Die Aufzeichnung der Schritte beenden</translation>
    </message>
    <message>
        <source>Your note for this step</source>
        <translation>Ihre Notiz zu diesem Schritt</translation>
    </message>
    <message>
        <source>What happens here? Press Enter to add it.</source>
        <translation>Was passiert hier? Mit der Eingabetaste hinzufügen.</translation>
    </message>
    <message>
        <source>Recording starts in {n}…</source>
        <translation>Die Aufzeichnung beginnt in {n}…</translation>
    </message>
    <message>
        <source>Paused: {n} steps</source>
        <translation>Angehalten: {n} Schritte</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
</context>
<context>
    <name>StepsPanel</name>
    <message>
        <source>How you got there</source>
        <extracomment>The steps were recorded, removed, reworded or redacted.</extracomment>
        <translation>Wie es dazu kam</translation>
    </message>
    <message>
        <source>Show support the steps: {program} steps aside and records each click as a picture of the screen, with the window&apos;s name and the time. Typing is only counted, never recorded. At most {steps} steps or {minutes} minutes; you review every step before anything is sent.</source>
        <translation>Zeigen Sie dem Support die Schritte: {program} tritt beiseite und hält jeden Klick als Bild des Bildschirms fest, mit dem Namen des Fensters und der Uhrzeit. Tastatureingaben werden nur gezählt, nie aufgezeichnet. Höchstens {steps} Schritte oder {minutes} Minuten; Sie prüfen jeden Schritt, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Record the ste&amp;ps…</source>
        <translation>Schritte a&amp;ufzeichnen…</translation>
    </message>
    <message>
        <source>Revie&amp;w the steps…</source>
        <translation>Schritte &amp;prüfen…</translation>
    </message>
    <message>
        <source>One step recorded.</source>
        <translation>Ein Schritt aufgezeichnet.</translation>
    </message>
    <message>
        <source>Record a&amp;gain…</source>
        <translation>Noch einmal a&amp;ufzeichnen…</translation>
    </message>
    <message>
        <source>Record the steps that lead to the problem</source>
        <translation>Die Schritte aufzeichnen, die zum Problem führen</translation>
    </message>
    <message>
        <source>Review the recorded steps</source>
        <translation>Die aufgezeichneten Schritte prüfen</translation>
    </message>
    <message>
        <source>{n} steps recorded.</source>
        <translation>{n} Schritte aufgezeichnet.</translation>
    </message>
</context>
<context>
    <name>StepsReview</name>
    <message>
        <source>Review the recorded steps</source>
        <extracomment>The steps changed (removed, reworded, redacted).</extracomment>
        <translation>Die aufgezeichneten Schritte prüfen</translation>
    </message>
    <message>
        <source>These steps are sent as one report with pictures. Remove any step, reword its caption (double-click it), or black out what support should not see.</source>
        <translation>Diese Schritte werden als ein Bericht mit Bildern gesendet. Entfernen Sie Schritte, ändern Sie eine Beschriftung (Doppelklick) oder schwärzen Sie, was der Support nicht sehen soll.</translation>
    </message>
    <message>
        <source>Recorded steps</source>
        <translation>Aufgezeichnete Schritte</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>Schritt &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Black out or mark…</source>
        <translation>Schwärzen oder &amp;markieren…</translation>
    </message>
    <message>
        <source>Edit the picture of this step: black out, blur or mark parts of it</source>
        <translation>Das Bild dieses Schritts bearbeiten: Teile schwärzen, unkenntlich machen oder markieren</translation>
    </message>
    <message>
        <source>Step {n}</source>
        <translation>Schritt {n}</translation>
    </message>
</context>
<context>
    <name>StepsWords</name>
    <message>
        <source>Clicked in “{title}” ({program}) at {time}</source>
        <translation>Klick in „{title}“ ({program}) um {time}</translation>
    </message>
    <message>
        <source>Clicked in “{title}” at {time}</source>
        <translation>Klick in „{title}“ um {time}</translation>
    </message>
    <message>
        <source>Clicked at {time}</source>
        <translation>Klick um {time}</translation>
    </message>
    <message>
        <source>Typed text (1 keystroke) at {time}</source>
        <translation>Text eingegeben (1 Tastenanschlag) um {time}</translation>
    </message>
    <message>
        <source>Typed text ({count} keystrokes) at {time}</source>
        <translation>Text eingegeben ({count} Tastenanschläge) um {time}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Notiz: {note}</translation>
    </message>
    <message>
        <source>Captured the screen at {time}</source>
        <translation>Bildschirm aufgenommen um {time}</translation>
    </message>
    <message>
        <source>Step {n}: {caption}</source>
        <translation>Schritt {n}: {caption}</translation>
    </message>
    <message>
        <source>The recording stopped by itself after {count} steps, the most your IT department allows.</source>
        <translation>Die Aufzeichnung hat nach {count} Schritten von selbst angehalten, mehr erlaubt Ihre IT-Abteilung nicht.</translation>
    </message>
    <message>
        <source>The recording stopped by itself after {minutes} minutes, the longest your IT department allows.</source>
        <translation>Die Aufzeichnung hat nach {minutes} Minuten von selbst angehalten, länger erlaubt Ihre IT-Abteilung nicht.</translation>
    </message>
    <message>
        <source>The recording has stopped: one step.</source>
        <translation>Die Aufzeichnung ist beendet: ein Schritt.</translation>
    </message>
    <message>
        <source>The recording has stopped: {count} steps.</source>
        <translation>Die Aufzeichnung ist beendet: {count} Schritte.</translation>
    </message>
    <message>
        <source>This desktop (Wayland) does not let any program see clicks in other programs&apos; windows, so {program} cannot record them by itself.</source>
        <translation>Dieser Desktop (Wayland) lässt kein Programm Klicks in den Fenstern anderer Programme sehen, darum kann {program} sie nicht selbst aufzeichnen.</translation>
    </message>
    <message>
        <source>This X server does not offer the RECORD extension that {program} needs to see clicks in other programs, so it cannot record them by itself.</source>
        <translation>Dieser X-Server bietet die RECORD-Erweiterung nicht an, die {program} braucht, um Klicks in anderen Programmen zu sehen, darum kann es sie nicht selbst aufzeichnen.</translation>
    </message>
    <message>
        <source>On this system {program} cannot yet record clicks in other programs by itself.</source>
        <translation>Auf diesem System kann {program} Klicks in anderen Programmen noch nicht selbst aufzeichnen.</translation>
    </message>
    <message>
        <source>{program} cannot see clicks in other programs here, so it cannot record them by itself.</source>
        <translation>{program} kann Klicks in anderen Programmen hier nicht sehen, darum kann es sie nicht selbst aufzeichnen.</translation>
    </message>
    <message>
        <source>Press “Capture this step” on the bar, or {shortcut} anywhere, after each step instead.</source>
        <translation>Drücken Sie stattdessen nach jedem Schritt „Schritt aufnehmen“ in der Leiste oder irgendwo {shortcut}.</translation>
    </message>
    <message>
        <source>Press “Capture this step” on the bar after each step instead; there is no shortcut key for it on this desktop.</source>
        <translation>Drücken Sie stattdessen nach jedem Schritt „Schritt aufnehmen“ in der Leiste; eine Tastenkombination dafür gibt es auf diesem Desktop nicht.</translation>
    </message>
    <message>
        <source>Steps recorded</source>
        <translation>Aufgezeichnete Schritte</translation>
    </message>
    <message>
        <source>Each click is a picture of the screen it was on; the red ring marks where the click was. Typing is counted, never recorded.</source>
        <translation>Jeder Klick ist ein Bild des Bildschirms, auf dem er war; der rote Ring zeigt, wo geklickt wurde. Tastatureingaben werden gezählt, nie aufgezeichnet.</translation>
    </message>
    <message>
        <source>Window: {title}</source>
        <translation>Fenster: {title}</translation>
    </message>
    <message>
        <source>Program: {program}</source>
        <translation>Programm: {program}</translation>
    </message>
    <message>
        <source>Time: {time}</source>
        <translation>Uhrzeit: {time}</translation>
    </message>
    <message>
        <source>Screen at step {n}</source>
        <translation>Bildschirm bei Schritt {n}</translation>
    </message>
    <message>
        <source>{count} steps, recorded {start} to {end}</source>
        <translation>{count} Schritte, aufgezeichnet von {start} bis {end}</translation>
    </message>
    <message>
        <source>One step, recorded at {start}</source>
        <translation>Ein Schritt, aufgezeichnet um {start}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;New request…</source>
        <extracomment>Known problems the tray menu lists, and the longest line it shows of each.</extracomment>
        <translation>&amp;Neue Anfrage…</translation>
    </message>
    <message>
        <source>&amp;My requests</source>
        <translation>&amp;Meine Anfragen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <extracomment>One line per known problem (or &quot;could not check&quot;), above the outbox line.</extracomment>
        <translation>Nichts wartet auf den Versand</translation>
    </message>
    <message>
        <source>&amp;Quit {program}</source>
        <translation>{program} &amp;beenden</translation>
    </message>
    <message>
        <source>1 waiting to be sent</source>
        <translation>1 wartet auf den Versand</translation>
    </message>
    <message>
        <source>{count} waiting to be sent</source>
        <translation>{count} warten auf den Versand</translation>
    </message>
    <message>
        <source>Could not check for known problems</source>
        <translation>Bekannte Probleme konnten nicht abgefragt werden</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome</source>
        <extracomment>Nothing to answer here: the wizard starts the focus on the way on, not on a link. The user chose an open request to add to (&quot;&quot; when they went back to a new one). The user wants to see what waits in the outbox (My requests, &quot;Waiting to be sent&quot;).</extracomment>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Tell support what is wrong, and follow your request until it is solved.</source>
        <translation>Schildern Sie dem Support Ihr Problem und verfolgen Sie Ihre Anfrage, bis es gelöst ist.</translation>
    </message>
    <message>
        <source>Logo of %1</source>
        <translation>Logo von %1</translation>
    </message>
    <message>
        <source>Your open requests</source>
        <translation>Ihre offenen Anfragen</translation>
    </message>
    <message>
        <source>To add something to one of them, choose it and press Add to this request instead. To file a new request, press Next.</source>
        <translation>Um eine davon zu ergänzen, wählen Sie sie aus und klicken Sie auf „Stattdessen diese Anfrage ergänzen“. Für eine neue Anfrage klicken Sie auf „Weiter“.</translation>
    </message>
    <message>
        <source>Choose one and press Add to this request instead, or go on to file a new one.</source>
        <translation>Wählen Sie eine aus und klicken Sie auf „Stattdessen diese Anfrage ergänzen“, oder stellen Sie eine neue Anfrage.</translation>
    </message>
    <message>
        <source>&amp;Add to this request instead</source>
        <translation>Stattdessen diese Anfrage &amp;ergänzen</translation>
    </message>
    <message>
        <source>{program} asks a few questions, gathers information about this computer, shows you everything before it is sent, and gives you a request number.</source>
        <translation>{program} stellt ein paar Fragen, sammelt Informationen über diesen Computer, zeigt Ihnen vor dem Senden alles an und gibt Ihnen eine Anfragenummer.</translation>
    </message>
    <message>
        <source>Add to this request instead</source>
        <translation>Stattdessen diese Anfrage ergänzen</translation>
    </message>
    <message>
        <source>File a ne&amp;w request instead</source>
        <translation>Stattdessen eine &amp;neue Anfrage stellen</translation>
    </message>
    <message>
        <source>File a new request instead</source>
        <translation>Stattdessen eine neue Anfrage stellen</translation>
    </message>
    <message>
        <source>Show what is wa&amp;iting</source>
        <translation>Wartende an&amp;zeigen</translation>
    </message>
    <message>
        <source>Show the requests waiting to be sent</source>
        <translation>Die Anfragen zeigen, die darauf warten, gesendet zu werden</translation>
    </message>
    <message>
        <source>Support hours</source>
        <translation>Servicezeiten</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>1 request is waiting to be sent; it goes out by itself.</source>
        <translation>1 Anfrage wartet darauf, gesendet zu werden; sie geht von selbst hinaus.</translation>
    </message>
    <message>
        <source>{count} requests are waiting to be sent; they go out by themselves.</source>
        <translation>{count} Anfragen warten darauf, gesendet zu werden; sie gehen von selbst hinaus.</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 Anfrage</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>{count} Anfragen</translation>
    </message>
    <message>
        <source>1 message to support</source>
        <translation>1 Nachricht an den Support</translation>
    </message>
    <message>
        <source>{count} messages to support</source>
        <translation>{count} Nachrichten an den Support</translation>
    </message>
    <message>
        <source>Waiting to be sent (they go out by themselves): {what}.</source>
        <translation>Noch nicht gesendet (Versand automatisch): {what}.</translation>
    </message>
    <message>
        <source>Looking for your open requests…</source>
        <translation>Ihre offenen Anfragen werden gesucht…</translation>
    </message>
    <message>
        <source>You have no open requests.</source>
        <translation>Sie haben keine offenen Anfragen.</translation>
    </message>
    <message>
        <source>Your open requests could not be loaded just now. You can still file a new one.</source>
        <translation>Ihre offenen Anfragen konnten gerade nicht geladen werden. Sie können trotzdem eine neue Anfrage stellen.</translation>
    </message>
    <message>
        <source>%1  %2  ·  %3</source>
        <translation>%1  %2  ·  %3</translation>
    </message>
    <message>
        <source>Your answers will be added to request %1 instead of filing a new one.</source>
        <translation>Ihre Angaben werden der Anfrage %1 hinzugefügt, statt eine neue Anfrage zu stellen.</translation>
    </message>
    <message>
        <source>Requests are kept on this computer until IT connects a helpdesk.</source>
        <translation>Anfragen werden auf diesem Computer aufbewahrt, bis die IT einen Helpdesk anbindet.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Unfinished request</source>
        <translation>Unvollständige Anfrage</translation>
    </message>
    <message>
        <source>You have an unfinished request from %1. Continue it?</source>
        <translation>Sie haben eine unvollständige Anfrage vom %1. Möchten Sie sie fortsetzen?</translation>
    </message>
    <message>
        <source>You have an unfinished request. Continue it?</source>
        <translation>Sie haben eine unvollständige Anfrage. Möchten Sie sie fortsetzen?</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Start a new one</source>
        <translation>&amp;Neu beginnen</translation>
    </message>
    <message>
        <source>The request you were writing last time could not be read back, so a new one starts. The damaged file was kept as {path}.</source>
        <translation>Die Anfrage, die Sie zuletzt geschrieben haben, konnte nicht wieder gelesen werden, deshalb beginnt eine neue. Die beschädigte Datei wurde als {path} aufbewahrt.</translation>
    </message>
    <message>
        <source>A request could not be started from this link or shortcut.</source>
        <extracomment>Set to 1 to quit right after the first paint (start-up smoke tests, timing).</extracomment>
        <translation>Über diesen Link oder diese Verknüpfung konnte keine Anfrage gestellt werden.</translation>
    </message>
    <message>
        <source>{name} cannot start because a setting in its configuration is not valid. Please pass this message on to IT:</source>
        <translation>{name} kann nicht starten, weil eine Einstellung in seiner Konfiguration nicht gültig ist. Bitte geben Sie diese Meldung an die IT weiter:</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>{program} ran into a problem</source>
        <extracomment>Folder (under the data dir) of the crash report&apos;s own draft.
----------
What the session does when the user asks to report the crash.</extracomment>
        <translation>In {program} ist ein Problem aufgetreten</translation>
    </message>
    <message>
        <source>{program} ran into a problem…</source>
        <translation>In {program} ist ein Problem aufgetreten…</translation>
    </message>
    <message>
        <source>Your unfinished request is kept as a draft, and anything already sent or waiting in the outbox is safe.</source>
        <translation>Ihre unvollständige Anfrage bleibt als Entwurf erhalten, und alles bereits Gesendete oder im Postausgang Wartende ist sicher.</translation>
    </message>
    <message>
        <source>A report of what went wrong was saved to %1; it holds no passwords or tokens.</source>
        <translation>Ein Bericht über den Fehler wurde unter %1 gespeichert; er enthält keine Passwörter oder Tokens.</translation>
    </message>
    <message>
        <source>Would you like to tell support about this problem?</source>
        <translation>Möchten Sie den Support über dieses Problem informieren?</translation>
    </message>
    <message>
        <source>&amp;Report this problem</source>
        <translation>Problem &amp;melden</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>{program} stopped working</source>
        <translation>{program} funktioniert nicht mehr</translation>
    </message>
    <message>
        <source>{program} showed the message “{message}”.</source>
        <translation>{program} hat die Meldung „{message}“ angezeigt.</translation>
    </message>
</context>
</TS>
