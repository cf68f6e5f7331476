// A patient's current program as a printable handout: each exercise with its picture, dose, steps, what to check
// before starting and when to stop. Opened by the physio from the patient's page and printed with the browser.
import {api, ApiError} from '../api.js';
import {day, doseText, h, humanize} from '../dom.js';
import {exerciseFigure} from '../figure.js';

function list(title, items, cls) {
    return items && items.length ? h('section', {class: cls}, h('h3', {}, title), h('ul', {}, items.map((i) => h('li', {}, i)))) : null;
}

function exerciseSheet(item, index) {
    const e = item.exercise;
    const name = item.exerciseName || e?.name || item.exerciseSlug;
    const picture = e ? exerciseFigure(e, {size: 190}) : null;
    return h('article', {class: 'handout-exercise', 'aria-labelledby': `handout-ex-${index}`},
        h('h2', {id: `handout-ex-${index}`}, `${index + 1}. ${name}`),
        h('div', {class: 'handout-body'},
            picture ? h('div', {class: 'handout-figure'}, picture) : null,
            h('div', {},
                h('p', {class: 'handout-dose'}, h('strong', {}, 'Dose: '), doseText(item.dose)),
                item.notes ? h('p', {}, h('strong', {}, 'From your physio: '), item.notes) : null,
                e ? h('ol', {class: 'steps'}, e.steps.map((s) => h('li', {}, h('span', {class: 'step-role'}, humanize(s.role)), ' ', s.instruction)))
                    : h('p', {}, 'The details of this exercise cannot be shown right now.'))),
        e ? h('div', {class: 'handout-safety'}, list('Before you start', e.cautions), list('Stop if', e.stopRules)) : null);
}

export async function handoutView({params}) {
    const [id] = params;
    const base = `/api/v1/patients/${id}`;
    let patient;
    try {
        patient = await api.get(base);
    } catch (e) {
        if (e instanceof ApiError && e.status === 404) return h('div', {}, h('h1', {}, 'Patient not found'), h('p', {}, h('a', {href: '#/dashboard'}, 'Back to the dashboard')));
        throw e;
    }
    const program = await api.find(`${base}/programs/current`);
    const back = h('p', {class: 'crumbs no-print'}, h('a', {href: `#/patients/${id}`}, `Back to ${patient.displayName}`));
    if (!program) return h('div', {class: 'handout'}, back, h('h1', {}, `Exercise program for ${patient.displayName}`), h('p', {}, 'No open program.'));
    return h('div', {class: 'handout'}, back,
        h('div', {class: 'actions no-print'}, h('button', {type: 'button', class: 'primary', onclick: () => window.print()}, 'Print')),
        h('h1', {}, `Exercise program for ${patient.displayName}`),
        h('p', {}, `${program.sessionsPerWeek} sessions a week from ${day(program.startDate)}`, program.endDate ? ` to ${day(program.endDate)}` : ''),
        program.notes ? h('p', {}, program.notes) : null,
        program.degraded ? h('p', {class: 'no-print'}, 'Some exercise details are missing: the library cannot be reached right now.') : null,
        program.items.map(exerciseSheet));
}
