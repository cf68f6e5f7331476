// Working offline: registers the service worker (/sw.js, which caches the app and the patient's routine) and says
// under the header when the page shows the routine as saved earlier rather than as it is now.
import {api, apiEvents, auth} from './api.js';
import {h, mount, when} from './dom.js';

/** The routine read the service worker saves (its ROUTINE_READS). */
const ROUTINE = '/api/v1/me/today';

function savedText(savedAt) {
    const today = savedAt.toDateString() === new Date().toDateString();
    const time = today ? savedAt.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : when(savedAt);
    return `Offline — showing the routine saved at ${time}. Rehabit cannot be reached right now; `
        + 'what you log is kept on this device and sent when it can.';
}

/** Registers the worker and draws the "saved routine" line into the (persistent) container. */
export function startOffline(container) {
    const line = h('p', {class: 'offline-line', role: 'status'});
    mount(container, line);
    let shownFor = null;
    function show(text, path) {
        shownFor = path;
        line.textContent = text;
        line.className = text ? 'offline-line status warning' : 'offline-line';
    }
    apiEvents.addEventListener('answer', ({detail}) => {
        if (detail.savedAt) show(savedText(detail.savedAt), detail.path);
        else if (detail.path === shownFor) show('', null);
    });
    window.addEventListener('hashchange', () => show('', null));

    if (!('serviceWorker' in navigator)) return;
    const controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
        // on the first visit the routine came before the worker: fetch it again through the worker, which saves it
        if (!controlled && auth.get()?.patientId) api.get(ROUTINE).catch(() => undefined);
    });
    // without a worker (an old browser, storage turned off, a page not served over HTTPS) the app works online only
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
