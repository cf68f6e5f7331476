// A patient as their physio sees them: charts of pain and adherence, weight toward the goal, the current program
// with its doses and the actions on it, its outcome measures with their score trends, and the session history.
import {api, ApiError} from '../api.js';
import {day, doseText, errorMessage, field, h, humanize, mount, number, percent, ruleName, status, when} from '../dom.js';
import {adherenceChart, painChart, weightChart} from '../charts.js';
import {weightSection} from './weights.js';
import {loadOutcomes, outcomeSection} from './outcomes.js';

/**
 * Everything a patient page shows, in two parallel rounds. The second asks only for what the first says exists
 * (an open program, an energy profile), so a patient without them causes no 404s.
 */
export async function loadPatient(id, {history = false, clinicId = null} = {}) {
    const base = `/api/v1/patients/${id}`;
    const [{data: patient, etag}, progress, programs, sessions, weights, staff] = await Promise.all([
        api.getWithEtag(base), api.get(`${base}/progress?weeks=12`), api.get(`${base}/programs`),
        api.get(`${base}/sessions?size=30`), api.get(`${base}/weights`),
        clinicId ? api.get(`/api/v1/clinics/${clinicId}/staff`) : null,
    ]);
    const open = programs.find((p) => p.status === 'ACTIVE' || p.status === 'PAUSED');
    const [program, target, changes, alerts] = await Promise.all([
        open ? api.find(`${base}/programs/current`) : null,
        weights.trend.goal ? api.find(`${base}/energy-target`) : null,
        open && history ? api.get(`${base}/programs/${open.id}/history`) : null,
        clinicId ? api.get(`/api/v1/clinics/${clinicId}/alerts?status=OPEN&patientId=${id}&size=200`) : null,
    ]);
    return {patient, etag, progress, program, programs, sessions: sessions.items, target, weights, history: changes?.entries,
        alerts: alerts ? alerts.items : null, staff};
}

/** The charts and figures both physio and patient see. */
export function progressSection(data) {
    const {progress, target, weights} = data;
    const sessions = data.sessions.filter((s) => !s.voided); // a voided session counts in no figure or chart
    const kgPerWeek = weights.trend.rateKgPerWeek === null ? null
        : Number(weights.trend.rateKgPerWeek) * (weights.trend.direction === 'LOSE' ? -1 : weights.trend.direction === 'GAIN' ? 1 : 0);
    return h('section', {class: 'progress', 'aria-labelledby': 'progress-title'},
        h('h2', {id: 'progress-title'}, 'Progress over 12 weeks'),
        h('dl', {class: 'figures'},
            figure('Adherence', percent(progress.adherence)),
            figure('Dose done', doseCompletionText(progress)),
            figure('Pain trend', progress.painTrend === null ? '—' : `${progress.painTrend > 0 ? '+' : ''}${number(progress.painTrend, 2)} per week`),
            figure('Streak', `${progress.streakWeeks} ${progress.streakWeeks === 1 ? 'week' : 'weeks'}`),
            figure('Sessions done', String(progress.sessionsDone)),
            figure('Last session', when(progress.lastSessionAt))),
        h('div', {class: 'charts'},
            h('figure', {}, h('figcaption', {}, 'Pain before and after each session'),
                sessions.length ? painChart(sessions) : h('p', {}, 'No sessions logged yet.')),
            h('figure', {}, h('figcaption', {}, 'Weekly adherence'), adherenceChart(progress.byWeek)),
            target ? h('figure', {}, h('figcaption', {}, 'Weight toward the goal'),
                weights.entries.length ? weightChart(weights.entries, kgPerWeek) : h('p', {}, 'No weight entries yet.'),
                weights.trend.onTrack === null ? null : h('p', {}, weights.trend.onTrack ? 'On track for the goal.' : 'Not on track for the goal yet.'))
                : null),
        progress.byExercise.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'by-exercise'},
            h('caption', {}, 'By exercise: sessions in which it was prescribed, and what was done of it'),
            h('thead', {}, h('tr', {}, ['Exercise', 'Done', 'Skipped', 'Left out', 'Completion', 'Dose done', 'Hold left / right (s)', 'Left − right (s)']
                .map((t) => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, progress.byExercise.map((e) => h('tr', {}, h('th', {scope: 'row'}, e.exerciseSlug),
                h('td', {class: 'num'}, `${e.done} of ${e.prescribed}`), h('td', {class: 'num'}, e.skipped),
                h('td', {class: 'num'}, e.omitted), h('td', {class: 'num'}, percent(e.completionRate)),
                h('td', {class: 'num'}, percent(e.doseCompletion)),
                h('td', {class: 'num'}, e.averageHoldLeftSeconds === null && e.averageHoldRightSeconds === null ? '—'
                    : `${number(e.averageHoldLeftSeconds)} / ${number(e.averageHoldRightSeconds)}`),
                h('td', {class: 'num'}, e.holdDifferenceSeconds === null ? '—'
                    : `${e.holdDifferenceSeconds > 0 ? '+' : ''}${number(e.holdDifferenceSeconds)}`)))))) : null);
}

