/**
 * A CPU profile of only the measured part of a benchmark (not its seeding), written where
 * BENCH_CPU_PROFILE points, for chrome://inspect or any .cpuprofile viewer.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Profiles `work` when BENCH_CPU_PROFILE names a directory; otherwise just runs it. */
export async function profileWindow<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
