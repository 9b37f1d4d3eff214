import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../fixtures/embedded-server-child.ts', import.meta.url));

// The server's parent is a shell that execs `sleep`, which never reaps it: once killed, the
// server stays a zombie (its pid still answers kill(pid, 0)) until the parent is stopped, like
// a server under a PID 1 that does not reap. Only the server holds the stdout pipe.
const NON_REAPING_PARENT = '"$0" --import tsx "$1" "$2" & exec sleep 3600 </dev/null >/dev/null 2>&1';

/** An embedded server in a process of its own (tests/fixtures/embedded-server-child.ts). */
export interface ServerChild {
  /** The server's pid, once it has loaded. */
  pid: Promise<number>;
  /** Opens the data directory and serves it; resolves with its URI, rejects with the server's reason. */
  start(): Promise<string>;
  /** Sends SIGKILL to the server. */
  kill(): Promise<void>;
  /** Resolves when the server is dead: the kernel closed its stdout as it exited. */
  dead: Promise<void>;
  /** Kills the server if it lives and stops its parent, which lets the zombie be reaped. */
  dispose(): Promise<void>;
}

/** Spawns a server that loads its code and waits for `start()`. */
export function spawnServerChild(dataDir: string): ServerChild {
  const parent: ChildProcess = spawn('sh', ['-c', NON_REAPING_PARENT, process.execPath, FIXTURE, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  parent.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Every stdout line in order; nextLine() takes the oldest one not yet taken.
  const lines = createInterface({ input: parent.stdout! });
  const queued: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let closed = false;
  lines.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(line);
    else queued.push(line);
  });
  const dead = new Promise<void>((resolve) =>
    lines.once('close', () => {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.reject(new Error(`the server child died before answering: ${stderr}`));
      resolve();
    }),
  );
  const nextLine = (): Promise<string> => {
    const line = queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (closed) return Promise.reject(new Error(`the server child died before answering: ${stderr}`));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const pid = nextLine().then((line) => {
    const match = /^loaded (\d+)$/.exec(line);
    if (!match) throw new Error(`the server child said ${line}`);
    return Number(match[1]);
  });
  pid.catch(() => undefined); // reported by whoever awaits it
  return {
    pid,
    dead,
    async start() {
      process.kill(await pid, 'SIGUSR2');
      const line = await nextLine();
      if (!line.startsWith('ready ')) throw new Error(`the server child could not start: ${line}`);
      return line.slice('ready '.length);
    },
    async kill() {
      process.kill(await pid, 'SIGKILL');
    },
    async dispose() {
      if (!closed) {
        const serverPid = await pid.catch(() => undefined);
        if (serverPid) process.kill(serverPid, 'SIGKILL');
        await dead;
      }
      if (parent.exitCode === null && parent.signalCode === null) {
        const exited = new Promise((resolve) => parent.once('exit', resolve));
        parent.kill('SIGKILL');
        await exited;
      }
    },
  };
}