/** Dose completion, and how many items said "done" without saying how much (left out of it). */
function doseCompletionText(progress) {
    if (progress.doseCompletion === null || progress.doseCompletion === undefined) {
        return '—';
    }
    const unmeasured = progress.doseItemsUnmeasured;
    return unmeasured ? `${percent(progress.doseCompletion)} (${unmeasured} ${unmeasured === 1 ? 'item' : 'items'} without counts left out)`
        : percent(progress.doseCompletion);
}

function figure(label, value) {
    return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

/**
 * The sessions, newest first. A voided one stays listed, struck through, with why; with voidSession (the physio's
 * page) every other one gets a Void button opening a small form for the reason.
 */
export function sessionHistory(sessions, voidSession = null) {
    const headings = ['Date', 'Pain before', 'Pain after', 'Difficulty', 'Exercises done', 'Notes', 'Status'];
    return h('section', {'aria-labelledby': 'history-title'}, h('h2', {id: 'history-title'}, 'Session history'),
        sessions.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'sessions'},
            h('thead', {}, h('tr', {}, headings.map((t) => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, sessions.map((s) => h('tr', {class: s.voided ? 'voided' : null, dataset: {session: s.id}},
                h('th', {scope: 'row'}, when(s.performedAt)), h('td', {class: 'num'}, s.painBefore),
                h('td', {class: 'num'}, s.painAfter), h('td', {class: 'num'}, s.perceivedDifficulty ?? '—'),
                h('td', {}, exercisesDone(s.items)),
                h('td', {}, s.notes || ''),
                h('td', {class: 'session-status'}, s.voided ? `Voided: ${s.voided.reason}`
                    : voidSession ? voidControl(s, voidSession) : '')))))) : h('p', {}, 'No sessions yet.'));
}

/** The Void button, which turns into a labelled reason field with Void session and Keep; errors show beside it. */
function voidControl(session, voidSession) {
    const cell = h('div', {class: 'void-control'});
    const feedback = h('div', {'aria-live': 'polite'});
    const button = h('button', {type: 'button', class: 'void', onclick: () => {
        const reason = h('input', {type: 'text', name: 'reason', id: `void-reason-${session.id}`, required: true, maxlength: 500,
            autocomplete: 'off'});
        const keep = h('button', {type: 'button', onclick: () => {
            mount(cell, button, feedback);
            button.focus();
        }}, 'Keep');
        const form = h('form', {class: 'void-form', onsubmit: async (event) => {
            event.preventDefault();
            if (!reason.value.trim()) {
                feedback.replaceChildren(status('Say why this session is voided.', 'error'));
                reason.focus();
                return;
            }
            const submit = form.querySelector('button[type=submit]');
            submit.disabled = true;
            try {
                await voidSession(session, reason.value.trim());
            } catch (e) {
                submit.disabled = false;
                feedback.replaceChildren(errorMessage(e));
            }
        }}, h('label', {for: reason.id}, 'Reason for voiding'), reason,
            h('span', {class: 'void-buttons'}, h('button', {type: 'submit', class: 'danger'}, 'Void session'), keep));
        mount(cell, form, feedback);
        reason.focus();
    }}, 'Void');
    return mount(cell, button, feedback);
}

