// Outcome measures (docs/outcome-measures.md): on a patient's page the physio assigns, cancels and reads each
// measure's score trend; the patient sees what is due and answers a questionnaire with the clinic's text.
import {api, ApiError, idempotencyKeys} from '../api.js';
import {errorMessage, field, h, mount, status, uid, when} from '../dom.js';
import {outcomeChart} from '../charts.js';

/** A score or change as people write it: 20, 20.5, 15.91 (no trailing zeros). */
export function points(value) {
    return value === null || value === undefined ? '—' : String(Math.round(Number(value) * 100) / 100);
}

function scheduleText(m) {
    if (m.schedule === 'INTAKE') return 'At intake';
    if (m.schedule === 'EVERY_N_WEEKS') return m.everyWeeks === 1 ? 'Every week' : `Every ${m.everyWeeks} weeks`;
    if (m.schedule === 'DISCHARGE') return 'At discharge';
    return m.schedule;
}

/** When it is next due, in words. */
function dueText(m) {
    if (m.status !== 'ACTIVE') return `Cancelled ${when(m.cancelledAt)}`;
    if (m.due) return 'Due now';
    if (m.nextDueAt) return `Next due ${when(m.nextDueAt)}`;
    if (m.schedule === 'DISCHARGE') return 'Due at discharge';
    return m.responses ? 'Answered; nothing more due' : 'Not due by date';
}

function directionText(direction) {
    return direction === 'LOWER_IS_WORSE' ? 'lower is worse' : 'higher is worse';
}

/**
 * A change in words: "worse by 6 — more than the 5-point clinically important change". Which way is worse comes
 * from the scale's direction; whether it is clinically important from the API's verdict (the pinned MCID).
 */
export function changeText(change, verdict, scale) {
    if (change === null || change === undefined) return null;
    if (Number(change) === 0) return 'no change';
    const worse = scale.direction === 'LOWER_IS_WORSE' ? change < 0 : change > 0;
    const by = `${worse ? 'worse' : 'better'} by ${points(Math.abs(change))}`;
    if (scale.mcid === null || scale.mcid === undefined || !verdict) return by;
    const mcid = `the ${points(scale.mcid)}-point clinically important change`;
    if (verdict === 'NO_IMPORTANT_CHANGE') return `${by} — less than ${mcid}`;
    return `${by} — ${Math.abs(change) > scale.mcid ? 'more than' : 'as much as'} ${mcid}`;
}

function changeCell(label, change, verdict, scale) {
    const text = changeText(change, verdict, scale);
    if (text === null) return h('td', {dataset: {label}}, '—');
    const important = verdict === 'WORSENED' || verdict === 'IMPROVED';
    const kind = verdict === 'WORSENED' ? 'worse' : verdict === 'IMPROVED' ? 'better' : null;
    return h('td', {dataset: {label}, class: kind},
        important ? h('strong', {}, text) : text);
}

