// The outbox's status line under the header, on every page: how many session logs wait to be sent, what the last
// try met, a "Send now" button, and each log the server refused with everything it held, until the patient has read it.
import {auth} from '../api.js';
import {outbox, outboxEvents} from '../outbox.js';
import {h, mount, when} from '../dom.js';

/** What a log held, in the patient's words: when, pain, difficulty, exercises done and skipped, notes. */
export function describeLog(body) {
    // an exercise done side by side has one entry per side: count exercises, not entries
    const items = body.items || [];
    const exercises = new Set(items.map((i) => i.programItemId));
    const done = new Set(items.filter((i) => i.status === 'DONE').map((i) => i.programItemId));
    const parts = [`session of ${when(body.performedAt)}`, `pain ${body.painBefore} before, ${body.painAfter} after`];
    if (body.perceivedDifficulty) parts.push(`difficulty ${body.perceivedDifficulty} of 10`);
    if (exercises.size) parts.push(`${done.size} of ${exercises.size} exercises done`);
    if (body.notes) parts.push(`notes: “${body.notes}”`);
    return parts.join('; ');
}

function count(n) {
    return n === 1 ? '1 session log waits to be sent' : `${n} session logs wait to be sent`;
}

/** Draws into the (persistent) #outbox element and keeps it current. */
export function outboxStatus(container) {
    const line = h('p', {class: 'outbox-line', role: 'status'});
    const more = h('div', {});
    const refusedArea = h('div', {});
    // built once: a redraw after each try changes the list, not the <details> a patient may have opened
    const waitingList = h('ul', {});
    const details = h('details', {class: 'outbox-details'}, h('summary', {}, 'What is waiting'), waitingList);
    const sendNow = h('button', {type: 'button', onclick: () => outbox.flush()}, 'Send now');
    let sent = [];
    mount(container, line, more, refusedArea);

    function draw() {
        const session = auth.get();
        const patientId = session?.patientId;
        const waiting = session ? (patientId ? outbox.waiting(patientId) : []) : outbox.waiting();
        const parts = [];
        if (waiting.length) {
            const it = waiting.length === 1 ? ['it is', 'it'] : ['they are', 'them'];
            parts.push(`${count(waiting.length)}${session
                ? `: ${it[0]} kept on this device and sent as soon as Rehabit can be reached.`
                : ` from this device: sign in to send ${it[1]}.`}`);
        }
        if (sent.length) parts.push(`Sent: your ${sent.map(describeShort).join(', ')}.`);
        const text = parts.join(' ');
        if (line.textContent !== text) line.textContent = text;
        // the live region stays in the page (an inserted one is not announced); empty, it takes no room
        line.className = text ? `outbox-line status ${waiting.length ? 'warning' : 'ok'}` : 'outbox-line';
        if (waiting.length && session) {
            mount(waitingList, waiting.map((e) => h('li', {}, describeLog(e.body),
                e.lastProblem ? h('span', {class: 'muted'}, ` — last try: ${e.lastProblem}`) : null)));
            if (!more.contains(details)) mount(more, details, sendNow);
        } else if (more.firstChild) {
            details.open = false;
            mount(more);
        }
        mount(refusedArea, patientId ? outbox.refused(patientId).map(refusedNotice) : null);
    }

    function refusedNotice(entry) {
        const problem = entry.refused;
        return h('div', {class: 'status error', role: 'alert'},
            h('p', {}, `Your ${describeShort(entry.body)} could not be stored: ${problem.title ? `${problem.title}: ` : ''}${problem.message}`),
            problem.errors?.length ? h('ul', {}, problem.errors.map((l) => h('li', {}, l))) : null,
            h('p', {}, `It held: ${describeLog(entry.body)}. It is not sent again; log the session again if you need to, `
                + 'or tell your physiotherapist.'),
            h('button', {type: 'button', onclick: () => outbox.dismiss(entry.key)}, 'I have read this'));
    }

    outboxEvents.addEventListener('change', draw);
    outboxEvents.addEventListener('stored', (event) => {
        // a log that had to wait is confirmed here; one sent at the first try is confirmed by the page that sent it
        if (event.detail.entry.attempts > 0) sent = [...sent, event.detail.entry.body];
        draw();
    });
    window.addEventListener('hashchange', () => {
        sent = [];
        draw();
    });
    draw();
    return draw;
}

function describeShort(body) {
    return `session log of ${when(body.performedAt)}`;
}
