// The public API as the app uses it: bearer token from the login, problem+json turned into ApiError,
// and so is any answer that is not JSON (a proxy's HTML error page). Session logs go through outbox.js.

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

/**
 * An answer that is not the JSON the app asked for: a 4xx/5xx, with the problem document's title, detail and field
 * errors when the API sent one (isProblem), or any answer whose body is not JSON (a proxy's HTML error page, a
 * captive portal), which never counts as success.
 */
export class ApiError extends Error {
    constructor(status, problem, message) {
        super(problem?.detail || problem?.title || message || plainMessage(status));
        this.status = status;
        this.problem = problem || {};
        this.isProblem = Boolean(problem);
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
    if (!text) {
        if (!response.ok) throw new ApiError(response.status, null);
        return {data: null, response};
    }
    const data = parseJson(text, response.headers.get('Content-Type'));
    if (data === undefined) {
        throw new ApiError(response.status, null, response.ok
            ? 'The answer did not come from Rehabit (is the network asking you to sign in to it?).'
            : plainMessage(response.status));
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return {data, response};
}

/** The body as JSON, or undefined when it is not JSON (an HTML error page, a truncated answer). */
function parseJson(text, contentType) {
    if (!/[/+]json\b/i.test(contentType || '')) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function plainMessage(status) {
    if (status === 502 || status === 503 || status === 504) return `Rehabit cannot be reached right now (${status}). Please try again in a moment.`;
    if (status >= 500) return `Rehabit had a problem answering (${status}). Please try again in a moment.`;
    return `The server answered ${status}.`;
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
