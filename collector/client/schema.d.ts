// Generated from openapi.json by `pnpm --filter @embudo/collector openapi`; do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description For load balancers and `pnpm start`: no key, no storage. 503 while the configuration is invalid.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The collector runs with a valid configuration. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                        };
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/embudo.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tracker
         * @description The script-tag build: `<script defer src="…/embudo.js" data-site="SITE_KEY"></script>`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tracker. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/javascript": string;
                    };
                };
                /** @description Not modified since the ETag sent in If-None-Match. */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send tracked events
         * @description Validates each event on its own and stores the valid ones exactly once (by event id); the answer says which were rejected and why. Events are dated on the collector's clock, corrected by `sentAt`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/plain": components["schemas"]["EventBatch"];
                    "application/json": components["schemas"]["EventBatch"];
                };
            };
            responses: {
                /** @description The batch was read: how many events were stored, were duplicates, or were rejected. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestResponse"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The Origin is not one of the site's. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited: retry after `Retry-After` seconds. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/visitors/{visitorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A visitor's qualification
         * @description Stage, scores, points per content stage, intent, identity, counts, every reason and every stage change. A visitor that gave an email answers with its person: every visitor that gave the same email, scored from the union of their events (`visitorIds`, primary first). A visitor that gave two emails answers with the person of its latest.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The visitor id: `embudo.visitorId()` in the browser, or `visitorId` of a lead. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The qualification of the visitor's lead, scored now: its person's, or its own while it gave no email. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Qualification"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase a visitor's person
         * @description Erases the whole person, in every people space: every visitor that gave its email, all their events wherever they were scored, its identity and qualification, its leads row and stage history, its place in its account (re-assessed without it), its part in the reports, and webhook deliveries that name it. A `lead.erased` webhook then says which visitor ids went, and nothing else. The visitor ids and a keyed hash of the email stay on a suppression list: later events of those visitors, and identities giving that mailbox in any spelling (case, a plus tag, Gmail's dots), are refused with `suppressed`. Repeating the request is safe: it finishes an erasure that was cut short, and answers zeros once there is nothing left. The person is the one that answers for the visitor (its latest email's); a visitor that gave no email is erased alone.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Any visitor of the person. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The person was erased, or had been: what this request removed. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Erasure"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/visitors/{visitorId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A lead's raw events
         * @description Every event stored for the visitor's lead, newest first, as the collector keeps it: the raw material of its scores. For a person, the events of all its visitors, each once; sales feedback included. Events of automated browsers are listed even where they are not scored (`automation: true`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Page size. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description The visitor id: `embudo.visitorId()` in the browser, or `visitorId` of a lead. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of events. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventsPage"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/visitors/{visitorId}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record sales feedback
         * @description What sales said about the visitor's lead (its person, once it gave an email), stored beside its events and scored with them: accepted keeps it an SQL, rejected recycles it to MQL until a new hand-raise, disqualified makes it disqualified. Answers the new qualification.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The visitor id: `embudo.visitorId()` in the browser, or `visitorId` of a lead. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FeedbackRequest"];
                };
            };
            responses: {
                /** @description The qualification of the visitor's lead, scored now: its person's, or its own while it gave no email. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Qualification"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with what is stored (an id used by something else, an ambiguous name): see `code`. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body's media type is not one the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/visitors/{visitorId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export everything held about a person
         * @description For a request of access or portability: the person that answers for the visitor (every visitor that gave its email, or the visitor alone while it gave none), its qualification now, and every event stored for its visitors as the collector keeps them, a page at a time: follow `nextCursor` until it is null (visitor by visitor; a browser that joins the person, or an event that arrives late, while you page may be missed: page again for a complete copy). Client IP addresses are never stored: each event has only the tag of its network (`network`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Events a page holds. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description Any visitor of the person. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description All that is held, a page of its events at a time. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VisitorExport"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/visitors/{visitorId}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm or reject a browser's claim to a person
         * @description A browser that gave a person's email with nothing tying it to the person (no network shared with the person's browsers within 30 days) is an unconfirmed claim: its events are kept and listed in the person's `claims`, never scored. Sales settles it here: confirmed, all the browser's events count for the person; rejected, they leave its score. `email` names the person (an email the browser gave; its latest by default). Answers the person's qualification after it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The claiming browser: a `claims[].visitorId`. */
                    visitorId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ClaimReviewRequest"];
                };
            };
            responses: {
                /** @description The person's qualification, scored with the review. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Qualification"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with what is stored (an id used by something else, an ambiguous name): see `code`. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body's media type is not one the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase a person by email
         * @description Erases the whole person, in every people space: every visitor that gave its email, all their events wherever they were scored, its identity and qualification, its leads row and stage history, its place in its account (re-assessed without it), its part in the reports, and webhook deliveries that name it. A `lead.erased` webhook then says which visitor ids went, and nothing else. The visitor ids and a keyed hash of the email stay on a suppression list: later events of those visitors, and identities giving that mailbox in any spelling (case, a plus tag, Gmail's dots), are refused with `suppressed`. Repeating the request is safe: it finishes an erasure that was cut short, and answers zeros once there is nothing left.
         */
        delete: {
            parameters: {
                query: {
                    /** @description The person's email (case-insensitive). */
                    email: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The person was erased, or had been: what this request removed. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Erasure"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List leads
         * @description Leads newest change first, from the leads index: one item per person (every visitor that gave one email), and under `stage=anonymous` the visitors that gave none. Listed qualifications keep their largest reasons (`reasonsTotal` says how many there are); `GET /v1/visitors/{visitorId}` serves all of them.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only this stage. Without it, every person (identified lead); `anonymous` lists the visitors without email. */
                    stage?: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
                    /** @description Only the person with this email (case-insensitive). */
                    email?: string;
                    /** @description Only leads of this site key (a person's: its primary visitor's). */
                    site?: string;
                    /** @description Only leads of this people space: a group of sites (`group` in EMBUDO_SITES), or a site key for a site in no group. One email is one person per space, so `email=` alone may list several. */
                    space?: string;
                    /** @description changed: newest change first. engagement, fit: highest first, as of each lead's last change (engagement decays in between; `GET /v1/visitors/{visitorId}` scores one now). */
                    sort?: "changed" | "engagement" | "fit";
                    /** @description Page size. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of leads. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadsPage"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stage-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stage changes
         * @description Every change of a lead's stage, newest first, as the lead's object recorded it: the previous stage, the new one, when, why, the rule and the deciding event, with a `sequence` that rises by one per change of one lead. A visitor's first stage (`anonymous`) is not a change. Changes reach this list through the index queue, a moment after the event that made them; none is lost when the collector restarts in between.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only changes to this stage, e.g. `mql`. */
                    stage?: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
                    /** @description Only changes of leads of this site key. */
                    site?: string;
                    /** @description Page size. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of stage changes. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StageChangesPage"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An account's qualification
         * @description A company's people scored as a buying committee: stage, engagement (each person's capped at the model's memberCap), the highest fit, breadth, its people, what each adds (reasons) and every stage change. People whose email's registrable domain is not free mail belong to that domain's account.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The account's people space. Needed only when people at the domain were seen in more than one space: each is an account of its own. */
                    space?: string;
                };
                header?: never;
                path: {
                    /** @description The account's domain: the registrable domain of its people's emails, e.g. globex.co.uk. */
                    domain: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The account, assessed now. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with what is stored (an id used by something else, an ambiguous name): see `code`. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description Accounts newest change first, from the accounts index; each with its latest stage changes.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only accounts at this stage. */
                    stage?: "known" | "engaged" | "mqa" | "sqa" | "disqualified";
                    /** @description Only accounts of this people space. */
                    space?: string;
                    /** @description Page size. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of accounts. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountsPage"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List marketing spend
         * @description Spend recorded for the months from `from` to `to`, by month, source and campaign.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The first month listed (default: the earliest). */
                    from?: string;
                    /** @description The last month listed, inclusive (default: the latest). */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The spend of those months. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Costs"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Record marketing spend
         * @description Inserts or replaces spend by (month, source, campaign): what the sources report divides by the leads each source brought (cost per MQL, per SQL). Source and campaign are compared with touches trimmed and lower-cased. All items are stored or none; an item given twice in one request is refused.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CostsRequest"];
                };
            };
            responses: {
                /** @description The items as stored. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Costs"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body's media type is not one the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The funnel report
         * @description How many leads reached IQL, MQL and SQL, the conversion between stages and the median days each step took. Its cohort is the people and anonymous visitors first seen between `from` and `to` (UTC days, inclusive; the last 30 days by default), and everything they did since counts. Every figure's definition is in the answer.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The cohort's first day, UTC (default: 29 days before to). */
                    from?: string;
                    /** @description The cohort's last day, UTC, inclusive (default: today). */
                    to?: string;
                    /** @description Only leads of this site key (a person's: its primary visitor's). */
                    site?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The funnel. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FunnelReport"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The content report
         * @description For each page the cohort viewed: views, visitors, leads it influenced before they qualified, and first-touch, last-touch and linear credit for each MQL and SQL. Its cohort is the people and anonymous visitors first seen between `from` and `to` (UTC days, inclusive; the last 30 days by default), and everything they did since counts. Every figure's definition is in the answer.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The cohort's first day, UTC (default: 29 days before to). */
                    from?: string;
                    /** @description The cohort's last day, UTC, inclusive (default: today). */
                    to?: string;
                    /** @description Only leads of this site key (a person's: its primary visitor's). */
                    site?: string;
                    /** @description How many pages to answer, in report order. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The pages, in report order. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentReport"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The sources report
         * @description The cohort grouped by first touch (channel, source, medium, campaign): visitors, how many reached each stage, and the cost per MQL and per SQL from the spend of `PUT /v1/costs`. Its cohort is the people and anonymous visitors first seen between `from` and `to` (UTC days, inclusive; the last 30 days by default), and everything they did since counts. Every figure's definition is in the answer.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The cohort's first day, UTC (default: 29 days before to). */
                    from?: string;
                    /** @description The cohort's last day, UTC, inclusive (default: today). */
                    to?: string;
                    /** @description Only leads of this site key (a person's: its primary visitor's). */
                    site?: string;
                    /** @description campaign: channel, source, medium and campaign; source: channel and source; channel: channel alone. */
                    groupBy?: "campaign" | "source" | "channel";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sources. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourcesReport"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every endpoint, oldest first, without secrets. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhooksList"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a webhook endpoint
         * @description Registers a receiver for stage changes. Deliveries follow Standard Webhooks: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (HMAC-SHA256 with the secret answered here, and only here and by rotate). A 2xx within 15 s ends a delivery; 410 disables the endpoint; anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (or later, when the receiver's Retry-After asks for longer). The URL must be https on a public host. A collector has at most 50 endpoints.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookCreate"];
                };
            };
            responses: {
                /** @description The endpoint, with its signing secret. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookWithSecret"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The request conflicts with what is stored (an id used by something else, an ambiguous name): see `code`. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body's media type is not one the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint, without its secret. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a webhook endpoint
         * @description The endpoint and its deliveries go; nothing more is sent to it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook endpoint's secret
         * @description A new secret, shown in this answer only. For 24 hours every delivery is signed with both the new and the previous secret, so the receiver can switch over without missing one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint, with its new secret. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookWithSecret"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Delivers a `webhook.test` event to the endpoint, signed and retried like any other.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery, on its way. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description Newest first, each with its attempts so far, the last answer and when the next attempt is due.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only deliveries in this state. */
                    status?: "pending" | "succeeded" | "failed";
                    /** @description Page size. */
                    limit?: number;
                    /** @description `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of deliveries. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveriesPage"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver again
         * @description Sends the same message again, with the same `webhook-id`, and retries it as a new delivery would be.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The endpoint's id. */
                    id: string;
                    /** @description The delivery's id. */
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery, on its way again. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description The request is malformed or fails its schema. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong API key, or an unknown site key. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Nothing with that id has been seen. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API's OpenAPI document
         * @description OpenAPI 3.1, generated from the same zod schemas that validate the requests.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The OpenAPI document. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            openapi: string;
                            info: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API reference
         * @description The OpenAPI document rendered by Scalar, served from this collector (no third-party script).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An HTML page. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/scalar.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The API reference's script
         * @description Scalar's standalone bundle, a static asset of this collector.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description JavaScript. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/javascript": string;
                    };
                };
                /** @description Not modified since the ETag sent in If-None-Match. */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description At most 100 events and 65536 bytes. Each event is validated on its own: valid events are stored even when others in the batch are not. */
        EventBatch: {
            /**
             * @description Wire format version; absent means 1.
             * @constant
             */
            v?: 1;
            /** @description The public site key of the script tag's data-site. */
            site: string;
            /** @description When the tracker sent the batch (ms): event times are corrected for clock skew. */
            sentAt: number;
            events: ({
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "content_view";
            } | {
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "pricing_view";
            } | {
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "download";
                /** Format: uri */
                href: string;
            } | {
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "form_submit";
                formId: string;
                intent?: string;
                /** @default {} */
                traits: {
                    /** Format: email */
                    email?: string;
                    name?: string;
                    company?: string;
                    jobTitle?: string;
                    companySize?: string | number;
                    country?: string;
                    phone?: string;
                    industry?: string;
                };
            } | {
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "identify";
                traits: {
                    /** Format: email */
                    email: string;
                    name?: string;
                    company?: string;
                    jobTitle?: string;
                    companySize?: string | number;
                    country?: string;
                    phone?: string;
                    industry?: string;
                };
            } | {
                id: string;
                visitorId: string;
                sessionId: string;
                ts: number;
                /** Format: uri */
                url: string;
                /** @description The page's title; a longer one is cut to 512 characters. */
                title?: string;
                referrer?: "" | string;
                /** @enum {string} */
                stage?: "awareness" | "evaluation" | "decision";
                props?: {
                    [key: string]: string | number | boolean | null;
                };
                automation?: boolean;
                /** @constant */
                type: "custom";
                name: string;
            })[];
        };
        Error: {
            error: {
                /** @description Stable and machine-readable: unauthorized, invalid_query, rate_limited, … */
                code: string;
                /** @description What went wrong and how to fix it, for people. */
                message: string;
            };
        };
        IngestResponse: {
            /** @description Events stored now. */
            accepted: number;
            /** @description Events stored before (same id): retries, never stored twice. */
            duplicates: number;
            rejected: components["schemas"]["EventRejection"][];
        };
        EventRejection: {
            index: number;
            /** @description not_an_object, unknown_type, invalid_event, invalid_time, too_late (it happened more than 7 days before it arrived), expired (older than the site keeps events), site_mismatch, visitor_quota_exceeded, identity_budget_exceeded (the browser gave its new emails of the day already), person_full (the email's person takes no more browsers) or suppressed (the visitor, or the email it gives, was erased at the person's request). */
            code: string;
            message: string;
        };
        /** @description A lead's stage, scores and every reason for them: a person (every visitor that gave one email) or a visitor that gave none. */
        Qualification: {
            /** @description The lead's primary visitor: the first browser that identified with its email (or the only one). */
            visitorId: string;
            /** @description Every visitor (browser) of the lead, primary first; the scores cover all their events. */
            visitorIds: string[];
            /** @enum {string} */
            stage: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
            score: {
                /** @description Decayed engagement, 0 to the model's max (100), rounded to 0.1. */
                engagement: number;
                /** @description Fit from identity traits, 0 to the model's max (100). */
                fit: number;
                /** @description Decayed engagement points per content stage (points without a stage are in engagement only). */
                byStage: {
                    awareness: number;
                    evaluation: number;
                    decision: number;
                };
            };
            /**
             * @description The content stage holding the most decayed points; null when none holds any.
             * @enum {string|null}
             */
            intent: "awareness" | "evaluation" | "decision" | null;
            identity: components["schemas"]["Identity"];
            counts: components["schemas"]["EngagementCounts"];
            /** @description The rules that gave or took points, plus disqualifiers and sales feedback; largest |points| first. Answers keep the largest ones: reasonsTotal says how many there are. */
            reasons: components["schemas"]["QualificationReason"][];
            /** @description How many reasons the visitor has in all. */
            reasonsTotal: number;
            /** @description Changes of stage, oldest first; the first ever is the stage after the first event. Answers keep the latest ones: stageHistoryTotal says how many there are. */
            stageHistory: components["schemas"]["StageChange"][];
            /** @description How many changes of stage the visitor has had. */
            stageHistoryTotal: number;
            /** @description Where the lead came from; null only for a lead seen through sales feedback alone. */
            source: {
                /** @description The lead's earliest event: how it first came. */
                first: {
                    /**
                     * @description First rule that matches: paid_search (a search ad's click id, or utm_medium cpc/ppc/paid_search/sem), paid_social (utm_medium paid_social or containing "paid" with a social utm_source), email (utm_medium email, or a utm_source containing "email" or "newsletter"), organic_social (utm_medium social or a social network's referrer), other_campaign (any other utm_* tag), organic_search (a search engine's referrer), referral (a referrer on another host), direct.
                     * @enum {string}
                     */
                    channel: "paid_search" | "paid_social" | "email" | "organic_social" | "other_campaign" | "organic_search" | "referral" | "direct";
                    /** @description utm_source, else the referrer's host; null for a direct visit. */
                    source: string | null;
                    /** @description utm_medium, or null. */
                    medium: string | null;
                    /** @description utm_campaign, or null. */
                    campaign: string | null;
                    /** @description The path the visit landed on: lower-case, no query, no trailing slash. */
                    landingPage: string;
                    /** @description The referrer, unless it was the site itself; null when none. */
                    referrer: string | null;
                    /**
                     * Format: date-time
                     * @description When the visit started.
                     */
                    at: string;
                };
                /** @description The first event of its latest session: how it came most recently. */
                latest: {
                    /**
                     * @description First rule that matches: paid_search (a search ad's click id, or utm_medium cpc/ppc/paid_search/sem), paid_social (utm_medium paid_social or containing "paid" with a social utm_source), email (utm_medium email, or a utm_source containing "email" or "newsletter"), organic_social (utm_medium social or a social network's referrer), other_campaign (any other utm_* tag), organic_search (a search engine's referrer), referral (a referrer on another host), direct.
                     * @enum {string}
                     */
                    channel: "paid_search" | "paid_social" | "email" | "organic_social" | "other_campaign" | "organic_search" | "referral" | "direct";
                    /** @description utm_source, else the referrer's host; null for a direct visit. */
                    source: string | null;
                    /** @description utm_medium, or null. */
                    medium: string | null;
                    /** @description utm_campaign, or null. */
                    campaign: string | null;
                    /** @description The path the visit landed on: lower-case, no query, no trailing slash. */
                    landingPage: string;
                    /** @description The referrer, unless it was the site itself; null when none. */
                    referrer: string | null;
                    /**
                     * Format: date-time
                     * @description When the visit started.
                     */
                    at: string;
                };
            } | null;
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            firstSeen: string;
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            lastSeen: string;
            /** @description Browsers that gave this person's email but do not speak for it: nothing tied them to it, or sales rejected them. Their events are kept and shown, never scored. Absent when there are none. */
            claims?: components["schemas"]["Claim"][];
            /** @description The scoring model's id, e.g. default@2. */
            model: string;
        };
        /** @description Identity traits the visitor gave, the latest value of each. */
        Identity: {
            /** Format: email */
            email?: string;
            name?: string;
            company?: string;
            jobTitle?: string;
            companySize?: string | number;
            country?: string;
            phone?: string;
            industry?: string;
        };
        EngagementCounts: {
            /** @description Runs of events without a gap longer than the session timeout. */
            sessions: number;
            /** @description Content views that counted: the same URL once a UTC day, a daily cap; careers pages excluded. */
            contentViews: number;
            /** @description Distinct files downloaded. */
            downloads: number;
            /** @description Every pricing-page view (the cap limits points, not the count). */
            pricingViews: number;
            /** @description Every form submit. */
            forms: number;
        };
        QualificationReason: {
            /** @description content_view, download, pricing_view, form_submit, return_visit, careers_page, custom:NAME, fit:…, disqualifier:…, identity_conflict or sales:accepted|rejected|disqualified. */
            rule: string;
            /** @description Points now: after stage weight, cap and decay, rounded to 0.1. Disqualifiers, identity conflicts and sales feedback: 0. */
            points: number;
            /** @description The event that earned them (for fit rules: the event that set the trait). */
            eventId?: string;
            /**
             * Format: date-time
             * @description When that event happened.
             */
            at: string;
            /** @description The visitor (browser) whose event it was; given when the lead has more than one. */
            visitorId?: string;
            /**
             * @description identity: another visitor of the person gave a trait that contradicts the one the lead has; it changes no score, for sales to judge.
             * @enum {string}
             */
            kind: "engagement" | "fit" | "disqualifier" | "identity" | "sales";
            /**
             * @description Content stage the points count toward in score.byStage (engagement only; null: no stage).
             * @enum {string|null}
             */
            stage?: "awareness" | "evaluation" | "decision" | null;
            /** @description Points before decay (after stage weight and caps). */
            basePoints?: number;
            /** @description Decay factor applied: 0.5 after one half-life. */
            decay?: number;
            /** @description The identity trait a fit rule or disqualifier read, or that an identity conflict is about. */
            trait?: string;
            /** @description What happened, in words. */
            note: string;
        };
        StageChange: {
            /** @enum {string} */
            stage: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            at: string;
            /** @description What caused it: "form_submit newsletter", "download whitepaper.pdf", "sales rejected: not ready", "decay: …". */
            reason: string;
            /** @description The stage rule that matched, with its numbers: "3 content views ≥ 3". */
            rule: string;
            /** @description The event that caused it; null when time alone did (decay, the pricing window closing). */
            eventId: string | null;
        };
        Claim: {
            /** @description The claiming browser. */
            visitorId: string;
            /**
             * Format: date-time
             * @description When it first gave the email.
             */
            claimedAt: string;
            /**
             * @description unconfirmed: waiting for sales to confirm or reject it. rejected: sales said it is not the person.
             * @enum {string}
             */
            status: "unconfirmed" | "rejected";
            /** @description The traits it gave with the email. */
            traits: {
                /** Format: email */
                email?: string;
                name?: string;
                company?: string;
                jobTitle?: string;
                companySize?: string | number;
                country?: string;
                phone?: string;
                industry?: string;
            };
            /** @description The traits where it says something else than the person: shown, never applied. */
            conflicts: ("email" | "name" | "company" | "jobTitle" | "companySize" | "country" | "phone" | "industry")[];
        };
        EventsPage: {
            /** @description The lead's events, newest first: every visitor of its person, each event once (by id). */
            items: components["schemas"]["StoredEvent"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        StoredEvent: {
            id: string;
            /**
             * @description The tracked event types of the wire format, and sales_feedback recorded through the API.
             * @enum {string}
             */
            type: "content_view" | "pricing_view" | "download" | "form_submit" | "identify" | "custom" | "sales_feedback";
            /** @description The browser that sent it (for sales feedback: the visitor it was given on). */
            visitorId: string;
            /** @description When it happened (ms since the epoch), corrected for the client's clock. */
            ts: number;
            /** @description When the collector stored it (ms). */
            receivedAt: number;
            /** @description The site key it was sent with (tracked events). */
            site?: string;
            /** @description The time the browser gave, before clock correction. */
            clientTs?: number;
            /** @description A tag of the network it came from, the same for one network and never the address (a keyed hash): what ties a person's browsers together. */
            network?: string;
            sessionId?: string;
            /** @description The page, without fragment and with attribution parameters only. */
            url?: string;
            title?: string;
            referrer?: string;
            /** @enum {string} */
            stage?: "awareness" | "evaluation" | "decision";
            props?: {
                [key: string]: unknown;
            };
            automation?: boolean;
            /** @description download: the file. */
            href?: string;
            /** @description form_submit: the form. */
            formId?: string;
            /** @description form_submit: what the form asks for. */
            intent?: string;
            /** @description form_submit, identify: the identity traits given. */
            traits?: {
                /** Format: email */
                email?: string;
                name?: string;
                company?: string;
                jobTitle?: string;
                companySize?: string | number;
                country?: string;
                phone?: string;
                industry?: string;
            };
            /** @description custom: the event's name. */
            name?: string;
            /**
             * @description sales_feedback: the verdict.
             * @enum {string}
             */
            outcome?: "accepted" | "rejected" | "disqualified";
            /** @description sales_feedback: why. */
            reason?: string;
        };
        FeedbackRequest: {
            /** @description A ULID made by the client: a retried request with the same id is recorded once. */
            id?: string;
            /**
             * @description accepted: sales works the lead. rejected: not ready, recycled to MQL until a new hand-raise. disqualified: will not buy.
             * @enum {string}
             */
            outcome: "accepted" | "rejected" | "disqualified";
            /** @description Why, in sales' words; shown in the stage history. */
            reason?: string;
        };
        VisitorExport: {
            /** Format: date-time */
            exportedAt: string;
            /** @description The person's visitors: every browser that gave its email. */
            visitorIds: string[];
            /** @description The lead's qualification now; null when none of its events is scored (automated browsers). */
            qualification: {
                /** @description The lead's primary visitor: the first browser that identified with its email (or the only one). */
                visitorId: string;
                /** @description Every visitor (browser) of the lead, primary first; the scores cover all their events. */
                visitorIds: string[];
                /** @enum {string} */
                stage: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
                score: {
                    /** @description Decayed engagement, 0 to the model's max (100), rounded to 0.1. */
                    engagement: number;
                    /** @description Fit from identity traits, 0 to the model's max (100). */
                    fit: number;
                    /** @description Decayed engagement points per content stage (points without a stage are in engagement only). */
                    byStage: {
                        awareness: number;
                        evaluation: number;
                        decision: number;
                    };
                };
                /**
                 * @description The content stage holding the most decayed points; null when none holds any.
                 * @enum {string|null}
                 */
                intent: "awareness" | "evaluation" | "decision" | null;
                identity: components["schemas"]["Identity"];
                counts: components["schemas"]["EngagementCounts"];
                /** @description The rules that gave or took points, plus disqualifiers and sales feedback; largest |points| first. Answers keep the largest ones: reasonsTotal says how many there are. */
                reasons: components["schemas"]["QualificationReason"][];
                /** @description How many reasons the visitor has in all. */
                reasonsTotal: number;
                /** @description Changes of stage, oldest first; the first ever is the stage after the first event. Answers keep the latest ones: stageHistoryTotal says how many there are. */
                stageHistory: components["schemas"]["StageChange"][];
                /** @description How many changes of stage the visitor has had. */
                stageHistoryTotal: number;
                /** @description Where the lead came from; null only for a lead seen through sales feedback alone. */
                source: {
                    /** @description The lead's earliest event: how it first came. */
                    first: {
                        /**
                         * @description First rule that matches: paid_search (a search ad's click id, or utm_medium cpc/ppc/paid_search/sem), paid_social (utm_medium paid_social or containing "paid" with a social utm_source), email (utm_medium email, or a utm_source containing "email" or "newsletter"), organic_social (utm_medium social or a social network's referrer), other_campaign (any other utm_* tag), organic_search (a search engine's referrer), referral (a referrer on another host), direct.
                         * @enum {string}
                         */
                        channel: "paid_search" | "paid_social" | "email" | "organic_social" | "other_campaign" | "organic_search" | "referral" | "direct";
                        /** @description utm_source, else the referrer's host; null for a direct visit. */
                        source: string | null;
                        /** @description utm_medium, or null. */
                        medium: string | null;
                        /** @description utm_campaign, or null. */
                        campaign: string | null;
                        /** @description The path the visit landed on: lower-case, no query, no trailing slash. */
                        landingPage: string;
                        /** @description The referrer, unless it was the site itself; null when none. */
                        referrer: string | null;
                        /**
                         * Format: date-time
                         * @description When the visit started.
                         */
                        at: string;
                    };
                    /** @description The first event of its latest session: how it came most recently. */
                    latest: {
                        /**
                         * @description First rule that matches: paid_search (a search ad's click id, or utm_medium cpc/ppc/paid_search/sem), paid_social (utm_medium paid_social or containing "paid" with a social utm_source), email (utm_medium email, or a utm_source containing "email" or "newsletter"), organic_social (utm_medium social or a social network's referrer), other_campaign (any other utm_* tag), organic_search (a search engine's referrer), referral (a referrer on another host), direct.
                         * @enum {string}
                         */
                        channel: "paid_search" | "paid_social" | "email" | "organic_social" | "other_campaign" | "organic_search" | "referral" | "direct";
                        /** @description utm_source, else the referrer's host; null for a direct visit. */
                        source: string | null;
                        /** @description utm_medium, or null. */
                        medium: string | null;
                        /** @description utm_campaign, or null. */
                        campaign: string | null;
                        /** @description The path the visit landed on: lower-case, no query, no trailing slash. */
                        landingPage: string;
                        /** @description The referrer, unless it was the site itself; null when none. */
                        referrer: string | null;
                        /**
                         * Format: date-time
                         * @description When the visit started.
                         */
                        at: string;
                    };
                } | null;
                /**
                 * Format: date-time
                 * @description ISO 8601 time in UTC.
                 */
                firstSeen: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 time in UTC.
                 */
                lastSeen: string;
                /** @description Browsers that gave this person's email but do not speak for it: nothing tied them to it, or sales rejected them. Their events are kept and shown, never scored. Absent when there are none. */
                claims?: components["schemas"]["Claim"][];
                /** @description The scoring model's id, e.g. default@2. */
                model: string;
            } | null;
            /** @description This page of the events stored for those visitors, as kept (identity traits included): visitor by visitor in id order, each visitor's oldest first. The pages together hold every event once. */
            events: components["schemas"]["StoredEvent"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        ClaimReviewRequest: {
            /**
             * @description confirmed: the browser is the person; all its events count for it. rejected: it is not; its events leave the person's score, and no other browser takes its place unless confirmed.
             * @enum {string}
             */
            decision: "confirmed" | "rejected";
            /**
             * Format: email
             * @description The person whose claim this is: an email the browser gave. Default: the latest it gave.
             */
            email?: string;
        };
        Erasure: {
            /** @description What this request erased: zeros when the person had already been erased. */
            erased: {
                /** @description Visitors erased: every browser of the person. */
                visitors: number;
                /** @description Events erased, across those visitors. */
                events: number;
            };
        };
        LeadsPage: {
            /** @description Each lead's qualification with its 20 largest reasons and 20 latest stage changes; GET /v1/visitors/{visitorId} has more. */
            items: components["schemas"]["Qualification"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        StageChangesPage: {
            items: components["schemas"]["LeadStageChange"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        LeadStageChange: {
            /** @description The lead: "person:<space>:<email>" for a person (one email in one people space: a group of sites, or one site), "visitor:<visitorId>" for a visitor that gave no email. People from before spaces keep "person:<email>" until their visitors move them into their space. */
            leadId: string;
            /** @description The lead's primary visitor, as GET /v1/visitors/{visitorId} takes it. */
            visitorId: string;
            /** @description The person's email; null for a visitor that gave none. */
            email: string | null;
            /** @description The site key of the lead's primary visitor. */
            site: string;
            /** @description Rises by one with each change of this lead, from 1: order a lead's changes by it. */
            sequence: number;
            /**
             * @description The stage before; null when the lead had none (its first stage was not `anonymous`).
             * @enum {string|null}
             */
            previousStage: "anonymous" | "iql" | "mql" | "sql" | "disqualified" | null;
            /**
             * @description The new stage.
             * @enum {string}
             */
            stage: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
            /**
             * Format: date-time
             * @description When it changed: the deciding event's time, or the moment time alone moved it.
             */
            at: string;
            /** @description What caused it: "form_submit demo", "decay: engagement below 70", … */
            reason: string;
            /** @description The stage rule that matched, with its numbers: "hand-raise: form_submit demo". */
            rule: string;
            /** @description The deciding event; null when time alone moved the stage. */
            eventId: string | null;
            /**
             * Format: date-time
             * @description When the collector recorded the change.
             */
            recordedAt: string;
        };
        /** @description A company's people scored as a buying committee. */
        Account: {
            /** @description The registrable domain of its people's emails: ana@mad.globex.co.uk → globex.co.uk. */
            domain: string;
            /** @description The people space it belongs to: its sites' group, or its one site's key. The same domain in two spaces is two accounts. Empty for an account from before spaces (""). */
            space: string;
            /** @description The company name its people give most often. */
            company: string | null;
            /**
             * @description First match wins: disqualified (every person disqualified, or a competitor's domain) › sqa (a person is an SQL) › mqa (engagement ≥ mqa.minEngagement, or mqa.minEngagedPeople people at MQL or above, people seen from one browser or one network counting once) › engaged (a person at MQL or above) › known.
             * @enum {string}
             */
            stage: "known" | "engaged" | "mqa" | "sqa" | "disqualified";
            /** @description min(100, Σ over people of min(person's engagement, memberCap)), decayed to now; people seen from one browser or one network count once, as the most engaged of them. */
            engagement: number;
            /** @description The highest fit of its people. */
            fit: number;
            /**
             * @description The content stage holding the most of its people's decayed points; null when none holds any.
             * @enum {string|null}
             */
            intent: "awareness" | "evaluation" | "decision" | null;
            /** @description How many people it has, and how many are at each stage or above. */
            breadth: {
                people: number;
                iql: number;
                mql: number;
                sql: number;
            };
            /** @description Its people, most engaged first (at most 100; breadth.people counts all). */
            people: components["schemas"]["AccountPerson"][];
            /** @description What each person adds to the account's engagement, largest first (the same people as `people`). */
            reasons: components["schemas"]["AccountReason"][];
            /** @description Changes of stage, oldest first. */
            stageHistory: components["schemas"]["AccountStageChange"][];
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            firstSeen: string;
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            lastSeen: string;
            model: string;
        };
        AccountPerson: {
            /** @description The person's primary visitor: `GET /v1/visitors/{visitorId}` explains it. */
            visitorId: string;
            email: string;
            name: string | null;
            jobTitle: string | null;
            /** @enum {string} */
            stage: "anonymous" | "iql" | "mql" | "sql" | "disqualified";
            /** @description The person's engagement now (decayed), 0–100. */
            engagement: number;
            fit: number;
        };
        AccountReason: {
            /** @description The person's primary visitor. */
            visitorId: string;
            /** @description Engagement the person adds to the account now, at most the model's memberCap. */
            points: number;
            note: string;
        };
        AccountStageChange: {
            /** @enum {string} */
            stage: "known" | "engaged" | "mqa" | "sqa" | "disqualified";
            /**
             * Format: date-time
             * @description ISO 8601 time in UTC.
             */
            at: string;
            /** @description What caused it: "ana@globex.com became sql", "decay: …". */
            reason: string;
            /** @description The account rule that matched: "2 people at MQL or above ≥ 2". */
            rule: string;
        };
        AccountsPage: {
            items: components["schemas"]["Account"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        Costs: {
            /** @description Spend by month, then source, then campaign (null first). */
            items: components["schemas"]["CostItem"][];
        };
        CostItem: {
            /** @description A calendar month, YYYY-MM (UTC), from 1970-01. */
            month: string;
            /** @description The utm_source the spend bought, e.g. "linkedin" (trimmed, lower-cased). */
            source: string;
            /**
             * @description The utm_campaign, or null (or absent) for spend on the source as a whole (trimmed, lower-cased).
             * @default null
             */
            campaign: string | null;
            /** @description What was spent that month; 0 removes the item (its month, source and campaign). */
            amount: number;
            /** @description ISO 4217 code of a currency in use, e.g. EUR. */
            currency: string;
        };
        CostsRequest: {
            /** @description At most 1000 items; each replaces any earlier spend of its month, source and campaign. */
            items: components["schemas"]["CostItem"][];
        };
        /** @description How far the leads first seen in a period went down the funnel. */
        FunnelReport: {
            /**
             * Format: date
             * @description The first day of the cohort (UTC, inclusive).
             */
            from: string;
            /**
             * Format: date
             * @description The last day of the cohort (UTC, inclusive).
             */
            to: string;
            /** @description The site key the cohort is limited to, or null for every site. */
            site: string | null;
            /** @description anonymous (the whole cohort), then iql, mql and sql. */
            stages: ({
                /** @enum {string} */
                stage: "anonymous";
                reached: number;
            } | {
                /** @enum {string} */
                stage: "iql" | "mql" | "sql";
                reached: number;
                conversionFromPrevious: number | null;
                conversionFromStart: number | null;
                medianDaysFromPrevious: number | null;
            })[];
            disqualified: number;
            recycled: number;
            /** @description How each figure is computed, in one plain sentence per figure. */
            definitions: {
                [key: string]: string;
            };
        };
        /** @description Which pages the leads first seen in a period read, and which converted. */
        ContentReport: {
            /**
             * Format: date
             * @description The first day of the cohort (UTC, inclusive).
             */
            from: string;
            /**
             * Format: date
             * @description The last day of the cohort (UTC, inclusive).
             */
            to: string;
            /** @description The site key the cohort is limited to, or null for every site. */
            site: string | null;
            items: {
                /** @description The page's path: lower-case, no query, fragment or trailing slash. */
                path: string;
                /** @description Its latest title. */
                title: string | null;
                /**
                 * @description Its content stage (pricing pages: decision); null when untagged.
                 * @enum {string|null}
                 */
                stage: "awareness" | "evaluation" | "decision" | null;
                views: number;
                visitors: number;
                influenced: {
                    mql: number;
                    sql: number;
                };
                conversionRate: {
                    mql: number | null;
                    sql: number | null;
                };
                attributed: {
                    mql: {
                        first: number;
                        last: number;
                        linear: number;
                    };
                    sql: {
                        first: number;
                        last: number;
                        linear: number;
                    };
                };
            }[];
            /** @description How many pages the cohort viewed in all. */
            itemsTotal: number;
            /** @description How many of the cohort reached MQL and SQL. Each kind of credit adds up, over all pages, to those of them that viewed a page at or before qualifying (a lead that qualified by a download alone credits none). */
            qualified: {
                mql: number;
                sql: number;
            };
            /** @description How each figure is computed, in one plain sentence per figure. */
            definitions: {
                [key: string]: string;
            };
        };
        /** @description Where the leads first seen in a period came from, and what they cost. */
        SourcesReport: {
            /**
             * Format: date
             * @description The first day of the cohort (UTC, inclusive).
             */
            from: string;
            /**
             * Format: date
             * @description The last day of the cohort (UTC, inclusive).
             */
            to: string;
            /** @description The site key the cohort is limited to, or null for every site. */
            site: string | null;
            /** @enum {string} */
            groupBy: "campaign" | "source" | "channel";
            items: {
                /** @enum {string} */
                channel: "paid_search" | "paid_social" | "email" | "organic_social" | "other_campaign" | "organic_search" | "referral" | "direct";
                source: string | null;
                medium: string | null;
                campaign: string | null;
                visitors: number;
                reached: {
                    iql: number;
                    mql: number;
                    sql: number;
                };
                conversionRate: {
                    mql: number | null;
                    sql: number | null;
                };
                cost: number | null;
                currency: string | null;
                costPerMql: number | null;
                costPerSql: number | null;
            }[];
            /** @description Spend in the period whose source and campaign no lead of the cohort came from. */
            unattributedCost: {
                source: string;
                campaign: string | null;
                amount: number;
                currency: string;
            }[];
            /** @description How each figure is computed, in one plain sentence per figure. */
            definitions: {
                [key: string]: string;
            };
        };
        WebhookWithSecret: {
            /** @description The endpoint's id: `wh_…`. */
            id: string;
            /** @description Where deliveries go. Credentials in it (`https://user:pass@…`) are shown as `***`, never as given. */
            url: string;
            events: ("lead.stage_changed" | "account.stage_changed" | "lead.erased")[];
            /** @description The stage filter; null: every stage. */
            stages: ("anonymous" | "iql" | "mql" | "sql" | "disqualified" | "known" | "engaged" | "mqa" | "sqa")[] | null;
            description: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description A disabled endpoint gets nothing: its receiver answered 410 Gone. */
            disabled: boolean;
            disabledReason: string | null;
            /** @description `whsec_…`: the key of every signature. Shown here only: keep it where the receiver can read it. */
            secret: string;
        };
        WebhookCreate: {
            /** @description Where deliveries go: https on a public address (http and private hosts are refused). */
            url: string;
            /** @description The events to receive (default: all of them). */
            events?: ("lead.stage_changed" | "account.stage_changed" | "lead.erased")[];
            /** @description Only changes to these stages, e.g. ["mql", "sql"] (default: every stage). */
            stages?: ("anonymous" | "iql" | "mql" | "sql" | "disqualified" | "known" | "engaged" | "mqa" | "sqa")[];
            /** @description For people: what this endpoint is. */
            description?: string;
        };
        WebhooksList: {
            items: components["schemas"]["Webhook"][];
        };
        Webhook: {
            /** @description The endpoint's id: `wh_…`. */
            id: string;
            /** @description Where deliveries go. Credentials in it (`https://user:pass@…`) are shown as `***`, never as given. */
            url: string;
            events: ("lead.stage_changed" | "account.stage_changed" | "lead.erased")[];
            /** @description The stage filter; null: every stage. */
            stages: ("anonymous" | "iql" | "mql" | "sql" | "disqualified" | "known" | "engaged" | "mqa" | "sqa")[] | null;
            description: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description A disabled endpoint gets nothing: its receiver answered 410 Gone. */
            disabled: boolean;
            disabledReason: string | null;
        };
        WebhookDelivery: {
            /** @description The delivery's id: `dlv_…`. */
            id: string;
            /** @description The `webhook-id` header: the same on every attempt and replay. */
            messageId: string;
            /** @description The event type: lead.stage_changed, account.stage_changed, lead.erased, webhook.test. */
            type: string;
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @description The receiver's HTTP status at the last attempt; null when it did not answer (or none yet). */
            lastStatus: number | null;
            /**
             * Format: date-time
             * @description When the next attempt is due; null once it ended.
             */
            nextAttemptAt: string | null;
        };
        WebhookDeliveriesPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
