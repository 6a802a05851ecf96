import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** One log line of a child app, parsed from pino's JSON when possible. */
export interface ChildLogLine {
  level: string;
  message: string;
}

const STOP_GRACE_MS = 5000;
const READY_POLL_MS = 200;
const PINO_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * A Node.js app started as a child process. Its output is kept, not printed, so the demo can
 * summarise it and show it in full when something fails.
 */
export class ChildApp {
  readonly lines: ChildLogLine[] = [];
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? null : 0);
        resolve(this.exitCode);
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(parseLogLine(line)));
    }
  }

  static start(name: string, script: string, env: NodeJS.ProcessEnv): ChildApp {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ChildApp(name, child);
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Polls `url` until it returns 200, and fails early when the process exits. */
  async waitUntilReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited with code ${String(this.exitCode)} before it was ready.${this.outputTail()}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
        lastProblem = `status ${response.status}: ${await response.text()}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    throw new Error(`${this.name} was not ready at ${url} after ${timeoutMs} ms (${lastProblem}).${this.outputTail()}`);
  }

  /** Sends SIGTERM, and SIGKILL if the process is still running after a grace period. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
    if (!stopped) {
      console.error(`${this.name} was still running ${STOP_GRACE_MS} ms after SIGTERM; sending SIGKILL.`);
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Formats the last lines of output for an error message. */
  outputTail(count = 20): string {
    if (this.lines.length === 0) return '';
    const tail = this.lines.slice(-count).map((line) => `  ${line.level}: ${line.message}`);
    return `\nLast output of ${this.name}:\n${tail.join('\n')}`;
  }
}

/** Runs a Node.js script to completion, and rejects with its output when it exits non-zero. */
export async function runNodeScript(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const app = ChildApp.start(name, script, env);
  const code = await app.exited;
  if (code !== 0) throw new Error(`${name} failed with exit code ${String(code)}.${app.outputTail()}`);
}

/** Asks the kernel for a free TCP port on 127.0.0.1. Another process could take it before the app binds it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('No port was assigned.'))));
    });
  });
}

function parseLogLine(line: string): ChildLogLine {
  let parsed: { level?: unknown; msg?: unknown; context?: unknown; err?: { message?: unknown } };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return { level: 'output', message: line };
  }
  if (typeof parsed !== 'object' || parsed === null) return { level: 'output', message: line };
  let level = 'info';
  if (typeof parsed.level === 'number') level = PINO_LEVELS[parsed.level] ?? String(parsed.level);
  else if (typeof parsed.level === 'string') level = parsed.level;
  const context = typeof parsed.context === 'string' ? `${parsed.context}: ` : '';
  const message = typeof parsed.msg === 'string' ? parsed.msg : line;
  const error = typeof parsed.err?.message === 'string' ? ` (${parsed.err.message})` : '';
  return { level, message: `${context}${message}${error}` };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
