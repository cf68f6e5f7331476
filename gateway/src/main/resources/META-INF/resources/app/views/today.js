// A patient's today: the safety check before the first session, the routine in order with steps, cautions
// before each exercise, the dose and a hold timer per side, then the log form. The log goes into the outbox
// (outbox.js) under its own Idempotency-Key and stays there until the server has stored it or definitely refused it.
import {api} from '../api.js';
import {outbox, outboxEvents} from '../outbox.js';
import {doseText, errorMessage, field, h, humanize, mount, select, status, when} from '../dom.js';

const SIDES = {EACH_SIDE: ['LEFT', 'RIGHT'], ALTERNATING: ['LEFT', 'RIGHT']};

/** "2026-11-24T08:30:00+01:00": the patient's local time with its offset, as the API wants it. */
export function localTimestamp(date = new Date()) {
    const pad = (n) => String(Math.abs(n)).padStart(2, '0');
    const offset = -date.getTimezoneOffset();
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
        + `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** A hold timer: counts down the prescribed hold, side by side and repetition by repetition. */
function holdTimer(item, record) {
    const dose = item.dose;
    const sides = SIDES[dose.side] || [null];
    const reps = dose.reps || 1;
    let side = 0;
    let rep = 0;
    let ticking = null;
    const display = h('output', {class: 'timer-display', 'aria-live': 'off'}, `${dose.holdSeconds} s`);
    const label = h('p', {class: 'timer-label'});
    const announce = h('p', {class: 'visually-hidden', 'aria-live': 'assertive'});
    const button = h('button', {type: 'button', class: 'primary'});
    function describe() {
        const sideText = sides[side] ? `${humanize(sides[side])} side, hold` : 'Hold';
        label.textContent = rep >= reps ? 'All holds done.' : `${sideText} ${rep + 1} of ${reps}`;
        button.textContent = rep >= reps ? 'Start again' : `Start hold${sides[side] ? ` (${sides[side].toLowerCase()} side)` : ''}`;
    }
    button.addEventListener('click', () => {
        if (ticking) return;
        if (rep >= reps) {
            rep = 0;
            side = 0;
        }
        const started = Date.now();
        button.disabled = true;
        const tick = () => {
            const elapsed = Math.floor((Date.now() - started) / 1000);
            const left = Math.max(0, dose.holdSeconds - elapsed);
            display.textContent = `${left} s`;
            if (left > 0) return;
            clearInterval(ticking);
            ticking = null;
            record(sides[side], dose.holdSeconds);
            announce.textContent = `Hold done${sides[side] ? ` on the ${sides[side].toLowerCase()} side` : ''}. Relax.`;
            if (side + 1 < sides.length) side += 1;
            else {
                side = 0;
                rep += 1;
            }
            button.disabled = false;
            display.textContent = `${dose.holdSeconds} s`;
            describe();
        };
        ticking = setInterval(tick, 250);
        tick();
    });
    describe();
    return h('div', {class: 'timer'}, h('h4', {}, 'Hold timer'), label, display, button, announce);
}

function exerciseCard(item, index, total, held) {
    const exercise = item.exercise || {};
    const beforeYouStart = [...(exercise.cautions || []), ...(exercise.stopRules || [])];
    return h('article', {class: 'exercise-card', 'aria-labelledby': `ex-${index}`},
        h('h3', {id: `ex-${index}`}, `${index + 1} of ${total}: ${item.exerciseName || exercise.name || item.exerciseSlug}`),
        h('p', {class: 'dose'}, doseText(item.dose)),
        item.notes ? h('p', {class: 'note'}, item.notes) : null,
        beforeYouStart.length ? h('div', {class: 'cautions', role: 'note', 'aria-label': 'Before you start'},
            h('h4', {}, 'Before you start'), h('ul', {}, beforeYouStart.map((c) => h('li', {}, c)))) : null,
        exercise.steps ? h('ol', {class: 'steps'}, exercise.steps.map((s) => h('li', {dataset: {role: s.role}},
            h('span', {class: 'step-role'}, humanize(s.role)), ' ', s.instruction))) : status('Instructions are not available right now.', 'warning'),
        item.dose.holdSeconds ? holdTimer(item, (side, seconds) => held.set(`${item.id}:${side}`, seconds)) : null);
}

function safetyCheck(patientId, program, refresh) {
    const confirm = h('input', {type: 'checkbox', id: 'safety-confirm', required: true});
    const feedback = h('div', {'aria-live': 'polite'});
    const contraindications = [...new Set(program.items.flatMap((i) => i.exercise?.contraindications || []))];
    return h('form', {class: 'card safety', onsubmit: async (event) => {
        event.preventDefault();
        try {
            await api.post(`/api/v1/patients/${patientId}/programs/${program.id}/safety-confirmation`);
            await refresh();
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }},
    h('h2', {}, 'Before your first session'),
    h('p', {}, 'These exercises are not right for everyone. Check with your doctor or physiotherapist before you start, '
        + 'especially if any of the following applies to you:'),
    contraindications.length ? h('ul', {}, contraindications.map((c) => h('li', {}, c))) : null,
    h('p', {}, 'Stop straight away and seek care if pain spreads down an arm or leg, or if you feel numbness, tingling or weakness.'),
    h('div', {class: 'field inline'}, confirm, h('label', {for: 'safety-confirm'}, 'I have checked with my doctor that I can start these exercises')),
    h('button', {type: 'submit', class: 'primary'}, 'Confirm and start'), feedback);
}

function painSelect(name) {
    return select(name, [['', 'Choose…'], ...Array.from({length: 11}, (_, i) => [i, `${i}${i === 0 ? ' — no pain' : i === 10 ? ' — worst pain imaginable' : ''}`])], '');
}

function logForm(patientId, program, held, startedAt, onLogged) {
    const rows = program.items.map((item, index) => {
        const name = `item-${index}`;
        const done = h('input', {type: 'radio', name, value: 'DONE', id: `${name}-done`, checked: true});
        const skipped = h('input', {type: 'radio', name, value: 'SKIPPED', id: `${name}-skipped`});
        return {item, done, el: h('fieldset', {class: 'item-status'}, h('legend', {}, item.exerciseName || item.exerciseSlug),
            done, h('label', {for: `${name}-done`}, 'Done'), skipped, h('label', {for: `${name}-skipped`}, 'Skipped'))};
    });
    const before = painSelect('painBefore');
    const after = painSelect('painAfter');
    before.required = true;
    after.required = true;
    const difficulty = select('perceivedDifficulty', [['', 'Choose…'], ...Array.from({length: 10}, (_, i) => [i + 1, `${i + 1}${i === 0 ? ' — very easy' : i === 9 ? ' — very hard' : ''}`])], '');
    const notes = h('textarea', {name: 'notes', maxlength: 2000, rows: 3});
    const feedback = h('div', {'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', class: 'primary'}, 'Log this session');

    function body() {
        const items = rows.flatMap(({item, done}) => {
            const status = done.checked ? 'DONE' : 'SKIPPED';
            const sides = item.dose.side === 'EACH_SIDE' ? ['LEFT', 'RIGHT'] : [null];
            return sides.map((side) => {
                const entry = {programItemId: item.id, status};
                if (status === 'DONE') {
                    entry.setsDone = item.dose.sets;
                    if (item.dose.reps) entry.repsDone = item.dose.reps;
                    const hold = held.get(`${item.id}:${side}`) ?? held.get(`${item.id}:null`);
                    if (hold) entry.holdSeconds = hold;
                }
                if (side) entry.side = side;
                return entry;
            });
        });
        return {programId: program.id, performedAt: localTimestamp(), painBefore: Number(before.value), painAfter: Number(after.value),
            perceivedDifficulty: difficulty.value ? Number(difficulty.value) : undefined,
            durationSeconds: Math.min(86_400, Math.round((Date.now() - startedAt) / 1000)), notes: notes.value.trim() || undefined, items};
    }

    // one outbox entry (one Idempotency-Key) per log: pressing the button again, or any later try, sends the same
    // log, so one that reached the server before the connection dropped is answered, not stored a second time
    let entry = null;
    function finished(saved) {
        outboxEvents.removeEventListener('stored', storedLater);
        onLogged(saved);
    }
    function storedLater(event) {
        if (entry && event.detail.entry.key === entry.key && form.isConnected) finished(event.detail.session);
    }
    outboxEvents.addEventListener('stored', storedLater);
    const form = h('form', {class: 'card log', 'aria-labelledby': 'log-title', onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        feedback.replaceChildren(status('Saving your session…'));
        let outcome;
        try {
            entry = entry || outbox.add(patientId, body());
            outcome = await outbox.send(entry.key);
        } catch (e) { // the browser's storage refused the log (full, or turned off): nothing was sent
            outcome = {refused: e};
        } finally {
            submit.disabled = false;
        }
        if (outcome.stored) {
            finished(outcome.stored);
        } else if (outcome.refused) {
            // refused for good: its answers are still in this form, so the outbox need not keep it to show them;
            // a corrected log is a new log with a new key
            if (entry) outbox.dismiss(entry.key);
            entry = null;
            feedback.replaceChildren(errorMessage(outcome.refused),
                status('This log was not stored. Correct your answers and press the button again.', 'info'));
        } else if (outcome.signIn) {
            location.hash = '#/login';
        } else if (!outbox.waiting(patientId).some((e) => e.key === entry?.key)) {
            // stored or refused meanwhile by another try
        } else {
            feedback.replaceChildren(status('Your session is saved on this device. The connection is unreliable: '
                + 'we keep trying again and send it as soon as Rehabit can be reached, even if you close this page.', 'warning'),
            errorMessage(outcome.kept));
        }
    }},
    h('h2', {id: 'log-title'}, 'Log your session'),
    rows.map((r) => r.el),
    h('div', {class: 'row'}, field('Pain before the session (0–10)', before), field('Pain after the session (0–10)', after),
        field('How hard was it? (1–10)', difficulty)),
    field('Notes for your physiotherapist', notes),
    submit, feedback);
    return form;
}

function logged(saved) {
    return h('section', {class: 'card done', role: 'status'},
        h('h2', {}, 'Session logged — well done!'),
        h('p', {}, `Logged ${when(saved.performedAt)}: pain ${saved.painBefore} before, ${saved.painAfter} after.`),
        saved.painAfter >= 7 ? h('p', {}, 'Your pain is high. Your physiotherapist will see this; if it does not ease, contact them or seek care.') : null,
        h('p', {}, h('a', {href: '#/progress'}, 'See your progress')));
}

export async function todayView({session, main}) {
    const patientId = session.patientId;
    async function draw() {
        const today = await api.get('/api/v1/me/today');
        const program = today.program;
        const parts = [h('h1', {}, 'Today’s routine'), h('p', {class: 'muted'}, `Hello, ${today.patient.displayName}`)];
        if (!program) return h('div', {}, parts, h('p', {}, 'You have no program right now. Your physiotherapist will assign one.'));
        if (program.status === 'PAUSED') return h('div', {}, parts, h('p', {}, 'Your program is paused. Your physiotherapist will tell you when to carry on.'));
        if (today.degraded) parts.push(status('Some exercise details may be out of date: the library cannot be reached right now.', 'warning'));
        if (!program.safetyConfirmed) return h('div', {}, parts, safetyCheck(patientId, program, async () => mount(main, await draw())));
        if (today.sessionsToday.length) {
            parts.push(status(`You have logged ${today.sessionsToday.length === 1 ? 'a session' : `${today.sessionsToday.length} sessions`} today. You can log another if your plan says so.`, 'ok'));
        }
        const held = new Map();
        const startedAt = Date.now();
        const result = h('div', {});
        parts.push(h('p', {}, `${program.items.length} exercises, in this order. Read “Before you start” for each one.`),
            h('div', {class: 'routine'}, program.items.map((item, i) => exerciseCard(item, i, program.items.length, held))),
            result);
        mount(result, logForm(patientId, program, held, startedAt, (saved) => {
            mount(result, logged(saved));
            result.querySelector('h2').setAttribute('tabindex', '-1');
            result.querySelector('h2').focus();
        }));
        return h('div', {class: 'today'}, parts);
    }
    return draw();
}