/** Exercises done of those logged: an exercise logged per side counts once, done when done on either side. */
function exercisesDone(items) {
    const logged = new Map();
    for (const item of items) {
        logged.set(item.programItemId, logged.get(item.programItemId) || item.status === 'DONE');
    }
    return `${[...logged.values()].filter(Boolean).length} of ${logged.size}`;
}

/** Retired, or a newer version published, for an item's pinned exercise; nothing when it is current. */
function itemBadge(exercise) {
    if (!exercise) return null;
    if (exercise.retiredAt || exercise.status === 'RETIRED') return h('span', {class: 'badge warning'}, 'Retired');
    return exercise.current ? null : h('span', {class: 'badge warning'}, `Version ${exercise.latestVersion} available`);
}

export function programItems(program) {
    return h('ol', {class: 'program-items'}, program.items.map((item) => h('li', {},
        h('a', {href: `#/library/${item.exerciseSlug}`}, item.exerciseName || item.exerciseSlug),
        h('span', {class: 'muted'}, ` v${item.exerciseVersion}`), ' — ', doseText(item.dose),
        itemBadge(item.exercise),
        item.notes ? h('p', {class: 'muted'}, item.notes) : null)));
}

const ACTIONS = {ACTIVE: ['pause', 'complete', 'cancel'], PAUSED: ['resume', 'complete', 'cancel']};
const CONFIRM = {cancel: 'Cancel this program? It ends now and cannot be resumed; its sessions stay in the history.'};

/** The program's history, newest first: who changed what, and when. */
function programHistory(entries) {
    if (!entries?.length) return null;
    return h('section', {class: 'program-history', 'aria-labelledby': 'program-history-title'},
        h('h3', {id: 'program-history-title'}, 'Program history'),
        h('ol', {reversed: true}, [...entries].reverse().map((e) => h('li', {dataset: {kind: e.kind}},
            h('p', {}, h('strong', {}, humanize(e.kind)), ` ${when(e.at)} by ${e.by}`,
                e.safetyConfirmationReset ? ' · the patient confirms the safety check again' : ''),
            e.changes.length ? h('ul', {}, e.changes.map((line) => h('li', {}, line))) : null))));
}

function programSection(id, program, history, refresh, discharged = false) {
    const feedback = h('div', {'aria-live': 'polite'});
    if (!program) {
        return h('section', {'aria-labelledby': 'program-title'}, h('h2', {id: 'program-title'}, 'Program'),
            h('p', {}, discharged ? 'No open program: reactivate the patient to assign one.' : 'No open program.'),
            discharged ? null : h('a', {class: 'button primary', href: `#/patients/${id}/assign`}, 'Assign a program'));
    }
    const buttons = (ACTIONS[program.status] || []).map((action) => h('button', {type: 'button', onclick: async (event) => {
        if (CONFIRM[action] && !window.confirm(CONFIRM[action])) return;
        event.target.disabled = true;
        try {
            await api.post(`/api/v1/patients/${id}/programs/${program.id}/${action}`);
            await refresh();
        } catch (e) {
            event.target.disabled = false;
            feedback.replaceChildren(errorMessage(e));
        }
    }}, `${humanize(action)} program`));
    return h('section', {'aria-labelledby': 'program-title'},
        h('h2', {id: 'program-title'}, 'Current program ', h('span', {class: `badge ${program.status === 'ACTIVE' ? 'ok' : 'warning'}`}, humanize(program.status))),
        h('p', {}, `${program.sessionsPerWeek} sessions a week from ${day(program.startDate)}`, program.endDate ? ` to ${day(program.endDate)}` : '',
            program.template ? ` · from template ${program.template}` : '', ` · safety check ${program.safetyConfirmed ? 'confirmed' : 'not yet confirmed'}`),
        program.degraded ? status('Exercise details are from the cache: the library cannot be reached right now.', 'warning') : null,
        programItems(program), program.notes ? h('p', {}, program.notes) : null,
        h('div', {class: 'actions'}, h('a', {class: 'button primary', href: `#/patients/${id}/adjust`}, 'Adjust program'), buttons,
            h('a', {class: 'button', href: `#/patients/${id}/repin`}, 'Exercise updates'),
            h('a', {class: 'button', href: `#/patients/${id}/handout`}, 'Print handout')), feedback,
        programHistory(history));
}

