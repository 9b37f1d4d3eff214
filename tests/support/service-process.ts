import { spawn, type ChildProcess } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

/** A program of this project run as an operator would run it, with only the given environment. */
export interface RunningProcess {
  child: ChildProcess;
  exit: Promise<Exit>;
  lines: string[];
}

/** Starts `node --import tsx <entry> ...args` from the project root. */
export function runEntry(entry: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    lines.push(...chunk.split('\n').filter(Boolean));
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr, stdout })),
  );
  return { child, exit, lines };
}

/**
 * Waits for a stdout line matching `pattern`; fails early if the process exits first. The
 * deadline is generous: a cold `tsx` start of the whole service takes seconds on a loaded machine.
 */
export async function waitForLine(proc: RunningProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = proc.lines.find((l) => pattern.test(l));
    if (line) return line;
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const { stderr } = proc.child.exitCode !== null ? await proc.exit : { stderr: '' };
  throw new Error(`no line matching ${pattern}; output:\n${proc.lines.join('\n')}\n${stderr}`);
}

/** Starts the service (src/main.ts) and resolves with its URL once it logged "service ready". */
export async function startServiceProcess(env: Record<string, string>): Promise<RunningProcess & { url: string }> {
  const proc = runEntry('src/main.ts', { HOST: '127.0.0.1', PORT: '0', ...env });
  const ready = JSON.parse(await waitForLine(proc, /"service ready"/)) as { url: string };
  return { ...proc, url: ready.url };
}
