import { readFileSync } from 'node:fs';

/**
 * A recorded identity-provider session: the requests in the order the provider sent them, what
 * each one must return, and the directory state the session leaves behind.
 *
 * Paths are relative to the SCIM base URL (for example `http://127.0.0.1:3000/scim/v2`) and keep
 * the query string exactly as the provider encoded it. Strings anywhere in a request may contain
 * placeholders that the replayer fills in:
 * - `{{token}}`: the SCIM bearer token of the replay;
 * - `{{baseUrl}}`: the SCIM base URL of the replay;
 * - `{{user:<userName>}}`, `{{group:<displayName>}}`: the id that the server returned for the
 *   step whose `capture` has that key. A group keeps the key of the name it was pushed with,
 *   also after a rename.
 */
export interface RecordedSession {
  description: string;
  steps: RecordedStep[];
  expected: SessionExpectation;
}

export interface RecordedStep {
  /** Description of the provider's action, e.g. `Create user ana@example.com`. */
  name: string;
  request: RecordedRequest;
  expect: StepExpectation;
  /** Placeholder key, e.g. `user:ana@example.com`, under which the `id` of the response body is stored. */
  capture?: string;
}

export interface RecordedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  /** JSON body, sent serialised with the recorded Content-Type header. */
  body?: unknown;
}

export interface StepExpectation {
  status: number;
  /** Values the response body must contain. Objects match as subsets, arrays element by element. */
  body?: unknown;
}

/** Directory state after the session, and the changes that the events must report. */
export interface SessionExpectation {
  /** Office locations, by name, that the demo and the e2e test create before mapping groups. */
  locations: string[];
  users: { userName: string; active: boolean }[];
  /** Groups that still exist, with their final members (userNames) and the locations they are mapped to. */
  groups: { key: string; displayName: string; members: string[]; locations: string[] }[];
  /** Groups deleted during the session, with their members at the time of deletion. */
  deletedGroups: { key: string; displayName: string; members: string[] }[];
  renamedGroups: { key: string; previous: string; current: string }[];
  /** Attribute changes of each profile update, named as in `user.updated` events. */
  profileUpdates: { userName: string; changes: Record<string, { previous: unknown; current: unknown }> }[];
  deactivated: string[];
  reactivated: string[];
  /** Net membership change of each group PATCH that changed members, in request order. */
  membershipChanges: { group: string; added: string[]; removed: string[] }[];
}

export interface ReplayOptions {
  /** SCIM base URL without a trailing slash, e.g. `http://127.0.0.1:3000/scim/v2`. */
  baseUrl: string;
  /** SCIM bearer token of the company the session provisions. */
  token: string;
  /** Per-request timeout in milliseconds. The default, 60 seconds, is how long Okta waits for a response. */
  timeoutMs?: number;
  /** Called after each step that returned its expected status. */
  onStep?: (step: RecordedStep, index: number, status: number) => void;
  /** Aborts the request in flight and stops the replay, e.g. when the user presses Ctrl+C. */
  signal?: AbortSignal;
}

export interface ReplayResult {
  /** Ids captured from the responses, by placeholder key (`user:<userName>`, `group:<displayName>`). */
  ids: Record<string, string>;
  stepsReplayed: number;
}

