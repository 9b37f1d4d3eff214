/**
 * Starts the embedded server in its own process (like a real mongod) for benchmarks, so the
 * server's work and the driver's work do not share one event loop and one core.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  uri: string;
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../src/db/embedded/cli.ts', import.meta.url));
const READY = /listening on (mongodb:\/\/\S+)/;

/** Spawns `db:embedded` on a free port; resolves once it prints its URI. */
export async function startServerProcess(options: { dataDir?: string; fsync?: 'always' | 'batched' } = {}): Promise<ServerProcess> {
  const args = ['--import', 'tsx', CLI, '--port', '0', '--log-level', 'warn'];
  if (options.dataDir) args.push('--data', options.dataDir, '--fsync', options.fsync ?? 'batched');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const uri = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const match = READY.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded server exited with ${code} before it was ready`)));
    child.once('error', reject);
  });
  return {
    uri,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
