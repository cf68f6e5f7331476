// The clinic's own pages: its alert and at-risk thresholds (a clinic-admin edits them, a physio reads them), and
// the audit trail (clinic-admin): who read or changed which patient's data, filtered and paged as the API offers.
import {api, query} from '../api.js';
import {errorMessage, field, h, humanize, mount, ruleName, select, status, when} from '../dom.js';

const THRESHOLDS = [
    ['painAfterThreshold', 'Pain after a session at or above (0–10)', 1, 10, 1, 'Raises a "pain high" alert.'],
    ['painRiseThreshold', 'Pain rise within a session of at least (points)', 1, 10, 1, 'Raises a "pain rise" alert.'],
    ['painDuringThreshold', 'Pain during an exercise at or above (0–10)', 1, 10, 1, null],
    ['inactivityDays', 'Days without a session before an inactivity alert', 1, 90, 1, null],
    ['atRiskAdherencePercent', 'At risk when adherence is below (%)', 1, 100, 1, 'Over the complete weeks.'],
    ['atRiskPainTrend', 'At risk when pain rises by at least (points a week)', 0.1, 5, 0.01, null],
];

export async function settingsView({session}) {
    const path = `/api/v1/clinics/${session.clinicId}/alert-settings`;
    const settings = await api.get(path);
    const admin = session.role === 'clinic-admin';
    const feedback = h('div', {'aria-live': 'polite'});
    const inputs = THRESHOLDS.map(([key, label, min, max, step, hint]) => {
        const input = h('input', {type: 'number', name: key, min, max, step, inputmode: step < 1 ? 'decimal' : 'numeric',
            value: settings[key] ?? '', required: admin, readonly: !admin});
        return {key, input, field: field(label, input, hint)};
    });
    async function submit(event) {
        event.preventDefault();
        const body = Object.fromEntries(inputs.filter((i) => i.input.value !== '').map((i) => [i.key, Number(i.input.value)]));
        feedback.replaceChildren(status('Saving…'));
        try {
            const saved = await api.put(path, body);
            inputs.forEach((i) => { i.input.value = saved[i.key] ?? ''; });
            feedback.replaceChildren(status('Saved. New alerts and the dashboard use these thresholds from now on.'));
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }
    return h('div', {class: 'clinic-settings'},
        h('h1', {}, 'Clinic settings'),
        admin ? h('p', {}, 'Alert and at-risk thresholds for every patient of the clinic.')
            : h('p', {}, 'Alert and at-risk thresholds for every patient of the clinic. Only a clinic admin can change them.'),
        h('form', {class: 'card settings', novalidate: true, onsubmit: submit}, h('h2', {}, 'Alerts and at risk'),
            h('div', {class: 'settings-grid'}, inputs.map((i) => i.field)),
            h('p', {class: 'hint'}, `A patient's outcome-measure score worse than their baseline by the questionnaire's `
                + `clinically important change raises an "${ruleName('OUTCOME_WORSE')}" alert: that change belongs to `
                + 'the questionnaire, not to these settings.'),
            admin ? h('button', {type: 'submit', class: 'primary'}, 'Save thresholds') : null, feedback),
        admin ? h('p', {}, h('a', {href: '#/clinic/audit'}, 'Audit trail')) : null);
}

const OUTCOMES = ['COMMITTED', 'ROLLED_BACK', 'OK', 'UNAUTHENTICATED', 'DENIED', 'NOT_FOUND', 'REFUSED', 'FAILED'];
const PAGE_SIZE = 25;

export async function auditView({session, main}) {
    const path = `/api/v1/clinics/${session.clinicId}/audit`;
    const filters = {patientId: '', from: '', to: '', outcome: ''};
    let pages = [null]; // the before tokens of the pages seen, newest first: pages[i] opens page i + 1
    let index = 0;
    const results = h('div', {'aria-live': 'polite'});

    const patient = h('input', {type: 'text', name: 'patientId', maxlength: 36, autocomplete: 'off', spellcheck: 'false'});
    const from = h('input', {type: 'date', name: 'from'});
    const to = h('input', {type: 'date', name: 'to'});
    const outcome = select('outcome', [['', 'Any outcome'], ...OUTCOMES.map((o) => [o, humanize(o)])], '');
    const form = h('form', {class: 'card filters audit-filters', role: 'search', onsubmit: (event) => {
        event.preventDefault();
        Object.assign(filters, {patientId: patient.value.trim(), from: from.value, to: to.value, outcome: outcome.value});
        pages = [null];
        index = 0;
        load();
    }}, h('div', {class: 'settings-grid'}, field('Patient id', patient), field('From day', from),
        field('To day (included)', to), field('Outcome', outcome)), h('button', {type: 'submit'}, 'Show'));

    async function load() {
        mount(results, status('Loading…'));
        try {
            const page = await api.get(`${path}${query({...filters, before: pages[index], size: PAGE_SIZE})}`);
            if (page.next && pages.length === index + 1) pages.push(page.next);
            mount(results, page.items.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'audit'},
                h('caption', {}, `Page ${index + 1}, newest first`, filters.outcome ? ` · ${humanize(filters.outcome).toLowerCase()} only` : ''),
                h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Patient', 'Answer', 'Outcome'].map((t) => h('th', {scope: 'col'}, t)))),
                h('tbody', {}, page.items.map((e) => h('tr', {dataset: {outcome: e.outcome}},
                    h('th', {scope: 'row'}, when(e.at)),
                    h('td', {}, e.subject || 'anonymous', e.roles.length ? h('span', {class: 'muted'}, ` (${e.roles.join(', ')})`) : null),
                    h('td', {}, `${e.method} ${e.action}`, e.decidedBy === 'gateway' ? h('span', {class: 'muted'}, ' · gateway') : null),
                    h('td', {}, e.patientId ? h('a', {href: `#/patients/${e.patientId}`}, e.patientId.slice(0, 8)) : '—'),
                    h('td', {class: 'num'}, e.status ?? '—'),
                    h('td', {}, humanize(e.outcome)))))))
                : h('p', {}, 'No rows match.'),
            h('div', {class: 'pager actions'},
                h('button', {type: 'button', disabled: index === 0, onclick: () => { index -= 1; load(); }}, 'Newer'),
                h('button', {type: 'button', disabled: !page.next, onclick: () => { index += 1; load(); }}, 'Older')));
        } catch (e) {
            mount(results, errorMessage(e));
        }
    }
    mount(main, h('div', {class: 'audit-trail'}, h('h1', {}, 'Audit trail'),
        h('p', {}, 'Who read or changed which patient\'s data, and every refused or denied attempt. Identifiers and codes only.'),
        form, results));
    await load();
}