/** One measure's responses as a table anyone can read, and a small chart of the scores. */
function trendTable(trend) {
    const mcid = trend.mcid !== null ? `; clinically important change ${points(trend.mcid)} points` : '';
    const title = `${trend.abbreviation || trend.name} score, ${points(trend.min)}–${points(trend.max)}, `
        + `${directionText(trend.direction)}${mcid}`;
    if (!trend.responses.length) return h('p', {class: 'muted'}, 'Not answered yet.');
    const scored = trend.responses.filter((r) => r.score !== null);
    return h('div', {class: 'outcome-trend'},
        h('div', {class: 'table-wrap'}, h('table', {class: 'outcome-scores'},
            h('caption', {}, title),
            h('thead', {}, h('tr', {}, ['Answered', 'Score', 'From baseline', 'From previous']
                .map((t) => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, trend.responses.map((r) => h('tr', {dataset: {response: r.id}},
                h('th', {scope: 'row'}, when(r.answeredAt)),
                // (data-label: on a phone each row is a block, every cell named by its column)
                r.score === null
                    ? h('td', {class: 'unscored', dataset: {label: 'Score'}}, `No score: ${r.unscoredReason}`)
                    : h('td', {class: 'num', dataset: {label: 'Score'}}, points(r.score), r.baseline ? ' (baseline)' : '',
                        r.missing ? h('span', {class: 'muted'}, ` (${r.answered} of ${r.answered + r.missing} answered)`)
                            : null),
                r.baseline ? h('td', {dataset: {label: 'From baseline'}}, 'baseline')
                    : changeCell('From baseline', r.changeFromBaseline, r.fromBaseline, trend),
                changeCell('From previous', r.changeFromPrevious, r.fromPrevious, trend)))))),
        scored.length > 1 ? h('figure', {class: 'outcome-chart'},
            h('figcaption', {}, `${trend.abbreviation || trend.name} over time`), outcomeChart(trend)) : null);
}

/** The physio's outcome-measures section of a patient's page: the measures, their trends, assign and cancel. */
export function outcomeSection(patientId, outcome, refresh) {
    const {measures, trends, instruments} = outcome;
    const base = `/api/v1/patients/${patientId}/outcome-measures`;
    return h('section', {class: 'outcomes', 'aria-labelledby': 'outcomes-title'},
        h('h2', {id: 'outcomes-title'}, 'Outcome measures'),
        measures.length ? h('ul', {class: 'outcome-list'}, measures.map((m) => {
            const feedback = h('div', {'aria-live': 'polite'});
            return h('li', {class: 'card outcome', dataset: {measure: m.id}},
                h('h3', {}, m.name, h('span', {class: 'muted'}, ` v${m.version}`),
                    m.due ? h('span', {class: 'badge warning'}, 'Due') : null,
                    m.status !== 'ACTIVE' ? h('span', {class: 'badge'}, 'Cancelled') : null),
                h('p', {class: 'outcome-facts'}, `${scheduleText(m)} · ${dueText(m)} · `
                    + `${m.responses} ${m.responses === 1 ? 'response' : 'responses'}`),
                trends[m.id] ? trendTable(trends[m.id]) : h('p', {class: 'muted'}, 'Not answered yet.'),
                m.status === 'ACTIVE' ? h('div', {class: 'actions'}, cancelButton(`${base}/${m.id}`, m, feedback, refresh))
                    : null,
                feedback);
        })) : h('p', {}, 'No outcome measures assigned.'),
        assignForm(base, instruments, refresh));
}

/** Cancel, asked first: the measure stops taking answers; its responses stay. */
function cancelButton(path, m, feedback, refresh) {
    return h('button', {type: 'button', 'aria-label': `Cancel measure: ${m.name}`, onclick: async (event) => {
        if (!window.confirm(`Cancel ${m.name}? It stops taking answers; its scores stay.`)) return;
        event.target.disabled = true;
        try {
            await api.post(`${path}/cancel`);
            await refresh();
        } catch (e) {
            event.target.disabled = false;
            feedback.replaceChildren(errorMessage(e));
        }
    }}, 'Cancel measure');
}

/** Marks the fields a 400 names (aria-invalid and the message next to them); returns whether any was found. */
function markFields(form, e) {
    form.querySelectorAll('.field-error').forEach((el) => el.remove());
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (!(e instanceof ApiError)) return false;
    let first = null;
    for (const error of e.problem.errors || []) {
        const target = form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
        if (!target) continue;
        const control = target.matches('input, select, textarea') ? target : target.querySelector('input, select');
        control?.setAttribute('aria-invalid', 'true');
        const message = h('p', {class: 'field-error', id: uid('error')}, error.message);
        (target.matches('fieldset') ? target : target.parentElement).append(message);
        if (control) control.setAttribute('aria-describedby', message.id);
        first = first || control;
    }
    first?.focus();
    return Boolean(first);
}

function assignForm(base, instruments, refresh) {
    const feedback = h('div', {'aria-live': 'polite'});
    const instrument = h('select', {name: 'instrument', required: true, dataset: {field: 'instrument'}},
        h('option', {value: ''}, 'Choose a questionnaire'),
        instruments.map((i) => h('option', {value: i.slug},
            `${i.name}${i.text === 'NONE' ? ' (questions not added by the clinic yet)' : ''}`)));
    const schedules = [['INTAKE', 'At intake (due now, once)'], ['EVERY_N_WEEKS', 'Every few weeks'],
        ['DISCHARGE', 'At discharge']];
    const radios = schedules.map(([value]) => h('input', {type: 'radio', name: 'schedule', value, id: uid('schedule'),
        checked: value === 'INTAKE'}));
    const weeks = h('input', {type: 'number', name: 'everyWeeks', min: 1, max: 52, value: 4, inputmode: 'numeric',
        dataset: {field: 'everyWeeks'}, disabled: true});
    radios.forEach((r) => r.addEventListener('change', () => { weeks.disabled = !radios[1].checked; }));
    const key = idempotencyKeys();
    async function submit(event) {
        event.preventDefault();
        const form = event.target;
        const schedule = radios.find((r) => r.checked).value;
        if (!instrument.value) {
            feedback.replaceChildren(status('Choose the questionnaire to assign.', 'error'));
            instrument.focus();
            return;
        }
        const body = {instrument: instrument.value, schedule};
        if (schedule === 'EVERY_N_WEEKS') body.everyWeeks = weeks.value === '' ? null : Number(weeks.value);
        feedback.replaceChildren(status('Assigning…'));
        try {
            await api.post(base, body, key(body));
            await refresh();
        } catch (e) {
            markFields(form, e);
            feedback.replaceChildren(errorMessage(e));
        }
    }
    return h('details', {class: 'card assign-outcome'}, h('summary', {}, 'Assign an outcome measure'),
        h('form', {novalidate: true, onsubmit: submit},
            field('Questionnaire', instrument),
            h('fieldset', {class: 'radios schedule', dataset: {field: 'schedule'}}, h('legend', {}, 'When'),
                radios.map((r, i) => h('span', {class: 'choice'}, r, h('label', {for: r.id}, schedules[i][1])))),
            field('Every how many weeks', weeks, 'Due when assigned, then this many weeks after each answer (1–52).'),
            h('button', {type: 'submit', class: 'primary'}, 'Assign measure'), feedback));
}

/** What the physio page needs: the measures, each answered one's trend, and the instruments to assign. */
export async function loadOutcomes(patientId) {
    const base = `/api/v1/patients/${patientId}/outcome-measures`;
    const [measures, instruments] = await Promise.all([api.get(base), api.get('/api/v1/instruments')]);
    const answered = measures.filter((m) => m.responses > 0);
    const trends = await Promise.all(answered.map((m) => api.get(`${base}/${m.id}/scores`)));
    return {measures, instruments, trends: Object.fromEntries(answered.map((m, i) => [m.id, trends[i]]))};
}

/** The patient's due questionnaires as notices with a link each ("Neck Disability Index is due"). */
export function dueNotices(measures) {
    const due = measures.filter((m) => m.status === 'ACTIVE' && m.due);
    if (!due.length) return null;
    return h('div', {class: 'due-questionnaires'}, due.map((m) => h('p',
        {class: 'status warning', dataset: {measure: m.id}},
        `${m.name} is due. `, h('a', {href: `#/questionnaires/${m.id}`}, `Answer the ${m.name}`))));
}

/** The patient's own questionnaires on My progress: each active one with Answer, and their scores. */
export function myQuestionnaires(measures, trends) {
    const active = measures.filter((m) => m.status === 'ACTIVE');
    if (!active.length) return null;
    return h('section', {class: 'outcomes', 'aria-labelledby': 'questionnaires-title'},
        h('h2', {id: 'questionnaires-title'}, 'Questionnaires'),
        dueNotices(active),
        h('ul', {class: 'outcome-list'}, active.map((m) => {
            const last = trends[m.id]?.responses.at(-1);
            return h('li', {class: 'card outcome', dataset: {measure: m.id}},
                h('h3', {}, m.name),
                h('p', {}, m.due ? 'Due now.' : m.lastAnsweredAt ? `Last answered ${when(m.lastAnsweredAt)}.`
                    : 'Not answered yet.',
                last ? ` Your latest score: ${last.score === null ? `none (${last.unscoredReason})` : points(last.score)}.`
                    : ''),
                h('a', {class: 'button', href: `#/questionnaires/${m.id}`},
                    m.lastAnsweredAt ? `Answer the ${m.name} again` : `Answer the ${m.name}`));
        })));
}

function optionLabel(value, labels) {
    const label = labels.get(value);
    return label ? `${value} — ${label}` : String(value);
}

/** One item: its question as the legend and every answer as a labelled radio button. */
function itemFieldset(item, index, psfs) {
    const labels = new Map((item.labels || []).map((l) => [l.value, l.label]));
    const name = `answer-${item.id}`;
    const values = [];
    for (let v = item.min; v <= item.max; v += 1) values.push(v);
    // a scale with words only at its ends reads as a row of numbers, the words said once; worded answers each on a line
    const compact = labels.size <= 2 && values.length > 6;
    const options = values.map((v) => {
        const input = h('input', {type: 'radio', name, value: v, id: uid('answer')});
        return h('span', {class: 'choice'}, input,
            h('label', {for: input.id}, compact ? String(v) : optionLabel(v, labels)));
    });
    const activity = psfs ? h('input', {type: 'text', name: `activity-${item.id}`, maxlength: 200, autocomplete: 'off',
        dataset: {field: `activities.${item.id}`}}) : null;
    return h('fieldset', {class: 'question', dataset: {field: `answers.${item.id}`, item: item.id}},
        h('legend', {}, `${index + 1}. ${item.text}`),
        activity ? field(`Activity ${index + 1}`, activity,
            index === 0 ? 'Name the activity, then rate it.' : 'Optional.') : null,
        compact && labels.size ? h('p', {class: 'hint'}, [...labels].map(([v, l]) => `${v} = ${l}`).join('; ')) : null,
        h('div', {class: compact ? 'options compact' : 'options'}, options));
}

/** Patient: answer one questionnaire (#/questionnaires/{assignmentId}). */
export async function questionnaireView({session, params}) {
    const [assignmentId] = params;
    const base = `/api/v1/patients/${session.patientId}/outcome-measures`;
    const measures = await api.get(base);
    const m = measures.find((x) => x.id === assignmentId);
    const crumbs = h('p', {class: 'crumbs'}, h('a', {href: '#/progress'}, 'My progress'), ' › Questionnaire');
    if (!m) return h('div', {}, crumbs, h('h1', {}, 'Questionnaire not found'));
    if (m.status !== 'ACTIVE') {
        return h('div', {}, crumbs, h('h1', {}, m.name), h('p', {}, 'This questionnaire was cancelled by your clinic.'));
    }
    const instrument = await api.get(`/api/v1/instruments/${encodeURIComponent(m.instrument)}/versions/${m.version}`);
    const parts = [crumbs, h('h1', {}, m.name)];
    if (instrument.text === 'NONE' || instrument.items.some((i) => !i.text)) {
        parts.push(h('p', {class: 'status info', role: 'status'},
            `Your clinic has not added the questions of the ${m.name} yet. Please ask your physiotherapist.`));
        return h('div', {class: 'questionnaire'}, parts);
    }
    const psfs = m.instrument === 'psfs';
    const feedback = h('div', {'aria-live': 'polite'});
    const key = idempotencyKeys();
    const fieldsets = instrument.items.map((item, i) => itemFieldset(item, i, psfs));
    const form = h('form', {class: 'card questionnaire-form', novalidate: true, onsubmit: submit},
        instrument.instructions ? h('p', {class: 'instructions'}, instrument.instructions) : null,
        psfs ? h('p', {class: 'hint'}, 'Name up to five activities; rate each one you name from 0 to 10.') : null,
        fieldsets,
        h('button', {type: 'submit', class: 'primary'}, 'Send answers'), feedback);
    const container = h('div', {class: 'questionnaire'}, parts, form);

    async function submit(event) {
        event.preventDefault();
        const answers = {};
        const activities = {};
        for (const item of instrument.items) {
            const checked = form.querySelector(`input[name="answer-${CSS.escape(item.id)}"]:checked`);
            if (checked) answers[item.id] = Number(checked.value);
            if (psfs) {
                const name = form.querySelector(`input[name="activity-${CSS.escape(item.id)}"]`).value.trim();
                if (name) activities[item.id] = name;
            }
        }
        if (!Object.keys(answers).length) {
            feedback.replaceChildren(status('Choose an answer for at least one question.', 'error'));
            return;
        }
        const body = psfs ? {answers, activities} : {answers};
        const button = event.submitter;
        if (button) button.disabled = true;
        feedback.replaceChildren(status('Sending…'));
        try {
            const result = await api.post(`${base}/${m.id}/responses`, body, key(body));
            mount(container, parts, resultView(m, result));
            container.querySelector('.questionnaire-result')?.focus();
        } catch (e) {
            if (button) button.disabled = false;
            markFields(form, e);
            feedback.replaceChildren(errorMessage(e));
        }
    }
    return container;
}

function resultView(m, result) {
    const scale = `on a scale from ${points(m.min)} to ${points(m.max)}, where ${directionText(m.direction)}`;
    return h('section', {class: 'card questionnaire-result', tabindex: -1, 'aria-labelledby': 'result-title'},
        h('h2', {id: 'result-title'}, 'Thank you: your answers were sent'),
        result.score === null
            ? h('p', {}, `There is no score this time: ${result.unscoredReason}.`)
            : h('p', {}, `Your ${m.name} score is ${points(result.score)} (${scale}).`),
        h('p', {}, h('a', {href: '#/progress'}, 'Back to My progress')));
}
