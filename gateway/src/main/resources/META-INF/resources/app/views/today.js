// A patient's today: the safety check before a new program's first session, then the routine player — a start
// screen (the routine, pain right now), one exercise at a time (dose, "before you start", steps, a hold timer per
// side, sets and reps, rest, pain during), and an end screen (pain after, difficulty, notes, Save). The log goes into
// the outbox (outbox.js) under its own Idempotency-Key and stays there until the server has stored it or definitely
// refused it. What the log holds is the session-log contract written in docs/webapp.md.
import {api, apiEvents, NotSignedIn} from '../api.js';
import {outbox, outboxEvents} from '../outbox.js';
import {doseText, errorMessage, h, humanize, mount, status, when} from '../dom.js';
import {exerciseFigure} from '../figure.js';
import {dueNotices} from './outcomes.js';

const TWO_SIDES = ['EACH_SIDE', 'ALTERNATING'];
const STORE = 'rehabit.player';
/** A hold stopped within its first second is taken for a mis-tap and not counted. */
const SHORTEST_HOLD_MS = 1000;

/** "2026-11-24T08:30:00+01:00": the patient's local time with its offset, as the API wants it. */
export function localTimestamp(date = new Date()) {
    const pad = (n) => String(Math.abs(n)).padStart(2, '0');
    const offset = -date.getTimezoneOffset();
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
        + `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The sides an item is logged for: LEFT and RIGHT for two-sided doses, else one entry without a side (null). */
function sidesOf(item) {
    return TWO_SIDES.includes(item.dose?.side) ? ['LEFT', 'RIGHT'] : [null];
}

const keyOf = (side) => side || 'ONE';
const sideName = (key) => (key === 'ONE' ? '' : humanize(key));

// --- signals: a beep (WebAudio) and a vibration when a hold or a rest ends ---

let audio = null;

/** Browsers only let a page make sound after a tap: the Start button calls this. */
function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
        audio = audio || new Context();
        if (audio.state === 'suspended') audio.resume().catch(() => {});
    } catch {
        audio = null; // no sound on this device: the vibration and the screen still say it
    }
}

function signal(root) {
    root.dataset.signals = String(Number(root.dataset.signals || 0) + 1);
    try {
        navigator.vibrate?.([200, 100, 200]);
    } catch {
        // vibration refused: the sound and the screen still say it
    }
    if (!audio) return;
    try {
        const now = audio.currentTime;
        for (const start of [0, 0.3]) {
            const tone = audio.createOscillator();
            const gain = audio.createGain();
            tone.frequency.value = 880;
            gain.gain.setValueAtTime(0.0001, now + start);
            gain.gain.exponentialRampToValueAtTime(0.4, now + start + 0.02);
            gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.2);
            tone.connect(gain).connect(audio.destination);
            tone.start(now + start);
            tone.stop(now + start + 0.22);
        }
    } catch {
        // the audio device went away
    }
}

// --- the screen kept awake while a routine runs (Screen Wake Lock API, where the browser has it) ---

/** Says on the player whether the screen is kept awake (data-wake-lock: held, released or unavailable). */
function markWake(state) {
    document.querySelector('.player')?.setAttribute('data-wake-lock', state);
}

const wake = {
    wanted: false,
    lock: null,
    async acquire() {
        wake.wanted = true;
        if (!('wakeLock' in navigator)) {
            markWake('unavailable');
            return;
        }
        if (wake.lock || document.visibilityState !== 'visible') return;
        try {
            const lock = await navigator.wakeLock.request('screen');
            lock.addEventListener('release', () => {
                if (wake.lock === lock) wake.lock = null;
                markWake('released');
            });
            wake.lock = lock;
            markWake('held');
            if (!wake.wanted) wake.release(); // the routine ended while the lock was being granted
        } catch {
            wake.lock = null; // refused (battery saver, not allowed): the routine works without it
            markWake('unavailable');
        }
    },
    release() {
        wake.wanted = false;
        const lock = wake.lock;
        wake.lock = null;
        lock?.release().catch(() => {});
    },
};
// the browser drops the lock when the page is hidden; it comes back with the page while the routine runs
document.addEventListener('visibilitychange', () => {
    if (wake.wanted && document.visibilityState === 'visible') wake.acquire();
});

// --- the player's progress, kept in the tab's sessionStorage so that a reload mid-routine carries on ---

function freshItem(item) {
    const sides = sidesOf(item).map(keyOf);
    return {status: null, active: sides[0],
        sides: Object.fromEntries(sides.map((k) => [k, {setsDone: 0, repsDone: 0, repsInSet: 0, holds: [], painDuring: null}]))};
}

function freshState(patientId, program) {
    return {v: 1, patientId, programId: program.id, day: localTimestamp().slice(0, 10),
        itemIds: program.items.map((i) => i.id), phase: 'start', index: 0, painBefore: null, startedAt: null,
        performedAt: null, items: program.items.map(freshItem)};
}

function loadState(patientId, program) {
    try {
        const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
        if (saved?.v === 1 && saved.patientId === patientId && saved.programId === program.id
            && saved.day === localTimestamp().slice(0, 10)
            && JSON.stringify(saved.itemIds) === JSON.stringify(program.items.map((i) => i.id))) {
            return saved;
        }
    } catch {
        // unreadable: start afresh
    }
    return null;
}

function saveState(state) {
    try {
        sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch {
        // storage full or off: the routine goes on, a reload starts it again
    }
}

function forgetState() {
    sessionStorage.removeItem(STORE);
}

// --- what the log says (the session-log contract) ---

const average = (values) => (values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null);
const anyDone = (side) => side.setsDone > 0 || side.repsDone > 0;
const reps = (n) => `${n} ${n === 1 ? 'rep' : 'reps'}`;

/** The log entries of one program item: one per side for EACH_SIDE and ALTERNATING, else one with side null. */
function entries(item, progress) {
    return sidesOf(item).map((side) => {
        const s = progress.sides[keyOf(side)];
        const done = progress.status !== 'skipped' && anyDone(s);
        return {programItemId: item.id, side, status: done ? 'DONE' : 'SKIPPED',
            setsDone: done ? s.setsDone : 0, repsDone: done ? s.repsDone : 0,
            holdSeconds: done && item.dose?.holdSeconds ? average(s.holds) : null,
            painDuring: s.painDuring};
    });
}

function logBody(state, program, answers) {
    return {programId: program.id, performedAt: state.performedAt, painBefore: state.painBefore,
        painAfter: answers.painAfter, perceivedDifficulty: answers.difficulty ?? undefined,
        durationSeconds: Math.min(86_400, Math.max(0, Math.round((Date.now() - state.startedAt) / 1000))),
        notes: answers.notes || undefined,
        items: program.items.flatMap((item, i) => entries(item, state.items[i]))};
}

/** One line per item for the end screen: what will be sent. */
function summaryText(item, progress) {
    const sets = item.dose?.sets || 1;
    const lines = sidesOf(item).map((side) => {
        const s = progress.sides[keyOf(side)];
        const prefix = side ? `${humanize(side)}: ` : '';
        if (progress.status === 'skipped' || !anyDone(s)) return `${prefix}skipped`;
        const hold = item.dose?.holdSeconds && s.holds.length ? `, held ${average(s.holds)} s on average` : '';
        const pain = s.painDuring === null ? '' : `, pain ${s.painDuring}`;
        return `${prefix}${s.setsDone} of ${sets} ${sets === 1 ? 'set' : 'sets'}, ${reps(s.repsDone)}${hold}${pain}`;
    });
    return lines.join('; ');
}

// --- pieces ---

/**
 * A 0–10 (or 1–10) scale of large buttons; the chosen one is aria-pressed. Calls choose(value) on a tap.
 */
function scale(name, legend, hint, from, value, choose) {
    const buttons = [];
    for (let n = from; n <= 10; n += 1) {
        buttons.push(h('button', {type: 'button', 'aria-pressed': String(n === value), dataset: {value: n},
            onclick: () => {
                for (const b of buttons) b.setAttribute('aria-pressed', String(b === buttons[n - from]));
                choose(n);
            }}, String(n)));
    }
    return h('fieldset', {class: 'scale', dataset: {name}}, h('legend', {}, legend),
        hint ? h('p', {class: 'hint'}, hint) : null, h('div', {class: 'scale-buttons'}, buttons));
}

const PAIN_HINT = '0 = no pain, 10 = the worst pain imaginable';

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

function logged(saved) {
    return h('section', {class: 'card done', role: 'status'},
        h('h2', {}, 'Session logged — well done!'),
        h('p', {}, `Logged ${when(saved.performedAt)}: pain ${saved.painBefore} before, ${saved.painAfter} after.`),
        saved.painAfter >= 7 ? h('p', {}, 'Your pain is high. Your physiotherapist will see this; if it does not ease, contact them or seek care.') : null,
        h('p', {}, h('a', {href: '#/progress'}, 'See your progress')));
}

// --- the player ---

function player(patientId, program) {
    let state = loadState(patientId, program) || freshState(patientId, program);
    const resumed = state.phase !== 'start';
    const root = h('section', {class: 'player', 'aria-label': 'Routine player'});
    const announce = h('p', {class: 'visually-hidden', 'aria-live': 'assertive'});
    const screen = h('div', {});
    root.append(screen, announce);

    // what runs right now (not kept over a reload): a hold, a rest, and the ticker that draws them
    let hold = null; // {key, startedAt}
    let rest = null; // {endsAt}
    let ticker = null;

    function persist() {
        saveState(state);
    }

    function say(text) {
        announce.textContent = '';
        announce.textContent = text;
    }

    function stopTicking() {
        clearInterval(ticker);
        ticker = null;
        hold = null;
        rest = null;
    }

    function leave() { // the patient went to another page: nothing runs on in the background
        stopTicking();
        wake.release();
        window.removeEventListener('hashchange', leave);
    }
    window.addEventListener('hashchange', leave);

    function show(phase, index = state.index) {
        stopTicking();
        state.phase = phase;
        state.index = index;
        persist();
        if (phase === 'start') mount(screen, startScreen());
        else if (phase === 'end') mount(screen, endScreen());
        else mount(screen, exerciseScreen());
        const heading = screen.querySelector('h2');
        if (heading) {
            heading.setAttribute('tabindex', '-1');
            heading.focus({preventScroll: true});
        }
        root.scrollIntoView?.({block: 'start'});
        if (phase === 'exercise') wake.acquire();
        else wake.release();
    }

    // --- start: the routine, pain right now, Start ---
    function startScreen() {
        const feedback = h('div', {'aria-live': 'polite'});
        return h('div', {class: 'player-start'},
            h('h2', {}, 'Your routine today'),
            h('ol', {class: 'overview'}, program.items.map((item) => h('li', {},
                h('strong', {}, item.exerciseName || item.exercise?.name || item.exerciseSlug), h('br'),
                h('span', {class: 'muted'}, doseText(item.dose))))),
            scale('painBefore', 'Your pain right now', PAIN_HINT, 0, state.painBefore, (n) => {
                state.painBefore = n;
                feedback.replaceChildren();
                persist();
            }),
            h('button', {type: 'button', class: 'primary big', dataset: {action: 'start'}, onclick: () => {
                if (state.painBefore === null) {
                    feedback.replaceChildren(status('Choose your pain right now (0–10) first.', 'error'));
                    return;
                }
                unlockAudio();
                // back to the start and Start again: the routine still began at the first Start
                if (state.startedAt === null) {
                    state.startedAt = Date.now();
                    state.performedAt = localTimestamp();
                }
                show('exercise', 0);
            }}, 'Start'),
            feedback);
    }

    // --- one exercise ---
    function exerciseScreen() {
        const item = program.items[state.index];
        const progress = state.items[state.index];
        const dose = item.dose || {};
        const exercise = item.exercise || {};
        const sets = dose.sets || 1;
        const keys = sidesOf(item).map(keyOf);
        const beforeYouStart = [...(exercise.cautions || []), ...(exercise.stopRules || [])];
        const work = h('div', {class: 'work'});
        const painPanel = h('div', {});
        const feedback = h('div', {'aria-live': 'polite'});

        const side = () => progress.sides[progress.active];
        const other = (key) => keys.find((k) => k !== key) || key;

        function setActive(key) {
            progress.active = key;
            persist();
        }

        function finishSet(key) {
            const s = progress.sides[key];
            // "Set done" without counting: the patient says the whole set was done
            if (s.repsInSet === 0 && dose.reps) s.repsDone += dose.reps;
            s.setsDone += 1;
            s.repsInSet = 0;
        }

        /** After a set: move to the side with fewer sets, rest before the next set, or say that it is all done. */
        function afterSet() {
            progress.status = null;
            const remaining = keys.some((k) => progress.sides[k].setsDone < sets);
            if (dose.side === 'EACH_SIDE') {
                const fewer = keys.reduce((a, b) => (progress.sides[b].setsDone < progress.sides[a].setsDone ? b : a));
                setActive(fewer);
            } else if (dose.side === 'ALTERNATING') {
                setActive(keys[0]);
            }
            if (!remaining) {
                say('All sets done. Tap Done for the next exercise.');
            } else if (dose.restSeconds && progress.sides[progress.active].setsDone > 0) {
                // (no rest between the two sides of an EACH_SIDE set: the other side has not worked yet)
                rest = {endsAt: Date.now() + dose.restSeconds * 1000};
                say(`Set done. Rest ${dose.restSeconds} seconds.`);
                tick();
            } else {
                say('Set done.');
            }
        }

        /** One repetition done on the active side (a hold counts as one, with its seconds). */
        function rep(heldSeconds) {
            const key = progress.active;
            const s = progress.sides[key];
            s.repsDone += 1;
            s.repsInSet += 1;
            if (heldSeconds !== undefined) s.holds.push(heldSeconds);
            progress.status = null;
            rest = null;
            if (dose.reps && s.repsInSet >= dose.reps) {
                if (dose.side === 'ALTERNATING') {
                    const o = progress.sides[other(key)];
                    if (o.repsInSet >= dose.reps) {
                        finishSet(key);
                        finishSet(other(key));
                        afterSet();
                    } else {
                        setActive(other(key));
                    }
                } else {
                    finishSet(key);
                    afterSet();
                }
            } else if (dose.side === 'ALTERNATING') {
                // sides take turns rep by rep, unless the other side has already done its reps in this set
                const o = progress.sides[other(key)];
                if (!dose.reps || o.repsInSet < dose.reps) setActive(other(key));
            }
            persist();
            draw();
        }

        function startHold() {
            unlockAudio(); // after a reload, the first tap here is the one that may make sound
            rest = null;
            hold = {key: progress.active, startedAt: Date.now()};
            say(`Hold${hold.key === 'ONE' ? '' : ` on the ${hold.key.toLowerCase()} side`}.`);
            tick();
            draw();
        }

        /** Stop: records the whole seconds actually held; the prescribed hold ends by itself (full). */
        function stopHold(full) {
            const elapsed = Date.now() - hold.startedAt;
            const seconds = full ? dose.holdSeconds : Math.min(dose.holdSeconds, Math.floor(elapsed / 1000));
            const key = hold.key;
            hold = null;
            if (!full && elapsed < SHORTEST_HOLD_MS) {
                say('Stopped before one second: not counted.');
                draw();
                return;
            }
            progress.active = key;
            say(full ? `${dose.holdSeconds} seconds: hold done. Relax.` : `Stopped after ${seconds} seconds.`);
            if (full) signal(root);
            rep(seconds);
        }

        function tick() {
            if (!ticker) ticker = setInterval(tick, 200);
            if (!root.isConnected) {
                leave();
                return;
            }
            if (hold) {
                const elapsed = Date.now() - hold.startedAt;
                if (elapsed >= dose.holdSeconds * 1000) {
                    stopHold(true);
                } else {
                    const display = work.querySelector('.timer-display');
                    if (display) display.textContent = `${Math.floor(elapsed / 1000)} s`;
                }
            }
            if (rest) {
                const left = Math.ceil((rest.endsAt - Date.now()) / 1000);
                const display = work.querySelector('.rest-display');
                if (left <= 0) {
                    rest = null;
                    signal(root);
                    say('Rest over. Next set.');
                    draw();
                } else if (display) {
                    display.textContent = `${left} s`;
                }
            }
            if (!hold && !rest) {
                clearInterval(ticker);
                ticker = null;
            }
        }

        function tally(key) {
            const s = progress.sides[key];
            const parts = s.setsDone >= sets
                ? [`all ${sets} ${sets === 1 ? 'set' : 'sets'} done`, reps(s.repsDone)]
                : [`set ${s.setsDone + 1} of ${sets}`, dose.reps ? `${s.repsInSet} of ${dose.reps} reps in this set` : reps(s.repsDone)];
            if (dose.holdSeconds && s.holds.length) parts.push(`holds ${s.holds.join(', ')} s`);
            if (s.painDuring !== null) parts.push(`pain ${s.painDuring}`);
            return parts.join(' · ');
        }

        function draw() {
            const focused = document.activeElement?.dataset?.action;
            const s = side();
            const active = progress.active;
            const parts = [];
            if (keys.length > 1) {
                parts.push(h('div', {class: 'sides', role: 'group', 'aria-label': 'Side'}, keys.map((k) => h('button', {
                    type: 'button', class: 'side', 'aria-pressed': String(k === active), dataset: {action: `side-${k}`},
                    disabled: Boolean(hold), onclick: () => {
                        setActive(k);
                        draw();
                    }}, `${sideName(k)} side`))));
            }
            parts.push(h('ul', {class: 'tally'}, keys.map((k) => h('li', {dataset: {side: k}},
                keys.length > 1 ? h('strong', {}, `${sideName(k)}: `) : null, tally(k)))));
            if (dose.holdSeconds) {
                const label = `${active === 'ONE' ? 'Hold' : `${sideName(active)} side: hold`} ${dose.holdSeconds} s`;
                parts.push(h('div', {class: 'timer', dataset: {state: hold ? 'holding' : 'ready'}},
                    h('p', {class: 'timer-label'}, label),
                    h('output', {class: 'timer-display', 'aria-live': 'off'}, hold ? `${Math.floor((Date.now() - hold.startedAt) / 1000)} s` : `${dose.holdSeconds} s`),
                    hold
                        ? h('button', {type: 'button', class: 'primary big', dataset: {action: 'stop'}, onclick: () => stopHold(false)}, 'Stop')
                        : h('button', {type: 'button', class: 'primary big', dataset: {action: 'start-hold'}, onclick: startHold},
                            `Start hold${active === 'ONE' ? '' : ` (${active.toLowerCase()})`}`)));
            } else {
                parts.push(h('button', {type: 'button', class: 'primary big', dataset: {action: 'rep'}, onclick: () => rep()},
                    `+1 rep${active === 'ONE' ? '' : ` (${active.toLowerCase()})`}`));
            }
            parts.push(h('button', {type: 'button', class: 'big', dataset: {action: 'set-done'}, disabled: Boolean(hold),
                onclick: () => {
                    rest = null;
                    if (dose.side === 'ALTERNATING') keys.forEach(finishSet);
                    else finishSet(active);
                    afterSet();
                    persist();
                    draw();
                }}, keys.length > 1 && dose.side !== 'ALTERNATING' ? `Set done (${active.toLowerCase()})` : 'Set done'));
            if (rest) {
                parts.push(h('div', {class: 'rest', role: 'timer', 'aria-label': 'Rest'},
                    h('p', {class: 'timer-label'}, 'Rest'),
                    h('output', {class: 'rest-display'}, `${Math.max(0, Math.ceil((rest.endsAt - Date.now()) / 1000))} s`),
                    h('button', {type: 'button', dataset: {action: 'end-rest'}, onclick: () => {
                        rest = null;
                        draw();
                    }}, 'End rest')));
            }
            if (s.setsDone >= sets && keys.every((k) => progress.sides[k].setsDone >= sets)) {
                parts.push(status('All sets done. Tap Done for the next exercise.', 'ok'));
            }
            mount(work, parts);
            if (focused) work.querySelector(`[data-action="${focused}"]`)?.focus();
        }

        function painDuring() {
            const s = side();
            mount(painPanel, h('div', {class: 'hurts'},
                scale('painDuring', `Pain during this exercise${progress.active === 'ONE' ? '' : ` (${progress.active.toLowerCase()} side)`}`,
                    PAIN_HINT, 0, s.painDuring, (n) => {
                        s.painDuring = n;
                        persist();
                        say(`Pain ${n} noted.`);
                    }),
                exercise.stopRules?.length ? h('ul', {class: 'stop-rules'}, exercise.stopRules.map((r) => h('li', {}, r))) : null,
                h('p', {}, 'If the pain is sharp, spreads or gets worse, stop and tap Skip.')));
            painPanel.querySelector('button')?.focus();
        }

        function move(to) {
            if (to < 0) show('start', 0);
            else if (to >= program.items.length) show('end', state.index);
            else show('exercise', to);
        }

        draw();
        return h('article', {class: 'player-exercise', dataset: {item: item.id}},
            h('p', {class: 'muted step-count'}, `Exercise ${state.index + 1} of ${program.items.length}`),
            h('progress', {max: program.items.length, value: state.index, 'aria-hidden': 'true'}),
            h('h2', {}, item.exerciseName || exercise.name || item.exerciseSlug),
            h('p', {class: 'dose'}, doseText(dose)),
            item.notes ? h('p', {class: 'note'}, item.notes) : null,
            h('div', {class: 'player-figure', dataset: {exercise: item.exerciseSlug}}, exerciseFigure(exercise, {size: 200})),
            beforeYouStart.length ? h('div', {class: 'cautions', role: 'note', 'aria-label': 'Before you start'},
                h('h3', {}, 'Before you start'), h('ul', {}, beforeYouStart.map((c) => h('li', {}, c)))) : null,
            exercise.steps ? h('ol', {class: 'steps'}, exercise.steps.map((s) => h('li', {dataset: {role: s.role}},
                h('span', {class: 'step-role'}, humanize(s.role)), ' ', s.instruction)))
                : status('Instructions are not available right now.', 'warning'),
            work,
            h('button', {type: 'button', class: 'hurts-button', dataset: {action: 'hurts'}, onclick: painDuring}, 'It hurts'),
            painPanel,
            feedback,
            h('nav', {class: 'player-nav', 'aria-label': 'Exercises'},
                h('button', {type: 'button', dataset: {action: 'back'}, onclick: () => move(state.index - 1)}, 'Back'),
                h('button', {type: 'button', dataset: {action: 'skip'}, onclick: () => {
                    state.items[state.index] = {...freshItem(item), status: 'skipped'};
                    move(state.index + 1);
                }}, 'Skip'),
                h('button', {type: 'button', class: 'primary', dataset: {action: 'done'}, onclick: () => {
                    if (!keys.some((k) => anyDone(progress.sides[k]))) {
                        feedback.replaceChildren(status('Nothing is counted yet: count your repetitions or sets, '
                            + 'or tap Skip.', 'warning'));
                        return;
                    }
                    progress.status = 'done';
                    move(state.index + 1);
                }}, 'Done'),
                h('button', {type: 'button', dataset: {action: 'next'}, onclick: () => move(state.index + 1)}, 'Next')));
    }

    // --- the end: pain after, difficulty, notes, what was done, Save ---
    function endScreen() {
        const answers = {painAfter: null, difficulty: null, notes: ''};
        const notes = h('textarea', {name: 'notes', id: 'player-notes', maxlength: 2000, rows: 3});
        const feedback = h('div', {'aria-live': 'polite'});
        const submit = h('button', {type: 'submit', class: 'primary big'}, 'Save');
        const result = h('div', {});
        let entry = null; // one outbox entry (one Idempotency-Key) per log, however often Save is pressed

        function finished(saved) {
            outboxEvents.removeEventListener('stored', storedLater);
            forgetState();
            mount(result, logged(saved));
            form.remove();
            result.querySelector('h2').setAttribute('tabindex', '-1');
            result.querySelector('h2').focus();
        }
        function storedLater(event) {
            if (entry && event.detail.entry.key === entry.key && result.isConnected) finished(event.detail.session);
        }
        outboxEvents.addEventListener('stored', storedLater);

        const form = h('form', {class: 'card log', 'aria-labelledby': 'log-title', novalidate: true, onsubmit: async (event) => {
            event.preventDefault();
            if (answers.painAfter === null) {
                feedback.replaceChildren(status('Choose your pain now (0–10) before saving.', 'error'));
                return;
            }
            answers.notes = notes.value.trim();
            submit.disabled = true;
            feedback.replaceChildren(status('Saving your session…'));
            let outcome;
            try {
                if (!entry) {
                    entry = outbox.add(patientId, logBody(state, program, answers));
                    forgetState(); // the log lives in the outbox now: a reload must not make a second one
                }
                outcome = await outbox.send(entry.key);
            } catch (e) { // the browser's storage refused the log (full, or turned off): nothing was sent
                outcome = {refused: e};
            } finally {
                submit.disabled = false;
            }
            if (outcome.stored) {
                finished(outcome.stored);
            } else if (outcome.refused) {
                // refused for good: its answers are still on this screen; a corrected log is a new log with a new key
                if (entry) outbox.dismiss(entry.key);
                entry = null;
                persist();
                feedback.replaceChildren(errorMessage(outcome.refused),
                    status('This log was not stored. Correct your answers and press Save again.', 'info'));
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
        h('h2', {id: 'log-title'}, 'Well done — how are you now?'),
        scale('painAfter', 'Your pain now', PAIN_HINT, 0, null, (n) => {
            answers.painAfter = n;
        }),
        scale('perceivedDifficulty', 'How hard was it? (optional)', '1 = very easy, 10 = very hard', 1, null, (n) => {
            answers.difficulty = n;
        }),
        h('div', {class: 'field'}, h('label', {for: 'player-notes'}, 'Notes for your physiotherapist (optional)'), notes),
        h('h3', {}, 'What you did'),
        h('ul', {class: 'summary-list'}, program.items.map((item, i) => h('li', {dataset: {item: item.id}},
            h('strong', {}, item.exerciseName || item.exercise?.name || item.exerciseSlug), ': ',
            summaryText(item, state.items[i])))),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'big', dataset: {action: 'back'},
                onclick: () => show('exercise', program.items.length - 1)}, 'Back'),
            submit),
        feedback);
        return h('div', {}, form, result);
    }

    const parts = [root];
    if (resumed) {
        parts.unshift(h('div', {class: 'status info', role: 'status'},
            h('p', {}, 'You are carrying on the routine you started earlier.'),
            h('button', {type: 'button', onclick: (event) => {
                event.currentTarget.closest('.status').remove();
                state = freshState(patientId, program);
                show('start', 0);
            }}, 'Start again from the beginning')));
    }
    show(state.phase, state.index);
    return parts;
}

/**
 * The patient's outcome measures, to say which questionnaire is due; none when offline or unreadable (the routine,
 * which the service worker keeps, must show without them).
 */
async function dueMeasures(patientId) {
    if (!navigator.onLine) return [];
    try {
        return await api.get(`/api/v1/patients/${patientId}/outcome-measures`);
    } catch (e) {
        if (e instanceof NotSignedIn) throw e;
        return [];
    }
}

export async function todayView({session, main}) {
    const patientId = session.patientId;
    async function draw() {
        let saved = false; // the service worker answered with the routine saved earlier: Rehabit is out of reach
        const seen = ({detail}) => { if (detail.path === '/api/v1/me/today') saved = Boolean(detail.savedAt); };
        apiEvents.addEventListener('answer', seen);
        let today;
        try {
            today = await api.get('/api/v1/me/today');
        } finally {
            apiEvents.removeEventListener('answer', seen);
        }
        const measures = saved ? [] : await dueMeasures(patientId);
        const program = today.program;
        const parts = [h('h1', {}, 'Today’s routine'), h('p', {class: 'muted'}, `Hello, ${today.patient.displayName}`),
            dueNotices(measures)];
        if (!program) return h('div', {}, parts, h('p', {}, 'You have no program right now. Your physiotherapist will assign one.'));
        if (program.status === 'PAUSED') return h('div', {}, parts, h('p', {}, 'Your program is paused. Your physiotherapist will tell you when to carry on.'));
        if (today.degraded) parts.push(status('Some exercise details may be out of date: the library cannot be reached right now.', 'warning'));
        if (!program.safetyConfirmed) return h('div', {}, parts, safetyCheck(patientId, program, async () => mount(main, await draw())));
        if (today.sessionsToday.length) {
            parts.push(status(`You have logged ${today.sessionsToday.length === 1 ? 'a session' : `${today.sessionsToday.length} sessions`} today. You can log another if your plan says so.`, 'ok'));
        }
        parts.push(player(patientId, program));
        return h('div', {class: 'today'}, parts);
    }
    return draw();
}
