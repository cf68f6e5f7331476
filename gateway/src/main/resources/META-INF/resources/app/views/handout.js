// A current program as a printable handout, for patients who prefer paper: each exercise with its picture, dose
// (sets, reps, hold, how often), steps, what to check before starting and when to stop. The physio opens it from
// the patient's page, the patient from "My progress"; the browser prints it (app.css, @media print).
import {api, ApiError} from '../api.js';
import {day, h, humanize} from '../dom.js';
import {exerciseFigure} from '../figure.js';

const SIDES = {EACH_SIDE: 'Each side', LEFT: 'Left side', RIGHT: 'Right side', ALTERNATING: 'Alternating sides'};

function list(title, items, cls) {
    return items && items.length ? h('section', {class: cls}, h('h3', {}, title), h('ul', {}, items.map((i) => h('li', {}, i)))) : null;
}

/** How often: the item's own days a week, else the program's sessions a week; times a day when more than once. */
export function howOften(dose, program) {
    const days = dose?.daysPerWeek;
    const week = days ? `${days} ${days === 1 ? 'day' : 'days'} a week`
        : `${program.sessionsPerWeek} ${program.sessionsPerWeek === 1 ? 'session' : 'sessions'} a week`;
    const times = dose?.timesPerDay;
    return times && times > 1 ? `${week}, ${times} times a day` : week;
}

/** The dose as labelled figures, so it reads on paper without knowing the app's shorthand. */
function doseFigures(dose, program) {
    const rows = [
        ['Sets', dose?.sets], ['Reps', dose?.reps],
        ['Hold', dose?.holdSeconds ? `${dose.holdSeconds} s` : null],
        ['Time', dose?.durationSeconds ? `${dose.durationSeconds} s` : null],
        ['Side', SIDES[dose?.side]],
        ['Rest', dose?.restSeconds ? `${dose.restSeconds} s between sets` : null],
        ['How often', howOften(dose, program)],
    ].filter(([, value]) => value !== null && value !== undefined && value !== '');
    return h('dl', {class: 'handout-dose', 'aria-label': 'Dose'}, rows.map(([term, value]) =>
        h('div', {}, h('dt', {}, term), h('dd', {}, String(value)))));
}

function exerciseSheet(program) {
    return (item, index) => {
        const e = item.exercise;
        const name = item.exerciseName || e?.name || item.exerciseSlug;
        const picture = e ? exerciseFigure(e, {size: 190}) : null;
        return h('article', {class: 'handout-exercise', 'aria-labelledby': `handout-ex-${index}`, dataset: {slug: item.exerciseSlug}},
            h('h2', {id: `handout-ex-${index}`}, `${index + 1}. ${name}`),
            h('div', {class: 'handout-body'},
                picture ? h('div', {class: 'handout-figure'}, picture) : null,
                h('div', {},
                    doseFigures(item.dose, program),
                    item.notes ? h('p', {}, h('strong', {}, 'From your physio: '), item.notes) : null,
                    e ? h('ol', {class: 'steps'}, e.steps.map((s) => h('li', {}, h('span', {class: 'step-role'}, humanize(s.role)), ' ', s.instruction)))
                        : h('p', {}, 'The details of this exercise cannot be shown right now.'))),
            e ? h('div', {class: 'handout-safety'}, list('Before you start', e.cautions), list('Stop if', e.stopRules)) : null);
    };
}

/** #/patients/{id}/handout for staff, #/handout for a patient (their own program). */
export async function handoutView({params, session}) {
    const own = session.role === 'patient';
    const id = own ? session.patientId : params[0];
    const base = `/api/v1/patients/${id}`;
    const backTo = own ? h('a', {href: '#/progress'}, 'Back to My progress') : null;
    let patient;
    try {
        patient = await api.get(base);
    } catch (e) {
        if (e instanceof ApiError && e.status === 404) return h('div', {}, h('h1', {}, 'Patient not found'), h('p', {}, h('a', {href: '#/dashboard'}, 'Back to the dashboard')));
        throw e;
    }
    const program = await api.find(`${base}/programs/current`);
    const back = h('p', {class: 'crumbs no-print'}, backTo || h('a', {href: `#/patients/${id}`}, `Back to ${patient.displayName}`));
    const title = h('h1', {}, `Exercise program for ${patient.displayName}`);
    if (!program) return h('div', {class: 'handout'}, back, title, h('p', {}, 'No open program.'));
    return h('div', {class: 'handout'}, back,
        h('div', {class: 'actions no-print'}, h('button', {type: 'button', class: 'primary', onclick: () => window.print()}, 'Print')),
        title,
        h('p', {}, `${program.sessionsPerWeek} sessions a week from ${day(program.startDate)}`, program.endDate ? ` to ${day(program.endDate)}` : ''),
        program.notes ? h('p', {}, program.notes) : null,
        program.degraded ? h('p', {class: 'no-print'}, 'Some exercise details are missing: the library cannot be reached right now.') : null,
        program.items.map(exerciseSheet(program)));
}
