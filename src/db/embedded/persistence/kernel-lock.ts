import fs from 'node:fs';
import net from 'node:net';

/**
 * A lock the kernel drops the moment its holder dies, as mongod's flock on mongod.lock is.
 * A pid check cannot tell that: after kill -9 the dead process can linger as a zombie until
 * its parent reaps it, and its pid can be reused. Node has no flock(2), so each kernel's own
 * means is used, without native code:
 * - Linux: a listening unix socket in the abstract namespace, named after the directory's
 *   device and inode. bind(2) fails with EADDRINUSE while the holder lives; the name is freed
 *   when the socket's last descriptor closes, which the kernel does as the process exits,
 *   before it becomes a zombie.
 * - Windows: a named pipe of the same name (the first instance owns the name; it goes with
 *   the process's handles).
 * - macOS and the BSDs: open(2) with O_EXLOCK, which takes an flock(2) lock on the file
 *   atomically with the open: mongod's own lock.
 * The directory's device and inode, not its path, name it: symlinks, bind mounts and
 * relative paths all reach the same lock, as a lock on a file inside it would.
 */
export interface KernelLock {
  /** Frees the lock; resolves once another process can take it. */
  release(): Promise<void>;
}

type Mechanism = 'socket-name' | 'open-exlock';

// <fcntl.h> values on macOS, FreeBSD, OpenBSD and NetBSD; Node does not export them.
const O_SHLOCK = 0x10;
const O_EXLOCK = 0x20;
// Linux's sizeof(sockaddr_un.sun_path). An abstract name that fills it is the same address
// whether the libuv inside Node pads abstract names with NULs (older) or not (newer).
const SUN_PATH_BYTES = 108;

function mechanismFor(platform: NodeJS.Platform): Mechanism | null {
  if (platform === 'linux' || platform === 'android' || platform === 'win32') return 'socket-name';
  if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd' || platform === 'netbsd') return 'open-exlock';
  return null;
}

function mechanism(): Mechanism {
  const found = mechanismFor(process.platform);
  if (!found) throw new Error(`the embedded server cannot lock a data directory on ${process.platform}: run it without a data directory, or use a real MongoDB (MONGODB_URI)`);
  return found;
}

/** What identifies the directory to the kernel, whatever path reached it. */
export function directoryIdentity(dir: string): string {
  const stat = fs.statSync(dir, { bigint: true });
  return `${stat.dev}:${stat.ino}`;
}

function socketName(dir: string): string {
  const identity = directoryIdentity(dir);
  if (process.platform === 'win32') return `\\\\.\\pipe\\embedded-mongo-data-dir-${identity.replace(':', '-')}`;
  return `\0embedded-mongo-data-dir:${identity}:`.padEnd(SUN_PATH_BYTES, '_');
}

function listenOn(name: string): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    // Nobody talks to the lock; a probe (isHeld) only needs to connect.
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
    server.listen({ path: name }, () => {
      server.on('error', () => undefined); // a failed accept must not take the server down; the lock holds regardless
      server.unref(); // the lock alone must not keep the process alive
      resolve(server);
    });
  });
}

function connects(name: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: name });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(false);
      else reject(error);
    });
  });
}

function isWouldBlock(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

function openLocked(file: string, flags: number): number | null {
  try {
    return fs.openSync(file, flags | fs.constants.O_NONBLOCK, 0o644);
  } catch (error) {
    if (isWouldBlock(error)) return null;
    throw error;
  }
}

/**
 * Takes the lock of `dir` (which must exist) for this process; `lockFile` is the file inside
 * it that mechanisms locking a file use. Resolves with null when another holder has it.
 */
export async function takeKernelLock(dir: string, lockFile: string): Promise<KernelLock | null> {
  if (mechanism() === 'open-exlock') {
    const fd = openLocked(lockFile, fs.constants.O_RDWR | fs.constants.O_CREAT | O_EXLOCK);
    return fd === null ? null : { release: async () => fs.closeSync(fd) };
  }
  const server = await listenOn(socketName(dir));
  if (!server) return null;
  return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** True while some process holds the lock of `dir`; asks without taking it where it can. */
export async function isKernelLockHeld(dir: string, lockFile: string): Promise<boolean> {
  if (mechanism() === 'open-exlock') {
    // A shared lock for an instant: fails while an exclusive holder lives.
    let fd: number | null;
    try {
      fd = openLocked(lockFile, fs.constants.O_RDONLY | O_SHLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    if (fd === null) return true;
    fs.closeSync(fd);
    return false;
  }
  return connects(socketName(dir));
}
