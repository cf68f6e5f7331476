// A patient's own progress: the same charts their physio sees, and their session history.
import {h, mount} from '../dom.js';
import {loadPatient, progressSection, sessionHistory, programItems} from './patient.js';
import {weightSection} from './weights.js';

export async function progressView({session, main}) {
    async function draw() {
        const data = await loadPatient(session.patientId);
        return h('div', {class: 'patient'}, h('h1', {}, 'My progress'),
            data.program ? h('section', {}, h('h2', {}, 'My program'), programItems(data.program),
                h('div', {class: 'actions'}, h('a', {class: 'button', href: '#/handout'}, 'Print handout'))) : null,
            progressSection(data), weightSection(session.patientId, data.weights, async () => mount(main, await draw()),
                data.patient.timezone),
            sessionHistory(data.sessions));
    }
    return draw();
}
