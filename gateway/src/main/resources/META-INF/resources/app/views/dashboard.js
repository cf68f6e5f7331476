// The clinic dashboard: every patient with adherence, pain trend, last session and open alerts, plus the alert
// list. One request (the gateway composes summary and alerts); sort, filter, search and paging re-ask it.
import {api, idempotencyKeys, query} from '../api.js';
import {ago, errorMessage, field, h, humanize, mount, number, percent, ruleName, status, when} from '../dom.js';
import {sparkline} from '../charts.js';

const PAGE_SIZE = 25;
// "My patients" or "All patients", remembered on this device for each user who signs in on it
const CASELOAD_KEY = 'rehabit.caseload';
const COLUMNS = [
    ['name', 'Patient'], [null, 'Program'], ['adherence', 'Adherence'], ['painTrend', 'Pain trend'],
    ['lastSession', 'Last session'], ['openAlerts', 'Open alerts'],
];

/** 'mine' or 'all', as this user last chose on this device (all until they choose). */
export function caseloadChoice(subject) {
    try {
        return JSON.parse(localStorage.getItem(CASELOAD_KEY) || '{}')[subject] === 'mine' ? 'mine' : 'all';
    } catch {
        return 'all';
    }
}

function rememberCaseload(subject, choice) {
    try {
        const saved = JSON.parse(localStorage.getItem(CASELOAD_KEY) || '{}');
        saved[subject] = choice;
        localStorage.setItem(CASELOAD_KEY, JSON.stringify(saved));
    } catch {
        // storage unavailable (private mode, full): the choice holds for this page only
    }
}

/** The "My patients / All patients" switch: two radio buttons in a fieldset, calling onChange with 'mine' or 'all'. */
function caseloadSwitch(choice, onChange) {
    const option = (value, text) => {
        const id = `caseload-${value}`;
        const input = h('input', {type: 'radio', name: 'caseload', id, value, checked: choice === value,
            onchange: () => onChange(value)});
        return h('span', {class: 'choice'}, input, h('label', {for: id}, text));
    };
    return h('fieldset', {class: 'caseload-switch'}, h('legend', {}, 'Show'),
        option('mine', 'My patients'), option('all', 'All patients'));
}