/** The patient's open alerts (the newest 200), each with Acknowledge. */
function alertSection(alerts, refresh) {
    if (!alerts?.length) return null;
    return h('section', {class: 'patient-alerts', 'aria-labelledby': 'patient-alerts-title'},
        h('h2', {id: 'patient-alerts-title'}, `Open alerts (${alerts.length})`),
        h('ul', {}, alerts.map((a) => {
            const feedback = h('div', {'aria-live': 'polite'});
            return h('li', {class: 'alert-item', dataset: {alert: a.id}},
                h('strong', {}, ruleName(a.rule)), ` — ${a.detail}`,
                h('span', {class: 'muted'}, a.occurrenceCount > 1 ? ` (${a.occurrenceCount} times, last on ${when(a.lastRaisedAt)})` : ` (${when(a.raisedAt)})`),
                h('button', {type: 'button', onclick: async (event) => {
                    event.target.disabled = true;
                    try {
                        await api.post(`/api/v1/alerts/${a.id}/acknowledge`, {}, {headers: {'Idempotency-Key': crypto.randomUUID()}});
                        await refresh();
                    } catch (e) {
                        event.target.disabled = false;
                        feedback.replaceChildren(errorMessage(e));
                    }
                }}, 'Acknowledge'), feedback);
        })));
}

/** The assigned physio as people know them: the staff list's name, or the legacy free text marked as not linked. */
export function physioText(patient, staff) {
    if (patient.physioId) {
        const known = (staff || []).find((s) => s.subject === patient.physioId);
        return known ? known.displayName : patient.physioId;
    }
    if (patient.legacyPhysio) return `${patient.legacyPhysio} (not linked to a staff account)`;
    return 'None assigned';
}

/**
 * The assigned physio, and for a clinic-admin the form to reassign: PUT .../physio with If-Match (the ETag read
 * with the patient). A 412 (someone changed the patient meanwhile) saves nothing: the page is read again and says so.
 */
function physioSection(id, data, session, refresh, notice) {
    const {patient, staff, etag} = data;
    const parts = [h('p', {class: 'physio'}, h('strong', {}, 'Physio: '), h('span', {class: 'physio-name'}, physioText(patient, staff)))];
    if (session.role === 'clinic-admin') {
        const choices = [...(staff || [])].sort((a, b) => a.displayName.localeCompare(b.displayName));
        const picker = h('select', {name: 'physioId', id: 'reassign-physio', required: true},
            h('option', {value: ''}, 'Choose a physio'),
            choices.map((s) => h('option', {value: s.subject, selected: s.subject === patient.physioId},
                `${s.displayName}${s.role === 'clinic-admin' ? ' (clinic admin)' : ''}`)));
        const feedback = h('div', {'aria-live': 'polite'});
        parts.push(h('form', {class: 'reassign', onsubmit: async (event) => {
            event.preventDefault();
            const chosen = choices.find((s) => s.subject === picker.value);
            if (!chosen) {
                feedback.replaceChildren(status('Choose the physio to assign.', 'error'));
                return;
            }
            await sendIfUnchanged(
                () => api.put(`/api/v1/patients/${id}/physio`, {physioId: chosen.subject}, {headers: {'If-Match': etag}}),
                event.target.querySelector('button'), feedback, refresh, `Reassigned to ${chosen.displayName}.`,
                'The page now shows the current physio: choose again if it still needs changing.');
        }}, h('div', {class: 'field inline'}, h('label', {for: 'reassign-physio'}, 'Reassign to'), picker,
            h('button', {type: 'submit'}, 'Reassign')), feedback));
    }
    return h('section', {class: 'caseload', 'aria-label': 'Assigned physio'}, parts, notice);
}