/** Raised when a step cannot be sent or returns something other than its recorded expectation. */
export class ReplayError extends Error {
  constructor(
    readonly stepNumber: number,
    readonly step: RecordedStep,
    detail: string,
  ) {
    super(`Step ${stepNumber} "${step.name}" (${step.request.method} ${step.request.path}): ${detail}`);
    this.name = 'ReplayError';
  }
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_BODY_IN_ERROR = 600;

/** Reads a recorded session from a JSON file and checks its outline. */
export function loadRecordedSession(path: string): RecordedSession {
  const session = JSON.parse(readFileSync(path, 'utf8')) as RecordedSession;
  if (!Array.isArray(session.steps) || typeof session.expected !== 'object' || session.expected === null) {
    throw new Error(`${path} is not a recorded session: it needs a "steps" list and an "expected" object.`);
  }
  return session;
}

/**
 * Sends the recorded steps in order, resolves placeholders from the ids captured so far and
 * checks each response. Stops at the first step that fails, with a ReplayError naming it.
 */
export async function replayRecordedSession(session: RecordedSession, options: ReplayOptions): Promise<ReplayResult> {
  const ids: Record<string, string> = {};
  for (const [index, step] of session.steps.entries()) {
    const stepNumber = index + 1;
    const resolve = (text: string) => resolvePlaceholders(text, { token: options.token, baseUrl: options.baseUrl, ids }, stepNumber, step);
    const response = await send(step, stepNumber, options, resolve);

    if (response.status !== step.expect.status) {
      throw new ReplayError(stepNumber, step, `expected status ${step.expect.status}, got ${response.status}. Body: ${excerpt(response.text)}`);
    }
    if (step.expect.body !== undefined) {
      const expectedBody = resolveDeep(step.expect.body, resolve);
      const mismatch = findMismatch(response.body, expectedBody, 'body');
      if (mismatch) throw new ReplayError(stepNumber, step, `${mismatch}. Body: ${excerpt(response.text)}`);
    }
    if (step.capture !== undefined) {
      const id = (response.body as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || id === '') {
        throw new ReplayError(stepNumber, step, `the response has no string "id" to capture as "${step.capture}". Body: ${excerpt(response.text)}`);
      }
      ids[step.capture] = id;
    }
    options.onStep?.(step, index, response.status);
  }
  return { ids, stepsReplayed: session.steps.length };
}

interface ReplayResponse {
  status: number;
  text: string;
  body: unknown;
}

async function send(step: RecordedStep, stepNumber: number, options: ReplayOptions, resolve: (text: string) => string): Promise<ReplayResponse> {
  const { method, path, headers, body } = step.request;
  const url = `${options.baseUrl}${resolve(path)}`;
  const resolvedHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, resolve(value)]));
  const payload = body === undefined ? undefined : JSON.stringify(resolveDeep(body, resolve));

  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: resolvedHeaders,
      body: payload,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new ReplayError(stepNumber, step, `the request to ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  return { status: response.status, text, body: parseJson(text) };
}

interface PlaceholderValues {
  token: string;
  baseUrl: string;
  ids: Record<string, string>;
}

function resolvePlaceholders(text: string, values: PlaceholderValues, stepNumber: number, step: RecordedStep): string {
  return text.replace(PLACEHOLDER, (_match, key: string) => {
    if (key === 'token') return values.token;
    if (key === 'baseUrl') return values.baseUrl;
    const id = values.ids[key];
    if (id === undefined) {
      throw new ReplayError(stepNumber, step, `placeholder {{${key}}} has no value: no earlier step captured "${key}".`);
    }
    return id;
  });
}

/** Applies `resolve` to every string in a JSON value, object keys included. */
function resolveDeep(value: unknown, resolve: (text: string) => string): unknown {
  if (typeof value === 'string') return resolve(value);
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, resolve));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [resolve(key), resolveDeep(item, resolve)]));
  }
  return value;
}

/** Describes the first place where `actual` does not contain `expected`, or returns undefined. */
function findMismatch(actual: unknown, expected: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} should be a list, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path} should have ${expected.length} items, got ${actual.length}`;
    for (const [index, item] of expected.entries()) {
      const mismatch = findMismatch(actual[index], item, `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return `${path} should be an object, got ${JSON.stringify(actual)}`;
    for (const [key, item] of Object.entries(expected)) {
      const mismatch = findMismatch((actual as Record<string, unknown>)[key], item, `${path}.${key}`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${path} should be ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  if (text === '') return '(empty)';
  return text.length > MAX_BODY_IN_ERROR ? `${text.slice(0, MAX_BODY_IN_ERROR)}…` : text;
}