export async function dashboardView({session}) {
    const state = {sort: 'name', atRisk: false, q: '', page: 0, caseload: caseloadChoice(session.subject)};
    const table = h('div', {class: 'table-wrap'});
    const alerts = h('section', {class: 'alerts', 'aria-labelledby': 'alerts-title'});
    const summary = h('p', {class: 'summary', role: 'status'});

    const search = h('input', {type: 'search', name: 'q', id: 'patient-search', autocomplete: 'off', maxlength: 120});
    const atRisk = h('input', {type: 'checkbox', name: 'atRisk', id: 'at-risk'});
    const controls = h('form', {class: 'controls', role: 'search', onsubmit: (e) => {
        e.preventDefault();
        state.q = search.value.trim();
        state.page = 0;
        load();
    }},
    h('div', {class: 'field inline'}, h('label', {for: 'patient-search'}, 'Search patients'), search,
        h('button', {type: 'submit'}, 'Search')),
    h('div', {class: 'field inline'}, atRisk, h('label', {for: 'at-risk'}, 'At risk only')),
    caseloadSwitch(state.caseload, (choice) => {
        state.caseload = choice;
        state.page = 0;
        rememberCaseload(session.subject, choice);
        load();
    }));
    atRisk.addEventListener('change', () => {
        state.atRisk = atRisk.checked;
        state.page = 0;
        load();
    });

    async function load() {
        summary.textContent = 'Loading…';
        try {
            const view = await api.get(`/api/v1/clinics/${session.clinicId}/dashboard${query({sort: state.sort,
                atRisk: state.atRisk, q: state.q, assignedTo: state.caseload === 'mine' ? 'me' : null, page: state.page,
                size: PAGE_SIZE})}`);
            drawPatients(view.patients);
            drawAlerts(view.openAlerts);
            if (view.degraded) summary.append(' ', status('Some exercise information is out of date: the library cannot be reached.', 'warning'));
        } catch (e) {
            mount(table, errorMessage(e));
            summary.textContent = '';
        }
    }

    function sortButton(key, label) {
        if (!key) return label;
        const active = state.sort.replace('-', '') === key;
        const descending = state.sort.startsWith('-');
        return h('button', {type: 'button', class: 'sort', onclick: () => {
            state.sort = active && !descending ? `-${key}` : key;
            state.page = 0;
            load();
        }}, label, active ? (descending ? ' ▼' : ' ▲') : '');
    }

    function drawPatients(page) {
        const pages = Math.max(1, Math.ceil(page.total / page.size));
        summary.textContent = `${page.total} ${page.total === 1 ? 'patient' : 'patients'}`
            + (state.caseload === 'mine' ? ' assigned to you' : '') + (state.atRisk ? ' at risk' : '') + (state.q ? ` matching “${state.q}”` : '')
            + (pages > 1 ? `, page ${page.page + 1} of ${pages}` : '');
        const head = h('tr', {}, COLUMNS.map(([key, label]) => {
            const active = key && state.sort.replace('-', '') === key;
            return h('th', {scope: 'col', 'aria-sort': active ? (state.sort.startsWith('-') ? 'descending' : 'ascending') : null},
                sortButton(key, label));
        }));
        const rows = page.items.map((p) => h('tr', {class: p.atRisk ? 'at-risk' : null, dataset: {patient: p.patientId}},
            h('th', {scope: 'row'}, h('a', {href: `#/patients/${p.patientId}`}, p.displayName),
                p.externalRef ? h('span', {class: 'muted'}, ` ${p.externalRef}`) : null,
                p.atRisk ? h('span', {class: 'badge danger'}, 'At risk') : null),
            h('td', {}, p.programStatus ? humanize(p.programStatus) : 'None',
                (p.exerciseUpdates || []).length ? h('a', {class: 'badge warning', href: `#/patients/${p.patientId}/repin`, title: 'Exercises in this program were republished or retired: review and re-pin'}, 'Content changed') : null),
            h('td', {class: 'num'}, percent(p.adherence)),
            h('td', {class: 'trend'}, sparkline(p.weeklyPainAfter || []),
                h('span', {class: p.painTrend > 0 ? 'worse' : 'better'}, p.painTrend === null ? '—' : `${p.painTrend > 0 ? '+' : ''}${number(p.painTrend, 1)}/wk`)),
            h('td', {}, h('time', {datetime: p.lastSessionAt || '', title: when(p.lastSessionAt)}, ago(p.lastSessionAt))),
            h('td', {class: 'num'}, p.openAlerts ? h('span', {class: 'badge danger'}, String(p.openAlerts)) : '0')));
        mount(table, h('table', {class: 'patients'}, h('caption', {class: 'visually-hidden'},
            state.caseload === 'mine' ? 'Your patients' : 'Patients of the clinic'),
            h('thead', {}, head), h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', {colspan: COLUMNS.length},
                state.caseload === 'mine' && !state.q && !state.atRisk ? 'No patients are assigned to you.' : 'No patients match.')))),
        pages > 1 ? h('nav', {class: 'pager', 'aria-label': 'Pages'},
            h('button', {type: 'button', disabled: page.page === 0, onclick: () => { state.page -= 1; load(); }}, 'Previous page'),
            h('span', {}, `Page ${page.page + 1} of ${pages}`),
            h('button', {type: 'button', disabled: page.page + 1 >= pages, onclick: () => { state.page += 1; load(); }}, 'Next page')) : null);
    }

    function drawAlerts(open) {
        if (!open) {
            // the patients could be read, the open alerts not (the answer says partial)
            mount(alerts, h('h2', {id: 'alerts-title'}, 'Open alerts'),
                status('The open alerts cannot be read right now. Please try again in a moment.', 'warning'));
            return;
        }
        const items = open.items.map((a) => {
            const feedback = h('span', {'aria-live': 'polite'});
            const name = a.patientName || 'Patient';
            // one alert per patient and rule: how often it fired while open, and the latest time
            const times = a.occurrenceCount > 1
                ? `${a.occurrenceCount} times, last on ${when(a.lastRaisedAt)}`
                : `Raised ${when(a.lastRaisedAt || a.raisedAt)}`;
            const key = idempotencyKeys();
            const note = h('input', {type: 'text', class: 'alert-note', maxlength: 500, placeholder: 'Note (optional)',
                'aria-label': `Note on the ${ruleName(a.rule)} alert for ${name} (optional)`});
            return h('li', {class: 'alert-item', dataset: {alert: a.id}},
                h('div', {}, h('strong', {}, ruleName(a.rule)), ' — ', h('a', {href: `#/patients/${a.patientId}`}, name),
                    h('p', {}, a.detail), h('p', {class: 'muted alert-times'}, times)),
                note,
                h('button', {type: 'button', onclick: async (event) => {
                    event.target.disabled = true;
                    try {
                        const text = note.value.trim();
                        const body = text ? {note: text} : undefined;
                        await api.post(`/api/v1/alerts/${a.id}/acknowledge`, body, key(body));
                        await load();
                    } catch (e) {
                        event.target.disabled = false;
                        feedback.replaceChildren(errorMessage(e));
                    }
                }, 'aria-label': `Acknowledge ${ruleName(a.rule)} alert for ${name}`}, 'Acknowledge'), feedback);
        });
        // the newest first; the rest behind a toggle so the list does not push everything else away
        const first = items.slice(0, 6);
        const rest = items.slice(6);
        mount(alerts, h('h2', {id: 'alerts-title'}, `Open alerts in the clinic (${open.total})`),
            items.length ? h('ul', {class: 'alert-list'}, first) : h('p', {}, 'No open alerts.'),
            rest.length ? h('details', {}, h('summary', {}, `${rest.length} more`), h('ul', {class: 'alert-list'}, rest)) : null,
            open.total > items.length ? h('p', {class: 'muted'}, `Showing the newest ${items.length} of ${open.total}.`) : null);
    }

    await load();
    return h('div', {class: 'dashboard'}, h('h1', {}, 'Clinic dashboard'), controls, summary,
        h('div', {class: 'columns'}, h('section', {'aria-label': 'Patients'}, table, registerForm()), alerts));
}

