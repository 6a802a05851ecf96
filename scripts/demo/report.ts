import { ChildApp } from './child-app';
import { ReceivedEvent, eventName } from './event-subscriber';

/** One line of the final user table. */
export interface UserReportRow {
  userName: string;
  active: boolean;
  groups: string[];
  locations: string[];
  expectedLocations: string[];
}

/** Maximum lines of a sample event, so that a large member list does not flood the terminal. */
const MAX_SAMPLE_LINES = 30;
const MAX_APP_LINES_SHOWN = 10;

export function printHeading(text: string): void {
  console.log(`\n${text}\n${'-'.repeat(text.length)}`);
}

/** Prints each user with its groups and locations. A row that differs from the rule also shows what the rule gives. */
export function printUserTable(rows: UserReportRow[]): void {
  const table = rows.map((row) => {
    const locations = row.locations.join(', ') || '-';
    const note = sameList(row.locations, row.expectedLocations) ? '' : `   <- DIFFERS, the rule gives: ${row.expectedLocations.join(', ') || 'none'}`;
    return [row.userName, row.active ? 'yes' : 'no', row.groups.join(', ') || '-', `${locations}${note}`];
  });
  printTable(['userName', 'active', 'groups', 'locations'], table);
}

/** Prints how many events of each kind arrived, then a few whole events as examples. */
export function printEventSummary(events: ReceivedEvent[], sampleNames: string[]): void {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(eventName(event), (counts.get(eventName(event)) ?? 0) + 1);
  const rows = [...counts].map(([name, count]) => {
    const [stream, ...rest] = name.split('.');
    return [stream, rest.join('.'), String(count)];
  });
  console.log(`${events.length} events received on this company's subjects:`);
  printTable(['stream', 'event', 'count'], rows);

  for (const name of sampleNames) {
    const sample = events.find((event) => eventName(event) === name);
    if (!sample) continue;
    const { natsSubject, ...envelope } = sample;
    const lines = JSON.stringify(inReadingOrder(envelope), null, 2).split('\n');
    const shown = lines.length > MAX_SAMPLE_LINES ? [...lines.slice(0, MAX_SAMPLE_LINES), `… ${lines.length - MAX_SAMPLE_LINES} more lines`] : lines;
    console.log(`\nSample ${name}, received on ${natsSubject}:`);
    console.log(shown.map((line) => `    ${line}`).join('\n'));
  }
}

/** Summarises what the apps logged at warn level or above (LOG_LEVEL=warn hides the rest). */
export function printAppLogSummary(apps: ChildApp[]): void {
  for (const app of apps) {
    if (app.lines.length === 0) {
      console.log(`${app.name}: no warnings or errors logged.`);
      continue;
    }
    console.log(`${app.name}: ${app.lines.length} ${app.lines.length === 1 ? 'line' : 'lines'} logged at warn level or above:`);
    for (const line of app.lines.slice(0, MAX_APP_LINES_SHOWN)) console.log(`    ${line.level}: ${line.message}`);
    if (app.lines.length > MAX_APP_LINES_SHOWN) console.log(`    … and ${app.lines.length - MAX_APP_LINES_SHOWN} more`);
  }
}

/**
 * Order of envelope keys in samples: CloudEvents attributes, extensions, then `data`. The outbox stores
 * envelopes as jsonb, which does not keep key order.
 */
const ENVELOPE_ORDER = ['specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'schemaversion', 'companyid', 'actor', 'resourceversion', 'correlationid', 'data'];

function inReadingOrder(envelope: Record<string, unknown>): Record<string, unknown> {
  const known = ENVELOPE_ORDER.filter((key) => key in envelope).map((key) => [key, envelope[key]]);
  const others = Object.entries(envelope).filter(([key]) => !ENVELOPE_ORDER.includes(key));
  return Object.fromEntries([...known, ...others]);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(format(row));
}

/** Compares two lists of strings, ignoring order. */
export function sameList(first: string[], second: string[]): boolean {
  const sortedSecond = [...second].sort();
  return first.length === second.length && [...first].sort().every((value, index) => value === sortedSecond[index]);
}