/**
 * Sends a change made to the patient as the page read them (`request` sends If-Match with that ETag), the button
 * held while it is on its way: once saved the page is read again and says `done`; a 412 saves nothing, the page is
 * read again and says so, then `stale`; any other failure is shown in `feedback` and the button freed.
 */
async function sendIfUnchanged(request, button, feedback, refresh, done, stale) {
    button.disabled = true;
    try {
        await request();
        await refresh(status(done, 'ok'));
    } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
            await refresh(status('Someone changed this patient after you opened the page, so nothing was saved. '
                + stale, 'error'));
        } else {
            button.disabled = false;
            feedback.replaceChildren(errorMessage(e));
        }
    }
}

/**
 * Discharge (reason, optional last day of the patient's own access) or, once discharged, the discharge line and
 * Reactivate. Both send If-Match with the ETag read with the patient: a 412 saves nothing, the page is read again
 * and says so.
 */
function dischargeSection(id, data, refresh) {
    const {patient, etag} = data;
    const feedback = h('div', {'aria-live': 'polite'});
    function send(path, body, button, done) {
        return sendIfUnchanged(() => api.post(path, body, {headers: {'If-Match': etag}}), button, feedback, refresh,
            done, 'The page now shows the patient as they are: try again if it is still needed.');
    }
    const d = patient.discharge;
    if (patient.status === 'DISCHARGED' && d) {
        return h('section', {class: 'discharge', 'aria-labelledby': 'discharge-title'},
            h('h2', {id: 'discharge-title'}, 'Discharged'),
            h('p', {class: 'discharge-line'}, `Discharged on ${day(d.dischargedOn)} — access until ${day(d.accessEndsOn)}`),
            h('p', {class: 'muted'}, `Why: ${d.reason} · by ${d.dischargedBy}`),
            h('button', {type: 'button', class: 'primary', onclick: (event) => send(`/api/v1/patients/${id}/reactivation`,
                undefined, event.target, 'Reactivated: the patient can sign in again.')}, 'Reactivate'), feedback);
    }
    const reason = h('input', {type: 'text', name: 'reason', id: 'discharge-reason', required: true, maxlength: 500, autocomplete: 'off'});
    const until = h('input', {type: 'date', name: 'accessEndsOn', id: 'discharge-until'});
    return h('section', {class: 'discharge', 'aria-labelledby': 'discharge-title'},
        h('h2', {id: 'discharge-title'}, 'Discharge'),
        h('form', {class: 'discharge-form', onsubmit: (event) => {
            event.preventDefault();
            if (!reason.value.trim()) {
                feedback.replaceChildren(status('Say why the patient is discharged.', 'error'));
                reason.focus();
                return;
            }
            const body = {reason: reason.value.trim()};
            if (until.value) body.accessEndsOn = until.value;
            send(`/api/v1/patients/${id}/discharge`, body, event.target.querySelector('button[type=submit]'),
                'Discharged: the open program is completed.');
        }}, field('Reason for discharge', reason),
            field('Last day of access (optional)', until, 'The patient can still sign in until this day; empty means 30 days after today.'),
            h('button', {type: 'submit'}, 'Discharge')), feedback);
}

/**
 * The printable record as a page of this origin: a page made here keeps the app's Content-Security-Policy, which
 * allows no inline styles, so the record's own are swapped for the same rules in app/record.css. The record is
 * parsed inertly (DOMParser runs nothing) and anything but its text and tables is left out.
 */
function printablePage(html) {
    // (its <style> goes before parsing: even an inert document reports an inline style as a policy violation; every
    // value in the record is escaped, so no "<style" in it comes from data)
    const doc = new DOMParser().parseFromString(html.replace(/<style\b[\s\S]*?<\/style>/gi, ''), 'text/html');
    doc.querySelectorAll('style, script, link, base, iframe, object, embed, meta[http-equiv]').forEach((el) => el.remove());
    doc.querySelectorAll('[style]').forEach((el) => el.removeAttribute('style'));
    doc.head.append(Object.assign(doc.createElement('link'), {rel: 'stylesheet', href: `${location.origin}/app/record.css`}));
    return new Blob([`<!DOCTYPE html>\n${doc.documentElement.outerHTML}`], {type: 'text/html;charset=utf-8'});
}