/** Registering a new patient of the clinic; then on to their page to assign a program. */
function registerForm() {
    const name = h('input', {name: 'displayName', required: true, maxlength: 120, autocomplete: 'off'});
    const ref = h('input', {name: 'externalRef', maxlength: 64, autocomplete: 'off'});
    const born = h('input', {type: 'date', name: 'dateOfBirth'});
    const zone = h('input', {name: 'timezone', required: true, maxlength: 64,
        value: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'});
    const feedback = h('div', {'aria-live': 'polite'});
    const key = idempotencyKeys();
    return h('details', {class: 'card register'}, h('summary', {}, 'Register a patient'),
        h('form', {onsubmit: async (event) => {
            event.preventDefault();
            try {
                const body = {displayName: name.value.trim(), externalRef: ref.value.trim() || undefined,
                    dateOfBirth: born.value || undefined, timezone: zone.value.trim()};
                const patient = await api.post('/api/v1/patients', body, key(body));
                location.hash = `#/patients/${patient.id}`;
            } catch (e) {
                feedback.replaceChildren(errorMessage(e));
            }
        }},
        h('div', {class: 'row'}, field('Name or pseudonym', name), field('Clinic reference', ref, 'Optional: your record number.')),
        h('div', {class: 'row'}, field('Date of birth', born, 'Optional.'), field('Time zone', zone, 'Where the patient lives, e.g. Europe/London.')),
        h('button', {type: 'submit', class: 'primary'}, 'Register patient'), feedback));
}
