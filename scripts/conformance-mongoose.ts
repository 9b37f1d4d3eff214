/**
 * Runs a mongoose checkout's own mocha suite against the embedded server, outside CI:
 *   npm run conformance:mongoose -- PATH_TO_MONGOOSE_CHECKOUT [-- extra mocha args]
 * The checkout needs its dev dependencies installed (`npm install --ignore-scripts` is enough:
 * no MongoDB binary is downloaded because MONGOOSE_TEST_URI is set). Prints passed, failed
 * and pending counts, then the failures grouped by test file and by error message.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedMongo } from '../src/db/embedded/index.js';

interface MochaTest { fullTitle: string; file?: string; err?: { message?: string; code?: unknown } }
interface MochaReport { stats: { passes: number; failures: number; pending: number; tests: number }; failures: MochaTest[]; pending: MochaTest[] }

const SUITE_GLOBS = ['--ignore', 'test/encryption/**/*.test.js', './test/**/*.test.js'];

async function main(): Promise<void> {
  const [checkoutArg, ...extra] = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  if (!checkoutArg) throw new Error('usage: npm run conformance:mongoose -- PATH_TO_MONGOOSE_CHECKOUT [mocha args]');
  const checkout = resolve(checkoutArg);
  const mocha = join(checkout, 'node_modules', '.bin', 'mocha');
  if (!existsSync(mocha)) throw new Error(`${mocha} not found: run npm install --ignore-scripts in the checkout first`);

  const server = await startEmbeddedMongo({ port: 0 });
  const outDir = await mkdtemp(join(tmpdir(), 'conformance-mongoose-'));
  const reportFile = join(outDir, 'report.json');
  try {
    const args = ['--exit', '--timeout', '20000', '--reporter', 'json', '--reporter-option', `output=${reportFile}`, ...(extra.length > 0 ? extra : SUITE_GLOBS)];
    const code = await run(mocha, args, checkout, { ...process.env, MONGOOSE_TEST_URI: `${server.uri.replace(/\/$/, '')}/mongoose_test` });
    if (!existsSync(reportFile)) throw new Error(`mocha exited with ${code} and wrote no report`);
    printReport(JSON.parse(await readFile(reportFile, 'utf8')) as MochaReport);
  } finally {
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Runs mocha with the server in this process; its own output goes to stderr so the summary stays readable. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => done(code));
  });
}

function printReport(report: MochaReport): void {
  const { stats } = report;
  process.stdout.write(`\nmongoose suite against the embedded server: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} pending (${stats.tests} tests)\n`);
  printGroups('Failures by test file', report.failures, (t) => (t.file ?? '?').replace(/^.*\/test\//, 'test/'));
  printGroups('Failures by error', report.failures, (t) => errorCategory(t.err));
  process.stdout.write('\nFailed tests:\n');
  for (const t of report.failures) process.stdout.write(`  - ${t.fullTitle}\n      ${firstLine(t.err?.message)}\n`);
}

function printGroups(title: string, tests: MochaTest[], keyOf: (t: MochaTest) => string): void {
  const groups = new Map<string, number>();
  for (const t of tests) groups.set(keyOf(t), (groups.get(keyOf(t)) ?? 0) + 1);
  process.stdout.write(`\n${title}:\n`);
  for (const [key, n] of [...groups].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(n).padStart(4)}  ${key}\n`);
}

/** The error's server code (when there is one) and its first line with ids and numbers blanked, so alike failures group. */
function errorCategory(err: MochaTest['err']): string {
  const code = typeof err?.code === 'number' ? `[${err.code}] ` : '';
  return code + firstLine(err?.message).replace(/[0-9a-f]{24}/g, '<id>').replace(/\d+/g, 'N').slice(0, 110);
}

function firstLine(message: string | undefined): string {
  return (message ?? '(no message)').split('\n')[0] ?? '';
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