/**
 * The record as JSON (saved as a file) and as a printable page (a new tab). The export needs the signed-in token, so
 * each link fetches it and hands the browser the answer; a failure shows here.
 */
function exportSection(id, patient) {
    const feedback = h('div', {'aria-live': 'polite'});
    const base = `/api/v1/patients/${id}/export`;
    const json = h('a', {class: 'button', href: `${base}?format=json`, onclick: async (event) => {
        event.preventDefault();
        try {
            const url = URL.createObjectURL(await api.blob(`${base}?format=json`));
            const save = h('a', {href: url, download: `record-${patient.externalRef || id}.json`});
            document.body.append(save);
            save.click();
            save.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60000);
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }}, 'Export record (JSON)');
    const printable = h('a', {class: 'button', href: `${base}?format=html`, target: '_blank', onclick: async (event) => {
        event.preventDefault();
        const tab = window.open('', '_blank'); // opened now, while the click counts, and filled once the page is here
        try {
            const url = URL.createObjectURL(printablePage(await (await api.blob(`${base}?format=html`)).text()));
            if (tab) tab.location.href = url;
            else window.location.assign(url);
            setTimeout(() => URL.revokeObjectURL(url), 60000);
        } catch (e) {
            tab?.close();
            feedback.replaceChildren(errorMessage(e));
        }
    }}, 'Printable record');
    return h('section', {class: 'export', 'aria-labelledby': 'export-title'}, h('h2', {id: 'export-title'}, 'Record'),
        h('div', {class: 'actions'}, json, printable), feedback);
}

export async function patientView({params, main, session}) {
    const [id] = params;
    async function draw(notice = null) {
        const [data, outcome] = await Promise.all([loadPatient(id, {history: true, clinicId: session.clinicId}),
            loadOutcomes(id)]);
        const {patient, program, target} = data;
        const discharged = patient.status === 'DISCHARGED'; // no new program until reactivated (the API answers 409)
        return h('div', {class: 'patient'},
            h('p', {class: 'crumbs'}, h('a', {href: '#/dashboard'}, 'Dashboard'), ' › ', patient.displayName),
            h('h1', {}, patient.displayName),
            h('p', {class: 'muted'}, [patient.externalRef, patient.timezone].filter(Boolean).join(' · ')),
            physioSection(id, data, session, refresh, notice),
            h('div', {class: 'actions'}, program || discharged ? null : h('a', {class: 'button primary', href: `#/patients/${id}/assign`}, 'Assign a program'),
                h('a', {class: 'button', href: `#/patients/${id}/energy`}, target ? `Energy target: ${target.targetKcal} kcal/day` : 'Set up energy target'),
                h('a', {class: 'button', href: `#/patients/${id}/edit`}, 'Edit details')),
            alertSection(data.alerts, refresh),
            programSection(id, program, data.history, refresh, discharged),
            outcomeSection(id, outcome, refresh),
            progressSection(data),
            weightSection(id, data.weights, refresh, data.patient.timezone),
            sessionHistory(data.sessions, voidSession),
            dischargeSection(id, data, refresh),
            exportSection(id, patient));
    }
    async function voidSession(s, reason) {
        await api.post(`/api/v1/patients/${id}/sessions/${s.id}/void`, {reason});
        await refresh(status('Session voided: it counts in no figure now.', 'ok'));
    }
    async function refresh(notice) {
        try {
            mount(main, await draw(notice instanceof Node ? notice : null));
        } catch (e) {
            if (e instanceof ApiError && e.status === 404) mount(main, h('h1', {}, 'Patient not found'));
            else mount(main, errorMessage(e));
        }
    }
    try {
        return await draw();
    } catch (e) {
        if (e instanceof ApiError && e.status === 404) return h('div', {}, h('h1', {}, 'Patient not found'), h('p', {}, h('a', {href: '#/dashboard'}, 'Back to the dashboard')));
        throw e;
    }
}
