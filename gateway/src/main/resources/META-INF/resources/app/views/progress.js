// A patient's own progress: their questionnaires (what is due said first), the same charts their physio sees, and
// their session history.
import {h, mount} from '../dom.js';
import {loadPatient, progressSection, sessionHistory, programItems} from './patient.js';
import {weightSection} from './weights.js';
import {myQuestionnaires} from './outcomes.js';
import {api} from '../api.js';

export async function progressView({session, main}) {
    async function draw() {
        const base = `/api/v1/patients/${session.patientId}/outcome-measures`;
        const [data, measures] = await Promise.all([loadPatient(session.patientId), api.get(base)]);
        const answered = measures.filter((m) => m.status === 'ACTIVE' && m.responses > 0);
        const trends = Object.fromEntries(await Promise.all(answered.map(async (m) =>
            [m.id, await api.get(`${base}/${m.id}/scores`)])));
        return h('div', {class: 'patient'}, h('h1', {}, 'My progress'),
            myQuestionnaires(measures, trends),
            data.program ? h('section', {}, h('h2', {}, 'My program'), programItems(data.program),
                h('div', {class: 'actions'}, h('a', {class: 'button', href: '#/handout'}, 'Print handout'))) : null,
            progressSection(data), weightSection(session.patientId, data.weights, async () => mount(main, await draw()),
                data.patient.timezone),
            sessionHistory(data.sessions));
    }
    return draw();
}
