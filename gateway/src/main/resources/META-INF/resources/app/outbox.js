// The session-log outbox: every log a patient makes waits in localStorage under its own Idempotency-Key until the
// server has stored it (2xx) or definitely refused it (a 400/422 problem document). Anything else — no network, a
// 401, a 409, a 5xx, a proxy's HTML page — keeps it, and it is sent again with the same key: the server answers a
// repeated key with the first result, so a log is stored once however often it is sent.
import {api, auth, ApiError, NotSignedIn} from './api.js';

const STORE = 'rehabit.outbox';
const LEGACY = 'rehabit.pending-log'; // the single pending log of earlier versions
const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 60_000;

/**
 * Fires 'change' (the outbox changed, here or in another tab), and with detail {entry, ...}: 'stored', 'refused', and
 * 'signin' (the sign-in has ended; the log is kept).
 */
export const outboxEvents = new EventTarget();

/** All entries, oldest first: {key, patientId, body, createdAt, attempts, lastProblem, refused}. */
function read() {
    try {
        const entries = JSON.parse(localStorage.getItem(STORE) || '[]');
        return Array.isArray(entries) ? entries : [];
    } catch {
        return [];
    }
}

function write(entries) {
    if (entries.length) localStorage.setItem(STORE, JSON.stringify(entries));
    else localStorage.removeItem(STORE);
    outboxEvents.dispatchEvent(new Event('change'));
}

function update(key, change) {
    const entries = read();
    const entry = entries.find((e) => e.key === key);
    if (!entry) return null;
    change(entry);
    write(entries);
    return entry;
}

function emit(type, detail) {
    outboxEvents.dispatchEvent(new CustomEvent(type, {detail}));
}

/** A 400/422 problem document from the API: the log itself is wrong, and sending it again cannot help. */
function definitelyRefused(e) {
    return e instanceof ApiError && e.isProblem && (e.status === 400 || e.status === 422);
}

const inFlight = new Map();
let retryTimer = null;
let retryDelay = FIRST_RETRY_MS;

export const outbox = {
    /** Logs of this patient (or of anyone, when no patient is given) still to be sent, oldest first. */
    waiting(patientId) {
        return read().filter((e) => !e.refused && (!patientId || e.patientId === patientId));
    },

    /** Logs of this patient the server refused (400/422), kept so that the patient can read what they held. */
    refused(patientId) {
        return read().filter((e) => e.refused && e.patientId === patientId);
    },

    /** Puts a new log in the outbox under a new Idempotency-Key, before the first attempt to send it. */
    add(patientId, body) {
        const entry = {key: crypto.randomUUID(), patientId, body, createdAt: new Date().toISOString(), attempts: 0};
        write([...read(), entry]);
        return entry;
    },

    /**
     * Sends one log. Resolves to {stored: session}, {refused: error} (removed from the outbox, shown to the
     * patient), or {kept: error, signIn} (still waiting; signIn when the sign-in has ended).
     */
    send(key) {
        if (!inFlight.has(key)) {
            inFlight.set(key, attempt(key).finally(() => inFlight.delete(key)));
        }
        return inFlight.get(key);
    },

    /**
     * Sends every log of the signed-in patient, oldest first. Stops at a failure that the next log would meet too
     * (no network, a 5xx, 429, a page that is not the API's, an ended sign-in); a log kept for its own reason (a
     * 409) does not hold back the others. Every kept log plans another try, later and later (2 s up to a minute).
     */
    async flush() {
        clearTimeout(retryTimer);
        retryTimer = null;
        const patientId = auth.get()?.patientId;
        if (!patientId) return;
        for (const entry of outbox.waiting(patientId)) {
            const {kept} = await outbox.send(entry.key);
            if (kept && (!(kept instanceof ApiError) || !kept.isProblem || kept.status >= 500 || kept.status === 429
                || kept.status === 401)) {
                return;
            }
        }
    },

    /** Forgets a refused log once the patient has read it. */
    dismiss(key) {
        write(read().filter((e) => e.key !== key));
    },

    /** Empties the outbox: on sign-out, nothing of the patient's stays on the device. */
    clear() {
        clearTimeout(retryTimer);
        retryTimer = null;
        localStorage.removeItem(LEGACY);
        write([]);
    },

    /** Page load: takes over a log left by an earlier version, and sends again when the network returns. */
    start() {
        const legacy = localStorage.getItem(LEGACY);
        if (legacy) {
            try {
                const old = JSON.parse(legacy);
                if (old?.key && old.patientId && !read().some((e) => e.key === old.key)) {
                    write([...read(), {key: old.key, patientId: old.patientId, body: old.body,
                        createdAt: new Date().toISOString(), attempts: 0}]);
                }
            } catch {
                // unreadable: nothing to take over
            }
            localStorage.removeItem(LEGACY);
        }
        window.addEventListener('online', () => {
            retryDelay = FIRST_RETRY_MS;
            outbox.flush();
        });
        window.addEventListener('storage', (event) => {
            if (event.key === STORE || event.key === null) outboxEvents.dispatchEvent(new Event('change'));
        });
    },
};

function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(() => outbox.flush(), retryDelay);
    retryDelay = Math.min(LONGEST_RETRY_MS, retryDelay * 2);
}

async function attempt(key) {
    const entry = read().find((e) => e.key === key && !e.refused);
    if (!entry) return {kept: new Error('This session log is no longer waiting to be sent.')};
    try {
        const session = await api.post(`/api/v1/patients/${entry.patientId}/sessions`, entry.body,
            {headers: {'Idempotency-Key': entry.key}});
        write(read().filter((e) => e.key !== key));
        retryDelay = FIRST_RETRY_MS;
        emit('stored', {entry, session});
        return {stored: session};
    } catch (e) {
        if (definitelyRefused(e)) {
            const refused = update(key, (it) => {
                it.refused = {status: e.status, title: e.problem.title, message: e.message, errors: e.fieldErrors};
            });
            emit('refused', {entry: refused, error: e});
            return {refused: e};
        }
        const signIn = e instanceof NotSignedIn;
        update(key, (it) => {
            it.attempts += 1;
            it.lastProblem = signIn ? 'Your sign-in has ended.' : e instanceof TypeError
                ? 'The server could not be reached.' : e.message;
        });
        if (signIn) emit('signin', {entry});
        else retryLater();
        return {kept: e, signIn};
    }
}
