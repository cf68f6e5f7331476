// The public API as the app uses it: bearer token from the login, problem+json turned into ApiError,
// and session logs sent with an Idempotency-Key that survives retries and reloads.

const SESSION_KEY = 'rehabit.session';

/** The signed-in user: token plus what the login said about it. */
export const auth = {
    get() {
        const raw = sessionStorage.getItem(SESSION_KEY);
        if (!raw) return null;
        const session = JSON.parse(raw);
        if (session.expiresAt && session.expiresAt < Date.now()) {
            sessionStorage.removeItem(SESSION_KEY);
            return null;
        }
        return session;
    },
    set(session) {
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    },
    clear() {
        sessionStorage.removeItem(SESSION_KEY);
    },
};

/** A 4xx/5xx answer, with the problem document's title, detail and field errors. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `The server answered ${status}`);
        this.status = status;
        this.problem = problem || {};
    }

    /** Field errors as "field: message" lines. */
    get fieldErrors() {
        return (this.problem.errors || []).map((e) => `${e.field}: ${e.message}`);
    }
}

export class NotSignedIn extends Error {
}

async function request(method, path, {body, headers = {}, signal} = {}) {
    const session = auth.get();
    const init = {method, headers: {Accept: 'application/json', ...headers}, signal};
    if (session) init.headers.Authorization = `Bearer ${session.token}`;
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (response.status === 401 && path.startsWith('/api/')) {
        auth.clear();
        throw new NotSignedIn('Your session has ended. Please sign in again.');
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return {data, response};
}

export const api = {
    async get(path, options) {
        return (await request('GET', path, options)).data;
    },
    /** A GET whose 404 means "there is none" rather than an error. */
    async find(path) {
        try {
            return await api.get(path);
        } catch (e) {
            if (e instanceof ApiError && e.status === 404) return null;
            throw e;
        }
    },
    async post(path, body, options = {}) {
        return (await request('POST', path, {...options, body})).data;
    },
    async put(path, body, options = {}) {
        return (await request('PUT', path, {...options, body})).data;
    },
    /** A GET that also returns the ETag, for a later If-Match. */
    async getWithEtag(path) {
        const {data, response} = await request('GET', path);
        return {data, etag: response.headers.get('ETag')};
    },
};

/** Query string from an object, skipping empty values. */
export function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}

const PENDING = 'rehabit.pending-log';

/**
 * Sends a session log so that a flaky connection cannot lose or double it: the body and its Idempotency-Key
 * are kept in localStorage until the server has answered, retries reuse the same key, and a reload resumes the
 * same pending log. The server returns the first result for a repeated key, so a retry is always safe.
 */
export async function sendSessionLog(patientId, body, {attempts = 5, onRetry} = {}) {
    let pending = JSON.parse(localStorage.getItem(PENDING) || 'null');
    if (!pending || pending.patientId !== patientId || JSON.stringify(pending.body) !== JSON.stringify(body)) {
        pending = {patientId, body, key: crypto.randomUUID()};
        localStorage.setItem(PENDING, JSON.stringify(pending));
    }
    for (let attempt = 1; ; attempt++) {
        try {
            const result = await api.post(`/api/v1/patients/${patientId}/sessions`, body,
                {headers: {'Idempotency-Key': pending.key}});
            localStorage.removeItem(PENDING);
            return result;
        } catch (e) {
            const retryable = e instanceof TypeError || (e instanceof ApiError && (e.status >= 500 || e.status === 429));
            if (!retryable || attempt >= attempts) {
                if (!retryable) localStorage.removeItem(PENDING);
                throw e;
            }
            onRetry?.(attempt);
            await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 500 * 2 ** attempt)));
        }
    }
}

/** A log that was being sent when the page was closed, if any. */
export function pendingSessionLog(patientId) {
    const pending = JSON.parse(localStorage.getItem(PENDING) || 'null');
    return pending && pending.patientId === patientId ? pending.body : null;
}
